//! Reading genai-prices' `match` clauses and the dates in its comments.

use llm_roi_core::money::date::CalendarDate;
use serde_json::Value;

/// Exact ids the model's `match` names, other than its own.
pub fn aliases(id: &str, m: &Value, out: &mut Vec<String>) {
    let Value::Object(o) = m else { return };
    if let Some(Value::String(e)) = o.get("equals") {
        if e != id && !out.contains(e) {
            out.push(e.clone());
        }
    }
    for key in ["or", "and"] {
        if let Some(Value::Array(list)) = o.get(key) {
            list.iter().for_each(|x| aliases(id, x, out));
        }
    }
}

/// Whether `id` matches a `match` clause (`equals`, `starts_with`,
/// `ends_with`, `contains`, `or`, `and`); a clause this does not read (a
/// `regex`) matches.
pub fn matches(clause: &Value, id: &str) -> bool {
    let Value::Object(o) = clause else {
        return true;
    };
    let text = |k: &str| o.get(k).and_then(Value::as_str);
    if let Some(e) = text("equals") {
        return id == e;
    }
    if let Some(p) = text("starts_with") {
        return id.starts_with(p);
    }
    if let Some(p) = text("ends_with") {
        return id.ends_with(p);
    }
    if let Some(p) = text("contains") {
        return id.contains(p);
    }
    let list = |k: &str| o.get(k).and_then(Value::as_array);
    if let Some(any) = list("or") {
        return any.iter().any(|c| matches(c, id));
    }
    if let Some(all) = list("and") {
        return all.iter().all(|c| matches(c, id));
    }
    true
}

/// The newest "verified on YYYY-MM-DD" / "checked YYYY-MM-DD" date in a comment.
pub fn confirmed_in(text: &str, today: CalendarDate) -> Option<CalendarDate> {
    let mut best = None;
    for word in ["verified", "checked", "Verified", "Checked"] {
        for (at, _) in text.match_indices(word) {
            let rest = &text[at + word.len()..];
            let window: String = rest.chars().take(14).collect();
            let Some(pos) = window.find("20") else {
                continue;
            };
            let Some(candidate) = window.get(pos..pos + 10) else {
                continue;
            };
            if let Ok(d) = candidate.parse::<CalendarDate>() {
                if d <= today && best.is_none_or(|b| d > b) {
                    best = Some(d);
                }
            }
        }
    }
    best
}
