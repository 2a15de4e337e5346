//! Does the relay serve the model it sells? The same prompts go, at
//! temperature 0, to the relay and to the official API, and each pair of
//! replies is compared: the reported model id, the input tokens counted for
//! identical input (the same model and tokenizer count the same; a
//! different count is another model or a hidden prompt), whether the output
//! stays within `max_tokens`, and how alike the texts are (normalised edit
//! distance, the playbook's own check).
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::probe::honesty::similarity;
//! assert_eq!(similarity("Paris.", "paris."), 1.0);
//! assert!(similarity("Paris is the capital", "Lyon") < 0.5);
//! ```

use serde::{Deserialize, Serialize};

/// Texts at least this alike count as the same answer.
pub const SIMILAR_AT_LEAST: f64 = 0.9;

/// What an API answered to one prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub model: String,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub text: String,
}

/// One prompt's replies, both ways, and how they compare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromptCheck {
    pub prompt_id: String,
    pub max_tokens: u32,
    pub relay: Result<Reply, String>,
    pub direct: Result<Reply, String>,
}

/// The comparison of one prompt whose both replies came back.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    pub same_model: bool,
    /// Relay minus direct.
    pub input_tokens_delta: i64,
    pub within_max_tokens: bool,
    pub similarity: f64,
}

/// A model id without a trailing `-YYYYMMDD` snapshot date, so that an
/// alias and its dated snapshot compare equal.
fn base_model(id: &str) -> &str {
    match id.rsplit_once('-') {
        Some((base, date)) if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => id,
    }
}

/// Lower case, whitespace collapsed.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// 1 − Levenshtein distance / the longer length, over normalised text
/// (1 for two empty texts).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(&normalise(a), &normalise(b))
}

impl PromptCheck {
    /// The comparison, when both replies came back.
    pub fn compared(&self) -> Option<Compared> {
        let (r, d) = (self.relay.as_ref().ok()?, self.direct.as_ref().ok()?);
        let max = u64::from(self.max_tokens);
        Some(Compared {
            same_model: base_model(&r.model) == base_model(&d.model),
            input_tokens_delta: r.input_tokens as i64 - d.input_tokens as i64,
            within_max_tokens: r.output_tokens <= max && d.output_tokens <= max,
            similarity: similarity(&r.text, &d.text),
        })
    }
}

/// How the check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HonestyKind {
    Consistent,
    Differs,
    /// Some prompt got no reply on one side, and nothing else differs.
    Inconclusive,
}

/// The verdict and its sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HonestyVerdict {
    pub kind: HonestyKind,
    pub text: String,
}

fn pct(v: f64) -> String {
    format!("{:.0} %", v * 100.0)
}

/// The verdict over `checks`; `model` is the model the relay sells.
pub fn verdict(model: &str, checks: &[PromptCheck]) -> HonestyVerdict {
    let n = checks.len();
    let compared: Vec<Compared> = checks.iter().filter_map(PromptCheck::compared).collect();
    let failed = n - compared.len();
    let count = |f: &dyn Fn(&Compared) -> bool| compared.iter().filter(|c| f(c)).count();
    let mean_sim = if compared.is_empty() {
        0.0
    } else {
        compared.iter().map(|c| c.similarity).sum::<f64>() / compared.len() as f64
    };
    let other_model = count(&|c| !c.same_model);
    let other_tokens = count(&|c| c.input_tokens_delta != 0);
    let over_max = count(&|c| !c.within_max_tokens);
    let unlike = count(&|c| c.similarity < SIMILAR_AT_LEAST);
    let mut differs = Vec::new();
    if other_model > 0 {
        let said: Vec<&str> = checks
            .iter()
            .filter_map(|c| c.relay.as_ref().ok())
            .map(|r| r.model.as_str())
            .filter(|m| base_model(m) != base_model(model))
            .collect();
        let named = said.first().map_or(String::new(), |m| format!(" ({m})"));
        differs.push(format!(
            "another model id on {other_model} of {n} prompts{named}"
        ));
    }
    if other_tokens > 0 {
        let mean_delta = compared.iter().map(|c| c.input_tokens_delta).sum::<i64>() as f64
            / compared.len() as f64;
        differs.push(format!(
            "other input tokens on {other_tokens} of {n} (relay {mean_delta:+.0} on average: another tokenizer, or a hidden prompt)"
        ));
    }
    if over_max > 0 {
        differs.push(format!("output over max_tokens on {over_max} of {n}"));
    }
    if unlike > 0 {
        differs.push(format!(
            "texts below {} alike on {unlike} of {n} (similarity {})",
            pct(SIMILAR_AT_LEAST),
            pct(mean_sim)
        ));
    }
    let errors: Vec<String> = checks
        .iter()
        .filter_map(|c| match (&c.relay, &c.direct) {
            (Err(e), _) => Some(format!("{}: relay {e}", c.prompt_id)),
            (_, Err(e)) => Some(format!("{}: direct {e}", c.prompt_id)),
            _ => None,
        })
        .collect();
    if !differs.is_empty() {
        let tail = if failed > 0 {
            format!(
                "; {failed} of {n} prompts got no reply ({})",
                errors.join("; ")
            )
        } else {
            String::new()
        };
        return HonestyVerdict {
            kind: HonestyKind::Differs,
            text: format!("not consistent with {model}: {}{tail}", differs.join("; ")),
        };
    }
    if failed > 0 || n == 0 {
        return HonestyVerdict {
            kind: HonestyKind::Inconclusive,
            text: format!(
                "inconclusive: {failed} of {n} prompts got no reply on one side ({})",
                errors.join("; ")
            ),
        };
    }
    HonestyVerdict {
        kind: HonestyKind::Consistent,
        text: format!(
            "consistent with {model} ({n} of {n} prompts: same input tokens, same model id, similarity {})",
            pct(mean_sim)
        ),
    }
}

/// What a check will send and the most it can cost, shown before it starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HonestyPlan {
    pub relay: String,
    pub upstream: String,
    pub relay_model: String,
    pub direct_model: String,
    pub prompts: usize,
    /// Requests counted against the hourly budget.
    pub requests: usize,
    /// At most this, in USD, at the pricebook's prices.
    pub max_cost_usd: rust_decimal::Decimal,
    /// How the bound is reached.
    pub basis: String,
    /// Whether both keys are set, so the check can run.
    pub ready: bool,
    /// The variables that must hold the keys.
    pub key_vars: Vec<String>,
}

/// A finished check, as stored and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HonestyReport {
    pub relay: String,
    pub upstream: String,
    /// The model the relay sells, as the relay is asked for it.
    pub model: String,
    pub checks: Vec<PromptCheck>,
    pub verdict: HonestyVerdict,
    /// The most the check could cost, as shown before it started.
    pub max_cost_usd: String,
    pub measured_from: String,
    pub finished_at_ms: i64,
}

#[cfg(test)]
mod tests;
