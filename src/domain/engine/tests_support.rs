//! The shipped pricebook, for tests.

use crate::domain::pricebook::{load::load, Pricebook, SourceFile};

macro_rules! shipped {
    ($($name:literal),*) => {
        vec![$(SourceFile::new($name, include_str!(concat!("../../../pricing/", $name)))),*]
    };
}

/// The provider files in `pricing/`.
pub fn shipped_files() -> Vec<SourceFile> {
    shipped![
        "anthropic.toml",
        "openai.toml",
        "google.toml",
        "deepseek.toml",
        "holysheep.toml",
        "openrouter.toml"
    ]
}

/// `pricing/fx.toml`.
pub fn shipped_fx() -> SourceFile {
    SourceFile::new("fx.toml", include_str!("../../../pricing/fx.toml"))
}

/// The pricebook in `pricing/`, which must load.
pub fn playbook_book() -> Pricebook {
    match load(&shipped_fx(), &shipped_files()) {
        Ok(b) => b,
        Err(e) => panic!("shipped pricebook fails to load:\n{e}"),
    }
}

/// A query's report over the shipped pricebook; the query must be valid.
pub fn playbook_report(q: &str) -> crate::domain::report::ReportModel {
    let r =
        crate::domain::report::build(&playbook_book(), &crate::domain::codec::split_query(q), &[]);
    assert!(r.errors.is_empty(), "{q}: {:?}", r.errors);
    r
}
