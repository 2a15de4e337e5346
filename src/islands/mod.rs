//! Islands: the only parts of the pages that hydrate (`#[island]`). A page
//! renders one on the server with its props, which are serialised into the
//! HTML; the browser deserialises them and makes the island interactive.
//! Everything else on a page stays static HTML, and its code stays out of
//! the wasm bundle.
//!
//! - [`calculator`]: the calculator of `/`;
//! - [`probe`]: the probe panel of `/probe`;
//! - [`report_actions`]: the report's copy and print buttons;
//! - [`embed_panel`]: the report's embed snippets with their copy buttons;
//! - [`usage_import`]: the usage-log import of `/`.
//!
//! The server renders them all; a wasm bundle holds only those of its
//! `bundle-*` feature (Cargo.toml), so `/report` does not download the
//! calculator. `app::island_scripts` lists which bundle holds which island.

#[cfg(any(feature = "ssr", feature = "bundle-calculator"))]
pub mod calculator;
#[cfg(any(feature = "ssr", feature = "bundle-report"))]
pub mod embed_panel;
#[cfg(any(feature = "ssr", feature = "bundle-probe"))]
pub mod probe;
#[cfg(any(feature = "ssr", feature = "bundle-report"))]
pub mod report_actions;
#[cfg(any(feature = "ssr", feature = "bundle-calculator"))]
pub mod usage_import;
