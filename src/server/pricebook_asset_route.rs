//! `GET /api/v1/pricebook/{fingerprint}.json`: sends the loaded pricebook's
//! asset (`pricebook_asset`), brotli to clients that take it, cached for a
//! year; any other fingerprint is 404, naming the current address.

use super::accept_encoding::Coding;
use super::pricebook_asset::asset_path;
use super::state::{AppState, LoadedBook};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

fn not_found(book: &LoadedBook) -> Response {
    let body = serde_json::json!({
        "error": "no pricebook with that fingerprint here",
        "current": asset_path(&book.fingerprint),
    });
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

/// The handler. Any other fingerprint than the loaded one is 404, naming
/// the current address.
pub async fn serve(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let book = state.book.clone();
    if file.strip_suffix(".json") != Some(&*book.fingerprint) {
        return not_found(&book);
    }
    // Made at start-up; a request that comes first makes it off the runtime.
    let made = match book.asset_made() {
        Some(made) => made,
        None => tokio::task::spawn_blocking(move || book.asset())
            .await
            .unwrap_or_else(|e| Err(format!("the task failed: {e}"))),
    };
    let asset = match made {
        Ok(asset) => asset,
        Err(e) => {
            tracing::error!(error = %e, "the pricebook asset could not be made");
            let body = serde_json::json!({ "error": "the pricebook could not be served" });
            return (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response();
        }
    };
    let brotli = super::accept_encoding::accepts(&headers, "br");
    let mut response = if brotli {
        asset.br.clone().into_response()
    } else {
        asset.json.clone().into_response()
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if brotli {
        h.insert(header::CONTENT_ENCODING, Coding::Brotli.header_value());
    }
    response
}
