//! Layer 5: the forecast over time. Traffic growth month by month
//! ([`projection`]), the rollout's phases ([`rollout`]) and day-by-day
//! timeline ([`timeline`]), the migration's payback ([`roi`]), and the whole
//! plan for one estimate ([`plan`]).

pub mod plan;
pub mod projection;
pub mod roi;
pub mod rollout;
pub mod timeline;

pub use plan::{Forecast, MigrationPlan, PlanMonth, forecast, target_of};

#[cfg(test)]
pub mod fixtures;
