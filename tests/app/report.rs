//! The report and embed pages, rendered through the real router.

use crate::support::{get, TestApp};
use axum::http::StatusCode;
use llm_roi_core::pricebook::fingerprint::fingerprint;
use llm_roi_prices::pricing_dir::load_dir;
use std::path::{Path, PathBuf};

/// The playbook's scenario (the README's preset link).
const PLAYBOOK: &str = llm_roi_core::scenario::codec::PLAYBOOK_QUERY;
const SENTENCE: &str = "Moving Anthropic — Claude Haiku 4.5 to HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep saves $291,549.30/month, pays back in 1 day.";

fn shipped_fp() -> String {
    fingerprint(&load_dir(Path::new(crate::support::PRICING)).unwrap())
}

/// `pricing/` (with its history) copied, with HolySheep's flat rate changed.
fn repriced(name: &str) -> PathBuf {
    let dir = crate::support::copy_pricing(name);
    let f = dir.join("holysheep.toml");
    let text = std::fs::read_to_string(&f).unwrap().replace(
        "[provider.flat]\ninput = 1\noutput = 1",
        "[provider.flat]\ninput = 1.5\noutput = 1.5",
    );
    assert!(text.contains("output = 1.5"));
    std::fs::write(&f, text).unwrap();
    dir
}

fn meta_content<'a>(html: &'a str, attr: &str, name: &str) -> Option<&'a str> {
    let tag = format!(r#"{attr}="{name}""#);
    let at = html.find(&tag)?;
    let start = html[..at].rfind("<meta")?;
    let end = at + html[at..].find('>')?;
    let t = &html[start..end];
    let c = t.find("content=\"")? + 9;
    Some(&t[c..c + t[c..].find('"')?])
}

