//! Raw API responses and batch result files, read from fixtures written
//! from the vendors' documentation (`tests/fixtures/usage/README.md`); no
//! row without its token counts is ever priced at 0; unknown models are
//! tallied, not fatal.

use llm_roi_core::scenario::usage::UsageRow;
use llm_roi_usage::{read_mix, Import, Limits, LogError};

fn read(text: &str) -> (Import, Vec<UsageRow>) {
    crate::support::read_rows(text)
}

/// (requests, input, cache read, cache write 5m, cache write 1h, output, reasoning, batch)
fn parts(r: &UsageRow) -> (u64, u64, u64, u64, u64, u64, u64, bool) {
    (
        r.requests,
        r.input_tokens,
        r.cache_read_tokens,
        r.cache_write_5m_tokens,
        r.cache_write_1h_tokens,
        r.output_tokens,
        r.reasoning_tokens,
        r.batch,
    )
}

#[test]
fn anthropic_messages_count_cache_reads_and_writes_on_top_of_input() {
    let (import, rows) = read(include_str!("../fixtures/usage/anthropic-messages.jsonl"));
    assert_eq!(import.format, "Anthropic Messages responses");
    assert!(import.bad.is_empty(), "{:?}", import.bad);
    assert_eq!(rows[0].model, "claude-sonnet-4-5-20250929");
    // 2,095 not cached + 2,051 read + 2,051 written (2,000 for 5 minutes, 51 for 1 hour).
    assert_eq!(parts(&rows[0]), (1, 6_197, 2_051, 2_000, 51, 503, 0, false));
    // Without `cache_creation` (older responses) a write is a 5-minute one.
    assert_eq!(parts(&rows[1]), (1, 12, 0, 0, 0, 6, 0, false));
}

#[test]
fn anthropic_batch_results_are_batch_and_failures_are_not_billed() {
    let (import, rows) = read(include_str!(
        "../fixtures/usage/anthropic-batch-results.jsonl"
    ));
    assert_eq!(rows.len(), 1);
    assert_eq!(parts(&rows[0]), (1, 11, 0, 0, 0, 36, 0, true));
    let bad: Vec<(u64, &str)> = import
        .bad
        .iter()
        .map(|b| (b.line, b.field.as_str()))
        .collect();
    assert_eq!(bad, [(2, "result.type"), (3, "result.type")]);
    assert!(import.bad[0]
        .message
        .starts_with("`errored`: the request was not processed"));
}

#[test]
fn openai_chat_completions_and_responses_keep_cached_and_reasoning_tokens() {
    let (import, rows) = read(include_str!("../fixtures/usage/openai-responses.jsonl"));
    assert_eq!(import.format, "OpenAI API responses");
    assert!(import.bad.is_empty(), "{:?}", import.bad);
    // prompt_tokens counts the cached ones.
    assert_eq!(parts(&rows[0]), (1, 1_117, 1_024, 0, 0, 46, 0, false));
    // `created` 1741570283 is 2025-03-10 01:31:23 UTC.
    assert_eq!(
        rows[0].day.map(|d| d.to_string()),
        Some("2025-03-10".into())
    );
    assert_eq!(rows[0].minute_utc, Some(91));
    // Reasoning is part of the output, counted once.
    assert_eq!(parts(&rows[1]), (1, 328, 0, 0, 0, 952, 900, false));
    assert_eq!(
        rows[1].day.map(|d| d.to_string()),
        Some("2025-03-08".into())
    );
}

#[test]
fn openai_batch_output_is_batch_and_a_failed_line_is_not_billed() {
    let (import, rows) = read(include_str!("../fixtures/usage/openai-batch-output.jsonl"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].model, "gpt-4.1-mini");
    assert_eq!(parts(&rows[0]), (1, 22, 0, 0, 0, 2, 0, true));
    assert_eq!(import.bad.len(), 1);
    assert_eq!(
        (import.bad[0].line, import.bad[0].field.as_str()),
        (2, "error")
    );
}

#[test]
fn gemini_thoughts_are_output_and_cached_content_is_a_cache_read() {
    let (import, rows) = read(include_str!("../fixtures/usage/gemini-responses.jsonl"));
    assert_eq!(import.format, "Gemini API responses");
    assert!(import.bad.is_empty(), "{:?}", import.bad);
    assert_eq!(rows[0].model, "gemini-2.5-flash");
    assert_eq!(parts(&rows[0]), (1, 8, 0, 0, 0, 1_031, 1_022, false));
    assert_eq!(parts(&rows[1]), (1, 32_768, 32_000, 0, 0, 120, 0, false));
}

