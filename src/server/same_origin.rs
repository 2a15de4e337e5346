//! Requests that change state (any method but GET, HEAD and OPTIONS) are
//! taken from this site and from clients that are not browsers only: a
//! browser's `Sec-Fetch-Site: cross-site` or `same-site`, or an `Origin`
//! whose host is not this site's, gets `403`; a route that reads JSON
//! (`route_rules::json_body`) refuses another `Content-Type` with `415`, so
//! that a cross-site form cannot post to it as `text/plain`. The no-JS
//! honesty form also carries a token ([`FormToken`]): derived from the
//! operator token when there is one, so every server sharing it accepts
//! the forms of the others; else random per process.
//!
//! Usage:
//!
//! ```ignore
//! router.layer(middleware::from_fn_with_state(site, same_origin::guard))
//! ```

use super::answer_format::answer;
use super::route_rules::rules;
use super::site::Site;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;

/// The token the no-JS forms carry: 128 random bits a process, which a page
/// on another site cannot read.
#[derive(Debug, Clone)]
pub struct FormToken(pub Arc<str>);

impl FormToken {
    /// A new random token (the standard library's per-process random keys).
    pub fn new() -> Self {
        let word = || {
            std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish()
        };
        Self(format!("{:016x}{:016x}", word(), word()).into())
    }

    /// The token of every server whose operator token is `secret`: 128 bits
    /// of SHA-256 over it, so a page can show it without showing the secret.
    pub fn derived(secret: &str) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new()
            .chain_update(b"llm-roi form token\0")
            .chain_update(secret.as_bytes())
            .finalize();
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        Self(hex.into())
    }
}

impl Default for FormToken {
    fn default() -> Self {
        Self::new()
    }
}

/// The host (and port) of this site: `--public-url`'s, else the `Host` header.
fn own_host(site: &Site, headers: &HeaderMap) -> String {
    let origin = site.origin(headers);
    origin
        .split_once("://")
        .map_or(origin.as_str(), |(_, h)| h)
        .to_ascii_lowercase()
}

/// Why a state-changing request is refused, if it is.
pub fn refusal(
    site: &Site,
    method: &Method,
    headers: &HeaderMap,
    path: &str,
) -> Option<(StatusCode, String)> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(fetch_site @ ("cross-site" | "same-site")) =
        text(header::HeaderName::from_static("sec-fetch-site"))
    {
        return Some((
            StatusCode::FORBIDDEN,
            format!("a {fetch_site} request may not change anything here: use this site's pages, or a client that is not a browser"),
        ));
    }
    if let Some(origin) = text(header::ORIGIN) {
        let host = origin
            .split_once("://")
            .map_or("", |(_, h)| h)
            .to_ascii_lowercase();
        if host != own_host(site, headers) {
            return Some((
                StatusCode::FORBIDDEN,
                format!("requests from {origin} may not change anything here"),
            ));
        }
    }
    let json = text(header::CONTENT_TYPE).is_some_and(|t| {
        t.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    });
    if rules(path).json_body && !json {
        return Some((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the body as JSON, with Content-Type: application/json".into(),
        ));
    }
    None
}

/// The middleware.
pub async fn guard(State(site): State<std::sync::Arc<Site>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    match refusal(&site, req.method(), req.headers(), path) {
        Some((status, message)) => {
            tracing::info!(
                path,
                status = status.as_u16(),
                "state-changing request refused"
            );
            answer(rules(path).format, status, &message)
        }
        None => next.run(req).await,
    }
}
