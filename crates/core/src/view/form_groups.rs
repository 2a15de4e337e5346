//! The scenario form's folded groups: which fields each holds, and the
//! one-line summary of their values shown while it is folded
//! ("Growth: 0 %/month, 12 months").
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::scenario::Scenario;
//! use llm_roi_core::view::form_groups::FormGroup;
//!
//! let s = Scenario::default();
//! assert_eq!(FormGroup::Growth.summary(&s, None), "0 %/month, 12 months");
//! ```

use crate::money::DisplayCurrency;
use crate::pricebook::Pricebook;
use crate::scenario::Scenario;
use crate::view::display::{money, number};

/// A group of the form that folds on a narrow screen. Traffic and the
/// comparison stay open: they are what a user changes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormGroup {
    Growth,
    CachingAndBatch,
    Requirements,
    Migration,
}

impl FormGroup {
    /// The group's heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::Growth => "Growth",
            Self::CachingAndBatch => "Caching and batch",
            Self::Requirements => "Requirements",
            Self::Migration => "Migration",
        }
    }

    /// A name for tests and styles.
    pub fn name(self) -> &'static str {
        match self {
            Self::Growth => "growth",
            Self::CachingAndBatch => "caching",
            Self::Requirements => "requirements",
            Self::Migration => "migration",
        }
    }

    /// The URL keys of the group's fields: a group with an invalid field
    /// opens, so that its message is seen.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Self::Growth => &["growth", "horizon"],
            Self::CachingAndBatch => &["cr", "cw", "ttl", "batch", "offpeak", "tier", "search"],
            Self::Requirements => &["req"],
            Self::Migration => &[
                "target", "hours", "rate", "fixed", "monthly", "credit", "phases", "fb",
            ],
        }
    }

    /// The values in use, in one line. `target` names the migration target
    /// when one is chosen (its label from the pricebook, see [`target_label`]).
    pub fn summary(self, s: &Scenario, target: Option<&str>) -> String {
        let pct = |v| format!("{} %", number(v));
        match self {
            Self::Growth => format!("{}/month, {} months", pct(s.growth_pct), s.horizon_months),
            Self::CachingAndBatch => {
                let ttl = match s.cache_ttl.code() {
                    "1h" => "1 h",
                    _ => "5 min",
                };
                let searches = if s.web_searches.is_zero() {
                    String::new()
                } else {
                    format!("; {} web searches a request", number(s.web_searches))
                };
                format!(
                    "cache reads {}, writes {} ({ttl}); batch {}; off-peak {}; {} tier{searches}",
                    pct(s.cache_read_pct),
                    pct(s.cache_write_pct),
                    pct(s.batch_pct),
                    pct(s.offpeak_pct),
                    s.service_tier.code()
                )
            }
            Self::Requirements if s.requirements.is_empty() => "none".into(),
            Self::Requirements => s
                .requirements
                .iter()
                .map(|r| r.label())
                .collect::<Vec<_>>()
                .join(", "),
            Self::Migration => migration_summary(s, target),
        }
    }
}

fn migration_summary(s: &Scenario, target: Option<&str>) -> String {
    let m = &s.migration;
    let cur: DisplayCurrency = s.currency;
    let cheapest = if s.requirements.is_empty() {
        "to the cheapest compared option"
    } else {
        "to the cheapest compared option that meets every requirement"
    };
    let to = target.map_or_else(|| cheapest.to_string(), |t| format!("to {t}"));
    let rollout = if m.phases.is_empty() {
        "all at once".to_string()
    } else {
        let days: u64 = m.phases.iter().map(|p| u64::from(p.days)).sum();
        format!("{} phases over {days} days", m.phases.len())
    };
    format!(
        "{to}; {} h at {}/h; {rollout}; fallback {} %",
        number(m.hours),
        money(m.hourly_rate, cur, 2),
        number(m.fallback_pct)
    )
}

/// "Provider — Model" for the scenario's chosen target, if it has one that
/// the pricebook knows.
pub fn target_label(book: &Pricebook, s: &Scenario) -> Option<String> {
    let r = s.migration.target.as_ref()?;
    let route = (s.mix.is_some() && r.model == crate::cost::mix_estimate::ROUTE_MODEL)
        .then(|| book.provider(&r.provider))
        .flatten()
        .map(|p| format!("{} (route)", p.name));
    route
        .or_else(|| {
            book.resolve(r)
                .map(|(p, m)| format!("{} — {}", p.name, m.name))
        })
        .or_else(|| Some(r.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricebook::ModelRef;
    use crate::pricebook::fixtures::playbook_book;
    use crate::scenario::codec::decode_query;

    #[test]
    fn summarises_the_defaults() {
        let s = Scenario::default();
        assert_eq!(FormGroup::Growth.summary(&s, None), "0 %/month, 12 months");
        assert_eq!(
            FormGroup::CachingAndBatch.summary(&s, None),
            "cache reads 0 %, writes 0 % (5 min); batch 0 %; off-peak 0 %; standard tier"
        );
        assert_eq!(
            FormGroup::Migration.summary(&s, None),
            "to the cheapest compared option; 8 h at $100.00/h; 4 phases over 28 days; fallback 0 %"
        );
    }

    #[test]
    fn summarises_what_the_query_says() {
        let (s, errors) = decode_query(
            "growth=2.5&horizon=36&cr=40&cw=5&ttl=1h&batch=20&offpeak=10&tier=flex&phases=none&hours=12.5&rate=80&cur=EUR&fb=0",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            FormGroup::Growth.summary(&s, None),
            "2.5 %/month, 36 months"
        );
        assert_eq!(
            FormGroup::CachingAndBatch.summary(&s, None),
            "cache reads 40 %, writes 5 % (1 h); batch 20 %; off-peak 10 %; flex tier"
        );
        assert_eq!(
            FormGroup::Migration.summary(&s, Some("HolySheep AI — Claude Haiku 4.5")),
            "to HolySheep AI — Claude Haiku 4.5; 12.5 h at €80.00/h; all at once; fallback 0 %"
        );
        let (s, _) = decode_query("req=zdr,soc2");
        assert_eq!(
            FormGroup::Requirements.summary(&s, None),
            "SOC 2 Type II, zero data retention"
        );
        assert!(
            FormGroup::Migration
                .summary(&s, None)
                .starts_with("to the cheapest compared option that meets every requirement;")
        );
        assert_eq!(
            FormGroup::Requirements.summary(&Scenario::default(), None),
            "none"
        );
    }

    #[test]
    fn names_the_target_from_the_pricebook() {
        let book = playbook_book();
        let mut s = Scenario::default();
        assert_eq!(target_label(&book, &s), None);
        let to = |provider: &str, model: &str| ModelRef {
            provider: provider.into(),
            model: model.into(),
        };
        s.migration.target = Some(to("holysheep", "claude-haiku-4-5"));
        assert_eq!(
            target_label(&book, &s).as_deref(),
            Some("HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep")
        );
        s.migration.target = Some(to("nobody", "nothing"));
        assert_eq!(target_label(&book, &s).as_deref(), Some("nobody/nothing"));
    }

    #[test]
    fn every_field_key_is_in_one_group_at_most() {
        let all = [
            FormGroup::Growth,
            FormGroup::CachingAndBatch,
            FormGroup::Migration,
        ];
        let mut keys: Vec<&str> = all.iter().flat_map(|g| g.keys().iter().copied()).collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
}
