//! The pricebook as the calculator island receives it: the page reads it on
//! the server ([`PricebookPayload::current`]) and passes it as a
//! `client::pricebook::BookRef`, which the island's props serialise as its
//! fingerprint and day only; the browser takes the tables from the immutable
//! asset the page links to, fetched before the islands hydrate.

use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::report::Evaluation;
use serde::{Deserialize, Serialize};

/// The loaded pricebook with its fingerprint and the server's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricebookPayload {
    pub schema_version: u32,
    /// Changes whenever any price, date, source or id changes.
    pub fingerprint: String,
    /// The server's UTC date, against which `checked` dates go stale.
    pub today: CalendarDate,
    pub pricebook: Pricebook,
}

impl PricebookPayload {
    /// The one evaluation of a link's query pairs on this pricebook and its
    /// day, in the browser as on the server (`extra`: the view's own keys).
    pub fn evaluate(&self, pairs: &[(String, String)], extra: &[&str]) -> Evaluation {
        Evaluation::of_link(&self.pricebook, pairs, extra, self.today)
    }
}

#[cfg(feature = "ssr")]
impl PricebookPayload {
    /// The payload of the pricebook the server loaded.
    pub fn of(book: &crate::server::state::LoadedBook) -> Self {
        Self {
            schema_version: llm_roi_core::pricebook::SCHEMA_VERSION,
            fingerprint: book.fingerprint.to_string(),
            today: book.today(),
            pricebook: (*book.pricebook).clone(),
        }
    }

    /// The payload of the pricebook in the request's context.
    pub fn current() -> Result<Self, leptos::prelude::ServerFnError> {
        Ok(Self::of(&super::loaded_book()?))
    }
}
