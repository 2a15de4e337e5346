//! Security headers on every response.
//!
//! - `Content-Security-Policy: frame-ancestors …`: a frameable route
//!   (`route_rules`: `/embed`) may be framed by the site and the
//!   `--embed-origins`; every other route by nobody
//!   (`'none'`, with `X-Frame-Options: DENY` for older browsers).
//! - `X-Content-Type-Options: nosniff`.
//! - `Referrer-Policy: strict-origin-when-cross-origin`: a scenario's query
//!   never leaves the site in a `Referer`; other sites see the origin only.

use super::site::Site;
use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The header values, built once at start.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    embed_csp: HeaderValue,
}

impl SecurityHeaders {
    pub fn new(site: &Site) -> Self {
        let policy = format!("frame-ancestors {}", site.frame_ancestors());
        Self {
            // Origins were validated at start: only header-safe characters.
            embed_csp: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static("frame-ancestors 'self'")),
        }
    }
}

/// The middleware.
pub async fn add(State(policy): State<Arc<SecurityHeaders>>, req: Request, next: Next) -> Response {
    let embed = super::route_rules::rules(req.uri().path()).frameable;
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if embed {
        h.insert(CONTENT_SECURITY_POLICY, policy.embed_csp.clone());
        h.remove(X_FRAME_OPTIONS);
    } else {
        h.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        );
        h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(
        REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    res
}
