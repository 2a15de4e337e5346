//! A link's estimate and forecast over the frozen fixture pricebook, for
//! the tests of the layers that format them.

use crate::cost::{Estimate, scenario_cost::estimate};
use crate::forecast::{Forecast, forecast};
use crate::pricebook::fixtures::playbook_book;
use crate::scenario::codec::{decode_link, split_query};

/// What a report computes for one link: its estimate and forecast.
pub struct Computed {
    pub estimate: Estimate,
    pub forecast: Option<Forecast>,
}

/// A query's estimate and forecast over the frozen fixture pricebook; the
/// query must be valid.
pub fn playbook_report(q: &str) -> Computed {
    // A version-1 link: its default baseline is the playbook's Haiku 4.5.
    let q = if q.starts_with("v=") {
        q.to_string()
    } else {
        format!("v=1&{q}")
    };
    let book = playbook_book();
    let d = decode_link(&split_query(&q), &[]);
    assert!(d.errors.is_empty(), "{q}: {:?}", d.errors);
    let e = estimate(&book, &d.scenario);
    assert!(e.errors.is_empty(), "{q}: {:?}", e.errors);
    let f = forecast(&book, &e);
    assert!(f.is_ok(), "{q}: {:?}", f.as_ref().err());
    Computed {
        estimate: e,
        forecast: f.ok(),
    }
}
