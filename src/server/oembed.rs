//! `GET /oembed?url=<report or embed URL>&maxwidth=&maxheight=&format=json`,
//! oEmbed 1.0 (<https://oembed.com>): a `rich` answer whose `html` is an
//! iframe of `/embed`.
//!
//! Errors follow the spec: `501 Not Implemented` for a format other than
//! JSON, `404 Not Found` for a URL that is not a report or embed of this site
//! (or whose scenario cannot be used); a missing `url` or a bad `maxwidth`
//! or `maxheight` is `400`, naming the parameter.

use super::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use llm_roi_core::report::embed::{
    frame_size, iframe_html, show_or_default, show_text, DEFAULT_SHOW, EMBED_PATH, SHOW_KEY,
};
use llm_roi_core::scenario::codec::{percent_encode, split_query};
use llm_roi_core::view::summary::summary;
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

/// Why there is no oEmbed answer; each maps to the spec's status code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OEmbedError {
    #[error("format={0:?} is not supported; this provider answers format=json only")]
    Format(String),
    #[error(
        "url is required: the address of a report (/report?…) or embed (/embed?…) of this site"
    )]
    MissingUrl,
    #[error("{name}={raw:?}: give a whole number of pixels greater than 0")]
    Dimension { name: &'static str, raw: String },
    #[error(
        "{url:?} is not a report or embed of {origin}; give {origin}/report?… or {origin}/embed?…"
    )]
    Foreign { url: String, origin: String },
    #[error("the URL's scenario has fields that cannot be used: {0}; open it to see why")]
    Scenario(String),
}

impl OEmbedError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Format(_) => StatusCode::NOT_IMPLEMENTED,
            Self::MissingUrl | Self::Dimension { .. } => StatusCode::BAD_REQUEST,
            Self::Foreign { .. } | Self::Scenario(_) => StatusCode::NOT_FOUND,
        }
    }
}

impl IntoResponse for OEmbedError {
    fn into_response(self) -> Response {
        let status = self.status();
        (
            status,
            Json(serde_json::json!({ "error": self.to_string(), "status": status.as_u16() })),
        )
            .into_response()
    }
}

fn dimension(name: &'static str, v: Option<&str>) -> Result<Option<u32>, OEmbedError> {
    v.map(|raw| {
        raw.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| OEmbedError::Dimension {
                name,
                raw: raw.into(),
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
    (path == "/report" || path == EMBED_PATH)
        .then(|| (path.to_string(), parsed.query().unwrap_or("").to_string()))
}

/// The handler.
pub async fn oembed(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    match answer(&state, &headers, query.as_deref().unwrap_or("")) {
        Ok(a) => Json(a).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The answer for an oEmbed query.
pub fn answer(state: &AppState, headers: &HeaderMap, query: &str) -> Result<OEmbed, OEmbedError> {
    let params = split_query(query);
    let param = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    if let Some(other) = param("format").filter(|f| *f != "json") {
        return Err(OEmbedError::Format(other.into()));
    }
    let max_width = dimension("maxwidth", param("maxwidth"))?;
    let max_height = dimension("maxheight", param("maxheight"))?;
    let url = param("url")
        .filter(|u| !u.trim().is_empty())
        .ok_or(OEmbedError::MissingUrl)?;
    let origin = state.site.origin(headers);
    let (path, page_query) = own_page(url, &origin).ok_or_else(|| OEmbedError::Foreign {
        url: url.into(),
        origin: origin.clone(),
    })?;
    let extra: &[&str] = if path == EMBED_PATH { &[SHOW_KEY] } else { &[] };
    let r = state.book.evaluate(&split_query(&page_query), extra);
    let parts = show_or_default(r.extra(SHOW_KEY));
    let mut bad: Vec<String> = r.errors.iter().map(|e| e.field.clone()).collect();
    bad.extend(parts.as_ref().err().map(|e| e.field.clone()));
    let parts = match parts {
        Ok(p) if bad.is_empty() => p,
        _ => return Err(OEmbedError::Scenario(bad.join(", "))),
    };
    let title = summary(&r.estimate, r.forecast.as_ref());
    let (width, height) = frame_size(
        &parts,
        r.estimate.options.len() as u32,
        max_width,
        max_height,
    );
    let mut src = format!(
        "{origin}{EMBED_PATH}?{}",
        r.share_query(&state.book.fingerprint)
    );
    let show = show_text(&parts);
    if show != DEFAULT_SHOW {
        src.push_str(&format!("&{SHOW_KEY}={}", percent_encode(&show)));
    }
    Ok(OEmbed {
        version: "1.0",
        kind: "rich",
        html: iframe_html(&src, (width, height), &title),
        title,
        provider_name: PROVIDER_NAME,
        provider_url: format!("{origin}/"),
        cache_age: CACHE_AGE_S,
        width,
        height,
    })
}
