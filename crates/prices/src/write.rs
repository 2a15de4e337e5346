//! Writes a database's prices into one official provider's TOML file.
//!
//! The text before the first `[[models]]` (comments, `schema`, the
//! `[provider]` header) is kept byte for byte. Each `[[models]]` entry keeps
//! the comment lines just above it and every key the import does not own
//! (`name`, `aliases`, `flagship_small`, `successor`, `[[models.regions]]`,
//! …); the keys it owns
//! (prices, tiers, batch, service tiers, off-peak, earlier prices,
//! lifecycle, `source`,
//! `checked`, `via`) are replaced. Models the database lacks are kept as they
//! are. The output depends only on the inputs: same input, same bytes.

use super::{DbModel, DbProvider};
use llm_roi_core::pricebook::{Tier, TokenPrices};
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::str::FromStr;
use toml::{Table, Value};

/// Keys an import owns in a `[[models]]` entry.
const OWNED: [&str; 18] = [
    "earlier",
    "input",
    "output",
    "cache_read",
    "cache_write_5m",
    "cache_write_1h",
    "batch_discount_pct",
    "web_search_per_k",
    "tiers",
    "batch",
    "service_tiers",
    "offpeak",
    "deprecated",
    "source",
    "checked",
    "via",
    "retires",
    "unlisted",
];

/// Scalar keys in the order they are written; others follow by name.
const ORDER: [&str; 22] = [
    "id",
    "aliases",
    "name",
    "flagship_small",
    "upstream",
    "upstream_model",
    "multiplier",
    "input",
    "output",
    "cache_read",
    "cache_write_5m",
    "cache_write_1h",
    "batch_discount_pct",
    "web_search_per_k",
    "deprecated",
    "retires",
    "unlisted",
    "successor",
    "source",
    "checked",
    "via",
    "hours_utc",
];

/// What an import did to one file.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct WriteReport {
    pub updated: Vec<String>,
    pub added: Vec<String>,
    /// Ours, but not in the database: kept unchanged.
    pub not_in_database: Vec<String>,
}

/// Why a provider file could not be updated.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{file}: not valid TOML: {message}")]
    Toml { file: String, message: String },
    #[error("{file}: `{id}` is not a model of `{provider}` in the database; check the id (its models: {known})")]
    UnknownAdd {
        file: String,
        id: String,
        provider: String,
        known: String,
    },
}

/// A price as TOML: an integer or decimal literal when a float reads it
/// back exactly, else a decimal string (the loader reads both).
fn decimal_value(d: Decimal) -> String {
    let d = d.normalize();
    let text = d.to_string();
    let exact = f64::from_str(&text)
        .ok()
        .and_then(|f| Decimal::from_str(&f.to_string()).ok())
        .is_some_and(|back| back == d);
    if exact {
        text
    } else {
        format!("\"{text}\"")
    }
}

fn prices_lines(p: &TokenPrices, out: &mut String) {
    let _ = writeln!(out, "input = {}", decimal_value(p.input_per_mtok));
    let _ = writeln!(out, "output = {}", decimal_value(p.output_per_mtok));
    for (key, v) in [
        ("cache_read", p.cache_read_per_mtok),
        ("cache_write_5m", p.cache_write_5m_per_mtok),
        ("cache_write_1h", p.cache_write_1h_per_mtok),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "{key} = {}", decimal_value(v));
        }
    }
}

