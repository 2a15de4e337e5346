//! `GET /chart/<name>.svg?<scenario query>`: one chart alone, for a wiki's
//! `<img>` or Markdown image; `/chart/<name>.narrow.svg` is the same chart
//! laid out for a phone (400 px wide, the legend under the plot).
//!
//! The ETag hashes the chart's name, the canonical scenario query, the
//! pricebook fingerprint and the app version, so an unchanged chart answers
//! `If-None-Match` with 304. A bad query still answers with an SVG (status
//! 400) that names each field, so an embedded image shows what to fix.

use super::{draw_in, xml_escape, Layout};
use crate::server::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use llm_roi_core::scenario::codec::{encode, split_query};
use llm_roi_core::scenario::FieldError;
use llm_roi_core::view::chart_text::ChartKind;
use sha2::{Digest, Sha256};

/// How long a browser or proxy may reuse a chart without asking again.
pub const CACHE_CONTROL: &str = "public, max-age=3600";
const SVG: &str = "image/svg+xml";

/// The ETag of a chart: a quoted hex digest.
pub fn etag(kind: ChartKind, layout: Layout, canonical_query: &str, fingerprint: &str) -> String {
    let digest = Sha256::digest(
        format!(
            "{}\n{}{}\n{fingerprint}\n{canonical_query}",
            env!("CARGO_PKG_VERSION"),
            kind.name(),
            layout.suffix()
        )
        .as_bytes(),
    );
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// An SVG that lists what is wrong, for a 400 answer.
fn problem_svg(title: &str, lines: &[String]) -> String {
    let height = 60 + 22 * lines.len();
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"{height}\" viewBox=\"0 0 800 {height}\" role=\"img\" aria-labelledby=\"chart-error-title\"><title id=\"chart-error-title\">{}</title><rect width=\"800\" height=\"{height}\" fill=\"#fff4f4\"/><text x=\"16\" y=\"30\" font-family=\"{}\" font-size=\"16\" fill=\"#8a1111\">{}</text>",
        xml_escape(title),
        super::font::FAMILY,
        xml_escape(title)
    );
    for (i, l) in lines.iter().enumerate() {
        out.push_str(&format!(
            "<text x=\"16\" y=\"{}\" font-family=\"{}\" font-size=\"13\" fill=\"#222\">{}</text>",
            58 + 22 * i,
            super::font::FAMILY,
            xml_escape(l)
        ));
    }
    out.push_str("</svg>");
    out
}

/// The chart and layout a file name asks for: `cost.svg`, `cost.narrow.svg`.
fn chart_file(file: &str) -> Option<(ChartKind, Layout)> {
    let stem = file.strip_suffix(".svg")?;
    match stem.strip_suffix(Layout::Narrow.suffix()) {
        Some(name) => ChartKind::from_name(name).map(|k| (k, Layout::Narrow)),
        None => ChartKind::from_name(stem).map(|k| (k, Layout::Wide)),
    }
}

fn svg_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, SVG)], body).into_response()
}

fn field_lines(errors: &[FieldError]) -> Vec<String> {
    errors
        .iter()
        .map(|e| format!("{} = \"{}\": {}", e.field, e.value, e.message))
        .collect()
}

/// The handler.
pub async fn chart(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let Some((kind, layout)) = chart_file(&file) else {
        let names: Vec<String> = [Layout::Wide, Layout::Narrow]
            .into_iter()
            .flat_map(|l| ChartKind::ALL.map(|k| format!("{}{}.svg", k.name(), l.suffix())))
            .collect();
        return svg_response(
            StatusCode::NOT_FOUND,
            problem_svg(
                &format!("No chart named `{file}`"),
                &[format!("The charts are: {}", names.join(", "))],
            ),
        );
    };
    let evaluated = state
        .book
        .evaluate(&split_query(query.as_deref().unwrap_or("")), &[])
        .usable();
    let (ev, forecast) = match evaluated {
        Ok(x) => x,
        Err(errors) => {
            return svg_response(
                StatusCode::BAD_REQUEST,
                problem_svg(
                    "The chart's query has fields that cannot be used",
                    &field_lines(&errors),
                ),
            )
        }
    };
    let tag = etag(kind, layout, &encode(&ev.scenario), &state.book.fingerprint);
    let cache = [
        (header::ETAG, tag.clone()),
        (header::CACHE_CONTROL, CACHE_CONTROL.to_string()),
    ];
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| {
            let t = t.trim();
            t == "*" || t.trim_start_matches("W/") == tag
        });
    if matches {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    match draw_in(kind, &forecast, ev.scenario.currency, layout) {
        Ok(svg) => {
            let mut r = (StatusCode::OK, cache, svg).into_response();
            r.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(SVG));
            r
        }
        Err(e) => svg_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            problem_svg("The chart could not be drawn", &[e.to_string()]),
        ),
    }
}
