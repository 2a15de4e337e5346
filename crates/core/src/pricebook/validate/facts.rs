//! `[facts]`: each fact's source and date, and the checks its value needs
//! beyond its type (the types themselves are checked while parsing).

use super::super::ProviderKind;
use super::super::facts::{Fact, Facts, REGIONS, Sla, VENDOR_CLAIM};
use super::super::file_ctx::FileCtx;
use super::super::schema::{RawFact, RawFacts};
use super::{date, is_currency_code};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Longest default retention accepted, in days (ten years).
const MAX_RETENTION_DAYS: u32 = 3650;

/// The common part of every fact: a source that is an https:// page or the
/// vendor's own claim, and a plain date.
fn fact<T, U>(ctx: &mut FileCtx, key: &str, raw: RawFact<T>, value: U) -> Option<Fact<U>> {
    let source = raw.source.get_ref().trim().to_string();
    let page = source
        .strip_prefix("https://")
        .is_some_and(|h| !h.is_empty() && !h.starts_with('/') && !h.contains(char::is_whitespace));
    if !page && !source.starts_with(VENDOR_CLAIM) {
        ctx.err(
            raw.source.span(),
            &format!("facts.{key}.source"),
            format!("`{source}` is neither an https:// page nor the vendor's claim; give the public page that states this fact, or write \"{VENDOR_CLAIM}: <where the vendor says it>\""),
        );
    }
    let checked = date(ctx, &format!("facts.{key}.checked"), &raw.checked)?;
    Some(Fact {
        value,
        source,
        checked,
        note: raw.note,
    })
}

/// A list without repeats, and not empty unless `empty_ok`.
fn list<T: PartialEq>(ctx: &mut FileCtx, key: &str, raw: &RawFact<Vec<T>>, empty_ok: bool) {
    let v = raw.value.get_ref();
    if v.is_empty() && !empty_ok {
        ctx.err(
            raw.value.span(),
            &format!("facts.{key}.value"),
            "give at least one value, or leave the fact out while it is unknown",
        );
    }
    if let Some(i) = (1..v.len()).find(|&i| v[..i].contains(&v[i])) {
        ctx.err(
            raw.value.span(),
            &format!("facts.{key}.value"),
            format!(
                "entry {} is listed twice (it repeats an earlier entry); list each value once",
                i + 1
            ),
        );
    }
}

fn sla_value(ctx: &mut FileCtx, raw: &RawFact<toml::Value>) -> Option<Sla> {
    let pct = match raw.value.get_ref() {
        toml::Value::String(s) if s == "none" => return Some(Sla::None),
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) if f.is_finite() => Decimal::from_str(&f.to_string()).ok(),
        _ => None,
    };
    match pct.filter(|p| *p > Decimal::ZERO && *p <= Decimal::ONE_HUNDRED) {
        Some(p) => Some(Sla::Uptime(p.normalize())),
        None => {
            ctx.err(raw.value.span(), "facts.sla.value", format!("`{}` is not an SLA; write the published monthly uptime commitment as a percentage above 0 and at most 100 (e.g. 99.9), or \"none\"", raw.value.get_ref()));
            None
        }
    }
}

/// Builds the facts of one provider file.
pub(crate) fn build_facts(ctx: &mut FileCtx, raw: Option<RawFacts>, kind: ProviderKind) -> Facts {
    let Some(r) = raw else {
        return Facts::default();
    };
    let mut out = Facts::default();
    if let Some(f) = r.payment {
        list(ctx, "payment", &f, false);
        let v = f.value.get_ref().clone();
        out.payment = fact(ctx, "payment", f, v);
    }
    if let Some(f) = r.billing_currency {
        list(ctx, "billing_currency", &f, false);
        if let Some(c) = f.value.get_ref().iter().find(|c| !is_currency_code(c)) {
            ctx.err(
                f.value.span(),
                "facts.billing_currency.value",
                format!("`{c}` is not an ISO 4217 code; write three capital letters, e.g. USD"),
            );
        }
        let v = f.value.get_ref().clone();
        out.billing_currency = fact(ctx, "billing_currency", f, v);
    }
    if let Some(f) = r.compliance {
        list(ctx, "compliance", &f, true);
        let mut v = f.value.get_ref().clone();
        v.sort();
        out.compliance = fact(ctx, "compliance", f, v);
    }
    if let Some(f) = r.retention_days {
        let days = *f.value.get_ref();
        if days > MAX_RETENTION_DAYS {
            ctx.err(f.value.span(), "facts.retention_days.value", format!("{days} days is over {MAX_RETENTION_DAYS}; write the default retention in days (0 when nothing is kept)"));
        }
        out.retention_days = fact(ctx, "retention_days", f, days);
    }
    if let Some(f) = r.zdr {
        let v = *f.value.get_ref();
        out.zdr = fact(ctx, "zdr", f, v);
    }
    if let Some(f) = r.training {
        let v = *f.value.get_ref();
        out.training = fact(ctx, "training", f, v);
    }
    if let Some(f) = r.regions {
        list(ctx, "regions", &f, false);
        if let Some(bad) = f
            .value
            .get_ref()
            .iter()
            .find(|r| !REGIONS.contains(&r.as_str()))
        {
            ctx.err(
                f.value.span(),
                "facts.regions.value",
                format!("`{bad}` is not a region code; use {}", REGIONS.join(", ")),
            );
        }
        let v = f.value.get_ref().clone();
        out.regions = fact(ctx, "regions", f, v);
    }
    if let Some(f) = r.sla
        && let Some(v) = sla_value(ctx, &f)
    {
        out.sla = fact(ctx, "sla", f, v);
    }
    for (key, slot, raw) in [
        ("streaming", &mut out.streaming, r.streaming),
        ("tool_use", &mut out.tool_use, r.tool_use),
        ("batch", &mut out.batch, r.batch),
    ] {
        if let Some(f) = raw {
            let v = *f.value.get_ref();
            *slot = fact(ctx, key, f, v);
        }
    }
    if let Some(f) = r.routes_to {
        if kind == ProviderKind::Official {
            ctx.err(
                f.value.span(),
                "facts.routes_to",
                "only a relay routes to another provider; remove it or set kind = \"relay\"",
            );
        } else if f.value.get_ref().trim().is_empty() {
            ctx.err(
                f.value.span(),
                "facts.routes_to.value",
                "say where the relay sends requests, e.g. \"Anthropic's API\"",
            );
        }
        let v = f.value.get_ref().trim().to_string();
        out.routes_to = fact(ctx, "routes_to", f, v);
    }
    out
}
