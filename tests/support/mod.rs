//! Builds the app's router in-process over the shipped `pricing/`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use llm_roi::server::{pricing_dir::load_dir, router, state};
use tower::ServiceExt;

pub fn app() -> axum::Router {
    let book = match load_dir(std::path::Path::new("pricing")) {
        Ok(b) => b,
        Err(e) => panic!("shipped pricing fails: {e}"),
    };
    let leptos_options = leptos::prelude::LeptosOptions::builder()
        .output_name("llm-roi")
        .site_root("target/site")
        .build();
    router::build(state::AppState {
        leptos_options,
        book: state::LoadedBook::new(book),
    })
}

/// GETs `uri`, returning the status, the content type and the body text.
pub async fn get(uri: &str) -> (StatusCode, String, String) {
    let res = app()
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

#[allow(dead_code)] // not every test file uses it
pub async fn get_json(uri: &str) -> (StatusCode, serde_json::Value) {
    let (status, ctype, body) = get(uri).await;
    assert!(
        ctype.starts_with("application/json"),
        "{uri}: {ctype}: {body}"
    );
    (status, serde_json::from_str(&body).unwrap())
}
