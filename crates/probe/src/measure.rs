//! One timed request, on a connection built by hand as oha does: DNS by
//! hickory-resolver, a tokio `TcpStream` with `TCP_NODELAY`, tokio-rustls, and
//! hyper's `client::conn::http1`.

use super::endpoint::host_header;
pub use super::endpoint::Endpoint;
use super::sse_scan::SseScan;
use super::timed_io::{us, IoClock, TimedIo};
use bytes::Bytes;
use hickory_resolver::TokioResolver;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use llm_roi_core::probe::sample::{ErrorClass, Phases, TlsKind};
use rustls::pki_types::ServerName;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// Limits for each phase and for a whole request.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub phase: Duration,
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            phase: Duration::from_secs(5),
            request: Duration::from_secs(30),
        }
    }
}

/// The request a probe sends.
#[derive(Debug, Clone)]
pub struct ProbeRequest {
    /// Appended to the endpoint's base path, e.g. `/v1/messages`.
    pub path: String,
    pub body: Bytes,
    /// Extra headers; an API key goes here and nowhere else.
    pub headers: Vec<(hyper::header::HeaderName, hyper::header::HeaderValue)>,
    /// A status that counts as a good sample besides 2xx (401 without a key).
    pub expected_status: Option<u16>,
    /// Keep the response body (up to [`MAX_KEPT_BODY`]) in [`Measured::body`].
    pub keep_body: bool,
}

/// The most of a response body a request keeps.
pub const MAX_KEPT_BODY: usize = 256 * 1024;

/// A kept-alive connection.
pub struct Conn {
    sender: http1::SendRequest<Full<Bytes>>,
    clock: IoClock,
    /// Which connection this is, to check reuse.
    pub id: u64,
}

/// What one request gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub phases: Phases,
    pub status: Option<u16>,
    pub error: Option<ErrorClass>,
    pub retry_after_s: Option<u64>,
    /// The connection used: a new one, or the reused `id`.
    pub conn_id: Option<u64>,
    pub reused: bool,
    /// The response body, when the request asked to keep it.
    pub body: Option<Bytes>,
}

/// Builds connections and times requests.
pub struct Prober {
    tls: Arc<rustls::ClientConfig>,
    resolver: Option<TokioResolver>,
    timeouts: Timeouts,
    next_conn: AtomicU64,
}

fn failed(phases: Phases, error: ErrorClass) -> Measured {
    Measured {
        phases,
        status: None,
        error: Some(error),
        retry_after_s: None,
        conn_id: None,
        reused: false,
        body: None,
    }
}

impl Prober {
    /// A prober trusting `tls`'s roots; DNS from the system configuration
    /// (`/etc/hosts` first, then `/etc/resolv.conf`).
    pub fn new(tls: Arc<rustls::ClientConfig>, timeouts: Timeouts) -> Self {
        let resolver = TokioResolver::builder_tokio()
            .ok()
            .and_then(|b| b.build().ok());
        Self::with_resolver(tls, timeouts, resolver)
    }

    /// A prober with its own resolver; `None` makes every name a DNS failure.
    pub fn with_resolver(
        tls: Arc<rustls::ClientConfig>,
        timeouts: Timeouts,
        resolver: Option<TokioResolver>,
    ) -> Self {
        Self {
            tls,
            resolver,
            timeouts,
            next_conn: AtomicU64::new(1),
        }
    }

    async fn resolve(
        &self,
        ep: &Endpoint,
        phases: &mut Phases,
        t0: Instant,
    ) -> Result<Vec<IpAddr>, ErrorClass> {
        if let Some(ips) = &ep.pinned {
            return Ok(ips.clone());
        }
        if let Ok(ip) = ep.host.parse::<IpAddr>() {
            return Ok(vec![ip]);
        }
        let resolver = self.resolver.as_ref().ok_or(ErrorClass::Dns)?;
        let found = timeout(self.timeouts.phase, resolver.lookup_ip(ep.host.as_str()))
            .await
            .map_err(|_| ErrorClass::Timeout)?
            .map_err(|_| ErrorClass::Dns)?;
        phases.dns_us = Some(us(t0));
        let ips: Vec<IpAddr> = found.iter().collect();
        if ips.is_empty() {
            return Err(ErrorClass::Dns);
        }
        Ok(ips)
    }

