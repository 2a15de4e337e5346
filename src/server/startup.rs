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
