//! The scenario's URL query: readable keys, parsed field by field.
//!
//! A bad value never drops silently: [`decode`] keeps the default for that
//! field and reports a [`FieldError`] naming the key, the value and what is
//! allowed; every other field keeps its value.
//!
//! ```
//! use llm_roi::domain::codec::{decode, encode};
//! let (s, errors) = decode(&[("rpd".into(), "1000".into()), ("out".into(), "x".into())]);
//! assert_eq!(s.requests_per_day, 1000);
//! assert_eq!(errors[0].field, "out");
//! assert_eq!(encode(&s), "rpd=1000");
//! ```

use crate::domain::money::DisplayCurrency;
use crate::domain::pricebook::ModelRef;
use crate::domain::scenario::{CacheTtl, FieldError, Scenario};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Every key, in the canonical order.
pub const KEYS: [&str; 10] = [
    "rpd", "in", "out", "cr", "cw", "ttl", "batch", "base", "cmp", "cur",
];

/// Largest accepted requests per day.
pub const MAX_REQUESTS_PER_DAY: u64 = 1_000_000_000_000;
/// Largest accepted average tokens per request, in either direction.
pub const MAX_TOKENS: u64 = 10_000_000;

fn err(field: &str, value: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        value: value.into(),
        message: message.into(),
    }
}

fn parse_count(key: &str, v: &str) -> Result<u64, FieldError> {
    let cleaned: String = v
        .trim()
        .chars()
        .filter(|c| *c != '_' && *c != ',')
        .collect();
    cleaned
        .parse::<u64>()
        .ok()
        .filter(|n| *n <= MAX_REQUESTS_PER_DAY)
        .ok_or_else(|| {
            err(
                key,
                v,
                "enter a whole number of requests per day from 0 to 1,000,000,000,000",
            )
        })
}

fn parse_decimal(key: &str, v: &str, max: Decimal, what: &str) -> Result<Decimal, FieldError> {
    Decimal::from_str(v.trim())
        .ok()
        .filter(|d| *d >= Decimal::ZERO && *d <= max)
        .map(|d| d.normalize())
        .ok_or_else(|| err(key, v, format!("enter {what}")))
}

fn parse_tokens(key: &str, v: &str) -> Result<Decimal, FieldError> {
    parse_decimal(
        key,
        v,
        Decimal::from(MAX_TOKENS),
        "an average number of tokens per request from 0 to 10,000,000",
    )
}

fn parse_pct(key: &str, v: &str) -> Result<Decimal, FieldError> {
    parse_decimal(key, v, Decimal::ONE_HUNDRED, "a percentage from 0 to 100")
}

/// Parses `provider/model`.
pub fn parse_ref(key: &str, v: &str) -> Result<ModelRef, FieldError> {
    match v.trim().split_once('/') {
        Some((p, m)) if !p.is_empty() && !m.is_empty() => Ok(ModelRef {
            provider: p.to_string(),
            model: m.to_string(),
        }),
        _ => Err(err(
            key,
            v,
            "write the option as provider/model, e.g. anthropic/claude-haiku-4-5",
        )),
    }
}

