//! The model selects' choices: every pricebook entry as `provider/model`,
//! current models first and the older ones (deprecated, retired, replaced
//! by a named successor, or no longer listed) apart, so that a pricebook of
//! 150 models stays usable.
//!
//! Usage:
//!
//! ```ignore
//! let choices = model_choices(&pricebook, today);
//! // choices.current, then choices.older under "Older and retired"
//! ```

use crate::money::date::CalendarDate;
use crate::pricebook::{Pricebook, Status};

/// `(value, label)` pairs in two groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelChoices {
    pub current: Vec<(String, String)>,
    /// Shown under "Older and retired".
    pub older: Vec<(String, String)>,
}

/// The label of the older group.
pub const OLDER: &str = "Older and retired";

/// Every model of every provider, labelled "Provider — Model" with its
/// status; a relay's model lives and retires with its upstream model.
pub fn model_choices(book: &Pricebook, today: CalendarDate) -> ModelChoices {
    let mut out = ModelChoices::default();
    for p in &book.providers {
        for m in &p.models {
            let life = book
                .resolve(&book.identity(p, m))
                .map_or(&m.lifecycle, |(_, up)| &up.lifecycle);
            let status = match life.status(today) {
                Status::Current if life.unlisted => " (unlisted)",
                Status::Current if life.successor.is_some() => " (superseded)",
                Status::Current => "",
                Status::Deprecated => " (deprecated)",
                Status::Retired => " (retired)",
            };
            let choice = (
                format!("{}/{}", p.id, m.id),
                format!("{} — {}{status}", p.name, m.name),
            );
            if life.is_older(today) {
                out.older.push(choice);
            } else {
                out.current.push(choice);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricebook::fixtures::shipped_book;

    #[test]
    fn older_models_are_apart_and_every_model_is_offered_once() {
        let book = shipped_book();
        let today = CalendarDate::new(2026, 12, 3).unwrap();
        let c = model_choices(&book, today);
        let all: usize = book.providers.iter().map(|p| p.models.len()).sum();
        assert_eq!(c.current.len() + c.older.len(), all);
        // Retired on 2026-07-24; no longer listed; current.
        let find = |list: &[(String, String)], v: &str| list.iter().any(|(x, _)| x == v);
        assert!(find(&c.older, "deepseek/deepseek-chat"));
        assert!(find(&c.older, "anthropic/claude-2"));
        assert!(find(&c.current, "anthropic/claude-haiku-4-5"));
        assert!(c.older.iter().any(|(_, l)| l.ends_with("(retired)")));
        assert!(c.current.iter().all(|(_, l)| !l.contains("(retired)")));
    }
}
