//! Server-only code: settings, loading `pricing/`, the JSON API and the router.
//!
//! The whole module is compiled only with the `ssr` feature.

pub mod answer_format;
pub mod api;
pub mod assets;
pub mod charts;
pub mod commands;
pub mod config;
pub mod etag;
pub mod export;
pub mod fx_import;
pub mod headers;
pub mod history;
pub mod oembed;
pub mod prices;
pub mod pricing_dir;
pub mod probe;
pub mod render_cache;
pub mod request_guard;
pub mod router;
pub mod site;
pub mod startup;
pub mod state;
pub mod today;
pub mod usage;
pub mod usage_estimate;
pub mod workloads;
