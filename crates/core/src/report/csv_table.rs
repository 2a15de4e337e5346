//! The CSV export's table: one header row, then the options table (section
//! `options`), the default options left out as dearer (section `dearer`,
//! with their saving per month, ≤ 0) and the month-by-month projection
//! (section `projection`).
//!
//! Amounts are exact decimals in the display currency, named in the header
//! (`cost_per_month_USD`), with no symbols or thousands separators, so that a
//! spreadsheet reads them as numbers. In a `projection` row,
//! `cost_per_month` is that month's cost and `savings_per_month` the
//! baseline's cost that month less the option's.
//!
//! An `options` row also carries its fit: `fit` (meets, fails, unknown, or
//! empty without requirements), `requirements` (`soc2=fails; zdr=met`, each
//! with the fact, source and check date) and `facts` (every fact kind,
//! `payment=card, crypto [source, checked date]`, unknown ones as `unknown`).

use crate::cost::estimate::{Estimate, Fit};
use crate::forecast::Forecast;
use rust_decimal::Decimal;

/// The header row for amounts in `currency`.
pub fn header(currency: &str) -> Vec<String> {
    [
        "section",
        "option",
        "provider",
        "model",
        "month",
        "requests_per_day",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(
        [
            "cost_per_request",
            "cost_per_day",
            "cost_per_month",
            "cost_per_year",
            "savings_per_month",
        ]
        .iter()
        .map(|s| format!("{s}_{currency}")),
    )
    .chain(
        ["savings_pct", "fit", "requirements", "facts"]
            .iter()
            .map(|s| s.to_string()),
    )
    .collect()
}

fn num(v: Decimal) -> String {
    v.normalize().to_string()
}

/// A text cell a spreadsheet would read as a formula gets a leading `'`.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn dated(source: Option<&str>, checked: Option<String>) -> String {
    match (source, checked) {
        (Some(s), Some(c)) => format!(" [{s}, checked {c}]"),
        (Some(s), None) => format!(" [{s}]"),
        _ => String::new(),
    }
}

