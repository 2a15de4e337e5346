//! The one evaluation of a scenario: decoded, estimated on a day, forecast.
//!
//! Every route that shows figures (the calculator, the report, the embed,
//! the charts, CSV, JSON, oEmbed) and the CLI build an [`Evaluation`] and
//! read it; nothing outside this crate can build an estimate
//! (`cost::estimate` is crate-private), so no route can forget the day that
//! keeps a retired model from being the migration target.
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::money::date::CalendarDate;
//! use llm_roi_core::report::Evaluation;
//! use llm_roi_core::scenario::codec::split_query;
//! # let book = llm_roi_core::pricebook::Pricebook { providers: vec![], fx: Default::default() };
//! let today = CalendarDate::new(2026, 12, 1).unwrap();
//! let ev = Evaluation::of_link(&book, &split_query("v=1&rpd=oops"), &[], today);
//! assert_eq!(ev.errors[0].field, "rpd");
//! assert!(ev.target(&book).is_none());
//! ```

use crate::cost::estimate::{Estimate, OptionEstimate};
use crate::cost::scenario_cost::estimate;
use crate::forecast::{Forecast, forecast, target_of};
use crate::money::date::CalendarDate;
use crate::pricebook::Pricebook;
use crate::scenario::codec::{LinkMeta, decode_link, link_query};
use crate::scenario::{FieldError, Scenario};

/// A scenario with its estimate and forecast, read on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub scenario: Scenario,
    pub link: LinkMeta,
    /// The caller's own keys (such as `show`), as given.
    pub extra: Vec<(String, String)>,
    /// Every input that could not be used (defaults stood in), from the
    /// query, the estimate and the forecast.
    pub errors: Vec<FieldError>,
    /// Read on the evaluation's day (`estimate.today` is always set).
    pub estimate: Estimate,
    /// `None` only when the forecast overflowed (named in `errors`).
    pub forecast: Option<Forecast>,
}

impl Evaluation {
    /// Decodes a link's `pairs` (scenario keys, `v`, `pb`, and the caller's
    /// `extra` keys) and evaluates the scenario on `today`.
    pub fn of_link(
        book: &Pricebook,
        pairs: &[(String, String)],
        extra: &[&str],
        today: CalendarDate,
    ) -> Self {
        let d = decode_link(pairs, extra);
        let mut ev = Self::of_scenario(book, d.scenario, today);
        ev.link = d.link;
        ev.extra = d.extra;
        ev.errors.splice(0..0, d.errors);
        ev
    }

    /// Evaluates a scenario built in code (the CLI's workload mix) on `today`.
    pub fn of_scenario(book: &Pricebook, scenario: Scenario, today: CalendarDate) -> Self {
        let e = estimate(book, &scenario).on(today);
        let mut ev = Self {
            scenario,
            link: LinkMeta::default(),
            extra: Vec::new(),
            errors: e.errors.clone(),
            estimate: e,
            forecast: None,
        };
        ev.forecast = ev.forecast_of(book);
        ev
    }

    /// Keeps only the options `keep` accepts (the baseline always), and
    /// forecasts again: the CLI's `--route` filter.
    pub fn keep_options(&mut self, book: &Pricebook, keep: impl Fn(&OptionEstimate) -> bool) {
        self.estimate.options.retain(|o| o.is_baseline || keep(o));
        if self.forecast.is_none() {
            // The forecast's own error is the last one (see `forecast_of`).
            self.errors.pop();
        }
        self.forecast = self.forecast_of(book);
    }

    /// The forecast of the estimate; its error, if any, goes last in `errors`.
    fn forecast_of(&mut self, book: &Pricebook) -> Option<Forecast> {
        forecast(book, &self.estimate)
            .map_err(|err| self.errors.push(err))
            .ok()
    }

    /// The migration target: the scenario's, or the cheapest compared option
    /// that is not retired on the evaluation's day and meets every
    /// requirement ([`target_of`]); `None` when nothing qualifies.
    pub fn target<'a>(&'a self, book: &Pricebook) -> Option<&'a OptionEstimate> {
        target_of(book, &self.estimate)
    }

    /// The forecast when every input could be used, else every field that
    /// could not (for the answers that refuse a bad query: JSON, CSV, charts).
    pub fn usable(self) -> Result<(Self, Forecast), Vec<FieldError>> {
        let mut ev = self;
        match (ev.errors.is_empty(), ev.forecast.take()) {
            (true, Some(f)) => Ok((ev, f)),
            _ => Err(ev.errors),
        }
    }

    /// The share link's query for this scenario: stamped with the link's own
    /// pricebook if it has one, else with `current_fingerprint`.
    pub fn share_query(&self, current_fingerprint: &str) -> String {
        link_query(
            &self.scenario,
            self.link
                .pricebook
                .as_deref()
                .unwrap_or(current_fingerprint),
        )
    }

    /// The value of one of the caller's keys.
    pub fn extra(&self, key: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}