fn tiers_lines(header: &str, tiers: &[Tier], out: &mut String) {
    for tier in tiers {
        let _ = writeln!(out, "\n[[{header}.tiers]]");
        let _ = writeln!(out, "above_input_tokens = {}", tier.above_input_tokens);
        prices_lines(&tier.prices, out);
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(value_text).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

/// One `[[models]]` entry: scalar keys of `kept`, then the import's prices.
fn entry(comments: &str, kept: &Table, imported: Option<&DbModel>, out: &mut String) {
    out.push_str(comments);
    out.push_str("[[models]]\n");
    let mut keys: Vec<&String> = kept
        .keys()
        .filter(|k| !kept[k.as_str()].is_table() && !is_table_array(&kept[k.as_str()]))
        .collect();
    // Known keys in ORDER, then the others by name; the import's prices go
    // where `input` stands in ORDER.
    let rank = |k: &str| ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len());
    keys.sort_by_key(|k| (rank(k), k.to_string()));
    let prices_at = rank("input");
    let scalar = |k: &str, out: &mut String| {
        if let Some(v) = kept.get(k) {
            let _ = writeln!(out, "{k} = {}", value_text(v));
        }
    };
    let Some(m) = imported else {
        for k in keys {
            scalar(k, out);
        }
        nested_kept("models", kept, out);
        return;
    };
    for k in keys.iter().filter(|k| rank(k) < prices_at) {
        scalar(k, out);
    }
    prices_lines(&m.prices.base, out);
    if let Some(fee) = m.prices.web_search_per_k {
        let _ = writeln!(out, "web_search_per_k = {}", decimal_value(fee));
    }
    if m.lifecycle.deprecated {
        out.push_str("deprecated = true\n");
    }
    if let Some(d) = m.lifecycle.retires {
        let _ = writeln!(out, "retires = {d}");
    }
    if m.lifecycle.unlisted {
        out.push_str("unlisted = true\n");
    }
    for k in keys.iter().filter(|k| rank(k) >= prices_at) {
        scalar(k, out);
    }
    tiers_lines("models", &m.prices.tiers, out);
    if let Some(b) = &m.prices.batch {
        out.push_str("\n[models.batch]\n");
        prices_lines(&b.base, out);
        tiers_lines("models.batch", &b.tiers, out);
    }
    for (tier, t) in &m.prices.service_tiers {
        out.push_str("\n[[models.service_tiers]]\n");
        let _ = writeln!(out, "name = \"{}\"", tier.code());
        prices_lines(&t.base, out);
        tiers_lines("models.service_tiers", &t.tiers, out);
    }
    if let Some(o) = &m.prices.offpeak {
        out.push_str("\n[models.offpeak]\n");
        let _ = writeln!(out, "hours_utc = {}", Value::String(o.hours_utc.clone()));
        prices_lines(&o.prices.base, out);
        tiers_lines("models.offpeak", &o.prices.tiers, out);
    }
    for e in &m.prices.earlier {
        out.push_str("\n[[models.earlier]]\n");
        let _ = writeln!(out, "until = {}", e.until);
        prices_lines(&e.prices.base, out);
        tiers_lines("models.earlier", &e.prices.tiers, out);
    }
    // Tables the import does not own (regional prices), as they were.
    nested_kept("models", kept, out);
}

fn is_table_array(v: &Value) -> bool {
    matches!(v, Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_table))
}

/// Nested tables of an entry the import does not touch, written back under
/// `path` (`models`, then `models.batch`, …): each table's own keys first,
/// then its tables and arrays of tables, as TOML requires.
fn nested_kept(path: &str, kept: &Table, out: &mut String) {
    for (k, v) in kept {
        match v {
            Value::Table(t) => {
                let _ = writeln!(out, "\n[{path}.{k}]");
                table_body(&format!("{path}.{k}"), t, out);
            }
            v if is_table_array(v) => {
                for row in v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_table)
                {
                    let _ = writeln!(out, "\n[[{path}.{k}]]");
                    table_body(&format!("{path}.{k}"), row, out);
                }
            }
            _ => {}
        }
    }
}

fn table_body(path: &str, t: &Table, out: &mut String) {
    for (k, v) in t {
        if !v.is_table() && !is_table_array(v) {
            let _ = writeln!(out, "{k} = {}", value_text(v));
        }
    }
    nested_kept(path, t, out);
}

