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

pub mod calculator;
pub mod embed_panel;
pub mod probe;
pub mod report_actions;
pub mod usage_import;
