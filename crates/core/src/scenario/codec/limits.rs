//! Bounds on what one query may ask for, so that the work and the answer of a
//! request stay small whatever the query holds:
//! - at most [`MAX_QUERY_BYTES`] of query (the server answers 414 beyond it);
//! - at most [`MAX_PAIRS`] parameters read;
//! - at most [`MAX_COMPARE`] options in `cmp`;
//! - each distinct problem reported once: unknown keys in one error, each
//!   repeated key in one error, and the list of what is allowed said once.

use crate::scenario::FieldError;

/// A field that cannot be used: its key, its value and what to do.
pub fn err(field: &str, value: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        value: value.into(),
        message: message.into(),
    }
}

/// The longest query read, in bytes; a longer one is refused whole (HTTP 414).
pub const MAX_QUERY_BYTES: usize = 8 * 1024;
/// The most parameters read from one query. A link writes at most 24
/// scenario and link keys, and a view adds one or two of its own.
pub const MAX_PAIRS: usize = 64;
/// The most options `cmp` may list.
pub const MAX_COMPARE: usize = 24;
/// How many offending items an error names before counting the rest.
pub const NAMED_ITEMS: usize = 8;
/// How many characters of an offending key or item an error quotes.
pub const QUOTED_CHARS: usize = 40;

/// `s` cut to [`QUOTED_CHARS`] characters, with `…` when cut.
pub fn quoted(s: &str) -> String {
    match s.char_indices().nth(QUOTED_CHARS) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// "`a`, `b` and 3 more": the first [`NAMED_ITEMS`] of `items`, quoted.
pub fn name_some(items: &[String]) -> String {
    let named: Vec<String> = items
        .iter()
        .take(NAMED_ITEMS)
        .map(|i| format!("`{}`", quoted(i)))
        .collect();
    let rest = items.len().saturating_sub(NAMED_ITEMS);
    if rest == 0 {
        named.join(", ")
    } else {
        format!("{} and {rest} more", named.join(", "))
    }
}

/// Problems gathered while a query is read, reported once each.
#[derive(Debug, Default)]
pub struct Gathered {
    unknown: Vec<(String, String)>,
    /// Key, times given, and the first value not used.
    repeated: Vec<(String, usize, String)>,
    unread: Option<(String, usize)>,
}

impl Gathered {
    pub fn unknown(&mut self, key: &str, value: &str) {
        self.unknown.push((key.to_string(), value.to_string()));
    }

    pub fn repeated(&mut self, key: &str, value: &str) {
        match self.repeated.iter_mut().find(|(k, ..)| k == key) {
            Some((_, n, _)) => *n += 1,
            None => self.repeated.push((key.to_string(), 2, value.to_string())),
        }
    }

    /// Pairs past [`MAX_PAIRS`]: the first one's key, and how many.
    pub fn unread(&mut self, key: &str, count: usize) {
        self.unread = Some((key.to_string(), count));
    }

    /// The errors, one per distinct problem; `allowed` lists the known keys.
    pub fn into_errors(self, allowed: &str) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Some(((key, value), rest)) = self.unknown.split_first() {
            let others: Vec<String> = rest.iter().map(|(k, _)| k.clone()).collect();
            let message = if others.is_empty() {
                format!("unknown parameter; allowed: {allowed}")
            } else {
                format!(
                    "unknown parameter, and {} other unknown ({}); allowed: {allowed}",
                    others.len(),
                    name_some(&others)
                )
            };
            errors.push(err(&quoted(key), &quoted(value), message));
        }
        for (key, times, value) in self.repeated {
            errors.push(err(
                &key,
                &quoted(&value),
                format!("given {times} times; the first value is used, give each parameter once"),
            ));
        }
        if let Some((key, count)) = self.unread {
            errors.push(err(
                &quoted(&key),
                "",
                format!(
                    "the query has {} parameters; only the first {MAX_PAIRS} are read, so {count} from this one on are not",
                    MAX_PAIRS + count,
                ),
            ));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::DisplayCurrency;
    use crate::scenario::codec::{decode, decode_query};

    #[test]
    fn each_distinct_problem_is_reported_once() {
        let mut q: Vec<(String, String)> = (0..40).map(|i| (format!("k{i}"), "v".into())).collect();
        q.extend((0..10).map(|i| ("rpd".to_string(), i.to_string())));
        q.extend((0..10).map(|_| ("out".to_string(), "x".to_string())));
        let (s, errors) = decode(&q);
        assert_eq!(s.requests_per_day, 0);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        // The first `out` is read (and is bad); the unknown keys are one error,
        // each repeated key one more, and the pairs past the cap one more.
        assert_eq!(fields, ["out", "k0", "rpd", "out"]);
        assert!(errors[1].message.starts_with(
            "unknown parameter, and 39 other unknown (`k1`, `k2`, `k3`, `k4`, `k5`, `k6`, `k7`, `k8` and 31 more); allowed: mix, rpd,"
        ));
        assert_eq!(errors[1].message.matches("rpd").count(), 1);
        assert_eq!(
            errors[2].message,
            "given 10 times; the first value is used, give each parameter once"
        );
        assert_eq!(errors[3].message, errors[2].message);
    }

    #[test]
    fn the_pairs_past_the_cap_are_named_once() {
        let q: Vec<(String, String)> = (0..100)
            .map(|i| {
                (
                    "cur".to_string(),
                    if i == 0 { "EUR".into() } else { i.to_string() },
                )
            })
            .collect();
        let (s, errors) = decode(&q);
        assert_eq!(s.currency, DisplayCurrency::EUR);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(
            errors[0].message,
            format!("given {MAX_PAIRS} times; the first value is used, give each parameter once")
        );
        assert_eq!(
            errors[1].message,
            "the query has 100 parameters; only the first 64 are read, so 36 from this one on are not"
        );
        assert_eq!(errors[1].field, "cur");
    }

    #[test]
    fn compare_lists_are_capped_deduplicated_and_named_once() {
        let list = ["a/b"; 3].join(",");
        let (s, errors) = decode_query(&format!("cmp={list}"));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.compare.map(|c| c.len()), Some(1));
        let long = (0..=MAX_COMPARE)
            .map(|i| format!("p/m{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let (s, errors) = decode_query(&format!("cmp={long}"));
        assert_eq!(s.compare, None);
        assert_eq!(errors[0].message, "25 options given; compare at most 24");
        let (_, errors) = decode_query("cmp=x,y,a/b,z");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message
                .starts_with("`x`, `y`, `z` are not provider/model;"),
            "{}",
            errors[0].message
        );
    }
}
