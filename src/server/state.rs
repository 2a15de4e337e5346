//! Shared server state: the pricebook loaded at start, and Leptos's options.

use crate::domain::pricebook::fingerprint::fingerprint;
use crate::domain::pricebook::Pricebook;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

/// The validated pricebook and its fingerprint, computed once at start.
#[derive(Debug, Clone)]
pub struct LoadedBook {
    pub pricebook: Arc<Pricebook>,
    pub fingerprint: Arc<str>,
}

impl LoadedBook {
    pub fn new(pricebook: Pricebook) -> Self {
        let fingerprint = fingerprint(&pricebook).into();
        Self {
            pricebook: Arc::new(pricebook),
            fingerprint,
        }
    }
}

/// The router's state.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub book: LoadedBook,
    /// The endpoint probe; `None` answers its routes with 503.
    pub probe: Option<Arc<crate::server::probe::service::ProbeService>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
