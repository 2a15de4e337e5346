//! Where our tables and a database disagree.
//!
//! A price is compared only where both sides give it: a database that does
//! not publish a 1-hour cache-write price does not disagree with ours. A
//! batch discount given as a percentage is compared as the prices it gives.

use super::{Database, DbModel};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::money::pct_to_fraction;
use llm_roi_core::pricebook::{
    Model, ModelPrices, PriceTable, PriceView, Pricebook, ProviderKind, Status, TokenPrices,
};
use rust_decimal::Decimal;

/// One price that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// `provider/model`.
    pub model: String,
    /// e.g. `input`, `tiers>200000.output`, `batch.cache_read`, `flex.input`.
    pub field: String,
    pub ours: String,
    pub theirs: String,
}

/// The whole comparison.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diff {
    pub disagreements: Vec<Disagreement>,
    /// Shipped models past the retirement day the database gives.
    pub retired: Vec<(String, CalendarDate)>,
    /// Shipped models the database marks deprecated (information).
    pub deprecated: Vec<String>,
    /// Current text models of the database that we do not ship (information).
    pub missing: Vec<String>,
    /// Shipped models the database does not list (information).
    pub unknown: Vec<String>,
}

impl Diff {
    /// 1 when a price disagrees or a shipped model is retired, else 0.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.disagreements.is_empty() || !self.retired.is_empty())
    }
}

fn show(d: Option<Decimal>) -> String {
    d.map_or_else(|| "-".into(), |d| d.normalize().to_string())
}

fn compare_prices(
    out: &mut Vec<Disagreement>,
    model: &str,
    field: &str,
    a: &TokenPrices,
    b: &TokenPrices,
) {
    let pairs = [
        ("input", Some(a.input_per_mtok), Some(b.input_per_mtok)),
        ("output", Some(a.output_per_mtok), Some(b.output_per_mtok)),
        ("cache_read", a.cache_read_per_mtok, b.cache_read_per_mtok),
        (
            "cache_write_5m",
            a.cache_write_5m_per_mtok,
            b.cache_write_5m_per_mtok,
        ),
        (
            "cache_write_1h",
            a.cache_write_1h_per_mtok,
            b.cache_write_1h_per_mtok,
        ),
    ];
    for (name, x, y) in pairs {
        if let (Some(x), Some(y)) = (x, y) {
            if x.normalize() != y.normalize() {
                out.push(Disagreement {
                    model: model.into(),
                    field: format!("{field}{name}"),
                    ours: show(Some(x)),
                    theirs: show(Some(y)),
                });
            }
        }
    }
}

fn compare_tables(
    out: &mut Vec<Disagreement>,
    model: &str,
    prefix: &str,
    a: PriceView,
    b: PriceView,
) {
    compare_prices(out, model, prefix, a.base, b.base);
    let thresholds = |t: PriceView| {
        t.tiers
            .iter()
            .map(|x| x.above_input_tokens)
            .collect::<Vec<_>>()
    };
    if thresholds(a) != thresholds(b) {
        out.push(Disagreement {
            model: model.into(),
            field: format!("{prefix}tiers"),
            ours: format!("{:?}", thresholds(a)),
            theirs: format!("{:?}", thresholds(b)),
        });
        return;
    }
    for (x, y) in a.tiers.iter().zip(b.tiers) {
        let p = format!("{prefix}tiers>{}.", x.above_input_tokens);
        compare_prices(out, model, &p, &x.prices, &y.prices);
    }
}

/// Our batch prices: the table, or the standard ones less the discount.
fn our_batch(p: &ModelPrices, on_cache: bool) -> Option<PriceTable> {
    if let Some(b) = &p.batch {
        return Some(b.clone());
    }
    let keep = Decimal::ONE - pct_to_fraction(p.batch_discount_pct?);
    let scale = |t: &TokenPrices| TokenPrices {
        input_per_mtok: t.input_per_mtok * keep,
        output_per_mtok: t.output_per_mtok * keep,
        cache_read_per_mtok: t
            .cache_read_per_mtok
            .map(|c| if on_cache { c * keep } else { c }),
        cache_write_5m_per_mtok: t.cache_write_5m_per_mtok.map(|c| c * keep),
        cache_write_1h_per_mtok: t.cache_write_1h_per_mtok.map(|c| c * keep),
    };
    let std = p.standard();
    Some(PriceTable {
        base: scale(std.base),
        tiers: std
            .tiers
            .iter()
            .map(|t| llm_roi_core::pricebook::Tier {
                above_input_tokens: t.above_input_tokens,
                prices: scale(&t.prices),
            })
            .collect(),
    })
}

