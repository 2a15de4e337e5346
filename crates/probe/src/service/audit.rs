//! The audit on the server: the same requests to a relay and to its
//! official API ([`crate::audit_requests`]), the replies read into the
//! three findings of [`llm_roi_core::probe::audit`], the result stored.
//!
//! Like the honesty check it spends real tokens: it runs only when asked
//! (the API, the probe page) or on a schedule with `check = "audit"`, takes
//! a run permit, counts its requests against the hourly authenticated
//! budget, keeps to the run time limit, and its price bound is shown
//! before it starts ([`ProbeService::audit_plan`]).

use super::paired_route::usage_of;
use super::*;
use crate::audit_requests::{
    cache_request, reply_usage, size_request, stream_request, text_bytes, ReplyUsage,
    CACHE_REPEATS, SIZES, STREAMS,
};
use crate::store::now_ms;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::probe::audit::cache::{cache_finding, CacheReply};
use llm_roi_core::probe::audit::offset::{offset_finding, SizePoint};
use llm_roi_core::probe::audit::streaming::{streaming_finding, StreamTimes};
use llm_roi_core::probe::audit::{AuditPlan, AuditReport};
use llm_roi_core::probe::history::{Outcome, RunKind};
use llm_roi_core::scenario::audit::RelayAudit;
use rust_decimal::Decimal;

/// Allowance for the message framing, in tokens.
const FRAMING_TOKENS: u64 = 20;

/// Requests one audit sends, both sides together.
pub const AUDIT_REQUESTS: usize = 2 * (CACHE_REPEATS + SIZES.len() + STREAMS);

/// One side's replies, by kind.
#[derive(Default)]
struct Side {
    cache: Vec<CacheReply>,
    sizes: Vec<SizePoint>,
    streams: Vec<StreamTimes>,
    usages: Vec<ReplyUsage>,
    /// Failed requests by error label.
    errors: std::collections::BTreeMap<String, u32>,
    sent: u32,
}

impl Side {
    fn fail(&mut self, label: String) {
        *self.errors.entry(label).or_insert(0) += 1;
    }
    fn failed(&self) -> u32 {
        self.errors.values().sum()
    }
}

impl ProbeService {
    /// The most one side's requests can cost: one input token per byte
    /// sent plus framing, the prefix as 1-hour cache writes, and every
    /// request's full output.
    fn audit_bound(&self, provider: &Provider, model: &Model) -> Result<Decimal, StartError> {
        let [cache, size, stream] = text_bytes();
        let mut total = Decimal::ZERO;
        for ((prefix, rest, output), times) in [
            (cache, CACHE_REPEATS),
            (size, SIZES.len()),
            (stream, STREAMS),
        ] {
            let u = usage_of(rest + FRAMING_TOKENS, 0, prefix, true, u64::from(output));
            // A model without a cache-write price bills the prefix as input.
            let plain = usage_of(
                rest + prefix + FRAMING_TOKENS,
                0,
                0,
                false,
                u64::from(output),
            );
            let one = self
                .usd(provider, model, &u)?
                .max(self.usd(provider, model, &plain)?);
            total += one * Decimal::from(times as u64);
        }
        Ok(total)
    }

    /// What an audit of `relay` sends and costs at most.
    pub fn audit_plan(&self, relay_id: &str) -> Result<AuditPlan, StartError> {
        let r = self.paired_route(relay_id)?;
        let max = (self.audit_bound(r.relay, r.relay_model)?
            + self.audit_bound(r.upstream, r.direct_model)?)
        .round_dp_with_strategy(6, rust_decimal::RoundingStrategy::AwayFromZero)
        .normalize();
        Ok(AuditPlan {
            relay: r.relay.id.clone(),
            upstream: r.upstream.id.clone(),
            relay_model: r.relay_model.id.clone(),
            direct_model: r.direct_name,
            requests: AUDIT_REQUESTS as u32,
            max_cost_usd: max.to_string(),
            basis: format!(
                "to each side: the same cacheable prefix {CACHE_REPEATS} times, questions of {} words, and {STREAMS} streamed answers; at most one input token per byte sent plus {FRAMING_TOKENS} for framing, the prefix as 1-hour cache writes, and the full output asked, at the pricebook's prices (rounded up to 6 decimals)",
                SIZES.map(|s| s.to_string()).join(", ")
            ),
            ready: r.ready,
            key_vars: r.key_vars,
        })
    }
}

/// What an audit's findings change in the relay's price.
pub fn relay_audit(r: &AuditReport) -> RelayAudit {
    let o = &r.billing_offset;
    RelayAudit::from_findings(
        &r.relay,
        o.tokens_per_request.zip(o.interval_95),
        (r.cache.relay_hit_pct, r.cache.direct_hit_pct),
        r.cache.relay_1h_writes > 0,
        CalendarDate::from_days_since_epoch(r.finished_at_ms.div_euclid(86_400_000)),
        &r.measured_from,
    )
}

/// What one request is for.
#[derive(Clone, Copy)]
enum Kind {
    Cache,
    Size(usize),
    Stream,
}

