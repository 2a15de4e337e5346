//! The SVG parses as XML and says what it shows.

use super::*;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::scenario::codec::split_query;

/// `q` evaluated on the frozen pricebook of 2026-11-24, on that day.
fn scenario(q: &str) -> Evaluation {
    let dir = std::path::Path::new("tests/fixtures/pricebook-2026-11-24");
    let book = llm_roi_prices::pricing_dir::load_dir(dir).unwrap();
    let day = CalendarDate::new(2026, 11, 24).unwrap();
    let ev = Evaluation::of_link(&book, &split_query(q), &[], day);
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    ev
}

/// Every `<text>`, and the title and description.
fn texts(svg: &str) -> (String, String, Vec<String>) {
    let doc = match roxmltree::Document::parse(svg) {
        Ok(d) => d,
        Err(e) => panic!("not XML: {e}\n{svg}"),
    };
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let child = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let all = root
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect();
    (child("title"), child("desc"), all)
}

const PLAYBOOK: &str = "in=0&target=holysheep/claude-haiku-4-5";

#[test]
fn the_cost_chart_names_every_option() {
    let svg = render(ChartKind::Cost, &scenario(PLAYBOOK)).unwrap();
    let (title, desc, texts) = texts(&svg);
    assert_eq!(title, "Monthly cost by option");
    assert!(desc.contains("$300,000.00 in month 1"), "{desc}");
    for label in [
        "Anthropic — Claude Haiku 4.5 (baseline)",
        "HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep",
        "USD per month",
    ] {
        assert!(
            texts.iter().any(|t| t == label),
            "{label} missing: {texts:?}"
        );
    }
    assert!(texts.iter().any(|t| t == "$300k"), "{texts:?}");
}

#[test]
fn the_savings_chart_marks_break_even() {
    // 1,000 requests a day, so break-even is not on day 1.
    let s = scenario(&format!("{PLAYBOOK}&rpd=1000&phases=none"));
    let svg = render(ChartKind::Savings, &s).unwrap();
    let (title, desc, texts) = texts(&svg);
    assert_eq!(title, "Cumulative net savings of the migration");
    // $800 / ($1 − $0.028169…) a day: day 824 is past a 12-month horizon.
    assert!(
        desc.contains("does not pay back within the 360-day horizon"),
        "{desc}"
    );
    let s = scenario(&format!("{PLAYBOOK}&rpd=10000&phases=none"));
    let (_, desc, texts2) = self::texts(&render(ChartKind::Savings, &s).unwrap());
    // $9.7183… a day against $800: day 83.
    assert!(desc.contains("pays back on day 83"), "{desc}");
    assert!(
        texts2.iter().any(|t| t == "Break-even: day 83"),
        "{texts2:?}"
    );
    assert!(texts
        .iter()
        .any(|t| t == "No break-even within the horizon"));
}

#[test]
fn a_dearer_target_never_pays_back() {
    let s = scenario("base=holysheep/claude-haiku-4-5&target=anthropic/claude-haiku-4-5");
    let (_, desc, texts) = texts(&render(ChartKind::Savings, &s).unwrap());
    assert!(desc.contains("never pays back"), "{desc}");
    assert!(texts.iter().any(|t| t == "Never pays back"));
}

#[test]
fn the_rollout_chart_labels_its_phases() {
    let s = scenario(&format!("{PLAYBOOK}&fb=2"));
    let (title, desc, texts) = texts(&render(ChartKind::Rollout, &s).unwrap());
    assert_eq!(title, "Blended daily cost during the rollout");
    assert!(desc.contains("days 1–7 at 10% on the target"), "{desc}");
    for share in ["10%", "25%", "50%", "100%"] {
        assert!(texts.iter().any(|t| t == share), "{share}: {texts:?}");
    }
    assert!(texts.iter().any(|t| t == "All traffic on the baseline"));
}

#[test]
fn without_a_target_the_charts_say_so() {
    let s = scenario("cmp=anthropic/claude-haiku-4-5");
    for (kind, svg) in render_all(&s).unwrap() {
        let (_, _, texts) = texts(&svg);
        if kind != ChartKind::Cost {
            assert!(
                texts.iter().any(|t| t.starts_with("No migration target")),
                "{kind:?}"
            );
        }
    }
}

#[test]
fn text_is_escaped() {
    assert_eq!(xml_escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
}

#[test]
fn the_narrow_layout_wraps_its_legend_under_the_plot() {
    let ev = scenario(PLAYBOOK);
    let f = forecast_of(&ev).unwrap();
    for kind in ChartKind::ALL {
        let wide = draw(kind, f, DisplayCurrency::USD).unwrap();
        let narrow = draw_in(kind, f, DisplayCurrency::USD, Layout::Narrow).unwrap();
        let doc = roxmltree::Document::parse(&narrow).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("width"), Some("400"), "{kind:?}");
        let height: f64 = root.attribute("height").unwrap().parse().unwrap();
        assert!((330.0..=800.0).contains(&height), "{kind:?}: {height}");
        // Every word of the wide legend is in the narrow one, and no text
        // runs past the right edge (x + measured width <= 400 - margin).
        let words = |svg: &str| {
            let (_, _, t) = texts(svg);
            let mut w: Vec<String> = t.join(" ").split_whitespace().map(String::from).collect();
            w.sort();
            w
        };
        let (wide_words, narrow_words) = (words(&wide), words(&narrow));
        let (_, _, wide_texts) = texts(&wide);
        for label in wide_texts.iter().filter(|t| t.contains(' ')) {
            for word in label.split_whitespace() {
                assert!(
                    narrow_words.iter().any(|w| w == word),
                    "{kind:?}: {word} lost"
                );
            }
        }
        assert!(!wide_words.is_empty());
        let mut legend_below = false;
        for n in root.descendants().filter(|n| n.has_tag_name("text")) {
            let x: f64 = n.attribute("x").unwrap_or("0").parse().unwrap_or(0.0);
            let y: f64 = n.attribute("y").unwrap_or("0").parse().unwrap_or(0.0);
            let t = n.text().unwrap_or_default().trim();
            if n.attribute("text-anchor").is_none() && n.attribute("transform").is_none() {
                let right = x + font::text_width(t, 13.0);
                assert!(right <= 400.0, "{kind:?}: {t:?} ends at {right}");
            }
            if t == kind.title() {
                continue;
            }
            legend_below |=
                t.starts_with("Moving to") || t.starts_with("Blended") || t.ends_with("(baseline)");
            if t.ends_with("(baseline)") || t.starts_with("Moving to") || t.starts_with("Blended") {
                // Under the plot: the title (43 px) and the plot (280 px) end at 323.
                assert!(y > 323.0, "{kind:?}: legend {t:?} at y {y} of {height}");
            }
        }
        assert!(legend_below, "{kind:?}: no legend");
    }
}
