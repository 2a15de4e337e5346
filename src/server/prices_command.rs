//! `llm-roi prices import` and `llm-roi prices diff`.

use crate::server::config::PricesCommand;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::{PricebookErrors, ProviderKind};
use llm_roi_prices::pricing_dir::{load_dir, read_dir};
use llm_roi_prices::write::{update, WriteError, WriteReport};
use llm_roi_prices::{diff, genai, litellm, Database, DbError, Source};
use std::path::{Path, PathBuf};

/// Why a prices command failed (exit 2; a diff that finds problems exits 1).
#[derive(Debug, thiserror::Error)]
pub enum PricesError {
    #[error("--from/--against `{0}` is not a database this reads; use genai-prices or litellm")]
    UnknownSource(String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{dir}: {errors}")]
    Pricebook {
        dir: String,
        errors: PricebookErrors,
    },
    #[error("the import would make the tables invalid, so nothing was written:\n{0}")]
    Invalid(PricebookErrors),
    #[error("--add `{0}` must be provider/model, e.g. anthropic/claude-haiku-5-5")]
    BadAdd(String),
    #[error("{file}: {message}")]
    Io { file: String, message: String },
}

fn io(file: &Path, e: std::io::Error) -> PricesError {
    PricesError::Io {
        file: file.display().to_string(),
        message: e.to_string(),
    }
}

/// "genai-prices 0.2.3" from `genai-prices-0.2.3.json`; else the database name.
pub fn via_from_file(source: Source, file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.strip_prefix(&format!("{}-", source.name())) {
        Some(version) if version.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            format!("{} {version}", source.name())
        }
        _ => source.name().to_string(),
    }
}

/// Reads a database file as of `today`.
pub fn read_db(
    name: &str,
    file: &Path,
    today: CalendarDate,
    providers: &[String],
) -> Result<Database, PricesError> {
    let source = Source::from_name(name).ok_or_else(|| PricesError::UnknownSource(name.into()))?;
    let text = std::fs::read_to_string(file).map_err(|e| io(file, e))?;
    let via = via_from_file(source, file);
    let shown = file.display().to_string();
    Ok(match source {
        Source::GenaiPrices => genai::read(&shown, &text, &via, today, providers)?,
        Source::Litellm => litellm::read(&shown, &text, &via, today, providers)?,
    })
}

/// What `prices import` wrote, per file.
pub struct ImportOutcome {
    pub files: Vec<(PathBuf, WriteReport, bool)>,
}

/// A database entry that names one model, not a pattern of them
/// (genai-prices matches fine-tunes by prefixes such as `ft:gpt-4o` or
/// `gpt-4o-mini-2024-07-18.ft-`, and variants such as `gpt-4o:extended`).
fn is_model_id(id: &str) -> bool {
    !id.ends_with('-') && !id.contains(':') && !id.contains(".ft-")
}

