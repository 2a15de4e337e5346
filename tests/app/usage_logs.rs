//! The usage-log readers (`llm-roi-usage`): each format from a small
//! hand-written sample, with the field names its documentation gives (cited on each format's type in `formats/`).

use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::scenario::usage::UsageRow;
use llm_roi_usage::fields::minute_of;
use llm_roi_usage::formats::FORMATS;
use llm_roi_usage::{read_usage, Import, ImportError, Limits, SHOWN_BAD_ROWS};

fn read(text: &str) -> (Result<Import, ImportError>, Vec<UsageRow>) {
    read_with(text, Limits::default())
}

fn read_with(text: &str, limits: Limits) -> (Result<Import, ImportError>, Vec<UsageRow>) {
    let mut rows = Vec::new();
    let r = read_usage(text.as_bytes(), limits, &mut |row| {
        rows.push(row);
        Ok(())
    });
    (r, rows)
}

fn day(s: &str) -> Option<CalendarDate> {
    s.parse().ok()
}

#[test]
fn the_generic_csv_reads_per_request_tokens_and_counts() {
    let csv = "model,input_tokens,cache_read_tokens,cache_write_tokens,cache_ttl,output_tokens,requests,timestamp,batch\n\
               claude-haiku-4-5,1200,200,100,1h,300,4,2026-11-02T10:00:00Z,false\n\
               gpt-4.1-mini,500,,,,50,,2026-11-05,true\n";
    let (r, rows) = read(csv);
    let import = r.unwrap();
    assert_eq!(import.format, "llm-roi generic");
    assert_eq!(import.rows, 2);
    assert!(import.bad.is_empty(), "{:?}", import.bad);
    assert_eq!(
        import.days,
        Some((day("2026-11-02").unwrap(), day("2026-11-05").unwrap()))
    );
    assert_eq!(rows[0].requests, 4);
    assert_eq!(rows[0].input_tokens, 4_800);
    assert_eq!(rows[0].cache_write_1h_tokens, 400);
    assert_eq!(rows[0].request_input_tokens, 1_200);
    assert!(rows[1].batch);
    assert_eq!((rows[1].requests, rows[1].output_tokens), (1, 50));
}

#[test]
fn bad_rows_are_named_by_line_and_field_and_the_rest_are_kept() {
    let mut csv = String::from("model,input_tokens,output_tokens,cache_read_tokens\n");
    csv.push_str("claude-haiku-4-5,100,10,0\n");
    csv.push_str("claude-haiku-4-5,ten,10,0\n");
    csv.push_str(",100,10,0\n");
    csv.push_str("claude-haiku-4-5,100,10,101\n");
    for _ in 0..30 {
        csv.push_str("claude-haiku-4-5,-1,10,0\n");
    }
    csv.push_str("claude-haiku-4-5,7,1,0\n");
    let (r, rows) = read(&csv);
    let import = r.unwrap();
    assert_eq!(import.rows, 2);
    assert_eq!(rows.len(), 2);
    assert_eq!(import.bad.len(), SHOWN_BAD_ROWS);
    assert_eq!(import.more_bad, 33 - SHOWN_BAD_ROWS as u64);
    assert_eq!(
        import.bad[0].to_string(),
        "line 3, input_tokens: `ten` is not a whole number of tokens (0 or more)"
    );
    assert_eq!(import.bad[1].field, "model");
    assert_eq!(import.bad[1].line, 4);
    assert!(
        import.bad[2].message.contains("exceed input_tokens"),
        "{}",
        import.bad[2]
    );
}

#[test]
fn litellm_spend_logs_read_prompt_and_completion_tokens() {
    // LiteLLM_SpendLogs columns: request_id, call_type, spend, total_tokens,
    // prompt_tokens, completion_tokens, startTime, model, …
    let csv = "request_id,call_type,spend,total_tokens,prompt_tokens,completion_tokens,startTime,model\n\
               chatcmpl-1,acompletion,0.0012,1300,1000,300,2026-11-20T08:00:00.000Z,claude-haiku-4-5\n";
    let (r, rows) = read(csv);
    assert_eq!(r.unwrap().format, "LiteLLM spend logs");
    assert_eq!((rows[0].input_tokens, rows[0].output_tokens), (1_000, 300));
    assert_eq!(rows[0].day, day("2026-11-20"));
    let jsonl = r#"{"request_id":"a","model":"gpt-4.1-mini","prompt_tokens":40,"completion_tokens":2,"startTime":"2026-11-21T00:00:00Z","spend":0.1}"#;
    let (r, rows) = read(jsonl);
    assert_eq!(r.unwrap().format, "LiteLLM spend logs");
    assert_eq!(rows[0].input_tokens, 40);
}

