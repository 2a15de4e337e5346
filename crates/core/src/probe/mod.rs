//! Probe statistics: plain Rust, no I/O.
//!
//! A probe times requests to a relay and to its upstream, direct, in paired,
//! interleaved (ABBA) order. This module holds what a run records
//! ([`sample`]), the per-arm summaries ([`stats`]) and the paired overhead
//! with its distribution-free confidence interval and verdict ([`paired`]).

pub mod audit;
pub mod history;
pub mod history_page;
pub mod honesty;
pub mod paired;
pub mod reliability;
pub mod report;
pub mod run;
pub mod sample;
pub mod stats;
