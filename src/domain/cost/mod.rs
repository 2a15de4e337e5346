//! Layer 4: cost. Which options a scenario compares ([`selection`]), the
//! exact cost engine ([`engine`]), what it returns ([`estimate`]) and the
//! check of a relay's claimed savings ([`claim_check`]).

pub mod claim_check;
pub mod engine;
pub mod estimate;
pub mod selection;

pub use engine::estimate;
pub use estimate::{CostParts, Estimate, OptionEstimate, Savings};
