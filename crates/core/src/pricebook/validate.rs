//! Checks that turn the raw schema into a [`Pricebook`]'s parts.

use super::file_ctx::FileCtx;
use super::fx::FxTable;
use super::schema::RawProviderFile;
use super::{
    Model, ModelRef, OverheadClaim, PriceBasis, PricebookError, Provider, ProviderKind,
    SCHEMA_VERSION, SourceFile,
};
use crate::money::date::CalendarDate;
use std::collections::HashMap;

mod facts;
mod fx;
mod prices;
mod regions;
mod relay;
use facts::build_facts;
pub(crate) use fx::build_fx;
use prices::{model_extras, model_prices};
use relay::{price_claim, relay_basis};
use std::ops::Range;
use toml::Spanned;
use toml::value::Datetime;

/// A provider built from one file, with the upstream names still to resolve.
pub(crate) struct Built {
    pub provider: Provider,
    pub id_span: Range<usize>,
    pub pending: Vec<PendingUpstream>,
}

/// A relay model's upstream, as written.
pub(crate) struct PendingUpstream {
    pub model_index: usize,
    pub provider: String,
    pub provider_span: Range<usize>,
    pub provider_field: &'static str,
    pub model: String,
    pub model_span: Range<usize>,
    pub model_field: &'static str,
}

pub(super) fn check_schema(ctx: &mut FileCtx, schema: &Spanned<u32>) {
    if *schema.get_ref() != SCHEMA_VERSION {
        ctx.err(
            schema.span(),
            "schema",
            format!(
                "unsupported schema version {}; this build reads schema = {SCHEMA_VERSION}",
                schema.get_ref()
            ),
        );
    }
}

pub(super) fn date(
    ctx: &mut FileCtx,
    field: &str,
    value: &Spanned<Datetime>,
) -> Option<CalendarDate> {
    let dt = value.get_ref();
    let parsed = match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => CalendarDate::new(i32::from(d.year), d.month, d.day),
        _ => None,
    };
    if parsed.is_none() {
        ctx.err(
            value.span(),
            field,
            format!("`{dt}` is not a plain date; write it as YYYY-MM-DD, e.g. 2026-11-24"),
        );
    }
    parsed
}

pub(super) fn https_url(ctx: &mut FileCtx, field: &str, value: &Spanned<String>) {
    let v = value.get_ref();
    let host = v.strip_prefix("https://").unwrap_or("");
    if host.is_empty() || host.starts_with('/') || v.contains(char::is_whitespace) {
        ctx.err(
            value.span(),
            field,
            format!("`{v}` is not an https:// URL; give the public page or endpoint, e.g. https://www.anthropic.com/pricing"),
        );
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_' | '/')
        })
}

pub(super) fn is_currency_code(s: &str) -> bool {
    s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase())
}

pub(super) fn forbid<T>(ctx: &mut FileCtx, value: &Option<Spanned<T>>, field: &str, why: &str) {
    if let Some(v) = value {
        ctx.err(v.span(), field, why.to_string());
    }
}

