//! Layer 7: one link's report. Everything a page, embed or export needs,
//! computed once ([`evaluation`]); whether the link's prices have changed since
//! it was made ([`drift`]); the prices it used ([`prices_used`]); the embed
//! view's parts ([`embed`]) and the CSV export's table ([`csv_table`]).

pub mod csv_table;
pub mod drift;
pub mod embed;
pub mod evaluation;
pub mod prices_used;

pub use evaluation::Evaluation;
