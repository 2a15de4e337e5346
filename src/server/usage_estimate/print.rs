//! The command's output in each format, written whole to stdout at the
//! end (a closed pipe, as with `| head`, is not an error).

use super::{EstimateArgs, Failed, OutputFormat};
use crate::server::export::write_csv;
use crate::server::workloads::answer;
use llm_roi_core::cost::estimate::Estimate;
use llm_roi_core::money::DisplayCurrency;
use llm_roi_core::pricebook::fingerprint::fingerprint;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::report::csv_table::{header, rows};
use llm_roi_core::report::Evaluation;
use llm_roi_core::scenario::mix::Mix;
use llm_roi_core::scenario::workload::{band, band_text};
use llm_roi_core::view::display::{money, number, percent};
use llm_roi_core::view::option_rows::rows as option_rows;
use llm_roi_core::view::unpriced::unpriced_text;
use llm_roi_core::view::workload_rows::class_kind;
use llm_roi_usage::Import;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::io::Write as _;

const USD: DisplayCurrency = DisplayCurrency::USD;

/// A line into the output buffer (formatting into a `String` cannot fail).
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// Writes `out` to stdout; a closed pipe ends the output quietly.
fn emit(out: &str) -> Result<(), Failed> {
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failed(format!("writing to stdout: {e}"))),
    }
}

fn usd(v: Decimal) -> String {
    money(v, USD, 2)
}

fn import_lines(out: &mut String, a: &EstimateArgs, book: &Pricebook, import: &Import, mix: &Mix) {
    let days = match import.days {
        Some((first, last)) => format!(", {first} to {last} ({} days)", mix.days),
        None => ", no dates (counted as 1 day)".into(),
    };
    say!(
        out,
        "{}: {}, {} rows read, {} bad{days}",
        a.usage.display(),
        import.format,
        import.rows,
        import.bad.len() as u64 + import.more_bad
    );
    for b in &import.bad {
        say!(out, "  {b}");
    }
    if import.more_bad > 0 {
        say!(out, "  … and {} more bad rows", import.more_bad);
    }
    if import.requests_unknown > 0 {
        say!(
                out,
            "  {} rows give no request count (this export counts tokens only): each counts as 1 request",
            import.requests_unknown
        );
    }
    if let Some(text) = unpriced_text(&import.models) {
        say!(out, "  {text}: left out of every figure below");
    }
    say!(
        out,
        "Totals as read, by model (hold them against the vendor's dashboard):"
    );
    for m in &import.models {
        let n = |v: u64| number(Decimal::from(v));
        say!(
            out,
            "  {}{}: {} requests, {} input ({} cache read, {} cache write), {} output ({} reasoning)",
            m.model,
            if m.priced { "" } else { " (not priced)" },
            n(m.requests),
            n(m.input_tokens),
            n(m.cache_read_tokens),
            n(m.cache_write_5m_tokens.saturating_add(m.cache_write_1h_tokens)),
            n(m.output_tokens),
            n(m.reasoning_tokens)
        );
    }
    say!(out, "{} request classes:", mix.workload.classes.len());
    for c in &mix.workload.classes {
        let t = &c.tokens;
        say!(
            out,
            "  {} {}, {}: {} requests, {} input ({} cache read, {} cache write), {} output ({} reasoning)",
            c.source,
            class_kind(book, c),
            band_text(band(book, c)),
            number(Decimal::from(c.requests)),
            number(Decimal::from(t.input)),
            number(Decimal::from(t.cache_read)),
            number(Decimal::from(t.cache_write_5m) + Decimal::from(t.cache_write_1h)),
            number(Decimal::from(t.output)),
            number(Decimal::from(t.reasoning))
        );
    }
}

fn csv_out(head: &[String], body: &[Vec<String>]) -> Result<(), Failed> {
    let bytes = write_csv(head, body).map_err(|e| Failed(format!("writing the CSV: {e}")))?;
    emit(&String::from_utf8_lossy(&bytes))
}

