//! The page's query as pairs, and back.

use crate::domain::scenario::codec::percent_encode;
use leptos_router::params::ParamsMap;

/// The query as ordered pairs.
pub fn query_pairs(map: ParamsMap) -> Vec<(String, String)> {
    map.into_iter().map(|(k, v)| (k.into_owned(), v)).collect()
}

/// The query of the page being rendered: from the router on the server,
/// from `location.search` in the browser (islands have no router there).
pub fn initial_pairs() -> Vec<(String, String)> {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::GetUntracked;
        query_pairs(leptos_router::hooks::use_query_map().get_untracked())
    }
    #[cfg(not(feature = "ssr"))]
    {
        crate::client::browser::location_pairs()
    }
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
