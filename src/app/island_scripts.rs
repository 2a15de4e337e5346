//! The page's hydration scripts. In place of leptos's `HydrationScripts`
//! (one bundle for every island), the page names the wasm bundles that
//! scripts/build.sh builds, one per kind of page, each with the islands of
//! its `bundle-*` feature. Our island script (island_script.js) loads a
//! bundle when one of its islands comes near the viewport or, for the
//! calculator's and the report's, when the user first acts in one
//! ([`LoadOn`]); it awaits the bundle's `hydrate()` (which fetches the
//! calculator's pricebook) and then hydrates those islands, replaying what
//! was typed before. `/` and `/report` so load no wasm until their form or
//! buttons are used, and the probe panel's code loads only when the panel
//! is scrolled near.
//!
//! A page's own "near" bundle ([`BUNDLES`], by path) is preloaded. Without
//! hashed names (`cargo leptos watch`, the tests), there is one bundle
//! holding every island, loaded when near, as cargo-leptos builds it.
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

/// When the island script loads a bundle.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LoadOn {
    /// When one of its islands comes within a screen of the viewport.
    Near,
    /// On the first focus, pointer press, key, input, click or file drop in
    /// one of its islands: the page is the server's until then (every
    /// figure, and a form that submits), and what the user did before it
    /// hydrated is replayed.
    Intent,
}

/// A wasm bundle: its name (the cargo feature `bundle-<name>`, the files
/// `llm-roi-<name>.<hash>.{js,wasm}`), its islands (component names), when
/// it loads, the page paths that preload it, and the ids of the page's
/// links (`rel="alternate"`) switched to `rel="preload"` when it loads.
pub struct Bundle {
    pub name: &'static str,
    pub islands: &'static [&'static str],
    pub on: LoadOn,
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
        on: LoadOn::Intent,
        preloaded_on: &[],
        links: &[ASSET_LINK_ID],
    },
    Bundle {
        name: "probe",
        islands: &["ProbeIsland"],
        on: LoadOn::Near,
        preloaded_on: &["/probe"],
        links: &[],
    },
    // A report is read; its buttons (copy, print) load their code when used.
    Bundle {
        name: "report",
        islands: &["ReportActions", "EmbedPanel"],
        on: LoadOn::Intent,
        preloaded_on: &[],
        links: &[],
    },
];

/// A bundle as the island script reads it: the JS and wasm file names
/// without extension, its islands, when it loads and the links it preloads.
#[derive(Serialize, Debug, Clone, PartialEq)]
struct Files {
    js: String,
    wasm: String,
    islands: Vec<&'static str>,
    on: LoadOn,
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
                    on: b.on,
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

/// One bundle with every island, loaded when near and preloaded where a
/// near bundle would be (unhashed names).
fn single_bundle(output_name: &str) -> Vec<Files> {
    vec![Files {
        js: output_name.to_string(),
        wasm: format!("{output_name}_bg"),
        islands: BUNDLES
            .iter()
            .flat_map(|b| b.islands.iter().copied())
            .collect(),
        on: LoadOn::Near,
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
    fn the_calculator_loads_on_intent_with_its_pricebook_and_is_never_preloaded() {
        let files = hashed_files(
            "llm-roi",
            "calculator.js: j1\ncalculator.wasm: w1\nprobe.js: j2\nprobe.wasm: w2\nreport.js: j3\nreport.wasm: w3\n",
        );
        let calculator = &files[0];
        assert_eq!(calculator.on, LoadOn::Intent);
        assert!(calculator.preloaded_on.is_empty());
        assert_eq!(calculator.links, [ASSET_LINK_ID]);
        // As island_script.js reads it.
        let json = serde_json::to_string(calculator).unwrap();
        assert!(
            json.contains(r#""on":"intent","links":["pricebook-asset"]"#),
            "{json}"
        );
        assert_eq!((files[1].on, files[2].on), (LoadOn::Near, LoadOn::Intent));
        // One bundle for every island: the "near" ones need it loaded.
        let one = &single_bundle("llm-roi")[0];
        assert_eq!(
            (one.on, one.links.as_slice()),
            (LoadOn::Near, &[ASSET_LINK_ID][..])
        );
    }

    /// The browser tests press on these islands before they wait for them.
    #[test]
    fn the_browser_tests_know_which_islands_load_on_intent() {
        let helpers = include_str!("../../end2end/tests/helpers.ts");
        let intent: Vec<String> = BUNDLES
            .iter()
            .filter(|b| b.on == LoadOn::Intent)
            .flat_map(|b| b.islands.iter().map(|i| format!("\"{i}\"")))
            .collect();
        let line = format!("const ON_INTENT = [{}];", intent.join(", "));
        assert!(
            helpers.contains(&line),
            "end2end/tests/helpers.ts lacks {line}"
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
