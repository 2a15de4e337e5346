//! Parsers for single query values. Each error names the key, keeps the
//! value and says what is allowed.

use super::limits::err;
use super::limits::{MAX_COMPARE, name_some};
use crate::pricebook::ModelRef;
use crate::pricebook::requirement::{Requirement, allowed_text};
use crate::scenario::migration::Phase;
use crate::scenario::{FieldError, HORIZONS};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Largest accepted requests per day.
pub const MAX_REQUESTS_PER_DAY: u64 = 1_000_000_000_000;
/// Largest accepted average tokens per request, in either direction.
pub const MAX_TOKENS: u64 = 10_000_000;
/// Monthly growth is accepted from −50 % to +50 %: 36 months at +50 % is
/// already ×1.5³⁵ ≈ 1.5 million.
pub const MAX_GROWTH_PCT: i64 = 50;
/// Largest accepted amount of money in any migration field.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;
/// Largest accepted engineering hours.
pub const MAX_HOURS: i64 = 100_000;
/// Most rollout phases, and the longest phase in days.
pub const MAX_PHASES: usize = 12;
pub const MAX_PHASE_DAYS: u32 = 1080;

pub fn count(key: &str, v: &str) -> Result<u64, FieldError> {
    let cleaned: String = v
        .trim()
        .chars()
        .filter(|c| *c != '_' && *c != ',')
        .collect();
    cleaned
        .parse::<u64>()
        .ok()
        .filter(|n| *n <= MAX_REQUESTS_PER_DAY)
        .ok_or_else(|| {
            err(
                key,
                v,
                "enter a whole number of requests per day from 0 to 1,000,000,000,000",
            )
        })
}

/// Parses `text` (the value, perhaps cleaned of separators) as a decimal in
/// `min..=max`; an error names `key` and shows the value as given, `raw`.
fn decimal_in(
    key: &str,
    raw: &str,
    text: &str,
    (min, max): (Decimal, Decimal),
    what: &str,
) -> Result<Decimal, FieldError> {
    Decimal::from_str(text.trim())
        .ok()
        .filter(|d| *d >= min && *d <= max)
        .map(|d| d.normalize())
        .ok_or_else(|| err(key, raw, format!("enter {what}")))
}

pub fn tokens(key: &str, v: &str) -> Result<Decimal, FieldError> {
    decimal_in(
        key,
        v,
        v,
        (Decimal::ZERO, Decimal::from(MAX_TOKENS)),
        "an average number of tokens per request from 0 to 10,000,000",
    )
}

pub fn pct(key: &str, v: &str) -> Result<Decimal, FieldError> {
    decimal_in(
        key,
        v,
        v,
        (Decimal::ZERO, Decimal::ONE_HUNDRED),
        "a percentage from 0 to 100",
    )
}

/// Web searches per request: 0 to 1,000.
pub fn searches(key: &str, v: &str) -> Result<Decimal, FieldError> {
    decimal_in(
        key,
        v,
        v,
        (Decimal::ZERO, Decimal::ONE_THOUSAND),
        "an average number of web searches per request from 0 to 1,000",
    )
}

pub fn growth(key: &str, v: &str) -> Result<Decimal, FieldError> {
    decimal_in(
        key,
        v,
        v.trim().trim_end_matches('%'),
        (
            Decimal::from(-MAX_GROWTH_PCT),
            Decimal::from(MAX_GROWTH_PCT),
        ),
        "a monthly growth percentage from -50 to 50",
    )
}

pub fn horizon(key: &str, v: &str) -> Result<u32, FieldError> {
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|h| HORIZONS.contains(h))
        .ok_or_else(|| err(key, v, "choose 12, 24 or 36 months"))
}

pub fn amount(key: &str, v: &str) -> Result<Decimal, FieldError> {
    let cleaned: String = v.trim().chars().filter(|c| *c != ',').collect();
    decimal_in(
        key,
        v,
        &cleaned,
        (Decimal::ZERO, Decimal::from(MAX_AMOUNT)),
        "an amount from 0 to 1,000,000,000,000",
    )
}

pub fn hours(key: &str, v: &str) -> Result<Decimal, FieldError> {
    decimal_in(
        key,
        v,
        v,
        (Decimal::ZERO, Decimal::from(MAX_HOURS)),
        "a number of hours from 0 to 100,000",
    )
}

