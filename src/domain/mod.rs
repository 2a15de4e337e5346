//! The domain core: plain Rust with no Leptos in it.
//!
//! Everything here compiles for the server and for wasm, and is unit-tested:
//! the pricebook ([`pricebook`]), the scenario and its URL codec ([`scenario`],
//! [`codec`]), the cost engine ([`engine`]) and display rounding ([`display`]).

pub mod assumptions;
pub mod charts;
pub mod claim_check;
pub mod codec;
pub mod date;
pub mod display;
pub mod drift;
pub mod embed;
pub mod engine;
pub mod estimate;
pub mod export;
pub mod forecast;
pub mod forecast_view;
pub mod migration;
pub mod money;
pub mod options;
pub mod pricebook;
pub mod prices_used;
pub mod probe;
pub mod projection;
pub mod report;
pub mod roi;
pub mod rollout;
pub mod rows;
pub mod scenario;
pub mod summary;
pub mod timeline;
