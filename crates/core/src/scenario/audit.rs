//! A relay's audit carried by the scenario (`aud=`), and which price drives
//! the savings (`price=audited|list`). An audit (`POST /api/v1/probe/audit`)
//! measures what a relay changes in what it bills: the share of cache reads
//! it serves as reads, 1-hour writes when 5 minutes were asked, and input
//! tokens added to every request. The link carries the findings, so that a
//! report shows the same audited price whenever it is opened.
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::scenario::audit::RelayAudit;
//! let a = RelayAudit::parse_list("aud", "holysheep,24,0,1h,2026-12-03,probe.example").unwrap();
//! assert_eq!(a[0].text(), "holysheep,24,0,1h,2026-12-03,probe.example");
//! assert_eq!(
//!     a[0].words(),
//!     "audited on 2026-12-03 from probe.example: 100% of cache reads billed as writes, cache writes at the 1-hour price, 24 input tokens added to every request"
//! );
//! ```

use crate::money::date::CalendarDate;
use crate::scenario::FieldError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The most audits a link carries (one per relay).
pub const MAX_AUDITS: usize = 8;
/// The most input tokens an audit can add to a request.
pub const MAX_EXTRA_TOKENS: u64 = 1_000_000;
/// The longest "measured from" label.
pub const MAX_FROM_CHARS: usize = 64;

/// What an audit of one relay found, as its price needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayAudit {
    /// The relay's provider id.
    pub relay: String,
    /// Input tokens the relay adds to every request (≥ 0).
    pub extra_input_tokens: Decimal,
    /// The share of cache reads the relay serves as reads, 0–1; the rest
    /// bill as cache writes.
    pub cache_reads_kept: Decimal,
    /// The relay bills cache writes as 1-hour entries.
    pub writes_at_1h: bool,
    pub measured_on: CalendarDate,
    /// The host the audit ran from, as the server names itself.
    pub measured_from: String,
}

/// Which price drives the savings and ROI of an audited relay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PriceChoice {
    /// The audited price, where the scenario carries an audit.
    #[default]
    Audited,
    /// The list price, the audit shown beside it.
    List,
}

impl PriceChoice {
    /// True for the default (left out of the scenario's JSON).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Audited => "audited",
            Self::List => "list",
        }
    }
}

impl RelayAudit {
    /// The audit from a probe's findings: the offset (tokens, with its 95 %
    /// interval; priced only when the interval leaves 0 out, and only when
    /// it adds), the two hit rates (%) and whether 1-hour writes were billed.
    pub fn from_findings(
        relay: &str,
        offset: Option<(f64, (f64, f64))>,
        hit_pct: (Option<f64>, Option<f64>),
        writes_at_1h: bool,
        measured_on: CalendarDate,
        measured_from: &str,
    ) -> Self {
        let significant = |(_, (lo, hi)): &(f64, (f64, f64))| *lo > 0.0 || *hi < 0.0;
        let extra = offset
            .filter(significant)
            .and_then(|(t, _)| Decimal::from_f64_retain(t))
            .map_or(Decimal::ZERO, |d| {
                d.round_dp(1)
                    .clamp(Decimal::ZERO, Decimal::from(MAX_EXTRA_TOKENS))
            });
        let kept = match hit_pct {
            (Some(relay), Some(direct)) if direct > 0.0 => Decimal::from_f64_retain(relay / direct)
                .map_or(Decimal::ONE, |k| {
                    k.round_dp(4).clamp(Decimal::ZERO, Decimal::ONE)
                }),
            _ => Decimal::ONE,
        };
        let from: String = measured_from
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            .take(MAX_FROM_CHARS)
            .collect();
        Self {
            relay: relay.to_string(),
            extra_input_tokens: extra.normalize(),
            cache_reads_kept: kept.normalize(),
            writes_at_1h,
            measured_on,
            measured_from: from,
        }
    }

    /// True when the audit changes nothing in the price.
    pub fn is_neutral(&self) -> bool {
        self.extra_input_tokens.is_zero()
            && self.cache_reads_kept == Decimal::ONE
            && !self.writes_at_1h
    }

    /// `<relay>,<extra tokens>,<reads kept 0–1>,<5m|1h>,<day>[,<from>]`.
    pub fn text(&self) -> String {
        let mut t = format!(
            "{},{},{},{},{}",
            self.relay,
            self.extra_input_tokens.normalize(),
            self.cache_reads_kept.normalize(),
            if self.writes_at_1h { "1h" } else { "5m" },
            self.measured_on
        );
        if !self.measured_from.is_empty() {
            t.push(',');
            t.push_str(&self.measured_from);
        }
        t
    }

