//! The text of a workload mix in a link (`mix=`), version 1:
//!
//! ```text
//! 1:<days>[~<p10>~<p90>]:<model>,<model>…:<class>,<class>…
//! class = <model index>[b|o|f|p][@<relay>].<requests>.<input>.<cache read>.<cache write 5m>.<cache write 1h>.<output>.<largest input>[.<reasoning>[.<web searches>]]
//! ```
//!
//! `p10` and `p90` (optional) are the log's 10th and 90th percentile days,
//! by their cost as sent, as multiples of its mean day: the range shown
//! beside each monthly figure. Models are official `provider/model` ids, listed once; a class names its
//! model by its place in that list (from 0), `b` marks batch requests, `o`
//! requests sent in the off-peak hours of every route that has them, `f`
//! and `p` requests sent at the flex and priority service tiers, and
//! `@<relay>` requests the log says went through that relay (a provider
//! id), which "as logged" prices on that relay. The optional ninth field is
//! the part of the output spent reasoning, the tenth the web searches the
//! vendor's search tool ran (billed per 1,000). Token
//! counts are the class's totals (input counts cached tokens too), written
//! as whole numbers, an empty field for 0. The largest one-request input
//! picks the class's long-context tier. Totals, not means, so a link
//! reproduces the log's cost exactly. 16 classes on 4 models take about
//! 1.1 KB, well under the 8 KB query cap.

use super::limits::err;
use crate::pricebook::{ModelRef, ServiceTier};
use crate::scenario::FieldError;
use crate::scenario::mix::{DailySpread, MAX_MIX_DAYS, Mix};
use crate::scenario::workload::{ClassTokens, MAX_CLASSES, RequestClass, Workload};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The version this code writes and reads.
pub const MIX_VERSION: &str = "1";

fn num(n: u64) -> String {
    if n == 0 { String::new() } else { n.to_string() }
}

/// The link text of `mix`.
pub fn mix_text(mix: &Mix) -> String {
    let models = mix.workload.models();
    let classes: Vec<String> = mix
        .workload
        .classes
        .iter()
        .map(|c| {
            let i = models.iter().position(|m| **m == c.source).unwrap_or(0);
            let t = &c.tokens;
            let via = c.via.as_ref().map(|v| format!("@{v}")).unwrap_or_default();
            let reasoning = match (t.reasoning, t.web_searches) {
                (0, 0) => String::new(),
                (r, 0) => format!(".{r}"),
                (r, s) => format!(".{}.{s}", num(r)),
            };
            format!(
                "{i}{}{via}.{}.{}.{}.{}.{}.{}.{}{reasoning}",
                match (c.batch, c.offpeak, c.service_tier) {
                    (true, _, _) => "b",
                    (false, true, _) => "o",
                    (false, false, ServiceTier::Flex) => "f",
                    (false, false, ServiceTier::Priority) => "p",
                    _ => "",
                },
                c.requests,
                num(t.input),
                num(t.cache_read),
                num(t.cache_write_5m),
                num(t.cache_write_1h),
                num(t.output),
                num(c.max_request_input)
            )
        })
        .collect();
    let models: Vec<String> = models.iter().map(|m| m.to_string()).collect();
    let spread = mix
        .spread
        .map(|s| format!("~{}~{}", s.p10.normalize(), s.p90.normalize()))
        .unwrap_or_default();
    format!(
        "{MIX_VERSION}:{}{spread}:{}:{}",
        mix.days,
        models.join(","),
        classes.join(",")
    )
}

const SHAPE: &str =
    "write it as 1:<days>:<models>:<classes> (see docs/usage-logs.md), or import the log again";

fn class(models: &[ModelRef], n: usize, text: &str) -> Result<RequestClass, String> {
    let fields: Vec<&str> = text.split('.').collect();
    let (head, requests, input, cache_read, cw5, cw1, output, largest, reasoning, searches) =
        match fields[..] {
            [h, r, i, cr, w5, w1, o, l] => (h, r, i, cr, w5, w1, o, l, "", ""),
            [h, r, i, cr, w5, w1, o, l, re] => (h, r, i, cr, w5, w1, o, l, re, ""),
            [h, r, i, cr, w5, w1, o, l, re, s] => (h, r, i, cr, w5, w1, o, l, re, s),
            _ => {
                return Err(format!(
                    "class {n} has {} fields; a class has 8 to 10 (model, requests, input, cache read, 5-minute and 1-hour cache writes, output, largest input, and optionally reasoning and web searches)",
                    fields.len()
                ));
            }
        };
    let (head, via) = match head.split_once('@') {
        Some((h, v)) if is_provider_id(v) => (h, Some(v.to_string())),
        Some((_, v)) => {
            return Err(format!(
                "class {n}: relay `{v}` is not a provider id (lower-case letters, digits and `-`)"
            ));
        }
        None => (head, None),
    };
    let (index, batch, offpeak, service_tier) = match head.char_indices().last() {
        Some((i, 'b')) => (&head[..i], true, false, ServiceTier::Standard),
        Some((i, 'o')) => (&head[..i], false, true, ServiceTier::Standard),
        Some((i, 'f')) => (&head[..i], false, false, ServiceTier::Flex),
        Some((i, 'p')) => (&head[..i], false, false, ServiceTier::Priority),
        _ => (head, false, false, ServiceTier::Standard),
    };
    let source = index
        .parse::<usize>()
        .ok()
        .and_then(|i| models.get(i))
        .ok_or_else(|| {
            format!(
                "class {n} names model `{index}`; there are {} models, numbered from 0",
                models.len()
            )
        })?
        .clone();
    let count = |name: &str, v: &str| -> Result<u64, String> {
        if v.is_empty() {
            return Ok(0);
        }
        v.parse::<u64>().map_err(|_| {
            format!("class {n}: {name} `{v}` is not a whole number of at most 20 digits")
        })
    };
    let tokens = ClassTokens {
        input: count("input", input)?,
        cache_read: count("cache read", cache_read)?,
        cache_write_5m: count("5-minute cache write", cw5)?,
        cache_write_1h: count("1-hour cache write", cw1)?,
        output: count("output", output)?,
        reasoning: count("reasoning", reasoning)?,
        web_searches: count("web searches", searches)?,
    };
    let c = RequestClass {
        source,
        batch,
        offpeak,
        service_tier,
        via,
        requests: count("requests", requests)?,
        tokens,
        max_request_input: count("largest input", largest)?,
    };
    check(n, &c)?;
    Ok(c)
}

