//! A short, stable hash of the loaded pricebook.

use super::Pricebook;
use sha2::{Digest, Sha256};

/// The first 16 hex digits of the SHA-256 of the pricebook's JSON.
///
/// It changes when any price, date, source or id changes, and not when a
/// file's comments or layout do.
pub fn fingerprint(book: &Pricebook) -> String {
    let json = serde_json::to_vec(book).unwrap_or_default();
    let digest = Sha256::digest(&json);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