#[test]
fn a_row_with_only_its_model_is_a_bad_row_in_every_format() {
    let cases = [
        (
            "model,input_tokens,output_tokens\nclaude-haiku-4-5,,\n",
            "input_tokens",
        ),
        ("{\"model\":\"claude-haiku-4-5\"}\n", "input_tokens"),
        (
            "{\"model\":\"claude-haiku-4-5\",\"request_id\":\"r1\",\"prompt_tokens\":null}\n",
            "input_tokens",
        ),
        (
            "{\"type\":\"message\",\"model\":\"claude-haiku-4-5\"}\n",
            "usage",
        ),
        (
            "{\"type\":\"message\",\"model\":\"claude-haiku-4-5\",\"usage\":{}}\n",
            "input_tokens",
        ),
        (
            "{\"object\":\"chat.completion\",\"model\":\"gpt-4.1\",\"usage\":{}}\n",
            "prompt_tokens",
        ),
        ("{\"object\":\"response\",\"model\":\"gpt-4.1\"}\n", "usage"),
        (
            "{\"modelVersion\":\"gemini-2.5-flash\",\"usageMetadata\":{}}\n",
            "promptTokenCount",
        ),
        (
            "{\"results\":[{\"model\":\"gpt-4.1\",\"num_model_requests\":3}]}\n",
            "input_tokens",
        ),
        (
            "{\"results\":[{\"model\":\"claude-haiku-4-5\",\"uncached_input_tokens\":5}]}\n",
            "output_tokens",
        ),
        (
            "{\"data\":{\"model\":\"openai/gpt-4.1\",\"native_tokens_prompt\":null}}\n",
            "native_tokens_prompt",
        ),
        (
            "{\"data\":[{\"model\":\"openai/gpt-4.1\",\"model_permaslug\":\"x\",\"endpoint_id\":\"y\"}]}\n",
            "requests",
        ),
    ];
    for (text, field) in cases {
        let (import, rows) = read(text);
        assert!(rows.is_empty(), "{text}: priced {rows:?}");
        assert_eq!(import.bad.len(), 1, "{text}");
        assert_eq!(import.bad[0].field, field, "{text}: {}", import.bad[0]);
    }
}

fn fixture_book() -> llm_roi_core::pricebook::Pricebook {
    llm_roi_prices::pricing_dir::load_dir(std::path::Path::new(
        "tests/fixtures/pricebook-2026-11-24",
    ))
    .unwrap()
}

#[test]
fn a_log_whose_rows_are_all_bad_names_them() {
    let book = fixture_book();
    let text =
        "{\"model\":\"claude-haiku-4-5\"}\n{\"model\":\"claude-haiku-4-5\",\"input_tokens\":5}\n";
    let e = read_mix(&book, text.as_bytes(), Limits::default())
        .err()
        .unwrap();
    assert!(matches!(e, LogError::AllBad(_)), "{e}");
    assert_eq!(
        e.to_string(),
        "no row of the log could be read (2 bad rows): line 1, input_tokens: missing: give the row's token count as input_tokens or prompt_tokens (0 when there were none); line 2, output_tokens: missing: give the row's token count as output_tokens or completion_tokens (0 when there were none)"
    );
}

#[test]
fn unknown_models_are_tallied_and_the_rest_is_priced() {
    let book = fixture_book();
    let text = "model,input_tokens,output_tokens,requests,reasoning_tokens\n\
                claude-haiku-4-5,1000,100,3,40\n\
                ft:gpt-4.1-mini:acme::abc123,500,50,1,\n\
                text-embedding-3-small,200,0,4,\n";
    let (import, mix) = read_mix(&book, text.as_bytes(), Limits::default()).unwrap();
    assert_eq!(mix.workload.requests(), 3);
    let m: Vec<(&str, bool, u64, u64)> = import
        .models
        .iter()
        .map(|t| (t.model.as_str(), t.priced, t.requests, t.reasoning_tokens))
        .collect();
    assert_eq!(
        m,
        [
            ("claude-haiku-4-5", true, 3, 120),
            ("ft:gpt-4.1-mini:acme::abc123", false, 1, 0),
            ("text-embedding-3-small", false, 4, 0)
        ]
    );
    assert_eq!(
        llm_roi_core::view::unpriced::unpriced_text(&import.models).unwrap(),
        "62.5 % of requests not priced: ft:gpt-4.1-mini:acme::abc123 (1 row, 1 request, 550 tokens, 12.5 % of requests), text-embedding-3-small (1 row, 4 requests, 800 tokens, 50 % of requests)"
    );
}

