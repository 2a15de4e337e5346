//! Reads a pricing directory and loads it.

use llm_roi_core::pricebook::{load::load, Pricebook, PricebookError, PricebookErrors, SourceFile};
use std::path::Path;

/// The exchange-rate file every pricing directory holds.
pub const FX_FILE: &str = "fx.toml";

fn unreadable(file: &Path, e: std::io::Error) -> PricebookErrors {
    PricebookErrors(vec![PricebookError::Unreadable {
        file: file.display().to_string(),
        message: e.to_string(),
    }])
}

fn directory(dir: &Path, message: String) -> PricebookErrors {
    PricebookErrors(vec![PricebookError::Directory {
        dir: dir.display().to_string(),
        message,
    }])
}

/// The texts of a pricing directory: `fx.toml`, and every other `*.toml` in
/// file-name order.
pub struct DirSources {
    pub fx: SourceFile,
    pub providers: Vec<SourceFile>,
}

impl DirSources {
    /// Loads these texts.
    pub fn load(&self) -> Result<Pricebook, PricebookErrors> {
        load(&self.fx, &self.providers)
    }
}

/// Loads `dir/fx.toml` and every other `dir/*.toml`, in file-name order.
pub fn load_dir(dir: &Path) -> Result<Pricebook, PricebookErrors> {
    read_dir(dir)?.load()
}

/// Reads `dir/fx.toml` and every other `dir/*.toml`, in file-name order.
pub fn read_dir(dir: &Path) -> Result<DirSources, PricebookErrors> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        directory(dir, format!("cannot read the pricing directory ({e}); pass --pricing-dir or set LLM_ROI_PRICING_DIR"))
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| unreadable(dir, e))?.path();
        if path.extension().is_some_and(|x| x == "toml") {
            paths.push(path);
        }
    }
    paths.sort();
    let read = |path: &Path| -> Result<SourceFile, PricebookErrors> {
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(path, e))?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(SourceFile::new(name, text))
    };
    let fx_path = dir.join(FX_FILE);
    if !fx_path.is_file() {
        return Err(directory(
            dir,
            format!("no {FX_FILE}; it holds the exchange rates every non-USD price needs"),
        ));
    }
    let fx = read(&fx_path)?;
    let providers = paths
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n != FX_FILE))
        .map(|p| read(p))
        .collect::<Result<Vec<_>, _>>()?;
    if providers.is_empty() {
        return Err(directory(
            dir,
            "no provider files (*.toml besides fx.toml)".into(),
        ));
    }
    Ok(DirSources { fx, providers })
}
