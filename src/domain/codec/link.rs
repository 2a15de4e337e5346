//! Share links: `v=1&<scenario>&pb=<pricebook fingerprint>`.
//!
//! `v` is the link format's version. This release writes version 1 and reads
//! version 1; a query without `v` (as the calculator writes it) is read as
//! version 1 too. A later release that changes what a key means bumps
//! [`LINK_VERSION`] and keeps a reader for every earlier version, so that
//! links already pasted into documents keep their meaning.
//!
//! `pb` is the fingerprint of the pricebook the link was made with; a report
//! compares it with the pricebook it is served with.
//!
//! ```
//! use llm_roi::domain::codec::{decode_query, link_query};
//! use llm_roi::domain::scenario::Scenario;
//! let s = Scenario { requests_per_day: 1000, ..Scenario::default() };
//! let q = link_query(&s, "0123456789abcdef");
//! assert_eq!(q, "v=1&rpd=1000&pb=0123456789abcdef");
//! assert_eq!(decode_query(&q).0, s);
//! ```

use super::parse::err;
use crate::domain::scenario::FieldError;
use serde::{Deserialize, Serialize};

/// The link format this release writes.
pub const LINK_VERSION: u32 = 1;

/// The link format versions this release reads.
pub const READS_VERSIONS: [u32; 1] = [1];

/// Keys of the link itself, around the scenario's.
pub const LINK_KEYS: [&str; 2] = ["v", "pb"];

/// Hex digits in a pricebook fingerprint.
pub const FINGERPRINT_LEN: usize = 16;

/// What a link says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkMeta {
    /// The link format's version (1 when the query has no `v`).
    pub version: u32,
    /// The pricebook fingerprint the link was made with, if it has one.
    pub pricebook: Option<String>,
}

impl Default for LinkMeta {
    fn default() -> Self {
        Self {
            version: LINK_VERSION,
            pricebook: None,
        }
    }
}

/// Reads `v` or `pb` into `meta`.
pub(super) fn apply(meta: &mut LinkMeta, key: &str, value: &str) -> Result<(), FieldError> {
    let v = value.trim();
    match key {
        "v" => match v.parse::<u32>() {
            Ok(n) if READS_VERSIONS.contains(&n) => {
                meta.version = n;
                Ok(())
            }
            Ok(n) => Err(err(
                key,
                value,
                format!(
                    "this link is version {n}, made by a newer llm-roi; this server reads version {LINK_VERSION} (a link without v is read as version {LINK_VERSION})"
                ),
            )),
            Err(_) => Err(err(
                key,
                value,
                format!("the link version must be a whole number; this server reads {LINK_VERSION}"),
            )),
        },
        _ => {
            if v.len() == FINGERPRINT_LEN && v.bytes().all(|b| b.is_ascii_hexdigit()) {
                meta.pricebook = Some(v.to_ascii_lowercase());
                Ok(())
            } else {
                Err(err(
                    key,
                    value,
                    format!("the pricebook fingerprint is {FINGERPRINT_LEN} hex digits, as a report link writes it; leave pb out to use the current prices without comparing"),
                ))
            }
        }
    }
}

/// The share link's query for `s`, made with the pricebook `fingerprint`:
/// `v=1`, then the scenario's canonical query, then `pb`.
pub fn link_query(s: &crate::domain::scenario::Scenario, fingerprint: &str) -> String {
    let scenario = super::encode(s);
    let mut parts = vec![format!("v={LINK_VERSION}")];
    if !scenario.is_empty() {
        parts.push(scenario);
    }
    parts.push(format!("pb={}", super::percent_encode(fingerprint)));
    parts.join("&")
}
