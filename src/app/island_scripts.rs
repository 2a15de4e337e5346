//! The page's hydration scripts: what leptos's `HydrationScripts` writes in
//! islands mode (a module preload of the JS, a preload of the wasm, and the
//! island script), with our copy of the island script, which awaits the
//! wasm's `hydrate()` before hydrating the islands, so that the calculator's
//! pricebook can arrive as its own asset instead of inside the page.
//!
//! The hashed file names are read once per process from the hash file
//! beside the binary (scripts/build.sh writes it), as leptos reads them.
//!
//! Usage (in the shell's `<head>`):
//!
//! ```ignore
//! view! { <IslandScripts options/> }
//! ```

use leptos::prelude::*;
use std::sync::OnceLock;

const ISLAND_SCRIPT: &str = include_str!("island_script.js");

/// The JS and wasm file names without extension, e.g.
/// `("llm-roi.IXEnb…", "llm-roi.tPIf…")`.
fn file_names(options: &LeptosOptions) -> &'static (String, String) {
    static NAMES: OnceLock<(String, String)> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut js = options.output_name.to_string();
        let mut wasm = options.output_name.to_string();
        if !options.hash_files {
            wasm.push_str("_bg");
            return (js, wasm);
        }
        let path = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(|d| d.join(options.hash_file.as_ref())));
        match path.map(|p| std::fs::read_to_string(&p).map_err(|e| (p, e))) {
            Some(Ok(hashes)) => {
                for (file, hash) in hashes.lines().filter_map(|l| l.trim().split_once(':')) {
                    match file {
                        "js" => js.push_str(&format!(".{}", hash.trim())),
                        "wasm" => wasm.push_str(&format!(".{}", hash.trim())),
                        _ => {}
                    }
                }
            }
            Some(Err((p, e))) => {
                tracing::error!(path = %p.display(), error = %e, "file hashing is on but the hash file cannot be read; the pages will not hydrate")
            }
            None => tracing::error!("file hashing is on but the binary's folder is unknown"),
        }
        (js, wasm)
    })
}

#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // As HydrationScripts does: outside islands, nothing hydrates.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let (js, wasm) = file_names(&options);
    let pkg = options.site_pkg_dir.to_string();
    let script = format!("{ISLAND_SCRIPT}(\"\", {pkg:?}, {js:?}, {wasm:?});");
    view! {
        <link rel="modulepreload" href=format!("/{pkg}/{js}.js")/>
        <link rel="preload" href=format!("/{pkg}/{wasm}.wasm") r#as="fetch" r#type="application/wasm" crossorigin=""/>
        <script type="module">{script}</script>
    }
}
