//! A bounded in-memory cache of rendered answers: reports, embeds, charts,
//! the CSV and the JSON estimate.
//!
//! The key is the path, the origin links are made with, the pricebook
//! fingerprint and the query read as a link: a query the codec reads
//! without a problem is keyed by its canonical form, so equivalent links
//! (keys in another order, `1,000` for `1000`, defaults spelt out) share one
//! entry; a query with problems is keyed as written, because the page shows
//! what was typed. The pricebook is loaded once per process, so a new
//! pricebook means a new process and an empty cache. Entries are weighed by
//! their body size and its copies' (below), up to `--render-cache-mb`; moka
//! evicts the least valuable past that. `GET /api/v1/status` shows the
//! counters.
//!
//! A text entry also keeps a brotli and a gzip copy, made once when it is
//! stored, and a hit is sent in the coding the client prefers. Without them
//! `CompressionLayer` compressed every hit again: a repeated `/report` asked
//! for with `Accept-Encoding: br` (every browser) ran at about a tenth of the
//! rate of the same request without it.

use super::accept_encoding::{self, Coding};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;
use llm_roi_core::scenario::codec::{decode_link, encode, split_query};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The cache's size when the flag sets none.
pub const DEFAULT_MB: u64 = 64;
/// The largest answer kept.
const MAX_ENTRY_BYTES: usize = 2 * 1024 * 1024;
/// The copies' levels: they are made on the miss's path, so fast ones
/// (tower-http compresses with brotli 4 per answer). A 46,865 B report is
/// 8,498 B at brotli 5 and 7,468 B at 11, the slowest level.
const BROTLI_QUALITY: u32 = 5;
const GZIP_LEVEL: u32 = 6;
/// The headers kept with a body.
const KEPT: [header::HeaderName; 4] = [
    header::CONTENT_TYPE,
    header::CONTENT_DISPOSITION,
    header::CACHE_CONTROL,
    header::ETAG,
];

/// A part of the key an outer layer puts in the request: the state of
/// what else the page shows (the probe history's stamp for `/report`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyExtra(pub String);

#[derive(Debug)]
struct Entry {
    headers: HeaderMap,
    body: Bytes,
    /// The body in brotli and in gzip, for a text body.
    copies: Option<(Bytes, Bytes)>,
}

/// Whether an answer of this type is compressed (what `CompressionLayer`
/// would compress: text, JSON, SVG, CSV; not other images).
fn compressible(headers: &HeaderMap) -> bool {
    let Some(kind) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let kind = kind.to_ascii_lowercase();
    kind.starts_with("text/") && !kind.starts_with("text/event-stream")
        || kind.contains("json")
        || kind.contains("svg")
        || kind.contains("xml")
}

impl Entry {
    /// The entry for an answer's headers and body; the copies are left out
    /// if compressing fails (the layer outside then compresses the answer).
    fn new(headers: HeaderMap, body: Bytes) -> Self {
        let copies = if body.len() >= 32 && compressible(&headers) {
            match (
                super::assets::brotli_at(&body, BROTLI_QUALITY),
                super::assets::gzip_at(&body, GZIP_LEVEL),
            ) {
                (Ok(br), Ok(gz)) => Some((Bytes::from(br), Bytes::from(gz))),
                _ => None,
            }
        } else {
            None
        };
        Self {
            headers,
            body,
            copies,
        }
    }

    /// What a cache entry weighs: its key and every copy of its body.
    fn weight(&self, key: &str) -> u32 {
        let copies = self
            .copies
            .as_ref()
            .map_or(0, |(br, gz)| br.len() + gz.len());
        u32::try_from(key.len() + self.body.len() + copies).unwrap_or(u32::MAX)
    }

    /// The answer in `coding` when a copy is kept, else as rendered.
    fn answer(&self, coding: Option<Coding>) -> Response {
        let copy = match (coding, &self.copies) {
            (Some(Coding::Brotli), Some((br, _))) => Some((br, Coding::Brotli)),
            (Some(Coding::Gzip), Some((_, gz))) => Some((gz, Coding::Gzip)),
            _ => None,
        };
        let body = copy.map_or(&self.body, |(bytes, _)| bytes);
        let mut res = Response::new(Body::from(body.clone()));
        *res.headers_mut() = self.headers.clone();
        if let Some((_, coding)) = copy {
            res.headers_mut()
                .insert(header::CONTENT_ENCODING, coding.header_value());
        }
        if self.copies.is_some() {
            res.headers_mut().insert(
                header::VARY,
                header::HeaderValue::from_static("accept-encoding"),
            );
        }
        res
    }
}

/// The cache and its counters.
pub struct RenderCache {
    entries: moka::sync::Cache<String, Arc<Entry>>,
    /// Queries as written → [`canonical`]: a repeated link is decoded once.
    canonical: moka::sync::Cache<String, Arc<str>>,
    fingerprint: String,
    max_bytes: u64,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// What `GET /api/v1/status` shows of the cache.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CacheStats {
    pub entries: u64,
    pub bytes: u64,
    pub max_bytes: u64,
    pub hits: u64,
    pub misses: u64,
}

/// Whether answers to `path` are cached: the route table's rule (not `/` and
/// `/probe`, which show the probe's live budget). `/report` shows the probe
/// history too, so its key also holds the history's stamp ([`KeyExtra`]).
fn cached_path(path: &str) -> bool {
    super::route_rules::rules(path).render_cached
}

