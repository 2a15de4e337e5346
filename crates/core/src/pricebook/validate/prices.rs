//! A model's prices: base, long-context tiers, batch, service tiers and
//! off-peak hours; and its lifecycle, source and checked date.

use super::super::earlier::EarlierPrices;
use super::super::file_ctx::FileCtx;
use super::super::price::NonNegative;
use super::super::schema::{RawModel, RawPriceTable, RawTier};
use super::super::{Lifecycle, ModelPrices, Offpeak, PriceTable, ServiceTier, Tier, TokenPrices};
use super::{date, forbid, https_url};
use crate::money::date::CalendarDate;
use std::ops::Range;
use toml::Spanned;

pub(super) fn token_prices(
    input: NonNegative,
    output: NonNegative,
    cache: [Option<NonNegative>; 3],
) -> TokenPrices {
    TokenPrices {
        input_per_mtok: input.0,
        output_per_mtok: output.0,
        cache_read_per_mtok: cache[0].map(|p| p.0),
        cache_write_5m_per_mtok: cache[1].map(|p| p.0),
        cache_write_1h_per_mtok: cache[2].map(|p| p.0),
    }
}

fn tier(raw: Spanned<RawTier>) -> (Range<usize>, Tier) {
    let span = raw.span();
    let t = raw.into_inner();
    let prices = token_prices(
        t.input,
        t.output,
        [t.cache_read, t.cache_write_5m, t.cache_write_1h],
    );
    (
        span,
        Tier {
            above_input_tokens: t.above_input_tokens,
            prices,
        },
    )
}

fn rising_tiers(ctx: &mut FileCtx, raw: Vec<Spanned<RawTier>>) -> Vec<Tier> {
    let mut tiers = Vec::new();
    let mut last = 0;
    for raw in raw {
        let (span, t) = tier(raw);
        if t.above_input_tokens <= last {
            ctx.err(
                span,
                "above_input_tokens",
                format!(
                    "tiers must rise: {} is not above the previous threshold {last} (and must be above 0)",
                    t.above_input_tokens
                ),
            );
        }
        last = t.above_input_tokens;
        tiers.push(t);
    }
    tiers
}

fn table(ctx: &mut FileCtx, raw: RawPriceTable) -> PriceTable {
    PriceTable {
        base: token_prices(
            raw.input,
            raw.output,
            [raw.cache_read, raw.cache_write_5m, raw.cache_write_1h],
        ),
        tiers: rising_tiers(ctx, raw.tiers),
    }
}

/// `[models.batch]`: no `name`, no `hours_utc`, not with `batch_discount_pct`.
fn batch(ctx: &mut FileCtx, m: &mut RawModel) -> Option<PriceTable> {
    let raw = m.batch.take()?;
    let span = raw.span();
    let raw = raw.into_inner();
    if m.batch_discount_pct.is_some() {
        ctx.err(
            span.clone(),
            "batch",
            "give either `batch_discount_pct` or [models.batch] prices, not both",
        );
    }
    if raw.name.is_some() || raw.hours_utc.is_some() {
        ctx.err(span, "batch", "[models.batch] takes prices and tiers only; `name` belongs to [[models.service_tiers]], `hours_utc` to [models.offpeak]");
    }
    Some(table(ctx, raw))
}

fn service_tiers(ctx: &mut FileCtx, m: &mut RawModel) -> Vec<(ServiceTier, PriceTable)> {
    let mut out: Vec<(ServiceTier, PriceTable)> = Vec::new();
    for raw in std::mem::take(&mut m.service_tiers) {
        let span = raw.span();
        let mut raw = raw.into_inner();
        let name = raw.name.take();
        let tier = match name
            .as_ref()
            .map(|n| (n.span(), ServiceTier::from_code(n.get_ref())))
        {
            Some((_, Some(t))) if t != ServiceTier::Standard => t,
            Some((span, _)) => {
                ctx.err(span, "name", "a service tier is named `flex` or `priority` (the model's own prices are the standard tier)");
                continue;
            }
            None => {
                ctx.err(
                    span,
                    "name",
                    "[[models.service_tiers]] needs name = \"flex\" or \"priority\"",
                );
                continue;
            }
        };
        if out.iter().any(|(t, _)| *t == tier) {
            ctx.err(
                span,
                "name",
                format!("service tier `{}` is given twice", tier.code()),
            );
            continue;
        }
        out.push((tier, table(ctx, raw)));
    }
    out
}

