//! The probe's measurements against local mocks (nothing leaves 127.0.0.1).

use bytes::Bytes;
use llm_roi_core::probe::paired::overhead;
use llm_roi_core::probe::sample::{ErrorClass, TlsKind};
use llm_roi_probe::measure::{Conn, Endpoint, ProbeRequest, Prober, Timeouts};
use llm_roi_probe::tls::client_config;
use llm_roi_probe_mocks::*;
use std::net::SocketAddr;
use std::time::Duration;

fn endpoint(scheme: &str, host: &str, addr: SocketAddr) -> Endpoint {
    Endpoint::from_url(&url::Url::parse(&format!("{scheme}://{host}:{}", addr.port())).unwrap())
        .unwrap()
}

fn request(model: &str, key: Option<&str>, stream: bool) -> ProbeRequest {
    let body = format!(
        r#"{{"model":"{model}","max_tokens":1,"stream":{stream},"messages":[{{"role":"user","content":"ping"}}]}}"#
    );
    ProbeRequest {
        path: "/v1/messages".into(),
        body: Bytes::from(body),
        headers: key
            .map(|k| {
                vec![(
                    hyper::header::HeaderName::from_static("x-api-key"),
                    k.parse().unwrap(),
                )]
            })
            .unwrap_or_default(),
        expected_status: key.is_none().then_some(401),
        keep_body: false,
    }
}

