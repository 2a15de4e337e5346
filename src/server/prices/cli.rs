//! `llm-roi prices import` and `llm-roi prices diff`.

use super::write::{update, WriteError, WriteReport};
use super::{diff, genai, litellm, Database, DbError, Source};
use crate::domain::date::CalendarDate;
use crate::domain::pricebook::{load::load, PricebookErrors, ProviderKind, SourceFile};
use crate::server::pricing_dir::{load_dir, FX_FILE};
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

/// Imports `db` into `dir`: every official provider file it has (or those in
/// `providers`). Checks the result with the loader before writing anything.
pub fn import(
    dir: &Path,
    db: &Database,
    lifecycle: Option<&Database>,
    providers: &[String],
    add: &[String],
) -> Result<ImportOutcome, PricesError> {
    let book = load_dir(dir).map_err(|errors| PricesError::Pricebook {
        dir: dir.display().to_string(),
        errors,
    })?;
    let mut adds: Vec<(String, String)> = Vec::new();
    for a in add {
        let (p, m) = a
            .split_once('/')
            .ok_or_else(|| PricesError::BadAdd(a.clone()))?;
        adds.push((p.to_string(), m.to_string()));
    }
    let mut planned: Vec<(PathBuf, String, WriteReport, bool)> = Vec::new();
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
                if let Some(l) = life.model(&m.id) {
                    m.lifecycle.retires = l.lifecycle.retires;
                    m.lifecycle.successor = l.lifecycle.successor.clone();
                    m.lifecycle.deprecated |= l.lifecycle.deprecated;
                }
            }
        }
        let path = dir.join(&p.file);
        let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let wanted: Vec<String> = adds
            .iter()
            .filter(|(pr, _)| *pr == p.id)
            .map(|(_, m)| m.clone())
            .collect();
        let (new_text, report) = update(&p.file, &text, &theirs, &db.via, &wanted)?;
        let changed = new_text != text;
        planned.push((path, new_text, report, changed));
    }
    check(dir, &planned)?;
    let mut files = Vec::new();
    for (path, text, report, changed) in planned {
        if changed {
            std::fs::write(&path, text).map_err(|e| io(&path, e))?;
        }
        files.push((path, report, changed));
    }
    Ok(ImportOutcome { files })
}

/// Loads the directory as it would be after the import.
fn check(dir: &Path, planned: &[(PathBuf, String, WriteReport, bool)]) -> Result<(), PricesError> {
    let mut fx = None;
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match planned.iter().find(|(p, ..)| *p == path) {
            Some((_, t, ..)) => t.clone(),
            None => std::fs::read_to_string(&path).map_err(|e| io(&path, e))?,
        };
        if name == FX_FILE {
            fx = Some(SourceFile::new(name, text));
        } else {
            files.push(SourceFile::new(name, text));
        }
    }
    let fx = fx.unwrap_or_else(|| SourceFile::new(FX_FILE, ""));
    load(&fx, &files).map(|_| ()).map_err(PricesError::Invalid)
}

/// Prints an import's outcome.
pub fn print_import(outcome: &ImportOutcome, via: &str) {
    for (path, r, changed) in &outcome.files {
        {
            println!(
                "{}: {} from {via}: {} updated, {} added, {} kept as they are (not in the database){}",
                path.display(),
                if *changed { "written" } else { "unchanged" },
                r.updated.len(),
                r.added.len(),
                r.not_in_database.len(),
                if r.not_in_database.is_empty() { String::new() } else { format!(": {}", r.not_in_database.join(", ")) }
            );
        }
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
