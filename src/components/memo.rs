//! A derived value computed once per change of its inputs, however many
//! views read it, and only passed on when it differs. `Signal::derive`
//! recomputes for every reader on every change: with a select of 50
//! options, each reading the value in use, that is 50 recomputations.
//!
//! Usage:
//!
//! ```ignore
//! let table = memo(move || estimate.with(rows));
//! view! { <ResultsTable rows=table currency/> }
//! ```

use leptos::prelude::*;

/// `f`'s value as a memoised signal.
pub fn memo<T>(f: impl Fn() -> T + Send + Sync + 'static) -> Signal<T>
where
    T: PartialEq + Clone + Send + Sync + 'static,
{
    Memo::new(move |_| f()).into()
}
