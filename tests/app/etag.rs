//! Pages, JSON and CSV carry an `ETag` that changes with the answer, and a
//! matching `If-None-Match` gets `304` with no body.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn fetch(uri: &str, if_none_match: Option<&str>) -> (StatusCode, Option<String>, usize) {
    let mut req = Request::get(uri);
    if let Some(tag) = if_none_match {
        req = req.header("if-none-match", tag);
    }
    let res = crate::support::TestApp::shared()
        .router()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let tag = res
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, tag, body.len())
}

#[tokio::test]
async fn a_repeated_request_with_its_tag_gets_304() {
    for path in [
        "/",
        "/report",
        "/embed",
        "/api/v1/estimate",
        "/report.csv",
        "/api/v1/pricebook",
    ] {
        let uri = format!("{path}?in=0");
        let uri = if path == "/api/v1/pricebook" {
            path.to_string()
        } else {
            uri
        };
        let (status, tag, len) = fetch(&uri, None).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let tag = tag.unwrap_or_else(|| panic!("{uri}: no ETag"));
        assert!(tag.starts_with("W/\""), "{uri}: {tag}");
        assert!(len > 0);
        let (_, again, _) = fetch(&uri, None).await;
        assert_eq!(
            again.as_deref(),
            Some(tag.as_str()),
            "{uri}: the tag is not stable"
        );
        let (status, same, len) = fetch(&uri, Some(&tag)).await;
        assert_eq!((status, len), (StatusCode::NOT_MODIFIED, 0), "{uri}");
        assert_eq!(same.as_deref(), Some(tag.as_str()));
        let (status, _, _) = fetch(&uri, Some("W/\"0000\"")).await;
        assert_eq!(status, StatusCode::OK, "{uri}: another tag");
        if path != "/api/v1/pricebook" {
            let (_, other, _) = fetch(&format!("{path}?in=1"), None).await;
            assert_ne!(
                other.as_deref(),
                Some(tag.as_str()),
                "{uri}: another scenario, same tag"
            );
        }
    }
}

#[tokio::test]
async fn charts_keep_their_own_strong_tag_and_errors_get_none() {
    let (_, tag, _) = fetch("/chart/cost.svg?in=0", None).await;
    assert!(tag.is_some_and(|t| t.starts_with('"')));
    let (status, tag, _) = fetch("/api/v1/estimate?rpd=x", None).await;
    assert_eq!((status, tag), (StatusCode::BAD_REQUEST, None));
}
