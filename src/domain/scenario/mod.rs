//! Layer 3: the scenario. What an estimate is computed for ([`inputs`]), the
//! migration's costs and rollout ([`migration`]), and the URL codec that
//! turns a link into a scenario and back ([`codec`]).

pub mod codec;
pub mod inputs;
pub mod migration;

pub use codec::{decode_link, split_query};
pub use inputs::{CacheTtl, FieldError, Scenario, HORIZONS};
pub use migration::Migration;

#[cfg(test)]
pub mod fixtures;
