//! A usage log that carries what each row was billed, read into a
//! reconciliation ([`llm_roi_core::cost::reconcile`]): the log's rows
//! priced as sent, per model and per day (over the whole log when a row is
//! not dated), beside the billed sums. A row without a billed amount is a
//! bad row: held against nothing, it would look like a difference.

use super::cost_export::CostItem;
use super::{read_usage, Import, ImportError, Limits, LogError, Rejected};
use llm_roi_core::cost::reconcile::stated::Stated;
use llm_roi_core::cost::reconcile::{reconcile, Reconciliation};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::{ModelRef, Pricebook};
use llm_roi_core::scenario::model_map::ModelMap;
use llm_roi_core::scenario::workload::tally::OTHER_UNKNOWN;
use llm_roi_core::scenario::workload::{
    source_model, WorkloadBuilder, WorkloadError, MAX_UNKNOWN_NAMES,
};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::Read;

type Billed = BTreeMap<(Option<CalendarDate>, ModelRef), Decimal>;

/// Adds an amount billed to no model of the pricebook, by name: at most
/// [`MAX_UNKNOWN_NAMES`] names, the rest together under [`OTHER_UNKNOWN`].
fn unattributed(names: &mut BTreeMap<String, Decimal>, name: &str, usd: Decimal) {
    let key = if names.contains_key(name) || names.len() < MAX_UNKNOWN_NAMES {
        name
    } else {
        OTHER_UNKNOWN
    };
    *names.entry(key.to_string()).or_default() += usd;
}

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

/// Where the billed side comes from.
pub enum BilledFrom {
    /// Each row's own amount (a row without one is a bad row).
    Rows,
    /// A cost export's items (the rows' own amounts are not used).
    Costs(Vec<CostItem>),
}

/// Reads `r` and reconciles its rows with their billed amounts, or with a
/// cost export's.
pub fn read_reconcile<R: Read>(
    book: &Pricebook,
    r: R,
    limits: Limits,
    map: ModelMap,
    from: BilledFrom,
) -> Result<(Import, Reconciliation), LogError> {
    let mut builder = WorkloadBuilder::with_days(book).mapped(map.clone())?;
    let (mut by_day, mut whole): (Billed, Billed) = (BTreeMap::new(), BTreeMap::new());
    let mut undated = false;
    let rows = matches!(from, BilledFrom::Rows);
    let mut unknown: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut import = read_usage(r, limits, &mut |row| {
        let usd = match row.billed_usd {
            Some(usd) => usd,
            None if !rows => Decimal::ZERO,
            None => {
                return Err(Rejected {
                    field: "billed_usd",
                    message: "missing: a reconciliation needs what each row was billed (billed_usd, LiteLLM's spend, OpenRouter's total_cost or usage.cost), or a cost export beside the log".into(),
                })
            }
        };
        let Some(source) = builder.add_source(&row)? else {
            // Billed to a model the pricebook does not know: in the total,
            // held against nothing.
            if rows {
                unattributed(&mut unknown, &row.model, usd);
            }
            return Ok(());
        };
        undated |= row.day.is_none();
        if !rows {
            return Ok(());
        }
        add(&mut by_day, (row.day, source.clone()), usd)?;
        add(&mut whole, (None, source), usd)
    })?;
    // What the export's amounts state, by (day, model, cause), and over
    // the whole span.
    let mut stated: BTreeMap<(Option<CalendarDate>, ModelRef, &'static str), Decimal> =
        BTreeMap::new();
    if let BilledFrom::Costs(items) = from {
        for it in items {
            let name = map.target(&it.name).unwrap_or(&it.name);
            match source_model(book, name).filter(|_| it.model) {
                Some(source) => {
                    let e = |r: Rejected| {
                        LogError::Import(ImportError::Malformed {
                            line: 1,
                            message: r.message,
                        })
                    };
                    add(&mut by_day, (it.day, source.clone()), it.usd).map_err(e)?;
                    for cause in &it.stated {
                        for day in std::iter::once(None).chain(it.day.map(Some)) {
                            let sum = stated.entry((day, source.clone(), cause)).or_default();
                            *sum = sum.saturating_add(it.usd);
                        }
                    }
                    add(&mut whole, (None, source), it.usd).map_err(e)?;
                }
                None => unattributed(&mut unknown, &it.name, it.usd),
            }
        }
    }
    let tallies = builder.tallies();
    let (workload, days) = match builder.finish_with_days() {
        Err(WorkloadError::Empty) if !import.bad.is_empty() => {
            return Err(LogError::AllBad(Box::new(import)));
        }
        Err(e) => return Err(e.into()),
        Ok(x) => x,
    };
    import.models = tallies;
    // A cost export's days must meet the log's: both dated, or the whole span.
    let dated_costs = by_day.keys().all(|(d, _)| d.is_some());
    let whole_span = undated || days.is_empty() || !dated_costs;
    let mut r = if whole_span {
        reconcile(book, &[(None, workload)], &whole)
    } else {
        let groups: Vec<_> = days.into_iter().map(|(d, w)| (Some(d), w)).collect();
        reconcile(book, &groups, &by_day)
    };
    let stated: Vec<Stated> = stated
        .into_iter()
        .filter(|((day, _, _), _)| day.is_none() == whole_span)
        .map(|((day, model, cause), usd)| Stated {
            day,
            model: model.to_string(),
            cause,
            usd,
        })
        .collect();
    r.add_stated(&stated);
    for (name, usd) in unknown {
        r.add_unattributed(&name, usd);
    }
    Ok((import, r))
}
