//! What the pages read on the server and pass to their islands, and the
//! server functions the islands call from the browser
//! (`POST /api/fn/<endpoint>`).
//!
//! - [`pricebook`]: the loaded pricebook as the calculator island receives it;
//! - [`report`] (server only): what only the server knows about a report link;
//! - [`probe`]: the probe's status; start and cancel a relay probe run.

pub mod pricebook;
pub mod probe;
#[cfg(feature = "ssr")]
pub mod report;

/// The pricebook the server loaded at start, from the request's context.
#[cfg(feature = "ssr")]
fn loaded_book() -> Result<crate::server::state::LoadedBook, leptos::prelude::ServerFnError> {
    leptos::prelude::use_context::<crate::server::state::LoadedBook>().ok_or_else(|| {
        leptos::prelude::ServerFnError::new("the server has no pricebook in context")
    })
}

/// Refuses a scenario query longer than the router accepts in a URL.
#[cfg(feature = "ssr")]
fn bounded(query: &str) -> Result<&str, leptos::prelude::ServerFnError> {
    use llm_roi_core::scenario::codec::MAX_QUERY_BYTES;
    if query.len() > MAX_QUERY_BYTES {
        return Err(leptos::prelude::ServerFnError::new(format!(
            "the query is {} bytes; at most {MAX_QUERY_BYTES} are read",
            query.len()
        )));
    }
    Ok(query)
}
