//! `llm-roi fx import FILE`: `pricing/fx.toml` from the ECB's euro foreign
//! exchange reference rates, in either format the ECB publishes:
//!
//! - CSV (`eurofxref.csv`, `eurofxref-hist.csv`): a `Date, USD, JPY, …`
//!   header, then one row per day; the newest row is used;
//! - XML (`eurofxref-daily.xml`): `<Cube time="…"><Cube currency="USD" rate="…"/>`.
//!
//! The ECB quotes units per euro; the pricebook wants units per US dollar:
//! `CNY per USD = (CNY per EUR) / (USD per EUR)` and `EUR per USD =
//! 1 / (USD per EUR)`, divided in decimal (28 significant digits), never
//! through binary floats.

use llm_roi_core::money::date::CalendarDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The ECB's page for the reference rates.
pub const ECB_SOURCE: &str =
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html";

/// One day's rates, units per euro.
#[derive(Debug, Clone, PartialEq)]
pub struct EcbDay {
    pub date: CalendarDate,
    pub per_eur: Vec<(String, Decimal)>,
}

/// Why an ECB file could not be used.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FxImportError {
    #[error("{file}: {message}")]
    Format { file: String, message: String },
    #[error("{file}: {message}")]
    Io { file: String, message: String },
    #[error("{file}: the ECB rates of {date} have no {currency}; the pricebook needs it")]
    Missing {
        file: String,
        date: CalendarDate,
        currency: String,
    },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2026-10-30" or "30 October 2026".
fn ecb_date(s: &str) -> Option<CalendarDate> {
    if let Ok(d) = s.parse() {
        return Some(d);
    }
    let mut it = s.split_whitespace();
    let day: u8 = it.next()?.parse().ok()?;
    let name = it.next()?;
    let month = MONTHS.iter().position(|m| *m == name)?;
    let year: i32 = it.next()?.parse().ok()?;
    CalendarDate::new(year, u8::try_from(month + 1).ok()?, day)
}

fn format_err(file: &str, message: impl Into<String>) -> FxImportError {
    FxImportError::Format {
        file: file.into(),
        message: message.into(),
    }
}

fn parse_csv(file: &str, text: &str) -> Result<EcbDay, FxImportError> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines
        .next()
        .ok_or_else(|| format_err(file, "empty file"))?
        .split(',')
        .map(str::trim)
        .collect();
    if header.first() != Some(&"Date") {
        return Err(format_err(
            file,
            "the first line must be the ECB's header `Date, USD, JPY, …`",
        ));
    }
    let mut newest: Option<EcbDay> = None;
    for (n, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let date = cells.first().and_then(|d| ecb_date(d)).ok_or_else(|| {
            format_err(
                file,
                format!(
                    "line {}: `{}` is not a date",
                    n + 2,
                    cells.first().unwrap_or(&"")
                ),
            )
        })?;
        if newest.as_ref().is_some_and(|d| d.date >= date) {
            continue;
        }
        let per_eur = header
            .iter()
            .zip(&cells)
            .skip(1)
            .filter(|(code, _)| !code.is_empty())
            .filter_map(|(code, v)| Decimal::from_str(v).ok().map(|d| ((*code).to_string(), d)))
            .collect();
        newest = Some(EcbDay { date, per_eur });
    }
    newest.ok_or_else(|| format_err(file, "no rows of rates"))
}

fn parse_xml(file: &str, text: &str) -> Result<EcbDay, FxImportError> {
    let doc =
        roxmltree::Document::parse(text).map_err(|e| format_err(file, format!("not XML: {e}")))?;
    let mut newest: Option<EcbDay> = None;
    for day in doc
        .descendants()
        .filter(|n| n.has_tag_name("Cube") && n.attribute("time").is_some())
    {
        let date = day
            .attribute("time")
            .and_then(ecb_date)
            .ok_or_else(|| format_err(file, "a Cube's `time` is not a date"))?;
        if newest.as_ref().is_some_and(|d| d.date >= date) {
            continue;
        }
        let per_eur = day
            .children()
            .filter_map(|c| {
                Some((
                    c.attribute("currency")?.to_string(),
                    Decimal::from_str(c.attribute("rate")?).ok()?,
                ))
            })
            .collect();
        newest = Some(EcbDay { date, per_eur });
    }
    newest.ok_or_else(|| format_err(file, "no <Cube time=…> with rates"))
}

