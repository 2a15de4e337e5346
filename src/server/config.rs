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

    /// The public origin for absolute links (report links, OpenGraph tags,
    /// oEmbed, iframe snippets), e.g. https://llm-roi.example.com. Without
    /// it, links use http:// and the request's Host header.
    #[arg(long, env = "LLM_ROI_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Origins whose pages may frame /embed, separated by spaces or commas,
    /// e.g. https://wiki.example.com. The site itself always may; every other
    /// route cannot be framed.
    #[arg(long, env = "LLM_ROI_EMBED_ORIGINS", default_value = "'self'")]
    pub embed_origins: String,

    /// Directory of earlier pricebooks, so that old links can list which of
    /// their prices changed (default: <pricing-dir>/history).
    #[arg(long, env = "LLM_ROI_PRICEBOOK_HISTORY", global = true)]
    pub pricebook_history: Option<PathBuf>,

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
    /// Add the current pricebook to the history (<pricing-dir>/history, or
    /// --pricebook-history) if it is not there yet.
    Archive,
}

impl Cli {
    /// The pricebook history directory.
    pub fn history_dir(&self) -> PathBuf {
        self.pricebook_history
            .clone()
            .unwrap_or_else(|| self.pricing_dir.join("history"))
    }
}
