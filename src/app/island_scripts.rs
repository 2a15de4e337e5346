//! The page's hydration scripts. In place of leptos's `HydrationScripts`
//! (one bundle for every island), the page names the wasm bundles that
//! scripts/build.sh builds, one per kind of page, each with the islands of
//! its `bundle-*` feature. Our island script (island_script.js) loads a
//! bundle when the user first acts in one of its islands (focus, pointer,
//! key, input, click, file drop); it awaits the bundle's `hydrate()` (which
//! fetches the calculator's pricebook) and then hydrates those islands,
//! replaying what was done before. Until then a page is the server's: every
//! figure, and a form that submits with GET. A page that is read, not used,
//! so loads no wasm.
//!
//! A page where its bundle is the point ([`BUNDLES`], by path: the probe's
//! on `/probe`) preloads it. Without hashed names (`cargo leptos watch`,
//! the tests), there is one bundle holding every island, as cargo-leptos
//! builds it.
//!
//! The hashed file names are read once per process from the hash file
//! beside the binary (scripts/build.sh writes it), as leptos reads them.
//!
//! Usage (in the shell's `<head>`, with the request's path):
//!
//! ```ignore
//! view! { <IslandScripts options path/> }
//! ```

use crate::client::pricebook::ASSET_LINK_ID;
use leptos::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The island script as the page inlines it: without its comment lines and
/// indentation (it has no multi-line strings), about 1 KB less per page.
fn island_script() -> String {
    include_str!("island_script.js")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A wasm bundle: its name (the cargo feature `bundle-<name>`, the files
/// `llm-roi-<name>.<hash>.{js,wasm}`), its islands (component names), the
/// page paths that preload it, and the ids of the page's links
/// (`rel="alternate"`) switched to `rel="preload"` when it loads.
pub struct Bundle {
    pub name: &'static str,
    pub islands: &'static [&'static str],
    pub preloaded_on: &'static [&'static str],
    pub links: &'static [&'static str],
}

/// Every bundle scripts/build.sh builds (a test holds the two lists equal).
pub const BUNDLES: [Bundle; 3] = [
    // `/` is read before it is used (a link is a report): its bundle, the
    // largest, and the pricebook load when the calculator is first used.
    Bundle {
        name: "calculator",
        islands: &["CalculatorIsland", "UsageImport"],
        preloaded_on: &[],
        links: &[ASSET_LINK_ID],
    },
    // The probe panel: at the foot of `/`, where a reader scrolls past it,
    // and the point of `/probe`, which preloads it.
    Bundle {
        name: "probe",
        islands: &["ProbeIsland"],
        preloaded_on: &["/probe"],
        links: &[],
    },
    // A report is read; its buttons (copy, print) load their code when used.
    Bundle {
        name: "report",
        islands: &["ReportActions", "EmbedPanel"],
        preloaded_on: &[],
        links: &[],
    },
];

/// A bundle as the island script reads it: the JS and wasm file names
/// without extension, its islands and the links it preloads.
#[derive(Serialize, Debug, Clone, PartialEq)]
struct Files {
    js: String,
    wasm: String,
    islands: Vec<&'static str>,
    links: Vec<&'static str>,
    #[serde(skip)]
    preloaded_on: Vec<&'static str>,
}

/// The bundles' files from the hash file's lines (`calculator.js: <hash>`);
/// a bundle the file does not name is left out, with an error logged.
fn hashed_files(output_name: &str, hashes: &str) -> Vec<Files> {
    let hash: HashMap<&str, &str> = hashes
        .lines()
        .filter_map(|l| l.trim().split_once(':'))
        .map(|(file, hash)| (file.trim(), hash.trim()))
        .collect();
    BUNDLES
        .iter()
        .filter_map(|b| {
            let (js_key, wasm_key) = (format!("{}.js", b.name), format!("{}.wasm", b.name));
            match (hash.get(js_key.as_str()), hash.get(wasm_key.as_str())) {
                (Some(js), Some(wasm)) => Some(Files {
                    js: format!("{output_name}-{}.{js}", b.name),
                    wasm: format!("{output_name}-{}.{wasm}", b.name),
                    islands: b.islands.to_vec(),
                    links: b.links.to_vec(),
                    preloaded_on: b.preloaded_on.to_vec(),
                }),
                _ => {
                    tracing::error!(bundle = b.name, "the hash file does not name this bundle's files; its islands will not hydrate");
                    None
                }
            }
        })
        .collect()
}

/// One bundle with every island, preloaded where any bundle would be
/// (unhashed names).
fn single_bundle(output_name: &str) -> Vec<Files> {
    vec![Files {
        js: output_name.to_string(),
        wasm: format!("{output_name}_bg"),
        islands: BUNDLES
            .iter()
            .flat_map(|b| b.islands.iter().copied())
            .collect(),
        links: BUNDLES
            .iter()
            .flat_map(|b| b.links.iter().copied())
            .collect(),
        preloaded_on: BUNDLES
            .iter()
            .flat_map(|b| b.preloaded_on.iter().copied())
            .collect(),
    }]
}

