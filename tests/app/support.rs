//! The app's router in-process over a pricing directory, and requests to it.
//!
//! [`app`] is built once for the whole binary, as the server builds it once;
//! a test that needs other pricing tables, settings or another day builds its
//! own with [`app_on`].

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use llm_roi::server::site::Site;
use llm_roi::server::{history, router, startup, state};
use llm_roi_prices::pricing_dir::load_dir;
use std::sync::OnceLock;
use tower::ServiceExt;

/// The pricing tables the tests run over: the pricebook of 2026-11-24,
/// frozen, so that hand-computed figures hold whatever `pricing/` says now.
pub const PRICING: &str = "tests/fixtures/pricebook-2026-11-24";

/// The address the options name; in-process tests listen nowhere.
const ADDR: std::net::SocketAddr = std::net::SocketAddr::V4(std::net::SocketAddrV4::new(
    std::net::Ipv4Addr::LOCALHOST,
    3000,
));

/// The router over [`PRICING`] with the default settings, built once.
pub fn app() -> axum::Router {
    static APP: OnceLock<axum::Router> = OnceLock::new();
    APP.get_or_init(|| app_with(std::path::Path::new(PRICING)))
        .clone()
}

/// The day the tests take as today.
pub fn today() -> llm_roi_core::money::date::CalendarDate {
    llm_roi_core::money::date::CalendarDate::new(2026, 11, 24).unwrap()
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
    day: llm_roi_core::money::date::CalendarDate,
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
    day: llm_roi_core::money::date::CalendarDate,
) -> axum::Router {
    let book = match load_dir(dir) {
        Ok(b) => b,
        Err(e) => panic!("pricing fails: {e}"),
    };
    let (past, problems) = history::load(&dir.join("history"));
    assert!(problems.is_empty(), "{problems:?}");
    router::build(state::AppState {
        leptos_options: startup::leptos_options("target/site", ADDR),
        book: state::LoadedBook::with_history(book, past).with_today(Some(day)),
        site,
        probe: None,
    })
}

/// GETs `uri`, returning the status, the content type and the body text.
pub async fn get(uri: &str) -> (StatusCode, String, String) {
    let (parts, body) = send(Request::get(uri).body(Body::empty()).unwrap()).await;
    (parts.status, content_type(&parts), body)
}

/// GETs `uri` from the app over the pricing tables in `dir`.
pub async fn get_with(dir: &std::path::Path, uri: &str) -> (StatusCode, String, String) {
    let (parts, body) = send_to(
        || app_with(dir),
        Request::get(uri).body(Body::empty()).unwrap(),
    )
    .await;
    (parts.status, content_type(&parts), body)
}

fn content_type(parts: &axum::http::response::Parts) -> String {
    parts
        .headers
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

pub async fn get_json(uri: &str) -> (StatusCode, serde_json::Value) {
    let (status, ctype, body) = get(uri).await;
    assert!(
        ctype.starts_with("application/json"),
        "{uri}: {ctype}: {body}"
    );
    (status, serde_json::from_str(&body).unwrap())
}

/// Sends `req` to the shared [`app`]; returns the whole response with its
/// body as text.
pub async fn send(req: Request<Body>) -> (axum::http::response::Parts, String) {
    send_to(app, req).await
}

/// Builds an app with `make` and sends it `req`; returns the whole response
/// with its body as text.
pub async fn send_to(
    make: impl FnOnce() -> axum::Router,
    req: Request<Body>,
) -> (axum::http::response::Parts, String) {
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
