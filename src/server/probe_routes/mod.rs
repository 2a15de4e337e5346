//! The probe's HTTP side: starting, watching and cancelling runs
//! ([`runs`]), the stored history ([`history`]), the honesty check
//! ([`honesty`]) and the audit ([`audit`]), which share their spending
//! checks, over the `llm-roi-probe` crate's service.

pub mod audit;
pub mod history;
pub mod honesty;
pub mod runs;
mod spend_checks;

use std::sync::Arc;

/// The probe service as Leptos context, for the server functions.
#[derive(Clone)]
pub struct ProbeHandle(pub Option<Arc<llm_roi_probe::service::ProbeService>>);
