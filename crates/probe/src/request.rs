//! The request a probe sends to an endpoint: the smallest Messages or Chat
//! Completions call (one output token), with the key as a sensitive header
//! when there is one, and the endpoint's URL as shown to the user.

use super::measure::{Endpoint, ProbeRequest};
use bytes::Bytes;
use llm_roi_core::pricebook::ApiStyle;

/// The Messages or Chat Completions path under the endpoint's base path.
pub(crate) fn messages_path(ep: &Endpoint, style: ApiStyle) -> String {
    let versioned = ep.base_path.ends_with("/v1");
    match (style, versioned) {
        (ApiStyle::Anthropic, true) => "/messages".into(),
        (ApiStyle::Anthropic, false) => "/v1/messages".into(),
        (ApiStyle::Openai, true) => "/chat/completions".into(),
        (ApiStyle::Openai, false) => "/v1/chat/completions".into(),
    }
}

/// A one-token request; streamed (for time to first token) when there is a key.
pub fn probe_request(
    ep: &Endpoint,
    style: ApiStyle,
    model: &str,
    key: Option<&str>,
) -> ProbeRequest {
    let stream = key.is_some();
    let body = serde_json::json!({
        "model": model,
        "max_tokens": 1,
        "stream": stream,
        "messages": [{"role": "user", "content": "ping"}],
    });
    ProbeRequest {
        path: messages_path(ep, style),
        body: Bytes::from(body.to_string()),
        headers: key_headers(style, key),
        expected_status: (!stream).then_some(401),
        keep_body: false,
    }
}

/// The honesty check's request: `prompt` at temperature 0, not streamed,
/// its reply kept.
pub fn honesty_request(
    ep: &Endpoint,
    style: ApiStyle,
    model: &str,
    key: &str,
    prompt: &str,
    max_tokens: u32,
) -> ProbeRequest {
    let body = serde_json::json!({
        "model": model,
        "max_tokens": max_tokens,
        "temperature": 0,
        "messages": [{"role": "user", "content": prompt}],
    });
    ProbeRequest {
        path: messages_path(ep, style),
        body: Bytes::from(body.to_string()),
        headers: key_headers(style, Some(key)),
        expected_status: None,
        keep_body: true,
    }
}

/// The key as the API style sends it, marked sensitive.
pub(crate) fn key_headers(
    style: ApiStyle,
    key: Option<&str>,
) -> Vec<(hyper::header::HeaderName, hyper::header::HeaderValue)> {
    key.and_then(|k| {
        let (name, value) = match style {
            ApiStyle::Anthropic => ("x-api-key", k.to_string()),
            ApiStyle::Openai => ("authorization", format!("Bearer {k}")),
        };
        let mut v = hyper::header::HeaderValue::from_str(&value).ok()?;
        v.set_sensitive(true);
        Some(vec![(hyper::header::HeaderName::from_static(name), v)])
    })
    .unwrap_or_default()
}

/// `scheme://host:port/base` of the endpoint.
pub fn display_url(ep: &Endpoint) -> String {
    format!(
        "{}://{}:{}{}",
        if ep.https { "https" } else { "http" },
        ep.host,
        ep.port,
        ep.base_path
    )
}
