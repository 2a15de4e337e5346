//! Answers are compressed as the client accepts: brotli when asked for,
//! gzip when only that is accepted, identity otherwise; the decompressed
//! body is the uncompressed one.

use crate::support::TestApp;
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use std::io::Read;
use tower::ServiceExt;

/// An answer's content coding, type and `Vary`, and its raw body.
pub struct Fetched {
    pub encoding: Option<String>,
    pub content_type: String,
    pub vary: Option<String>,
    pub body: Vec<u8>,
}

/// Sends `uri` to `app` with `accept` as `Accept-Encoding` (none if `None`).
pub async fn fetch_on(app: &TestApp, uri: &str, accept: Option<&str>) -> Fetched {
    let mut req = Request::get(uri);
    if let Some(a) = accept {
        req = req.header("accept-encoding", a);
    }
    let res = app
        .router()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (encoding, content_type, vary) = (
        header("content-encoding"),
        header("content-type"),
        header("vary"),
    );
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Fetched {
        encoding,
        content_type: content_type.unwrap_or_default(),
        vary,
        body,
    }
}

async fn fetch(uri: &str, accept: Option<&str>) -> (Option<String>, String, Vec<u8>) {
    let f = fetch_on(&TestApp::shared(), uri, accept).await;
    (f.encoding, f.content_type, f.body)
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli_decompressor::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[tokio::test]
async fn every_text_answer_is_compressed_as_accepted() {
    for uri in [
        "/?in=0",
        "/report?in=0",
        "/api/v1/estimate?in=0",
        "/report.csv?in=0",
        "/chart/savings.svg?in=0",
        "/api/v1/pricebook",
    ] {
        let (encoding, _, plain) = fetch(uri, None).await;
        assert_eq!(encoding, None, "{uri}: identity without accept-encoding");
        let (encoding, _, br) = fetch(uri, Some("gzip, deflate, br")).await;
        assert_eq!(encoding.as_deref(), Some("br"), "{uri}");
        assert!(
            br.len() * 3 < plain.len(),
            "{uri}: {} of {} bytes",
            br.len(),
            plain.len()
        );
        let (encoding, _, gz) = fetch(uri, Some("gzip")).await;
        assert_eq!(encoding.as_deref(), Some("gzip"), "{uri}");
        if !uri.starts_with("/?") && !uri.starts_with("/report?") {
            // Pages carry a fresh nonce or origin per request; the rest is stable.
            assert_eq!(brotli(&br), plain, "{uri}: brotli round trip");
            assert_eq!(gunzip(&gz), plain, "{uri}: gzip round trip");
        } else {
            assert!(
                String::from_utf8(brotli(&br)).unwrap().contains("</html>"),
                "{uri}"
            );
            assert!(
                String::from_utf8(gunzip(&gz)).unwrap().contains("</html>"),
                "{uri}"
            );
        }
        let (encoding, _, _) = fetch(uri, Some("identity")).await;
        assert_eq!(encoding, None, "{uri}");
    }
}