fn check(n: usize, c: &RequestClass) -> Result<(), String> {
    let t = &c.tokens;
    if c.requests == 0 {
        return Err(format!("class {n} has 0 requests; a class has at least 1"));
    }
    let cached = t
        .cache_read
        .checked_add(t.cache_write_5m)
        .and_then(|s| s.checked_add(t.cache_write_1h));
    if cached.is_none_or(|s| s > t.input) {
        return Err(format!(
            "class {n}: cache reads and writes exceed its input tokens ({})",
            t.input
        ));
    }
    if t.reasoning > t.output {
        return Err(format!(
            "class {n}: its reasoning ({}) exceeds its output ({}); reasoning is part of the output",
            t.reasoning, t.output
        ));
    }
    if c.max_request_input > t.input {
        return Err(format!(
            "class {n}: its largest input ({}) exceeds its input total ({})",
            c.max_request_input, t.input
        ));
    }
    if u128::from(c.max_request_input) * u128::from(c.requests) < u128::from(t.input) {
        return Err(format!(
            "class {n}: {} requests of at most {} input tokens cannot total {}",
            c.requests, c.max_request_input, t.input
        ));
    }
    Ok(())
}

fn is_provider_id(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 64
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn parse_spread(text: &str) -> Result<DailySpread, String> {
    let bad = || {
        format!(
            "daily spread `{text}`: write it as <p10>~<p90>, two multiples of the mean day from 0 to {MAX_MIX_DAYS}, the first not above the second"
        )
    };
    let (p10, p90) = text.split_once('~').ok_or_else(bad)?;
    let read = |v: &str| {
        Decimal::from_str(v)
            .ok()
            .filter(|d| *d >= Decimal::ZERO && *d <= Decimal::from(MAX_MIX_DAYS))
    };
    match (read(p10), read(p90)) {
        (Some(p10), Some(p90)) if p10 <= p90 => Ok(DailySpread { p10, p90 }),
        _ => Err(bad()),
    }
}

/// Reads `value` as a mix, or says what is wrong with it (named on `key`).
pub fn parse_mix(key: &str, value: &str) -> Result<Mix, FieldError> {
    let fail = |why: String| err(key, value, why);
    let v = value.trim();
    let Some((head, classes)) = v.rsplit_once(':') else {
        return Err(fail(format!("not a workload mix: {SHAPE}")));
    };
    let parts: Vec<&str> = head.splitn(3, ':').collect();
    let [version, days, models] = parts[..] else {
        return Err(fail(format!("not a workload mix: {SHAPE}")));
    };
    if version != MIX_VERSION {
        return Err(fail(format!(
            "mix version `{version}` is not one this server reads (it reads {MIX_VERSION}); import the log again"
        )));
    }
    let (days, spread) = match days.split_once('~') {
        Some((days, spread)) => (days, Some(parse_spread(spread).map_err(fail)?)),
        None => (days, None),
    };
    let days = days
        .parse::<u64>()
        .ok()
        .filter(|d| (1..=MAX_MIX_DAYS).contains(d))
        .ok_or_else(|| {
            fail(format!(
                "days `{days}`: the log's span is 1 to {MAX_MIX_DAYS} days"
            ))
        })?;
    let models: Vec<ModelRef> = models
        .split(',')
        .map(|m| super::parse::model_ref(key, m).map_err(|e| e.message))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    let texts: Vec<&str> = classes.split(',').collect();
    if texts.len() > MAX_CLASSES || models.len() > MAX_CLASSES {
        return Err(fail(format!(
            "{} classes on {} models; a mix has at most {MAX_CLASSES} of each",
            texts.len(),
            models.len()
        )));
    }
    let classes = texts
        .iter()
        .enumerate()
        .map(|(n, t)| class(&models, n + 1, t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    let workload = Workload { classes };
    workload
        .classes
        .iter()
        .try_fold(0u64, |n, c| n.checked_add(c.requests))
        .ok_or_else(|| fail("the classes' requests add up to more than 2^64".into()))?;
    Ok(Mix {
        days,
        workload,
        spread,
    })
}

#[cfg(test)]
mod tests;
