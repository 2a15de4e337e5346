//! Which options an estimate compares.

use crate::pricebook::{ModelRef, Pricebook, ProviderKind};
use crate::scenario::codec::name_some;
use crate::scenario::{FieldError, Scenario};

/// The baseline and the options to compare, as canonical `provider/model` ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub baseline: ModelRef,
    /// Baseline first.
    pub options: Vec<ModelRef>,
}

/// `r` as the pricebook names it (`provider/model` ids), if it is there.
pub(crate) fn canonical(book: &Pricebook, r: &ModelRef) -> Option<ModelRef> {
    book.resolve(r).map(|(p, m)| ModelRef {
        provider: p.id.clone(),
        model: m.id.clone(),
    })
}

fn all_options(book: &Pricebook) -> Vec<ModelRef> {
    book.providers
        .iter()
        .flat_map(|p| {
            p.models.iter().map(|m| ModelRef {
                provider: p.id.clone(),
                model: m.id.clone(),
            })
        })
        .collect()
}

fn unknown(field: &str, r: &ModelRef, book: &Pricebook, fallback: Option<&ModelRef>) -> FieldError {
    unknown_list(field, &[r.to_string()], book, fallback)
}

/// One error naming every unknown option of `field`, with the pricebook's
/// options listed once.
fn unknown_list(
    field: &str,
    names: &[String],
    book: &Pricebook,
    fallback: Option<&ModelRef>,
) -> FieldError {
    let verb = if names.len() == 1 { "is" } else { "are" };
    let mut message = format!(
        "{} {verb} not in the pricebook; choose one of: {}",
        name_some(names),
        all_options(book)
            .iter()
            .map(ModelRef::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(f) = fallback {
        message.push_str(&format!(" (showing {f} meanwhile)"));
    }
    FieldError {
        field: field.into(),
        value: names.join(","),
        message,
    }
}

/// The default's model, or any, standing in for an unknown baseline; the
/// unknown one is named in `errors`.
fn fallback_with_error(
    book: &Pricebook,
    base: &ModelRef,
    errors: &mut Vec<FieldError>,
) -> ModelRef {
    let fallback = canonical(book, &Scenario::default().base)
        .or_else(|| flagship_of(book, &Scenario::default().base.provider))
        .or_else(|| all_options(book).into_iter().next())
        .unwrap_or_else(|| base.clone());
    errors.push(unknown("base", base, book, Some(&fallback)));
    fallback
}

/// The small flagship of `provider`.
fn flagship_of(book: &Pricebook, provider: &str) -> Option<ModelRef> {
    let p = book.provider(provider)?;
    p.models
        .iter()
        .find(|m| m.flagship_small)
        .map(|m| ModelRef {
            provider: p.id.clone(),
            model: m.id.clone(),
        })
}

/// Picks the baseline and the options.
///
/// Without `cmp`, the options are every provider's offer of the baseline's
/// model (official and relays), plus the other official vendors' flagship
/// small models. A migration target is always compared. Unknown names become
/// field errors; the rest is kept.
pub fn select(book: &Pricebook, s: &Scenario) -> (Selection, Vec<FieldError>) {
    let mut errors = Vec::new();
    let default_base = Scenario::default().base;
    let baseline = match canonical(book, &s.base) {
        Some(b) => b,
        // The default baseline is the default vendor's small flagship: a
        // pricebook without the default model stands in its own.
        None if s.base == default_base => match flagship_of(book, &default_base.provider) {
            Some(f) => f,
            None => fallback_with_error(book, &s.base, &mut errors),
        },
        None => fallback_with_error(book, &s.base, &mut errors),
    };
    let mut options = vec![baseline.clone()];
    let mut push = |r: ModelRef| {
        if !options.contains(&r) {
            options.push(r);
        }
    };
    match &s.compare {
        Some(list) => {
            let mut missing = Vec::new();
            for r in list {
                match canonical(book, r) {
                    Some(c) => push(c),
                    None => missing.push(r.to_string()),
                }
            }
            if !missing.is_empty() {
                errors.push(unknown_list("cmp", &missing, book, None));
            }
        }
        None => {
            let base_identity = book.resolve(&baseline).map(|(p, m)| book.identity(p, m));
            for p in &book.providers {
                for m in &p.models {
                    let same_model = Some(book.identity(p, m)) == base_identity;
                    let other_flagship = p.kind == ProviderKind::Official
                        && m.flagship_small
                        && base_identity.as_ref().is_some_and(|b| b.provider != p.id);
                    if same_model || other_flagship {
                        push(ModelRef {
                            provider: p.id.clone(),
                            model: m.id.clone(),
                        });
                    }
                }
            }
        }
    }
    if let Some(t) = &s.migration.target {
        match canonical(book, t) {
            Some(c) if c == baseline => errors.push(FieldError {
                field: "target".into(),
                value: t.to_string(),
                message: format!(
                    "`{t}` is the baseline; choose another option to migrate to, or leave it empty for the cheapest"
                ),
            }),
            Some(c) => push(c),
            None => errors.push(unknown("target", t, book, None)),
        }
    }
    (Selection { baseline, options }, errors)
}
