//! Command-line flags, each with an environment-variable equivalent.

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// llm-roi: exact cost, savings and ROI of moving LLM API traffic to another
/// provider or relay.
#[derive(Debug, Parser)]
#[command(name = "llm-roi", version, about)]
pub struct Cli {
    /// Directory of the pricing tables (`*.toml` and `fx.toml`).
    #[arg(
        long,
        env = "LLM_ROI_PRICING_DIR",
        default_value = "pricing",
        global = true
    )]
    pub pricing_dir: PathBuf,

    /// Address to listen on. `LEPTOS_SITE_ADDR`, as set by cargo-leptos, works too.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Probe-targets file: base-URL overrides, extra TLS roots, pair cap and
    /// whether user-typed targets may be probed.
    #[arg(long, env = "LLM_ROI_PROBE_TARGETS")]
    pub probe_targets: Option<PathBuf>,

    /// Directory of the built site (wasm, JS, CSS and public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the calculator (the default).
    Serve,
    /// Validate the pricing tables without serving; exits non-zero on any problem.
    Check {
        /// The directory to check (default: --pricing-dir).
        dir: Option<PathBuf>,
    },
}
