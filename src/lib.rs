//! llm-roi: where should a company's LLM API traffic go?
//!
//! - [`domain`]: the plain-Rust core (pricebook, cost engine, scenario codec).
//! - [`app`]: the Leptos application, rendered on the server and hydrated.
//! - `server` (feature `ssr`): configuration, the JSON API and the router.

pub mod app;
pub mod domain;
