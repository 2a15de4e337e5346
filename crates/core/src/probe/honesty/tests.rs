use super::*;

fn reply(model: &str, input: u64, output: u64, text: &str) -> Reply {
    Reply {
        model: model.into(),
        input_tokens: input,
        output_tokens: output,
        text: text.into(),
    }
}

fn check(relay: Result<Reply, String>) -> PromptCheck {
    PromptCheck {
        prompt_id: "capital".into(),
        max_tokens: 16,
        relay,
        direct: Ok(reply(
            "claude-haiku-4-5-20251001",
            20,
            5,
            "The capital of France is Paris.",
        )),
    }
}

const MODEL: &str = "claude-haiku-4-5";

#[test]
fn the_same_replies_are_consistent() {
    let c = vec![check(Ok(reply(MODEL, 20, 5, "The capital of France is Paris."))); 5];
    let v = verdict(MODEL, &c);
    assert_eq!(v.kind, HonestyKind::Consistent);
    assert_eq!(
        v.text,
        "consistent with claude-haiku-4-5 (5 of 5 prompts: same input tokens, same model id, similarity 100 %)"
    );
}

#[test]
fn each_difference_is_named() {
    let other = vec![check(Ok(reply(
        "claude-3-haiku-20240307",
        20,
        5,
        "The capital of France is Paris.",
    )))];
    let v = verdict(MODEL, &other);
    assert_eq!(v.kind, HonestyKind::Differs);
    assert_eq!(
        v.text,
        "not consistent with claude-haiku-4-5: another model id on 1 of 1 prompts (claude-3-haiku-20240307)"
    );
    let hidden = vec![check(Ok(reply(
        MODEL,
        57,
        5,
        "The capital of France is Paris.",
    )))];
    assert_eq!(
        verdict(MODEL, &hidden).text,
        "not consistent with claude-haiku-4-5: other input tokens on 1 of 1 (relay +37 on average: another tokenizer, or a hidden prompt)"
    );
    let long = vec![check(Ok(reply(
        MODEL,
        20,
        17,
        "The capital of France is Paris.",
    )))];
    assert!(
        verdict(MODEL, &long)
            .text
            .ends_with("output over max_tokens on 1 of 1")
    );
    let text = vec![check(Ok(reply(MODEL, 20, 5, "I cannot help with that.")))];
    let v = verdict(MODEL, &text);
    assert!(
        v.text
            .contains("texts below 90 % alike on 1 of 1 (similarity "),
        "{}",
        v.text
    );
}

#[test]
fn a_missing_reply_is_inconclusive_not_consistent() {
    let c = vec![
        check(Ok(reply(MODEL, 20, 5, "The capital of France is Paris."))),
        check(Err("http 500".into())),
    ];
    let v = verdict(MODEL, &c);
    assert_eq!(v.kind, HonestyKind::Inconclusive);
    assert_eq!(
        v.text,
        "inconclusive: 1 of 2 prompts got no reply on one side (capital: relay http 500)"
    );
    assert_eq!(verdict(MODEL, &[]).kind, HonestyKind::Inconclusive);
}

#[test]
fn similarity_is_normalised_edit_distance() {
    // "kitten" → "sitting": 3 edits over 7 characters.
    assert!((similarity("kitten", "sitting") - (1.0 - 3.0 / 7.0)).abs() < 1e-12);
    assert_eq!(similarity("  A  b ", "a B"), 1.0);
    assert_eq!(similarity("", ""), 1.0);
    assert_eq!(base_model("claude-haiku-4-5-20251001"), "claude-haiku-4-5");
    assert_eq!(base_model("gpt-4.1-mini"), "gpt-4.1-mini");
}
