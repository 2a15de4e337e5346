//! `ETag` and `304 Not Modified` for pages, JSON and CSV.
//!
//! The tag is a digest of the answer's body (with the app version, without
//! the nonce leptos writes into every page, which the page's content
//! security policy does not use), taken before compression, so it changes
//! exactly when the answer does: a page
//! also shows the probe's hourly budget and, without `--public-url`, the
//! request's own origin, which a tag made from the query and the pricebook
//! alone would miss. It is weak (`W/"…"`) because the bytes sent differ by
//! content encoding. A request whose `If-None-Match` holds the tag gets
//! `304` with no body. Charts have their own tag (see `charts::route`), and
//! `/pkg` files their `Last-Modified`.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use sha2::{Digest, Sha256};

/// The per-render nonce leptos writes into a page (`nonce="…"`), which our
/// content security policy does not use.
fn nonce(body: &[u8]) -> Option<&[u8]> {
    const MARK: &[u8] = b" nonce=\"";
    let at = body.windows(MARK.len()).position(|w| w == MARK)? + MARK.len();
    let len = body[at..].iter().position(|b| *b == b'"')?;
    (len > 0).then(|| &body[at..at + len])
}

/// The weak tag of a body, its per-render nonce left out.
pub fn tag_of(body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update([0]);
    match nonce(body) {
        Some(n) => {
            let mut from = 0;
            for i in memchr::memmem::find_iter(body, n) {
                h.update(&body[from..i]);
                from = i + n.len();
            }
            h.update(&body[from..]);
        }
        None => h.update(body),
    }
    let hex: String = h
        .finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("W/\"{hex}\"")
}

/// Whether `If-None-Match` (a list, or `*`) holds `tag`, compared weakly.
fn matches(if_none_match: &str, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    if_none_match.trim() == "*" || if_none_match.split(',').any(|t| bare(t) == bare(tag))
}

/// `304` with the answer's headers but no body.
fn not_modified(mut parts: axum::http::response::Parts) -> Response {
    parts.status = StatusCode::NOT_MODIFIED;
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_TYPE);
    Response::from_parts(parts, Body::empty())
}

/// The middleware.
pub async fn conditional(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let tagged = super::route_rules::rules(req.uri().path()).body_etag;
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let res = next.run(req).await;
    let get = matches!(method, Method::GET | Method::HEAD);
    if !get || res.status() != StatusCode::OK {
        return res;
    }
    // An answer that has its own tag (a chart, a cached answer) is only checked.
    if let Some(tag) = res
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
    {
        if if_none_match.is_some_and(|h| matches(&h, tag)) {
            return not_modified(res.into_parts().0);
        }
        return res;
    }
    if !tagged {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match body.collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the answer could not be read: {e}"),
            )
                .into_response()
        }
    };
    let tag = tag_of(&bytes);
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    if if_none_match.is_some_and(|h| matches(&h, &tag)) {
        return not_modified(parts);
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_is_compared_weakly_and_as_a_list() {
        let tag = tag_of(b"hello");
        assert!(tag.starts_with("W/\"") && tag.len() == 28, "{tag}");
        assert_ne!(tag, tag_of(b"hello!"));
        let strong = tag.trim_start_matches("W/");
        assert!(matches(&tag, &tag));
        assert!(matches(strong, &tag));
        assert!(matches(&format!("\"x\", {tag}"), &tag));
        assert!(matches("*", &tag));
        assert!(!matches("\"x\"", &tag));
        assert_eq!(
            tag_of(br#"<script nonce="abc">a</script><link crossorigin="abc">"#),
            tag_of(br#"<script nonce="xyz">a</script><link crossorigin="xyz">"#)
        );
    }
}
