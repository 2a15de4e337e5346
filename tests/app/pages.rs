//! Server-rendered pages, through the real router, in-process.

use crate::support::get;
use axum::http::StatusCode;

#[tokio::test]
async fn calculator_renders_the_numbers_without_javascript() {
    let (status, ctype, html) = get("/?rpd=10000000&in=0&out=200").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/html"), "{ctype}");
    assert!(html.contains("$10,000.00"), "per-day figure missing");
    assert!(html.contains("$300,000.00"));
    assert!(html.contains("$3,650,000.00"));
    assert!(html.contains("flat ¥1 per 1M tokens"));
    assert!(html.contains("https://openrouter.ai/pricing"));
    assert!(html.contains(r#"name="rpd""#));
    assert!(html.contains(r#"method="get""#));
}

#[tokio::test]
async fn a_bad_value_shows_its_message_and_keeps_the_rest() {
    let (status, _, html) = get("/?rpd=abc&out=100").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("enter a whole number of requests per day"),
        "message missing"
    );
    assert!(html.contains(r#"aria-invalid="true""#));
    // out=100 kept: 10M × (500 × $1 + 100 × $5) / 1M = $10,000 a day.
    assert!(html.contains("$10,000.00"));
}

#[tokio::test]
async fn unknown_routes_are_404() {
    let (status, _, _) = get("/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn selects_show_the_value_in_use() {
    // An alias resolves to its canonical option, which the select shows.
    let (_, _, html) = get("/?base=anthropic/claude-sonnet-4-5-20250929&cur=eur").await;
    let selected: Vec<&str> = html
        .split("<option ")
        .filter(|o| o.split('>').next().unwrap_or("").contains("selected"))
        .map(|o| o.split('"').nth(1).unwrap_or(""))
        .collect();
    // Horizon, cache lifetime, service tier, baseline, currency, migration
    // target (automatic).
    assert_eq!(
        selected,
        [
            "12",
            "5m",
            "standard",
            "anthropic/claude-sonnet-4-5",
            "EUR",
            ""
        ]
    );
}

#[tokio::test]
async fn bad_migration_fields_are_named_on_the_page() {
    let (status, _, html) = get("/?growth=80&phases=10:7,abc&target=nobody/x").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("enter a monthly growth percentage from -50 to 50"));
    assert!(html.contains("phase 2 (`abc`) has no `:`"));
    assert!(html.contains("`nobody/x` is not in the pricebook"));
    // The defaults stand in: the playbook's rollout, and the cheapest target.
    assert!(html.contains("pays back on day 1"), "ROI missing");
    assert!(html.contains(r#"data-chart="savings""#), "charts missing");
}

/// The props of each island on a page: (component, decoded `data-props`).
fn islands(html: &str) -> Vec<(&str, String)> {
    html.split("<leptos-island data-component=\"")
        .skip(1)
        .filter_map(|rest| {
            let (name, rest) = rest.split_once('"')?;
            let props = rest
                .strip_prefix(" data-props=\"")
                .and_then(|p| p.split_once('"'))
                .map(|(p, _)| {
                    p.replace("&quot;", "\"")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&")
                })
                .unwrap_or_default();
            Some((name.split('_').next()?, props))
        })
        .collect()
}

#[tokio::test]
async fn each_value_is_serialised_once_and_charts_are_images() {
    // Pages render on the server only and create no resources; what
    // hydrates is the islands, each with its props once. The calculator's
    // props carry the pricebook's fingerprint and day (the tables are their
    // own asset) and the query; the probe panel's, the relays and the
    // probe's status; the report's islands are its copy buttons, whose props
    // are their texts. Each island is in one of the wasm bundles.
    for (path, expected) in [
        (
            "/?in=0&target=holysheep/claude-haiku-4-5",
            &[
                ("CalculatorIsland", "{\"book\":{\"fingerprint\":\""),
                ("ProbeIsland", "{\"relays\":[[\""),
                // The import has no props.
                ("UsageImport", ""),
            ][..],
        ),
        (
            "/report?v=2&in=0&target=holysheep/claude-haiku-4-5",
            &[
                ("ReportActions", "\"report_url\":\"http"),
                (
                    "EmbedPanel",
                    "{\"snippets\":{\"iframe\":\"<iframe src=\\\"http",
                ),
            ][..],
        ),
    ] {
        let (status, _, html) = crate::support::get(path).await;
        assert_eq!(status, axum::http::StatusCode::OK, "{path}");
        assert!(
            !html.contains("__RESOLVED_RESOURCES["),
            "{path}: a resource"
        );
        let found = islands(&html);
        let names: Vec<&str> = found.iter().map(|(n, _)| *n).collect();
        let wanted: Vec<&str> = expected.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, wanted, "{path}: islands");
        for name in &names {
            let bundles = llm_roi::app::island_scripts::BUNDLES;
            assert!(
                bundles.iter().any(|b| b.islands.contains(name)),
                "{path}: no wasm bundle holds {name} (app/island_scripts.rs)"
            );
        }
        for ((name, props), (_, part)) in found.iter().zip(expected) {
            assert!(props.contains(part), "{path}: {name} props {props:.120}");
        }
        // The pricebook is not in the page: the calculator links to it.
        assert_eq!(html.matches("schema_version").count(), 0, "{path}");
        assert_eq!(
            html.matches(r#"id="pricebook-asset""#).count(),
            usize::from(path.starts_with("/?")),
            "{path}: pricebook link"
        );
        assert!(!html.contains("<svg"), "{path}: inline SVG");
        for name in ["cost", "savings", "rollout"] {
            let img = format!(
                r#"<img src="/chart/{name}.svg?in=0&amp;target=holysheep/claude-haiku-4-5""#
            );
            assert_eq!(html.matches(&img).count(), 1, "{path}: {name}");
        }
        assert!(
            html.contains("alt=\"Cumulative net savings of the migration. Cumulative net savings in USD of moving to HolySheep"),
            "{path}"
        );
    }
}
