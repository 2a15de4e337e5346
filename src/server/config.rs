//! Command-line flags, each with an environment-variable equivalent.

use clap::builder::TypedValueParser as _;
use clap::{Parser, Subcommand};
use llm_roi_core::money::date::CalendarDate;
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

    /// Address to listen on. `LEPTOS_SITE_ADDR` works too.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Probe-targets file: base-URL overrides, extra TLS roots, pair cap and
    /// whether user-typed targets may be probed.
    #[arg(long, env = "LLM_ROI_PROBE_TARGETS")]
    pub probe_targets: Option<PathBuf>,

    /// Directory of the probe history's SQLite database (created if missing).
    #[arg(long, env = "LLM_ROI_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Keep the probe history in PostgreSQL instead of SQLite, e.g.
    /// postgres://llm_roi@db.internal/llm_roi, so that several servers
    /// share one history.
    #[arg(long, env = "LLM_ROI_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Days of probe history kept; older runs are pruned every hour.
    #[arg(long, env = "LLM_ROI_RETENTION_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub retention_days: u32,

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

    /// Megabytes of rendered reports, embeds, charts, CSV and JSON kept in
    /// memory for repeated links (0 turns the cache off).
    #[arg(long, env = "LLM_ROI_RENDER_CACHE_MB", default_value_t = crate::server::render_cache::DEFAULT_MB)]
    pub render_cache_mb: u64,

    /// Usage logs read at once by `POST /api/v1/workloads`; more wait up
    /// to 5 s, then get 503.
    #[arg(long, env = "LLM_ROI_MAX_UPLOADS", default_value_t = crate::server::upload_gate::DEFAULT_MAX_UPLOADS, value_parser = clap::value_parser!(u16).range(1..=64).map(usize::from))]
    pub max_uploads: usize,

    /// Seconds a usage log's upload may take to be read, from when a reader
    /// takes it (after waiting for one of `--max-uploads`).
    #[arg(long, env = "LLM_ROI_UPLOAD_TIMEOUT", default_value_t = crate::server::upload_gate::DEFAULT_UPLOAD_TIMEOUT_S, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub upload_timeout: u64,

    /// Connections served at once; past them new ones wait in the
    /// listener's backlog.
    #[arg(long, env = "LLM_ROI_MAX_CONNECTIONS", default_value_t = crate::server::serve::DEFAULT_MAX_CONNECTIONS, value_parser = clap::value_parser!(u32).range(16..=65_536).map(|n| n as usize))]
    pub max_connections: usize,

    /// Seconds a client has to send a request's headers before its
    /// connection is closed.
    #[arg(long, env = "LLM_ROI_HEADER_TIMEOUT", default_value_t = crate::server::serve::DEFAULT_HEADER_TIMEOUT_S, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub header_timeout: u64,

    /// Seconds a request may take before its answer starts (503 past
    /// them); usage uploads and the honesty check keep their own deadlines.
    #[arg(long, env = "LLM_ROI_REQUEST_TIMEOUT", default_value_t = crate::server::request_guard::DEFAULT_REQUEST_TIMEOUT_S, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,

    /// Where the probe's measurements are said to be taken from (e.g.
    /// "eu-west office"); without it none is shown. The host name is never
    /// published.
    #[arg(long, env = "LLM_ROI_PROBE_ORIGIN_LABEL")]
    pub probe_origin_label: Option<String>,

    /// Proxies (addresses or CIDR ranges, separated by commas) whose
    /// `X-Forwarded-For` names the client for the per-client rate limit;
    /// from any other peer the header is ignored.
    #[arg(long, env = "LLM_ROI_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,

    /// The operator token: what spends the server's API keys (authenticated
    /// probe runs, the honesty check) needs it as `Authorization: Bearer`.
    /// Without it, only a server on loopback lets its callers spend.
    #[arg(long, env = "LLM_ROI_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,

    /// Directory of the built site (wasm, JS, CSS and public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Take this date as today (YYYY-MM-DD) instead of the system's UTC date:
    /// for stale checks, model retirements and the import date.
    #[arg(long, env = "LLM_ROI_TODAY", global = true, value_parser = parse_date)]
    pub today: Option<CalendarDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_date(s: &str) -> Result<CalendarDate, String> {
    s.parse()
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the calculator (the default).
    Serve,
    /// Write brotli (.br) and gzip (.gz) copies of the built site's
    /// compressible files (--site-root), for the server to send as they are.
    CompressAssets,
    /// Validate the pricing tables without serving; exits non-zero on any problem.
    Check {
        /// The directory to check (default: --pricing-dir).
        dir: Option<PathBuf>,
    },
    /// Add the current pricebook to the history (<pricing-dir>/history, or
    /// --pricebook-history) if it is not there yet.
    Archive,
    /// Import prices from a public price database, or compare with one.
    Prices {
        #[command(subcommand)]
        action: PricesCommand,
    },
    /// Exchange rates.
    Fx {
        #[command(subcommand)]
        action: FxCommand,
    },
    /// Price a usage log exactly on every route (README, "Usage logs").
    Estimate {
        /// A usage log, in any format of docs/usage-logs.md.
        #[arg(long = "usage", value_name = "FILE")]
        usage: PathBuf,
        /// Only these routes (provider ids; repeatable; default: every
        /// relay serving one of the log's models), beside the log as sent.
        #[arg(long = "route", value_name = "ID")]
        routes: Vec<String>,
        /// The pricing tables to use (default: --pricing-dir).
        #[arg(long = "pricing", value_name = "DIR")]
        pricing: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: crate::server::usage_estimate::OutputFormat,
        /// Print the change in monthly cost from the pricing tables in
        /// OLD_DIR to today's, route by route.
        #[arg(long = "compare-pricing", value_name = "OLD_DIR")]
        compare_pricing: Option<PathBuf>,
        /// With --compare-pricing: exit 1 when a route's monthly cost rises
        /// by more than PCT percent (any route printed: the log as sent and
        /// the relays, or the --route ones).
        #[arg(long = "fail-above", value_name = "PCT")]
        fail_above: Option<rust_decimal::Decimal>,
        /// A TOML file of `"log name" = "model"` lines: price a fine-tune or
        /// a deployment name as the model it bills as.
        #[arg(long = "model-map", value_name = "FILE")]
        model_map: Option<PathBuf>,
    },
    /// Hold a usage log's billed amounts against llm-roi's exact prices,
    /// per model and per day, with the likely causes (docs/reconcile.md).
    Reconcile {
        /// A usage log whose rows carry what they were billed.
        #[arg(long = "usage", value_name = "FILE")]
        usage: PathBuf,
        /// The pricing tables to use (default: --pricing-dir).
        #[arg(long = "pricing", value_name = "DIR")]
        pricing: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: crate::server::usage_estimate::OutputFormat,
        /// A TOML file of `"log name" = "model"` lines.
        #[arg(long = "model-map", value_name = "FILE")]
        model_map: Option<PathBuf>,
        /// A cost export as the billed side: OpenAI's Costs API pages or
        /// Anthropic's cost report (the rows' own amounts are then unused).
        #[arg(long = "costs", value_name = "FILE")]
        costs: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PricesCommand {
    /// Write or update pricing/<provider>.toml for the official providers
    /// from a database file; hand-written content is kept.
    Import {
        /// `genai-prices` (its JSON data) or `litellm` (its price file).
        #[arg(long = "from", value_name = "DATABASE")]
        from: String,
        /// The database file.
        file: PathBuf,
        /// Only these providers (repeatable; default: every official provider we ship).
        #[arg(long = "provider", value_name = "ID")]
        providers: Vec<String>,
        /// Also add this database model, e.g. anthropic/claude-haiku-5-5 (repeatable).
        #[arg(long = "add", value_name = "PROVIDER/MODEL")]
        add: Vec<String>,
        /// Also add every text model the database lists for the providers
        /// that the pricebook lacks (by id or alias).
        #[arg(long = "add-all")]
        add_all: bool,
        /// A LiteLLM price file to take retirement dates and successors from.
        #[arg(long, value_name = "FILE")]
        lifecycle: Option<PathBuf>,
    },
    /// Print every price where our tables and a database disagree; exit 1 if
    /// one does or a shipped model is retired, else 0.
    Diff {
        /// `genai-prices` or `litellm`.
        #[arg(long = "against", value_name = "DATABASE")]
        against: String,
        /// The database file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum FxCommand {
    /// Write pricing/fx.toml from the ECB's euro reference rates (CSV or XML).
    Import {
        /// eurofxref.csv, eurofxref.zip's CSV, or eurofxref-daily.xml.
        file: PathBuf,
    },
}

impl Cli {
    /// The pricebook history directory.
    pub fn history_dir(&self) -> PathBuf {
        self.pricebook_history
            .clone()
            .unwrap_or_else(|| self.pricing_dir.join("history"))
    }
}
