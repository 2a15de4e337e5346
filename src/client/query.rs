//! The page's query as pairs, and back.

use leptos_router::params::ParamsMap;
use llm_roi_core::scenario::codec::percent_encode;

/// The query as ordered pairs.
pub fn query_pairs(map: ParamsMap) -> Vec<(String, String)> {
    map.into_iter().map(|(k, v)| (k.into_owned(), v)).collect()
}

/// Pairs as a query string (no `?`).
pub fn join_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `path?query`, or `path` alone for an empty query.
pub fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}
