//! The probe's HTTP side: starting, watching and cancelling runs
//! ([`runs`]), and the stored history and the honesty check ([`history`]),
//! over the `llm-roi-probe` crate's service.

pub mod audit;
pub mod history;
pub mod runs;

use std::sync::Arc;

/// The probe service as Leptos context, for the server functions.
#[derive(Clone)]
pub struct ProbeHandle(pub Option<Arc<llm_roi_probe::service::ProbeService>>);