/// The bundles' files, and the script that names them, made once per
/// process: every page inlines the same script.
struct Scripts {
    files: Vec<Files>,
    script: String,
}

fn scripts(options: &LeptosOptions) -> &'static Scripts {
    static SCRIPTS: OnceLock<Scripts> = OnceLock::new();
    SCRIPTS.get_or_init(|| {
        let files = files(options);
        let list = serde_json::to_string(&files).unwrap_or_else(|_| "[]".to_string());
        let pkg = options.site_pkg_dir.as_ref();
        let script = format!("{}(\"\", {pkg:?}, {list});", island_script());
        Scripts { files, script }
    })
}

fn files(options: &LeptosOptions) -> Vec<Files> {
    let name = options.output_name.to_string();
    if !options.hash_files {
        return single_bundle(&name);
    }
    let path = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join(options.hash_file.as_ref())));
    match path.map(|p| std::fs::read_to_string(&p).map_err(|e| (p, e))) {
        Some(Ok(hashes)) => hashed_files(&name, &hashes),
        Some(Err((p, e))) => {
            tracing::error!(path = %p.display(), error = %e, "file hashing is on but the hash file cannot be read; the pages will not hydrate");
            Vec::new()
        }
        None => {
            tracing::error!("file hashing is on but the binary's folder is unknown");
            Vec::new()
        }
    }
}

/// `path`: the request's path, which picks the bundle to preload.
#[component]
pub fn IslandScripts(options: LeptosOptions, path: String) -> impl IntoView {
    // As HydrationScripts does: outside islands, nothing hydrates.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let Scripts { files, script } = scripts(&options);
    let pkg = options.site_pkg_dir.to_string();
    let preloads = files
        .iter()
        .filter(|f| f.preloaded_on.contains(&path.as_str()))
        .map(|f| {
            view! {
                <link rel="modulepreload" href=format!("/{pkg}/{}.js", f.js)/>
                <link rel="preload" href=format!("/{pkg}/{}.wasm", f.wasm) r#as="fetch" r#type="application/wasm" crossorigin=""/>
            }
        })
        .collect_view();
    view! {
        {preloads}
        <script type="module">{script.as_str()}</script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_file_names_each_bundles_files() {
        let files = hashed_files(
            "llm-roi",
            "css: c1\ncalculator.js: j1\ncalculator.wasm: w1\nprobe.js: j2\nprobe.wasm: w2\nreport.js: j3\nreport.wasm: w3\n",
        );
        assert_eq!(files.len(), 3);
        assert_eq!(
            (files[0].js.as_str(), files[0].wasm.as_str()),
            ("llm-roi-calculator.j1", "llm-roi-calculator.w1")
        );
        assert_eq!(files[2].islands, ["ReportActions", "EmbedPanel"]);
        // A bundle the file lacks is left out, not named with no hash.
        assert_eq!(hashed_files("llm-roi", "calculator.js: j1\n").len(), 0);
    }

    #[test]
    fn the_build_and_lint_take_every_bundle_and_cargo_has_its_feature() {
        let build = include_str!("../../scripts/build.sh");
        let make = include_str!("../../Makefile");
        let cargo = include_str!("../../Cargo.toml");
        let names: Vec<&str> = BUNDLES.iter().map(|b| b.name).collect();
        let line = format!("BUNDLES=\"{}\"", names.join(" "));
        assert!(build.contains(&line), "scripts/build.sh lacks {line}");
        let lint = format!("for b in {}; do", names.join(" "));
        assert!(make.contains(&lint), "the Makefile's lint lacks {lint}");
        for name in names {
            assert!(
                cargo.contains(&format!("bundle-{name} = []")),
                "Cargo.toml lacks bundle-{name}"
            );
        }
    }

    #[test]
    fn the_calculator_brings_its_pricebook_and_only_probe_is_preloaded() {
        let files = hashed_files(
            "llm-roi",
            "calculator.js: j1\ncalculator.wasm: w1\nprobe.js: j2\nprobe.wasm: w2\nreport.js: j3\nreport.wasm: w3\n",
        );
        let calculator = &files[0];
        assert!(calculator.preloaded_on.is_empty());
        assert_eq!(calculator.links, [ASSET_LINK_ID]);
        // As island_script.js reads it.
        let json = serde_json::to_string(calculator).unwrap();
        assert!(json.ends_with(r#""links":["pricebook-asset"]}"#), "{json}");
        assert_eq!(
            files
                .iter()
                .map(|f| f.preloaded_on.clone())
                .collect::<Vec<_>>(),
            [vec![], vec!["/probe"], vec![]]
        );
        let one = &single_bundle("llm-roi")[0];
        assert_eq!(
            (one.links.as_slice(), one.preloaded_on.as_slice()),
            (&[ASSET_LINK_ID][..], &["/probe"][..])
        );
    }

    #[test]
    fn without_hashes_one_bundle_holds_every_island() {
        let one = single_bundle("llm-roi");
        assert_eq!(
            (one[0].js.as_str(), one[0].wasm.as_str()),
            ("llm-roi", "llm-roi_bg")
        );
        assert_eq!(one[0].islands.len(), 5);
    }
}