/// The query as the cache keys it.
pub fn canonical(query: &str) -> String {
    let d = decode_link(&split_query(query), &["show"]);
    if !d.errors.is_empty() {
        return format!("raw:{query}");
    }
    let extra: Vec<String> = d.extra.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!(
        "v={}&{}&pb={}&{}",
        d.link.version,
        encode(&d.scenario),
        d.link.pricebook.unwrap_or_default(),
        extra.join("&")
    )
}

impl RenderCache {
    /// A cache of at most `max_mb` MB of bodies for the pricebook `fingerprint`.
    pub fn new(max_mb: u64, fingerprint: &str) -> Self {
        let max_bytes = max_mb.saturating_mul(1024 * 1024);
        Self {
            entries: moka::sync::Cache::builder()
                .max_capacity(max_bytes)
                .weigher(|k: &String, e: &Arc<Entry>| e.weight(k))
                .build(),
            // An eighth of the cache, at most 8 MiB: some 40,000 links of
            // a typical length, or 1,000 of the 8 KB a query may have.
            canonical: moka::sync::Cache::builder()
                .max_capacity((max_bytes / 8).min(8 * 1024 * 1024))
                .weigher(|q: &String, c: &Arc<str>| {
                    u32::try_from(q.len() + c.len()).unwrap_or(u32::MAX)
                })
                .build(),
            fingerprint: fingerprint.to_string(),
            max_bytes,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// The counters now.
    pub fn stats(&self) -> CacheStats {
        self.entries.run_pending_tasks();
        CacheStats {
            entries: self.entries.entry_count(),
            bytes: self.entries.weighted_size(),
            max_bytes: self.max_bytes,
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
        }
    }

    fn key(&self, req: &Request) -> Option<String> {
        if req.method() != Method::GET || !cached_path(req.uri().path()) || self.max_bytes == 0 {
            return None;
        }
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        // Pages showing the probe history are keyed by its state too.
        let history = req
            .extensions()
            .get::<KeyExtra>()
            .map_or("", |s| s.0.as_str());
        Some(format!(
            "{}\n{host}\n{}\n{}\n{history}",
            req.uri().path(),
            self.fingerprint,
            self.canonical_of(req.uri().query().unwrap_or(""))
        ))
    }

    /// [`canonical`], remembered per query as written.
    fn canonical_of(&self, query: &str) -> Arc<str> {
        if let Some(known) = self.canonical.get(query) {
            return known;
        }
        let made: Arc<str> = canonical(query).into();
        self.canonical.insert(query.to_string(), made.clone());
        made
    }
}

/// The middleware: answers from the cache, or renders and keeps a `200`.
pub async fn serve(State(cache): State<Arc<RenderCache>>, req: Request, next: Next) -> Response {
    let Some(key) = cache.key(&req) else {
        return next.run(req).await;
    };
    let coding = accept_encoding::preferred(req.headers());
    if let Some(hit) = cache.entries.get(&key) {
        cache.hits.fetch_add(1, Ordering::Relaxed);
        return hit.answer(coding);
    }
    cache.misses.fetch_add(1, Ordering::Relaxed);
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(collected) = body.collect().await else {
        return Response::from_parts(parts, Body::empty());
    };
    let bytes = collected.to_bytes();
    if !parts.headers.contains_key(header::ETAG) {
        // Tagged once here rather than hashed again on every hit.
        if let Ok(tag) = header::HeaderValue::from_str(&super::etag::tag_of(&bytes)) {
            parts.headers.insert(header::ETAG, tag);
        }
    }
    if bytes.len() <= MAX_ENTRY_BYTES {
        let mut headers = HeaderMap::new();
        for name in KEPT {
            if let Some(v) = parts.headers.get(&name) {
                headers.insert(name, v.clone());
            }
        }
        let entry = Arc::new(Entry::new(headers, bytes.clone()));
        cache.entries.insert(key, entry.clone());
        if entry.copies.is_some() && coding.is_some() {
            // The rendered answer's own headers, in the entry's coding.
            let sent = entry.answer(coding);
            let (sent_parts, body) = sent.into_parts();
            for name in [header::CONTENT_ENCODING, header::VARY] {
                if let Some(v) = sent_parts.headers.get(&name) {
                    parts.headers.insert(name, v.clone());
                }
            }
            parts.headers.remove(header::CONTENT_LENGTH);
            return Response::from_parts(parts, body);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::{canonical, RenderCache};

    #[test]
    fn a_query_is_canonicalised_once_and_then_remembered() {
        let cache = RenderCache::new(1, "fp");
        for _ in 0..2 {
            assert_eq!(
                &*cache.canonical_of("rpd=1,000&in=0"),
                canonical("in=0&rpd=1000")
            );
            assert_eq!(&*cache.canonical_of("rpd=x"), "raw:rpd=x");
        }
        cache.canonical.run_pending_tasks();
        assert_eq!(cache.canonical.entry_count(), 2);
    }

    #[test]
    fn equivalent_links_share_a_key_and_bad_ones_keep_their_text() {
        assert_eq!(canonical("rpd=1,000&in=0"), canonical("in=0&rpd=1000"));
        assert_eq!(canonical("rpd=1000&cur=USD"), canonical("rpd=1000"));
        assert_ne!(canonical("rpd=1000"), canonical("rpd=1001"));
        assert_ne!(canonical("v=1&rpd=1000"), canonical("v=2&rpd=1000"));
        assert_ne!(canonical("rpd=1000&show=table"), canonical("rpd=1000"));
        assert_eq!(canonical("rpd=x"), "raw:rpd=x");
        assert_ne!(canonical("rpd=x"), canonical("rpd=%78"));
    }
}