#[test]
fn litellm_s_spend_logs_answer_is_a_list_of_records() {
    let (import, rows) = read(include_str!("../fixtures/usage/litellm-spend-logs.json"));
    assert_eq!(import.format, "LiteLLM spend logs");
    assert!(import.bad.is_empty(), "{:?}", import.bad);
    assert_eq!(rows.len(), 2);
    assert_eq!(parts(&rows[0]), (1, 40, 0, 0, 0, 12, 0, false));
    assert_eq!(rows[1].model, "gpt-4.1-mini");
    assert_eq!(rows[1].minute_utc, Some(9 * 60 + 30));
    // On one line too, and a bad record is named by its place in the list.
    let (import, rows) = read("[{\"model\":\"m\",\"request_id\":\"a\",\"prompt_tokens\":5,\"completion_tokens\":1},{\"model\":\"m\",\"request_id\":\"b\",\"prompt_tokens\":5}]\n");
    assert_eq!(rows.len(), 1);
    assert_eq!(import.bad[0].field, "output_tokens");
}

/// An OpenAI usage page of `results` (model, input, output, requests).
fn page(results: &[(&str, u64, u64, u64)], day: i64, pretty: bool) -> String {
    let results: Vec<serde_json::Value> = results
        .iter()
        .map(|(m, i, o, n)| {
            serde_json::json!({"object": "organization.usage.completions.result", "model": m,
                "input_tokens": i, "output_tokens": o, "num_model_requests": n, "input_cached_tokens": 0})
        })
        .collect();
    let v = serde_json::json!({"object": "page", "data": [{"object": "bucket",
        "start_time": 1_764_028_800 + day * 86_400, "end_time": 1_764_115_200 + day * 86_400,
        "results": results}], "has_more": false, "next_page": null});
    if pretty {
        serde_json::to_string_pretty(&v).unwrap()
    } else {
        v.to_string()
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// The pages of a paginated export saved one after the other (pretty or
    /// one a line) read as the same log as one page holding every result.
    #[test]
    fn concatenated_pages_read_as_one_page(
        results in proptest::collection::vec((0usize..3, 1u64..1_000_000, 0u64..10_000, 1u64..50), 1..12),
        cuts in proptest::collection::vec(0usize..12, 0..4),
        pretty in proptest::bool::ANY,
    ) {
        let models = ["claude-haiku-4-5", "gpt-4.1", "gpt-4.1-mini"];
        let all: Vec<(&str, u64, u64, u64)> = results.iter().map(|(m, i, o, n)| (models[*m], *i, *o, *n)).collect();
        let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (all.len() + 1)).collect();
        bounds.extend([0, all.len()]);
        bounds.sort_unstable();
        bounds.dedup();
        let pages: Vec<String> = bounds.windows(2).map(|w| page(&all[w[0]..w[1]], 0, pretty)).collect();
        let (one, rows_one) = read(&page(&all, 0, pretty));
        let (many, rows_many) = read(&pages.join("\n"));
        proptest::prop_assert_eq!(rows_one, rows_many);
        proptest::prop_assert_eq!(one.rows, many.rows);
        proptest::prop_assert!(many.bad.is_empty(), "{:?}", many.bad);
    }
}

#[test]
fn a_streamed_response_is_priced_once_with_its_last_cumulative_usage() {
    let (import, rows) = read(include_str!(
        "../fixtures/usage/anthropic-stream-events.jsonl"
    ));
    assert_eq!(import.format, "Anthropic Messages responses");
    assert!(import.bad.is_empty(), "{:?}", import.bad);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].model, "claude-opus-4-5");
    assert_eq!(parts(&rows[0]), (1, 25, 0, 0, 0, 15, 0, false));
    // Cumulative: the last delta's 42, not 3 + 42.
    assert_eq!(parts(&rows[1]), (1, 2_010, 2_000, 0, 0, 42, 0, false));
    // A stream cut off before its delta is priced with what its start said.
    let start = include_str!("../fixtures/usage/anthropic-stream-events.jsonl")
        .lines()
        .next()
        .unwrap();
    let (_, rows) = read(&format!("{start}\n"));
    assert_eq!(parts(&rows[0]), (1, 25, 0, 0, 0, 1, 0, false));
    // A delta without its start is a bad row.
    let (import, rows) = read("{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":3}}\n");
    assert!(rows.is_empty());
    assert_eq!(import.bad[0].field, "type");
}

