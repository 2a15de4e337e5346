//! The axum router: the JSON API, server functions and the Leptos pages.

use super::api;
use super::headers::{self, SecurityHeaders};
use super::probe_routes::runs as probe;
use super::probe_routes::{audit, history, honesty};
use super::render_cache::RenderCache;
use super::state::AppState;
use crate::app::{shell, App};
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::{Arc, OnceLock};

/// The app's page routes, listed once per process.
///
/// Listing renders the app with resource loading switched off for the whole
/// process: `RouteList::generate` holds `leptos::server::SuppressResourceLoad`,
/// which sets one global `AtomicBool`, and a resource first polled while it is
/// set awaits `std::future::pending()` for ever. A page rendered on another
/// thread during a listing would never finish. Listing once, before the first
/// router exists, leaves no render to overlap it; later routers reuse the list.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The very last resort, for a panic outside the request guard: a `500`
/// with a short text instead of a reset connection.
fn last_resort(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    super::request_guard::panic_answer("", panic.as_ref())
}

type Req = axum::http::Request<axum::body::Body>;
/// The span layer, for answers with a body of type `B`.
type RequestSpans<B> = tower_http::trace::TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
    fn(&Req) -> tracing::Span,
    (),
    fn(&axum::http::Response<B>, std::time::Duration, &tracing::Span),
>;

/// A request's span: its method and path (never the query, which holds a
/// team's traffic); the status is recorded when it is answered.
fn request_span(req: &Req) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %req.method(),
        path = %req.uri().path(),
        status = tracing::field::Empty,
    )
}

/// Logs an answer's status and time in its request's span.
fn answered<B>(res: &axum::http::Response<B>, latency: std::time::Duration, span: &tracing::Span) {
    span.record("status", res.status().as_u16());
    tracing::info!(
        status = res.status().as_u16(),
        ms = latency.as_millis(),
        "answered"
    );
}

/// A span per request, and a line when it is answered.
fn request_spans<B>() -> RequestSpans<B> {
    tower_http::trace::TraceLayer::new_for_http()
        .make_span_with(request_span as fn(&Req) -> tracing::Span)
        .on_request(())
        .on_response(
            answered::<B> as fn(&axum::http::Response<B>, std::time::Duration, &tracing::Span),
        )
}

/// Builds the whole application's router.
pub fn build(state: AppState) -> Router {
    let routes = page_routes();
    // What the pages' context and shell capture sits behind one Arc each:
    // axum clones a route's handler, and so its captures, on every request.
    let parts = Arc::new((
        state.book.clone(),
        state.site.clone(),
        super::probe_routes::ProbeHandle(state.probe.clone()),
        state.operator.clone(),
    ));
    let context = move || {
        let (book, site, probe_handle, operator) = &*parts;
        provide_context(book.clone());
        provide_context(site.clone());
        provide_context(probe_handle.clone());
        provide_context(operator.clone());
    };
    let security = Arc::new(SecurityHeaders::new(&state.site));
    let request_timeout = state.request_timeout;
    let origin_site = Arc::new(state.site.clone());
    let cache = Arc::new(RenderCache::new(
        state.site.render_cache_mb,
        &state.book.fingerprint,
    ));
    let status_cache = cache.clone();
    let options = Arc::new(state.leptos_options.clone());
    let pkg_dir =
        std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let pages = Router::new()
        .route("/api/v1/pricebook", get(api::pricebook))
        .route(
            "/api/v1/pricebook/{file}",
            get(super::pricebook_asset_route::serve),
        )
        .route("/api/v1/estimate", get(api::estimate))
        .route("/api/v1/workloads", post(super::workloads::import))
        .route("/api/v1/reconcile", post(super::reconcile_route::reconcile))
        .route("/chart/{file}", get(super::charts::route::chart))
        .route("/report.csv", get(super::export::report_csv))
        .route("/oembed", get(super::oembed::oembed))
        .route("/api/v1/probe/status", get(probe::status))
        .route(
            "/api/v1/status",
            get(move || api::status(status_cache.clone())),
        )
        .route("/api/v1/probe/runs", post(probe::start))
        .route("/api/v1/probe/runs/{id}", get(probe::get_run))
        .route("/api/v1/probe/runs/{id}/events", get(probe::events))
        .route("/api/v1/probe/runs/{id}/cancel", post(probe::cancel))
        .route("/api/v1/probe/history", get(history::history_json))
        .route("/probe/history.csv", get(history::history_csv))
        .route(
            "/api/v1/probe/honesty",
            get(honesty::honesty_plan).post(honesty::honesty_run),
        )
        .route("/probe/honesty", post(honesty::honesty_form))
        .route(
            "/api/v1/probe/audit",
            get(audit::audit_plan).post(audit::audit_run),
        )
        .route("/probe/audit", post(audit::audit_form))
        .nest_service("/pkg", super::assets::service(&pkg_dir))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell((*options).clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            history::preload,
        ))
        .with_state(state.clone());
    // The middlewares wrap the router once, outermost first. Layered on the
    // router (`Router::layer`), they wrapped every route apart, and axum
    // cloned and dropped a route's whole boxed stack on every request, the
    // render cache's hits included: a repeated /report ran at 38.5k req/s
    // that way and at 46.5k this way (release, two threads, wrk).
    let stack = tower::ServiceBuilder::new()
        .layer(request_spans())
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            last_resort,
        ))
        // brotli or gzip as the client accepts, for every answer but images
        // other than SVG, server-sent events, bodies under 32 bytes and
        // what the render cache sends from its compressed copies.
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(middleware::from_fn_with_state(security, headers::add))
        .layer(middleware::from_fn_with_state(
            request_timeout,
            super::request_guard::guard,
        ))
        .layer(middleware::from_fn_with_state(
            origin_site,
            super::same_origin::guard,
        ))
        .layer(middleware::from_fn(super::etag::conditional))
        .layer(middleware::from_fn_with_state(state, history::stamp))
        .layer(middleware::from_fn_with_state(
            cache,
            super::render_cache::serve,
        ))
        .service(pages);
    Router::new().fallback_service(stack)
}

#[cfg(test)]
mod tests {
    use super::last_resort;

    #[test]
    fn a_panic_is_answered_500_with_a_short_page() {
        for panic in [
            Box::new("boom") as Box<dyn std::any::Any + Send>,
            Box::new(String::from("boom")),
            Box::new(7_u8),
        ] {
            let res = last_resort(panic);
            assert_eq!(res.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
        }
    }
}