/// Builds one provider; `None` when its own fields are too broken to go on.
pub(crate) fn build_provider(
    ctx: &mut FileCtx,
    raw: RawProviderFile,
    fx: &FxTable,
) -> Option<Built> {
    check_schema(ctx, &raw.schema);
    let p = raw.provider;
    let id = p.id.get_ref().clone();
    if !is_slug(&id) {
        ctx.err(
            p.id.span(),
            "id",
            format!("`{id}` must be lowercase letters, digits, '-', '.' or '_'"),
        );
    }
    https_url(ctx, "base_url", &p.base_url);
    https_url(ctx, "source", &p.source);
    let currency = p.currency.get_ref().clone();
    if fx.per_usd(&currency).is_none() {
        ctx.err(
            p.currency.span(),
            "currency",
            format!(
                "`{currency}` has no exchange rate in fx.toml; use one of {} or add a rate for it",
                fx.currencies().join(", ")
            ),
        );
    }
    let checked = date(ctx, "checked", &p.checked);
    let kind = *p.kind.get_ref();

    let (basis, upstream) = match kind {
        ProviderKind::Official => {
            const WHY: &str = "only a relay has this; remove it or set kind = \"relay\"";
            forbid(ctx, &p.upstream, "upstream", WHY);
            forbid(ctx, &p.pricing, "pricing", WHY);
            forbid(ctx, &p.flat, "flat", WHY);
            forbid(ctx, &p.credit, "credit", WHY);
            forbid(ctx, &p.claimed_overhead_ms, "claimed_overhead_ms", WHY);
            (PriceBasis::List, None)
        }
        ProviderKind::Relay => {
            let basis = relay_basis(ctx, &p)?;
            (basis, p.upstream.clone())
        }
    };

    let claim = p.claimed_overhead_ms.as_ref().and_then(|c| match &p.claim_source {
        Some(source) => Some(OverheadClaim {
            claimed_overhead_ms: *c.get_ref(),
            source: source.clone(),
        }),
        None => {
            ctx.err(c.span(), "claim_source", "a vendor's latency claim needs `claim_source`, the URL where the vendor makes it");
            None
        }
    });

    let facts = build_facts(ctx, raw.facts, kind);
    if raw.models.is_empty() {
        ctx.err(
            p.id.span(),
            "models",
            "a provider needs at least one [[models]] entry",
        );
    }
    let mut models: Vec<Model> = Vec::new();
    let mut names: HashMap<String, Range<usize>> = HashMap::new();
    let mut pending = Vec::new();
    let mut successors: Vec<(Range<usize>, String)> = Vec::new();
    for mut m in raw.models {
        for name in std::iter::once(&m.id).chain(m.aliases.iter()) {
            if names.insert(name.get_ref().clone(), name.span()).is_some() {
                ctx.err(
                    name.span(),
                    "aliases",
                    format!("`{}` names two models of `{id}`; every id and alias must be unique within a provider", name.get_ref()),
                );
            }
        }
        let own_prices = matches!(basis, PriceBasis::List | PriceBasis::Own);
        let model_prices = if own_prices {
            model_prices(ctx, &mut m)
        } else {
            prices::forbid_tables(ctx, &m);
            for (field, present) in [("input", m.input.is_some()), ("output", m.output.is_some())] {
                if present {
                    ctx.err(m.id.span(), field, format!("model `{}`: per-model prices are not used with pricing = \"flat\" or \"credit\"; remove `{field}` or set pricing = \"own\"", m.id.get_ref()));
                }
            }
            None
        };
        if !matches!(basis, PriceBasis::Credit { .. }) {
            forbid(
                ctx,
                &m.multiplier,
                "multiplier",
                "a per-model multiplier applies only with pricing = \"credit\"",
            );
        }
        match kind {
            ProviderKind::Official => {
                forbid(
                    ctx,
                    &m.upstream,
                    "upstream",
                    "an official provider's model has no upstream",
                );
                forbid(
                    ctx,
                    &m.upstream_model,
                    "upstream_model",
                    "an official provider's model has no upstream",
                );
            }
            ProviderKind::Relay => {
                let up = m.upstream.as_ref().or(upstream.as_ref());
                match up {
                    Some(up) => pending.push(PendingUpstream {
                        model_index: models.len(),
                        provider: up.get_ref().clone(),
                        provider_span: up.span(),
                        provider_field: "upstream",
                        model: m.upstream_model.as_ref().unwrap_or(&m.id).get_ref().clone(),
                        model_span: m.upstream_model.as_ref().unwrap_or(&m.id).span(),
                        model_field: if m.upstream_model.is_some() { "upstream_model" } else { "id" },
                    }),
                    None => ctx.err(m.id.span(), "upstream", format!("relay model `{}` needs an upstream provider: set `upstream` in [provider] or on the model", m.id.get_ref())),
                }
            }
        }
        let extras = model_extras(ctx, &m);
        let region_prices = regions::regions(ctx, &m, model_prices.is_some());
        if let Some(span) = extras.successor_span.clone() {
            successors.push((span, extras.lifecycle.successor.clone().unwrap_or_default()));
        }
        models.push(Model {
            lifecycle: extras.lifecycle,
            source: extras.source,
            checked: extras.checked,
            via: extras.via,
            name: m.name.clone().unwrap_or_else(|| m.id.get_ref().clone()),
            id: m.id.into_inner(),
            aliases: m.aliases.into_iter().map(Spanned::into_inner).collect(),
            flagship_small: m.flagship_small,
            prices: model_prices,
            upstream: None,
            multiplier: m.multiplier.map(|x| x.into_inner().0),
            regions: region_prices,
        });
    }

    for (span, name) in successors {
        if !names.contains_key(&name) {
            ctx.err(span, "successor", format!("`{name}` is not a model of `{id}`; a successor names another model of the same provider"));
        }
    }

    let price_claim = price_claim(ctx, &p, kind);
    Some(Built {
        id_span: p.id.span(),
        provider: Provider {
            id,
            name: p.name,
            kind,
            base_url: p.base_url.into_inner(),
            api_style: p.api_style,
            currency,
            source: p.source.into_inner(),
            checked: checked?,
            api_key_env: p.api_key_env,
            upstream: upstream.map(Spanned::into_inner),
            claim,
            price_claim,
            batch_discount_on_cache: p.batch_discount_on_cache.unwrap_or(true),
            basis,
            models,
            facts,
            file: ctx.name.to_string(),
        },
        pending,
    })
}