/// Imports `db` into `dir`: every official provider file it has (or those in
/// `providers`). Loads the result before writing anything.
pub fn import(
    dir: &Path,
    db: &Database,
    lifecycle: Option<&Database>,
    providers: &[String],
    add: &[String],
    add_all: bool,
) -> Result<ImportOutcome, PricesError> {
    let pricebook_error = |errors| PricesError::Pricebook {
        dir: dir.display().to_string(),
        errors,
    };
    let mut sources = read_dir(dir).map_err(pricebook_error)?;
    let book = sources.load().map_err(pricebook_error)?;
    let mut adds: Vec<(String, String)> = Vec::new();
    for a in add {
        let (p, m) = a
            .split_once('/')
            .ok_or_else(|| PricesError::BadAdd(a.clone()))?;
        adds.push((p.to_string(), m.to_string()));
    }
    let mut reports = Vec::new();
    for p in book
        .providers
        .iter()
        .filter(|p| p.kind == ProviderKind::Official)
    {
        if !providers.is_empty() && !providers.contains(&p.id) {
            continue;
        }
        let Some(theirs) = db.provider(&p.id) else {
            continue;
        };
        let mut theirs = theirs.clone();
        if let Some(life) = lifecycle.and_then(|l| l.provider(&p.id)) {
            for m in &mut theirs.models {
                // By its id, its database aliases or the pricebook's own.
                let ours = p
                    .models
                    .iter()
                    .find(|b| b.id == m.id || b.aliases.contains(&m.id));
                let listed = life
                    .model(&m.id)
                    .or_else(|| m.aliases.iter().find_map(|a| life.model(a)))
                    .or_else(|| ours.and_then(|b| b.aliases.iter().find_map(|a| life.model(a))));
                match listed {
                    Some(l) => {
                        m.lifecycle.retires = l.lifecycle.retires;
                        m.lifecycle.successor = l.lifecycle.successor.clone();
                        m.lifecycle.deprecated |= l.lifecycle.deprecated;
                    }
                    // LiteLLM drops the models vendors stop serving.
                    None => m.lifecycle.unlisted = true,
                }
            }
        }
        let Some(index) = sources.providers.iter().position(|f| f.name == p.file) else {
            continue;
        };
        let source = &mut sources.providers[index];
        let mut wanted: Vec<String> = adds
            .iter()
            .filter(|(pr, _)| *pr == p.id)
            .map(|(_, m)| m.clone())
            .collect();
        if add_all {
            let known = |id: &str| {
                p.models
                    .iter()
                    .any(|m| m.id == id || m.aliases.iter().any(|a| a == id))
            };
            wanted.extend(
                theirs
                    .models
                    .iter()
                    .filter(|m| m.text && is_model_id(&m.id))
                    .filter(|m| !known(&m.id) && !m.aliases.iter().any(|a| known(a)))
                    .map(|m| m.id.clone()),
            );
        }
        let (new_text, report) = update(&p.file, &source.text, &theirs, &db.via, &wanted)?;
        let changed = new_text != source.text;
        source.text = new_text;
        reports.push((index, report, changed));
    }
    sources.load().map_err(PricesError::Invalid)?;
    let mut files = Vec::new();
    for (index, report, changed) in reports {
        let file = &sources.providers[index];
        let path = dir.join(&file.name);
        if changed {
            std::fs::write(&path, &file.text).map_err(|e| io(&path, e))?;
        }
        files.push((path, report, changed));
    }
    Ok(ImportOutcome { files })
}

/// Prints an import's outcome.
#[expect(clippy::print_stdout, reason = "the import command's report")]
pub fn print_import(outcome: &ImportOutcome, via: &str) {
    for (path, r, changed) in &outcome.files {
        println!(
            "{}: {} from {via}: {} updated, {} added, {} kept as they are (not in the database){}",
            path.display(),
            if *changed { "written" } else { "unchanged" },
            r.updated.len(),
            r.added.len(),
            r.not_in_database.len(),
            if r.not_in_database.is_empty() {
                String::new()
            } else {
                format!(": {}", r.not_in_database.join(", "))
            }
        );
    }
}

/// `prices diff`: the report text and the exit code.
pub fn run_diff(
    dir: &Path,
    db: &Database,
    today: CalendarDate,
) -> Result<(String, u8), PricesError> {
    let book = load_dir(dir).map_err(|errors| PricesError::Pricebook {
        dir: dir.display().to_string(),
        errors,
    })?;
    let d = diff::diff(&book, db, today);
    Ok((diff::render(&d, &db.via), d.exit_code()))
}

/// Runs one `prices` command over the pricing directory `dir`: the exit code
/// (a diff's 0 or 1) or why it could not run.
#[expect(clippy::print_stdout, reason = "the diff command's report")]
pub fn run(dir: &Path, action: &PricesCommand, today: CalendarDate) -> Result<u8, PricesError> {
    match action {
        PricesCommand::Import {
            from,
            file,
            providers,
            add,
            add_all,
            lifecycle,
        } => {
            let db = read_db(from, file, today, providers)?;
            let life = lifecycle
                .as_ref()
                .map(|f| read_db("litellm", f, today, providers))
                .transpose()?;
            let outcome = import(dir, &db, life.as_ref(), providers, add, *add_all)?;
            print_import(&outcome, &db.via);
            Ok(0)
        }
        PricesCommand::Diff { against, file } => {
            let db = read_db(against, file, today, &[])?;
            let (text, code) = run_diff(dir, &db, today)?;
            print!("{text}");
            Ok(code)
        }
    }
}
