//! `GET /api/v1/pricebook/{fingerprint}.json`: the loaded pricebook as an
//! immutable asset. The calculator's page carries only its address (a
//! `<link rel="alternate">` that the island script makes a preload when the
//! calculator is first used); the browser fetches it then, in parallel with
//! the wasm, caches it for a year (the fingerprint changes with any price),
//! and the island reads its tables from it (`client::pricebook`).
//!
//! The JSON and its brotli copy are made once per process, at start-up
//! (`LoadedBook::asset`), and sent as they are (`pricebook_asset_route`).
//!
//! Usage:
//!
//! ```ignore
//! let href = asset_path(&book.fingerprint); // "/api/v1/pricebook/3f…9a.json"
//! ```

use axum::body::Bytes;
use llm_roi_core::pricebook::Pricebook;
use serde::Serialize;

/// Where the assets live: `{PREFIX}{fingerprint}.json`.
pub const PREFIX: &str = "/api/v1/pricebook/";

/// The address of the pricebook with this fingerprint.
pub fn asset_path(fingerprint: &str) -> String {
    format!("{PREFIX}{fingerprint}.json")
}

/// What the asset holds: the tables and what identifies them. The server's
/// day is not in it (it changes daily); the page's props carry it.
#[derive(Serialize)]
pub struct AssetBody<'a> {
    pub schema_version: u32,
    pub fingerprint: &'a str,
    pub pricebook: &'a Pricebook,
}

/// The asset's bytes, raw and brotli-compressed.
pub struct PricebookAsset {
    pub json: Bytes,
    pub br: Bytes,
}

impl std::fmt::Debug for PricebookAsset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PricebookAsset({} B, brotli {} B)",
            self.json.len(),
            self.br.len()
        )
    }
}

impl PricebookAsset {
    /// Serialises and compresses `book` (brotli quality 11: about 0.3 s for
    /// the shipped pricebook, once per process).
    pub fn of(book: &Pricebook, fingerprint: &str) -> Result<Self, String> {
        let body = AssetBody {
            schema_version: llm_roi_core::pricebook::SCHEMA_VERSION,
            fingerprint,
            pricebook: book,
        };
        let json = serde_json::to_vec(&body).map_err(|e| format!("serialising: {e}"))?;
        let br = super::assets::brotli(&json).map_err(|e| format!("compressing: {e}"))?;
        Ok(Self {
            json: json.into(),
            br: br.into(),
        })
    }
}
