//! Probe runs: starting them within limits, running them in the background,
//! and keeping their state for the API and the panel.
//!
//! Limits: a cap on runs in flight, a per-client start rate, a cap on pairs,
//! per-phase, per-request and per-run timeouts, and an hourly budget of
//! authenticated requests. API keys are read from the environment when a
//! request is built and are never stored in a run or shown.

use super::budget::{admit, prune};
use super::guard::{check, Lookup, Refusal};
use super::measure::{Conn, Endpoint, ProbeRequest, Prober};
use super::request::{display_url, probe_request};
use super::runs::{secret, CancelOutcome, Run, Runs};
pub use super::runs::{KEEP_FINISHED_FOR, MAX_KEPT_RUNS};
pub use super::start::{Limits, StartError, StartRequest};
use super::targets::{ProbeTargets, DEFAULT_PAIRS};
use arms::Arms;
use llm_roi_core::pricebook::{ApiStyle, Model, Pricebook, Provider, ProviderKind};
use llm_roi_core::probe::history::{Origin, StoredRun};
use llm_roi_core::probe::report::report;
use llm_roi_core::probe::run::{RunStatus, RunView};
use llm_roi_core::probe::sample::{abba_arm, Arm, Connection, ErrorClass, Sample};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

mod arms;
pub mod audit;
pub mod honesty;
mod paired_route;
mod record;
mod scheduled;
mod spending;

type ReadCache = Mutex<
    Option<(
        super::store::Stamp,
        i64,
        Arc<Vec<llm_roi_core::probe::history::StoredRun>>,
    )>,
>;

/// The bucket of the per-client rate: an IPv4 address, or an IPv6 /64 (a
/// host gets a whole /64, so one address each would be no limit).
pub fn rate_key(client: IpAddr) -> IpAddr {
    match client.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
        v4 => v4,
    }
}

/// Finished runs kept in memory while the store cannot take them.
pub const MAX_UNSAVED: usize = 1_000;

/// How an authenticated run is described; stored runs are read back by it.
pub const AUTH_MODE: &str = "authenticated: streaming request, max_tokens = 1";

/// A started run: its id, and the token that cancels it (given only to the
/// starter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub id: String,
    pub cancel_token: String,
}

/// The probe service, shared by the API handlers.
pub struct ProbeService {
    prober: Prober,
    book: Arc<Pricebook>,
    targets: ProbeTargets,
    limits: Limits,
    lookup: Box<dyn Lookup>,
    runs: Runs,
    in_flight: Arc<Semaphore>,
    starts: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
    auth_spent: Mutex<VecDeque<Instant>>,
    /// The shared budget as last read from the store: when, and how much.
    shared_spent: Mutex<Option<(Instant, usize)>>,
    /// `--probe-origin-label`: where runs say they were measured from
    /// (empty: not said; the host name is never published).
    host: std::sync::OnceLock<String>,
    /// Where finished runs are kept; without it they live in memory only.
    store: std::sync::OnceLock<Arc<super::store::ProbeStore>>,
    /// The runs read last, under the stamp they were read at, and from when.
    read_cache: ReadCache,
    /// Finished runs not written yet (the store was not open or failed),
    /// oldest first, at most [`MAX_UNSAVED`]; written when it works again.
    unsaved: Mutex<VecDeque<StoredRun>>,
    /// A store was configured and is being opened.
    store_expected: std::sync::atomic::AtomicBool,
    /// How long runs are kept, once pruning runs.
    retention: std::sync::OnceLock<Duration>,
}

