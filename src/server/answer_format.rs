//! Short answers in the route's own format, for the answers the router
//! gives before or instead of a handler: a query too long (414) and a
//! handler that panicked (500).
//!
//! The format is the route's ([`crate::server::route_rules`]): JSON
//! (`{"error": …}`) under `/api/` and for oEmbed, CSV for the CSV exports,
//! an SVG with the message for `/chart/*`, a small HTML page otherwise.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

pub use super::route_rules::Format;

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `status` with `message` in `format`.
pub fn answer(format: Format, status: StatusCode, message: &str) -> Response {
    let (content_type, body) = match format {
        Format::Json => (
            "application/json",
            serde_json::json!({ "error": message }).to_string(),
        ),
        Format::Csv => (
            "text/csv; charset=utf-8",
            format!("error\r\n\"{}\"\r\n", message.replace('"', "\"\"")),
        ),
        Format::Svg => (
            "image/svg+xml",
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"40\" role=\"img\"><text x=\"8\" y=\"24\" font-family=\"sans-serif\" font-size=\"14\">{}</text></svg>\n",
                escape_xml(message)
            ),
        ),
        Format::Html => (
            "text/html; charset=utf-8",
            format!(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} · llm-roi</title></head><body><h1>{}</h1><p>{}</p><p><a href=\"/\">Open the calculator</a></p></body></html>\n",
                status.as_u16(),
                status.canonical_reason().unwrap_or("Error"),
                escape_xml(message)
            ),
        ),
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_family_has_its_format() {
        let cases = [
            ("/api/v1/estimate", Format::Json, "application/json"),
            ("/report.csv", Format::Csv, "text/csv; charset=utf-8"),
            ("/chart/savings.svg", Format::Svg, "image/svg+xml"),
            ("/report", Format::Html, "text/html; charset=utf-8"),
        ];
        for (path, format, content_type) in cases {
            assert_eq!(
                super::super::route_rules::rules(path).format,
                format,
                "{path}"
            );
            let res = answer(format, StatusCode::URI_TOO_LONG, "a <long> \"query\"");
            assert_eq!(res.status(), StatusCode::URI_TOO_LONG);
            assert_eq!(res.headers()["content-type"], content_type, "{path}");
        }
    }
}
