//! oEmbed, the CSV export and the security headers of every route.

use crate::support::{get, get_json, send, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use llm_roi::server::site::{parse_embed_origins, Site};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

const PLAYBOOK: &str = "in=0&target=holysheep/claude-haiku-4-5";

fn enc(s: &str) -> String {
    llm_roi_core::scenario::codec::percent_encode(s)
}

#[tokio::test]
async fn oembed_answers_a_report_url_with_the_required_fields() {
    let url = format!("http://127.0.0.1:3000/report?v=1&{PLAYBOOK}");
    let (status, body) = get_json(&format!("/oembed?url={}&format=json", enc(&url))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // oEmbed 1.0, section 2.3.4: type and version always; html, width and
    // height for the rich type.
    assert_eq!(body["version"], "1.0");
    assert_eq!(body["type"], "rich");
    assert_eq!(body["provider_name"], "llm-roi");
    assert_eq!(body["provider_url"], "http://127.0.0.1:3000/");
    assert!(body["title"]
        .as_str()
        .unwrap()
        .starts_with("Moving Anthropic — Claude Haiku 4.5 to HolySheep"));
    let (w, h) = (
        body["width"].as_u64().unwrap(),
        body["height"].as_u64().unwrap(),
    );
    assert_eq!(w, 720);
    assert!(h > 300, "{h}");
    let html = body["html"].as_str().unwrap();
    assert!(
        // A version-1 link is re-written as version 2, naming its baseline.
        html.starts_with(r#"<iframe src="http://127.0.0.1:3000/embed?v=2&amp;in=0&amp;base=anthropic/claude-haiku-4-5&amp;target=holysheep/claude-haiku-4-5&amp;pb="#),
        "{html}"
    );
    assert!(
        html.contains(&format!(r#"width="{w}" height="{h}""#)),
        "{html}"
    );
    // No thumbnail: the spec requires all three thumbnail fields or none.
    assert!(body.get("thumbnail_url").is_none());
}

#[tokio::test]
async fn oembed_respects_maxwidth_maxheight_and_show() {
    let url = format!("http://127.0.0.1:3000/embed?{PLAYBOOK}&show=chart:savings");
    let (status, body) = get_json(&format!(
        "/oembed?url={}&maxwidth=400&maxheight=150",
        enc(&url)
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (body["width"].as_u64(), body["height"].as_u64()),
        (Some(400), Some(150))
    );
    assert!(
        body["html"]
            .as_str()
            .unwrap()
            .contains("&amp;show=chart:savings\""),
        "{body}"
    );
    // Without a height limit, the frame fits a chart scaled to 400 px.
    let (_, body) = get_json(&format!("/oembed?url={}&maxwidth=400", enc(&url))).await;
    assert_eq!(
        body["height"].as_u64(),
        Some(24 + 40 + 376 * 420 / 800 + 20)
    );
}

#[tokio::test]
async fn oembed_errors_follow_the_spec() {
    let report = enc(&format!("http://127.0.0.1:3000/report?{PLAYBOOK}"));
    for format in ["xml", "yaml"] {
        let (parts, body) = send(
            Request::get(format!("/oembed?url={report}&format={format}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(parts.status, StatusCode::NOT_IMPLEMENTED, "{format}");
        assert!(body.contains("format=json only"), "{body}");
    }
    for foreign in [
        "https://example.com/report?in=0",
        "http://127.0.0.1:3001/report?in=0",
        "http://127.0.0.1:3000/?in=0",
        "http://127.0.0.1:3000/chart/savings.svg",
        "not a url",
    ] {
        let (status, body) = get_json(&format!("/oembed?url={}", enc(foreign))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{foreign}");
        assert!(
            body["error"]
                .as_str()
                .unwrap()
                .contains("is not a report or embed of http://127.0.0.1:3000"),
            "{body}"
        );
    }
    let (status, body) = get_json(&format!(
        "/oembed?url={}",
        enc("http://127.0.0.1:3000/report?rpd=lots")
    ))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("cannot be used: rpd"),
        "{body}"
    );
    let (status, body) = get_json("/oembed?format=json").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]
        .as_str()
        .unwrap()
        .starts_with("url is required"));
    let (status, body) = get_json(&format!("/oembed?url={report}&maxwidth=wide")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .starts_with("maxwidth=\"wide\""),
        "{body}"
    );
}

#[tokio::test]
async fn oembed_uses_the_host_or_the_public_url() {
    let req = Request::get(format!(
        "/oembed?url={}",
        enc("http://wiki-facing.test:8080/report?in=0")
    ))
    .header("host", "wiki-facing.test:8080")
    .body(Body::empty())
    .unwrap();
    let (parts, body) = send(req).await;
    assert_eq!(parts.status, StatusCode::OK, "{body}");
    assert!(
        body.contains(r#"src=\"http://wiki-facing.test:8080/embed?v=2"#),
        "{body}"
    );
    let site = Site {
        public_url: Some("https://roi.example.com".into()),
        ..Site::default()
    };
    let req = Request::get(format!(
        "/oembed?url={}",
        enc("https://roi.example.com/report?in=0")
    ))
    .header("host", "10.0.0.5:3000")
    .body(Body::empty())
    .unwrap();
    let (parts, body) = TestApp::builder().site(site).build().send(req).await;
    assert_eq!(parts.status, StatusCode::OK, "{body}");
    assert!(body.contains("https://roi.example.com/embed?v=2"), "{body}");
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(
        v.as_str()
            .unwrap_or_else(|| panic!("not a decimal string: {v}")),
    )
    .unwrap()
}

#[tokio::test]
async fn the_csv_parses_and_its_totals_equal_the_json() {
    let q = format!("{PLAYBOOK}&cmp=holysheep/claude-haiku-4-5,openrouter/anthropic/claude-haiku-4.5&growth=5&horizon=24&cur=CNY");
    let (status, ctype, text) = get(&format!("/report.csv?{q}")).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(ctype, "text/csv; charset=utf-8; header=present");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "section",
            "option",
            "provider",
            "model",
            "month",
            "requests_per_day",
            "cost_per_request_CNY",
            "cost_per_day_CNY",
            "cost_per_month_CNY",
            "cost_per_year_CNY",
            "savings_per_month_CNY",
            "savings_pct",
            "fit",
            "requirements",
            "facts"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let (_, json) = get_json(&format!("/api/v1/estimate?{q}")).await;
    let options = json["options"].as_array().unwrap();
    assert_eq!(options.len(), 3);
    assert_eq!(records.len(), 3 + 3 * 24);
    let num =
        |s: &str| Decimal::from_str(s).unwrap_or_else(|_| panic!("not a plain number: {s:?}"));
    for (row, o) in records.iter().zip(options) {
        assert_eq!(&row[0], "options");
        let id = format!(
            "{}/{}",
            o["option"]["provider"].as_str().unwrap(),
            o["option"]["model"].as_str().unwrap()
        );
        assert_eq!(&row[1], id);
        assert_eq!(num(&row[6]), dec(&o["per_request"]["total"]));
        assert_eq!(num(&row[7]), dec(&o["per_day"]["total"]));
        assert_eq!(num(&row[8]), dec(&o["per_month"]["total"]));
        assert_eq!(num(&row[9]), dec(&o["per_year"]["total"]));
        assert_eq!(num(&row[10]), dec(&o["savings"]["per_month"]));
    }
    // The months of each option add up to the JSON projection's years.
    for p in json["forecast"]["projection"]["options"]
        .as_array()
        .unwrap()
    {
        let id = format!(
            "{}/{}",
            p["option"]["provider"].as_str().unwrap(),
            p["option"]["model"].as_str().unwrap()
        );
        let months: Vec<&csv::StringRecord> = records
            .iter()
            .filter(|r| &r[0] == "projection" && r[1] == id)
            .collect();
        assert_eq!(months.len(), 24, "{id}");
        let csv_total: Decimal = months.iter().map(|r| num(&r[8])).sum();
        let json_total: Decimal = p["years"].as_array().unwrap().iter().map(dec).sum();
        assert_eq!(csv_total, json_total, "{id}");
        for (r, m) in months.iter().zip(p["months"].as_array().unwrap()) {
            assert_eq!(num(&r[8]), dec(&m["cost"]));
            assert_eq!(num(&r[5]), dec(&m["requests_per_day"]));
        }
    }
    let (status, _, body) = get("/report.csv?rpd=lots&colour=blue").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains(r#""field":"rpd""#) && body.contains(r#""field":"colour""#),
        "{body}"
    );
}

async fn headers_of(app: &TestApp, uri: &str) -> axum::http::HeaderMap {
    let (parts, _) = app
        .send(Request::get(uri).body(Body::empty()).unwrap())
        .await;
    parts.headers
}

#[tokio::test]
async fn every_route_sends_the_framing_and_content_headers() {
    let site = Site {
        embed_origins: parse_embed_origins("https://wiki.example.com").unwrap(),
        ..Site::default()
    };
    let app = &TestApp::builder().site(site).build();
    let routes = [
        "/",
        "/?rpd=oops",
        "/report?in=0",
        "/probe",
        "/report.csv?in=0",
        "/api/v1/estimate?in=0",
        "/api/v1/estimate?rpd=oops",
        "/api/v1/pricebook",
        "/chart/savings.svg?in=0",
        "/oembed?url=x",
        "/nowhere",
        "/pkg/missing.js",
    ];
    for uri in routes {
        let h = headers_of(app, uri).await;
        assert_eq!(
            h["content-security-policy"], "frame-ancestors 'none'",
            "{uri}"
        );
        assert_eq!(h["x-frame-options"], "DENY", "{uri}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(
            h["referrer-policy"], "strict-origin-when-cross-origin",
            "{uri}"
        );
    }
    for uri in ["/embed", "/embed?in=0&show=chart:cost", "/embed?show=bad"] {
        let h = headers_of(app, uri).await;
        assert_eq!(
            h["content-security-policy"], "frame-ancestors 'self' https://wiki.example.com",
            "{uri}"
        );
        assert!(h.get("x-frame-options").is_none(), "{uri}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
    }
    let h = headers_of(&TestApp::builder().build(), "/embed").await;
    assert_eq!(h["content-security-policy"], "frame-ancestors 'self'");
}
