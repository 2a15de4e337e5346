#![recursion_limit = "256"]
//! llm-roi: where should a company's LLM API traffic go?
//!
//! - [`domain`]: the plain-Rust core (pricebook, cost engine, scenario codec),
//!   compiled for the server and for wasm.
//! - [`app`], [`pages`], [`components`]: the Leptos application, rendered on
//!   the server and hydrated in the browser; pages wire routes to
//!   components, components render.
//! - [`server_fns`]: the server functions the pages call (run in-process
//!   during server rendering, over HTTP from the browser).
//! - [`client`]: browser-side helpers (clipboard, event streams, debouncing,
//!   the URL query), with inert server versions where they must compile there.
//! - `server` (feature `ssr`): settings, loading `pricing/`, the REST API, the
//!   probe, the router and start-up.

pub mod app;
pub mod client;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;

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