fn compare_model(
    out: &mut Vec<Disagreement>,
    name: &str,
    ours: &ModelPrices,
    theirs: &ModelPrices,
    on_cache: bool,
) {
    compare_tables(out, name, "", ours.standard(), theirs.standard());
    if let (Some(a), Some(b)) = (our_batch(ours, on_cache), &theirs.batch) {
        compare_tables(out, name, "batch.", a.view(), b.view());
    }
    for (tier, a) in &ours.service_tiers {
        if let Some(b) = theirs.service_tier(*tier) {
            compare_tables(out, name, &format!("{}.", tier.code()), a.view(), b.view());
        }
    }
    if let (Some(a), Some(b)) = (&ours.offpeak, &theirs.offpeak) {
        compare_tables(out, name, "offpeak.", a.prices.view(), b.prices.view());
    }
    if let (Some(a), Some(b)) = (ours.web_search_per_k, theirs.web_search_per_k) {
        if a.normalize() != b.normalize() {
            out.push(Disagreement {
                model: name.into(),
                field: "web_search_per_k".into(),
                ours: show(Some(a)),
                theirs: show(Some(b)),
            });
        }
    }
}

fn find<'a>(db: &'a super::DbProvider, m: &Model) -> Option<&'a DbModel> {
    db.model(&m.id)
        .or_else(|| m.aliases.iter().find_map(|a| db.model(a)))
}

/// Compares every official provider's models with the database.
pub fn diff(book: &Pricebook, db: &Database, today: CalendarDate) -> Diff {
    let mut d = Diff::default();
    for p in book
        .providers
        .iter()
        .filter(|p| p.kind == ProviderKind::Official)
    {
        let Some(theirs) = db.provider(&p.id) else {
            continue;
        };
        for m in &p.models {
            let name = format!("{}/{}", p.id, m.id);
            let found = find(theirs, m);
            // The database's word on the lifecycle: the alarm is about what it says.
            let life = found.map(|t| t.lifecycle.clone()).unwrap_or_default();
            match (life.status(today), life.retires) {
                (Status::Retired, Some(day)) => d.retired.push((name.clone(), day)),
                (Status::Deprecated, _) => d.deprecated.push(name.clone()),
                _ => {}
            }
            match (found, &m.prices) {
                (Some(t), Some(ours)) => compare_model(
                    &mut d.disagreements,
                    &name,
                    ours,
                    &t.prices,
                    p.batch_discount_on_cache,
                ),
                (None, _) => d.unknown.push(name),
                _ => {}
            }
        }
        for t in &theirs.models {
            let shipped = p
                .models
                .iter()
                .any(|m| m.answers_to(&t.id) || t.aliases.iter().any(|a| m.answers_to(a)));
            if !shipped && t.text && t.lifecycle.status(today) == Status::Current {
                d.missing.push(format!("{}/{}", p.id, t.id));
            }
        }
    }
    d
}

/// The diff as the command prints it.
pub fn render(d: &Diff, via: &str) -> String {
    let mut out = String::new();
    if d.disagreements.is_empty() {
        out.push_str(&format!("prices: every compared price agrees with {via}\n"));
    } else {
        out.push_str(&format!(
            "prices that disagree with {via} ({}):\n",
            d.disagreements.len()
        ));
        out.push_str("  model | field | ours | theirs\n");
        for x in &d.disagreements {
            out.push_str(&format!(
                "  {} | {} | {} | {}\n",
                x.model, x.field, x.ours, x.theirs
            ));
        }
    }
    for (name, day) in &d.retired {
        out.push_str(&format!("retired: {name} was retired on {day}\n"));
    }
    let list = |title: &str, items: &[String], out: &mut String| {
        if !items.is_empty() {
            out.push_str(&format!(
                "{title} ({}): {}\n",
                items.len(),
                items.join(", ")
            ));
        }
    };
    list("deprecated (information)", &d.deprecated, &mut out);
    list(
        "current text models we do not ship (information)",
        &d.missing,
        &mut out,
    );
    list(
        "shipped models the database does not list (information)",
        &d.unknown,
        &mut out,
    );
    out
}
