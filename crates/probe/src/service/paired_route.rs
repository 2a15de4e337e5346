//! What the honesty check and the audit share: a relay and its official
//! API as priced in the pricebook, whether both keys are set, and a
//! request's price on either side in USD.

use super::*;
use llm_roi_core::cost::engine::{request_cost, Usage};
use llm_roi_core::scenario::inputs::CacheTtl;
use rust_decimal::Decimal;

/// One request's tokens: `fresh` input, cache `read` and `write` (1-hour
/// entries when `write_1h`), and `output`.
pub(super) fn usage_of(fresh: u64, read: u64, write: u64, write_1h: bool, output: u64) -> Usage {
    let d = Decimal::from;
    let total = d(fresh) + d(read) + d(write);
    Usage {
        input_total: total,
        tier_input: total,
        fresh_input: d(fresh),
        cache_read: d(read),
        cache_write: d(write),
        output: d(output),
        ttl: if write_1h {
            CacheTtl::OneHour
        } else {
            CacheTtl::FiveMinutes
        },
        batch_fraction: Decimal::ZERO,
        offpeak_fraction: Decimal::ZERO,
        service_tier: Default::default(),
        web_searches: Decimal::ZERO,
    }
}

/// A relay, the official API it resells, their models, and their keys.
pub(super) struct PairedRoute<'a> {
    pub relay: &'a Provider,
    pub relay_model: &'a Model,
    pub upstream: &'a Provider,
    pub direct_model: &'a Model,
    /// The upstream model's id as the relay names it.
    pub direct_name: String,
    /// The variables the two keys are read from.
    pub key_vars: Vec<String>,
    /// Both keys are set.
    pub ready: bool,
}

impl ProbeService {
    /// `relay_id` and its official API, from the pricebook.
    pub(super) fn paired_route(&self, relay_id: &str) -> Result<PairedRoute<'_>, StartError> {
        let (relay, relay_model, upstream_id, upstream_model) = self.relay_route(relay_id)?;
        let upstream = self
            .book
            .provider(&upstream_id)
            .ok_or_else(|| StartError::BadRequest(format!("unknown provider `{upstream_id}`")))?;
        let direct_model = upstream.model(&upstream_model).ok_or_else(|| {
            StartError::BadRequest(format!("`{upstream_id}` has no model `{upstream_model}`"))
        })?;
        let key_vars: Vec<String> = [relay, upstream]
            .iter()
            .filter_map(|p| p.api_key_env.clone())
            .collect();
        let ready = [relay, upstream].iter().all(|p| {
            p.api_key_env
                .as_deref()
                .and_then(|v| std::env::var(v).ok())
                .is_some_and(|k| !k.is_empty())
        });
        Ok(PairedRoute {
            relay,
            relay_model,
            upstream,
            direct_model,
            direct_name: upstream_model,
            key_vars,
            ready,
        })
    }

    /// `usage` on `provider`'s `model`, in USD.
    pub(super) fn usd(
        &self,
        provider: &Provider,
        model: &Model,
        usage: &Usage,
    ) -> Result<Decimal, StartError> {
        let cost = request_cost(&self.book, provider, model, usage)
            .map_err(|e| StartError::Internal(e.to_string()))?;
        let factor = self
            .book
            .fx
            .factor(&provider.currency, "USD")
            .ok_or_else(|| {
                StartError::Internal(format!(
                    "no exchange rate from {} to USD",
                    provider.currency
                ))
            })?;
        Ok(cost.parts.total * factor)
    }
}
