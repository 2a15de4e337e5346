//! The JSON API: `GET /api/v1/pricebook` and `GET /api/v1/estimate`.

use super::api_types::{BadQuery, EstimateAnswer};
use super::state::{AppState, LoadedBook};
use crate::server_fns::pricebook::PricebookPayload;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use llm_roi_core::forecast::Forecast;
use llm_roi_core::report::Evaluation;
use llm_roi_core::scenario::codec::split_query;
use llm_roi_core::scenario::FieldError;

/// `GET /api/v1/pricebook`: the loaded tables and their fingerprint.
pub async fn pricebook(State(state): State<AppState>) -> Json<PricebookPayload> {
    Json(PricebookPayload::of(&state.book))
}

/// The 400 answer for a query with fields that cannot be used.
pub fn bad_query(errors: Vec<FieldError>) -> Response {
    let body = BadQuery {
        error: "the query has fields that cannot be used; see `errors`",
        errors,
    };
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// The report of a raw query with its forecast, or every field that cannot
/// be used.
pub fn usable_report(
    book: &LoadedBook,
    query: Option<&str>,
) -> Result<(Evaluation, Forecast), Vec<FieldError>> {
    book.evaluate(&split_query(query.unwrap_or("")), &[])
        .usable()
}

/// `GET /api/v1/estimate?<scenario query>`: the estimate with decimal money
/// as strings, or 400 naming each bad field. A share link's `v` and `pb`
/// are accepted.
pub async fn estimate(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (r, forecast) = match usable_report(&state.book, query.as_deref()) {
        Ok(x) => x,
        Err(errors) => return bad_query(errors),
    };
    let query = llm_roi_core::scenario::codec::encode(&r.scenario);
    Json(EstimateAnswer::new(
        &state.book.fingerprint,
        query,
        &r.estimate,
        &forecast,
    ))
    .into_response()
}

/// `GET /api/v1/status`: the app's version, the pricebook fingerprint and
/// the render cache's counters.
pub async fn status(
    cache: std::sync::Arc<crate::server::render_cache::RenderCache>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    axum::Json(serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "render_cache": cache.stats(),
    }))
    .into_response()
}
