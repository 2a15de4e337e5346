//! The llm-roi server binary: `llm-roi [serve]` or `llm-roi check [DIR]`.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use clap::Parser;
    use llm_roi::server::config::{Cli, Command};
    use llm_roi::server::{history, pricing_dir::load_dir, router, startup, state};
    use std::process::ExitCode;

    let cli = Cli::parse();
    if let Some(Command::Check { dir }) = &cli.command {
        let dir = dir.as_ref().unwrap_or(&cli.pricing_dir);
        return match load_dir(dir) {
            Ok(book) => {
                let models: usize = book.providers.iter().map(|p| p.models.len()).sum();
                println!(
                    "{}: OK: {} providers, {models} models, {} exchange rates",
                    dir.display(),
                    book.providers.len(),
                    book.fx.rates.len()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {e}", dir.display());
                ExitCode::FAILURE
            }
        };
    }

    if let Some(Command::Archive) = &cli.command {
        let dir = cli.history_dir();
        let result = load_dir(&cli.pricing_dir)
            .map_err(|e| format!("{}: {e}", cli.pricing_dir.display()))
            .and_then(|b| history::record(&dir, &b).map_err(|e| e.to_string()));
        return match result {
            Ok(true) => {
                println!("{}: added the current pricebook", dir.display());
                ExitCode::SUCCESS
            }
            Ok(false) => {
                println!("{}: already has the current pricebook", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("llm-roi archive: {e}");
                ExitCode::FAILURE
            }
        };
    }

    if let Some(Command::Prices { action }) = &cli.command {
        return llm_roi::server::startup::run_prices(&cli, action);
    }
    if let Some(Command::Fx { action }) = &cli.command {
        return llm_roi::server::startup::run_fx(&cli, action);
    }

    let (book, site) = match startup::load_book(&cli).and_then(|b| Ok((b, startup::site(&cli)?))) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("llm-roi refuses to start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let targets = match &cli.probe_targets {
        Some(path) => match llm_roi::server::probe::targets::load(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("llm-roi refuses to start: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => Default::default(),
    };
    let probe = match llm_roi::server::probe::build_service(
        book.pricebook.clone(),
        targets,
        Default::default(),
    ) {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("llm-roi: the endpoint probe is off: {e}");
            None
        }
    };
    let leptos_options = leptos::prelude::LeptosOptions::builder()
        .output_name("llm-roi")
        .site_root(cli.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(cli.addr)
        .build();
    let book = book.with_today(cli.today);
    let app = router::build(state::AppState {
        leptos_options,
        book: book.clone(),
        site,
        probe,
    });
    let listener = match tokio::net::TcpListener::bind(cli.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "llm-roi cannot listen on {}: {e}; pass --addr or set LEPTOS_SITE_ADDR",
                cli.addr
            );
            return ExitCode::FAILURE;
        }
    };
    println!(
        "llm-roi: pricebook {} ({} providers) from {}; {} pricebook(s) in the history",
        book.fingerprint,
        book.pricebook.providers.len(),
        cli.pricing_dir.display(),
        book.history.len()
    );
    println!("llm-roi: listening on http://{}", cli.addr);
    if let Err(e) = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .await
    {
        eprintln!("llm-roi: server error: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The client entry point is `hydrate()` in lib.rs.
}
