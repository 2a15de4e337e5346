//! The honesty check on the server: the committed prompts sent to a relay
//! and to its upstream with both keys, the replies read and compared
//! ([`llm_roi_core::probe::honesty`]), the result stored.
//!
//! It spends real tokens, so it runs only when asked (the API, the probe
//! page) or on a schedule with `check = "honesty"`, takes a run permit,
//! counts its requests against the hourly authenticated budget, and its
//! price is shown before it starts ([`ProbeService::honesty_plan`]).

use super::paired_route::usage_of;
use super::*;
use crate::request::honesty_request;
use crate::store::now_ms;
use llm_roi_core::probe::history::{Outcome, RunKind, StoredRun};
use llm_roi_core::probe::honesty::{verdict, HonestyPlan, HonestyReport, PromptCheck, Reply};
use rust_decimal::Decimal;
use serde::Deserialize;

/// One committed prompt.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub id: String,
    pub text: String,
    pub max_tokens: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PromptFile {
    prompts: Vec<Prompt>,
}

/// The committed prompts (`crates/probe/src/honesty-prompts.toml`), read
/// once: every history page prices a check of each relay with them.
pub fn prompts() -> Result<&'static [Prompt], String> {
    static PROMPTS: std::sync::LazyLock<Result<Vec<Prompt>, String>> =
        std::sync::LazyLock::new(|| {
            toml::from_str::<PromptFile>(include_str!("../honesty-prompts.toml"))
                .map(|f| f.prompts)
                .map_err(|e| format!("honesty-prompts.toml: {}", e.message()))
        });
    PROMPTS.as_deref().map_err(Clone::clone)
}

/// Allowance for the message framing a prompt is wrapped in, in tokens.
const FRAMING_TOKENS: u32 = 20;

/// A reply body as a [`Reply`], for either API style.
pub fn parse_reply(style: ApiStyle, status: Option<u16>, body: &[u8]) -> Result<Reply, String> {
    let v: serde_json::Value = serde_json::from_slice(body)
        .map_err(|_| format!("HTTP {}: not a JSON reply", status.unwrap_or(0)))?;
    if status.is_some_and(|s| !(200..300).contains(&s)) {
        let msg = v["error"]["message"].as_str().unwrap_or("no message");
        return Err(format!("HTTP {}: {msg}", status.unwrap_or(0)));
    }
    let num = |p: &str| v.pointer(p).and_then(serde_json::Value::as_u64);
    let (input, output, text) = match style {
        ApiStyle::Anthropic => (
            num("/usage/input_tokens"),
            num("/usage/output_tokens"),
            v["content"].as_array().map(|blocks| {
                blocks
                    .iter()
                    .filter_map(|b| b["text"].as_str())
                    .collect::<String>()
            }),
        ),
        ApiStyle::Openai => (
            num("/usage/prompt_tokens"),
            num("/usage/completion_tokens"),
            v.pointer("/choices/0/message/content")
                .and_then(|t| t.as_str())
                .map(str::to_string),
        ),
    };
    let missing = |what: &str| format!("the reply has no {what}");
    Ok(Reply {
        model: v["model"]
            .as_str()
            .ok_or_else(|| missing("model"))?
            .to_string(),
        input_tokens: input.ok_or_else(|| missing("input token count"))?,
        output_tokens: output.ok_or_else(|| missing("output token count"))?,
        text: text.ok_or_else(|| missing("text"))?,
    })
}

impl ProbeService {
    /// The most `prompts` can cost on `provider`'s `model`, in USD: each
    /// prompt counted as one input token per byte plus the framing, and
    /// its full `max_tokens` of output.
    fn bound_usd(
        &self,
        provider: &Provider,
        model: &Model,
        prompts: &[Prompt],
    ) -> Result<Decimal, StartError> {
        let mut total = Decimal::ZERO;
        for p in prompts {
            let input = p.text.len() as u64 + u64::from(FRAMING_TOKENS);
            let usage = usage_of(input, 0, 0, false, u64::from(p.max_tokens));
            total += self.usd(provider, model, &usage)?;
        }
        Ok(total)
    }

    /// What a check of `relay` sends and costs at most.
    pub fn honesty_plan(&self, relay_id: &str) -> Result<HonestyPlan, StartError> {
        let prompts = prompts().map_err(StartError::Internal)?;
        let r = self.paired_route(relay_id)?;
        let max_cost_usd = (self.bound_usd(r.relay, r.relay_model, prompts)?
            + self.bound_usd(r.upstream, r.direct_model, prompts)?)
        // A bound: rounded up, never down.
        .round_dp_with_strategy(6, rust_decimal::RoundingStrategy::AwayFromZero)
        .normalize();
        Ok(HonestyPlan {
            relay: r.relay.id.clone(),
            upstream: r.upstream.id.clone(),
            relay_model: r.relay_model.id.clone(),
            direct_model: r.direct_name,
            prompts: prompts.len(),
            requests: 2 * prompts.len(),
            max_cost_usd,
            basis: format!(
                "{} prompts, each sent to both; at most one input token per byte of prompt plus {FRAMING_TOKENS} for framing, and max_tokens of output, at the pricebook's prices (rounded up to 6 decimals)",
                prompts.len()
            ),
            ready: r.ready,
            key_vars: r.key_vars,
        })
    }