#[test]
fn openai_usage_buckets_sum_requests_with_cached_input() {
    // GET /v1/organization/usage/completions?group_by=model,batch&bucket_width=1d
    let page = r#"{"object":"page","data":[{"object":"bucket","start_time":1764028800,"end_time":1764115200,"results":[
        {"object":"organization.usage.completions.result","input_tokens":1000,"output_tokens":500,"input_cached_tokens":800,"num_model_requests":5,"model":"gpt-4.1-mini","batch":false},
        {"object":"organization.usage.completions.result","input_tokens":0,"output_tokens":0,"num_model_requests":0,"model":"gpt-4.1-mini","batch":true}]}],
        "has_more":false,"next_page":null}"#;
    // As one line, and as the pretty-printed document the API returns.
    for text in [page.replace('\n', " "), page.to_string()] {
        let (r, rows) = read(&text);
        let import = r.unwrap();
        assert_eq!(import.format, "OpenAI usage (completions)");
        assert_eq!(rows.len(), 1, "a result without requests is skipped");
        let row = &rows[0];
        assert_eq!(
            (
                row.requests,
                row.input_tokens,
                row.cache_read_tokens,
                row.output_tokens
            ),
            (5, 1_000, 800, 500)
        );
        assert_eq!(row.request_input_tokens, 200);
        assert_eq!(row.day, day("2025-11-25"));
    }
}

#[test]
fn anthropic_usage_reports_give_input_by_kind_and_no_request_count() {
    // GET /v1/organizations/usage_report/messages?group_by[]=model&group_by[]=context_window
    let page = r#"{"data":[{"starting_at":"2025-08-01T00:00:00Z","ending_at":"2025-08-02T00:00:00Z","results":[
        {"uncached_input_tokens":1500,"cache_creation":{"ephemeral_1h_input_tokens":1000,"ephemeral_5m_input_tokens":500},"cache_read_input_tokens":200,"context_window":"0-200k","model":"claude-sonnet-4-5","output_tokens":500,"server_tool_use":{"web_search_requests":10},"service_tier":"standard"},
        {"uncached_input_tokens":900000,"cache_read_input_tokens":0,"context_window":"200k-1M","model":"claude-sonnet-4-5","output_tokens":10,"service_tier":"batch"}]}],
        "has_more":false,"next_page":null}"#;
    let (r, rows) = read(page);
    let import = r.unwrap();
    assert_eq!(import.format, "Anthropic usage report (messages)");
    assert_eq!(import.requests_unknown, 2);
    let a = &rows[0];
    assert_eq!(
        (
            a.input_tokens,
            a.cache_read_tokens,
            a.cache_write_5m_tokens,
            a.cache_write_1h_tokens
        ),
        (3_200, 200, 500, 1_000)
    );
    assert_eq!(a.fresh_input_tokens(), 1_500);
    assert_eq!(a.day, day("2025-08-01"));
    assert!(!a.batch);
    // The 200k-1M window puts the row above Sonnet's 200k threshold.
    assert_eq!(rows[1].request_input_tokens, 200_001);
    assert!(rows[1].batch);
}

#[test]
fn limits_and_unknown_files_say_what_to_do() {
    let (r, _) = read("");
    assert!(matches!(r, Err(ImportError::Empty)));
    let (r, _) = read("date,amount\n2026-11-01,3\n");
    let e = r.unwrap_err();
    assert!(
        e.to_string().contains("a CSV header of date, amount"),
        "{e}"
    );
    let many = format!("model,input_tokens,output_tokens\n{}", "m,1,1\n".repeat(11));
    let (r, _) = read_with(
        &many,
        Limits {
            max_bytes: 1 << 20,
            max_rows: 10,
            ..Limits::default()
        },
    );
    assert!(matches!(r, Err(ImportError::TooManyRows { max_rows: 10 })));
    let (r, _) = read_with(
        &many,
        Limits {
            max_bytes: 40,
            max_rows: 100,
            ..Limits::default()
        },
    );
    assert!(
        matches!(r, Err(ImportError::TooLarge { max_bytes: 40 })),
        "{r:?}"
    );
}

#[test]
fn a_timestamp_gives_the_minute_of_the_utc_day() {
    assert_eq!(minute_of("2026-11-01T17:05:00Z"), Some(17 * 60 + 5));
    assert_eq!(minute_of("2026-11-01 17:05:00.123"), Some(17 * 60 + 5));
    // 01:30 at +08:00 is 17:30 UTC the day before.
    assert_eq!(minute_of("2026-11-02T01:30:00+08:00"), Some(17 * 60 + 30));
    assert_eq!(minute_of("2026-11-01T23:00:00-02:00"), Some(60));
    assert_eq!(minute_of("2026-11-01"), None);
    assert_eq!(minute_of("2026-11-01T25:00:00Z"), None);
}

#[test]
fn every_format_has_its_row_in_the_docs_and_a_name_of_its_own() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/usage-logs.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let mut names: Vec<&str> = FORMATS.iter().map(|f| f.name()).collect();
    for name in &names {
        assert!(
            docs.contains(&format!("\n| {name} ")),
            "{}: no row starts with the format `{name}`",
            path.display()
        );
    }
    assert_eq!(names[0], "Anthropic usage report (messages)");
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), FORMATS.len());
}
