//! The binary's commands: `check`, `archive`, `compress-assets`, `prices import|diff`,
//! `fx import`, `estimate --usage`, and `serve` (the default). Each returns the process's exit
//! code and prints what it did; the CLI is where this crate prints.
#![expect(
    clippy::print_stdout,
    reason = "the commands report their results on stdout"
)]

use super::config::{Cli, Command, FxCommand, PricesCommand};
use super::{history, startup};
use llm_roi_prices::pricing_dir::load_dir;
use std::path::Path;
use std::process::ExitCode;

/// Logs go to stderr, filtered by `RUST_LOG` (default: `info` for `serve`,
/// `warn` for the other commands, whose results are their output).
pub fn init_logs(cli: &Cli) {
    use std::io::IsTerminal;
    let serving = matches!(cli.command, None | Some(Command::Serve));
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(if serving { "info" } else { "warn" })
    });
    // A second call (tests run several commands in one process) keeps the first.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

/// Runs the command `cli` names.
pub async fn run(cli: Cli) -> ExitCode {
    init_logs(&cli);
    match &cli.command {
        Some(Command::Check { dir }) => check(dir.as_deref().unwrap_or(&cli.pricing_dir)),
        Some(Command::Archive) => archive(&cli),
        Some(Command::CompressAssets) => compress_assets(Path::new(&cli.site_root)),
        Some(Command::Prices { action }) => prices(&cli, action),
        Some(Command::Fx { action }) => fx(&cli, action),
        Some(Command::Estimate {
            usage,
            routes,
            pricing,
            format,
            compare_pricing,
            fail_above,
            model_map,
        }) => super::usage_estimate::estimate_usage(&super::usage_estimate::EstimateArgs {
            pricing_dir: pricing.clone().unwrap_or_else(|| cli.pricing_dir.clone()),
            usage: usage.clone(),
            routes: routes.clone(),
            format: *format,
            compare_pricing: compare_pricing.clone(),
            fail_above_pct: *fail_above,
            model_map: model_map.clone(),
            today: cli.today.unwrap_or_else(super::today::today_utc),
        }),
        Some(Command::Reconcile {
            usage,
            pricing,
            format,
            model_map,
            costs,
        }) => super::reconcile_command::reconcile_usage(&super::reconcile_command::ReconcileArgs {
            pricing_dir: pricing.clone().unwrap_or_else(|| cli.pricing_dir.clone()),
            usage: usage.clone(),
            format: *format,
            model_map: model_map.clone(),
            costs: costs.clone(),
        }),
        Some(Command::Serve) | None => match startup::serve(&cli).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e @ startup::StartupError::Serve(_)) => {
                tracing::error!("llm-roi: {e}");
                ExitCode::FAILURE
            }
            Err(e) => {
                tracing::error!("llm-roi refuses to start: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `llm-roi compress-assets`: `.br` and `.gz` beside the site's files.
fn compress_assets(site_root: &Path) -> ExitCode {
    match super::assets::compress_dir(site_root) {
        Ok(done) => {
            for c in &done {
                println!(
                    "{}: {} B, brotli {} B, gzip {} B",
                    c.path.display(),
                    c.raw_bytes,
                    c.br_bytes,
                    c.gz_bytes
                );
            }
            println!("{} files compressed", done.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("llm-roi compress-assets: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `llm-roi check [DIR]`: loads the pricing tables and counts them.
fn check(dir: &Path) -> ExitCode {
    match load_dir(dir) {
        Ok(book) => {
            let models: usize = book.providers.iter().map(|p| p.models.len()).sum();
            println!(
                "{}: OK: {} providers, {models} models, {} exchange rates",
                dir.display(),
                book.providers.len(),
                book.fx.rates.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

/// `llm-roi archive`: adds the current pricebook to the history.
fn archive(cli: &Cli) -> ExitCode {
    let dir = cli.history_dir();
    let result = load_dir(&cli.pricing_dir)
        .map_err(|e| format!("{}: {e}", cli.pricing_dir.display()))
        .and_then(|b| history::record(&dir, &b).map_err(|e| e.to_string()));
    match result {
        Ok(true) => {
            println!("{}: added the current pricebook", dir.display());
            ExitCode::SUCCESS
        }
        Ok(false) => {
            println!("{}: already has the current pricebook", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("llm-roi archive: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `llm-roi prices import|diff`: exit 0 on success, 1 when a diff finds a
/// disagreement or a retired model, 2 when the command cannot run.
fn prices(cli: &Cli, action: &PricesCommand) -> ExitCode {
    let today = cli.today.unwrap_or_else(super::today::today_utc);
    let started = std::time::Instant::now();
    let result = super::prices_command::run(&cli.pricing_dir, action, today);
    eprintln!(
        "llm-roi prices: done in {} ms (today = {today})",
        started.elapsed().as_millis()
    );
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("llm-roi prices: {e}");
            ExitCode::from(2)
        }
    }
}

/// `llm-roi fx import FILE`: writes `<pricing-dir>/fx.toml`.
fn fx(cli: &Cli, action: &FxCommand) -> ExitCode {
    let FxCommand::Import { file } = action;
    match llm_roi_prices::fx_import::import(&cli.pricing_dir, file) {
        Ok(day) => {
            println!(
                "{}: written from the ECB rates of {day}",
                cli.pricing_dir
                    .join(llm_roi_prices::pricing_dir::FX_FILE)
                    .display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("llm-roi fx import: {e}");
            ExitCode::from(2)
        }
    }
}
