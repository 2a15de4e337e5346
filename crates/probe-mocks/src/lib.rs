//! Local servers for llm-roi's probe tests and the browser tests' probe: a
//! mock of the Anthropic Messages API (with prompt caching and spaced
//! streams) and a relay that forwards to it with a known delay, honestly or
//! in a [`RelayMode`] that misbehaves, over HTTP or TLS. Everything listens
//! on 127.0.0.1.
//!
//! Usage:
//!
//! ```no_run
//! # async fn demo() {
//! use llm_roi_probe_mocks::{relay_app, serve, upstream_app, Delay};
//! let upstream = serve(upstream_app(Delay::ms(3)), None).await;
//! let relay = serve(relay_app(upstream, Delay::ms(40)), None).await;
//! // POST http://{relay}/v1/messages with x-api-key: GOOD_KEY
//! # }
//! ```
// Test support: a failed unwrap here is the calling test failing.
#![expect(
    clippy::unwrap_used,
    reason = "test support: a failed unwrap is the calling test failing"
)]

mod relay;
mod upstream;

pub use relay::{
    relay_app, relay_app_with, Mode, RelayMode, HIDDEN_PROMPT, OTHER_MODEL, OTHER_TEXT,
};
pub use upstream::{upstream_app, DELTA_GAP_MS};

use axum::Router;
use hyper_util::rt::TokioIo;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// The key the mock accepts; any other key is a 401.
pub const GOOD_KEY: &str = "sk-test-good-key-0123456789";
/// A key that gets 429 with `retry-after: 7`.
pub const RATE_LIMITED_KEY: &str = "sk-test-rate-limited";

/// A test CA and a server certificate for `localhost` and 127.0.0.1.
pub struct TestPki {
    pub ca: CertificateDer<'static>,
    pub server_config: Arc<rustls::ServerConfig>,
}

pub fn test_pki() -> TestPki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let params =
        CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = params.signed_by(&key, &ca).unwrap();
    let server_config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![cert.der().clone()],
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    )
    .unwrap();
    TestPki {
        ca: ca.der().clone(),
        server_config: Arc::new(server_config),
    }
}

/// Serves `app` over plain HTTP on 127.0.0.1:`port`; returns the address.
pub async fn serve_on(port: u16, app: Router) -> SocketAddr {
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    serve_listener(listener, app, None)
}

/// Serves `app` on 127.0.0.1, over TLS when `tls` is given; returns the address.
pub async fn serve(app: Router, tls: Option<Arc<rustls::ServerConfig>>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    serve_listener(listener, app, tls)
}

fn serve_listener(
    listener: TcpListener,
    app: Router,
    tls: Option<Arc<rustls::ServerConfig>>,
) -> SocketAddr {
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let _ = tcp.set_nodelay(true);
            let app = app.clone();
            let tls = tls.clone();
            tokio::spawn(async move {
                let service = hyper_util::service::TowerToHyperService::new(app);
                let http = hyper::server::conn::http1::Builder::new();
                match tls {
                    Some(config) => {
                        if let Ok(stream) =
                            tokio_rustls::TlsAcceptor::from(config).accept(tcp).await
                        {
                            let _ = http.serve_connection(TokioIo::new(stream), service).await;
                        }
                    }
                    None => {
                        let _ = http.serve_connection(TokioIo::new(tcp), service).await;
                    }
                }
            });
        }
    });
    addr
}

/// The mock upstream's processing delay, in ms, adjustable while it runs.
#[derive(Clone, Default)]
pub struct Delay(pub Arc<AtomicU64>);

impl Delay {
    pub fn ms(v: u64) -> Self {
        Self(Arc::new(AtomicU64::new(v)))
    }
    pub fn get(&self) -> Duration {
        Duration::from_millis(self.0.load(Ordering::Relaxed))
    }
}
