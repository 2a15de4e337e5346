//! Builds the app's router in-process over a pricing directory.
// Each test file uses only some of these helpers.
#![allow(dead_code)]
// Test helpers: a failed unwrap here is the calling test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use llm_roi::server::site::Site;
use llm_roi::server::{history, pricing_dir::load_dir, router, state};
use tower::ServiceExt;

/// The pricing tables the tests run over: the pricebook of 2026-11-24,
/// frozen, so that hand-computed figures hold whatever `pricing/` says now.
pub const PRICING: &str = "tests/fixtures/pricebook-2026-11-24";

/// The day the tests take as today.
pub fn today() -> llm_roi::domain::money::date::CalendarDate {
    llm_roi::domain::money::date::CalendarDate::new(2026, 11, 24).unwrap()
}

/// The router over the pricing tables in `dir`.
pub fn app_with(dir: &std::path::Path) -> axum::Router {
    app_for(dir, Site::default())
}

/// The router over the pricing tables in `dir` (and the history in
/// `dir/history`), with these site settings.
pub fn app_for(dir: &std::path::Path, site: Site) -> axum::Router {
    app_on(dir, site, today())
}

/// GETs `uri` from the app over `dir`, taking `day` as today.
pub async fn get_on(
    dir: &std::path::Path,
    day: llm_roi::domain::money::date::CalendarDate,
    uri: &str,
) -> (StatusCode, String) {
    let (parts, body) = send_to(
        || app_on(dir, Site::default(), day),
        Request::get(uri).body(Body::empty()).unwrap(),
    )
    .await;
    (parts.status, body)
}

/// The router over `dir` with these site settings, taking `day` as today.
pub fn app_on(
    dir: &std::path::Path,
    site: Site,
    day: llm_roi::domain::money::date::CalendarDate,
) -> axum::Router {
    let book = match load_dir(dir) {
        Ok(b) => b,
        Err(e) => panic!("pricing fails: {e}"),
    };
    let (past, problems) = history::load(&dir.join("history"));
    assert!(problems.is_empty(), "{problems:?}");
    let leptos_options = leptos::prelude::LeptosOptions::builder()
        .output_name("llm-roi")
        .site_root("target/site")
        .build();
    router::build(state::AppState {
        leptos_options,
        book: state::LoadedBook::with_history(book, past).with_today(Some(day)),
        site,
        probe: None,
    })
}

/// GETs `uri`, returning the status, the content type and the body text.
pub async fn get(uri: &str) -> (StatusCode, String, String) {
    get_with(std::path::Path::new(PRICING), uri).await
}

/// GETs `uri` from the app over the pricing tables in `dir`.
pub async fn get_with(dir: &std::path::Path, uri: &str) -> (StatusCode, String, String) {
    let (parts, body) = send_to(
        || app_with(dir),
        Request::get(uri).body(Body::empty()).unwrap(),
    )
    .await;
    let ctype = parts
        .headers
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_string())
        .unwrap_or_default();
    (parts.status, ctype, body)
}

pub async fn get_json(uri: &str) -> (StatusCode, serde_json::Value) {
    let (status, ctype, body) = get(uri).await;
    assert!(
        ctype.starts_with("application/json"),
        "{uri}: {ctype}: {body}"
    );
    (status, serde_json::from_str(&body).unwrap())
}

/// Sends `req` to the app over `pricing/`; returns the whole response with
/// its body as text.
pub async fn send(req: Request<Body>) -> (axum::http::response::Parts, String) {
    send_to(|| app_with(std::path::Path::new(PRICING)), req).await
}

/// One in-process app at a time per test binary.
///
/// The server builds its router once and renders on one runtime. Tests build
/// a router per request (Leptos renders the app to list its routes) on
/// parallel per-test runtimes, and an overlap of those occasionally left a
/// render pending forever (about 1 run in 10 of `tests/pages.rs` hung;
/// never with `--test-threads=1`, and never in 6,000 concurrent requests to
/// the release server). Building and answering under one lock removes the
/// overlap; tests still run in parallel around it.
static ONE_APP_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Builds an app with `make` and sends it `req`; returns the whole response
/// with its body as text.
pub async fn send_to(
    make: impl FnOnce() -> axum::Router,
    req: Request<Body>,
) -> (axum::http::response::Parts, String) {
    let _one = ONE_APP_AT_A_TIME.lock().await;
    let res = make().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts, String::from_utf8_lossy(&bytes).into_owned())
}

/// A scratch copy of the test pricing tables and their `history/`, to edit in a test.
pub fn copy_pricing(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("llm-roi-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("history")).unwrap();
    for (from, to) in [
        (PRICING.to_string(), dir.clone()),
        (format!("{PRICING}/history"), dir.join("history")),
    ] {
        for entry in std::fs::read_dir(from).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

/// The option `provider/model` of an estimate's JSON.
pub fn option<'a>(body: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    body["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| {
            format!(
                "{}/{}",
                o["option"]["provider"].as_str().unwrap(),
                o["option"]["model"].as_str().unwrap()
            ) == id
        })
        .unwrap_or_else(|| panic!("{id} missing"))
}