    /// Opens a new connection, recording DNS, TCP and TLS phases.
    async fn connect(
        &self,
        ep: &Endpoint,
        phases: &mut Phases,
        t0: Instant,
    ) -> Result<Conn, ErrorClass> {
        let ips = self.resolve(ep, phases, t0).await?;
        // Each address in turn (a name may resolve to ::1 before 127.0.0.1).
        let mut last = ErrorClass::Network;
        let mut tcp = None;
        for ip in ips {
            match timeout(
                self.timeouts.phase,
                TcpStream::connect(SocketAddr::new(ip, ep.port)),
            )
            .await
            {
                Ok(Ok(stream)) => {
                    tcp = Some(stream);
                    break;
                }
                Ok(Err(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                    last = ErrorClass::ConnectRefused
                }
                Ok(Err(_)) => last = ErrorClass::Network,
                Err(_) => last = ErrorClass::Timeout,
            }
        }
        let tcp = tcp.ok_or(last)?;
        phases.connect_us = Some(us(t0));
        tcp.set_nodelay(true).map_err(|_| ErrorClass::Network)?;
        let clock = IoClock::default();
        let sender = if ep.https {
            let name = ServerName::try_from(ep.host.clone()).map_err(|_| ErrorClass::Tls)?;
            let tls = timeout(
                self.timeouts.phase,
                tokio_rustls::TlsConnector::from(self.tls.clone()).connect(name, tcp),
            )
            .await
            .map_err(|_| ErrorClass::Timeout)?
            .map_err(|_| ErrorClass::Tls)?;
            phases.tls_us = Some(us(t0));
            phases.tls_kind = Some(match tls.get_ref().1.handshake_kind() {
                Some(rustls::HandshakeKind::Resumed) => TlsKind::Resumed,
                _ => TlsKind::Full,
            });
            handshake(TimedIo::new(tls, clock.clone())).await?
        } else {
            handshake(TimedIo::new(tcp, clock.clone())).await?
        };
        Ok(Conn {
            sender,
            clock,
            id: self.next_conn.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// Times one request. With `reuse`, a ready connection in `slot` is used
    /// again; otherwise (or when it has closed) a new one replaces it.
    pub async fn request(
        &self,
        ep: &Endpoint,
        req: &ProbeRequest,
        slot: &mut Option<Conn>,
        reuse: bool,
    ) -> Measured {
        match timeout(
            self.timeouts.request,
            self.request_inner(ep, req, slot, reuse),
        )
        .await
        {
            Ok(m) => m,
            Err(_) => {
                *slot = None;
                failed(Phases::default(), ErrorClass::Timeout)
            }
        }
    }

    async fn request_inner(
        &self,
        ep: &Endpoint,
        req: &ProbeRequest,
        slot: &mut Option<Conn>,
        reuse: bool,
    ) -> Measured {
        let t0 = Instant::now();
        let mut phases = Phases::default();
        let mut reusable = false;
        if reuse {
            if let Some(c) = slot.as_mut() {
                // The previous response may still be finishing on the connection task.
                reusable = matches!(
                    timeout(self.timeouts.phase, c.sender.ready()).await,
                    Ok(Ok(()))
                );
            }
        }
        if !reusable {
            *slot = None;
            match self.connect(ep, &mut phases, t0).await {
                Ok(c) => *slot = Some(c),
                Err(e) => return failed(phases, e),
            }
        }
        let Some(conn) = slot.as_mut() else {
            return failed(phases, ErrorClass::Network);
        };
        let conn_id = conn.id;
        let uri = format!("{}{}", ep.base_path, req.path);
        let mut builder = hyper::Request::post(uri)
            .header(hyper::header::HOST, host_header(ep))
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .header("anthropic-version", "2023-06-01");
        for (k, v) in &req.headers {
            builder = builder.header(k, v);
        }
        let Ok(request) = builder.body(Full::new(req.body.clone())) else {
            return failed(phases, ErrorClass::Network);
        };
        conn.clock.mark();
        let response = match timeout(self.timeouts.phase, conn.sender.send_request(request)).await {
            Ok(Ok(r)) => r,
            Ok(Err(_)) => {
                *slot = None;
                return failed(phases, ErrorClass::Network);
            }
            Err(_) => {
                *slot = None;
                return failed(phases, ErrorClass::Timeout);
            }
        };
        phases.ttfb_us = Some(us(t0));
        phases.request_written_us = conn
            .clock
            .request_written()
            .map(|t| t.saturating_duration_since(t0).as_micros() as u64);
        let status = response.status().as_u16();
        let retry_after_s = response
            .headers()
            .get(hyper::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let mut body = response.into_body();
        let mut events = SseScan::default();
        let mut kept: Vec<u8> = Vec::new();
        while let Some(frame) = body.frame().await {
            let Ok(frame) = frame else {
                *slot = None;
                return failed(phases, ErrorClass::Network);
            };
            if let Some(data) = frame.data_ref() {
                events.feed(data, t0, &mut phases);
                if req.keep_body {
                    let room = MAX_KEPT_BODY.saturating_sub(kept.len());
                    kept.extend_from_slice(&data[..data.len().min(room)]);
                }
            }
        }
        phases.total_us = Some(us(t0));
        let error = if Some(status) == req.expected_status {
            None
        } else {
            ErrorClass::of_status(status)
        };
        Measured {
            phases,
            status: Some(status),
            error,
            retry_after_s,
            conn_id: Some(conn_id),
            reused: reusable,
            body: req.keep_body.then(|| Bytes::from(kept)),
        }
    }
}

async fn handshake<S>(io: TimedIo<S>) -> Result<http1::SendRequest<Full<Bytes>>, ErrorClass>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (sender, connection) = http1::handshake(TokioIo::new(io))
        .await
        .map_err(|_| ErrorClass::Network)?;
    tokio::spawn(async move {
        // Ends when the connection closes or the sender is dropped.
        let _ = connection.await;
    });
    Ok(sender)
}