impl ProbeService {
    /// Runs the audit of `relay` now, stores it and returns it.
    pub async fn audit(
        self: &Arc<Self>,
        relay_id: &str,
        origin: Origin,
    ) -> Result<AuditReport, StartError> {
        let plan = self.audit_plan(relay_id)?;
        if !plan.ready {
            return Err(StartError::BadRequest(format!(
                "the audit needs both API keys: set {}",
                plan.key_vars.join(" and ")
            )));
        }
        let _permit = self
            .in_flight
            .clone()
            .try_acquire_owned()
            .map_err(|_| StartError::Busy(self.limits.max_runs_in_flight))?;
        self.spend(AUDIT_REQUESTS).await?;
        let (rep, rstyle, rkey) = self.endpoint_of(&plan.relay)?;
        let (dep, dstyle, dkey) = self.endpoint_of(&plan.upstream)?;
        let (Some(rkey), Some(dkey)) = (rkey, dkey) else {
            return Err(StartError::BadRequest("an API key went missing".into()));
        };
        let started = now_ms();
        let deadline = Instant::now() + self.limits.run_timeout;
        let mut kinds: Vec<Kind> = vec![Kind::Cache; CACHE_REPEATS];
        kinds.extend(SIZES.iter().map(|s| Kind::Size(*s)));
        kinds.extend(std::iter::repeat_n(Kind::Stream, STREAMS));
        let (mut relay, mut direct) = (Side::default(), Side::default());
        for kind in kinds {
            for (side, ep, style, model, key) in [
                (&mut relay, &rep, rstyle, &plan.relay_model, &rkey),
                (&mut direct, &dep, dstyle, &plan.direct_model, &dkey),
            ] {
                side.sent += 1;
                if Instant::now() >= deadline {
                    side.fail(format!(
                        "not sent: past the {} s limit",
                        self.limits.run_timeout.as_secs()
                    ));
                    continue;
                }
                let req = match kind {
                    Kind::Cache => cache_request(ep, style, model, key),
                    Kind::Size(n) => size_request(ep, style, model, key, n),
                    Kind::Stream => stream_request(ep, style, model, key),
                };
                let mut slot = None;
                let m = self.prober.request(ep, &req, &mut slot, false).await;
                let usage = m.body.as_deref().and_then(|b| reply_usage(style, b));
                let (Some(u), None) = (usage, m.error) else {
                    let label = m.error.map_or("no usage in the reply", |e| e.label());
                    side.fail(label.to_string());
                    continue;
                };
                side.usages.push(u);
                match kind {
                    Kind::Cache => side.cache.push(CacheReply {
                        read_tokens: u.read,
                        write_tokens: u.write,
                        write_1h_tokens: u.write_1h,
                    }),
                    Kind::Size(n) => side.sizes.push(SizePoint {
                        prompt_words: n as u64,
                        input_tokens: u.input(),
                    }),
                    Kind::Stream => {
                        if let (Some(ttft_us), Some(total_us)) =
                            (m.phases.ttft_us, m.phases.total_us)
                        {
                            side.streams.push(StreamTimes { ttft_us, total_us });
                        }
                    }
                }
            }
        }
        let spent = self.spent_usd(&plan, &relay, &direct)?;
        let mut report = AuditReport {
            relay: plan.relay.clone(),
            upstream: plan.upstream.clone(),
            model: plan.direct_model.clone(),
            cache: cache_finding(&relay.cache, &direct.cache),
            billing_offset: offset_finding(&relay.sizes, &direct.sizes),
            streaming: streaming_finding(&relay.streams, &direct.streams),
            requests: relay.sent + direct.sent,
            failed: relay.failed() + direct.failed(),
            max_cost_usd: plan.max_cost_usd.clone(),
            spent_usd: spent.round_dp(6).normalize().to_string(),
            measured_from: self.host().to_string(),
            finished_at_ms: now_ms(),
            audited: String::new(),
            aud: String::new(),
        };
        let priced = relay_audit(&report);
        report.audited = priced.words();
        report.aud = priced.text();
        let run = StoredRun {
            id: secret().map_err(|e| StartError::Internal(format!("no random run id: {e}")))?,
            relay: report.relay.clone(),
            upstream: report.upstream.clone(),
            origin,
            kind: RunKind::Audit,
            started_at_ms: started,
            finished_at_ms: report.finished_at_ms,
            outcome: Outcome::Done,
            connection: Connection::Cold,
            authenticated: true,
            measured_from: report.measured_from.clone(),
            claimed_overhead_ms: None,
            relay_requests: relay.sent,
            relay_good: relay.sent - relay.failed(),
            errors: relay.errors,
            overhead_us: Vec::new(),
            detail: Some(
                serde_json::to_string(&report).map_err(|e| StartError::Internal(e.to_string()))?,
            ),
        };
        self.keep(&run).await;
        Ok(report)
    }

    /// The tokens both sides reported, at the pricebook's prices, in USD.
    fn spent_usd(
        &self,
        plan: &AuditPlan,
        relay: &Side,
        direct: &Side,
    ) -> Result<Decimal, StartError> {
        let r = self.paired_route(&plan.relay)?;
        let (rp, rm, dp, dm) = (r.relay, r.relay_model, r.upstream, r.direct_model);
        let mut total = Decimal::ZERO;
        for (p, m, side) in [(rp, rm, relay), (dp, dm, direct)] {
            for u in &side.usages {
                total += self.usd(
                    p,
                    m,
                    &usage_of(u.fresh, u.read, u.write, u.write_1h > 0, u.output),
                )?;
            }
        }
        Ok(total)
    }
}
