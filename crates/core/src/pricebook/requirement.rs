//! What a team requires of a provider (`req=soc2,zdr,card,region:eu`), and
//! whether a provider's [`Facts`] meet it.
//!
//! A requirement is met only by a known fact that satisfies it; a fact the
//! file does not give leaves it [`Verdict::Unknown`], never met. A fact that
//! only the vendor states meets or fails it as stated, and the check says it
//! is the vendor's claim.
//!
//! Usage: `Requirement::parse("region:eu")?.check(&provider.facts)`.

use super::facts::{Attestation, Fact, Facts, PaymentMethod, REGIONS, Sla, Training, Zdr};
use crate::money::date::CalendarDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// One requirement.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Requirement {
    Attestation(Attestation),
    /// Zero data retention, by default or on request.
    Zdr,
    /// Prompts not used for training (or only on opt-in).
    NoTraining,
    Payment(PaymentMethod),
    /// Data kept in this region (a [`REGIONS`] code).
    Region(String),
    /// A published uptime commitment, at least this one if given.
    Sla(Option<Decimal>),
    Streaming,
    ToolUse,
    Batch,
    /// Billed in this ISO 4217 currency.
    Currency(String),
}

/// The plain requirements, as the form offers them, in its order.
pub const OFFERED: [&str; 17] = [
    "soc2",
    "iso27001",
    "hipaa",
    "gdpr",
    "zdr",
    "notrain",
    "region:eu",
    "region:us",
    "sla",
    "card",
    "invoice",
    "wechat",
    "alipay",
    "crypto",
    "stream",
    "tools",
    "batch",
];

const SIMPLE: [(&str, Requirement); 15] = [
    ("soc2", Requirement::Attestation(Attestation::Soc2Type2)),
    ("iso27001", Requirement::Attestation(Attestation::Iso27001)),
    ("hipaa", Requirement::Attestation(Attestation::HipaaBaa)),
    ("gdpr", Requirement::Attestation(Attestation::GdprDpa)),
    ("zdr", Requirement::Zdr),
    ("notrain", Requirement::NoTraining),
    ("card", Requirement::Payment(PaymentMethod::Card)),
    ("invoice", Requirement::Payment(PaymentMethod::Invoice)),
    ("wechat", Requirement::Payment(PaymentMethod::WechatPay)),
    ("alipay", Requirement::Payment(PaymentMethod::Alipay)),
    ("crypto", Requirement::Payment(PaymentMethod::Crypto)),
    ("stream", Requirement::Streaming),
    ("tools", Requirement::ToolUse),
    ("batch", Requirement::Batch),
    ("sla", Requirement::Sla(None)),
];

/// What a requirement's text may be, for error messages.
pub fn allowed_text() -> String {
    let simple: Vec<&str> = SIMPLE.iter().map(|(c, _)| *c).collect();
    format!(
        "{}, sla:<uptime %> (e.g. sla:99.9), region:<{}> or currency:<ISO code> (e.g. currency:USD)",
        simple.join(", "),
        REGIONS.join("|")
    )
}

/// Whether a provider meets a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Met,
    Fails,
    Unknown,
}

impl Verdict {
    /// "met", "fails" or "unknown", as the table, the CSV and the JSON say.
    pub fn word(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::Fails => "fails",
            Self::Unknown => "unknown",
        }
    }
}

/// One requirement checked against one provider's facts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Check {
    /// The requirement's code, e.g. `region:eu`.
    pub requirement: String,
    pub label: String,
    pub verdict: Verdict,
    /// The fact it was decided on, in words; `None` when unknown.
    pub fact: Option<String>,
    pub source: Option<String>,
    pub checked: Option<CalendarDate>,
    /// Decided on the vendor's own claim.
    pub claimed: bool,
}

