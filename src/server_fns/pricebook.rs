//! The pricebook as the calculator island receives it: the page reads it on
//! the server ([`PricebookPayload::current`]) and passes it as a [`BookRef`],
//! which the island's props serialise as its fingerprint and day only; the
//! browser takes the tables from the immutable asset the page preloads
//! (`client::pricebook`), fetched before the islands hydrate.

use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::report::Evaluation;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// A pricebook in an island's props: the whole payload in the island, its
/// fingerprint and day on the wire. Deserialising it (in the browser) takes
/// the pricebook `client::pricebook::load` fetched, and fails if none with
/// that fingerprint was.
#[derive(Debug, Clone, PartialEq)]
pub struct BookRef(pub PricebookPayload);

/// What a [`BookRef`] is on the wire.
#[derive(Serialize, Deserialize)]
struct BookWire<'a> {
    fingerprint: std::borrow::Cow<'a, str>,
    today: CalendarDate,
}

impl Serialize for BookRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        BookWire {
            fingerprint: std::borrow::Cow::Borrowed(&self.0.fingerprint),
            today: self.0.today,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for BookRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = BookWire::deserialize(d)?;
        crate::client::pricebook::take_loaded(&wire.fingerprint, wire.today)
            .map(BookRef)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "the pricebook {} was not loaded",
                    wire.fingerprint
                ))
            })
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
