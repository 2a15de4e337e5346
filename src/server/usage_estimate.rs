//! `llm-roi estimate --usage FILE [--route ID]...`: a usage log priced
//! exactly on every route (or the ones named), in USD, with what was read.
#![expect(
    clippy::print_stdout,
    reason = "the command reports its results on stdout"
)]

use super::pricing_dir::load_dir;
use super::usage::{read_mix, Import, Limits};
use crate::domain::cost::mix::route_cost;
use crate::domain::money::DisplayCurrency;
use crate::domain::pricebook::{Pricebook, ProviderKind};
use crate::domain::scenario::workload::{band, band_text, Workload};
use crate::domain::view::display::{money, number};
use rust_decimal::Decimal;
use std::path::Path;
use std::process::ExitCode;

fn read(book: &Pricebook, file: &Path) -> Result<(Import, Workload), String> {
    let f = std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let (import, mix) =
        read_mix(book, f, Limits::default()).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok((import, mix.workload))
}

fn print_import(book: &Pricebook, file: &Path, import: &Import, w: &Workload) -> Option<i64> {
    let span = import.days.map(|(a, b)| a.days_until(b) + 1);
    let days = match (import.days, span) {
        (Some((a, b)), Some(n)) => format!(", {a} to {b} ({n} days)"),
        _ => ", no dates".into(),
    };
    println!(
        "{}: {}, {} rows read, {} bad{days}",
        file.display(),
        import.format.name(),
        import.rows,
        import.bad.len() as u64 + import.more_bad
    );
    for b in &import.bad {
        println!("  {b}");
    }
    if import.more_bad > 0 {
        println!("  … and {} more bad rows", import.more_bad);
    }
    if import.requests_unknown > 0 {
        println!(
            "  {} rows give no request count (this export counts tokens only): each counts as 1 request",
            import.requests_unknown
        );
    }
    println!("{} request classes:", w.classes.len());
    for c in &w.classes {
        let band = band_text(band(book, c));
        let t = &c.tokens;
        println!(
            "  {} {}, {band}: {} requests, {} input ({} cache read, {} cache write), {} output",
            c.source,
            if c.batch { "batch" } else { "interactive" },
            number(Decimal::from(c.requests)),
            number(Decimal::from(t.input)),
            number(Decimal::from(t.cache_read)),
            number(Decimal::from(t.cache_write_5m) + Decimal::from(t.cache_write_1h)),
            number(Decimal::from(t.output))
        );
    }
    span
}

/// Runs the command.
pub fn estimate_usage(pricing_dir: &Path, file: &Path, routes: &[String]) -> ExitCode {
    let book = match load_dir(pricing_dir) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", pricing_dir.display());
            return ExitCode::FAILURE;
        }
    };
    if let Some(unknown) = routes.iter().find(|r| book.provider(r).is_none()) {
        let ids: Vec<&str> = book.providers.iter().map(|p| p.id.as_str()).collect();
        eprintln!(
            "--route {unknown}: no such provider; the routes are {}",
            ids.join(", ")
        );
        return ExitCode::FAILURE;
    }
    let (import, workload) = match read(&book, file) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("llm-roi estimate: {e}");
            return ExitCode::FAILURE;
        }
    };
    let span = print_import(&book, file, &import, &workload);
    let usd = DisplayCurrency::USD;
    println!(
        "The log on each route, {} (exact; rounded to the cent here):",
        usd.code()
    );
    for p in book
        .providers
        .iter()
        .filter(|p| routes.is_empty() || routes.contains(&p.id))
    {
        let kind = match p.kind {
            ProviderKind::Official => "official",
            ProviderKind::Relay => "relay",
        };
        let (cost, factor) = match (
            route_cost(&book, p, &workload),
            book.fx.factor(&p.currency, usd.code()),
        ) {
            (Ok(c), Some(f)) => (c, f),
            (Err(e), _) => {
                println!("  {} ({kind}): cannot be priced: {e}", p.id);
                continue;
            }
            (_, None) => {
                println!(
                    "  {} ({kind}): no exchange rate from {} to USD",
                    p.id, p.currency
                );
                continue;
            }
        };
        if cost.missing.len() == workload.classes.len() || cost.classes.iter().all(Option::is_none)
        {
            println!("  {} ({kind}): serves none of the log's models", p.id);
            continue;
        }
        let total = cost.total.total * factor;
        let per_day = span
            .filter(|d| *d > 0)
            .map(|d| format!(", {} a day", money(total / Decimal::from(d), usd, 2)))
            .unwrap_or_default();
        let missing = if cost.missing.is_empty() {
            String::new()
        } else {
            let m: Vec<String> = cost.missing.iter().map(ToString::to_string).collect();
            format!("; does not serve {} (left out)", m.join(", "))
        };
        println!(
            "  {} ({kind}): {}{per_day}{missing}",
            p.id,
            money(total, usd, 2)
        );
    }
    ExitCode::SUCCESS
}
