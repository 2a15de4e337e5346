//! The endpoint probe: measures a relay's latency overhead against its
//! upstream, from this server.

pub mod guard;
pub mod measure;
pub mod timed_io;
pub mod tls;