/// Decodes query pairs into a scenario and the problems found.
pub fn decode(pairs: &[(String, String)]) -> (Scenario, Vec<FieldError>) {
    let mut s = Scenario::default();
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in pairs {
        let Some(known) = KEYS.iter().copied().find(|k| k == key) else {
            errors.push(err(
                key,
                value,
                format!("unknown parameter; allowed: {}", KEYS.join(", ")),
            ));
            continue;
        };
        if seen.contains(&known) {
            errors.push(err(
                key,
                value,
                "given more than once; give each parameter once",
            ));
            continue;
        }
        seen.push(known);
        let result = match known {
            "rpd" => parse_count(key, value).map(|n| s.requests_per_day = n),
            "in" => parse_tokens(key, value).map(|d| s.input_tokens = d),
            "out" => parse_tokens(key, value).map(|d| s.output_tokens = d),
            "cr" => parse_pct(key, value).map(|d| s.cache_read_pct = d),
            "cw" => parse_pct(key, value).map(|d| s.cache_write_pct = d),
            "batch" => parse_pct(key, value).map(|d| s.batch_pct = d),
            "ttl" => match value.trim() {
                "5m" => Ok(CacheTtl::FiveMinutes),
                "1h" => Ok(CacheTtl::OneHour),
                _ => Err(err(key, value, "choose 5m or 1h")),
            }
            .map(|t| s.cache_ttl = t),
            "base" => parse_ref(key, value).map(|r| s.base = r),
            "cmp" if value.trim().is_empty() => Ok(()),
            "cmp" => value
                .split(',')
                .map(|v| parse_ref(key, v))
                .collect::<Result<Vec<_>, _>>()
                .map(|list| s.compare = Some(list)),
            "cur" => DisplayCurrency::from_str(value.trim())
                .map(|c| s.currency = c)
                .map_err(|()| err(key, value, "choose USD, CNY or EUR")),
            _ => Ok(()),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if s.cache_read_pct + s.cache_write_pct > Decimal::ONE_HUNDRED {
        errors.push(err(
            "cw",
            &s.cache_write_pct.to_string(),
            format!(
                "cache reads ({}%) and cache writes ({}%) together exceed 100% of input tokens; cache writes set to {}%",
                s.cache_read_pct,
                s.cache_write_pct,
                Decimal::ONE_HUNDRED - s.cache_read_pct
            ),
        ));
        s.cache_write_pct = Decimal::ONE_HUNDRED - s.cache_read_pct;
    }
    (s, errors)
}

/// The text of a key's default value, as the form shows it.
pub fn default_value(key: &str) -> String {
    let d = Scenario::default();
    match key {
        "rpd" => d.requests_per_day.to_string(),
        "in" => d.input_tokens.to_string(),
        "out" => d.output_tokens.to_string(),
        "cr" => d.cache_read_pct.to_string(),
        "cw" => d.cache_write_pct.to_string(),
        "ttl" => d.cache_ttl.code().into(),
        "batch" => d.batch_pct.to_string(),
        "base" => d.base.to_string(),
        "cur" => d.currency.code().into(),
        _ => String::new(),
    }
}

/// Decodes a raw query string such as `rpd=1000&cur=EUR`.
pub fn decode_query(query: &str) -> (Scenario, Vec<FieldError>) {
    decode(&split_query(query))
}

/// Splits and percent-decodes a query string into pairs.
pub fn split_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query value (unreserved characters, `/` and `,` kept).
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b',' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The canonical query: keys in [`KEYS`] order, defaults left out.
pub fn encode(s: &Scenario) -> String {
    let d = Scenario::default();
    let mut parts: Vec<(&str, String)> = Vec::new();
    if s.requests_per_day != d.requests_per_day {
        parts.push(("rpd", s.requests_per_day.to_string()));
    }
    for (key, v, dv) in [
        ("in", s.input_tokens, d.input_tokens),
        ("out", s.output_tokens, d.output_tokens),
        ("cr", s.cache_read_pct, d.cache_read_pct),
        ("cw", s.cache_write_pct, d.cache_write_pct),
    ] {
        if v != dv {
            parts.push((key, v.normalize().to_string()));
        }
    }
    if s.cache_ttl != d.cache_ttl {
        parts.push(("ttl", s.cache_ttl.code().into()));
    }
    if s.batch_pct != d.batch_pct {
        parts.push(("batch", s.batch_pct.normalize().to_string()));
    }
    if s.base != d.base {
        parts.push(("base", s.base.to_string()));
    }
    if let Some(list) = &s.compare {
        let joined = list
            .iter()
            .map(ModelRef::to_string)
            .collect::<Vec<_>>()
            .join(",");
        parts.push(("cmp", joined));
    }
    if s.currency != d.currency {
        parts.push(("cur", s.currency.code().into()));
    }
    parts
        .into_iter()
        .map(|(k, v)| format!("{k}={}", percent_encode(&v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests;
