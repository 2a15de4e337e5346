//! `GET /report.csv?<scenario>`: the options table and the month-by-month
//! projection as one CSV table (see [`llm_roi_core::report::csv_table`]).

use super::api::{bad_query, usable_report};
use super::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use llm_roi_core::report::csv_table::{header, rows};

/// Writes the table; the header first.
pub fn write_csv(head: &[String], body: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(head)?;
    for row in body {
        w.write_record(row)?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// The handler.
pub async fn report_csv(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (r, forecast) = match usable_report(&state.book, query.as_deref()) {
        Ok(x) => x,
        Err(errors) => return bad_query(errors),
    };
    let table = rows(&r.estimate, Some(&forecast));
    match write_csv(&header(r.estimate.currency.code()), &table) {
        Ok(bytes) => (
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8; header=present"),
                (
                    CONTENT_DISPOSITION,
                    "attachment; filename=\"llm-roi-report.csv\"",
                ),
                (CACHE_CONTROL, "no-cache"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the CSV could not be written: {e}"),
        )
            .into_response(),
    }
}
