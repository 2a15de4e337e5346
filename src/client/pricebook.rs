//! The pricebook in the browser: fetched from the immutable asset the page
//! links to (`<link id="pricebook-asset" rel="alternate">`, which the island
//! script makes a preload as it loads the calculator's bundle; served
//! by `server::pricebook_asset`) before the islands hydrate, then handed to
//! the calculator island when its props ([`BookRef`]) name the same
//! fingerprint ([`take_loaded`]). The page itself carries only the address, so the
//! tables are not in every page's HTML, and the browser caches them across
//! pages and visits.
//!
//! Usage (the browser entry point, `hydrate` in lib.rs):
//!
//! ```ignore
//! if let Some(href) = asset_href() {
//!     load(&href).await?; // then the islands hydrate
//! }
//! ```

use crate::server_fns::pricebook::PricebookPayload;
use llm_roi_core::money::date::CalendarDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The `id` of the page's link to the asset.
pub const ASSET_LINK_ID: &str = "pricebook-asset";

#[cfg(feature = "hydrate-base")]
mod imp {
    use crate::server_fns::pricebook::PricebookPayload;
    use llm_roi_core::money::date::CalendarDate;
    use llm_roi_core::pricebook::Pricebook;
    use serde::Deserialize;
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;

    /// What the asset holds (`server::pricebook_asset::AssetBody`).
    #[derive(Deserialize)]
    struct AssetBody {
        schema_version: u32,
        fingerprint: String,
        pricebook: Pricebook,
    }

    thread_local! {
        static LOADED: RefCell<Option<AssetBody>> = const { RefCell::new(None) };
    }

    pub fn asset_href() -> Option<String> {
        web_sys::window()?
            .document()?
            .get_element_by_id(super::ASSET_LINK_ID)?
            .get_attribute("href")
    }

    fn js_text(e: wasm_bindgen::JsValue) -> String {
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }

    pub async fn load(href: &str) -> Result<(), String> {
        use wasm_bindgen_futures::JsFuture;
        let window = web_sys::window().ok_or("no window")?;
        let response = JsFuture::from(window.fetch_with_str(href))
            .await
            .map_err(js_text)?
            .dyn_into::<web_sys::Response>()
            .map_err(js_text)?;
        if !response.ok() {
            return Err(format!("{href} answered {}", response.status()));
        }
        let text = JsFuture::from(response.text().map_err(js_text)?)
            .await
            .map_err(js_text)?
            .as_string()
            .ok_or("the pricebook is not text")?;
        let body: AssetBody = serde_json::from_str(&text).map_err(|e| format!("{href}: {e}"))?;
        if body.schema_version != llm_roi_core::pricebook::SCHEMA_VERSION {
            return Err(format!(
                "{href} has schema {}, this page reads {}",
                body.schema_version,
                llm_roi_core::pricebook::SCHEMA_VERSION
            ));
        }
        LOADED.with(|l| *l.borrow_mut() = Some(body));
        Ok(())
    }

    pub fn take_loaded(fingerprint: &str, today: CalendarDate) -> Option<PricebookPayload> {
        LOADED.with(|l| {
            let mut slot = l.borrow_mut();
            if slot.as_ref()?.fingerprint != fingerprint {
                return None;
            }
            let body = slot.take()?;
            Some(PricebookPayload {
                schema_version: body.schema_version,
                fingerprint: body.fingerprint,
                today,
                pricebook: body.pricebook,
            })
        })
    }
}

#[cfg(not(feature = "hydrate-base"))]
mod imp {
    use crate::server_fns::pricebook::PricebookPayload;
    use llm_roi_core::money::date::CalendarDate;

    pub fn asset_href() -> Option<String> {
        None
    }

    pub async fn load(_href: &str) -> Result<(), String> {
        Err("the pricebook is fetched in the browser only".into())
    }

    pub fn take_loaded(_fingerprint: &str, _today: CalendarDate) -> Option<PricebookPayload> {
        None
    }
}

/// The address of the pricebook asset the page links to, if it has one.
pub fn asset_href() -> Option<String> {
    imp::asset_href()
}

/// Fetches and keeps the pricebook at `href` (from the preload, or the HTTP
/// cache on later pages); the error says what failed.
pub async fn load(href: &str) -> Result<(), String> {
    imp::load(href).await
}

/// The loaded pricebook, if it has `fingerprint`, with the server's day:
/// taken, since one island uses it.
pub fn take_loaded(fingerprint: &str, today: CalendarDate) -> Option<PricebookPayload> {
    imp::take_loaded(fingerprint, today)
}

/// A pricebook in an island's props: the whole payload in the island, its
/// fingerprint and day on the wire. Deserialising it (in the browser) takes
/// the pricebook [`load`] fetched, and fails if none with
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
        take_loaded(&wire.fingerprint, wire.today)
            .map(BookRef)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "the pricebook {} was not loaded",
                    wire.fingerprint
                ))
            })
    }
}
