//! The CSV export's table: one header row, then the options table (section
//! `options`) and the month-by-month projection (section `projection`).
//!
//! Amounts are exact decimals in the display currency, named in the header
//! (`cost_per_month_USD`), with no symbols or thousands separators, so that a
//! spreadsheet reads them as numbers. In a `projection` row,
//! `cost_per_month` is that month's cost and `savings_per_month` the
//! baseline's cost that month less the option's.

use crate::domain::cost::estimate::Estimate;
use crate::domain::forecast::Forecast;
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
    .chain(std::iter::once("savings_pct".to_string()))
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
        })
        .collect();
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
            ]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pricebook::fixtures::playbook_book;
    use crate::domain::report::build;
    use crate::domain::scenario::codec::split_query;

    #[test]
    fn every_row_has_the_header_s_width_and_plain_numbers() {
        let book = playbook_book();
        let r = build(
            &book,
            &split_query("in=0&cmp=holysheep/claude-haiku-4-5&horizon=24"),
            &[],
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
}