/// Parses `provider/model`.
pub fn model_ref(key: &str, v: &str) -> Result<ModelRef, FieldError> {
    match v.trim().split_once('/') {
        Some((p, m)) if !p.is_empty() && !m.is_empty() => Ok(ModelRef {
            provider: p.to_string(),
            model: m.to_string(),
        }),
        _ => Err(err(
            key,
            v,
            "write the option as provider/model, e.g. anthropic/claude-haiku-4-5",
        )),
    }
}

/// Parses `cmp`: comma-separated `provider/model` options, at most
/// [`MAX_COMPARE`], repeats dropped. The bad entries are named in one error.
pub fn compare(key: &str, v: &str) -> Result<Vec<ModelRef>, FieldError> {
    let items: Vec<&str> = v.split(',').collect();
    if items.len() > MAX_COMPARE {
        return Err(err(
            key,
            v,
            format!(
                "{} options given; compare at most {MAX_COMPARE}",
                items.len()
            ),
        ));
    }
    let mut list: Vec<ModelRef> = Vec::new();
    let mut bad: Vec<String> = Vec::new();
    for item in items {
        match model_ref(key, item) {
            Ok(r) if !list.contains(&r) => list.push(r),
            Ok(_) => {}
            Err(_) => bad.push(item.trim().to_string()),
        }
    }
    if bad.is_empty() {
        return Ok(list);
    }
    Err(err(
        key,
        v,
        format!(
            "{} {} not provider/model; write each option as provider/model, e.g. anthropic/claude-haiku-4-5",
            name_some(&bad),
            if bad.len() == 1 { "is" } else { "are" }
        ),
    ))
}

/// Most requirements in one link.
pub const MAX_REQUIREMENTS: usize = 24;

/// Parses `req`: comma-separated requirements (`soc2,zdr,region:eu`),
/// sorted and once each; empty is none. The bad entries are named in one
/// error, and the good ones are not kept, so the link says what it meant.
pub fn requirements(key: &str, v: &str) -> Result<Vec<Requirement>, FieldError> {
    let items: Vec<&str> = v
        .split(',')
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    if items.len() > MAX_REQUIREMENTS {
        return Err(err(
            key,
            v,
            format!(
                "{} requirements given; list at most {MAX_REQUIREMENTS}",
                items.len()
            ),
        ));
    }
    let mut list = Vec::new();
    let mut bad = Vec::new();
    for item in items {
        match Requirement::parse(item) {
            Ok(r) => list.push(r),
            Err(_) => bad.push(item.to_string()),
        }
    }
    if !bad.is_empty() {
        let verb = if bad.len() == 1 {
            "is not a requirement"
        } else {
            "are not requirements"
        };
        return Err(err(
            key,
            v,
            format!(
                "{} {verb}; write {}, comma-separated; the requirements were all ignored",
                name_some(&bad),
                allowed_text()
            ),
        ));
    }
    list.sort();
    list.dedup();
    Ok(list)
}

/// Parses `share:days,share:days,…` (e.g. `10:7,25:7,50:7,100:7`) or `none`.
pub fn phases(key: &str, v: &str) -> Result<Vec<Phase>, FieldError> {
    let text = v.trim();
    if text.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    let bad = |what: String| {
        err(
            key,
            v,
            format!(
                "{what}; write phases as share%:days, comma-separated, e.g. 10:7,25:7,50:7,100:7 \
                 (share 0–100, days 1–{MAX_PHASE_DAYS}, at most {MAX_PHASES} phases), or none"
            ),
        )
    };
    let list: Vec<&str> = text.split(',').map(str::trim).collect();
    if list.len() > MAX_PHASES {
        return Err(bad(format!("{} phases given", list.len())));
    }
    list.iter()
        .enumerate()
        .map(|(i, item)| {
            let (share, days) = item
                .split_once(':')
                .ok_or_else(|| bad(format!("phase {} (`{item}`) has no `:`", i + 1)))?;
            let share_pct = Decimal::from_str(share.trim().trim_end_matches('%'))
                .ok()
                .filter(|d| *d >= Decimal::ZERO && *d <= Decimal::ONE_HUNDRED)
                .ok_or_else(|| bad(format!("phase {}: share `{share}` is not 0–100", i + 1)))?;
            let days = days
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=MAX_PHASE_DAYS).contains(d))
                .ok_or_else(|| {
                    bad(format!(
                        "phase {}: days `{days}` is not a whole number from 1 to {MAX_PHASE_DAYS}",
                        i + 1
                    ))
                })?;
            Ok(Phase {
                share_pct: share_pct.normalize(),
                days,
            })
        })
        .collect()
}
