//! Serving: load the pricebook and its history, read the site and probe
//! settings, build the router once and listen. Each failure is a
//! [`StartupError`] that tells the person starting the server what to fix.

use super::client_ip::TrustedProxies;
use super::config::Cli;
use super::history;
use super::operator::Operator;
use super::site::{parse_embed_origins, parse_public_url, Site, SiteError};
use super::state::{AppState, LoadedBook};
use super::upload_gate::Uploads;
use leptos::prelude::LeptosOptions;
use llm_roi_core::pricebook::PricebookErrors;
use llm_roi_prices::pricing_dir::load_dir;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("{}: {source}", .dir.display())]
    Pricing {
        dir: PathBuf,
        source: PricebookErrors,
    },
    #[error("{0}")]
    Site(#[from] SiteError),
    #[error("--probe-targets: {0}")]
    ProbeTargets(#[from] llm_roi_probe::targets::TargetsError),
    #[error("--probe-targets: {0}")]
    Schedule(String),
    #[error("{0}")]
    Store(#[from] llm_roi_probe::store::StoreError),
    #[error("cannot listen on {addr}: {source}; pass --addr or set LEPTOS_SITE_ADDR")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

/// The Leptos options of the app: its bundle's name and where it is served from.
pub fn leptos_options(site_root: &str, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("llm-roi")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        // The release build (scripts/build.sh) hashes the bundle's names
        // and says so at compile time; the names are then read from
        // `hash.txt` beside the binary. Other builds (cargo test) use the
        // plain names.
        .hash_files(option_env!("LEPTOS_HASH_FILES") == Some("true"))
        .build()
}

/// Loads `--pricing-dir` and the history, adding the current pricebook to
/// the history directory when it is missing. Unusable history files and an
/// unwritable directory are warnings (old links then cannot list changes).
pub fn load_book(cli: &Cli) -> Result<LoadedBook, StartupError> {
    let book = load_dir(&cli.pricing_dir).map_err(|source| StartupError::Pricing {
        dir: cli.pricing_dir.clone(),
        source,
    })?;
    let dir = cli.history_dir();
    let (mut past, problems) = history::load(&dir);
    for p in problems {
        tracing::warn!(problem = %p, "pricebook history: file skipped");
    }
    match history::record(&dir, &book) {
        Ok(true) => tracing::info!(
            dir = %dir.display(),
            "added the current pricebook to the history; commit it with the price change"
        ),
        Ok(false) => {}
        Err(e) => tracing::warn!(
            error = %e,
            "pricebook history not written; links made now will not be able to list which prices change later"
        ),
    }
    past.insert(book.clone());
    Ok(LoadedBook::with_history(book, past).with_today(cli.today))
}

/// The public origin and framing policy from the flags.
pub fn site(cli: &Cli) -> Result<Site, SiteError> {
    let public_url = cli
        .public_url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
        .map(parse_public_url)
        .transpose()?;
    Ok(Site {
        public_url,
        embed_origins: parse_embed_origins(&cli.embed_origins)?,
        fallback_origin: format!("http://{}", cli.addr),
        render_cache_mb: cli.render_cache_mb,
        trusted_proxies: TrustedProxies::parse(&cli.trusted_proxies)?,
    })
}

/// Everything the router serves, from the flags. A probe that cannot be
/// built (no DNS resolver, bad TLS roots) is off, with a warning.
pub fn app_state(cli: &Cli) -> Result<AppState, StartupError> {
    let book = load_book(cli)?;
    let site = site(cli)?;
    let targets = match &cli.probe_targets {
        Some(path) => llm_roi_probe::targets::load(path)?,
        None => Default::default(),
    };
    let probe =
        match llm_roi_probe::build_service(book.pricebook.clone(), targets, Default::default()) {
            Ok(p) => Some(p),
            Err(e) => {
                tracing::warn!(error = %e, "the endpoint probe is off");
                None
            }
        };
    if let Some(p) = &probe {
        p.check_schedules().map_err(StartupError::Schedule)?;
        if let Some(label) = &cli.probe_origin_label {
            p.set_origin_label(label);
        }
    }
    Ok(AppState::from(super::state::AppParts {
        leptos_options: leptos_options(&cli.site_root, cli.addr),
        book,
        site,
        probe,
        uploads: Uploads::new(
            cli.max_uploads,
            std::time::Duration::from_secs(cli.upload_timeout),
        ),
        request_timeout: std::time::Duration::from_secs(cli.request_timeout),
        operator: Operator::new(cli.admin_token.as_deref(), cli.addr),
    }))
}

/// `llm-roi [serve]`: builds the router once and serves it until stopped.
pub async fn serve(cli: &Cli) -> Result<(), StartupError> {
    let state = app_state(cli)?;
    if let Some(p) = &state.probe {
        let source = super::store_opener::StoreSource {
            database_url: cli.database_url.clone(),
            data_dir: cli.data_dir.clone(),
            retention: std::time::Duration::from_secs(u64::from(cli.retention_days) * 86_400),
        };
        if let Some(url) = source
            .database_url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
        {
            llm_roi_probe::store::ProbeStore::check_url(url)?;
        }
        p.expect_store();
        tokio::spawn(super::store_opener::keep_open(p.clone(), source));
        let schedules = p.spawn_schedules();
        if !schedules.is_empty() {
            tracing::info!(schedules = schedules.len(), "probe schedules running");
        }
    }
    let book = state.book.clone();
    // The pricebook's asset is made before the first page asks for it.
    let for_asset = book.clone();
    match tokio::task::spawn_blocking(move || for_asset.asset()).await {
        Ok(Ok(asset)) => tracing::info!(asset = ?asset, "pricebook asset ready"),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "pricebook asset not made; /api/v1/pricebook/ answers 500")
        }
        Err(e) => tracing::error!(error = %e, "pricebook asset task failed"),
    }
    let operator_mode = state.operator.mode();
    let app = super::router::build(state);
    let listener = tokio::net::TcpListener::bind(cli.addr)
        .await
        .map_err(|source| StartupError::Listen {
            addr: cli.addr,
            source,
        })?;
    tracing::info!(
        fingerprint = %book.fingerprint,
        providers = book.pricebook.providers.len(),
        dir = %cli.pricing_dir.display(),
        history = book.history.len(),
        "pricebook loaded"
    );
    tracing::info!(addr = %cli.addr, "listening on http://{}", cli.addr);
    tracing::info!(mode = operator_mode, "operator");
    let limits = super::serve::ServeLimits {
        max_connections: cli.max_connections,
        header_timeout: std::time::Duration::from_secs(cli.header_timeout),
    };
    super::serve::serve(listener, app, limits)
        .await
        .map_err(StartupError::Serve)
}
