//! A relay's price basis (own, flat or credit) and its own price claims.

use super::super::file_ctx::FileCtx;
use super::super::schema::{RawPricing, RawProvider};
use super::super::{PriceBasis, PriceClaim, ProviderKind};
use super::forbid;

pub(super) fn price_claim(
    ctx: &mut FileCtx,
    p: &RawProvider,
    kind: ProviderKind,
) -> Option<PriceClaim> {
    if kind == ProviderKind::Official {
        forbid(
            ctx,
            &p.claimed_savings_pct,
            "claimed_savings_pct",
            "only a relay makes saving claims; remove it or set kind = \"relay\"",
        );
        return None;
    }
    let savings_pct = p.claimed_savings_pct.as_ref().map(|c| c.get_ref().0);
    if savings_pct.is_none() && p.claimed_price_text.is_none() {
        return None;
    }
    if p.claim_source.is_none()
        && let Some(c) = &p.claimed_savings_pct
    {
        ctx.err(
            c.span(),
            "claim_source",
            "a vendor's saving claim needs `claim_source`, where the vendor makes it",
        );
    }
    Some(PriceClaim {
        savings_pct,
        text: p.claimed_price_text.clone(),
    })
}

pub(super) fn relay_basis(ctx: &mut FileCtx, p: &RawProvider) -> Option<PriceBasis> {
    if p.upstream.is_none() {
        ctx.err(
            p.id.span(),
            "upstream",
            "a relay must name the provider it fronts, e.g. upstream = \"anthropic\"",
        );
    }
    let Some(pricing) = &p.pricing else {
        ctx.err(
            p.id.span(),
            "pricing",
            "a relay needs pricing = \"own\", \"flat\" or \"credit\"",
        );
        return None;
    };
    let pricing_kind = *pricing.get_ref();
    if pricing_kind != RawPricing::Flat {
        forbid(
            ctx,
            &p.flat,
            "flat",
            "[provider.flat] is used only with pricing = \"flat\"",
        );
    }
    if pricing_kind != RawPricing::Credit {
        forbid(
            ctx,
            &p.credit,
            "credit",
            "[provider.credit] is used only with pricing = \"credit\"",
        );
    }
    match pricing_kind {
        RawPricing::Own => Some(PriceBasis::Own),
        RawPricing::Flat => match &p.flat {
            Some(f) => Some(PriceBasis::Flat {
                input_per_mtok: f.get_ref().input.0,
                output_per_mtok: f.get_ref().output.0,
            }),
            None => {
                ctx.err(pricing.span(), "flat", "pricing = \"flat\" needs [provider.flat] with `input` and `output` per 1M tokens");
                None
            }
        },
        RawPricing::Credit => match &p.credit {
            Some(c) => Some(PriceBasis::Credit {
                per_list_unit: c.get_ref().per_list_unit.0,
            }),
            None => {
                ctx.err(
                    pricing.span(),
                    "credit",
                    "pricing = \"credit\" needs [provider.credit] with `per_list_unit`",
                );
                None
            }
        },
    }
}
