//! Builds the app's router in-process over a pricing directory.
// Each test file uses only some of these helpers.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use llm_roi::server::site::Site;
use llm_roi::server::{history, pricing_dir::load_dir, router, state};
use tower::ServiceExt;

/// The router over the pricing tables in `dir`.
pub fn app_with(dir: &std::path::Path) -> axum::Router {
    app_for(dir, Site::default())
}

/// The router over the pricing tables in `dir` (and the history in
/// `dir/history`), with these site settings.
pub fn app_for(dir: &std::path::Path, site: Site) -> axum::Router {
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
        book: state::LoadedBook::with_history(book, past),
        site,
        probe: None,
    })
}

/// GETs `uri`, returning the status, the content type and the body text.
pub async fn get(uri: &str) -> (StatusCode, String, String) {
    get_with(std::path::Path::new("pricing"), uri).await
}

/// GETs `uri` from the app over the pricing tables in `dir`.
pub async fn get_with(dir: &std::path::Path, uri: &str) -> (StatusCode, String, String) {
    let res = app_with(dir)
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_string())
        .unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, ctype, String::from_utf8_lossy(&bytes).into_owned())
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
    send_to(app_with(std::path::Path::new("pricing")), req).await
}

/// Sends `req` to `app`; returns the whole response with its body as text.
pub async fn send_to(
    app: axum::Router,
    req: Request<Body>,
) -> (axum::http::response::Parts, String) {
    let res = app.oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts, String::from_utf8_lossy(&bytes).into_owned())
}

/// A scratch copy of `pricing/` and its `history/`, to edit in a test.
pub fn copy_pricing(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("llm-roi-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("history")).unwrap();
    for (from, to) in [
        ("pricing", dir.clone()),
        ("pricing/history", dir.join("history")),
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
