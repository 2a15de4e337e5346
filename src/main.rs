//! The llm-roi binary: `llm-roi [serve]`, `check [DIR]`, `archive`,
//! `prices import|diff`, `fx import`. See `llm_roi::server::commands`.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use clap::Parser;
    llm_roi::server::commands::run(llm_roi::server::config::Cli::parse()).await
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The client entry point is `hydrate()` in lib.rs.
}
