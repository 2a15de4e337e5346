//! Share links: `v=1&<scenario>&pb=<pricebook fingerprint>`.
//!
//! `v` is the link format's version. This release writes version 2 and reads
//! versions 1 and 2; a query without `v` (as the calculator writes it) is read
//! as the current version. Version 1 differs only in its default baseline
//! (Claude Haiku 4.5), which a version-1 link without `base` still means. A later release that changes what a key means bumps
//! [`LINK_VERSION`] and keeps a reader for every earlier version, so that
//! links already pasted into documents keep their meaning.
//!
//! `pb` is the fingerprint of the pricebook the link was made with; a report
//! compares it with the pricebook it is served with.
//!
//! ```
//! use llm_roi_core::scenario::codec::{decode_query, link_query};
//! use llm_roi_core::scenario::Scenario;
//! let s = Scenario { requests_per_day: 1000, ..Scenario::default() };
//! let q = link_query(&s, "0123456789abcdef");
//! assert_eq!(q, "v=2&rpd=1000&pb=0123456789abcdef");
//! assert_eq!(decode_query(&q).0, s);
//! ```

use super::limits::err;
use crate::scenario::FieldError;
use serde::{Deserialize, Serialize};

/// The link format this release writes. Version 2 changed the default
/// baseline from Claude Haiku 4.5 to Anthropic's current small model.
pub const LINK_VERSION: u32 = 2;

/// The link format versions this release reads.
pub const READS_VERSIONS: [u32; 2] = [1, 2];

/// The baseline a version-1 link means when it has no `base`.
pub fn v1_default_base() -> crate::pricebook::ModelRef {
    crate::pricebook::ModelRef {
        provider: "anthropic".into(),
        model: "claude-haiku-4-5".into(),
    }
}

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
                    "this link is version {n}, made by a newer llm-roi; this server reads versions 1 to {LINK_VERSION} (a link without v is read as version {LINK_VERSION})"
                ),
            )),
            Err(_) => Err(err(
                key,
                value,
                format!(
                    "the link version must be a whole number; this server reads {LINK_VERSION}"
                ),
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
                    format!(
                        "the pricebook fingerprint is {FINGERPRINT_LEN} hex digits, as a report link writes it; leave pb out to use the current prices without comparing"
                    ),
                ))
            }
        }
    }
}

/// The share link's query for `s`, made with the pricebook `fingerprint`:
/// `v=1`, then the scenario's canonical query, then `pb`.
pub fn link_query(s: &crate::scenario::Scenario, fingerprint: &str) -> String {
    let scenario = super::encode(s);
    let mut parts = vec![format!("v={LINK_VERSION}")];
    if !scenario.is_empty() {
        parts.push(scenario);
    }
    parts.push(format!("pb={}", super::percent_encode(fingerprint)));
    parts.join("&")
}