fn prober(extra: &[rustls::pki_types::CertificateDer<'static>]) -> Prober {
    Prober::new(
        client_config(extra).unwrap(),
        Timeouts {
            phase: Duration::from_secs(2),
            request: Duration::from_secs(5),
        },
    )
}

/// Warm, interleaved (ABBA) pairs; returns (relay µs, direct µs) per pair.
async fn warm_pairs(
    p: &Prober,
    relay: &Endpoint,
    direct: &Endpoint,
    req: &ProbeRequest,
    n: usize,
) -> Vec<(u64, u64)> {
    let (mut rs, mut ds): (Option<Conn>, Option<Conn>) = (None, None);
    // Warm-up: open both connections.
    p.request(relay, req, &mut rs, true).await;
    p.request(direct, req, &mut ds, true).await;
    let mut pairs = Vec::new();
    for i in 0..n {
        let (r, d) = if i % 2 == 0 {
            let r = p.request(relay, req, &mut rs, true).await;
            (r, p.request(direct, req, &mut ds, true).await)
        } else {
            let d = p.request(direct, req, &mut ds, true).await;
            (p.request(relay, req, &mut rs, true).await, d)
        };
        assert!(
            r.reused && d.reused,
            "warm requests must reuse their connection"
        );
        assert_eq!((r.error, d.error), (None, None));
        pairs.push((r.phases.total_us.unwrap(), d.phases.total_us.unwrap()));
    }
    pairs
}

/// The paired median overhead is within 5 ms of `injected_ms`, inside its CI.
fn assert_overhead_near(pairs: &[(u64, u64)], injected_ms: f64) {
    let o = overhead(pairs).unwrap();
    assert!(
        (o.median_ms - injected_ms).abs() <= 5.0,
        "median {} ms, CI {}–{}",
        o.median_ms,
        o.ci_low_ms,
        o.ci_high_ms
    );
    assert!(o.ci_low_ms <= o.median_ms && o.median_ms <= o.ci_high_ms);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overhead_matches_the_injected_delay_over_http() {
    let upstream = serve(upstream_app(Delay::ms(5)), None).await;
    let relay = serve(relay_app(upstream, Delay::ms(40)), None).await;
    let p = prober(&[]);
    let req = request("claude-haiku-4-5", Some(GOOD_KEY), true);
    let pairs = warm_pairs(
        &p,
        &endpoint("http", "127.0.0.1", relay),
        &endpoint("http", "127.0.0.1", upstream),
        &req,
        20,
    )
    .await;
    assert_overhead_near(&pairs, 40.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streaming_gives_ttfb_first_event_and_ttft() {
    let upstream = serve(upstream_app(Delay::ms(0)), None).await;
    let p = prober(&[]);
    let mut slot = None;
    let m = p
        .request(
            &endpoint("http", "127.0.0.1", upstream),
            &request("claude-haiku-4-5", Some(GOOD_KEY), true),
            &mut slot,
            false,
        )
        .await;
    assert_eq!(m.status, Some(200));
    let ph = &m.phases;
    assert!(ph.request_written_us.unwrap() <= ph.ttfb_us.unwrap());
    assert!(
        ph.ttfb_us <= ph.first_event_us
            && ph.first_event_us <= ph.ttft_us
            && ph.ttft_us <= ph.total_us,
        "{ph:?}"
    );
    assert_eq!(ph.dns_us, None, "an IP address needs no DNS");
    assert!(ph.connect_us.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cold_tls_samples_show_dns_tcp_and_tls_and_warm_ones_reuse() {
    let pki = test_pki();
    let upstream = serve(upstream_app(Delay::ms(0)), Some(pki.server_config.clone())).await;
    let p = prober(std::slice::from_ref(&pki.ca));
    let ep = endpoint("https", "localhost", upstream);
    let req = request("claude-haiku-4-5", None, false);

    let mut slot = None;
    let cold = p.request(&ep, &req, &mut slot, false).await;
    assert_eq!((cold.status, cold.error), (Some(401), None), "{cold:?}");
    let ph = &cold.phases;
    assert!(ph.dns_us.is_some(), "`localhost` is resolved: {ph:?}");
    assert!(
        ph.dns_us <= ph.connect_us && ph.connect_us <= ph.tls_us && ph.tls_us <= ph.ttfb_us,
        "{ph:?}"
    );
    assert_eq!(ph.tls_kind, Some(TlsKind::Full));
    assert!(!cold.reused);

    let warm = p.request(&ep, &req, &mut slot, true).await;
    assert!(warm.reused);
    assert_eq!(warm.conn_id, cold.conn_id);
    assert_eq!(
        (
            warm.phases.dns_us,
            warm.phases.connect_us,
            warm.phases.tls_us
        ),
        (None, None, None)
    );

    // A second cold connection resumes the TLS session.
    let again = p.request(&ep, &req, &mut slot, false).await;
    assert_ne!(again.conn_id, cold.conn_id);
    assert_eq!(again.phases.tls_kind, Some(TlsKind::Resumed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_overhead_matches_the_injected_delay() {
    let pki = test_pki();
    let upstream = serve(upstream_app(Delay::ms(2)), Some(pki.server_config.clone())).await;
    let upstream_plain = serve(upstream_app(Delay::ms(2)), None).await;
    let relay = serve(
        relay_app(upstream_plain, Delay::ms(40)),
        Some(pki.server_config.clone()),
    )
    .await;
    let p = prober(std::slice::from_ref(&pki.ca));
    let req = request("claude-haiku-4-5", None, false);
    let pairs = warm_pairs(
        &p,
        &endpoint("https", "127.0.0.1", relay),
        &endpoint("https", "127.0.0.1", upstream),
        &req,
        20,
    )
    .await;
    assert_overhead_near(&pairs, 40.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_error_class_is_classified_from_the_mock() {
    let pki = test_pki();
    let upstream = serve(upstream_app(Delay::ms(0)), None).await;
    let slow = serve(upstream_app(Delay::ms(3_000)), None).await;
    let tls_upstream = serve(upstream_app(Delay::ms(0)), Some(pki.server_config.clone())).await;
    let p = Prober::new(
        client_config(&[]).unwrap(),
        Timeouts {
            phase: Duration::from_millis(500),
            request: Duration::from_secs(2),
        },
    );
    let ep = endpoint("http", "127.0.0.1", upstream);
    let class = |m: llm_roi_probe::measure::Measured| (m.error, m.retry_after_s);
    let mut slot = None;

    // Authenticated mode: 401 is a failure.
    let mut keyless = request("claude-haiku-4-5", None, false);
    keyless.expected_status = None;
    assert_eq!(
        class(p.request(&ep, &keyless, &mut slot, false).await),
        (Some(ErrorClass::Auth), None)
    );
    assert_eq!(
        class(
            p.request(
                &ep,
                &request("claude-haiku-4-5", Some(RATE_LIMITED_KEY), false),
                &mut slot,
                false
            )
            .await
        ),
        (Some(ErrorClass::RateLimit), Some(7))
    );
    assert_eq!(
        class(
            p.request(
                &ep,
                &request("claude-9", Some(GOOD_KEY), false),
                &mut slot,
                false
            )
            .await
        )
        .0,
        Some(ErrorClass::ModelNotFound)
    );
    assert_eq!(
        class(
            p.request(
                &ep,
                &request("bad-request", Some(GOOD_KEY), false),
                &mut slot,
                false
            )
            .await
        )
        .0,
        Some(ErrorClass::OtherClient)
    );
    assert_eq!(
        class(
            p.request(
                &ep,
                &request("overloaded", Some(GOOD_KEY), false),
                &mut slot,
                false
            )
            .await
        )
        .0,
        Some(ErrorClass::Server)
    );
    // A redirect is recorded, never followed.
    let redirector = serve(
        axum::Router::new().fallback(move || async move {
            axum::http::Response::builder()
                .status(302)
                .header(
                    "location",
                    format!("http://127.0.0.1:{}/v1/messages", upstream.port()),
                )
                .body(axum::body::Body::empty())
                .unwrap()
        }),
        None,
    )
    .await;
    let redirected = p
        .request(
            &endpoint("http", "127.0.0.1", redirector),
            &request("claude-haiku-4-5", Some(GOOD_KEY), false),
            &mut slot,
            false,
        )
        .await;
    assert_eq!(
        (redirected.status, redirected.error),
        (Some(302), Some(ErrorClass::Redirect))
    );
    // Unauthenticated mode: the expected 401 is a good, timed sample.
    let ok = p
        .request(
            &ep,
            &request("claude-haiku-4-5", None, false),
            &mut slot,
            false,
        )
        .await;
    assert_eq!((ok.error, ok.status), (None, Some(401)));
    assert!(ok.phases.total_us.is_some());

    let ok_req = request("claude-haiku-4-5", Some(GOOD_KEY), false);
    // Timeout: the mock takes 3 s, the phase limit is 0.5 s.
    assert_eq!(
        class(
            p.request(
                &endpoint("http", "127.0.0.1", slow),
                &ok_req,
                &mut slot,
                false
            )
            .await
        )
        .0,
        Some(ErrorClass::Timeout)
    );
    // Connection refused: a port nobody listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    assert_eq!(
        class(
            p.request(
                &endpoint("http", "127.0.0.1", closed),
                &ok_req,
                &mut slot,
                false
            )
            .await
        )
        .0,
        Some(ErrorClass::ConnectRefused)
    );
    // TLS failure: the test CA is not trusted by this prober.
    assert_eq!(
        class(
            p.request(
                &endpoint("https", "localhost", tls_upstream),
                &ok_req,
                &mut slot,
                false
            )
            .await
        )
        .0,
        Some(ErrorClass::Tls)
    );
    // DNS failure: a resolver whose only name server is 127.0.0.1:53 (nothing
    // listens there), so no query leaves this machine.
    use hickory_resolver::config::{NameServerConfig, ResolverConfig};
    use hickory_resolver::net::runtime::TokioRuntimeProvider;
    let local_only = ResolverConfig::from_name_servers(vec![NameServerConfig::tcp(
        "127.0.0.1".parse().unwrap(),
    )]);
    let resolver = hickory_resolver::TokioResolver::builder_with_config(
        local_only,
        TokioRuntimeProvider::default(),
    )
    .build()
    .unwrap();
    let p = Prober::with_resolver(
        client_config(&[]).unwrap(),
        Timeouts {
            phase: Duration::from_millis(1500),
            request: Duration::from_secs(3),
        },
        Some(resolver),
    );
    let dns = p
        .request(
            &endpoint("http", "no-such-host.invalid", upstream),
            &ok_req,
            &mut slot,
            false,
        )
        .await;
    assert_eq!(dns.error, Some(ErrorClass::Dns), "{dns:?}");
}
