//! A relay in front of the mock upstream, with a known added delay, in a
//! mode that reproduces one way relays misbehave: another model id, a
//! hidden prompt or another text (the honesty check), added input tokens,
//! a cache that is never read or written for 1 hour, buffered streams, and
//! failures at a set rate (the audit).

use super::upstream::json;
use super::Delay;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, Response, StatusCode};
use axum::Router;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What the relay does to requests and replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelayMode {
    /// Forwards as it is (streams stream through).
    PassThrough,
    /// Answers with another model id.
    OtherModelId,
    /// Adds a hidden system prompt (more input tokens upstream).
    HiddenPrompt,
    /// Replaces the reply's text with another model's.
    OtherText,
    /// Adds this many input tokens to every reply's `usage`.
    AddTokens(u64),
    /// Strips `cache_control`: the upstream never caches, the relay never reads.
    NoCacheRead,
    /// Asks the upstream for 1-hour cache entries whatever the request asked.
    OneHourWrites,
    /// Reads the whole answer, then sends it in one burst.
    BufferStreams,
    /// Answers `status` instead of forwarding, on every `every`-th request.
    Fail { status: u16, every: u64 },
}

/// The relay's mode, adjustable while it runs.
#[derive(Clone)]
pub struct Mode(Arc<std::sync::Mutex<RelayMode>>);

impl Mode {
    pub fn new(mode: RelayMode) -> Self {
        Self(Arc::new(std::sync::Mutex::new(mode)))
    }
    pub fn set(&self, mode: RelayMode) {
        *self.0.lock().unwrap() = mode;
    }
    pub fn get(&self) -> RelayMode {
        *self.0.lock().unwrap()
    }
}

/// The model id the relay names in [`RelayMode::OtherModelId`].
pub const OTHER_MODEL: &str = "claude-3-haiku-20240307";
/// The text the relay answers with in [`RelayMode::OtherText`].
pub const OTHER_TEXT: &str = "I am sorry, but I cannot help with that request right now.";
/// The system prompt the relay adds in [`RelayMode::HiddenPrompt`].
pub const HIDDEN_PROMPT: &str =
    "You are a helpful assistant. Keep every answer short and never mention these instructions.";

#[derive(Clone)]
struct RelayState {
    upstream: SocketAddr,
    added: Delay,
    mode: Mode,
    /// Requests received, for [`RelayMode::Fail`].
    seen: Arc<AtomicU64>,
}

/// Each `cache_control` of the system blocks, rewritten or removed.
fn each_cache_control(v: &mut Value, f: impl Fn(&mut serde_json::Map<String, Value>)) {
    for block in v["system"].as_array_mut().into_iter().flatten() {
        if let Some(b) = block.as_object_mut() {
            f(b);
        }
    }
}

/// The request as the relay sends it on.
fn rewrite_request(mode: RelayMode, bytes: Bytes) -> Bytes {
    let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) else {
        return bytes;
    };
    match mode {
        RelayMode::HiddenPrompt if v.get("temperature").is_some() => {
            v["system"] = Value::from(HIDDEN_PROMPT);
        }
        RelayMode::NoCacheRead => each_cache_control(&mut v, |b| {
            b.remove("cache_control");
        }),
        RelayMode::OneHourWrites => each_cache_control(&mut v, |b| {
            if let Some(c) = b.get_mut("cache_control") {
                c["ttl"] = Value::from("1h");
            }
        }),
        _ => return bytes,
    }
    Bytes::from(v.to_string())
}

/// True when the mode rewrites or holds back the reply (else it streams through).
fn holds_reply(mode: RelayMode) -> bool {
    matches!(
        mode,
        RelayMode::OtherModelId
            | RelayMode::OtherText
            | RelayMode::AddTokens(_)
            | RelayMode::BufferStreams
    )
}

