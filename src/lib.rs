#![recursion_limit = "256"]
//! llm-roi: where should a company's LLM API traffic go?
//!
//! The plain-Rust core (pricebook, cost engine, scenario codec) is the
//! `llm-roi-core` crate (`crates/core`), compiled for the server and for wasm.
//! - `app`, `pages` (feature `ssr`): the shell, the routes and the pages,
//!   rendered on the server only;
//! - [`islands`]: the parts of the pages that hydrate in the browser;
//! - [`components`]: thin views, used by pages and islands;
//! - [`server_fns`]: what pages read on the server for their islands, and
//!   the server functions the islands call over HTTP.
//! - [`client`]: browser-side helpers (clipboard, event streams, debouncing,
//!   the URL), with inert server versions where they must compile there.
//! - `server` (feature `ssr`): settings, loading `pricing/`, the REST API, the
//!   probe, the router and start-up.

#[cfg(feature = "ssr")]
pub mod app;
pub mod client;
pub mod components;
pub mod islands;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;

/// Each bundle's entry point, awaited before its islands hydrate (the page's
/// script, `app::island_scripts`): sets up the reactive root they share and,
/// in the calculator's bundle, fetches the pricebook the page links to. If
/// that fails, the islands are not hydrated (the error is the promise's),
/// and the page keeps working as it does without JavaScript. Each island
/// then marks the page hydrated (`client::browser::mark_hydrated`).
#[cfg(feature = "hydrate-base")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn hydrate() -> Result<(), wasm_bindgen::JsValue> {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Only the calculator's bundle reads the pricebook.
    #[cfg(feature = "bundle-calculator")]
    if let Some(href) = client::pricebook::asset_href() {
        client::pricebook::load(&href)
            .await
            .map_err(|e| wasm_bindgen::JsValue::from_str(&format!("pricebook not loaded: {e}")))?;
    }
    Ok(())
}