/// Checks ids across files and resolves every relay model's upstream.
pub(crate) fn check_cross_references(
    built: Vec<(&SourceFile, Built)>,
    errors: &mut Vec<PricebookError>,
) -> Vec<Provider> {
    let mut seen: HashMap<String, String> = HashMap::new();
    for (file, b) in &built {
        if let Some(first) = seen.insert(b.provider.id.clone(), file.name.clone()) {
            let mut ctx = FileCtx {
                name: &file.name,
                text: &file.text,
                errors,
            };
            ctx.err(
                b.id_span.clone(),
                "id",
                format!(
                    "provider id `{}` is already used by {first}; every provider id must be unique",
                    b.provider.id
                ),
            );
        }
    }
    let officials: Vec<Provider> = built
        .iter()
        .filter(|(_, b)| b.provider.kind == ProviderKind::Official)
        .map(|(_, b)| b.provider.clone())
        .collect();
    let official_ids: Vec<&str> = officials.iter().map(|p| p.id.as_str()).collect();

    let mut providers = Vec::new();
    for (file, mut b) in built {
        let mut ctx = FileCtx {
            name: &file.name,
            text: &file.text,
            errors,
        };
        for pend in b.pending.drain(..) {
            let Some(up) = officials.iter().find(|o| o.id == pend.provider) else {
                ctx.err(
                    pend.provider_span,
                    pend.provider_field,
                    format!(
                        "upstream `{}` is not an official provider; use one of: {}",
                        pend.provider,
                        official_ids.join(", ")
                    ),
                );
                continue;
            };
            match up.model(&pend.model) {
                Some(model) => {
                    b.provider.models[pend.model_index].upstream = Some(ModelRef {
                        provider: up.id.clone(),
                        model: model.id.clone(),
                    });
                }
                None => ctx.err(
                    pend.model_span,
                    pend.model_field,
                    format!(
                        "`{}` does not serve a model `{}`; its models are: {}",
                        up.id,
                        pend.model,
                        up.models
                            .iter()
                            .map(|m| m.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            }
        }
        providers.push(b.provider);
    }
    providers.sort_by(|a, b| {
        (a.kind == ProviderKind::Relay, &a.id).cmp(&(b.kind == ProviderKind::Relay, &b.id))
    });
    providers
}