#[tokio::test]
async fn a_report_has_the_summary_in_its_body_and_its_meta_tags() {
    let fp = shipped_fp();
    let (status, _, html) = get(&format!("/report?v=2&{PLAYBOOK}&pb={fp}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(SENTENCE), "summary missing");
    for (attr, name) in [
        ("property", "og:description"),
        ("name", "twitter:description"),
        ("name", "description"),
    ] {
        assert_eq!(meta_content(&html, attr, name), Some(SENTENCE), "{name}");
    }
    assert_eq!(meta_content(&html, "name", "twitter:card"), Some("summary"));
    let url = format!(
        "http://127.0.0.1:3000/report?v=2&amp;{}&amp;pb={fp}",
        PLAYBOOK.replace('&', "&amp;")
    );
    assert_eq!(
        meta_content(&html, "property", "og:url"),
        Some(url.as_str())
    );
    assert!(
        html.contains(&format!(r#"<link href="{url}" rel="canonical">"#)),
        "canonical"
    );
    let oembed = format!(
        r#"<link href="http://127.0.0.1:3000/oembed?url=http://127.0.0.1:3000/report%3Fv%3D2%26in%3D0%26base%3Danthropic/claude-haiku-4-5%26target%3Dholysheep/claude-haiku-4-5%26pb%3D{fp}&amp;format=json" rel="alternate" title="{SENTENCE}" type="application/json+oembed">"#
    );
    assert!(html.contains(&oembed), "oEmbed discovery link missing");
    // The same tables as the calculator, the charts, the assumptions and the prices.
    assert!(html.contains("$300,000.00"));
    assert!(html.contains(r#"data-testid="payback""#));
    assert_eq!(
        html.matches(r#"<img src="/chart/"#).count(),
        3,
        "three chart images"
    );
    assert!(html.contains(
        "10,000,000 requests a day, each with 0 input and 200 output tokens on average."
    ));
    assert!(html.contains("flat rate for output, per 1M tokens"));
    assert!(html.contains("https://www.holysheep.ai"));
    assert!(html.contains(r#"data-state="current""#));
    // Links to the exports.
    assert!(html.contains(&format!(
        r#"href="/report.csv?{}""#,
        PLAYBOOK.replace('&', "&amp;")
    )));
    assert!(html.contains(&format!(
        r#"href="/api/v1/estimate?{}""#,
        PLAYBOOK.replace('&', "&amp;")
    )));
}

#[tokio::test]
async fn unknown_keys_and_bad_values_are_named_on_the_report() {
    let (status, _, html) = get("/report?v=1&rpd=lots&colour=blue").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"data-field="rpd""#), "rpd not named");
    assert!(html.contains(r#"data-field="colour""#), "colour not named");
    assert!(html.contains("unknown parameter; allowed: mix, rpd"));
    let (_, _, html) = get("/report?v=7").await;
    assert!(html.contains("this link is version 7, made by a newer llm-roi"));
}

#[tokio::test]
async fn a_link_made_with_older_prices_lists_the_ones_that_changed() {
    let dir = repriced("drift");
    let old = shipped_fp();
    let (_, _, html) = TestApp::builder()
        .pricing(&dir)
        .build()
        .get(&format!("/report?v=2&{PLAYBOOK}&pb={old}"))
        .await;
    assert!(html.contains(r#"data-state="changed""#), "no drift notice");
    assert!(html.contains("Prices or provider facts have changed since this link was made."));
    let row = html
        .split(r#"<tr data-subject="holysheep/claude-haiku-4-5">"#)
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .unwrap_or_default();
    assert!(row.contains("flat rate for output, per 1M tokens"), "{row}");
    assert!(row.contains(r#"<td class="then">¥1</td>"#), "{row}");
    assert!(row.contains(r#"<td class="now">¥1.5</td>"#), "{row}");
    // The figures are today's: ¥3,000 a day at 7.1 ¥/$ is $422.54.
    assert!(html.contains("$422.54"));
    // A pricebook the server never had.
    let (_, _, html) = TestApp::builder()
        .pricing(&dir)
        .build()
        .get(&format!("/report?v=2&{PLAYBOOK}&pb=00000000000000aa"))
        .await;
    assert!(html.contains(r#"data-state="unknown""#));
    assert!(
        html.contains("which this server does not have, so it cannot list which prices changed")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_embed_is_compact_and_has_no_scripts_to_run() {
    let (status, _, html) = get(&format!("/embed?v=2&{PLAYBOOK}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"data-testid="embed-summary""#));
    assert!(html.contains(r#"data-testid="embed-table""#));
    // The savings chart only, as an image of the chart route, described.
    assert_eq!(html.matches("<img").count(), 1);
    assert!(html.contains(&format!(
        r#"<img src="/chart/savings.svg?{}" alt="Cumulative net savings of the migration. "#,
        PLAYBOOK.replace('&', "&amp;")
    )));
    assert!(!html.contains("<svg"));
    assert!(
        html.len() < 20_000,
        "the embed page is {} bytes",
        html.len()
    );
    assert!(
        !html.contains("/pkg/llm-roi.js") && !html.contains("<leptos-island"),
        "the embed must not hydrate"
    );
    assert!(!html.contains("masthead"));
    assert!(html
        .contains(r#"href="/report?v=2&amp;in=0&amp;base=anthropic/claude-haiku-4-5&amp;target=holysheep/claude-haiku-4-5&amp;pb="#));
    let (_, _, page) = get("/report").await;
    // The report's buttons are an island, which the island script's list
    // of bundles names (loaded on their first use).
    assert!(
        page.contains(r#"<leptos-island data-component="ReportActions"#)
            && page.contains(r#""ReportActions""#),
        "the report hydrates"
    );

    let (_, _, html) = get(&format!("/embed?{PLAYBOOK}&show=roi,chart:rollout")).await;
    assert!(html.contains(r#"data-testid="embed-roi""#));
    assert!(html.contains(r#"data-chart="rollout""#));
    assert!(!html.contains(r#"data-testid="embed-summary""#));
    let (_, _, html) = get("/embed?show=pie").await;
    assert!(html.contains(r#"data-field="show""#));
    assert!(html.contains("`pie` is not a part; choose from summary, table"));
}

#[tokio::test]
async fn the_report_names_the_dearer_options_and_links_to_all_of_them() {
    // By default only cheaper options are compared. OpenRouter sells Claude
    // Haiku 4.5's list price at $1.055 per $1: 10 M requests × 200 output
    // tokens × $5/M × 30 days × 0.055 = $16,500 more a month.
    let (status, _, html) = get("/report?in=0").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"data-testid="dearer""#), "no dearer note");
    assert!(
        html.contains("OpenRouter (relay) — Claude Haiku 4.5 via OpenRouter: +$16,500.00/month")
    );
    assert!(!html.contains(r#"data-option="openrouter/anthropic/claude-haiku-4.5""#));
    let at = html.find(r#"data-testid="compare-all""#).unwrap();
    let start = html[..at].rfind("href=\"").unwrap() + 6;
    let href = html[start..start + html[start..].find('"').unwrap()].replace("&amp;", "&");
    assert!(
        href.starts_with("/report?") && href.contains("cmp="),
        "{href}"
    );
    // That link compares every option and leaves none out.
    let (status, _, all) = get(&href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!all.contains(r#"data-testid="dearer""#));
    assert!(all.contains(r#"data-option="openrouter/anthropic/claude-haiku-4.5""#));
}
