//! Earlier pricebooks, kept so that an old share link can say which of its
//! prices changed.
//!
//! Each is `<dir>/<fingerprint>.json`, the pricebook as the server loaded it.
//! The server adds the current pricebook at start when it is missing (and
//! warns if it cannot write); `llm-roi archive` does the same without
//! serving. Commit the files with the price change that made them.

use llm_roi_core::pricebook::fingerprint::fingerprint;
use llm_roi_core::pricebook::Pricebook;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A history file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("{file}: cannot read: {message}")]
    Unreadable { file: String, message: String },
    #[error("{file}: not a pricebook snapshot: {message}")]
    Malformed { file: String, message: String },
    #[error(
        "{file}: holds pricebook {actual}, not the {expected} its name says; rename or delete it"
    )]
    WrongName {
        file: String,
        expected: String,
        actual: String,
    },
    #[error("{file}: cannot write: {message}")]
    Unwritable { file: String, message: String },
}

/// Every pricebook in the history, by fingerprint.
#[derive(Debug, Clone, Default)]
pub struct History {
    books: BTreeMap<String, Arc<Pricebook>>,
}

impl History {
    /// The pricebook with this fingerprint.
    pub fn get(&self, fp: &str) -> Option<&Pricebook> {
        self.books.get(fp).map(Arc::as_ref)
    }

    pub fn len(&self) -> usize {
        self.books.len()
    }

    pub fn is_empty(&self) -> bool {
        self.books.is_empty()
    }

    /// Adds a pricebook (in memory only).
    pub fn insert(&mut self, book: Pricebook) {
        self.books.insert(fingerprint(&book), Arc::new(book));
    }
}

fn snapshot_path(dir: &Path, fp: &str) -> PathBuf {
    dir.join(format!("{fp}.json"))
}

fn read_one(path: &Path) -> Result<(String, Pricebook), HistoryError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| HistoryError::Unreadable {
        file: file.clone(),
        message: e.to_string(),
    })?;
    let book: Pricebook = serde_json::from_str(&text).map_err(|e| HistoryError::Malformed {
        file: file.clone(),
        message: e.to_string(),
    })?;
    let expected = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let actual = fingerprint(&book);
    if actual != expected {
        return Err(HistoryError::WrongName {
            file,
            expected,
            actual,
        });
    }
    Ok((actual, book))
}

/// Loads every `*.json` in `dir`. A missing directory is an empty history;
/// files that cannot be used are skipped and returned as problems.
pub fn load(dir: &Path) -> (History, Vec<HistoryError>) {
    let mut history = History::default();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (history, problems);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in paths {
        match read_one(&path) {
            Ok((fp, book)) => {
                history.books.insert(fp, Arc::new(book));
            }
            Err(e) => problems.push(e),
        }
    }
    (history, problems)
}

/// Writes `book` into `dir` unless it is there; returns whether it wrote.
pub fn record(dir: &Path, book: &Pricebook) -> Result<bool, HistoryError> {
    let path = snapshot_path(dir, &fingerprint(book));
    if path.is_file() {
        return Ok(false);
    }
    let unwritable = |e: std::io::Error| HistoryError::Unwritable {
        file: path.display().to_string(),
        message: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(unwritable)?;
    let mut json = serde_json::to_string_pretty(book).map_err(|e| HistoryError::Unwritable {
        file: path.display().to_string(),
        message: e.to_string(),
    })?;
    json.push('\n');
    std::fs::write(&path, json).map_err(unwritable)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use llm_roi_prices::pricing_dir::load_dir;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("llm-roi-history-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_recorded_pricebook_loads_back_under_its_fingerprint() {
        let book = load_dir(Path::new("pricing")).unwrap();
        let dir = scratch("roundtrip");
        assert!(record(&dir, &book).unwrap());
        assert!(!record(&dir, &book).unwrap());
        let (h, problems) = load(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(h.get(&fingerprint(&book)), Some(&book));
        std::fs::write(
            dir.join("0000000000000000.json"),
            serde_json::to_string(&book).unwrap(),
        )
        .unwrap();
        std::fs::write(dir.join("1111111111111111.json"), "{").unwrap();
        let (h, problems) = load(&dir);
        assert_eq!(h.len(), 1);
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text[0].contains("not the 0000000000000000 its name says"),
            "{text:?}"
        );
        assert!(text[1].contains("not a pricebook snapshot"), "{text:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_shipped_pricebook_is_in_the_committed_history() {
        let book = load_dir(Path::new("pricing")).unwrap();
        let (h, problems) = load(Path::new("pricing/history"));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            h.get(&fingerprint(&book)).is_some(),
            "pricing/ changed: run `make archive-pricing` and commit pricing/history/{}.json, so that links made with these prices can list what changes later",
            fingerprint(&book)
        );
    }
}
