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
    use super::config::PricesCommand;
    use super::prices::cli::{import, print_import, read_db, run_diff};
    use std::process::ExitCode;
    let today = cli.today.unwrap_or_else(super::today::today_utc);
    let started = std::time::Instant::now();
    let result = match action {
        PricesCommand::Import {
            from,
            file,
            providers,
            add,
            lifecycle,
        } => (|| {
            let db = read_db(from, file, today, providers)?;
            let life = lifecycle
                .as_ref()
                .map(|f| read_db("litellm", f, today, providers))
                .transpose()?;
            let outcome = import(&cli.pricing_dir, &db, life.as_ref(), providers, add)?;
            print_import(&outcome, &db.via);
            Ok(0)
        })(),
        PricesCommand::Diff { against, file } => (|| {
            let db = read_db(against, file, today, &[])?;
            let (text, code) = run_diff(&cli.pricing_dir, &db, today)?;
            print!("{text}");
            Ok(code)
        })(),
    };
    eprintln!(
        "llm-roi prices: done in {} ms (today = {today})",
        started.elapsed().as_millis()
    );
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let e: super::prices::cli::PricesError = e;
            eprintln!("llm-roi prices: {e}");
            ExitCode::from(2)
        }
    }
}

/// `llm-roi fx import FILE`: writes `<pricing-dir>/fx.toml`.
pub fn run_fx(cli: &Cli, action: &super::config::FxCommand) -> std::process::ExitCode {
    use super::config::FxCommand;
    use super::fx_import::{fx_toml, parse};
    use std::process::ExitCode;
    let FxCommand::Import { file } = action;
    let shown = file.display().to_string();
    let out = cli.pricing_dir.join(super::pricing_dir::FX_FILE);
    let result = std::fs::read_to_string(file)
        .map_err(|e| format!("{shown}: cannot read it: {e}"))
        .and_then(|text| parse(&shown, &text).map_err(|e| e.to_string()))
        .and_then(|day| {
            let currencies = load_dir(&cli.pricing_dir)
                .map(|b| b.fx.currencies())
                .unwrap_or_else(|_| vec!["CNY".into(), "EUR".into()]);
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            fx_toml(&shown, &day, &currencies, &name)
                .map_err(|e| e.to_string())
                .map(|t| (day, t))
        })
        .and_then(|(day, text)| {
            std::fs::write(&out, text)
                .map_err(|e| format!("{}: cannot write it: {e}", out.display()))?;
            Ok(day)
        });
    match result {
        Ok(day) => {
            println!(
                "{}: written from the ECB rates of {}",
                out.display(),
                day.date
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("llm-roi fx import: {e}");
            ExitCode::from(2)
        }
    }
}
