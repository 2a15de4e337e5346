//! Probe runs: starting them within limits, running them in the background,
//! and keeping their state for the API and the panel.
//!
//! Limits: a cap on runs in flight, a per-client start rate, a cap on pairs,
//! per-phase, per-request and per-run timeouts, and an hourly budget of
//! authenticated requests. API keys are read from the environment when a
//! request is built and are never stored in a run or shown.

use super::guard::{check, Lookup, Refusal};
use super::measure::{Conn, Endpoint, ProbeRequest, Prober};
use super::targets::{ProbeTargets, DEFAULT_PAIRS};
use crate::domain::pricebook::{ApiStyle, Pricebook, ProviderKind};
use crate::domain::probe::report::report;
use crate::domain::probe::run::{RunStatus, RunView};
use crate::domain::probe::sample::{abba_arm, Arm, Connection, ErrorClass, Sample};
use bytes::Bytes;
use serde::Deserialize;
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// How many runs are kept for `GET /api/v1/probe/runs/{id}`.
pub const MAX_KEPT_RUNS: usize = 200;

/// Limits of the probe service.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_runs_in_flight: usize,
    pub starts_per_client_per_minute: usize,
    pub run_timeout: Duration,
    pub auth_requests_per_hour: usize,
    /// The longest `retry-after` a run waits for before it stops.
    pub max_retry_wait: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_runs_in_flight: 2,
            starts_per_client_per_minute: 6,
            run_timeout: Duration::from_secs(120),
            auth_requests_per_hour: 200,
            max_retry_wait: Duration::from_secs(10),
        }
    }
}

/// `POST /api/v1/probe/runs`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartRequest {
    /// A relay's provider id.
    pub relay: Option<String>,
    /// Or a custom target URL (only with `allow_custom_targets`).
    pub target_url: Option<String>,
    /// For a custom target: the official provider to compare with (default: anthropic).
    pub upstream: Option<String>,
    pub pairs: Option<usize>,
    #[serde(default)]
    pub connection: Connection,
}

/// Why a run did not start; each maps to an HTTP status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    BadRequest(String),
    #[error("custom targets are off on this server; pick a relay from the pricebook")]
    CustomTargetsOff,
    #[error("target refused: {0}")]
    Refused(String),
    #[error("{0} probe runs are in flight already; try again when one ends")]
    Busy(usize),
    #[error("too many runs started from your address; at most {0} a minute")]
    RateLimited(usize),
    #[error(
        "the hourly budget of {0} authenticated requests is spent; unauthenticated runs still work"
    )]
    BudgetSpent(usize),
}

impl StartError {
    pub fn status(&self) -> u16 {
        match self {
            Self::BadRequest(_) => 400,
            Self::CustomTargetsOff => 403,
            Self::Refused(_) => 422,
            Self::Busy(_) | Self::RateLimited(_) | Self::BudgetSpent(_) => 429,
        }
    }
}

struct Arms {
    relay: Endpoint,
    direct: Endpoint,
    relay_req: ProbeRequest,
    direct_req: ProbeRequest,
}

struct Run {
    view: Mutex<RunView>,
    cancel: AtomicBool,
}

/// The probe service, shared by the API handlers.
pub struct ProbeService {
    prober: Prober,
    book: Arc<Pricebook>,
    targets: ProbeTargets,
    limits: Limits,
    lookup: Box<dyn Lookup>,
    runs: Mutex<HashMap<String, Arc<Run>>>,
    in_flight: Arc<Semaphore>,
    starts: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
    auth_spent: Mutex<VecDeque<Instant>>,
    next_id: AtomicU64,
    host: String,
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this server".into())
}

/// Forgets the instants older than `window`.
fn prune(log: &mut VecDeque<Instant>, window: Duration) {
    let now = Instant::now();
    while log.front().is_some_and(|t| now.duration_since(*t) > window) {
        log.pop_front();
    }
}

/// Records `n` events now if they fit under `cap` within `window`.
fn admit(log: &mut VecDeque<Instant>, window: Duration, cap: usize, n: usize) -> bool {
    prune(log, window);
    let now = Instant::now();
    if log.len() + n > cap {
        return false;
    }
    log.extend(std::iter::repeat_n(now, n));
    true
}

