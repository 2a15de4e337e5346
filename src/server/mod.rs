//! Server-only code: settings, the commands, the JSON API, the probe's
//! routes and the router. The probe, the usage-log readers and the price
//! importers are the crates `llm-roi-probe`, `llm-roi-usage` and
//! `llm-roi-prices`.
//!
//! The whole module is compiled only with the `ssr` feature.

pub mod accept_encoding;
pub mod answer_format;
pub mod api;
pub mod api_types;
pub mod assets;
pub mod charts;
pub mod client_ip;
pub mod commands;
pub mod config;
pub mod etag;
pub mod export;
pub mod headers;
pub mod history;
pub mod oembed;
pub mod operator;
pub mod pricebook_asset;
pub mod pricebook_asset_route;
pub mod prices_command;
pub mod probe_routes;
pub mod reconcile_command;
pub mod reconcile_route;
pub mod render_cache;
pub mod request_guard;
pub mod route_rules;
pub mod router;
pub mod same_origin;
pub mod serve;
pub mod site;
pub mod startup;
pub mod state;
pub mod store_opener;
pub mod today;
pub mod upload_files;
pub mod upload_gate;
pub mod usage_estimate;
pub mod workloads;
