//! Pages: one per route, rendered on the server only. They read the query
//! and the server's state and render static HTML around the islands
//! ([`crate::islands`]), which are all that hydrates.

pub mod calculator;
pub mod embed;
pub mod probe;
pub mod report;
pub mod with_pricebook;