    /// Runs the check of `relay` now, stores it and returns it.
    pub async fn honesty(
        self: &Arc<Self>,
        relay_id: &str,
        origin: Origin,
    ) -> Result<HonestyReport, StartError> {
        let plan = self.honesty_plan(relay_id)?;
        if !plan.ready {
            return Err(StartError::BadRequest(format!(
                "the honesty check needs both API keys: set {}",
                plan.key_vars.join(" and ")
            )));
        }
        let prompts = prompts().map_err(StartError::Internal)?;
        let _permit = self
            .in_flight
            .clone()
            .try_acquire_owned()
            .map_err(|_| StartError::Busy(self.limits.max_runs_in_flight))?;
        self.spend(plan.requests).await?;
        let (rep, rstyle, rkey) = self.endpoint_of(&plan.relay)?;
        let (dep, dstyle, dkey) = self.endpoint_of(&plan.upstream)?;
        let (Some(rkey), Some(dkey)) = (rkey, dkey) else {
            return Err(StartError::BadRequest("an API key went missing".into()));
        };
        let started = now_ms();
        let ask = |ep: &Endpoint, style: ApiStyle, model: &str, key: &str, p: &Prompt| {
            let req = honesty_request(ep, style, model, key, &p.text, p.max_tokens);
            let ep = ep.clone();
            async move {
                let mut slot = None;
                let m = self.prober.request(&ep, &req, &mut slot, false).await;
                match (m.error, m.body) {
                    (Some(e), None) => Err(e.label().to_string()),
                    (_, Some(body)) => parse_reply(style, m.status, &body),
                    (None, None) => Err("no reply".to_string()),
                }
            }
        };
        let mut checks = Vec::new();
        // The whole check keeps to a run's time limit; prompts left when it
        // passes are not sent, and say so.
        let deadline = Instant::now() + self.limits.run_timeout;
        let late = || {
            Err(format!(
                "not sent: the check passed its {} s limit",
                self.limits.run_timeout.as_secs()
            ))
        };
        for p in prompts {
            let (relay, direct) = if Instant::now() >= deadline {
                (late(), late())
            } else {
                (
                    ask(&rep, rstyle, &plan.relay_model, &rkey, p).await,
                    ask(&dep, dstyle, &plan.direct_model, &dkey, p).await,
                )
            };
            checks.push(PromptCheck {
                prompt_id: p.id.clone(),
                max_tokens: p.max_tokens,
                relay,
                direct,
            });
        }
        let report = HonestyReport {
            relay: plan.relay.clone(),
            upstream: plan.upstream.clone(),
            model: plan.direct_model.clone(),
            verdict: verdict(&plan.direct_model, &checks),
            checks,
            max_cost_usd: plan.max_cost_usd.to_string(),
            measured_from: self.host().to_string(),
            finished_at_ms: now_ms(),
        };
        self.keep(&honesty_run(&report, origin, started)?).await;
        Ok(report)
    }
}

/// The stored form of a check: the replies' outcome counted like requests,
/// the whole report as JSON in `detail`.
fn honesty_run(
    r: &HonestyReport,
    origin: Origin,
    started_at_ms: i64,
) -> Result<StoredRun, StartError> {
    let mut errors = std::collections::BTreeMap::new();
    for c in &r.checks {
        if let Err(e) = &c.relay {
            *errors.entry(e.clone()).or_insert(0_u32) += 1;
        }
    }
    let good = r.checks.iter().filter(|c| c.relay.is_ok()).count();
    Ok(StoredRun {
        id: secret().map_err(|e| StartError::Internal(format!("no random run id: {e}")))?,
        relay: r.relay.clone(),
        upstream: r.upstream.clone(),
        origin,
        kind: RunKind::Honesty,
        started_at_ms,
        finished_at_ms: r.finished_at_ms,
        outcome: Outcome::Done,
        connection: Connection::Cold,
        authenticated: true,
        measured_from: r.measured_from.clone(),
        claimed_overhead_ms: None,
        relay_requests: u32::try_from(r.checks.len()).unwrap_or(u32::MAX),
        relay_good: u32::try_from(good).unwrap_or(u32::MAX),
        errors,
        overhead_us: Vec::new(),
        detail: Some(serde_json::to_string(r).map_err(|e| StartError::Internal(e.to_string()))?),
    })
}