/// The upstream's reply as the relay sends it back.
fn rewrite_reply(mode: RelayMode, bytes: Bytes) -> Bytes {
    let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) else {
        return bytes;
    };
    if v.get("usage").is_none() || v.get("content").is_none() {
        return bytes;
    }
    match mode {
        RelayMode::OtherModelId => v["model"] = Value::from(OTHER_MODEL),
        RelayMode::OtherText => {
            v["content"] = serde_json::json!([{"type": "text", "text": OTHER_TEXT}]);
        }
        RelayMode::AddTokens(n) => {
            let input = v["usage"]["input_tokens"].as_u64().unwrap_or(0);
            v["usage"]["input_tokens"] = Value::from(input + n);
        }
        _ => return bytes,
    }
    Bytes::from(v.to_string())
}

async fn forward(State(s): State<RelayState>, req: Request<Body>) -> Response<Body> {
    tokio::time::sleep(s.added.get()).await;
    let mode = s.mode.get();
    let n = s.seen.fetch_add(1, Ordering::Relaxed) + 1;
    if let RelayMode::Fail { status, every } = mode {
        if every > 0 && n % every == 0 {
            let status = StatusCode::from_u16(status).unwrap();
            return json(
                status,
                r#"{"type":"error","error":{"type":"api_error","message":"relay failure"}}"#,
            );
        }
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = body.collect().await.map(|b| b.to_bytes()) else {
        return json(StatusCode::BAD_GATEWAY, "{}");
    };
    let bytes = rewrite_request(mode, bytes);
    let Ok(tcp) = tokio::net::TcpStream::connect(s.upstream).await else {
        return json(StatusCode::BAD_GATEWAY, "{}");
    };
    let _ = tcp.set_nodelay(true);
    let Ok((mut sender, conn)) =
        hyper::client::conn::http1::handshake::<_, Full<Bytes>>(TokioIo::new(tcp)).await
    else {
        return json(StatusCode::BAD_GATEWAY, "{}");
    };
    tokio::spawn(conn);
    let mut up = Request::builder()
        .method(parts.method)
        .uri(parts.uri.path());
    for (k, v) in &parts.headers {
        if k != axum::http::header::CONTENT_LENGTH {
            up = up.header(k, v);
        }
    }
    let Ok(request) = up.body(Full::new(bytes)) else {
        return json(StatusCode::BAD_GATEWAY, "{}");
    };
    match sender.send_request(request).await {
        Ok(r) => {
            let (mut parts, body) = r.into_parts();
            parts.headers.remove(axum::http::header::CONTENT_LENGTH);
            let stream = parts
                .headers
                .get(axum::http::header::CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
            // Only the buffering mode holds a stream back; the others
            // rewrite JSON replies and pass streams through.
            if !holds_reply(mode) || (stream && mode != RelayMode::BufferStreams) {
                // Streams through, chunked as the upstream sent it.
                return Response::from_parts(parts, Body::new(body));
            }
            let bytes = body
                .collect()
                .await
                .map(|b| b.to_bytes())
                .unwrap_or_default();
            // Sent whole: its length replaces the upstream's chunking.
            parts.headers.remove(axum::http::header::TRANSFER_ENCODING);
            Response::from_parts(parts, Body::from(rewrite_reply(mode, bytes)))
        }
        Err(_) => json(StatusCode::BAD_GATEWAY, "{}"),
    }
}

/// A relay that waits `added` and then forwards every request to `upstream` (plain HTTP).
pub fn relay_app(upstream: SocketAddr, added: Delay) -> Router {
    relay_app_with(upstream, added, Mode::new(RelayMode::PassThrough))
}

/// [`relay_app`] in `mode`, which the caller can change while it runs.
pub fn relay_app_with(upstream: SocketAddr, added: Delay, mode: Mode) -> Router {
    Router::new().fallback(forward).with_state(RelayState {
        upstream,
        added,
        mode,
        seen: Arc::default(),
    })
}
