//! `GET /oembed?url=<report or embed URL>&maxwidth=&maxheight=&format=json`,
//! oEmbed 1.0 (<https://oembed.com>): a `rich` answer whose `html` is an
//! iframe of `/embed`.
//!
//! Errors follow the spec: `501 Not Implemented` for a format other than
//! JSON, `404 Not Found` for a URL that is not a report or embed of this site
//! (or whose scenario cannot be used); a missing `url` or a bad `maxwidth`
//! or `maxheight` is `400`, naming the parameter.

use super::state::AppState;
use crate::domain::codec::{link_query, percent_encode, split_query};
use crate::domain::embed::{
    frame_size, iframe_html, show_or_default, show_text, DEFAULT_SHOW, SHOW_KEY,
};
use crate::domain::report::build;
use crate::domain::summary::summary;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// The provider's name in every answer.
pub const PROVIDER_NAME: &str = "llm-roi";

/// How long a consumer may cache an answer, in seconds.
pub const CACHE_AGE_S: u32 = 3600;

/// An oEmbed 1.0 `rich` answer.
#[derive(Debug, Serialize)]
pub struct OEmbed {
    pub version: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    pub provider_name: &'static str,
    pub provider_url: String,
    pub cache_age: u32,
    pub html: String,
    pub width: u32,
    pub height: u32,
}

fn fail(status: StatusCode, message: String) -> Response {
    (
        status,
        Json(serde_json::json!({ "error": message, "status": status.as_u16() })),
    )
        .into_response()
}

fn dimension(name: &str, v: Option<&str>) -> Result<Option<u32>, Response> {
    v.map(|raw| {
        raw.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                fail(
                    StatusCode::BAD_REQUEST,
                    format!("{name}={raw:?}: give a whole number of pixels greater than 0"),
                )
            })
    })
    .transpose()
}

/// The path and query of `url` when it is a report or embed of `origin`.
fn own_page(url: &str, origin: &str) -> Option<(String, String)> {
    let parsed = url::Url::parse(url).ok()?;
    let ours = url::Url::parse(origin).ok()?;
    if parsed.origin() != ours.origin() {
        return None;
    }
    let path = parsed.path();
    (path == "/report" || path == "/embed")
        .then(|| (path.to_string(), parsed.query().unwrap_or("").to_string()))
}

/// The handler.
pub async fn oembed(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params = split_query(query.as_deref().unwrap_or(""));
    let param = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    match param("format") {
        None | Some("json") => {}
        Some(other) => {
            return fail(
                StatusCode::NOT_IMPLEMENTED,
                format!(
                    "format={other:?} is not supported; this provider answers format=json only"
                ),
            )
        }
    }
    let (max_width, max_height) = match (
        dimension("maxwidth", param("maxwidth")),
        dimension("maxheight", param("maxheight")),
    ) {
        (Ok(w), Ok(h)) => (w, h),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let Some(url) = param("url").filter(|u| !u.trim().is_empty()) else {
        return fail(
            StatusCode::BAD_REQUEST,
            "url is required: the address of a report (/report?…) or embed (/embed?…) of this site"
                .into(),
        );
    };
    let origin = state.site.origin(&headers);
    let Some((path, page_query)) = own_page(url, &origin) else {
        return fail(
            StatusCode::NOT_FOUND,
            format!("{url:?} is not a report or embed of {origin}; give {origin}/report?… or {origin}/embed?…"),
        );
    };
    let extra: &[&str] = if path == "/embed" { &[SHOW_KEY] } else { &[] };
    let r = build(&state.book.pricebook, &split_query(&page_query), extra);
    let parts = show_or_default(r.extra(SHOW_KEY));
    let parts = match (r.errors.is_empty(), parts) {
        (true, Ok(p)) => p,
        (_, parts) => {
            let mut names: Vec<String> = r.errors.iter().map(|e| e.field.clone()).collect();
            names.extend(parts.err().map(|e| e.field));
            return fail(
                StatusCode::NOT_FOUND,
                format!(
                    "the URL's scenario has fields that cannot be used: {}; open it to see why",
                    names.join(", ")
                ),
            );
        }
    };
    let title = summary(&r.estimate, r.forecast.as_ref());
    let (width, height) = frame_size(
        &parts,
        r.estimate.options.len() as u32,
        max_width,
        max_height,
    );
    let fp = r
        .link
        .pricebook
        .as_deref()
        .unwrap_or(&state.book.fingerprint);
    let mut src = format!("{origin}/embed?{}", link_query(&r.scenario, fp));
    let show = show_text(&parts);
    if show != DEFAULT_SHOW {
        src.push_str(&format!("&{SHOW_KEY}={}", percent_encode(&show)));
    }
    let html = iframe_html(&src, (width, height), &title);
    Json(OEmbed {
        version: "1.0",
        kind: "rich",
        title,
        provider_name: PROVIDER_NAME,
        provider_url: format!("{origin}/"),
        cache_age: CACHE_AGE_S,
        html,
        width,
        height,
    })
    .into_response()
}