impl ProbeService {
    pub fn new(
        book: Arc<Pricebook>,
        targets: ProbeTargets,
        limits: Limits,
        prober: Prober,
        lookup: Box<dyn Lookup>,
    ) -> Self {
        let runs = Runs::bounded(limits.max_kept_runs, limits.keep_finished_for);
        Self {
            prober,
            book,
            in_flight: Arc::new(Semaphore::new(limits.max_runs_in_flight)),
            targets,
            limits,
            lookup,
            runs,
            starts: Mutex::new(HashMap::new()),
            auth_spent: Mutex::new(VecDeque::new()),
            shared_spent: Mutex::new(None),
            host: std::sync::OnceLock::new(),
            store: std::sync::OnceLock::new(),
            retention: std::sync::OnceLock::new(),
            read_cache: Mutex::new(None),
            unsaved: Mutex::new(VecDeque::new()),
            store_expected: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Where the measurements are taken from, as the operator labels it
    /// (`--probe-origin-label`); empty when not labelled.
    pub fn host(&self) -> &str {
        self.host.get().map_or("", String::as_str)
    }

    /// Labels where the measurements are taken from (once, at start).
    pub fn set_origin_label(&self, label: &str) {
        let _ = self.host.set(label.trim().to_string());
    }

    /// The pair cap and whether custom targets are on, for the panel.
    pub fn settings(&self) -> (usize, bool) {
        (self.targets.max_pairs, self.targets.allow_custom_targets)
    }

    /// How many runs are kept now.
    pub fn kept_runs(&self) -> usize {
        self.runs.len()
    }

    /// Counts a start by `client` (an IPv6 client by its /64) against its per-minute rate, and forgets
    /// the clients with no start in the last minute.
    fn admit_client(&self, client: IpAddr) -> Result<(), StartError> {
        let window = Duration::from_secs(60);
        let mut starts = self.starts.lock().unwrap_or_else(|e| e.into_inner());
        starts.retain(|_, log| {
            prune(log, window);
            !log.is_empty()
        });
        let log = starts.entry(rate_key(client)).or_default();
        if admit(log, window, self.limits.starts_per_client_per_minute, 1) {
            Ok(())
        } else {
            Err(StartError::RateLimited(
                self.limits.starts_per_client_per_minute,
            ))
        }
    }

    /// How many clients the per-client rate remembers now.
    pub fn remembered_clients(&self) -> usize {
        self.starts.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Starts a run for `client`. The client's rate and the in-flight cap
    /// are checked before anything is resolved or built.
    pub async fn start(
        self: &Arc<Self>,
        req: StartRequest,
        client: IpAddr,
    ) -> Result<Started, StartError> {
        self.check_pairs(req.pairs)?;
        self.admit_client(client)?;
        self.launch(req, Origin::Manual).await.map(|(s, _)| s)
    }

    fn check_pairs(&self, pairs: Option<usize>) -> Result<usize, StartError> {
        let pairs = pairs.unwrap_or(DEFAULT_PAIRS);
        if pairs == 0 || pairs > self.targets.max_pairs {
            return Err(StartError::BadRequest(format!(
                "`pairs` must be from 1 to {}; got {pairs}",
                self.targets.max_pairs
            )));
        }
        Ok(pairs)
    }

    /// Takes a permit and the budget, then runs `req` in the background;
    /// the handle ends when the run has ended and been stored.
    async fn launch(
        self: &Arc<Self>,
        req: StartRequest,
        origin: Origin,
    ) -> Result<(Started, tokio::task::JoinHandle<()>), StartError> {
        let pairs = self.check_pairs(req.pairs)?;
        let permit = self
            .in_flight
            .clone()
            .try_acquire_owned()
            .map_err(|_| StartError::Busy(self.limits.max_runs_in_flight))?;
        let (arms, relay, upstream, claim, auth) = self.arms(&req).await?;
        let total_requests = 2 * pairs
            + if req.connection == Connection::Warm {
                2
            } else {
                0
            };
        if auth {
            self.spend(total_requests).await?;
        }
        let no_secret =
            |e: getrandom::Error| StartError::Internal(format!("no random run id: {e}"));
        let id = secret().map_err(no_secret)?;
        let cancel_token = secret().map_err(no_secret)?;
        let view = RunView {
            id: id.clone(),
            relay,
            upstream,
            relay_url: display_url(&arms.relay),
            direct_url: display_url(&arms.direct),
            connection: req.connection,
            mode: if auth {
                AUTH_MODE.into()
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
            measured_from: self.host().to_string(),
            stop_reason: None,
        };
        let run = Arc::new(Run::new(view, cancel_token.clone()));
        self.runs.insert(id.clone(), run.clone());
        let service = self.clone();
        let started_at_ms = super::store::now_ms();
        let custom = req.target_url.is_some();
        let handle = tokio::spawn(async move {
            let _permit = permit;
            let outcome = tokio::time::timeout(
                service.limits.run_timeout,
                service.execute(&run, &arms, pairs, req.connection),
            )
            .await;
            let finished = {
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
                v.clone()
            };
            // A custom target's runs are not kept: its URL is not a relay's.
            if !custom {
                service.record(&finished, origin, started_at_ms).await;
            }
        });
        Ok((Started { id, cancel_token }, handle))
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
        let run = self.runs.get(id)?;
        let v = run.view.lock().unwrap_or_else(|e| e.into_inner()).clone();
        Some(v)
    }

    /// Asks a run to stop after its current request, if `token` is the one
    /// its start returned.
    pub fn cancel(&self, id: &str, token: &str) -> CancelOutcome {
        self.runs.cancel(id, token)
    }
}
