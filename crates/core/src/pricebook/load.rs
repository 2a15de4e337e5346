//! Parsing and validating pricing files.
//!
//! [`load`] works on file texts, so the same code runs in tests, in the
//! `check` subcommand and at server start; reading the directory is the
//! server's job (`llm_roi_prices::pricing_dir`).

use super::error::PricebookErrors;
use super::file_ctx::FileCtx;
use super::schema::{RawFxFile, RawProviderFile};
use super::validate::{build_fx, build_provider, check_cross_references};
use super::{Pricebook, SourceFile};

/// Loads and validates `fx` and the provider files.
///
/// Returns every problem found, not only the first.
pub fn load(fx: &SourceFile, providers: &[SourceFile]) -> Result<Pricebook, PricebookErrors> {
    let mut errors = Vec::new();
    let fx_table = {
        let mut ctx = FileCtx {
            name: &fx.name,
            text: &fx.text,
            errors: &mut errors,
        };
        ctx.parse::<RawFxFile>()
            .map(|raw| build_fx(&mut ctx, raw))
            .unwrap_or_default()
    };

    let mut built = Vec::new();
    for file in providers {
        let mut ctx = FileCtx {
            name: &file.name,
            text: &file.text,
            errors: &mut errors,
        };
        if let Some(raw) = ctx.parse::<RawProviderFile>()
            && let Some(b) = build_provider(&mut ctx, raw, &fx_table)
        {
            built.push((file, b));
        }
    }
    let providers = check_cross_references(built, &mut errors);

    if errors.is_empty() {
        Ok(Pricebook {
            providers,
            fx: fx_table,
        })
    } else {
        Err(PricebookErrors(errors))
    }
}

#[cfg(test)]
mod facts_tests;
#[cfg(test)]
mod tests;
