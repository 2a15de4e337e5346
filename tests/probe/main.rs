//! The relay probe against local mocks (nothing leaves 127.0.0.1): its
//! measurements, its HTTP API and its use of keys. One test binary.
#![cfg(feature = "ssr")]
#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is the test failing"
)]

mod support;

mod bounds;
mod history;
mod honesty;
mod keys;
mod measure;
mod runs;
mod store;