fn messages_path(ep: &Endpoint, style: ApiStyle) -> String {
    let versioned = ep.base_path.ends_with("/v1");
    match (style, versioned) {
        (ApiStyle::Anthropic, true) => "/messages".into(),
        (ApiStyle::Anthropic, false) => "/v1/messages".into(),
        (ApiStyle::Openai, true) => "/chat/completions".into(),
        (ApiStyle::Openai, false) => "/v1/chat/completions".into(),
    }
}

fn probe_request(ep: &Endpoint, style: ApiStyle, model: &str, key: Option<&str>) -> ProbeRequest {
    let stream = key.is_some();
    let body = serde_json::json!({
        "model": model,
        "max_tokens": 1,
        "stream": stream,
        "messages": [{"role": "user", "content": "ping"}],
    });
    let headers = key
        .and_then(|k| {
            let (name, value) = match style {
                ApiStyle::Anthropic => ("x-api-key", k.to_string()),
                ApiStyle::Openai => ("authorization", format!("Bearer {k}")),
            };
            let mut v = hyper::header::HeaderValue::from_str(&value).ok()?;
            v.set_sensitive(true);
            Some(vec![(hyper::header::HeaderName::from_static(name), v)])
        })
        .unwrap_or_default();
    ProbeRequest {
        path: messages_path(ep, style),
        body: Bytes::from(body.to_string()),
        headers,
        expected_status: (!stream).then_some(401),
    }
}

fn display_url(ep: &Endpoint) -> String {
    format!(
        "{}://{}:{}{}",
        if ep.https { "https" } else { "http" },
        ep.host,
        ep.port,
        ep.base_path
    )
}

impl ProbeService {
    pub fn new(
        book: Arc<Pricebook>,
        targets: ProbeTargets,
        limits: Limits,
        prober: Prober,
        lookup: Box<dyn Lookup>,
    ) -> Self {
        Self {
            prober,
            book,
            in_flight: Arc::new(Semaphore::new(limits.max_runs_in_flight)),
            targets,
            limits,
            lookup,
            runs: Mutex::new(HashMap::new()),
            starts: Mutex::new(HashMap::new()),
            auth_spent: Mutex::new(VecDeque::new()),
            next_id: AtomicU64::new(1),
            host: host_name(),
        }
    }

    /// The host the measurements are taken from.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The pair cap and whether custom targets are on, for the panel.
    pub fn settings(&self) -> (usize, bool) {
        (self.targets.max_pairs, self.targets.allow_custom_targets)
    }

    /// Authenticated requests spent this hour, and the budget.
    pub fn budget(&self) -> (usize, usize) {
        let mut log = self.auth_spent.lock().unwrap_or_else(|e| e.into_inner());
        prune(&mut log, Duration::from_secs(3600));
        (log.len(), self.limits.auth_requests_per_hour)
    }

    fn endpoint_of(
        &self,
        provider_id: &str,
    ) -> Result<(Endpoint, ApiStyle, Option<String>), StartError> {
        let p = self
            .book
            .provider(provider_id)
            .ok_or_else(|| StartError::BadRequest(format!("unknown provider `{provider_id}`")))?;
        let url = match self.targets.base_urls.get(provider_id) {
            Some(u) => u.clone(),
            None => url::Url::parse(&p.base_url)
                .map_err(|e| StartError::BadRequest(format!("{provider_id}: base_url: {e}")))?,
        };
        let ep = Endpoint::from_url(&url)
            .map_err(|e| StartError::BadRequest(format!("{provider_id}: {e}")))?;
        let key = p
            .api_key_env
            .as_deref()
            .and_then(|v| std::env::var(v).ok())
            .filter(|k| !k.is_empty());
        Ok((ep, p.api_style, key))
    }