/// Values at the edges of what a token field may hold.
const EDGE_VALUES: [&str; 9] = [
    "0",
    "1",
    "-1",
    "2.5",
    "18446744073709551615",
    "9223372036854775807",
    "\"12\"",
    "null",
    "[]",
];

/// A record of each raw format with its counts taken from `v`.
fn record_of(kind: usize, v: &[&str]) -> String {
    match kind {
        0 => format!(
            "{{\"type\":\"message\",\"model\":\"claude-haiku-4-5\",\"usage\":{{\"input_tokens\":{},\"output_tokens\":{},\"cache_read_input_tokens\":{},\"cache_creation_input_tokens\":{},\"cache_creation\":{{\"ephemeral_1h_input_tokens\":{}}}}}}}",
            v[0], v[1], v[2], v[3], v[4]
        ),
        1 => format!(
            "{{\"object\":\"chat.completion\",\"created\":{},\"model\":\"gpt-4.1\",\"usage\":{{\"prompt_tokens\":{},\"completion_tokens\":{},\"prompt_tokens_details\":{{\"cached_tokens\":{}}},\"completion_tokens_details\":{{\"reasoning_tokens\":{}}}}}}}",
            v[0], v[1], v[2], v[3], v[4]
        ),
        2 => format!(
            "{{\"modelVersion\":\"gemini-2.5-flash\",\"usageMetadata\":{{\"promptTokenCount\":{},\"candidatesTokenCount\":{},\"thoughtsTokenCount\":{},\"cachedContentTokenCount\":{}}}}}",
            v[0], v[1], v[2], v[3]
        ),
        3 => format!(
            "{{\"type\":\"message_start\",\"message\":{{\"type\":\"message\",\"model\":\"claude-haiku-4-5\",\"usage\":{{\"input_tokens\":{},\"output_tokens\":{}}}}}}}\n{{\"type\":\"message_delta\",\"usage\":{{\"output_tokens\":{}}}}}",
            v[0], v[1], v[2]
        ),
        5 => format!(
            "{{\"data\":{{\"model\":\"anthropic/claude-haiku-4.5\",\"native_tokens_prompt\":{},\"native_tokens_completion\":{},\"native_tokens_cached\":{},\"native_tokens_reasoning\":{},\"created_at\":\"2026-11-20T01:02:03Z\"}}}}",
            v[0], v[1], v[2], v[3]
        ),
        6 => format!(
            "{{\"data\":[{{\"date\":\"2026-11-20\",\"model\":\"openai/gpt-4.1\",\"model_permaslug\":\"p\",\"endpoint_id\":\"e\",\"requests\":{},\"prompt_tokens\":{},\"completion_tokens\":{},\"reasoning_tokens\":{}}}]}}",
            v[0], v[1], v[2], v[3]
        ),
        _ => format!(
            "{{\"custom_id\":\"a\",\"response\":{{\"status_code\":{},\"body\":{{\"object\":\"response\",\"created_at\":{},\"model\":\"gpt-4.1\",\"usage\":{{\"input_tokens\":{},\"output_tokens\":{}}}}}}}}}",
            v[0], v[1], v[2], v[3]
        ),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]
    /// Any mix of raw records with edge values reads without a panic: each
    /// is a row or a bad row, and the log a workload or a refusal.
    #[test]
    fn raw_records_at_the_edges_never_panic(
        records in proptest::collection::vec((0usize..7, proptest::collection::vec(0usize..EDGE_VALUES.len(), 5)), 1..8),
    ) {
        let text: String = records
            .iter()
            .map(|(kind, vals)| {
                let v: Vec<&str> = vals.iter().map(|i| EDGE_VALUES[*i]).collect();
                record_of(*kind, &v) + "\n"
            })
            .collect();
        let book = fixture_book();
        let _ = read_mix(&book, text.as_bytes(), Limits::default());
    }
}
