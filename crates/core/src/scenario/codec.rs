//! The scenario's URL query: readable keys, parsed field by field.
//!
//! A bad value never drops silently: [`decode`] keeps the default for that
//! field and reports a [`FieldError`] naming the key, the value and what is
//! allowed; every other field keeps its value.
//!
//! ```
//! use llm_roi_core::scenario::codec::{decode, encode};
//! let (s, errors) = decode(&[("rpd".into(), "1000".into()), ("out".into(), "x".into())]);
//! assert_eq!(s.requests_per_day, 1000);
//! assert_eq!(errors[0].field, "out");
//! assert_eq!(encode(&s), "rpd=1000");
//! ```

use crate::scenario::{FieldError, Scenario};
use rust_decimal::Decimal;

mod keys;
mod limits;
mod link;
pub mod mix_text;
mod parse;
mod query;

pub use keys::{KEYS, KeySpec, SPECS, docs_table, spec, value_text};
pub use limits::{MAX_COMPARE, MAX_PAIRS, MAX_QUERY_BYTES, name_some, quoted};

pub use link::{
    FINGERPRINT_LEN, LINK_KEYS, LINK_VERSION, LinkMeta, READS_VERSIONS, link_query, v1_default_base,
};

pub use parse::{
    MAX_AMOUNT, MAX_GROWTH_PCT, MAX_PHASE_DAYS, MAX_PHASES, MAX_REQUESTS_PER_DAY, MAX_TOKENS,
    model_ref as parse_ref,
};
pub use query::{percent_encode, split_query};

use limits::err;

/// The playbook's own scenario: Claude Haiku 4.5 moved to HolySheep, 10 M
/// requests a day, no input tokens counted, 200 output tokens.
pub const PLAYBOOK_QUERY: &str =
    "in=0&base=anthropic/claude-haiku-4-5&target=holysheep/claude-haiku-4-5";

/// A decoded query: the scenario, what the link says about itself, the
/// caller's own keys and every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub scenario: Scenario,
    pub link: LinkMeta,
    /// Pairs whose key is one of the caller's `extra` keys, in query order.
    pub extra: Vec<(String, String)>,
    pub errors: Vec<FieldError>,
}

/// Decodes query pairs into a scenario and the problems found.
pub fn decode(pairs: &[(String, String)]) -> (Scenario, Vec<FieldError>) {
    let d = decode_link(pairs, &[]);
    (d.scenario, d.errors)
}

/// Decodes a share link's pairs. Scenario keys, `v` and `pb` are read here;
/// keys in `extra` (a view's own, such as `show`) are handed back untouched;
/// any other key is an error that lists what is allowed.
pub fn decode_link(pairs: &[(String, String)], extra: &[&str]) -> Decoded {
    let merged = merge_requirements(pairs);
    let pairs = merged.as_deref().unwrap_or(pairs);
    let mut s = Scenario::default();
    let mut meta = LinkMeta::default();
    let mut extras = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut gathered = limits::Gathered::default();
    if let Some((key, _)) = pairs.get(MAX_PAIRS) {
        gathered.unread(key, pairs.len() - MAX_PAIRS);
    }
    for (key, value) in pairs.iter().take(MAX_PAIRS) {
        let Some(known) = KEYS
            .iter()
            .chain(LINK_KEYS.iter())
            .chain(extra.iter())
            .copied()
            .find(|k| k == key)
        else {
            gathered.unknown(key, value);
            continue;
        };
        if seen.contains(&known) {
            gathered.repeated(known, value);
            continue;
        }
        seen.push(known);
        let applied = if extra.contains(&known) {
            extras.push((key.clone(), value.clone()));
            Ok(())
        } else if LINK_KEYS.contains(&known) {
            link::apply(&mut meta, known, value)
        } else {
            keys::spec(known).map_or(Ok(()), |k| (k.parse)(&mut s, known, value))
        };
        if let Err(e) = applied {
            errors.push(e);
        }
    }
    let allowed = KEYS
        .iter()
        .chain(LINK_KEYS.iter())
        .chain(extra.iter())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    errors.extend(gathered.into_errors(&allowed));
    if s.mix.is_some() {
        errors.extend(drop_traffic(&mut s, &seen));
    }
    if meta.version == 1 && !seen.contains(&"base") {
        // Version 1 links left out the baseline when it was its default then.
        s.base = link::v1_default_base();
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
    Decoded {
        scenario: s,
        link: meta,
        extra: extras,
        errors,
    }
}

/// A plain HTML form sends each ticked requirement as its own `req` pair:
/// they are read as one comma-separated list, where the first stood.
fn merge_requirements(pairs: &[(String, String)]) -> Option<Vec<(String, String)>> {
    if pairs.iter().filter(|(k, _)| k == "req").count() < 2 {
        return None;
    }
    let joined = pairs
        .iter()
        .filter(|(k, _)| k == "req")
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let mut out: Vec<(String, String)> = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        match (k == "req", out.iter().any(|(o, _)| o == "req")) {
            (false, _) => out.push((k.clone(), v.clone())),
            (true, false) => out.push((k.clone(), joined.clone())),
            (true, true) => {}
        }
    }
    Some(out)
}

/// The keys a workload mix replaces.
pub const TRAFFIC_KEYS: [&str; 12] = [
    "rpd", "in", "out", "cr", "cw", "ttl", "batch", "offpeak", "tier", "search", "base", "cmp",
];

/// With a mix, the traffic keys given are one error (naming them) and are
/// set back to their defaults, so that the link written drops them.
fn drop_traffic(s: &mut Scenario, seen: &[&str]) -> Option<FieldError> {
    let given: Vec<&str> = TRAFFIC_KEYS
        .iter()
        .copied()
        .filter(|k| seen.contains(k))
        .collect();
    if given.is_empty() {
        return None;
    }
    let d = Scenario::default();
    *s = Scenario {
        currency: s.currency,
        growth_pct: s.growth_pct,
        horizon_months: s.horizon_months,
        migration: s.migration.clone(),
        mix: s.mix.take(),
        ..d
    };
    Some(err(
        "mix",
        &given.join(","),
        format!(
            "a workload mix sets the traffic, the baseline and the routes itself, so {} cannot be used with it: drop them from the link (or drop mix to use them); they were ignored",
            given.join(", ")
        ),
    ))
}

/// The text of a key's default value, as the form shows it.
pub fn default_value(key: &str) -> String {
    value_text(&Scenario::default(), key)
}

/// Decodes a raw query string such as `rpd=1000&cur=EUR`.
pub fn decode_query(query: &str) -> (Scenario, Vec<FieldError>) {
    decode(&split_query(query))
}

/// The canonical query: keys in [`KEYS`] order, defaults left out.
pub fn encode(s: &Scenario) -> String {
    let d = Scenario::default();
    KEYS.iter()
        .map(|k| (k, value_text(s, k)))
        .filter(|(k, v)| *v != value_text(&d, k))
        .map(|(k, v)| format!("{k}={}", percent_encode(&v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod req_tests;
#[cfg(test)]
mod tests;