/// The estimate of the log, as asked.
pub fn estimate(
    a: &EstimateArgs,
    import: &Import,
    mix: &Mix,
    ev: &Evaluation,
    book: &Pricebook,
) -> Result<(), Failed> {
    let (e, f) = (&ev.estimate, ev.forecast.as_ref());
    match a.format {
        OutputFormat::Table => {
            let mut out = String::new();
            import_lines(&mut out, a, book, import, mix);
            say!(
                out,
                "The log on each route, {} requests a day, USD (rounded as on the page):",
                number(e.requests_per_day().round_dp(1))
            );
            for r in option_rows(e) {
                let saves = if r.is_baseline {
                    " (baseline)".to_string()
                } else {
                    format!("; saves {} a month ({})", r.savings_month, r.savings_pct)
                };
                say!(
                    out,
                    "  {} ({} — {}): {} a day, {} a month, {} a year{saves}",
                    r.id,
                    r.provider,
                    r.model,
                    r.per_day,
                    r.per_month,
                    r.per_year
                );
                if let Some(range) = &r.month_range {
                    say!(out, "    a month at the log's {range}");
                }
                for n in &r.notes {
                    say!(out, "    {n}");
                }
            }
            emit(&out)
        }
        OutputFormat::Json => {
            let body = serde_json::json!({
                "import": answer(book, &fingerprint(book), import.clone(), mix.clone()),
                "estimate": e,
                "forecast": f,
            });
            emit(&format!("{body:#}\n"))
        }
        OutputFormat::Csv => csv_out(&header(e.currency.code()), &rows(e, f)),
    }
}

/// One route's monthly cost on the old and the new pricebook.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Change {
    pub id: String,
    pub label: String,
    pub old_per_month_usd: Decimal,
    pub new_per_month_usd: Decimal,
    /// The rise in percent (negative: cheaper); `None` when it was free.
    pub pct: Option<Decimal>,
}

/// The routes priced on both pricebooks, baseline first.
pub fn changes(old: &Estimate, now: &Estimate) -> Vec<Change> {
    now.options
        .iter()
        .filter_map(|n| {
            let o = old.options.iter().find(|o| o.option == n.option)?;
            let (before, after) = (o.per_month.total, n.per_month.total);
            Some(Change {
                id: n.option.to_string(),
                label: n.label(),
                old_per_month_usd: before,
                new_per_month_usd: after,
                pct: (!before.is_zero())
                    .then(|| ((after - before) / before * Decimal::ONE_HUNDRED).normalize()),
            })
        })
        .collect()
}

/// The comparison, as asked.
pub fn comparison(
    a: &EstimateArgs,
    import: &Import,
    mix: &Mix,
    changes: &[Change],
) -> Result<(), Failed> {
    let old = a
        .compare_pricing
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    match a.format {
        OutputFormat::Table => {
            let mut out = String::new();
            say!(
                out,
                "{}: {} rows, {} requests over {} days",
                a.usage.display(),
                import.rows,
                number(Decimal::from(mix.workload.requests())),
                mix.days
            );
            if let Some(text) = unpriced_text(&import.models) {
                say!(out, "  {text}: left out of every figure below");
            }
            say!(
                out,
                "Monthly cost, {old} → {}, USD (exact; rounded to the cent here):",
                a.pricing_dir.display()
            );
            for c in changes {
                let pct = c
                    .pct
                    .map(|p| {
                        format!(
                            " ({}{})",
                            if p > Decimal::ZERO { "+" } else { "" },
                            percent(p)
                        )
                    })
                    .unwrap_or_default();
                say!(
                    out,
                    "  {} ({}): {} → {}{pct}",
                    c.id,
                    c.label,
                    usd(c.old_per_month_usd),
                    usd(c.new_per_month_usd)
                );
            }
            emit(&out)
        }
        OutputFormat::Json => emit(&format!(
            "{:#}\n",
            serde_json::json!({ "old_pricing": old, "changes": changes })
        )),
        OutputFormat::Csv => {
            let head = [
                "route",
                "label",
                "old_per_month_usd",
                "new_per_month_usd",
                "change_pct",
            ]
            .map(String::from);
            let body: Vec<Vec<String>> = changes
                .iter()
                .map(|c| {
                    vec![
                        c.id.clone(),
                        c.label.clone(),
                        c.old_per_month_usd.normalize().to_string(),
                        c.new_per_month_usd.normalize().to_string(),
                        c.pct.map(|p| p.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            csv_out(&head, &body)
        }
    }
}
