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
//! let audit = &scenario.audits[0]; // from `aud=`
//! let audited = audited_request_cost(&book, relay, model, &Usage::of(&scenario), audit)?;
//! ```

use super::{EngineError, RequestCost, Usage, request_cost};
use crate::pricebook::{Model, Pricebook, Provider};
use crate::scenario::audit::RelayAudit;
use crate::scenario::inputs::CacheTtl;
use rust_decimal::Decimal;

/// A request's tokens as the audited relay bills them.
pub fn audited_usage(a: &RelayAudit, u: &Usage) -> Usage {
    let lost = u.cache_read * (Decimal::ONE - a.cache_reads_kept);
    let extra = a.extra_input_tokens;
    Usage {
        input_total: u.input_total + extra,
        tier_input: u.tier_input + extra,
        fresh_input: u.fresh_input + extra,
        cache_read: u.cache_read - lost,
        cache_write: u.cache_write + lost,
        ttl: if a.writes_at_1h {
            CacheTtl::OneHour
        } else {
            u.ttl
        },
        ..u.clone()
    }
}

/// One request on the relay with the audit's findings priced in.
pub fn audited_request_cost(
    book: &Pricebook,
    provider: &Provider,
    model: &Model,
    usage: &Usage,
    audit: &RelayAudit,
) -> Result<RequestCost, EngineError> {
    request_cost(book, provider, model, &audited_usage(audit, usage))
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

    fn cost(basis: &RelayAudit) -> Decimal {
        let book = small_book(&[("v.toml", &format!("{TEST_VENDOR}{MODEL}"))]);
        let p = &book.providers[0];
        audited_request_cost(&book, p, &p.models[0], &usage(), basis)
            .unwrap()
            .parts
            .total
            .normalize()
    }

    fn basis(offset: Option<(f64, (f64, f64))>, hits: (f64, f64), h1: bool) -> RelayAudit {
        let day = crate::money::date::CalendarDate::new(2026, 12, 3).unwrap();
        RelayAudit::from_findings(
            "v",
            offset,
            (Some(hits.0), Some(hits.1)),
            h1,
            day,
            "probe.test",
        )
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
            basis(None, (0.0, 100.0), true).words(),
            "audited on 2026-12-03 from probe.test: 100% of cache reads billed as writes, cache writes at the 1-hour price"
        );
    }

    /// On the frozen playbook book: OpenRouter sells Claude Haiku 4.5's
    /// list price ($1/M input, $0.1/M cache reads, $1.25/M 5-minute writes,
    /// $5/M output) at $1.055 per $1. One request of 10,000 input tokens,
    /// 90 % cache reads, and 500 output: list $0.0044 × 1.055 = $0.004642;
    /// a relay that never reads bills the 9,000 as writes: $0.01475 ×
    /// 1.055 = $0.01556125.
    fn openrouter(e: &crate::cost::estimate::Estimate) -> &crate::cost::estimate::OptionEstimate {
        e.options
            .iter()
            .find(|o| o.option.to_string() == "openrouter/anthropic/claude-haiku-4.5")
            .unwrap()
    }

    #[test]
    fn the_options_table_shows_both_prices_and_the_chosen_one_drives() {
        use crate::cost::scenario_cost::estimate;
        use crate::pricebook::fixtures::playbook_book;
        use crate::scenario::audit::PriceChoice;
        let mut s = crate::scenario::fixtures::playbook_traffic(1, 10_000, 500);
        s.cache_read_pct = Decimal::from(90);
        s.audits =
            RelayAudit::parse_list("aud", "openrouter,0,0,5m,2026-12-03,probe.test").unwrap();
        let e = estimate(&playbook_book(), &s);
        let or = openrouter(&e);
        let a = or.audit.as_ref().unwrap();
        assert_eq!(a.list_per_request.total.normalize(), d("0.004642"));
        assert_eq!(a.audited_per_request.total.normalize(), d("0.01556125"));
        assert_eq!(or.per_request.total.normalize(), d("0.01556125"));
        assert_eq!(
            a.words,
            "audited on 2026-12-03 from probe.test: 100% of cache reads billed as writes"
        );
        // price=list: the list price drives, the audit stays beside it.
        s.price = PriceChoice::List;
        let e = estimate(&playbook_book(), &s);
        let or = openrouter(&e);
        assert_eq!(or.per_request.total.normalize(), d("0.004642"));
        assert_eq!(or.audit.as_ref().unwrap().drives, PriceChoice::List);
        // Other options carry no audit.
        assert!(
            e.options
                .iter()
                .filter(|o| o.option.provider != "openrouter")
                .all(|o| o.audit.is_none())
        );
    }
}
