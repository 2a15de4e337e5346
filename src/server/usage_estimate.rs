//! `llm-roi estimate --usage FILE [--route ID]... [--format table|json|csv]
//! [--compare-pricing OLD_DIR [--fail-above PCT]]`: a usage log priced
//! exactly as the page prices it (the log as sent, then every relay route
//! that serves one of its models), in USD; or the change in its monthly cost
//! between two pricebooks, failing above a threshold, for CI.

use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::report::Evaluation;
use llm_roi_core::scenario::mix::Mix;
use llm_roi_core::scenario::model_map::ModelMap;
use llm_roi_core::scenario::Scenario;
use llm_roi_prices::pricing_dir::load_dir;
use llm_roi_usage::{read_mix_mapped, Import, Limits};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod print;

/// How the figures are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Lines for a person.
    Table,
    /// The import and the estimate as JSON (money as decimal strings).
    Json,
    /// The options and the projection, as `/report.csv` has them.
    Csv,
}

/// What the command was asked.
#[derive(Debug, Clone)]
pub struct EstimateArgs {
    pub pricing_dir: PathBuf,
    pub usage: PathBuf,
    pub routes: Vec<String>,
    pub format: OutputFormat,
    pub compare_pricing: Option<PathBuf>,
    /// Fail (exit 1) when a shown route's monthly cost rises by more than
    /// this many percent.
    pub fail_above_pct: Option<Decimal>,
    /// The day the estimate is read on (`--today`, else the UTC date).
    pub today: CalendarDate,
    /// `--model-map FILE`.
    pub model_map: Option<PathBuf>,
}

/// A failure, already worded for the user.
struct Failed(String);

fn book(dir: &Path) -> Result<Pricebook, Failed> {
    load_dir(dir).map_err(|e| Failed(format!("{}: {e}", dir.display())))
}

fn read(book: &Pricebook, file: &Path, map_file: Option<&Path>) -> Result<(Import, Mix), Failed> {
    let map = match map_file {
        Some(m) => {
            let text =
                std::fs::read_to_string(m).map_err(|e| Failed(format!("{}: {e}", m.display())))?;
            ModelMap::parse_toml(&text).map_err(|e| Failed(format!("{}: {e}", m.display())))?
        }
        None => ModelMap::default(),
    };
    let f = std::fs::File::open(file).map_err(|e| Failed(format!("{}: {e}", file.display())))?;
    read_mix_mapped(book, f, Limits::default(), map)
        .map_err(|e| Failed(format!("{}: {e}", file.display())))
}

/// The evaluation of `mix` on `book` and `today`, keeping the baseline and
/// `routes` (all, when empty); the first problem of the estimate fails it.
fn priced(
    book: &Pricebook,
    mix: &Mix,
    routes: &[String],
    today: CalendarDate,
) -> Result<Evaluation, Failed> {
    let s = Scenario {
        mix: Some(mix.clone()),
        ..Scenario::default()
    };
    let mut ev = Evaluation::of_scenario(book, s, today);
    if let Some(err) = ev.estimate.errors.first() {
        return Err(Failed(format!("{}: {}", err.value, err.message)));
    }
    if !routes.is_empty() {
        ev.keep_options(book, |o| routes.contains(&o.option.provider));
    }
    Ok(ev)
}

fn check_routes(book: &Pricebook, routes: &[String]) -> Result<(), Failed> {
    match routes.iter().find(|r| book.provider(r).is_none()) {
        Some(unknown) => {
            let ids: Vec<&str> = book.providers.iter().map(|p| p.id.as_str()).collect();
            Err(Failed(format!(
                "--route {unknown}: no such provider; the routes are {}",
                ids.join(", ")
            )))
        }
        None => Ok(()),
    }
}

fn run(a: &EstimateArgs) -> Result<ExitCode, Failed> {
    let new_book = book(&a.pricing_dir)?;
    check_routes(&new_book, &a.routes)?;
    let (import, mix) = read(&new_book, &a.usage, a.model_map.as_deref())?;
    let now = priced(&new_book, &mix, &a.routes, a.today)?;
    let Some(old_dir) = &a.compare_pricing else {
        if a.fail_above_pct.is_some() {
            return Err(Failed(
                "--fail-above needs --compare-pricing OLD_DIR, the pricebook to compare with"
                    .into(),
            ));
        }
        print::estimate(a, &import, &mix, &now, &new_book)?;
        return Ok(ExitCode::SUCCESS);
    };
    let old = priced(&book(old_dir)?, &mix, &a.routes, a.today)
        .map_err(|Failed(m)| Failed(format!("{} (the old pricebook): {m}", old_dir.display())))?;
    let changes = print::changes(&old.estimate, &now.estimate);
    print::comparison(a, &import, &mix, &changes)?;
    let over: Vec<&print::Change> = a
        .fail_above_pct
        .map(|limit| {
            changes
                .iter()
                .filter(|c| c.pct.is_some_and(|p| p > limit))
                .collect()
        })
        .unwrap_or_default();
    if over.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for c in over {
        eprintln!(
            "llm-roi estimate: {} costs {} % more a month, over --fail-above {}",
            c.id,
            c.pct.unwrap_or_default().round_dp(2).normalize(),
            a.fail_above_pct.unwrap_or_default().normalize()
        );
    }
    Ok(ExitCode::FAILURE)
}

/// Runs the command; a failure exits 2 (1 is kept for `--fail-above`).
pub fn estimate_usage(a: &EstimateArgs) -> ExitCode {
    match run(a) {
        Ok(code) => code,
        Err(Failed(message)) => {
            eprintln!("llm-roi estimate: {message}");
            ExitCode::from(2)
        }
    }
}
