//! The pricebook as the calculator island receives it: the page reads it on
//! the server ([`PricebookPayload::current`]) and passes it as the island's
//! props, which are serialised into the HTML, so hydration needs no request.

use crate::domain::money::date::CalendarDate;
use crate::domain::pricebook::Pricebook;
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

#[cfg(feature = "ssr")]
impl PricebookPayload {
    /// The payload of the pricebook the server loaded.
    pub fn of(book: &crate::server::state::LoadedBook) -> Self {
        Self {
            schema_version: crate::domain::pricebook::SCHEMA_VERSION,
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
