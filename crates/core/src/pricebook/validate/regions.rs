//! `[[models.regions]]`: a known region code, once each, a factor above 0
//! and at most 10, an https source and the day it was checked, on a model
//! with its own prices.

use super::super::facts::REGIONS;
use super::super::file_ctx::FileCtx;
use super::super::regions::RegionPrice;
use super::super::schema::RawModel;
use super::{date, https_url};
use rust_decimal::Decimal;

pub(super) fn regions(ctx: &mut FileCtx, m: &RawModel, own_prices: bool) -> Vec<RegionPrice> {
    let mut out: Vec<RegionPrice> = Vec::new();
    for raw in &m.regions {
        let r = raw.get_ref();
        if !own_prices {
            ctx.err(raw.span(), "regions", "a regional price multiplies the model's own prices: only official vendors and pricing = \"own\" give one");
            continue;
        }
        let code = r.region.get_ref();
        if !REGIONS.contains(&code.as_str()) {
            ctx.err(
                r.region.span(),
                "region",
                format!(
                    "`{code}` is not a region code; use one of {}",
                    REGIONS.join(", ")
                ),
            );
            continue;
        }
        if out.iter().any(|p| p.region == *code) {
            ctx.err(
                r.region.span(),
                "region",
                format!(
                    "region `{code}` is listed twice on model `{}`",
                    m.id.get_ref()
                ),
            );
            continue;
        }
        let multiplier = r.multiplier.get_ref().0;
        if multiplier <= Decimal::ZERO || multiplier > Decimal::TEN {
            ctx.err(
                r.multiplier.span(),
                "multiplier",
                format!(
                    "{multiplier}: a regional factor is above 0 and at most 10 (1.1 is 10 % more)"
                ),
            );
            continue;
        }
        https_url(ctx, "source", &r.source);
        let Some(checked) = date(ctx, "checked", &r.checked) else {
            continue;
        };
        out.push(RegionPrice {
            region: code.clone(),
            multiplier,
            source: r.source.get_ref().clone(),
            checked,
        });
    }
    out
}