impl Requirement {
    /// Parses one requirement's text, e.g. `soc2` or `region:eu`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim().to_ascii_lowercase();
        if let Some((_, r)) = SIMPLE.iter().find(|(c, _)| *c == t) {
            return Ok(r.clone());
        }
        let bad = || {
            format!(
                "`{}` is not a requirement; write one of {}",
                text.trim(),
                allowed_text()
            )
        };
        match t.split_once(':') {
            Some(("region", r)) if REGIONS.contains(&r) => Ok(Self::Region(r.into())),
            Some(("currency", c)) if c.len() == 3 && c.chars().all(|c| c.is_ascii_alphabetic()) => {
                Ok(Self::Currency(c.to_ascii_uppercase()))
            }
            Some(("sla", p)) => Decimal::from_str(p.trim_end_matches('%'))
                .ok()
                .filter(|d| *d > Decimal::ZERO && *d <= Decimal::ONE_HUNDRED)
                .map(|d| Self::Sla(Some(d.normalize())))
                .ok_or_else(bad),
            _ => Err(bad()),
        }
    }

    /// The text the link writes.
    pub fn code(&self) -> String {
        if let Some((c, _)) = SIMPLE.iter().find(|(_, r)| r == self) {
            return (*c).into();
        }
        match self {
            Self::Region(r) => format!("region:{r}"),
            Self::Currency(c) => format!("currency:{c}"),
            Self::Sla(Some(p)) => format!("sla:{p}"),
            _ => String::new(),
        }
    }

    /// In words, e.g. "data kept in the EU".
    pub fn label(&self) -> String {
        match self {
            Self::Attestation(a) => a.label().into(),
            Self::Zdr => "zero data retention".into(),
            Self::NoTraining => "no training on prompts".into(),
            Self::Payment(m) => format!("pays by {}", m.label()),
            Self::Region(r) => format!("data kept in {}", r.to_ascii_uppercase()),
            Self::Sla(None) => "a published SLA".into(),
            Self::Sla(Some(p)) => format!("an SLA of at least {p} % uptime"),
            Self::Streaming => "streaming".into(),
            Self::ToolUse => "tool use".into(),
            Self::Batch => "a batch API".into(),
            Self::Currency(c) => format!("billed in {c}"),
        }
    }

    /// A few words for a narrow column, e.g. "SOC 2", "ZDR", "EU data".
    pub fn short(&self) -> String {
        match self {
            Self::Attestation(a) => a.label().trim_end_matches(" Type II").into(),
            Self::Zdr => "ZDR".into(),
            Self::NoTraining => "no training".into(),
            Self::Payment(m) => m.label().into(),
            Self::Region(r) => format!("{} data", r.to_ascii_uppercase()),
            Self::Sla(None) => "SLA".into(),
            Self::Sla(Some(p)) => format!("SLA ≥ {p} %"),
            Self::Streaming => "streaming".into(),
            Self::ToolUse => "tool use".into(),
            Self::Batch => "batch".into(),
            Self::Currency(c) => format!("{c} billing"),
        }
    }

    /// Checks the requirement against `facts`.
    pub fn check(&self, facts: &Facts) -> Check {
        let key = match self {
            Self::Attestation(_) => "compliance",
            Self::Zdr => "zdr",
            Self::NoTraining => "training",
            Self::Payment(_) => "payment",
            Self::Region(_) => "regions",
            Self::Sla(_) => "sla",
            Self::Streaming => "streaming",
            Self::ToolUse => "tool_use",
            Self::Batch => "batch",
            Self::Currency(_) => "billing_currency",
        };
        let met = match self {
            Self::Attestation(a) => holds(&facts.compliance, |v| v.contains(a)),
            Self::Zdr => holds(&facts.zdr, |z| *z != Zdr::No),
            Self::NoTraining => holds(&facts.training, |t| *t != Training::OptOut),
            Self::Payment(m) => holds(&facts.payment, |v| v.contains(m)),
            Self::Region(r) => holds(&facts.regions, |v| v.contains(r)),
            Self::Sla(min) => holds(&facts.sla, |s| match (s, min) {
                (Sla::None, _) => false,
                (Sla::Uptime(_), None) => true,
                (Sla::Uptime(u), Some(m)) => u >= m,
            }),
            Self::Streaming => holds(&facts.streaming, |b| *b),
            Self::ToolUse => holds(&facts.tool_use, |b| *b),
            Self::Batch => holds(&facts.batch, |b| *b),
            Self::Currency(c) => holds(&facts.billing_currency, |v| v.contains(c)),
        };
        let line = facts.line(key);
        Check {
            requirement: self.code(),
            label: self.label(),
            verdict: match met {
                None => Verdict::Unknown,
                Some(true) => Verdict::Met,
                Some(false) => Verdict::Fails,
            },
            fact: line.as_ref().and_then(|l| l.value.clone()),
            source: line.as_ref().and_then(|l| l.source.clone()),
            checked: line.as_ref().and_then(|l| l.checked),
            claimed: line.is_some_and(|l| l.claimed),
        }
    }
}

fn holds<T>(fact: &Option<Fact<T>>, test: impl Fn(&T) -> bool) -> Option<bool> {
    fact.as_ref().map(|f| test(&f.value))
}

impl From<Requirement> for String {
    fn from(r: Requirement) -> Self {
        r.code()
    }
}

impl TryFrom<String> for Requirement {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

/// Checks every requirement against several providers at once (a workload
/// mix's baseline, each model on its own vendor): met when every provider
/// meets it, failed when one fails, else unknown.
pub fn check_all(req: &Requirement, facts: &[&Facts]) -> Check {
    let checks: Vec<Check> = facts.iter().map(|f| req.check(f)).collect();
    let verdict = if checks.iter().any(|c| c.verdict == Verdict::Fails) {
        Verdict::Fails
    } else if !checks.is_empty() && checks.iter().all(|c| c.verdict == Verdict::Met) {
        Verdict::Met
    } else {
        Verdict::Unknown
    };
    let decisive = checks
        .iter()
        .find(|c| c.verdict == verdict)
        .cloned()
        .unwrap_or_else(|| req.check(&Facts::default()));
    Check {
        verdict,
        claimed: checks.iter().any(|c| c.claimed),
        ..decisive
    }
}

#[cfg(test)]
mod tests;
