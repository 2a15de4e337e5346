//! The mock Anthropic Messages API at `/v1/messages`.
//!
//! Requests at a set temperature (the honesty check's and the audit's) are
//! answered deterministically: a token is a whitespace-separated word, the
//! input counts the system blocks and every message plus 3 for framing.
//! System blocks up to the last one with `cache_control` are a cacheable
//! prefix: written on first sight (as a 5-minute entry, or 1-hour with
//! `"ttl": "1h"`), read afterwards, as Anthropic's `usage` reports them.
//! Streamed, such an answer comes one word per `text_delta`,
//! [`DELTA_GAP_MS`] apart.

use super::{Delay, GOOD_KEY, RATE_LIMITED_KEY};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Response, StatusCode};
use axum::routing::post;
use axum::Router;
use bytes::Bytes;
use futures_util::StreamExt;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The time between two streamed words of an answer, in ms.
pub const DELTA_GAP_MS: u64 = 20;

#[derive(Clone)]
struct Upstream {
    delay: Delay,
    /// The cacheable prefixes seen, as text.
    cached: Arc<Mutex<HashSet<String>>>,
}

pub(crate) fn json(status: StatusCode, body: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// Words of a string, or of the `text` of each block of a list.
fn words(v: &Value) -> usize {
    match v {
        Value::String(t) => t.split_whitespace().count(),
        Value::Array(blocks) => blocks.iter().map(|b| words(&b["text"])).sum(),
        _ => 0,
    }
}

/// The cacheable prefix: the system blocks up to the last with
/// `cache_control`, its words, and whether it asks for 1 hour.
fn prefix(system: &Value) -> Option<(String, usize, bool)> {
    let blocks = system.as_array()?;
    let last = blocks
        .iter()
        .rposition(|b| b.get("cache_control").is_some())?;
    let cached = blocks.get(..=last)?;
    let text: Vec<&str> = cached.iter().filter_map(|b| b["text"].as_str()).collect();
    let one_hour = cached
        .iter()
        .any(|b| b["cache_control"]["ttl"].as_str() == Some("1h"));
    let text = text.join("\n");
    let n = text.split_whitespace().count();
    Some((text, n, one_hour))
}

/// The usage of a request, with the prefix read or written.
fn usage(request: &Value, cached: &Mutex<HashSet<String>>, output: usize) -> Value {
    let input = words(&request["system"])
        + request["messages"]
            .as_array()
            .map_or(0, |m| m.iter().map(|m| words(&m["content"])).sum())
        + 3;
    let mut usage = serde_json::json!({"input_tokens": input, "output_tokens": output});
    if let Some((text, n, one_hour)) = prefix(&request["system"]) {
        usage["input_tokens"] = Value::from(input - n);
        // 5-minute and 1-hour entries are kept apart.
        if cached.lock().unwrap().insert(format!("{one_hour}:{text}")) {
            usage["cache_creation_input_tokens"] = Value::from(n);
            let (m5, h1) = if one_hour { (0, n) } else { (n, 0) };
            usage["cache_creation"] = serde_json::json!({
                "ephemeral_5m_input_tokens": m5,
                "ephemeral_1h_input_tokens": h1,
            });
            usage["cache_read_input_tokens"] = Value::from(0);
        } else {
            usage["cache_creation_input_tokens"] = Value::from(0);
            usage["cache_read_input_tokens"] = Value::from(n);
        }
    }
    usage
}

/// The answer's words: the question's first words, cut at `max_tokens`.
fn answer_words(request: &Value) -> Vec<String> {
    let prompt = request["messages"][0]["content"].as_str().unwrap_or("");
    let max = request["max_tokens"].as_u64().unwrap_or(16) as usize;
    "Here is the answer to"
        .split_whitespace()
        .chain(prompt.split_whitespace().take(8))
        .take(max)
        .map(str::to_string)
        .collect()
}

/// A deterministic reply for a request at a set temperature.
fn answer(request: &Value, cached: &Mutex<HashSet<String>>) -> Value {
    let text = answer_words(request);
    serde_json::json!({
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "content": [{"type": "text", "text": text.join(" ")}],
        "model": "claude-haiku-4-5-20251001",
        "stop_reason": "end_turn",
        "usage": usage(request, cached, text.len()),
    })
}

fn event(name: &str, data: &Value) -> Bytes {
    Bytes::from(format!("event: {name}\ndata: {data}\n\n"))
}

/// The same answer streamed, one word per delta, [`DELTA_GAP_MS`] apart.
fn streamed(request: &Value, cached: &Mutex<HashSet<String>>) -> Response<Body> {
    let text = answer_words(request);
    let usage = usage(request, cached, text.len());
    let mut events = vec![
        event(
            "message_start",
            &serde_json::json!({"type": "message_start", "message": {"id": "msg_1", "type": "message", "role": "assistant", "content": [], "model": "claude-haiku-4-5-20251001", "usage": {"input_tokens": usage["input_tokens"], "output_tokens": 1}}}),
        ),
        event(
            "content_block_start",
            &serde_json::json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        ),
    ];
    let first_delta = events.len();
    for (i, w) in text.iter().enumerate() {
        let t = if i == 0 { w.clone() } else { format!(" {w}") };
        events.push(event("content_block_delta", &serde_json::json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": t}})));
    }
    events.push(event(
        "content_block_stop",
        &serde_json::json!({"type": "content_block_stop", "index": 0}),
    ));
    events.push(event("message_delta", &serde_json::json!({"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": text.len()}})));
    events.push(event(
        "message_stop",
        &serde_json::json!({"type": "message_stop"}),
    ));
    let stream =
        futures_util::stream::iter(events.into_iter().enumerate()).then(move |(i, e)| async move {
            if i > first_delta {
                tokio::time::sleep(Duration::from_millis(DELTA_GAP_MS)).await;
            }
            Ok::<_, std::convert::Infallible>(e)
        });
    Response::builder()
        .header("content-type", "text/event-stream")
        .body(Body::from_stream(stream))
        .unwrap()
}

async fn messages(State(u): State<Upstream>, headers: HeaderMap, body: Bytes) -> Response<Body> {
    let key = headers
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if key.is_empty() || (key != GOOD_KEY && key != RATE_LIMITED_KEY) {
        return json(
            StatusCode::UNAUTHORIZED,
            r#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#,
        );
    }
    if key == RATE_LIMITED_KEY {
        let mut r = json(
            StatusCode::TOO_MANY_REQUESTS,
            r#"{"type":"error","error":{"type":"rate_limit_error","message":"rate limited"}}"#,
        );
        r.headers_mut().insert("retry-after", "7".parse().unwrap());
        return r;
    }
    let request: Value = serde_json::from_slice(&body).unwrap_or_default();
    match request["model"].as_str().unwrap_or("") {
        "claude-haiku-4-5" => {}
        "overloaded" => {
            return json(
                StatusCode::from_u16(529).unwrap(),
                r#"{"type":"error","error":{"type":"overloaded_error","message":"overloaded"}}"#,
            )
        }
        "bad-request" => {
            return json(
                StatusCode::BAD_REQUEST,
                r#"{"type":"error","error":{"type":"invalid_request_error","message":"bad"}}"#,
            )
        }
        other => {
            return json(
                StatusCode::NOT_FOUND,
                &format!(
                    r#"{{"type":"error","error":{{"type":"not_found_error","message":"model: {other}"}}}}"#
                ),
            );
        }
    }
    tokio::time::sleep(u.delay.get()).await;
    let deterministic = request.get("temperature").is_some();
    if request["stream"].as_bool() == Some(true) {
        if deterministic {
            return streamed(&request, &u.cached);
        }
        let events = concat!(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-haiku-4-5\"}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":1}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
        );
        return Response::builder()
            .header("content-type", "text/event-stream")
            .body(Body::from(events))
            .unwrap();
    }
    if deterministic {
        return json(StatusCode::OK, &answer(&request, &u.cached).to_string());
    }
    json(
        StatusCode::OK,
        r#"{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"Hi"}],"model":"claude-haiku-4-5","stop_reason":"max_tokens","usage":{"input_tokens":8,"output_tokens":1}}"#,
    )
}

/// The mock Anthropic Messages API at `/v1/messages`.
pub fn upstream_app(delay: Delay) -> Router {
    Router::new()
        .route("/v1/messages", post(messages))
        .with_state(Upstream {
            delay,
            cached: Arc::default(),
        })
}
