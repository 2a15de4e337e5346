//! The report's server-side facts: the site's public origin and whether
//! prices changed since the link was made.

use leptos::prelude::*;
use llm_roi_core::report::drift::Drift;
use serde::{Deserialize, Serialize};

/// What only the server knows about a report link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportContext {
    /// `scheme://host[:port]` for absolute links.
    pub origin: String,
    pub drift: Drift,
}

/// Compares the link's pricebook (`pb`) with the current one, using the
/// pricebook history for the prices of the time.
pub fn report_context(query: &str) -> Result<ReportContext, ServerFnError> {
    use llm_roi_core::report::drift::drift;
    use llm_roi_core::scenario::codec::{decode_link, split_query};
    let book = super::loaded_book()?;
    let site = use_context::<crate::server::site::Site>().unwrap_or_default();
    let origin = use_context::<axum::http::request::Parts>().map_or_else(
        || site.origin(&Default::default()),
        |p| site.origin(&p.headers),
    );
    let d = decode_link(&split_query(super::bounded(query)?), &[]);
    let made_with = d
        .link
        .pricebook
        .as_deref()
        .and_then(|fp| book.made_with(fp));
    Ok(ReportContext {
        origin,
        drift: drift(
            &d.link,
            &book.fingerprint,
            made_with,
            &book.pricebook,
            &d.scenario,
            book.today(),
        ),
    })
}
