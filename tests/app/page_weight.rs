//! The calculator's page on the shipped `pricing/` (what users get): the
//! pricebook is not in it but its own immutable asset, which the page links
//! to, and the page stays under 60 KB. Sizes are asserted here; times
//! are only benchmarked (`make bench-http`).

use crate::support::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::io::Read;
use std::path::Path;

const PAGE_LIMIT_BYTES: usize = 60 * 1024;

fn shipped() -> TestApp {
    TestApp::builder()
        .pricing(Path::new("pricing"))
        .today(llm_roi_core::money::date::CalendarDate::new(2026, 12, 1).unwrap())
        .build()
}

/// The `href` of the page's link to the pricebook asset.
fn asset_href(html: &str) -> String {
    let link = html
        .split("<link")
        .find(|l| l.contains(r#"id="pricebook-asset""#))
        .unwrap();
    let href = link.split("href=\"").nth(1).unwrap();
    href.split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn the_calculator_page_holds_no_pricebook_and_stays_under_60_kb() {
    let app = shipped();
    for path in [
        "/",
        "/?req=soc2,zdr",
        "/?base=openai/gpt-5.5&in=5000&out=800",
    ] {
        let (status, _, html) = app.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            html.len() <= PAGE_LIMIT_BYTES,
            "{path}: {} bytes, over {PAGE_LIMIT_BYTES}",
            html.len()
        );
        // The pricebook's serialised tables (a field of every model) are
        // not in the page, escaped or not.
        assert_eq!(html.matches("schema_version").count(), 0, "{path}");
        assert_eq!(html.matches("input_per_mtok").count(), 0, "{path}");
        assert_eq!(html.matches(r#"id="pricebook-asset""#).count(), 1, "{path}");
    }
}

#[tokio::test]
async fn the_pricebook_asset_is_immutable_compressed_and_names_its_fingerprint() {
    let app = shipped();
    let (_, _, html) = app.get("/").await;
    let href = asset_href(&html);
    let (_, pricebook) = app.get_json("/api/v1/pricebook").await;
    let fp = pricebook["fingerprint"].as_str().unwrap();
    assert_eq!(href, format!("/api/v1/pricebook/{fp}.json"));

    let req = Request::get(&href)
        .header("accept-encoding", "gzip, br")
        .body(Body::empty())
        .unwrap();
    let (parts, _) = app.send(req).await;
    assert_eq!(parts.status, StatusCode::OK);
    assert_eq!(parts.headers["content-encoding"], "br");
    assert_eq!(
        parts.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // The raw bytes, decoded: the same tables as the API's pricebook.
    let res = tower::ServiceExt::oneshot(
        app.router(),
        Request::get(&href)
            .header("accept-encoding", "br")
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    let bytes = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes();
    let mut json = Vec::new();
    brotli_decompressor::Decompressor::new(&bytes[..], 4096)
        .read_to_end(&mut json)
        .unwrap();
    let asset: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(asset["fingerprint"], fp);
    assert_eq!(asset["schema_version"], pricebook["schema_version"]);
    assert_eq!(asset["pricebook"], pricebook["pricebook"]);
    assert!(
        asset.get("today").is_none(),
        "the day changes; the asset must not"
    );

    let (status, body) = app
        .get_json("/api/v1/pricebook/0000000000000000.json")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["current"], href);
}
