//! Browser-side helpers. What needs the browser (the clipboard, printing,
//! `EventSource`) has an inert server version, so pages compile for both.
//!
//! - [`browser`]: copy to the clipboard, the page's origin, print;
//! - [`debounced`]: a signal that follows another once it is still;
//! - [`pricebook`]: the pricebook asset, fetched before the islands hydrate;
//! - [`probe_events`]: a probe run's server-sent events;
//! - [`query`]: the page's URL query as pairs, and back;
//! - [`upload`]: a picked or dropped file sent to the server, with progress.

pub mod browser;
pub mod debounced;
pub mod pricebook;
pub mod probe_events;
pub mod query;
pub mod upload;
