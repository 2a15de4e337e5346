//! The pricebook as the page receives it, and the server function that sends it.
//!
//! During server rendering the resource calls [`get_pricebook`] in-process and
//! its value is serialised into the HTML, so hydration needs no extra request.

use crate::domain::money::date::CalendarDate;
use crate::domain::pricebook::Pricebook;
use leptos::prelude::*;
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
}

/// Returns the pricebook the server loaded at start.
#[server(prefix = "/api/fn", endpoint = "pricebook")]
pub async fn get_pricebook() -> Result<PricebookPayload, ServerFnError> {
    let book = super::loaded_book()?;
    Ok(PricebookPayload::of(&book))
}