/// `fit`, `requirements` and `facts` of one option.
fn fit_cells(fit: &Fit) -> [String; 3] {
    // The table's state, but empty when nothing is required.
    let state = match fit.state() {
        "facts" => "",
        s => s,
    };
    let checks = fit
        .checks
        .iter()
        .map(|c| {
            let verdict = c.verdict.word();
            let fact = c.fact.as_deref().map_or(String::new(), |f| {
                format!(" ({f}{})", if c.claimed { ", vendor's claim" } else { "" })
            });
            format!(
                "{}={verdict}{fact}{}",
                c.requirement,
                dated(c.source.as_deref(), c.checked.map(|d| d.to_string()))
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let facts = fit
        .facts
        .iter()
        .map(|l| {
            format!(
                "{}={}{}",
                l.key,
                l.value_text(),
                dated(l.source.as_deref(), l.checked.map(|d| d.to_string()))
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    [state.to_string(), text(&checks), text(&facts)]
}

/// Every data row, options first, then each option's months.
pub fn rows(e: &Estimate, f: Option<&Forecast>) -> Vec<Vec<String>> {
    let rpd = e.requests_per_day();
    let mut out: Vec<Vec<String>> = e
        .options
        .iter()
        .map(|o| {
            vec![
                "options".into(),
                o.option.to_string(),
                text(&o.provider_name),
                text(&o.model_name),
                String::new(),
                num(rpd),
                num(o.per_request.total),
                num(o.per_day.total),
                num(o.per_month.total),
                num(o.per_year.total),
                num(o.savings.per_month),
                o.savings.pct.map(num).unwrap_or_default(),
            ]
            .into_iter()
            .chain(fit_cells(&o.fit))
            .collect()
        })
        .collect();
    // The default options left out as dearer: their saving is ≤ 0.
    let width = header("").len();
    out.extend(e.dearer.iter().map(|d| {
        let mut row = vec![String::new(); width];
        row[0] = "dearer".into();
        row[1] = d.option.to_string();
        row[2] = text(&d.provider_name);
        row[3] = text(&d.model_name);
        row[5] = num(rpd);
        row[10] = num(-d.extra_per_month);
        row
    }));
    let Some(p) = f.map(|f| &f.projection) else {
        return out;
    };
    let baseline = p.options.iter().find(|o| o.is_baseline);
    for o in &p.options {
        let names = e.options.iter().find(|x| x.option == o.option);
        for mc in &o.months {
            let base_cost = baseline
                .and_then(|b| b.months.get(mc.month as usize - 1))
                .map_or(Decimal::ZERO, |b| b.cost);
            out.push(vec![
                "projection".into(),
                o.option.to_string(),
                names.map(|n| text(&n.provider_name)).unwrap_or_default(),
                names.map(|n| text(&n.model_name)).unwrap_or_default(),
                mc.month.to_string(),
                num(mc.requests_per_day),
                String::new(),
                String::new(),
                num(mc.cost),
                String::new(),
                num(base_cost - mc.cost),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::date::CalendarDate;
    use crate::pricebook::fixtures::playbook_book;
    use crate::report::Evaluation;
    use crate::scenario::codec::split_query;

    #[test]
    fn every_row_has_the_header_s_width_and_plain_numbers() {
        let book = playbook_book();
        let r = Evaluation::of_link(
            &book,
            &split_query("in=0&cmp=holysheep/claude-haiku-4-5&horizon=24"),
            &[],
            CalendarDate::new(2026, 11, 24).unwrap(),
        );
        let h = header("USD");
        assert_eq!(h[8], "cost_per_month_USD");
        let rows = rows(&r.estimate, r.forecast.as_ref());
        assert_eq!(rows.len(), 2 + 2 * 24);
        assert!(rows.iter().all(|row| row.len() == h.len()));
        assert_eq!(rows[0][8], "300000");
        assert_eq!(rows[2][0], "projection");
        assert_eq!(rows[2][10], "0");
        assert_eq!(text("=1+1"), "'=1+1");
    }

    #[test]
    fn the_options_left_out_as_dearer_have_rows_of_their_own() {
        let book = playbook_book();
        let day = CalendarDate::new(2026, 11, 24).unwrap();
        let r = Evaluation::of_link(&book, &split_query("in=0"), &[], day);
        let rows = rows(&r.estimate, r.forecast.as_ref());
        let dearer: Vec<_> = rows.iter().filter(|row| row[0] == "dearer").collect();
        assert_eq!(dearer.len(), r.estimate.dearer.len());
        // OpenRouter sells list price at $1.055 per $1: 10 M requests × 200
        // output tokens × $5/M × 30 days × 0.055 = $16,500 more a month.
        let or = dearer
            .iter()
            .find(|row| row[1] == "openrouter/anthropic/claude-haiku-4.5")
            .unwrap();
        assert_eq!(or[10], "-16500");
        assert_eq!(or.len(), header("USD").len());
    }

    #[test]
    fn an_option_row_carries_its_facts_and_checks_with_sources() {
        let book = crate::pricebook::fixtures::shipped_book();
        let day = CalendarDate::new(2026, 12, 1).unwrap();
        let r = Evaluation::of_link(&book, &split_query("req=soc2,wechat"), &[], day);
        let rows = rows(&r.estimate, r.forecast.as_ref());
        let h = header("USD");
        let col = |name: &str| h.iter().position(|c| c == name).unwrap();
        let relay = rows
            .iter()
            .find(|row| row[0] == "options" && row[1].starts_with("holysheep/"))
            .unwrap();
        assert_eq!(relay[col("fit")], "fails");
        assert!(
            relay[col("requirements")].starts_with(
                "soc2=fails (none, vendor's claim) [vendor's own claim: its migration playbook"
            ),
            "{}",
            relay[col("requirements")]
        );
        assert!(
            relay[col("requirements")]
                .contains("; wechat=met (WeChat Pay, Alipay, vendor's claim) [")
        );
        assert!(
            relay[col("facts")].contains("zdr=unknown; "),
            "{}",
            relay[col("facts")]
        );
        assert!(relay[col("facts")].contains(", checked 2026-12-02]"));
        let official = rows
            .iter()
            .find(|row| row[1] == "anthropic/claude-haiku-5-5")
            .unwrap();
        assert!(official[col("requirements")].starts_with("soc2=met (SOC 2 Type II, ISO 27001, HIPAA BAA, GDPR DPA) [https://trust.anthropic.com, checked 2026-12-02]"), "{}", official[col("requirements")]);
        assert_eq!(
            official[col("fit")],
            "unknown",
            "its payment methods are unknown, and unknown is not met"
        );
    }
}
