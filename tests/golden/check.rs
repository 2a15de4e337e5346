//! Golden answers: a JSON answer is compared with `tests/golden/<name>.json`.
//! A deliberate change: run the test with `LLM_ROI_UPDATE_GOLDEN=1`, which
//! rewrites the file, and review its diff before committing it.

use serde_json::Value;
use std::path::PathBuf;

/// The first place where `got` and `want` differ, as a JSON path.
fn first_difference(path: &str, got: &Value, want: &Value) -> Option<String> {
    match (got, want) {
        (Value::Object(a), Value::Object(b)) => {
            let keys_a: Vec<&String> = a.keys().collect();
            let keys_b: Vec<&String> = b.keys().collect();
            if keys_a != keys_b {
                return Some(format!("{path}: keys {keys_a:?}, golden {keys_b:?}"));
            }
            a.iter()
                .find_map(|(k, v)| first_difference(&format!("{path}.{k}"), v, &b[k]))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(&format!("{path}[{i}]"), x, y)),
        _ if got == want => None,
        _ => Some(format!("{path}: {got}, golden {want}")),
    }
}

/// Asserts that `got` is the golden answer `name`, keys in order.
pub fn golden(name: &str, got: &Value) {
    let file = PathBuf::from("tests/golden").join(format!("{name}.json"));
    let text = format!("{}\n", serde_json::to_string_pretty(got).unwrap());
    if std::env::var_os("LLM_ROI_UPDATE_GOLDEN").is_some() {
        std::fs::write(&file, text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with LLM_ROI_UPDATE_GOLDEN=1 to write it",
            file.display()
        )
    });
    let want_value: Value = serde_json::from_str(&want).unwrap();
    if let Some(diff) = first_difference("$", got, &want_value) {
        panic!(
            "the {name} answer changed at {diff}; if on purpose, run with LLM_ROI_UPDATE_GOLDEN=1 and review {}",
            file.display()
        );
    }
    assert_eq!(text, want, "{}: same values, other layout", file.display());
}
