//! The endpoint probe: measures a relay's latency overhead against its
//! upstream, from this server.

pub mod api;
pub mod budget;
pub mod endpoint;
pub mod guard;
pub mod measure;
pub mod request;
pub mod service;
pub mod sse_scan;
pub mod start;
pub mod targets;
pub mod timed_io;
pub mod tls;

use crate::domain::pricebook::Pricebook;
use std::sync::Arc;

/// The probe service over `book`, with the settings of `targets`.
pub fn build_service(
    book: Arc<Pricebook>,
    targets: targets::ProbeTargets,
    limits: service::Limits,
) -> Result<Arc<service::ProbeService>, String> {
    let tls = tls::client_config(&targets.extra_roots).map_err(|e| format!("TLS roots: {e}"))?;
    let prober = measure::Prober::new(tls, measure::Timeouts::default());
    let lookup: Box<dyn guard::Lookup> =
        match hickory_resolver::TokioResolver::builder_tokio().and_then(|b| b.build()) {
            Ok(r) => Box::new(r),
            Err(e) => return Err(format!("DNS resolver: {e}")),
        };
    Ok(Arc::new(service::ProbeService::new(
        book, targets, limits, prober, lookup,
    )))
}

/// The probe service as Leptos context, for the server functions.
#[derive(Clone)]
pub struct ProbeHandle(pub Option<Arc<service::ProbeService>>);
