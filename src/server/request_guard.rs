//! The router's outer guard: refuses a query longer than
//! [`MAX_QUERY_BYTES`] with `414 URI Too Long` before any handler reads it,
//! bounds the request body to the route's `max_body_bytes` (a larger
//! `Content-Length` gets `413` at once; any body is cut off past it, so
//! that no handler, server functions included, buffers more), and answers a handler's panic with a `500` in the route's format
//! (the panic's message is logged). tower-http's `CatchPanicLayer`
//! stays outside it as the very last resort.

use super::answer_format::answer;
use super::route_rules::rules;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use futures::FutureExt;
use http_body_util::Limited;
use llm_roi_core::scenario::codec::MAX_QUERY_BYTES;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

/// The default `--request-timeout`, in seconds.
pub const DEFAULT_REQUEST_TIMEOUT_S: u64 = 30;

/// The message of a caught panic.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)")
}

/// The 500 answer after a panic on `path`.
pub fn panic_answer(path: &str, panic: &(dyn std::any::Any + Send)) -> Response {
    tracing::error!(path, panic = panic_message(panic), "a request panicked");
    answer(
        rules(path).format,
        StatusCode::INTERNAL_SERVER_ERROR,
        "the server failed on this request; the failure is logged",
    )
}

/// The body's declared length, when it declares one.
fn content_length(req: &Request) -> Option<u64> {
    req.headers()
        .get(axum::http::header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// The middleware: the query cap and the body cap, then the handler with
/// its panics caught, within `timeout` unless the route keeps its own
/// deadline (503 in the route's format past it).
pub async fn guard(State(timeout): State<Duration>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let route = rules(&path);
    if content_length(&req).is_some_and(|n| n > route.max_body_bytes as u64) {
        return answer(
            route.format,
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!(
                "the body is over {} bytes, the most this route reads",
                route.max_body_bytes
            ),
        );
    }
    let (parts, body) = req.into_parts();
    let body = Body::new(Limited::new(body, route.max_body_bytes));
    let req = Request::from_parts(parts, body);
    let query_bytes = req.uri().query().map_or(0, str::len);
    if query_bytes > MAX_QUERY_BYTES {
        return answer(
            rules(&path).format,
            StatusCode::URI_TOO_LONG,
            &format!(
                "the query is {query_bytes} bytes; at most {MAX_QUERY_BYTES} are read. A link made by llm-roi is far shorter: remove repeated or unknown parameters"
            ),
        );
    }
    let run = AssertUnwindSafe(next.run(req)).catch_unwind();
    let ran = if route.own_deadline {
        Ok(run.await)
    } else {
        tokio::time::timeout(timeout, run).await
    };
    match ran {
        Ok(Ok(res)) => res,
        Ok(Err(panic)) => panic_answer(&path, panic.as_ref()),
        Err(_) => {
            tracing::warn!(path, ms = timeout.as_millis() as u64, "request timed out");
            answer(
                route.format,
                StatusCode::SERVICE_UNAVAILABLE,
                &format!(
                    "the server took over {} s (--request-timeout) on this request; try again",
                    timeout.as_secs()
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    async fn boom() -> &'static str {
        panic!("boom")
    }

    async fn slow() -> &'static str {
        tokio::time::sleep(Duration::from_millis(300)).await;
        "done"
    }

    fn router() -> Router {
        Router::new()
            .route("/api/v1/slow", get(slow))
            .route("/api/v1/workloads", get(slow))
            .route("/api/v1/boom", get(boom))
            .route("/chart/boom.svg", get(boom))
            .route("/ok", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(
                Duration::from_millis(100),
                guard,
            ))
    }

    async fn call(uri: &str) -> Response {
        let req = Request::builder().uri(uri).body(Body::empty());
        match req {
            Ok(req) => router().oneshot(req).await.unwrap_or_else(|e| match e {}),
            Err(e) => panic!("{uri}: {e}"),
        }
    }

    #[tokio::test]
    async fn a_panic_is_answered_in_the_routes_format() {
        let res = call("/api/v1/boom").await;
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(res.headers()["content-type"], "application/json");
        let res = call("/chart/boom.svg").await;
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(res.headers()["content-type"], "image/svg+xml");
    }

    #[tokio::test]
    async fn a_query_past_the_cap_is_414_and_one_at_it_is_served() {
        let at_cap = format!("/ok?x={}", "a".repeat(MAX_QUERY_BYTES - 2));
        assert_eq!(call(&at_cap).await.status(), StatusCode::OK);
        let past = format!("/ok?x={}", "a".repeat(MAX_QUERY_BYTES - 1));
        assert_eq!(call(&past).await.status(), StatusCode::URI_TOO_LONG);
    }

    #[tokio::test]
    async fn a_slow_answer_is_503_unless_the_route_keeps_its_own_deadline() {
        let res = call("/api/v1/slow").await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(res.headers()["content-type"], "application/json");
        assert_eq!(call("/api/v1/workloads").await.status(), StatusCode::OK);
    }
}
