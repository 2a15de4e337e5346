//! An option's facts and requirement checks, ready to render: a compact
//! cell for the options table, and the details behind it.
//!
//! Usage: `fit_view(&option.fit, estimate.today)`; the report's "fits your
//! requirements" section and the CSV read the same rows.

use crate::cost::estimate::Fit;
use crate::money::date::CalendarDate;
use crate::pricebook::facts::{FACT_STALE_AFTER_DAYS, FactLine, checked_is_stale};
use crate::pricebook::requirement::{Check, Requirement, Verdict};

/// One requirement checked, in words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CheckRow {
    pub requirement: String,
    pub label: String,
    /// "met", "fails" or "unknown".
    pub verdict: &'static str,
    /// The fact it was decided on, e.g. "WeChat Pay, Alipay (vendor's claim)".
    pub fact: String,
    /// The source and check date, e.g. "https://… (checked 2026-12-02)".
    pub source: Option<String>,
    pub stale: bool,
}

/// One fact, in words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FactRow {
    pub key: String,
    pub label: String,
    pub value: String,
    pub known: bool,
    pub claimed: bool,
    pub source: Option<String>,
    pub note: Option<String>,
    pub stale: bool,
}

/// An option's fit, as the table and the report show it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FitView {
    /// "meets", "fails", "unknown", or "facts" when nothing is required.
    pub state: &'static str,
    /// A few words, for the table's column: "fails SOC 2; 2 unknown",
    /// "unknown: ZDR", "meets SOC 2, ZDR" ("meets all 4" past two), or
    /// "9 of 11 facts known" when nothing is required.
    pub summary: String,
    /// The same in words: "fails: SOC 2 Type II; unknown: zero data
    /// retention", "meets all 3 requirements", "9 of 11 facts known".
    pub detail: String,
    pub checks: Vec<CheckRow>,
    pub facts: Vec<FactRow>,
}

/// "https://… (checked 2026-12-02)", flagged when stale.
fn source_text(
    source: Option<&str>,
    checked: Option<CalendarDate>,
    is_stale: bool,
) -> Option<String> {
    let s = source?;
    Some(match checked {
        Some(c) if is_stale => {
            format!("{s} (checked {c}: stale, over {FACT_STALE_AFTER_DAYS} days)")
        }
        Some(c) => format!("{s} (checked {c})"),
        None => s.to_string(),
    })
}

fn check_row(c: &Check, today: Option<CalendarDate>) -> CheckRow {
    let is_stale = checked_is_stale(c.checked, today);
    let fact = match (&c.fact, c.claimed) {
        (None, _) => "unknown".to_string(),
        (Some(f), true) => format!("{f} (vendor's claim)"),
        (Some(f), false) => f.clone(),
    };
    CheckRow {
        requirement: c.requirement.clone(),
        label: c.label.clone(),
        verdict: c.verdict.word(),
        fact,
        source: source_text(c.source.as_deref(), c.checked, is_stale),
        stale: is_stale,
    }
}

fn fact_row(l: &FactLine, today: Option<CalendarDate>) -> FactRow {
    let is_stale = l.is_stale(today);
    FactRow {
        key: l.key.clone(),
        label: l.label.clone(),
        value: l.value_text(),
        known: l.value.is_some(),
        claimed: l.claimed,
        source: source_text(l.source.as_deref(), l.checked, is_stale),
        note: l.note.clone(),
        stale: is_stale,
    }
}

/// The labels (or short names) of the checks with `verdict`.
fn labels(fit: &Fit, verdict: Verdict, short: bool) -> Vec<String> {
    fit.checks
        .iter()
        .filter(|c| c.verdict == verdict)
        .map(|c| match Requirement::parse(&c.requirement) {
            Ok(r) if short => r.short(),
            _ => c.label.clone(),
        })
        .collect()
}

/// The cell's words for an option that does not meet every requirement.
fn not_met_words(fit: &Fit) -> String {
    let fails = labels(fit, Verdict::Fails, true);
    let unknown = labels(fit, Verdict::Unknown, true);
    let mut parts = Vec::new();
    if !fails.is_empty() {
        parts.push(format!("fails {}", fails.join(", ")));
    }
    match (fails.is_empty(), unknown.len()) {
        (_, 0) => {}
        (true, 1..=2) => parts.push(format!("unknown: {}", unknown.join(", "))),
        (_, n) => parts.push(format!("{n} unknown")),
    }
    parts.join("; ")
}

/// The requirements an option does not meet, e.g. "SOC 2 Type II (fails),
/// zero data retention (unknown)"; `None` when it meets every one.
pub fn not_met_text(fit: &Fit) -> Option<String> {
    let list: Vec<String> = fit
        .not_met()
        .iter()
        .map(|c| format!("{} ({})", c.label, c.verdict.word()))
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// The view of one option's fit, read on `today` for stale checks.
pub fn fit_view(fit: &Fit, today: Option<CalendarDate>) -> FitView {
    let facts: Vec<FactRow> = fit.facts.iter().map(|l| fact_row(l, today)).collect();
    let checks: Vec<CheckRow> = fit.checks.iter().map(|c| check_row(c, today)).collect();
    let known = facts.iter().filter(|f| f.known).count();
    let state = fit.state();
    let (summary, detail) = match state {
        "facts" => {
            let words = match facts.len() {
                0 => "facts: per vendor".to_string(),
                n => format!("{known} of {n} facts known"),
            };
            (words.clone(), words)
        }
        "meets" => {
            let met = labels(fit, Verdict::Met, true);
            let summary = match met.len() {
                1..=2 => format!("meets {}", met.join(", ")),
                n => format!("meets all {n}"),
            };
            let detail = match fit.checks.len() {
                1 => "meets the requirement".to_string(),
                n => format!("meets all {n} requirements"),
            };
            (summary, detail)
        }
        _ => {
            let named: Vec<String> = [(Verdict::Fails, "fails"), (Verdict::Unknown, "unknown")]
                .into_iter()
                .filter_map(|(v, w)| {
                    let l = labels(fit, v, false);
                    (!l.is_empty()).then(|| format!("{w}: {}", l.join(", ")))
                })
                .collect();
            (not_met_words(fit), named.join("; "))
        }
    };
    FitView {
        state,
        summary,
        detail,
        checks,
        facts,
    }
}

#[cfg(test)]
mod tests;
