//! A relay's audited price: its list price with what an audit measured on
//! it (`probe::audit`) priced in. A relay that does not read the prompt
//! cache bills the scenario's cache reads as cache writes; one that writes
//! 1-hour entries when 5 minutes were asked bills writes at the 1-hour
//! price; one that counts a fixed offset of input tokens bills them on
//! every request.
//!
//! Usage:
//!
//! ```ignore
//! let basis = AuditedBasis::from_findings(...);
//! let audited = audited_request_cost(&book, relay, model, &Usage::of(&scenario), &basis)?;
//! ```

use crate::cost::engine::{EngineError, RequestCost, Usage, request_cost};
use crate::money::date::CalendarDate;
use crate::pricebook::{Model, Pricebook, Provider};
use crate::scenario::inputs::CacheTtl;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What an audit of a relay changes in its price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditedBasis {
    /// Input tokens the relay adds to every request: the measured offset
    /// when its 95 % interval leaves 0 out, else 0.
    pub extra_input_tokens: Decimal,
    /// The share of cache reads the relay serves as reads, 0–1 (its hit
    /// rate over the official API's); the rest bill as cache writes.
    pub cache_reads_kept: Decimal,
    /// The relay bills cache writes as 1-hour entries.
    pub writes_at_1h: bool,
    /// The day of the audit, and the host it was measured from.
    pub measured_on: CalendarDate,
    pub measured_from: String,
}

impl AuditedBasis {
    /// The basis from an audit's findings: the offset (tokens, with its
    /// 95 % interval), the two hit rates (%) and whether 1-hour writes were
    /// billed.
    pub fn from_findings(
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
            .map_or(Decimal::ZERO, |d| d.round_dp(1).max(Decimal::ZERO));
        let kept = match hit_pct {
            (Some(relay), Some(direct)) if direct > 0.0 => Decimal::from_f64_retain(relay / direct)
                .map_or(Decimal::ONE, |k| {
                    k.round_dp(4).clamp(Decimal::ZERO, Decimal::ONE)
                }),
            _ => Decimal::ONE,
        };
        Self {
            extra_input_tokens: extra,
            cache_reads_kept: kept,
            writes_at_1h,
            measured_on,
            measured_from: measured_from.to_string(),
        }
    }

    /// True when the audit changes nothing in the price.
    pub fn is_neutral(&self) -> bool {
        self.extra_input_tokens.is_zero()
            && self.cache_reads_kept == Decimal::ONE
            && !self.writes_at_1h
    }

    /// A request's tokens as the relay bills them.
    pub fn usage(&self, u: &Usage) -> Usage {
        let lost = u.cache_read * (Decimal::ONE - self.cache_reads_kept);
        let extra = self.extra_input_tokens;
        Usage {
            input_total: u.input_total + extra,
            tier_input: u.tier_input + extra,
            fresh_input: u.fresh_input + extra,
            cache_read: u.cache_read - lost,
            cache_write: u.cache_write + lost,
            ttl: if self.writes_at_1h {
                CacheTtl::OneHour
            } else {
                u.ttl
            },
            ..u.clone()
        }
    }

    /// What the audit changes, in words, for notes.
    pub fn describe(&self) -> String {
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
        format!(
            "audited on {} from {}: {}",
            self.measured_on,
            self.measured_from,
            parts.join(", ")
        )
    }
}

/// One request on the relay with the audit's findings priced in.
pub fn audited_request_cost(
    book: &Pricebook,
    provider: &Provider,
    model: &Model,
    usage: &Usage,
    basis: &AuditedBasis,
) -> Result<RequestCost, EngineError> {
    request_cost(book, provider, model, &basis.usage(usage))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricebook::fixtures::{TEST_VENDOR, small_book};
    use std::str::FromStr;

    /// $2/M input, $0.2/M cache reads, $2.5/M 5-minute and $4/M 1-hour
    /// writes, $10/M output.
    const MODEL: &str = "[[models]]\nid = \"m\"\ninput = 2\noutput = 10\ncache_read = 0.2\ncache_write_5m = 2.5\ncache_write_1h = 4\n";

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// One request of 10,000 input tokens (9,000 cache reads, 1,000
    /// fresh) and 500 output.
    fn usage() -> Usage {
        Usage {
            input_total: d("10000"),
            tier_input: d("10000"),
            fresh_input: d("1000"),
            cache_read: d("9000"),
            cache_write: d("0"),
            output: d("500"),
            ttl: CacheTtl::FiveMinutes,
            batch_fraction: Decimal::ZERO,
            offpeak_fraction: Decimal::ZERO,
            service_tier: Default::default(),
            web_searches: Decimal::ZERO,
        }
    }

    fn cost(basis: &AuditedBasis) -> Decimal {
        let book = small_book(&[("v.toml", &format!("{TEST_VENDOR}{MODEL}"))]);
        let p = &book.providers[0];
        audited_request_cost(&book, p, &p.models[0], &usage(), basis)
            .unwrap()
            .parts
            .total
            .normalize()
    }

    fn basis(offset: Option<(f64, (f64, f64))>, hits: (f64, f64), h1: bool) -> AuditedBasis {
        let day = CalendarDate::new(2026, 12, 3).unwrap();
        AuditedBasis::from_findings(offset, (Some(hits.0), Some(hits.1)), h1, day, "probe.test")
    }

    #[test]
    fn each_finding_priced_by_hand() {
        // List: 1,000 × $2 + 9,000 × $0.2 + 500 × $10 = $0.0088.
        let honest = basis(Some((0.0, (0.0, 0.0))), (100.0, 100.0), false);
        assert!(honest.is_neutral());
        assert_eq!(cost(&honest), d("0.0088"));
        // Never reads: the 9,000 bill as 5-minute writes at $2.5:
        // $0.002 + $0.0225 + $0.005 = $0.0295.
        assert_eq!(cost(&basis(None, (0.0, 100.0), false)), d("0.0295"));
        // Reads half as often: 4,500 reads, 4,500 writes:
        // $0.002 + $0.0009 + $0.01125 + $0.005 = $0.01915.
        assert_eq!(cost(&basis(None, (50.0, 100.0), false)), d("0.01915"));
        // +24 tokens a request: 1,024 fresh, $0.000048 more: $0.008848.
        let offset = basis(Some((24.0, (23.1, 24.9))), (100.0, 100.0), false);
        assert_eq!(cost(&offset), d("0.008848"));
        // An offset whose interval holds 0 is not priced.
        assert!(basis(Some((3.0, (-1.0, 7.0))), (100.0, 100.0), false).is_neutral());
        // Broken cache billed at 1-hour writes: 9,000 × $4 = $0.036, plus
        // $0.002 + $0.005 = $0.043.
        assert_eq!(cost(&basis(None, (0.0, 100.0), true)), d("0.043"));
        assert_eq!(
            basis(None, (0.0, 100.0), true).describe(),
            "audited on 2026-12-03 from probe.test: 100% of cache reads billed as writes, cache writes at the 1-hour price"
        );
    }
}
