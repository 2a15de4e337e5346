//! The relay probe against local mocks (nothing leaves 127.0.0.1): its
//! measurements, its HTTP API, its stored history and its use of keys.

mod support;

mod audit;
mod bounds;
mod guard;
mod history;
mod honesty;
mod instances;
mod keys;
mod measure;
mod operator;
mod parts;
mod pg_cluster;
mod runs;
mod store;
mod store_down;
