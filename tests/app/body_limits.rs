//! Every route reads a bounded body (`route_rules::max_body_bytes`): 64 KiB
//! for JSON, forms and server functions, 50 MiB for a usage upload. A
//! larger `Content-Length` is refused before the handler; a body without
//! one is cut off past the limit, so the server stops reading it.

use crate::support::send;
use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode};
use llm_roi::server::route_rules::{FORM_BODY_BYTES, UPLOAD_BODY_BYTES};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// 1 MiB in 8 KiB chunks, without a `Content-Length`, counting what the
/// server pulls from it.
fn endless(pulled: Arc<AtomicUsize>) -> Body {
    let chunks = (0..128).map(move |_| {
        pulled.fetch_add(8192, Ordering::Relaxed);
        Ok::<_, std::io::Error>(Bytes::from(vec![b'a'; 8192]))
    });
    Body::from_stream(futures::stream::iter(chunks))
}

#[tokio::test]
async fn a_declared_length_past_the_limit_is_413_before_the_handler() {
    for (path, limit) in [
        ("/api/fn/probe_start", FORM_BODY_BYTES),
        ("/api/fn/probe_cancel", FORM_BODY_BYTES),
        ("/api/v1/probe/runs", FORM_BODY_BYTES),
        ("/api/v1/probe/honesty", FORM_BODY_BYTES),
        ("/probe/honesty", FORM_BODY_BYTES),
        ("/api/v1/workloads", UPLOAD_BODY_BYTES),
    ] {
        let req = Request::post(path)
            .header("content-type", "application/json")
            .header("content-length", (limit + 1).to_string())
            .body(Body::empty())
            .unwrap();
        let (parts, text) = send(req).await;
        assert_eq!(
            parts.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{path}: {text}"
        );
        assert!(
            text.contains(&format!("over {limit} bytes")),
            "{path}: {text}"
        );
    }
}

#[tokio::test]
async fn a_server_function_stops_reading_a_body_past_the_limit() {
    for path in ["/api/fn/probe_start", "/api/fn/probe_cancel"] {
        let pulled = Arc::new(AtomicUsize::new(0));
        let req = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(endless(pulled.clone()))
            .unwrap();
        let (parts, text) = send(req).await;
        assert!(
            !parts.status.is_success(),
            "{path}: {} {text}",
            parts.status
        );
        let read = pulled.load(Ordering::Relaxed);
        assert!(
            read <= FORM_BODY_BYTES + 8192,
            "{path}: {read} bytes pulled for a {FORM_BODY_BYTES}-byte limit"
        );
    }
}
