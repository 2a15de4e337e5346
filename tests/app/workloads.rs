//! `POST /api/v1/workloads`: a usage log in, its classes and links out; the
//! link then estimates the log route by route.

use crate::support::{get_json, option, send};
use axum::body::Body;
use axum::http::{Request, StatusCode};

async fn post(body: impl Into<Body>) -> (StatusCode, serde_json::Value) {
    let req = Request::post("/api/v1/workloads")
        .header("content-type", "text/csv")
        .body(body.into())
        .unwrap();
    let (parts, text) = send(req).await;
    (parts.status, serde_json::from_str(&text).unwrap())
}

const MIXED: &str = include_str!("../fixtures/usage/mixed.csv");

#[tokio::test]
async fn a_log_becomes_classes_and_a_link_that_prices_it_exactly() {
    let (status, body) = post(MIXED).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["format"], "llm-roi generic");
    assert_eq!(body["rows"], 3);
    assert_eq!(body["bad_rows"][0]["line"], 5);
    assert_eq!(body["bad_rows"][0]["field"], "input_tokens");
    assert_eq!(body["days"], 2);
    assert_eq!(body["first_day"], "2026-11-01");
    let classes = body["classes"].as_array().unwrap();
    assert_eq!(classes.len(), 3);
    assert_eq!(classes[1]["model"], "anthropic/claude-sonnet-4-5");
    assert_eq!(classes[1]["band"], "input ≤ 200000");
    assert_eq!(classes[2]["band"], "input > 200000");
    assert_eq!(classes[2]["largest_input_tokens"], 250_000);
    let mix = body["mix"].as_str().unwrap();
    // Day 1 costs $0.95, day 2 $1.5225; the mean day $1.23625: the p10 day
    // is 0.77 of it, the p90 day 1.23.
    assert!(
        body["link"]
            .as_str()
            .unwrap()
            .starts_with("/?mix=1:2~0.77~1.23:anthropic/"),
        "{body}"
    );
    assert!(body["report"]
        .as_str()
        .unwrap()
        .contains(&format!("mix={mix}")));

    // The log as sent: $2.4725 over 2 days (see the CLI test for the sum).
    let query = body["report"]
        .as_str()
        .unwrap()
        .trim_start_matches("/report?");
    let (status, e) = get_json(&format!("/api/v1/estimate?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    let base = option(&e, "as-logged/mix");
    assert_eq!(base["is_baseline"], true);
    assert_eq!(base["per_day"]["total"], "1.23625");
    assert_eq!(base["per_month"]["total"], "37.0875");
    let relay = option(&e, "holysheep/mix");
    assert_eq!(relay["model_name"], "2 of 2 models");
    assert!(
        e["forecast"]["projection"]["options"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
}

#[tokio::test]
async fn a_log_that_cannot_be_a_workload_says_why() {
    let (status, body) = post("model,input_tokens,output_tokens\nnot-a-model,10,10\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("`not-a-model`"),
        "{body}"
    );
    let (status, body) = post("").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"], "the file is empty");
    let (status, body) = post("hello,world\n1,2\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("not a usage log"),
        "{body}"
    );
    // Every row bad: 422 with the rows, by line and field.
    let (status, body) =
        post("model,input_tokens,output_tokens\nclaude-haiku-4-5,,5\nclaude-haiku-4-5,5,\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["bad_rows"][0]["line"], 2, "{body}");
    assert_eq!(body["bad_rows"][0]["field"], "input_tokens", "{body}");
    assert_eq!(body["bad_rows"][1]["field"], "output_tokens", "{body}");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .starts_with("no row of the log could be read (2 bad rows)"),
        "{body}"
    );
}

#[tokio::test]
async fn unknown_models_are_named_with_their_share_and_the_rest_is_priced() {
    let log = "model,input_tokens,output_tokens,requests\n\
               claude-haiku-4-5,1000,100,3\n\
               ft:gpt-4.1-mini:acme::abc123,500,50,1\n";
    let (status, body) = post(log).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["not_priced"],
        "25 % of requests not priced: ft:gpt-4.1-mini:acme::abc123 (1 row, 1 request, 550 tokens, 25 % of requests)"
    );
    assert_eq!(body["models"][1]["priced"], false, "{body}");
    assert_eq!(body["models"][0]["input_tokens"], 3_000, "{body}");
    assert_eq!(body["classes"].as_array().unwrap().len(), 1, "{body}");
    // `map=` prices the fine-tune as its base model.
    let with_map = |query: &str| {
        Request::post(format!("/api/v1/workloads?{query}"))
            .header("content-type", "text/csv")
            .body(Body::from(log))
            .unwrap()
    };
    let (parts, text) = send(with_map(
        "map=ft%3Agpt-4.1-mini%3Aacme%3A%3Aabc123%3Dgpt-4.1-mini",
    ))
    .await;
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parts.status, StatusCode::OK, "{body}");
    assert_eq!(body["not_priced"], serde_json::Value::Null, "{body}");
    assert_eq!(body["models"][1]["mapped_to"], "gpt-4.1-mini", "{body}");
    assert_eq!(body["classes"].as_array().unwrap().len(), 2, "{body}");
    let (parts, text) = send(with_map("map=nonsense")).await;
    assert_eq!(parts.status, StatusCode::BAD_REQUEST, "{text}");
    assert!(text.contains("map: `nonsense` is not from=to"), "{text}");
    let (parts, text) = send(with_map("map=a%3Dgpt-99")).await;
    assert_eq!(parts.status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
}

#[tokio::test]
async fn every_view_of_a_mix_link_shows_the_workload_and_its_routes() {
    let (_, body) = post(MIXED).await;
    let query = body["report"]
        .as_str()
        .unwrap()
        .trim_start_matches("/report?")
        .to_string();
    let get = |path: String| async move { crate::support::get(&path).await };
    for path in [format!("/?{query}"), format!("/report?{query}")] {
        let (status, _, html) = get(path.clone()).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains("data-testid=\"workload\""), "{path}");
        assert!(
            html.contains("13 requests over 2 days (6.5 a day), 3 classes on 2 models"),
            "{path}"
        );
        assert!(html.contains("As logged"), "{path}");
        // $1.23625 a day, $37.0875 a month.
        assert!(html.contains("$37.09"), "{path}");
        // $37.0875 × 0.77 and × 1.23.
        assert!(html.contains("p10–p90 $28.56–$45.62"), "{path}");
        assert!(!html.contains("field-error\" role=\"alert\""), "{path}");
    }
    let (status, ctype, csv) = get(format!("/report.csv?{query}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/csv"));
    assert!(
        csv.contains("options,as-logged/mix,As logged,each model on its vendor's API,,6.5,"),
        "{csv}"
    );
    for chart in ["cost", "savings", "rollout"] {
        let (status, ctype, svg) = get(format!("/chart/{chart}.svg?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{chart}: {svg:.200}");
        assert!(ctype.starts_with("image/svg+xml"), "{chart}");
    }
    // The single-model keys and a mix together: one error naming them.
    let (status, e) = get_json(&format!("/api/v1/estimate?{query}&rpd=5&in=9")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        e["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("rpd, in cannot be used with it: drop them"),
        "{e}"
    );
}

/// A body that sends `first` and then nothing, never ending.
fn stalled(first: &'static str) -> Body {
    use futures::StreamExt as _;
    let chunk = futures::stream::once(async move {
        Ok::<_, std::io::Error>(axum::body::Bytes::from_static(first.as_bytes()))
    });
    Body::from_stream(chunk.chain(futures::stream::pending()))
}

#[tokio::test]
async fn a_stalled_upload_times_out_and_holds_its_reader_only_until_then() {
    use llm_roi::server::upload_gate::Uploads;
    use std::time::Duration;
    let app = crate::support::TestApp::builder()
        .uploads(Uploads::new(1, Duration::from_millis(300)).with_wait(Duration::from_millis(50)))
        .build();
    let req = |body: Body| {
        Request::post("/api/v1/workloads")
            .header("content-type", "text/csv")
            .body(body)
            .unwrap()
    };
    let slow = app.send(req(stalled("model,input_tokens,output_tokens\n")));
    let busy = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        app.send(req(Body::from(MIXED))).await
    };
    let ((slow, text), (busy, busy_text)) = tokio::join!(slow, busy);
    assert_eq!(slow.status, StatusCode::REQUEST_TIMEOUT, "{text}");
    assert!(text.contains("--upload-timeout"), "{text}");
    assert_eq!(busy.status, StatusCode::SERVICE_UNAVAILABLE, "{busy_text}");
    assert_eq!(busy.headers["retry-after"], "5");
    assert!(busy_text.contains("--max-uploads"), "{busy_text}");
    // The reader is free again once the stalled upload timed out.
    let (after, text) = app.send(req(Body::from(MIXED))).await;
    assert_eq!(after.status, StatusCode::OK, "{text}");
    // A file of a multipart upload that stalls times out the same way.
    let part = "--B\r\nContent-Disposition: form-data; name=\"log\"; filename=\"slow.csv\"\r\n\r\nmodel,input_tokens,output_tokens\n";
    let multipart = Request::post("/api/v1/workloads")
        .header("content-type", "multipart/form-data; boundary=B")
        .body(stalled(part))
        .unwrap();
    let (slow, text) = app.send(multipart).await;
    assert_eq!(slow.status, StatusCode::REQUEST_TIMEOUT, "{text}");
    assert!(text.contains("slow.csv: "), "{text}");
}

#[tokio::test]
async fn a_log_past_the_day_cap_is_refused_at_the_row_that_passes_it() {
    let mut csv = String::from("model,input_tokens,output_tokens,timestamp\n");
    for i in 0..20_000 {
        let day = llm_roi_core::money::date::CalendarDate::from_days_since_epoch(i);
        csv.push_str(&format!("claude-haiku-4-5,1,1,{day}\n"));
    }
    let (status, body) = post(csv).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let e = body["error"].as_str().unwrap();
    assert!(
        e.starts_with("line 3662, timestamp: the log spans 3661 days"),
        "{e}"
    );
}

#[tokio::test]
async fn the_files_of_one_multipart_upload_are_one_log() {
    let csv = "model,input_tokens,output_tokens,requests,timestamp\nclaude-haiku-4-5,1000,100,3,2026-11-01\n";
    let jsonl = include_str!("../fixtures/usage/openai-responses.jsonl").to_string()
        + "{\"object\":\"chat.completion\",\"model\":\"gpt-4.1\",\"usage\":{}}\n";
    let body = format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"log\"; filename=\"november.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"log\"; filename=\"responses.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n{jsonl}\r\n\
         --XyZ--\r\n"
    );
    let req = Request::post("/api/v1/workloads")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(Body::from(body))
        .unwrap();
    let (parts, text) = send(req).await;
    assert_eq!(parts.status, StatusCode::OK, "{text}");
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    // 1 row of the CSV and 2 responses; the third response is bad.
    assert_eq!(body["rows"], 3, "{body}");
    assert_eq!(body["bad_rows"][0]["file"], "responses.jsonl", "{body}");
    assert_eq!(body["bad_rows"][0]["line"], 3, "{body}");
    let models: Vec<&str> = body["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["model"].as_str().unwrap())
        .collect();
    assert_eq!(
        models,
        [
            "claude-haiku-4-5",
            "gpt-4.1-2025-04-14",
            "gpt-4.1-mini-2025-04-14"
        ]
    );
    // The days of both files: 2025-03-08 to 2026-11-01.
    assert_eq!(body["first_day"], "2025-03-08", "{body}");
    assert_eq!(body["last_day"], "2026-11-01", "{body}");
    // A broken multipart body is a bad request, not a log.
    let req = Request::post("/api/v1/workloads")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(Body::from("--XyZ\r\nno headers"))
        .unwrap();
    let (parts, text) = send(req).await;
    assert_eq!(parts.status, StatusCode::BAD_REQUEST, "{text}");
}
