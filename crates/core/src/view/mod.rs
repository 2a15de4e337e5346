//! Layer 6: the figures as text. Rounding for display, once ([`display`]),
//! the options table ([`option_rows`]), the forecast's tables
//! ([`forecast_rows`]), the one-line summary ([`summary`]) and the headline
//! figures around it ([`headline`]), the form's folded groups ([`form_groups`]), the assumptions
//! in words ([`assumptions`]), what each chart says ([`chart_text`]), a
//! workload mix's classes ([`workload_rows`]) and the default options left
//! out as dearer ([`dearer_note`]).

pub mod assumptions;
pub mod chart_text;
pub mod dearer_note;
pub mod display;
pub mod fit_rows;
pub mod forecast_rows;
pub mod form_groups;
pub mod headline;
pub mod model_choices;
pub mod option_rows;
pub mod summary;
pub mod unpriced;
pub mod workload_rows;

pub use chart_text::ChartKind;
