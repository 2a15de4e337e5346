//! Repeated and equivalent links are answered from the render cache, with
//! the same bytes; `/api/v1/status` counts hits and misses.

use crate::support::TestApp;
use axum::body::Body;
use axum::http::Request;
use serde_json::Value;

async fn get(app: &TestApp, uri: &str) -> String {
    app.get(uri).await.2
}

#[tokio::test]
async fn equivalent_links_share_one_entry_and_the_status_counts_it() {
    let app = TestApp::builder().build();
    let status = |app: TestApp| async move {
        let v: Value = serde_json::from_str(&get(&app, "/api/v1/status").await).unwrap();
        v["render_cache"].clone()
    };
    let first = get(&app, "/report?in=0&rpd=1000").await;
    let s = status(app.clone()).await;
    assert_eq!(
        (s["hits"].as_u64(), s["misses"].as_u64()),
        (Some(0), Some(1)),
        "{s}"
    );
    // The same link, then an equivalent one: keys reordered, a separator, a default spelt out.
    for uri in ["/report?in=0&rpd=1000", "/report?rpd=1,000&cur=USD&in=0"] {
        let again = get(&app, uri).await;
        assert_eq!(again.len(), first.len(), "{uri}");
    }
    let s = status(app.clone()).await;
    assert_eq!(
        (s["hits"].as_u64(), s["entries"].as_u64()),
        (Some(2), Some(1)),
        "{s}"
    );
    assert!(s["bytes"].as_u64().unwrap() > first.len() as u64 / 2, "{s}");
    // Another scenario, a bad query and the calculator are each rendered anew.
    get(&app, "/report?in=0&rpd=1001").await;
    get(&app, "/report?rpd=x").await;
    get(&app, "/?in=0").await;
    get(&app, "/?in=0").await;
    let s = status(app).await;
    assert_eq!(
        (s["hits"].as_u64(), s["misses"].as_u64()),
        (Some(2), Some(3)),
        "{s}"
    );
}

#[tokio::test]
async fn a_cached_chart_still_answers_304_to_its_tag() {
    let app = TestApp::builder().build();
    let (parts, _) = app
        .send(
            Request::get("/chart/cost.svg?in=0")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let tag = parts.headers["etag"].to_str().unwrap().to_string();
    let (parts, body) = app
        .send(
            Request::get("/chart/cost.svg?in=0")
                .header("if-none-match", &tag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(parts.status, axum::http::StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
}

#[tokio::test]
async fn a_hit_is_sent_in_the_coding_the_client_takes_from_copies_made_once() {
    use crate::compression::{brotli, fetch_on, gunzip};
    let app = TestApp::builder().build();
    let uri = "/report?in=0&rpd=1000";
    // The miss renders and stores; every answer after it is the same entry.
    let first = fetch_on(&app, uri, Some("gzip, deflate, br")).await;
    assert_eq!(first.encoding.as_deref(), Some("br"));
    let plain = fetch_on(&app, uri, Some("identity")).await;
    assert_eq!(
        (plain.encoding, plain.vary.as_deref()),
        (None, Some("accept-encoding"))
    );
    let br = fetch_on(&app, uri, Some("gzip, deflate, br")).await;
    assert_eq!(
        (br.encoding.as_deref(), br.vary.as_deref()),
        (Some("br"), Some("accept-encoding"))
    );
    let gz = fetch_on(&app, uri, Some("gzip")).await;
    assert_eq!(gz.encoding.as_deref(), Some("gzip"));
    let (plain, br, gz) = (plain.body, br.body, gz.body);
    // The same rendered bytes in every coding, the first answer included.
    assert!(String::from_utf8_lossy(&plain).contains("</html>"));
    assert_eq!(brotli(&first.body), plain);
    assert_eq!(brotli(&br), plain);
    assert_eq!(gunzip(&gz), plain);
    assert!(
        br.len() * 3 < plain.len(),
        "{} of {}",
        br.len(),
        plain.len()
    );
    let v: Value = serde_json::from_str(&get(&app, "/api/v1/status").await).unwrap();
    let s = &v["render_cache"];
    assert_eq!(
        (s["hits"].as_u64(), s["misses"].as_u64()),
        (Some(3), Some(1)),
        "{s}"
    );
    // The copies are weighed with the entry.
    let weighed = s["bytes"].as_u64().unwrap();
    assert!(weighed >= (plain.len() + br.len() + gz.len()) as u64, "{s}");
}
