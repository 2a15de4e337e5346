//! A usage log that carries what each row was billed, read into a
//! reconciliation ([`llm_roi_core::cost::reconcile`]): the log's rows
//! priced as sent, per model and per day (over the whole log when a row is
//! not dated), beside the billed sums. A row without a billed amount is a
//! bad row: held against nothing, it would look like a difference.

use super::{read_usage, Import, Limits, LogError, Rejected};
use llm_roi_core::cost::reconcile::{reconcile, Reconciliation};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::{ModelRef, Pricebook};
use llm_roi_core::scenario::model_map::ModelMap;
use llm_roi_core::scenario::workload::{WorkloadBuilder, WorkloadError};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::Read;

type Billed = BTreeMap<(Option<CalendarDate>, ModelRef), Decimal>;

fn add(
    billed: &mut Billed,
    key: (Option<CalendarDate>, ModelRef),
    usd: Decimal,
) -> Result<(), Rejected> {
    let sum = billed.entry(key).or_default();
    *sum = sum.checked_add(usd).ok_or_else(|| Rejected {
        field: "billed_usd",
        message: "the billed amounts add up past what a decimal holds".into(),
    })?;
    Ok(())
}

/// Reads `r` and reconciles its rows with their billed amounts.
pub fn read_reconcile<R: Read>(
    book: &Pricebook,
    r: R,
    limits: Limits,
    map: ModelMap,
) -> Result<(Import, Reconciliation), LogError> {
    let mut builder = WorkloadBuilder::with_days(book).mapped(map)?;
    let (mut by_day, mut whole): (Billed, Billed) = (BTreeMap::new(), BTreeMap::new());
    let mut undated = false;
    let mut import = read_usage(r, limits, &mut |row| {
        let Some(usd) = row.billed_usd else {
            return Err(Rejected {
                field: "billed_usd",
                message: "missing: a reconciliation needs what each row was billed (billed_usd, LiteLLM's spend, OpenRouter's total_cost or usage.cost)".into(),
            });
        };
        let Some(source) = builder.add_source(&row)? else {
            return Ok(());
        };
        undated |= row.day.is_none();
        add(&mut by_day, (row.day, source.clone()), usd)?;
        add(&mut whole, (None, source), usd)
    })?;
    let tallies = builder.tallies();
    let (workload, days) = match builder.finish_with_days() {
        Err(WorkloadError::Empty) if !import.bad.is_empty() => {
            return Err(LogError::AllBad(Box::new(import)));
        }
        Err(e) => return Err(e.into()),
        Ok(x) => x,
    };
    import.models = tallies;
    let r = if undated || days.is_empty() {
        reconcile(book, &[(None, workload)], &whole)
    } else {
        let groups: Vec<_> = days.into_iter().map(|(d, w)| (Some(d), w)).collect();
        reconcile(book, &groups, &by_day)
    };
    Ok((import, r))
}
