//! What the binary does before it serves: load the pricebook and its
//! history, and read the site settings. Each failure is a message for the
//! person starting the server.

use super::config::Cli;
use super::history;
use super::pricing_dir::load_dir;
use super::site::{parse_embed_origins, parse_public_url, Site};
use super::state::LoadedBook;

/// Loads `--pricing-dir` and the history, adding the current pricebook to
/// the history directory when it is missing. Unusable history files and an
/// unwritable directory are warnings (old links then cannot list changes).
pub fn load_book(cli: &Cli) -> Result<LoadedBook, String> {
    let book =
        load_dir(&cli.pricing_dir).map_err(|e| format!("{}: {e}", cli.pricing_dir.display()))?;
    let dir = cli.history_dir();
    let (mut past, problems) = history::load(&dir);
    for p in problems {
        eprintln!("llm-roi: pricebook history: skipped {p}");
    }
    match history::record(&dir, &book) {
        Ok(true) => println!(
            "llm-roi: added the current pricebook to {}; commit it with the price change",
            dir.display()
        ),
        Ok(false) => {}
        Err(e) => eprintln!(
            "llm-roi: pricebook history: {e}; links made now will not be able to list which prices change later"
        ),
    }
    past.insert(book.clone());
    Ok(LoadedBook::with_history(book, past))
}

/// The public origin and framing policy from the flags.
pub fn site(cli: &Cli) -> Result<Site, String> {
    let public_url = cli
        .public_url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
        .map(parse_public_url)
        .transpose()
        .map_err(|e| e.to_string())?;
    Ok(Site {
        public_url,
        embed_origins: parse_embed_origins(&cli.embed_origins).map_err(|e| e.to_string())?,
        fallback_origin: format!("http://{}", cli.addr),
    })
}

/// `llm-roi prices import|diff`: exit 0 on success, 1 when a diff finds a
/// disagreement or a retired model, 2 when the command cannot run.
pub fn run_prices(cli: &Cli, action: &super::config::PricesCommand) -> std::process::ExitCode {
    use std::process::ExitCode;
    let today = cli.today.unwrap_or_else(super::today::today_utc);
    let started = std::time::Instant::now();
    let result = super::prices::cli::run(&cli.pricing_dir, action, today);
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
pub fn run_fx(cli: &Cli, action: &super::config::FxCommand) -> std::process::ExitCode {
    let super::config::FxCommand::Import { file } = action;
    match super::fx_import::import(&cli.pricing_dir, file) {
        Ok(day) => {
            println!(
                "{}: written from the ECB rates of {day}",
                cli.pricing_dir.join(super::pricing_dir::FX_FILE).display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("llm-roi fx import: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
