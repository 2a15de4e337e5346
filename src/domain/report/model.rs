//! Everything a report, embed or export of one link needs, computed once.
//!
//! ```
//! use llm_roi::domain::{report::build, scenario::codec::split_query};
//! # let book = llm_roi::domain::pricebook::Pricebook { providers: vec![], fx: Default::default() };
//! let r = build(&book, &split_query("v=1&rpd=oops"), &[]);
//! assert_eq!(r.errors[0].field, "rpd");
//! ```

use crate::domain::cost::estimate::Estimate;
use crate::domain::cost::scenario_cost::estimate;
use crate::domain::forecast::{forecast, Forecast};
use crate::domain::money::date::CalendarDate;
use crate::domain::pricebook::Pricebook;
use crate::domain::scenario::codec::{decode_link, link_query, LinkMeta};
use crate::domain::scenario::{FieldError, Scenario};

/// A link's scenario with its estimate and forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportModel {
    pub scenario: Scenario,
    pub link: LinkMeta,
    /// The caller's own keys (such as `show`), as given.
    pub extra: Vec<(String, String)>,
    /// Every input that could not be used (defaults stood in), from the
    /// query, the estimate and the forecast.
    pub errors: Vec<FieldError>,
    pub estimate: Estimate,
    /// `None` only when the forecast overflowed (named in `errors`).
    pub forecast: Option<Forecast>,
}

impl ReportModel {
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

/// Decodes `pairs` and computes the estimate and forecast, with no day to
/// read model retirements against.
pub fn build(book: &Pricebook, pairs: &[(String, String)], extra: &[&str]) -> ReportModel {
    build_on(book, pairs, extra, None)
}

/// [`build`], read on `today`: a retired model is then never the default target.
pub fn build_on(
    book: &Pricebook,
    pairs: &[(String, String)],
    extra: &[&str],
    today: Option<CalendarDate>,
) -> ReportModel {
    let d = decode_link(pairs, extra);
    let mut e = estimate(book, &d.scenario);
    e.today = today;
    let mut errors = d.errors;
    errors.extend(e.errors.iter().cloned());
    let forecast = match forecast(book, &e) {
        Ok(f) => Some(f),
        Err(err) => {
            errors.push(err);
            None
        }
    };
    ReportModel {
        scenario: d.scenario,
        link: d.link,
        extra: d.extra,
        errors,
        estimate: e,
        forecast,
    }
}
