//! Layer 4: cost. Which options a scenario compares ([`selection`]), the
//! exact cost engine ([`engine`]), what it returns ([`estimate`]), the
//! check of a relay's claimed savings ([`claim_check`]) and a workload's cost
//! on a route ([`mix`]), and a scenario with a workload mix estimated route
//! by route ([`mix_estimate`]); [`scenario_cost`] picks between the two.
//! Without a list to compare, only the options cheaper than the baseline
//! are kept ([`cheaper_only`]).

pub mod cheaper_only;
pub mod claim_check;
pub mod engine;
pub mod estimate;
pub mod fit;
pub mod mix;
pub mod mix_estimate;
pub mod reconcile;
/// Crate-private: only `report::Evaluation` estimates a scenario.
pub(crate) mod scenario_cost;
pub mod selection;

pub use estimate::{CostParts, Estimate, OptionEstimate, Savings};
