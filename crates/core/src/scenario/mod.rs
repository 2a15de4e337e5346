//! Layer 3: the scenario. What an estimate is computed for ([`inputs`]), the
//! migration's costs and rollout ([`migration`]), the URL codec that
//! turns a link into a scenario and back ([`codec`]), and a usage log's rows
//! ([`usage`]) reduced to request classes ([`workload`]) and held, with the
//! days the log spans, as a [`mix`].

pub mod audit;
pub mod calibration;
pub mod codec;
pub mod inputs;
pub mod measured_fallback;
pub mod migration;
pub mod mix;
pub mod model_map;
pub mod usage;
pub mod workload;

pub use codec::{decode_link, split_query};
pub use inputs::{CacheTtl, FieldError, HORIZONS, Scenario};
pub use migration::Migration;

#[cfg(test)]
pub mod fixtures;
