//! The audit's requests, the same to the relay and to the official API,
//! at temperature 0:
//!
//! - **cache**: a stable prefix of [`PREFIX_WORDS`] words (past every
//!   model's minimum cacheable length), marked `cache_control` on Anthropic
//!   and sent as the system message on OpenAI, then a one-line question;
//! - **size**: questions of [`SIZES`] words, one output token;
//! - **stream**: one question streamed, [`STREAM_MAX_TOKENS`] of output.
//!
//! And what their replies report: input tokens, cache reads and writes,
//! output tokens, from a JSON reply or from a stream's events.

use super::measure::{Endpoint, ProbeRequest};
use super::request::{key_headers, messages_path};
use bytes::Bytes;
use llm_roi_core::pricebook::ApiStyle;
use serde_json::{json, Value};

/// Words of the cacheable prefix (about 5,500 tokens).
pub const PREFIX_WORDS: usize = 4_200;
/// Times the prefix is sent to each side.
pub const CACHE_REPEATS: usize = 3;
/// The question sizes of the offset regression, in words.
pub const SIZES: [usize; 5] = [40, 80, 160, 320, 640];
/// Streamed requests to each side.
pub const STREAMS: usize = 2;
pub const STREAM_MAX_TOKENS: u32 = 64;
/// Output tokens a cache request asks for.
pub const CACHE_MAX_TOKENS: u32 = 8;
const STREAM_PROMPT: &str = "Count from one to forty in words, separated by spaces.";
const CACHE_QUESTION: &str = "Reply with the first word of the text above.";

const VOCABULARY: [&str; 32] = [
    "river", "stone", "market", "window", "garden", "signal", "copper", "harbor", "lantern",
    "meadow", "engine", "violet", "canyon", "ledger", "orbit", "pepper", "summit", "thread",
    "valley", "anchor", "bridge", "candle", "desert", "feather", "glacier", "island", "jacket",
    "kettle", "ladder", "mirror", "needle", "pillow",
];

/// `n` words, the same every time (a fixed pseudo-random order).
pub fn words(n: usize, seed: u64) -> String {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let i = (state >> 59) as usize % VOCABULARY.len();
        out.push(VOCABULARY[i]);
    }
    out.join(" ")
}

/// One audit request as a [`ProbeRequest`] that keeps its reply.
fn request(ep: &Endpoint, style: ApiStyle, key: &str, body: Value) -> ProbeRequest {
    ProbeRequest {
        path: messages_path(ep, style),
        body: Bytes::from(body.to_string()),
        headers: key_headers(style, Some(key)),
        expected_status: None,
        keep_body: true,
    }
}

/// The cacheable prefix, then the question.
pub fn cache_request(ep: &Endpoint, style: ApiStyle, model: &str, key: &str) -> ProbeRequest {
    let prefix = words(PREFIX_WORDS, 1);
    let body = match style {
        ApiStyle::Anthropic => json!({
            "model": model, "max_tokens": CACHE_MAX_TOKENS, "temperature": 0,
            "system": [{"type": "text", "text": prefix, "cache_control": {"type": "ephemeral"}}],
            "messages": [{"role": "user", "content": CACHE_QUESTION}],
        }),
        ApiStyle::Openai => json!({
            "model": model, "max_tokens": CACHE_MAX_TOKENS, "temperature": 0,
            "messages": [{"role": "system", "content": prefix}, {"role": "user", "content": CACHE_QUESTION}],
        }),
    };
    request(ep, style, key, body)
}

/// A question of `n` words and one output token.
pub fn size_request(
    ep: &Endpoint,
    style: ApiStyle,
    model: &str,
    key: &str,
    n: usize,
) -> ProbeRequest {
    let body = json!({
        "model": model, "max_tokens": 1, "temperature": 0,
        "messages": [{"role": "user", "content": words(n, n as u64 + 2)}],
    });
    request(ep, style, key, body)
}

/// The streamed question.
pub fn stream_request(ep: &Endpoint, style: ApiStyle, model: &str, key: &str) -> ProbeRequest {
    let mut body = json!({
        "model": model, "max_tokens": STREAM_MAX_TOKENS, "temperature": 0, "stream": true,
        "messages": [{"role": "user", "content": STREAM_PROMPT}],
    });
    if style == ApiStyle::Openai {
        body["stream_options"] = json!({"include_usage": true});
    }
    request(ep, style, key, body)
}

/// The bytes each kind of request sends as text: (prefix, the rest).
pub fn text_bytes() -> [(u64, u64, u32); 3] {
    let max_size = SIZES
        .iter()
        .map(|n| words(*n, *n as u64 + 2).len())
        .max()
        .unwrap_or(0);
    [
        (
            words(PREFIX_WORDS, 1).len() as u64,
            CACHE_QUESTION.len() as u64,
            CACHE_MAX_TOKENS,
        ),
        (0, max_size as u64, 1),
        (0, STREAM_PROMPT.len() as u64, STREAM_MAX_TOKENS),
    ]
}

/// What a reply reports. `fresh` is input billed as input (Anthropic's
/// `input_tokens`; OpenAI's `prompt_tokens` less the cached ones).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReplyUsage {
    pub fresh: u64,
    pub read: u64,
    pub write: u64,
    pub write_1h: u64,
    pub output: u64,
}

impl ReplyUsage {
    /// Every input token, cached or not.
    pub fn input(&self) -> u64 {
        self.fresh + self.read + self.write
    }
}

fn num(v: &Value, p: &str) -> u64 {
    v.pointer(p).and_then(Value::as_u64).unwrap_or(0)
}

/// The `usage` object of a JSON reply or of a stream's events, merged.
fn read_usage(style: ApiStyle, usage: &Value, into: &mut ReplyUsage) {
    match style {
        ApiStyle::Anthropic => {
            if usage.get("input_tokens").is_some() {
                into.fresh = num(usage, "/input_tokens");
                into.read = num(usage, "/cache_read_input_tokens");
                into.write = num(usage, "/cache_creation_input_tokens");
                into.write_1h = num(usage, "/cache_creation/ephemeral_1h_input_tokens");
            }
            into.output = into.output.max(num(usage, "/output_tokens"));
        }
        ApiStyle::Openai => {
            let cached = num(usage, "/prompt_tokens_details/cached_tokens");
            into.read = cached;
            into.fresh = num(usage, "/prompt_tokens").saturating_sub(cached);
            into.output = num(usage, "/completion_tokens");
        }
    }
}

/// What a reply body reports; `None` when it is neither a JSON reply with
/// `usage` nor a stream with usage events.
pub fn reply_usage(style: ApiStyle, body: &[u8]) -> Option<ReplyUsage> {
    let mut out = ReplyUsage::default();
    if let Ok(v) = serde_json::from_slice::<Value>(body) {
        let usage = v.get("usage")?;
        read_usage(style, usage, &mut out);
        return Some(out);
    }
    let text = std::str::from_utf8(body).ok()?;
    let mut found = false;
    for data in text.lines().filter_map(|l| l.strip_prefix("data:")) {
        let Ok(v) = serde_json::from_str::<Value>(data.trim()) else {
            continue;
        };
        let usage = v.pointer("/message/usage").or_else(|| v.get("usage"));
        if let Some(u) = usage.filter(|u| u.is_object()) {
            read_usage(style, u, &mut out);
            found = true;
        }
    }
    found.then_some(out)
}
