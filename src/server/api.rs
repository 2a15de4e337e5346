//! The JSON API: `GET /api/v1/pricebook` and `GET /api/v1/estimate`.

use super::state::{AppState, LoadedBook};
use super::today::today_utc;
use crate::domain::codec::decode_query;
use crate::domain::engine::estimate as run_estimate;
use crate::domain::estimate::Estimate;
use crate::domain::forecast::{forecast, Forecast};
use crate::domain::pricebook::SCHEMA_VERSION;
use crate::domain::scenario::FieldError;
use crate::pricebook_payload::PricebookPayload;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// The payload for the pricebook endpoint and the page.
pub fn payload(book: &LoadedBook) -> PricebookPayload {
    PricebookPayload {
        schema_version: SCHEMA_VERSION,
        fingerprint: book.fingerprint.to_string(),
        today: today_utc(),
        pricebook: (*book.pricebook).clone(),
    }
}

/// `GET /api/v1/pricebook`: the loaded tables and their fingerprint.
pub async fn pricebook(State(state): State<AppState>) -> Json<PricebookPayload> {
    Json(payload(&state.book))
}

/// A successful estimate.
#[derive(Debug, Serialize)]
pub struct EstimateResponse<'a> {
    pub pricebook_fingerprint: &'a str,
    /// The scenario's canonical query.
    pub query: String,
    #[serde(flatten)]
    pub estimate: Estimate,
    /// Month-by-month projection, migration ROI and rollout.
    pub forecast: Forecast,
}

/// A 400 answer: every field that could not be used.
#[derive(Debug, Serialize)]
pub struct BadQuery {
    pub error: &'static str,
    pub errors: Vec<FieldError>,
}

/// `GET /api/v1/estimate?<scenario query>`: the estimate with decimal money
/// as strings, or 400 naming each bad field.
pub async fn estimate(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (scenario, mut errors) = decode_query(query.as_deref().unwrap_or(""));
    let estimate = run_estimate(&state.book.pricebook, &scenario);
    errors.extend(estimate.errors.iter().cloned());
    let forecast = match forecast(&state.book.pricebook, &estimate) {
        Ok(f) => Some(f),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let (true, Some(forecast)) = (errors.is_empty(), forecast) else {
        let body = BadQuery {
            error: "the query has fields that cannot be used; see `errors`",
            errors,
        };
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    };
    Json(EstimateResponse {
        pricebook_fingerprint: &state.book.fingerprint,
        query: crate::domain::codec::encode(&scenario),
        estimate,
        forecast,
    })
    .into_response()
}