/// Reads either format, by its first non-blank character.
pub fn parse(file: &str, text: &str) -> Result<EcbDay, FxImportError> {
    if text.trim_start().starts_with('<') {
        parse_xml(file, text)
    } else {
        parse_csv(file, text)
    }
}

/// Units of `currency` per US dollar on that day.
pub fn per_usd(file: &str, day: &EcbDay, currency: &str) -> Result<Decimal, FxImportError> {
    let usd = day.rate(file, "USD")?;
    let per_eur = if currency == "EUR" {
        Decimal::ONE
    } else {
        day.rate(file, currency)?
    };
    per_eur
        .checked_div(usd)
        .map(|d| d.normalize())
        .ok_or_else(|| format_err(file, "the USD rate cannot be divided by"))
}

impl EcbDay {
    /// Units of `code` per euro, named as missing when absent or zero.
    fn rate(&self, file: &str, code: &str) -> Result<Decimal, FxImportError> {
        self.per_eur
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, r)| *r)
            .filter(|r| !r.is_zero())
            .ok_or_else(|| FxImportError::Missing {
                file: file.into(),
                date: self.date,
                currency: code.into(),
            })
    }
}

/// The text of `pricing/fx.toml` for `currencies` (USD is the base).
pub fn fx_toml(
    file: &str,
    day: &EcbDay,
    currencies: &[String],
    from_name: &str,
) -> Result<String, FxImportError> {
    let usd_per_eur = day.rate(file, "USD")?;
    let mut out = format!(
        "# Exchange rates to USD: `per_usd` units of the currency buy one US dollar.\n\
         # USD itself is the base (1). Every provider's `currency` needs a rate here.\n\
         # Written by `llm-roi fx import {from_name}` from the ECB's euro reference\n\
         # rates of {}: per_usd = (units per EUR) / (USD per EUR), with\n\
         # 1 EUR = {} USD; divided in decimal (28 significant digits), no float.\n\
         schema = 1\n",
        day.date, usd_per_eur
    );
    for c in currencies.iter().filter(|c| *c != "USD") {
        let rate = per_usd(file, day, c)?;
        let per_eur = day
            .rate(file, c)
            .map(|r| format!(" (1 EUR = {r} {c})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "\n# {c}{per_eur}\n[[rates]]\ncurrency = \"{c}\"\nper_usd = \"{rate}\"\ndate = {}\nsource = \"{ECB_SOURCE}\"\n",
            day.date
        ));
    }
    Ok(out)
}

/// `llm-roi fx import FILE`: writes `dir/fx.toml` for the currencies its
/// current rates cover (CNY and EUR when `dir` does not load, say because a
/// provider's currency has no rate yet); the rates' day.
pub fn import(
    dir: &std::path::Path,
    file: &std::path::Path,
) -> Result<CalendarDate, FxImportError> {
    let shown = file.display().to_string();
    let io = |path: &std::path::Path, e: std::io::Error| FxImportError::Io {
        file: path.display().to_string(),
        message: e.to_string(),
    };
    let text = std::fs::read_to_string(file).map_err(|e| io(file, e))?;
    let day = parse(&shown, &text)?;
    let currencies = match super::pricing_dir::load_dir(dir) {
        Ok(book) => book.fx.currencies(),
        Err(e) => {
            eprintln!(
                "llm-roi fx import: {} does not load ({e}); writing CNY and EUR",
                dir.display()
            );
            vec!["CNY".into(), "EUR".into()]
        }
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out = dir.join(super::pricing_dir::FX_FILE);
    std::fs::write(&out, fx_toml(&shown, &day, &currencies, &name)?).map_err(|e| io(&out, e))?;
    Ok(day.date)
}
