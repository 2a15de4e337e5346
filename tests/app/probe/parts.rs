//! The probe's parts on their own (`llm-roi-probe`): the endpoint read from
//! a URL, the honesty check's prompts and replies, schedule intervals and
//! the scan of a streamed reply.

use bytes::Bytes;
use llm_roi_core::pricebook::ApiStyle;
use llm_roi_core::probe::sample::Phases;
use llm_roi_probe::endpoint::{host_header, Endpoint};
use llm_roi_probe::schedule::parse_every;
use llm_roi_probe::service::honesty::{parse_reply, prompts};
use llm_roi_probe::sse_scan::SseScan;
use std::time::{Duration, Instant};

#[test]
fn endpoint_from_url() {
    let ep = Endpoint::from_url(&url::Url::parse("https://api.holysheep.ai/v1").unwrap()).unwrap();
    assert!(ep.https);
    assert_eq!(
        (ep.host.as_str(), ep.port, ep.base_path.as_str()),
        ("api.holysheep.ai", 443, "/v1")
    );
    assert_eq!(host_header(&ep), "api.holysheep.ai");
    let ep = Endpoint::from_url(&url::Url::parse("http://127.0.0.1:8080/").unwrap()).unwrap();
    assert_eq!((ep.port, ep.base_path.as_str()), (8080, ""));
    assert_eq!(host_header(&ep), "127.0.0.1:8080");
    assert!(Endpoint::from_url(&url::Url::parse("ftp://x.test/").unwrap()).is_err());
}

#[test]
fn the_committed_prompts_parse_with_unique_ids() {
    let p = prompts().unwrap();
    assert_eq!(p.len(), 5);
    let mut ids: Vec<&str> = p.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5);
    assert!(p.iter().all(|p| (1..=64).contains(&p.max_tokens)));
}

#[test]
fn replies_of_both_styles_are_read() {
    let a = br#"{"model":"claude-haiku-4-5","content":[{"type":"text","text":"Paris."}],"usage":{"input_tokens":21,"output_tokens":3}}"#;
    let r = parse_reply(ApiStyle::Anthropic, Some(200), a).unwrap();
    assert_eq!(
        (
            r.model.as_str(),
            r.input_tokens,
            r.output_tokens,
            r.text.as_str()
        ),
        ("claude-haiku-4-5", 21, 3, "Paris.")
    );
    let o = br#"{"model":"gpt-4.1-mini","choices":[{"message":{"content":"391"}}],"usage":{"prompt_tokens":18,"completion_tokens":1}}"#;
    let r = parse_reply(ApiStyle::Openai, Some(200), o).unwrap();
    assert_eq!(
        (r.input_tokens, r.output_tokens, r.text.as_str()),
        (18, 1, "391")
    );
    let e = br#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#;
    assert_eq!(
        parse_reply(ApiStyle::Anthropic, Some(401), e),
        Err("HTTP 401: invalid x-api-key".into())
    );
    assert_eq!(
        parse_reply(ApiStyle::Anthropic, Some(200), b"{}"),
        Err("the reply has no model".into())
    );
    assert_eq!(
        parse_reply(ApiStyle::Anthropic, Some(502), b"<html>"),
        Err("HTTP 502: not a JSON reply".into())
    );
}

#[test]
fn every_reads_units_and_names_the_allowed_ones() {
    assert_eq!(parse_every("1s"), Ok(Duration::from_secs(1)));
    assert_eq!(parse_every("15m"), Ok(Duration::from_secs(900)));
    assert_eq!(parse_every("2h"), Ok(Duration::from_secs(7200)));
    assert_eq!(parse_every("1d"), Ok(Duration::from_secs(86_400)));
    for bad in ["", "15", "m", "1.5h", "-1m", "15 min", "1w"] {
        let e = parse_every(bad).unwrap_err();
        assert!(e.contains("(s, m, h or d)"), "{bad}: {e}");
    }
    assert!(parse_every("0s").unwrap_err().contains("from 1s to 366d"));
    assert!(parse_every("99999999999999999d").is_err());
}

#[test]
fn sse_scan_finds_first_event_and_first_text_delta() {
    let mut p = Phases::default();
    let mut s = SseScan::default();
    let t0 = Instant::now();
    s.feed(
        &Bytes::from_static(b"event: message_start\ndata: {\"type\":\"message_start\"}\n"),
        t0,
        &mut p,
    );
    assert!(p.first_event_us.is_none());
    s.feed(&Bytes::from_static(b"\nevent: content_block_delta\ndata: {\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"), t0, &mut p);
    assert!(p.first_event_us.is_some());
    assert!(p.ttft_us.is_some());
    assert!(p.first_event_us <= p.ttft_us);
}

#[test]
fn an_endless_event_keeps_the_scan_bounded() {
    use llm_roi_probe::sse_scan::MAX_EVENT_BYTES;
    let mut p = Phases::default();
    let mut s = SseScan::default();
    let t0 = Instant::now();
    let chunk = Bytes::from(vec![b'x'; 16 * 1024]);
    s.feed(&Bytes::from_static(b"data: {\"type\":\"ping\""), t0, &mut p);
    for _ in 0..1_000 {
        s.feed(&chunk, t0, &mut p);
        assert!(s.pending_bytes() <= MAX_EVENT_BYTES + chunk.len());
    }
    assert!(p.first_event_us.is_some(), "an oversized event is an event");
    assert!(p.ttft_us.is_none());
    // The oversized event ends; the next one, split across chunks at its
    // blank line, is read.
    s.feed(&Bytes::from_static(b"\r\n\r"), t0, &mut p);
    s.feed(
        &Bytes::from_static(b"\ndata: {\"delta\":{\"type\":\"text_delta\"}}\r"),
        t0,
        &mut p,
    );
    assert!(p.ttft_us.is_none());
    s.feed(&Bytes::from_static(b"\n\r\n"), t0, &mut p);
    assert!(p.ttft_us.is_some());
}
