//! Shared server state: the pricebook loaded at start, and Leptos's options.

use crate::server::history::History;
use crate::server::operator::Operator;
use crate::server::site::Site;
use crate::server::upload_gate::Uploads;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::fingerprint::fingerprint;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::report::Evaluation;
use std::sync::Arc;

/// The validated pricebook and its fingerprint, computed once at start, and
/// the earlier pricebooks old links were made with.
#[derive(Debug, Clone)]
pub struct LoadedBook {
    pub pricebook: Arc<Pricebook>,
    pub fingerprint: Arc<str>,
    pub history: Arc<History>,
    /// A fixed "today" (`--today`), for tests and reproducible reports.
    pub today: Option<CalendarDate>,
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
        }
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

/// The router's state.
#[derive(Clone)]
pub struct AppState {
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
