//! One evaluation: the same link names the same migration target and the same
//! monthly figures on every route (the calculator, the report, the embed,
//! oEmbed, the JSON, the CSV, and the three charts in both layouts), read on
//! the same day. The first link's cheapest compared option is retired on
//! that day, which the chart route once missed.

use crate::support::{option, TestApp};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::money::DisplayCurrency;
use llm_roi_core::scenario::codec::percent_encode;
use llm_roi_core::view::display::{money, TOTAL_DP};
use rust_decimal::Decimal;

/// The links, with the pricing they are read on and the target they must
/// name: DeepSeek V3.2 (deepseek-chat) is the cheapest compared option on
/// shipped prices but retired on 2026-07-24, so GPT-4.1 is the target.
const LINKS: [(&str, &str, &str); 3] = [
    (
        "pricing",
        "rpd=100000&in=1000&out=200&base=anthropic/claude-sonnet-4-6&cmp=deepseek/deepseek-chat,openai/gpt-4.1",
        "openai/gpt-4.1",
    ),
    (
        "tests/fixtures/pricebook-2026-11-24",
        "rpd=10000&in=0&cmp=holysheep/claude-haiku-4-5&phases=none",
        "holysheep/claude-haiku-4-5",
    ),
    (
        "tests/fixtures/pricebook-2026-11-24",
        "rpd=2500&in=3000&out=400&growth=4&cur=EUR&cmp=openai/gpt-4.1,holysheep/claude-haiku-4-5",
        "holysheep/claude-haiku-4-5",
    ),
];

fn day() -> CalendarDate {
    CalendarDate::new(2026, 12, 1).unwrap()
}

fn dec(v: &serde_json::Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// What the JSON answer says: the target's id and label, and each of the
/// baseline's and the target's monthly cost, shown as the pages show money.
struct Expected {
    target: String,
    label: String,
    monthly: Vec<(Decimal, String)>,
    currency: String,
}

/// The app over `dir`, on [`day`].
fn app_on(dir: &str) -> TestApp {
    TestApp::builder().pricing(dir).today(day()).build()
}

async fn expected(app: &TestApp, q: &str) -> Expected {
    let (status, _, body) = app.get(&format!("/api/v1/estimate?{q}")).await;
    assert_eq!(status, 200, "{q}: {body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let plan = &json["forecast"]["migration"];
    let target = format!(
        "{}/{}",
        plan["target"]["provider"].as_str().unwrap(),
        plan["target"]["model"].as_str().unwrap()
    );
    let cur: DisplayCurrency = json["currency"].as_str().unwrap().parse().unwrap();
    let baseline = json["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["is_baseline"] == true)
        .unwrap();
    let monthly = [baseline, option(&json, &target)]
        .iter()
        .map(|o| {
            let v = dec(&o["per_month"]["total"]);
            (v, money(v, cur, TOTAL_DP))
        })
        .collect();
    Expected {
        target,
        label: plan["target_label"].as_str().unwrap().to_string(),
        monthly,
        currency: cur.code().to_string(),
    }
}

#[tokio::test]
async fn every_route_names_the_same_target_and_monthly_figures() {
    for (dir, q, want) in LINKS {
        let app = &app_on(dir);
        let x = expected(app, q).await;
        assert_eq!(x.target, want, "{q}: the JSON's target");
        let get = |uri: String| async move {
            let (status, _, body) = app.get(&uri).await;
            assert_eq!(status, 200, "{uri}: {body}");
            body
        };
        // The pages and the embed: the summary names the target, the
        // options table shows both monthly costs.
        for page in ["/", "/report", "/embed"] {
            let body = get(format!("{page}?{q}")).await;
            assert!(
                body.contains(&format!("to {}", x.label)),
                "{page}?{q}: no target {}",
                x.label
            );
            if page != "/embed" {
                for (_, shown) in &x.monthly {
                    assert!(body.contains(shown.as_str()), "{page}?{q}: no {shown}");
                }
            }
        }
        let oembed = get(format!(
            "/oembed?format=json&url={}",
            percent_encode(&format!("http://127.0.0.1:3000/report?{q}"))
        ))
        .await;
        let title = serde_json::from_str::<serde_json::Value>(&oembed).unwrap()["title"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(title.contains(&format!("to {}", x.label)), "{q}: {title}");
        // The charts, wide and narrow: the savings and rollout charts move to
        // the same target; the cost chart starts at the same baseline.
        for layout in ["", ".narrow"] {
            let savings = get(format!("/chart/savings{layout}.svg?{q}")).await;
            assert!(
                savings.contains(&format!("of moving to {}", x.label)),
                "{q}"
            );
            let rollout = get(format!("/chart/rollout{layout}.svg?{q}")).await;
            assert!(rollout.contains(&format!("moves to {}", x.label)), "{q}");
            let cost = get(format!("/chart/cost{layout}.svg?{q}")).await;
            let first = format!("(baseline): {} in month 1", x.monthly[0].1);
            assert!(cost.contains(&first), "{q}: no {first}");
        }
        // The CSV: the same exact monthly costs, unrounded.
        let csv = get(format!("/report.csv?{q}")).await;
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let head = reader.headers().unwrap().clone();
        let col = |name: &str| head.iter().position(|h| h == name).unwrap();
        let month_col = col(&format!("cost_per_month_{}", x.currency));
        let costs: Vec<Decimal> = reader
            .records()
            .map(|r| r.unwrap())
            .filter(|r| &r[col("section")] == "options")
            .map(|r| r[month_col].parse().unwrap())
            .collect();
        for (exact, _) in &x.monthly {
            assert!(costs.contains(&exact.normalize()), "{q}: CSV lacks {exact}");
        }
    }
}

#[tokio::test]
async fn a_retired_cheapest_option_is_never_the_target_anywhere() {
    let (dir, q, _) = LINKS[0];
    let app = app_on(dir);
    let retired = "DeepSeek V3.2 (deepseek-chat)";
    for uri in [
        format!("/?{q}"),
        format!("/report?{q}"),
        format!("/embed?{q}"),
        format!("/chart/savings.svg?{q}"),
        format!("/chart/rollout.svg?{q}"),
        format!("/chart/savings.narrow.svg?{q}"),
        format!("/chart/rollout.narrow.svg?{q}"),
    ] {
        let (status, _, body) = app.get(&uri).await;
        assert_eq!(status, 200, "{uri}");
        for phrase in [
            "to DeepSeek — ",
            "to DeepSeek V3.2",
            &format!("moves to DeepSeek — {retired}"),
        ] {
            assert!(
                !body.contains(phrase),
                "{uri} names the retired model: {phrase}"
            );
        }
    }
}
