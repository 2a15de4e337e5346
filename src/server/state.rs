//! Shared server state: the pricebook loaded at start, and Leptos's options.

use crate::server::history::History;
use crate::server::operator::Operator;
use crate::server::pricebook_asset::PricebookAsset;
use crate::server::site::Site;
use crate::server::upload_gate::Uploads;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::fingerprint::fingerprint;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::report::Evaluation;
use std::sync::{Arc, OnceLock};

/// The validated pricebook and its fingerprint, computed once at start, and
/// the earlier pricebooks old links were made with.
#[derive(Debug, Clone)]
pub struct LoadedBook {
    pub pricebook: Arc<Pricebook>,
    pub fingerprint: Arc<str>,
    pub history: Arc<History>,
    /// A fixed "today" (`--today`), for tests and reproducible reports.
    pub today: Option<CalendarDate>,
    /// The pricebook as its immutable asset, made on first use
    /// ([`Self::asset`]; start-up makes it before serving).
    asset: Arc<OnceLock<Result<Arc<PricebookAsset>, String>>>,
}

impl LoadedBook {
    /// A pricebook with no history.
    pub fn new(pricebook: Pricebook) -> Self {
        Self::with_history(pricebook, History::default())
    }

    pub fn with_history(pricebook: Pricebook, history: History) -> Self {
        let fingerprint = fingerprint(&pricebook).into();
        Self {
            pricebook: Arc::new(pricebook),
            fingerprint,
            history: Arc::new(history),
            today: None,
            asset: Arc::default(),
        }
    }

    /// The pricebook's asset (`GET /api/v1/pricebook/{fingerprint}.json`),
    /// serialised and compressed on the first call, then shared. It blocks
    /// for that first call: call it from a blocking task.
    pub fn asset(&self) -> Result<Arc<PricebookAsset>, String> {
        self.asset
            .get_or_init(|| PricebookAsset::of(&self.pricebook, &self.fingerprint).map(Arc::new))
            .clone()
    }

    /// The asset if it is made already (start-up makes it), without blocking.
    pub fn asset_made(&self) -> Option<Result<Arc<PricebookAsset>, String>> {
        self.asset.get().cloned()
    }

    /// The same book with a fixed "today".
    pub fn with_today(mut self, today: Option<CalendarDate>) -> Self {
        self.today = today;
        self
    }

    /// `--today` if set, else the system's UTC date.
    pub fn today(&self) -> CalendarDate {
        self.today.unwrap_or_else(crate::server::today::today_utc)
    }

    /// The one evaluation of a link's query pairs on this book and day;
    /// every route with figures calls it (`extra`: the view's own keys).
    pub fn evaluate(&self, pairs: &[(String, String)], extra: &[&str]) -> Evaluation {
        Evaluation::of_link(&self.pricebook, pairs, extra, self.today())
    }

    /// The pricebook a link made with `fp` used, if this server has it.
    pub fn made_with(&self, fp: &str) -> Option<&Pricebook> {
        if *fp == *self.fingerprint {
            Some(&self.pricebook)
        } else {
            self.history.get(fp)
        }
    }
}

/// The router's state: its parts behind one `Arc`, since every handler and
/// middleware with `State` clones it per request (cloning the parts cost a
/// fifth of a cached `/report`'s CPU: two dozen reference counts, shared by
/// every thread).
#[derive(Clone)]
pub struct AppState(Arc<AppParts>);

impl From<AppParts> for AppState {
    fn from(parts: AppParts) -> Self {
        Self(Arc::new(parts))
    }
}

impl std::ops::Deref for AppState {
    type Target = AppParts;
    fn deref(&self) -> &AppParts {
        &self.0
    }
}

/// What the router's state holds.
pub struct AppParts {
    pub leptos_options: LeptosOptions,
    pub book: LoadedBook,
    /// The public origin and the framing policy.
    pub site: Site,
    /// The endpoint probe; `None` answers its routes with 503.
    pub probe: Option<Arc<llm_roi_probe::service::ProbeService>>,
    /// The usage uploads read at once, and their deadline.
    pub uploads: Uploads,
    /// How long any other request may take to start its answer.
    pub request_timeout: std::time::Duration,
    /// Who may spend the API keys.
    pub operator: Operator,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
