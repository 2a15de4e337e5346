//! The domain's layers import one way: a file in a layer may name only its
//! own layer and the layers listed before it, and no file names Leptos.
//!
//! The check reads the source of every file under `crates/core/src/` (tests
//! included) and looks at each `crate::<layer>` path outside
//! comments, so a new upward import fails here before review.

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. `probe` stands apart and may use `money` only.
const ORDER: [&str; 7] = [
    "money",
    "pricebook",
    "scenario",
    "cost",
    "forecast",
    "view",
    "report",
];

/// The layers a file in `layer` may import.
fn allowed(layer: &str) -> Vec<&'static str> {
    if layer == "probe" {
        return vec!["money", "probe"];
    }
    match ORDER.iter().position(|l| *l == layer) {
        Some(i) => ORDER[..=i].to_vec(),
        None => vec![],
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a line, without a `//` comment (doc comments included).
fn code(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Every `crate::<name>` named in `src`, outside comments.
fn imported_layers(src: &str) -> Vec<String> {
    const PREFIX: &str = "crate::";
    let mut found = Vec::new();
    for line in src.lines().map(code) {
        let mut rest = line;
        while let Some(i) = rest.find(PREFIX) {
            rest = &rest[i + PREFIX.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

/// The violations in the tree under `root` (`crates/core/src`).
fn violations(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut bad = Vec::new();
    for file in files {
        let Ok(rel) = file.strip_prefix(root) else {
            continue;
        };
        let Some(layer) = rel.components().next().and_then(|c| c.as_os_str().to_str()) else {
            continue;
        };
        if rel.components().count() < 2 {
            continue; // mod.rs and this file sit above the layers
        }
        let src = fs::read_to_string(&file).unwrap_or_default();
        let ok = allowed(layer);
        for name in imported_layers(&src) {
            if !ok.contains(&name.as_str()) {
                bad.push(format!(
                    "{}: layer `{layer}` imports `{name}`",
                    rel.display()
                ));
            }
        }
        if src.lines().map(code).any(|l| l.contains("leptos")) {
            bad.push(format!("{}: the domain names leptos", rel.display()));
        }
    }
    bad.sort();
    bad.dedup();
    bad
}

#[test]
fn no_layer_imports_a_higher_one_and_none_names_leptos() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = violations(&root);
    assert!(bad.is_empty(), "upward imports:\n{}", bad.join("\n"));
}

#[test]
fn every_layer_folder_is_listed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs: Vec<String> = fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    dirs.sort();
    let mut known: Vec<String> = ORDER.iter().map(|l| l.to_string()).collect();
    known.push("probe".into());
    known.sort();
    assert_eq!(
        dirs, known,
        "a folder under crates/core/src/ that is not a layer"
    );
}

#[test]
fn the_check_sees_an_upward_import() {
    let dir = std::env::temp_dir().join(format!("llm-roi-layers-{}", std::process::id()));
    let cost = dir.join("cost");
    fs::create_dir_all(&cost).unwrap();
    fs::write(
        cost.join("bad.rs"),
        "// crate::report in a comment is fine\nuse crate::report::build;\nuse crate::money::MTOK;\n",
    )
    .unwrap();
    let bad = violations(&dir);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        bad,
        vec!["cost/bad.rs: layer `cost` imports `report`".to_string()]
    );
}