    async fn arms(
        &self,
        req: &StartRequest,
    ) -> Result<(Arms, String, String, Option<u32>, bool), StartError> {
        match (&req.relay, &req.target_url) {
            (Some(relay_id), None) => {
                let relay = self
                    .book
                    .provider(relay_id)
                    .filter(|p| p.kind == ProviderKind::Relay)
                    .ok_or_else(|| {
                        let relays: Vec<&str> = self
                            .book
                            .providers
                            .iter()
                            .filter(|p| p.kind == ProviderKind::Relay)
                            .map(|p| p.id.as_str())
                            .collect();
                        StartError::BadRequest(format!(
                            "`relay` must be one of: {}",
                            relays.join(", ")
                        ))
                    })?;
                let upstream_id = relay.upstream.clone().unwrap_or_default();
                let model = relay
                    .models
                    .iter()
                    .find(|m| {
                        m.upstream
                            .as_ref()
                            .is_some_and(|u| u.provider == upstream_id)
                    })
                    .ok_or_else(|| {
                        StartError::BadRequest(format!(
                            "`{relay_id}` serves no model of `{upstream_id}`"
                        ))
                    })?;
                let upstream_model = model
                    .upstream
                    .as_ref()
                    .map(|u| u.model.clone())
                    .unwrap_or_default();
                let (rep, rstyle, rkey) = self.endpoint_of(relay_id)?;
                let (dep, dstyle, dkey) = self.endpoint_of(&upstream_id)?;
                let auth = rkey.is_some() && dkey.is_some();
                let (rkey, dkey) = if auth { (rkey, dkey) } else { (None, None) };
                let arms = Arms {
                    relay_req: probe_request(&rep, rstyle, &model.id, rkey.as_deref()),
                    direct_req: probe_request(&dep, dstyle, &upstream_model, dkey.as_deref()),
                    relay: rep,
                    direct: dep,
                };
                Ok((
                    arms,
                    relay_id.clone(),
                    upstream_id,
                    relay.claim.as_ref().map(|c| c.claimed_overhead_ms),
                    auth,
                ))
            }
            (None, Some(url)) => {
                if !self.targets.allow_custom_targets {
                    return Err(StartError::CustomTargetsOff);
                }
                let rep = check(url, self.lookup.as_ref())
                    .await
                    .map_err(|e: Refusal| StartError::Refused(e.to_string()))?;
                let upstream_id = req.upstream.clone().unwrap_or_else(|| "anthropic".into());
                let (dep, dstyle, _) = self.endpoint_of(&upstream_id)?;
                let model = self
                    .book
                    .provider(&upstream_id)
                    .and_then(|p| {
                        p.models
                            .iter()
                            .find(|m| m.flagship_small)
                            .or(p.models.first())
                    })
                    .map(|m| m.id.clone())
                    .unwrap_or_default();
                let arms = Arms {
                    relay_req: probe_request(&rep, dstyle, &model, None),
                    direct_req: probe_request(&dep, dstyle, &model, None),
                    relay: rep,
                    direct: dep,
                };
                Ok((arms, "custom".into(), upstream_id, None, false))
            }
            _ => Err(StartError::BadRequest(
                "give either `relay` (a relay's provider id) or `target_url`".into(),
            )),
        }
    }

