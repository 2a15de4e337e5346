//! The endpoint probe: measures a relay's latency overhead against its
//! upstream, from this server.

pub mod audit_requests;
pub mod budget;
pub mod endpoint;
pub mod guard;
pub mod measure;
pub mod request;
pub mod runs;
pub mod schedule;
pub mod service;
pub mod special_ranges;
pub mod sse_scan;
pub mod start;
pub mod store;
pub mod targets;
pub mod timed_io;
pub mod tls;

use llm_roi_core::pricebook::Pricebook;
use std::sync::Arc;

/// The probe service over `book`, with the settings of `targets`, resolving
/// names with the system's resolver settings.
pub fn build_service(
    book: Arc<Pricebook>,
    targets: targets::ProbeTargets,
    limits: service::Limits,
) -> Result<Arc<service::ProbeService>, String> {
    let lookup: Box<dyn guard::Lookup> =
        match hickory_resolver::TokioResolver::builder_tokio().and_then(|b| b.build()) {
            Ok(r) => Box::new(r),
            Err(e) => return Err(format!("DNS resolver: {e}")),
        };
    build_service_with(book, targets, limits, lookup)
}

/// [`build_service`] with another resolver (a fixed table in tests).
pub fn build_service_with(
    book: Arc<Pricebook>,
    targets: targets::ProbeTargets,
    limits: service::Limits,
    lookup: Box<dyn guard::Lookup>,
) -> Result<Arc<service::ProbeService>, String> {
    let tls = tls::client_config(&targets.extra_roots).map_err(|e| format!("TLS roots: {e}"))?;
    let prober = measure::Prober::new(tls, measure::Timeouts::default());
    Ok(Arc::new(service::ProbeService::new(
        book, targets, limits, prober, lookup,
    )))
}
