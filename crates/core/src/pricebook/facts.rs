//! What a provider offers besides prices: payment, compliance, data handling,
//! service commitments and API features, each with its source and the day it
//! was checked (`[facts]` in a provider file).
//!
//! A fact the file does not give is unknown, and is shown as unknown, never
//! as met. A fact whose source is the vendor's own claim is kept, and shown,
//! as a claim.
//!
//! Usage: `provider.facts.lines()` lists every fact kind, known or not, in
//! display order; [`super::requirement::Requirement::check`] reads them.

use crate::money::date::CalendarDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// After this many days a fact's check is stale.
pub const FACT_STALE_AFTER_DAYS: i64 = 180;

/// True when a fact `checked` on that day is older than
/// [`FACT_STALE_AFTER_DAYS`] on `today` (never when either is unknown).
pub fn checked_is_stale(checked: Option<CalendarDate>, today: Option<CalendarDate>) -> bool {
    matches!((checked, today), (Some(c), Some(t)) if c.days_until(t) > FACT_STALE_AFTER_DAYS)
}

/// How a `source` that is not a page starts: the vendor says so itself.
pub const VENDOR_CLAIM: &str = "vendor's own claim";

/// One fact: its value, where it is stated and when that was checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact<T> {
    pub value: T,
    /// An https:// page, or text starting with [`VENDOR_CLAIM`].
    pub source: String,
    pub checked: CalendarDate,
    /// Conditions and details, e.g. "on the Enterprise plan".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl<T> Fact<T> {
    /// True when only the vendor's own material states it.
    pub fn is_claim(&self) -> bool {
        self.source.starts_with(VENDOR_CLAIM)
    }
}

/// A way to pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Card,
    Invoice,
    WechatPay,
    Alipay,
    Crypto,
}

impl PaymentMethod {
    pub const ALL: [Self; 5] = [
        Self::Card,
        Self::Invoice,
        Self::WechatPay,
        Self::Alipay,
        Self::Crypto,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Card => "card",
            Self::Invoice => "invoice",
            Self::WechatPay => "WeChat Pay",
            Self::Alipay => "Alipay",
            Self::Crypto => "crypto",
        }
    }
}

/// A compliance attestation or agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attestation {
    #[serde(rename = "soc2_type2")]
    Soc2Type2,
    #[serde(rename = "iso27001")]
    Iso27001,
    HipaaBaa,
    GdprDpa,
}

impl Attestation {
    pub const ALL: [Self; 4] = [
        Self::Soc2Type2,
        Self::Iso27001,
        Self::HipaaBaa,
        Self::GdprDpa,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Soc2Type2 => "SOC 2 Type II",
            Self::Iso27001 => "ISO 27001",
            Self::HipaaBaa => "HIPAA BAA",
            Self::GdprDpa => "GDPR DPA",
        }
    }
}

/// Whether prompts and outputs can be kept from being stored at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zdr {
    /// Nothing is stored, for every customer.
    Default,
    /// Offered: on request, to customers the vendor approves, or as a setting.
    Available,
    /// Not offered.
    No,
}

/// Whether API prompts are used to train models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Training {
    /// Never.
    No,
    /// Only if the customer opts in.
    OptIn,
    /// Unless the customer opts out.
    OptOut,
}

/// A published uptime commitment. In JSON: the uptime in % as a decimal
/// string, or `null` for none (a plain option: no tagged-enum machinery in
/// the browser's bundle).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Option<Decimal>", into = "Option<Decimal>")]
pub enum Sla {
    None,
    Uptime(Decimal),
}

impl From<Option<Decimal>> for Sla {
    fn from(v: Option<Decimal>) -> Self {
        v.map_or(Self::None, Self::Uptime)
    }
}

impl From<Sla> for Option<Decimal> {
    fn from(s: Sla) -> Self {
        match s {
            Sla::None => None,
            Sla::Uptime(p) => Some(p),
        }
    }
}

/// The region codes a `regions` fact and a `region:` requirement may name.
pub const REGIONS: [&str; 12] = [
    "us", "eu", "uk", "ch", "ca", "jp", "kr", "au", "in", "sg", "cn", "br",
];

/// Every fact a provider file can give; `None` is unknown.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Facts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Fact<Vec<PaymentMethod>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_currency: Option<Fact<Vec<String>>>,
    /// The attestations held; an empty list: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance: Option<Fact<Vec<Attestation>>>,
    /// How long prompts and outputs are kept by default; 0: not kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<Fact<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zdr: Option<Fact<Zdr>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<Fact<Training>>,
    /// Where data can be kept and processed, as [`REGIONS`] codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Fact<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla: Option<Fact<Sla>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub streaming: Option<Fact<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_use: Option<Fact<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<Fact<bool>>,
    /// For a relay: where it says it sends the requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routes_to: Option<Fact<String>>,
}

/// One fact kind as shown: its value in words, or unknown.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FactLine {
    /// The file's key, e.g. `payment`.
    pub key: String,
    pub label: String,
    /// `None`: unknown.
    pub value: Option<String>,
    pub source: Option<String>,
    pub checked: Option<CalendarDate>,
    /// Stated only by the vendor.
    pub claimed: bool,
    pub note: Option<String>,
}

impl FactLine {
    /// True when the check is older than [`FACT_STALE_AFTER_DAYS`] on `today`.
    pub fn is_stale(&self, today: Option<CalendarDate>) -> bool {
        checked_is_stale(self.checked, today)
    }

