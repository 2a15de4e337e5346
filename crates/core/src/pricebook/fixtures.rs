//! The pricebook of 2026-11-24 (`tests/fixtures/pricebook-2026-11-24/`),
//! frozen for tests: the hand-computed playbook figures (Haiku 4.5 at $5/M
//! output, HolySheep's flat ¥1/M read, 7.10 CNY per USD) hold against it,
//! whatever `pricing/` says today. `shipped_*` read `pricing/` itself.

use crate::pricebook::{Pricebook, SourceFile, load::load};

macro_rules! shipped {
    ($($name:literal),*) => {
        vec![$(SourceFile::new($name, include_str!(concat!("../../../../tests/fixtures/pricebook-2026-11-24/", $name)))),*]
    };
}

/// A small official vendor `v` (USD) for hand-computed tests: append its
/// `[[models]]`.
pub const TEST_VENDOR: &str = r#"schema = 1
[provider]
id = "v"
name = "Vendor"
kind = "official"
base_url = "https://api.example.com"
api_style = "openai"
currency = "USD"
source = "https://example.com/pricing"
checked = 2026-12-01
"#;

/// A book of `files` (name, text) and no exchange rates, which must load.
pub fn small_book(files: &[(&str, &str)]) -> Pricebook {
    let files: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    match load(&SourceFile::new("fx.toml", "schema = 1\n"), &files) {
        Ok(b) => b,
        Err(e) => panic!("test pricebook fails to load:\n{e}"),
    }
}

/// The provider files of the frozen fixture.
pub fn fixture_files() -> Vec<SourceFile> {
    shipped![
        "anthropic.toml",
        "openai.toml",
        "google.toml",
        "deepseek.toml",
        "holysheep.toml",
        "openrouter.toml"
    ]
}

/// The fixture's `fx.toml`.
pub fn fixture_fx() -> SourceFile {
    SourceFile::new(
        "fx.toml",
        include_str!("../../../../tests/fixtures/pricebook-2026-11-24/fx.toml"),
    )
}

/// The provider files in `pricing/`.
pub fn shipped_files() -> Vec<SourceFile> {
    [
        "anthropic.toml",
        "openai.toml",
        "google.toml",
        "deepseek.toml",
        "holysheep.toml",
        "openrouter.toml",
    ]
    .iter()
    .zip([
        include_str!("../../../../pricing/anthropic.toml"),
        include_str!("../../../../pricing/openai.toml"),
        include_str!("../../../../pricing/google.toml"),
        include_str!("../../../../pricing/deepseek.toml"),
        include_str!("../../../../pricing/holysheep.toml"),
        include_str!("../../../../pricing/openrouter.toml"),
    ])
    .map(|(n, t)| SourceFile::new(*n, t))
    .collect()
}

/// `pricing/fx.toml`.
pub fn shipped_fx() -> SourceFile {
    SourceFile::new("fx.toml", include_str!("../../../../pricing/fx.toml"))
}

/// The pricebook in `pricing/`, which must load.
pub fn shipped_book() -> Pricebook {
    match load(&shipped_fx(), &shipped_files()) {
        Ok(b) => b,
        Err(e) => panic!("shipped pricebook fails to load:\n{e}"),
    }
}

/// The frozen fixture pricebook, which must load.
pub fn playbook_book() -> Pricebook {
    match load(&fixture_fx(), &fixture_files()) {
        Ok(b) => b,
        Err(e) => panic!("shipped pricebook fails to load:\n{e}"),
    }
}
