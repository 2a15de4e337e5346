//! The default comparison is a decision: the baseline against the options
//! that cost less than it.
//!
//! Without `cmp=`, the engine compares every route to the baseline's model
//! and the other vendors' small flagships ([`crate::cost::selection`]). Those
//! that cost as much as the baseline or more for the scenario's traffic
//! leave the table, the projection and the charts; the estimate lists them
//! in [`Estimate::dearer`], with what each costs more, so nothing is lost
//! and one link compares them too. Always kept: every option of a list
//! given with `cmp=` and every route of a workload mix (nothing is left
//! out then), a migration target, an audited relay (`aud=`), and, when the
//! scenario has requirements, an option that meets them all (moving to it
//! may be worth a cost).
//!
//! Usage: [`keep_cheaper`] runs inside the scenario's estimate, after the
//! costs and their calibration.

use crate::cost::estimate::{Dearer, Estimate, OptionEstimate};
use crate::cost::selection::canonical;
use crate::pricebook::Pricebook;
use rust_decimal::Decimal;

/// Moves the default options that save nothing per month from
/// `e.options` to `e.dearer`.
pub fn keep_cheaper(book: &Pricebook, e: &mut Estimate) {
    if e.scenario.compare.is_some() || e.scenario.mix.is_some() {
        return;
    }
    let target = e
        .scenario
        .migration
        .target
        .as_ref()
        .and_then(|t| canonical(book, t));
    let required = !e.scenario.requirements.is_empty();
    let keep = |o: &OptionEstimate| {
        o.is_baseline
            || o.savings.per_month > Decimal::ZERO
            || target.as_ref() == Some(&o.option)
            || (required && o.fit.meets_all())
            || o.audit.is_some()
    };
    let (kept, dropped): (Vec<_>, Vec<_>) = std::mem::take(&mut e.options)
        .into_iter()
        .partition(|o| keep(o));
    e.options = kept;
    e.dearer = dropped
        .iter()
        .map(|o| Dearer {
            option: o.option.clone(),
            provider_name: o.provider_name.clone(),
            model_name: o.model_name.clone(),
            extra_per_month: -o.savings.per_month,
        })
        .collect();
}