    /// "card, invoice" or "unknown", with "(vendor's claim)" when claimed.
    pub fn value_text(&self) -> String {
        match &self.value {
            None => "unknown".into(),
            Some(v) if self.claimed => format!("{v} (vendor's claim)"),
            Some(v) => v.clone(),
        }
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn list<T>(items: &[T], label: impl Fn(&T) -> String, empty: &str) -> String {
    if items.is_empty() {
        return empty.into();
    }
    items.iter().map(label).collect::<Vec<_>>().join(", ")
}

/// A fact's value in words.
pub fn zdr_text(z: Zdr) -> &'static str {
    match z {
        Zdr::Default => "by default",
        Zdr::Available => "offered (on request or as a setting)",
        Zdr::No => "not offered",
    }
}

pub fn training_text(t: Training) -> &'static str {
    match t {
        Training::No => "not used for training",
        Training::OptIn => "used only if you opt in",
        Training::OptOut => "used unless you opt out",
    }
}

pub fn sla_text(s: Sla) -> String {
    match s {
        Sla::None => "none published".into(),
        Sla::Uptime(pct) => format!("{} % uptime", pct.normalize()),
    }
}

impl Facts {
    /// The fact kinds, as `(key, label)`, in display order.
    pub const KINDS: [(&'static str, &'static str); 12] = [
        ("payment", "Payment"),
        ("billing_currency", "Billing currency"),
        ("compliance", "Compliance"),
        ("retention_days", "Data retention"),
        ("zdr", "Zero data retention"),
        ("training", "Prompts used for training"),
        ("regions", "Data regions"),
        ("sla", "SLA"),
        ("streaming", "Streaming"),
        ("tool_use", "Tool use"),
        ("batch", "Batch API"),
        ("routes_to", "Routes to"),
    ];

    /// True when no fact is known (the pricebook's JSON then leaves them out).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Every fact kind, known or unknown, in [`Self::KINDS`] order.
    pub fn lines(&self) -> Vec<FactLine> {
        Self::KINDS
            .iter()
            .filter_map(|(key, _)| self.line(key))
            .collect()
    }

    /// The fact `key` (one of [`Self::KINDS`]) in words; `None` for a key
    /// that is not a fact kind.
    pub fn line(&self, key: &str) -> Option<FactLine> {
        fn line<T>(key: &str, f: &Option<Fact<T>>, text: impl Fn(&T) -> String) -> FactLine {
            let label = Facts::KINDS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(key, |(_, l)| l);
            FactLine {
                key: key.into(),
                label: label.into(),
                value: f.as_ref().map(|f| text(&f.value)),
                source: f.as_ref().map(|f| f.source.clone()),
                checked: f.as_ref().map(|f| f.checked),
                claimed: f.as_ref().is_some_and(Fact::is_claim),
                note: f.as_ref().and_then(|f| f.note.clone()),
            }
        }
        Some(match key {
            "payment" => line(key, &self.payment, |v| {
                list(v, |m| m.label().into(), "none")
            }),
            "billing_currency" => line(key, &self.billing_currency, |v| v.join(", ")),
            "compliance" => line(key, &self.compliance, |v| {
                list(v, |a| a.label().into(), "none")
            }),
            "retention_days" => line(key, &self.retention_days, |d| match d {
                0 => "not kept".into(),
                1 => "up to 1 day".into(),
                d => format!("up to {d} days"),
            }),
            "zdr" => line(key, &self.zdr, |z| zdr_text(*z).into()),
            "training" => line(key, &self.training, |t| training_text(*t).into()),
            "regions" => line(key, &self.regions, |v| {
                list(v, |r| r.to_ascii_uppercase(), "none")
            }),
            "sla" => line(key, &self.sla, |s| sla_text(*s)),
            "streaming" => line(key, &self.streaming, |b| yes_no(*b)),
            "tool_use" => line(key, &self.tool_use, |b| yes_no(*b)),
            "batch" => line(key, &self.batch, |b| yes_no(*b)),
            "routes_to" => line(key, &self.routes_to, Clone::clone),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u8) -> CalendarDate {
        CalendarDate::new(2026, 6, d).unwrap_or(CalendarDate {
            year: 2026,
            month: 6,
            day: 1,
        })
    }

    #[test]
    fn unknown_facts_read_as_unknown_and_claims_as_claims() {
        let facts = Facts {
            payment: Some(Fact {
                value: vec![PaymentMethod::WechatPay, PaymentMethod::Alipay],
                source: "vendor's own claim: its playbook".into(),
                checked: day(1),
                note: None,
            }),
            ..Facts::default()
        };
        let lines = facts.lines();
        assert_eq!(lines.len(), Facts::KINDS.len());
        assert_eq!(lines[0].value_text(), "WeChat Pay, Alipay (vendor's claim)");
        assert_eq!(lines[2].value_text(), "unknown");
        assert!(!facts.is_empty());
        assert!(Facts::default().is_empty());
    }

    #[test]
    fn a_fact_goes_stale_after_180_days() {
        let line = FactLine {
            key: "sla".into(),
            label: "SLA".into(),
            value: Some("none published".into()),
            source: Some("https://example.com".into()),
            checked: Some(day(1)),
            claimed: false,
            note: None,
        };
        let after = |n: i64| {
            Some(CalendarDate::from_days_since_epoch(
                day(1).days_since_epoch() + n,
            ))
        };
        assert!(!line.is_stale(after(180)));
        assert!(line.is_stale(after(181)));
        assert!(!line.is_stale(None));
    }
}
