//! Bounded work per upload (`llm-roi-usage`): the span cap stops the read at
//! the first row past it, a report page is read result by result (results
//! before their bucket's day wait, a bounded number), and a line past the
//! line cap is a bad row, not a buffer.

use llm_roi_core::money::date::CalendarDate;
use llm_roi_usage::{read_usage, Import, ImportError, Limits, SHOWN_BAD_ROWS};

fn read(text: &[u8], limits: Limits) -> (Result<Import, ImportError>, u64) {
    let mut rows = 0;
    let r = read_usage(text, limits, &mut |_| {
        rows += 1;
        Ok(())
    });
    (r, rows)
}

const RESULT: &str = r#"{"object":"organization.usage.completions.result","input_tokens":100,"output_tokens":5,"num_model_requests":2,"model":"gpt-4.1-mini","batch":false}"#;

#[test]
fn the_span_cap_stops_the_read_at_the_first_row_past_it() {
    let mut csv = String::from("model,input_tokens,output_tokens,timestamp\n");
    for i in 0..1_000 {
        let day = CalendarDate::from_days_since_epoch(20_000 + i);
        csv.push_str(&format!("claude-haiku-4-5,1,1,{day}\n"));
    }
    let limits = Limits {
        max_days: 10,
        ..Limits::default()
    };
    let (r, rows) = read(csv.as_bytes(), limits);
    let e = r.unwrap_err();
    assert!(
        matches!(
            e,
            ImportError::Span {
                line: 12,
                days: 11,
                max_days: 10
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().starts_with("line 12, timestamp:"), "{e}");
    assert_eq!(rows, 10, "the rows after the one past the cap are not read");
}

#[test]
fn a_page_of_many_results_is_read_one_by_one_and_late_days_apply() {
    let empties = vec!["{}"; 100_000].join(",\n");
    // Pretty-printed (the first line is not a whole value); the second
    // bucket names its day after its results.
    let page = format!(
        "{{\n\"data\": [{{\"start_time\": 1764028800, \"results\": [\n{empties},\n{RESULT}]}},\n{{\"results\": [{RESULT}], \"start_time\": 1764115200}}]\n}}\n"
    );
    let mut days = Vec::new();
    let r = read_usage(page.as_bytes(), Limits::default(), &mut |row| {
        days.push(row.day.map(|d| d.to_string()));
        Ok(())
    });
    let import = r.unwrap();
    assert_eq!(import.rows, 2);
    assert_eq!(
        days,
        [
            Some("2025-11-25".to_string()),
            Some("2025-11-26".to_string())
        ]
    );
    assert_eq!(import.bad.len(), SHOWN_BAD_ROWS);
    assert_eq!(import.more_bad, 100_000 - SHOWN_BAD_ROWS as u64);
    assert_eq!(
        import.bad[0].message,
        "missing: export the report grouped by model (group_by=model)"
    );
}

#[test]
fn results_waiting_for_their_day_are_bounded() {
    let waiting = vec![RESULT; 10_001].join(",");
    let line = format!("{{\"results\": [{waiting}], \"start_time\": 1764028800}}\n");
    let (r, rows) = read(line.as_bytes(), Limits::default());
    let e = r.unwrap_err();
    assert!(e.to_string().contains("put the day first"), "{e}");
    assert_eq!(rows, 0);
}

#[test]
fn a_long_line_is_a_bad_row_and_a_long_first_line_is_one_document() {
    let record = r#"{"model":"gpt-4.1-mini","input_tokens":40,"output_tokens":2}"#;
    let long = format!(r#"{{"model":"{}"}}"#, "x".repeat(2 * 1024 * 1024));
    let text = format!("{record}\n{long}\n{record}\n");
    let (r, rows) = read(text.as_bytes(), Limits::default());
    let import = r.unwrap();
    assert_eq!(rows, 2);
    assert_eq!(import.bad.len(), 1);
    assert_eq!(import.bad[0].line, 2);
    assert!(import.bad[0].message.contains("over 1048576 bytes"));
    // A page saved on one line longer than the cap is read whole, streamed.
    let pad = "y".repeat(2 * 1024 * 1024);
    let page =
        format!(r#"{{"pad":"{pad}","data":[{{"start_time":1764028800,"results":[{RESULT}]}}]}}"#);
    let (r, rows) = read(page.as_bytes(), Limits::default());
    assert_eq!(r.unwrap().format, "OpenAI usage (completions)");
    assert_eq!(rows, 1);
}

#[test]
fn a_record_of_a_json_list_is_read_within_a_record_s_budget() {
    use llm_roi_usage::bounded_value::{BoundedValue, Budget, MAX_NODES, MAX_TEXT_BYTES};
    use serde::de::DeserializeSeed;
    let read = |text: &str| {
        let mut budget = Budget::default();
        BoundedValue(&mut budget).deserialize(&mut serde_json::Deserializer::from_str(text))
    };
    let v = read(r#"{"model":"m","usage":{"input_tokens":3,"x":[1,2.5,null,true]}}"#).unwrap();
    assert_eq!(v["usage"]["x"][1], 2.5);
    let many = format!("[{}0]", "0,".repeat(MAX_NODES));
    assert!(read(&many)
        .unwrap_err()
        .to_string()
        .contains("over 100000 values"));
    let long = format!("\"{}\"", "a".repeat(MAX_TEXT_BYTES + 1));
    assert!(read(&long)
        .unwrap_err()
        .to_string()
        .contains("bytes of text"));
    // In a usage log the oversized record stops the read with its reason.
    let log = format!(
        "[\n{{\"model\":\"m\",\"note\":\"{}\"}}\n]",
        "a".repeat(MAX_TEXT_BYTES + 1)
    );
    let e = llm_roi_usage::read_usage(
        log.as_bytes(),
        llm_roi_usage::Limits::default(),
        &mut |_| Ok(()),
    )
    .unwrap_err();
    assert!(e.to_string().contains("bytes of text"), "{e}");
}
