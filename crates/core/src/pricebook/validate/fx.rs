//! `fx.toml`: one rate per currency, each with its date and source.

use super::super::file_ctx::FileCtx;
use super::super::fx::{FxRate, FxTable};
use super::super::schema::RawFxFile;
use super::{check_schema, date, https_url, is_currency_code};

pub(crate) fn build_fx(ctx: &mut FileCtx, raw: RawFxFile) -> FxTable {
    check_schema(ctx, &raw.schema);
    let mut table = FxTable::default();
    for r in raw.rates {
        let code = r.currency.get_ref().clone();
        if !is_currency_code(&code) || code == "USD" {
            ctx.err(
                r.currency.span(),
                "currency",
                format!("`{code}` must be an ISO 4217 code of three capital letters other than USD (USD is the base, 1)"),
            );
            continue;
        }
        if table.per_usd(&code).is_some() {
            ctx.err(
                r.currency.span(),
                "currency",
                format!("`{code}` has a rate already; give each currency once"),
            );
            continue;
        }
        let per_usd = r.per_usd.get_ref().0;
        if per_usd.is_zero() {
            ctx.err(
                r.per_usd.span(),
                "per_usd",
                "must be more than 0: the units of this currency one US dollar buys",
            );
            continue;
        }
        https_url(ctx, "source", &r.source);
        let Some(date) = date(ctx, "date", &r.date) else {
            continue;
        };
        table.rates.push(FxRate {
            currency: code,
            per_usd,
            date,
            source: r.source.into_inner(),
        });
    }
    table
}