/// The text of `file` with `provider`'s prices; `add` names database models
/// to append when the file lacks them.
pub fn update(
    file: &str,
    text: &str,
    provider: &DbProvider,
    via: &str,
    add: &[String],
) -> Result<(String, WriteReport), WriteError> {
    let doc: Table = toml::from_str(text).map_err(|e| WriteError::Toml {
        file: file.into(),
        message: e.to_string(),
    })?;
    // The head ends where the first entry's own comment lines begin.
    let lines: Vec<&str> = text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.trim_start().starts_with("[[models]]"))
        .unwrap_or(lines.len());
    let mut start = first;
    while start > 0 && lines[start - 1].trim_start().starts_with('#') {
        start -= 1;
    }
    let head = lines[..start].join("\n");
    let body = lines[start..].join("\n");
    // The comment lines right above each `[[models]]` header.
    let mut comments: Vec<String> = Vec::new();
    let mut pending = String::new();
    for line in body.lines() {
        if line.trim_start().starts_with("[[models]]") {
            comments.push(std::mem::take(&mut pending));
        } else if line.trim_start().starts_with('#') {
            pending.push_str(line);
            pending.push('\n');
        } else if !line.trim().is_empty() {
            pending.clear();
        }
    }
    let models: Vec<Table> = doc
        .get("models")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_table).cloned().collect())
        .unwrap_or_default();
    let mut out = head.trim_end().to_string();
    out.push('\n');
    let mut report = WriteReport::default();
    let mut written: Vec<String> = Vec::new();
    let final_ids: Vec<String> = models
        .iter()
        .filter_map(|t| t.get("id").and_then(Value::as_str).map(str::to_string))
        .chain(add.iter().cloned())
        .collect();
    let with_source = |mut t: Table, m: &DbModel| {
        if let Some(s) = m
            .lifecycle
            .successor
            .as_ref()
            .filter(|s| final_ids.contains(s))
        {
            t.entry("successor")
                .or_insert_with(|| Value::String(s.clone()));
        }
        OWNED.iter().for_each(|k| {
            t.remove(*k);
        });
        if let Some(url) = &provider.pricing_url {
            t.insert("source".into(), Value::String(url.clone()));
        }
        if let Some(d) = m.checked {
            if let Ok(dt) = toml::value::Datetime::from_str(&d.to_string()) {
                t.insert("checked".into(), Value::Datetime(dt));
            }
        }
        t.insert("via".into(), Value::String(via.into()));
        t
    };
    for (i, t) in models.into_iter().enumerate() {
        let id = t
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let ours: Vec<String> = t
            .get("aliases")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let found = provider
            .model(&id)
            .or_else(|| ours.iter().find_map(|a| provider.model(a)));
        out.push('\n');
        let c = comments.get(i).map_or("", String::as_str);
        match found {
            Some(m) => {
                entry(c, &with_source(t, m), Some(m), &mut out);
                report.updated.push(id.clone());
            }
            None => {
                entry(c, &t, None, &mut out);
                report.not_in_database.push(id.clone());
            }
        }
        written.push(id);
    }
    for id in add {
        if written.contains(id) {
            continue;
        }
        let m = provider.model(id).ok_or_else(|| WriteError::UnknownAdd {
            file: file.into(),
            id: id.clone(),
            provider: provider.id.clone(),
            known: provider
                .models
                .iter()
                .filter(|m| m.text)
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
        let mut t = Table::new();
        t.insert("id".into(), Value::String(m.id.clone()));
        if !m.aliases.is_empty() {
            t.insert(
                "aliases".into(),
                Value::Array(m.aliases.iter().cloned().map(Value::String).collect()),
            );
        }
        if let Some(n) = &m.name {
            t.insert("name".into(), Value::String(n.clone()));
        }
        out.push('\n');
        entry("", &with_source(t, m), Some(m), &mut out);
        report.added.push(m.id.clone());
        written.push(m.id.clone());
    }
    Ok((out, report))
}