    /// Reads `;`-separated audits; the error names `key`.
    pub fn parse_list(key: &str, value: &str) -> Result<Vec<Self>, FieldError> {
        let bad = |why: String| FieldError {
            field: key.into(),
            value: value.chars().take(200).collect(),
            message: format!(
                "{why}: write what an audit gives, `<relay>,<extra input tokens>,<share of cache reads kept 0–1>,<5m|1h>,<YYYY-MM-DD>[,<measured from>]`, one per relay, `;` between, at most {MAX_AUDITS}"
            ),
        };
        let mut out: Vec<Self> = Vec::new();
        for item in value.split(';').map(str::trim).filter(|i| !i.is_empty()) {
            if out.len() == MAX_AUDITS {
                return Err(bad(format!("more than {MAX_AUDITS} audits")));
            }
            let f: Vec<&str> = item.split(',').map(str::trim).collect();
            let (relay, extra, kept, ttl, day, from) = match f[..] {
                [r, e, k, t, d] => (r, e, k, t, d, ""),
                [r, e, k, t, d, from] => (r, e, k, t, d, from),
                _ => return Err(bad(format!("`{item}` has {} fields, not 5 or 6", f.len()))),
            };
            if relay.is_empty() || out.iter().any(|a| a.relay == relay) {
                return Err(bad(format!("relay `{relay}` is empty or given twice")));
            }
            let extra = Decimal::from_str(extra)
                .ok()
                .filter(|d| *d >= Decimal::ZERO && *d <= Decimal::from(MAX_EXTRA_TOKENS))
                .ok_or_else(|| bad(format!("`{extra}` is not 0 to {MAX_EXTRA_TOKENS} tokens")))?;
            let kept = Decimal::from_str(kept)
                .ok()
                .filter(|d| *d >= Decimal::ZERO && *d <= Decimal::ONE)
                .ok_or_else(|| bad(format!("`{kept}` is not a share from 0 to 1")))?;
            let writes_at_1h = match ttl {
                "1h" => true,
                "5m" => false,
                other => return Err(bad(format!("`{other}` is not 5m or 1h"))),
            };
            let measured_on = day
                .parse::<CalendarDate>()
                .map_err(|_| bad(format!("`{day}` is not a YYYY-MM-DD day")))?;
            if from.len() > MAX_FROM_CHARS
                || !from
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            {
                return Err(bad(format!(
                    "`{from}` is not a host label (letters, digits, `.`, `-`, `_`, at most {MAX_FROM_CHARS})"
                )));
            }
            out.push(Self {
                relay: relay.to_string(),
                extra_input_tokens: extra.normalize(),
                cache_reads_kept: kept.normalize(),
                writes_at_1h,
                measured_on,
                measured_from: from.to_string(),
            });
        }
        Ok(out)
    }

    /// "audited on 2026-12-03 from probe.example: 100% of cache reads
    /// billed as writes".
    pub fn words(&self) -> String {
        let mut parts = Vec::new();
        if self.cache_reads_kept < Decimal::ONE {
            let lost = (Decimal::ONE - self.cache_reads_kept) * Decimal::ONE_HUNDRED;
            parts.push(format!(
                "{}% of cache reads billed as writes",
                lost.round_dp(1).normalize()
            ));
        }
        if self.writes_at_1h {
            parts.push("cache writes at the 1-hour price".to_string());
        }
        if !self.extra_input_tokens.is_zero() {
            parts.push(format!(
                "{} input tokens added to every request",
                self.extra_input_tokens.normalize()
            ));
        }
        if parts.is_empty() {
            parts.push("no change from list".to_string());
        }
        let from = if self.measured_from.is_empty() {
            String::new()
        } else {
            format!(" from {}", self.measured_from)
        };
        format!(
            "audited on {}{from}: {}",
            self.measured_on,
            parts.join(", ")
        )
    }
}

/// The audits' link value.
pub fn audits_text(list: &[RelayAudit]) -> String {
    list.iter()
        .map(RelayAudit::text)
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_name_what_is_allowed() {
        for bad in [
            "holysheep,24,0,1h",
            "holysheep,-1,0,1h,2026-12-03",
            "holysheep,0,1.5,1h,2026-12-03",
            "holysheep,0,1,2h,2026-12-03",
            "holysheep,0,1,5m,2026-13-03",
            "holysheep,0,1,5m,2026-12-03,<script>",
            "a,0,1,5m,2026-12-03;a,0,1,5m,2026-12-03",
        ] {
            let e = RelayAudit::parse_list("aud", bad).unwrap_err();
            assert_eq!(e.field, "aud");
            assert!(
                e.message.contains("`<relay>,<extra input tokens>"),
                "{bad}: {}",
                e.message
            );
        }
        let two =
            RelayAudit::parse_list("aud", "a,0,1,5m,2026-12-03; b,3.5,0.5,5m,2026-12-02").unwrap();
        assert_eq!(
            audits_text(&two),
            "a,0,1,5m,2026-12-03;b,3.5,0.5,5m,2026-12-02"
        );
    }

    #[test]
    fn findings_become_an_audit() {
        let day = CalendarDate::new(2026, 12, 3).unwrap();
        let a = RelayAudit::from_findings(
            "r",
            Some((24.0, (23.1, 24.9))),
            (Some(45.0), Some(90.0)),
            false,
            day,
            "probe host!",
        );
        assert_eq!(a.text(), "r,24,0.5,5m,2026-12-03,probehost");
        // An interval holding 0, or a negative offset, adds nothing.
        let a = RelayAudit::from_findings(
            "r",
            Some((3.0, (-1.0, 7.0))),
            (Some(100.0), Some(100.0)),
            false,
            day,
            "",
        );
        assert!(a.is_neutral());
        let a = RelayAudit::from_findings(
            "r",
            Some((-5.0, (-6.0, -4.0))),
            (None, None),
            false,
            day,
            "",
        );
        assert!(a.is_neutral());
    }
}
