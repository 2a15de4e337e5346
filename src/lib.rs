#![recursion_limit = "256"]
//! llm-roi: where should a company's LLM API traffic go?
//!
//! - [`domain`]: the plain-Rust core (pricebook, cost engine, scenario codec),
//!   compiled for the server and for wasm.
//! - [`app`], [`pages`], [`components`]: the Leptos application, rendered on
//!   the server and hydrated in the browser.
//! - `server` (feature `ssr`): settings, the JSON API and the router.

pub mod app;
pub mod chart_fns;
pub mod components;
pub mod domain;
pub mod pages;
pub mod pricebook_payload;
pub mod probe_fns;
pub mod report_fns;
#[cfg(feature = "ssr")]
pub mod server;

/// The browser entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A marker for browser tests and scripts: the page is now interactive.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
