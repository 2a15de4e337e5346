//! Pages: one per route, wiring URL state to components.

pub mod calculator;
pub mod embed;
pub mod probe;
pub mod report;
