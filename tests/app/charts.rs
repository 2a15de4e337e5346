//! `/chart/<name>.svg`: content type, caching, and errors as SVG.

use crate::support::send;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

const Q: &str = "rpd=10000&in=0&target=holysheep/claude-haiku-4-5&phases=none";

async fn fetch(uri: &str, if_none_match: Option<&str>) -> (axum::http::response::Parts, String) {
    let mut req = Request::get(uri);
    if let Some(tag) = if_none_match {
        req = req.header(header::IF_NONE_MATCH, tag);
    }
    send(req.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn every_chart_is_an_svg_with_cache_headers() {
    for name in ["cost", "savings", "rollout"] {
        let (parts, body) = fetch(&format!("/chart/{name}.svg?{Q}"), None).await;
        assert_eq!(parts.status, StatusCode::OK, "{name}: {body}");
        assert_eq!(parts.headers[header::CONTENT_TYPE], "image/svg+xml");
        assert_eq!(parts.headers[header::CACHE_CONTROL], "public, max-age=3600");
        let tag = parts.headers[header::ETAG].to_str().unwrap();
        assert!(tag.starts_with('"') && tag.len() == 26, "{tag}");
        assert!(body.starts_with("<svg"), "{name}");
        assert!(body.contains(&format!("data-chart=\"{name}\"")));
    }
    let (_, savings) = fetch(&format!("/chart/savings.svg?{Q}"), None).await;
    assert!(savings.contains("Break-even: day 83"));
}

#[tokio::test]
async fn the_etag_follows_the_scenario_not_its_spelling() {
    let tag = |parts: &axum::http::response::Parts| parts.headers[header::ETAG].clone();
    let (a, _) = fetch(&format!("/chart/cost.svg?{Q}"), None).await;
    // The same scenario, keys reordered and a default spelled out.
    let (b, _) = fetch(
        "/chart/cost.svg?phases=none&target=holysheep%2Fclaude-haiku-4-5&in=0&rpd=10,000&cur=USD",
        None,
    )
    .await;
    assert_eq!(tag(&a), tag(&b));
    let (c, _) = fetch(&format!("/chart/cost.svg?{Q}&growth=3"), None).await;
    assert_ne!(tag(&a), tag(&c));
    let (d, _) = fetch(&format!("/chart/savings.svg?{Q}"), None).await;
    assert_ne!(tag(&a), tag(&d));
}

#[tokio::test]
async fn a_matching_if_none_match_gets_304() {
    let (first, _) = fetch(&format!("/chart/rollout.svg?{Q}"), None).await;
    let tag = first.headers[header::ETAG].to_str().unwrap().to_string();
    let (again, body) = fetch(&format!("/chart/rollout.svg?{Q}"), Some(&tag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert_eq!(again.headers[header::ETAG].to_str().unwrap(), tag);
    let (other, _) = fetch(&format!("/chart/rollout.svg?{Q}"), Some("\"nope\"")).await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_fields_are_named_in_an_svg() {
    let (parts, body) = fetch("/chart/savings.svg?growth=80&horizon=13", None).await;
    assert_eq!(parts.status, StatusCode::BAD_REQUEST);
    assert_eq!(parts.headers[header::CONTENT_TYPE], "image/svg+xml");
    assert!(
        body.contains("growth = &quot;80&quot;: enter a monthly growth percentage from -50 to 50"),
        "{body}"
    );
    assert!(body.contains("horizon = &quot;13&quot;: choose 12, 24 or 36 months"));
    let (parts, body) = fetch("/chart/pie.svg", None).await;
    assert_eq!(parts.status, StatusCode::NOT_FOUND);
    assert!(body.contains(
        "cost.svg, savings.svg, rollout.svg, cost.narrow.svg, savings.narrow.svg, rollout.narrow.svg"
    ));
    let (parts, _) = fetch(&format!("/chart/cost.wide.svg?{Q}"), None).await;
    assert_eq!(parts.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_narrow_layout_is_its_own_chart_with_its_own_etag() {
    for name in ["cost", "savings", "rollout"] {
        let (wide, wide_body) = fetch(&format!("/chart/{name}.svg?{Q}"), None).await;
        let (narrow, body) = fetch(&format!("/chart/{name}.narrow.svg?{Q}"), None).await;
        assert_eq!(narrow.status, StatusCode::OK, "{name}: {body}");
        assert_eq!(narrow.headers[header::CONTENT_TYPE], "image/svg+xml");
        assert!(
            body.starts_with("<svg width=\"400\""),
            "{name}: {}",
            &body[..80]
        );
        assert!(
            wide_body.starts_with("<svg width=\"800\" height=\"420\""),
            "{name}"
        );
        assert_ne!(wide.headers[header::ETAG], narrow.headers[header::ETAG]);
        let tag = narrow.headers[header::ETAG].to_str().unwrap().to_string();
        let (again, _) = fetch(&format!("/chart/{name}.narrow.svg?{Q}"), Some(&tag)).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    }
}
