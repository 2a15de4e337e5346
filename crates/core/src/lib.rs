//! The domain core: plain Rust with no Leptos in it, compiled for the server
//! and for wasm. Grouped by layer; a layer imports only the layers above it
//! in this list (`layers` test):
//!
//! 1. [`money`]: exact money, currencies, dates, period lengths;
//! 2. [`pricebook`]: the price tables, their validation and lifecycle;
//! 3. [`scenario`]: the traffic and migration inputs, and the URL codec;
//! 4. [`cost`]: option selection and the exact cost engine;
//! 5. [`forecast`]: projection, rollout, timeline and ROI;
//! 6. [`view`]: rounding and the figures as text;
//! 7. [`report`]: one link's report, drift, embed parts and CSV;
//! 8. [`probe`]: relay latency statistics (imports only [`money`]).

pub mod cost;
pub mod forecast;
pub mod money;
pub mod pricebook;
pub mod probe;
pub mod report;
pub mod scenario;
pub mod view;

#[cfg(test)]
mod layers;