fn offpeak(ctx: &mut FileCtx, m: &mut RawModel) -> Option<Offpeak> {
    let raw = m.offpeak.take()?;
    let span = raw.span();
    let mut raw = raw.into_inner();
    let Some(hours_utc) = raw.hours_utc.take() else {
        ctx.err(span, "hours_utc", "[models.offpeak] needs `hours_utc`, the off-peak hours in UTC as the vendor states them, e.g. \"16:30-00:30\"");
        return None;
    };
    Some(Offpeak {
        hours_utc,
        prices: table(ctx, raw),
    })
}

/// A model's own prices; records an error when `input` or `output` is missing.
pub(super) fn model_prices(ctx: &mut FileCtx, m: &mut RawModel) -> Option<ModelPrices> {
    let cache = [m.cache_read, m.cache_write_5m, m.cache_write_1h];
    let (Some(input), Some(output)) = (m.input, m.output) else {
        let missing = if m.input.is_none() { "input" } else { "output" };
        ctx.err(
            m.id.span(),
            missing,
            format!(
                "model `{}` has no `{missing}` price; give `input` and `output` per 1M tokens (zero or more)",
                m.id.get_ref()
            ),
        );
        return None;
    };
    let base = token_prices(input, output, cache);
    let tiers = rising_tiers(ctx, std::mem::take(&mut m.tiers));
    Some(ModelPrices {
        base,
        tiers,
        batch_discount_pct: m.batch_discount_pct.map(|p| p.0),
        batch: batch(ctx, m),
        service_tiers: service_tiers(ctx, m),
        offpeak: offpeak(ctx, m),
        web_search_per_k: m.web_search_per_k.map(|p| p.0),
        earlier: earlier(ctx, m),
    })
}

/// `[[models.earlier]]`: dated lists, oldest first, each ending before the
/// next begins.
fn earlier(ctx: &mut FileCtx, m: &mut RawModel) -> Vec<EarlierPrices> {
    let mut out: Vec<EarlierPrices> = Vec::new();
    for raw in std::mem::take(&mut m.earlier) {
        let r = raw.into_inner();
        let Some(until) = date(ctx, "until", &r.until) else {
            continue;
        };
        if let Some(last) = out.last().filter(|l| l.until >= until) {
            ctx.err(
                r.until.span(),
                "until",
                format!(
                    "{until}: earlier prices go oldest first, each `until` after the previous one ({})",
                    last.until
                ),
            );
            continue;
        }
        let prices = PriceTable {
            base: token_prices(
                r.input,
                r.output,
                [r.cache_read, r.cache_write_5m, r.cache_write_1h],
            ),
            tiers: rising_tiers(ctx, r.tiers),
        };
        out.push(EarlierPrices { until, prices });
    }
    out
}

/// Refuses per-model price tables on a model that is not priced per model.
pub(super) fn forbid_tables(ctx: &mut FileCtx, m: &RawModel) {
    const WHY: &str = "per-model price tables are used only with a model's own prices (official vendors and pricing = \"own\")";
    forbid(ctx, &m.batch, "batch", WHY);
    forbid(ctx, &m.offpeak, "offpeak", WHY);
    if let Some(t) = m.service_tiers.first() {
        ctx.err(t.span(), "service_tiers", WHY);
    }
    if let Some(e) = m.earlier.first() {
        ctx.err(e.span(), "earlier", WHY);
    }
}

/// What a model carries besides prices.
pub(super) struct Extras {
    pub lifecycle: Lifecycle,
    pub source: Option<String>,
    pub checked: Option<CalendarDate>,
    pub via: Option<String>,
    /// The successor as written, to check against the provider's models.
    pub successor_span: Option<Range<usize>>,
}

pub(super) fn model_extras(ctx: &mut FileCtx, m: &RawModel) -> Extras {
    if let Some(src) = &m.source {
        https_url(ctx, "source", src);
    }
    Extras {
        lifecycle: Lifecycle {
            deprecated: m.deprecated,
            retires: m.retires.as_ref().and_then(|d| date(ctx, "retires", d)),
            successor: m.successor.as_ref().map(|s| s.get_ref().clone()),
            unlisted: m.unlisted,
        },
        source: m.source.as_ref().map(|s| s.get_ref().clone()),
        checked: m.checked.as_ref().and_then(|d| date(ctx, "checked", d)),
        via: m.via.clone(),
        successor_span: m.successor.as_ref().map(Spanned::span),
    }
}