    /// Starts a run for `client`; returns its id.
    pub async fn start(
        self: &Arc<Self>,
        req: StartRequest,
        client: IpAddr,
    ) -> Result<String, StartError> {
        let pairs = req.pairs.unwrap_or(DEFAULT_PAIRS);
        if pairs == 0 || pairs > self.targets.max_pairs {
            return Err(StartError::BadRequest(format!(
                "`pairs` must be from 1 to {}; got {pairs}",
                self.targets.max_pairs
            )));
        }
        let (arms, relay, upstream, claim, auth) = self.arms(&req).await?;
        {
            let mut starts = self.starts.lock().unwrap_or_else(|e| e.into_inner());
            let log = starts.entry(client).or_default();
            if !admit(
                log,
                Duration::from_secs(60),
                self.limits.starts_per_client_per_minute,
                1,
            ) {
                return Err(StartError::RateLimited(
                    self.limits.starts_per_client_per_minute,
                ));
            }
        }
        let permit = self
            .in_flight
            .clone()
            .try_acquire_owned()
            .map_err(|_| StartError::Busy(self.limits.max_runs_in_flight))?;
        let total_requests = 2 * pairs
            + if req.connection == Connection::Warm {
                2
            } else {
                0
            };
        if auth {
            let mut log = self.auth_spent.lock().unwrap_or_else(|e| e.into_inner());
            if !admit(
                &mut log,
                Duration::from_secs(3600),
                self.limits.auth_requests_per_hour,
                total_requests,
            ) {
                return Err(StartError::BudgetSpent(self.limits.auth_requests_per_hour));
            }
        }
        let id = format!("r{}", self.next_id.fetch_add(1, Ordering::Relaxed));
        let view = RunView {
            id: id.clone(),
            relay,
            upstream,
            relay_url: display_url(&arms.relay),
            direct_url: display_url(&arms.direct),
            connection: req.connection,
            mode: if auth {
                "authenticated: streaming request, max_tokens = 1".into()
            } else {
                "unauthenticated: a keyless request answered 401, timed as network + edge".into()
            },
            claimed_overhead_ms: claim,
            pairs,
            done_requests: 0,
            total_requests,
            status: RunStatus::Running,
            samples: Vec::new(),
            report: report(&[], req.connection, claim),
            measured_from: self.host.clone(),
            stop_reason: None,
        };
        let run = Arc::new(Run {
            view: Mutex::new(view),
            cancel: AtomicBool::new(false),
        });
        self.runs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.clone(), run.clone());
        let service = self.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let outcome = tokio::time::timeout(
                service.limits.run_timeout,
                service.execute(&run, &arms, pairs, req.connection),
            )
            .await;
            let mut v = run.view.lock().unwrap_or_else(|e| e.into_inner());
            v.status = match outcome {
                Err(_) => RunStatus::TimedOut,
                Ok(status) => status,
            };
            if v.status == RunStatus::TimedOut {
                v.stop_reason = Some(format!(
                    "the run passed its {} s limit",
                    service.limits.run_timeout.as_secs()
                ));
            }
            v.report = report(&v.samples, v.connection, v.claimed_overhead_ms);
        });
        Ok(id)
    }

    async fn execute(
        &self,
        run: &Run,
        arms: &Arms,
        pairs: usize,
        connection: Connection,
    ) -> RunStatus {
        let warm = connection == Connection::Warm;
        let (mut relay_conn, mut direct_conn): (Option<Conn>, Option<Conn>) = (None, None);
        if warm {
            // Open both connections first; these requests are not recorded.
            self.prober
                .request(&arms.relay, &arms.relay_req, &mut relay_conn, true)
                .await;
            self.prober
                .request(&arms.direct, &arms.direct_req, &mut direct_conn, true)
                .await;
            self.bump(run, None);
        }
        for i in 0..2 * pairs {
            if run.cancel.load(Ordering::Relaxed) {
                return RunStatus::Cancelled;
            }
            let arm = abba_arm(i);
            let (ep, req, slot) = match arm {
                Arm::Relay => (&arms.relay, &arms.relay_req, &mut relay_conn),
                Arm::Direct => (&arms.direct, &arms.direct_req, &mut direct_conn),
            };
            let m = self.prober.request(ep, req, slot, warm).await;
            let sample = Sample {
                pair: i / 2,
                arm,
                reused: m.reused,
                status: m.status,
                phases: m.phases,
                error: m.error,
                retry_after_s: m.retry_after_s,
            };
            let retry = (sample.error == Some(ErrorClass::RateLimit))
                .then_some(sample.retry_after_s.unwrap_or(1));
            self.bump(run, Some(sample));
            if let Some(secs) = retry {
                let wait = Duration::from_secs(secs);
                if wait > self.limits.max_retry_wait {
                    let mut v = run.view.lock().unwrap_or_else(|e| e.into_inner());
                    v.stop_reason = Some(format!("rate limited: the server asked to wait {secs} s (retry-after), more than the {} s a run waits", self.limits.max_retry_wait.as_secs()));
                    return RunStatus::Stopped;
                }
                tokio::time::sleep(wait).await;
            }
        }
        RunStatus::Done
    }

    fn bump(&self, run: &Run, sample: Option<Sample>) {
        let mut v = run.view.lock().unwrap_or_else(|e| e.into_inner());
        match sample {
            Some(s) => {
                v.done_requests += 1;
                v.samples.push(s);
                v.report = report(&v.samples, v.connection, v.claimed_overhead_ms);
            }
            None => v.done_requests += 2,
        }
    }

    /// A run's current state.
    pub fn view(&self, id: &str) -> Option<RunView> {
        let runs = self.runs.lock().unwrap_or_else(|e| e.into_inner());
        let run = runs.get(id)?;
        let v = run.view.lock().unwrap_or_else(|e| e.into_inner()).clone();
        Some(v)
    }

    /// Asks a run to stop after its current request; false for an unknown id.
    pub fn cancel(&self, id: &str) -> bool {
        let runs = self.runs.lock().unwrap_or_else(|e| e.into_inner());
        runs.get(id)
            .map(|r| r.cancel.store(true, Ordering::Relaxed))
            .is_some()
    }
}
