use super::*;

const NOW: i64 = 1_000 * HOUR_MS;

fn run(hours_ago: i64, diffs_ms: &[i64], requests: u32, good: u32) -> StoredRun {
    StoredRun {
        id: format!("r{hours_ago}"),
        relay: "holysheep".into(),
        upstream: "anthropic".into(),
        origin: Origin::Scheduled,
        kind: RunKind::Latency,
        started_at_ms: NOW - hours_ago * HOUR_MS - 1000,
        finished_at_ms: NOW - hours_ago * HOUR_MS,
        outcome: Outcome::Done,
        connection: Connection::Warm,
        authenticated: false,
        measured_from: "probe-1".into(),
        claimed_overhead_ms: Some(50),
        relay_requests: requests,
        relay_good: good,
        errors: if requests > good {
            BTreeMap::from([("5xx".to_string(), requests - good)])
        } else {
            BTreeMap::new()
        },
        overhead_us: diffs_ms.iter().map(|d| d * 1000).collect(),
        detail: None,
    }
}

/// Three runs: 2 h ago (10..=19 ms), 48 h ago (30..=39 ms) and 100 h ago
/// (70..=79 ms), ten pairs each; plus a skipped run 1 h ago.
fn fixed() -> Vec<StoredRun> {
    let diffs = |from: i64| (from..from + 10).collect::<Vec<_>>();
    let mut skipped = run(1, &[], 0, 0);
    skipped.outcome = Outcome::Skipped;
    skipped.detail = Some("budget spent".into());
    vec![
        run(2, &diffs(10), 10, 10),
        run(48, &diffs(30), 10, 8),
        run(100, &diffs(70), 10, 5),
        skipped,
    ]
}

#[test]
fn windows_on_fixed_data_match_hand_computed_figures() {
    let runs = fixed();
    // 24 h: one run, 10 pairs 10..=19: median 14.5; n = 10 at 95 %:
    // P(B(10, ½) ≤ 1) = 11/1024 ≤ 0.025 < P(B ≤ 2) = 56/1024, so [x(2), x(9)] = [11, 18].
    let day = window_stats(&runs, Window::Hours24, NOW, Some(50), "warm");
    assert_eq!((day.runs, day.skipped), (1, 1));
    let o = day.overhead.clone().unwrap();
    assert_eq!((o.pairs, o.median_ms), (10, 14.5));
    assert_eq!((o.ci_low_ms, o.ci_high_ms), (11.0, 18.0));
    // Nearest rank: p90 = x(9) = 18, p99 = x(10) = 19.
    assert_eq!((day.p90_ms, day.p99_ms), (Some(18.0), Some(19.0)));
    assert_eq!((day.requests, day.good, day.uptime), (10, 10, Some(1.0)));
    assert!(day.verdict.unwrap().text.ends_with("the claim holds"));

    // 72 h: 20 pairs 10..=19, 30..=39: median (19 + 30) / 2 = 24.5,
    // [x(6), x(15)] = [15, 34]; p90 = x(18) = 37, p99 = x(20) = 39.
    let three = window_stats(&runs, Window::Days3, NOW, Some(50), "warm");
    let o = three.overhead.clone().unwrap();
    assert_eq!(
        (o.pairs, o.median_ms, o.ci_low_ms, o.ci_high_ms),
        (20, 24.5, 15.0, 34.0)
    );
    assert_eq!((three.p90_ms, three.p99_ms), (Some(37.0), Some(39.0)));
    assert_eq!((three.requests, three.good), (20, 18));
    assert_eq!(three.uptime, Some(0.9));
    assert_eq!(three.errors.get("5xx"), Some(&2));

    // 7 days: 30 pairs; median (30 + 31) / 2 = 30.5... sorted: 10..19, 30..39, 70..79,
    // x(15) = 34, x(16) = 35 → 34.5. n = 30: P(B ≤ 9) = 0.0214 ≤ 0.025 < P(B ≤ 10) = 0.0494,
    // so [x(10), x(21)] = [19, 70]: straddles 50 → inconclusive. p90 = x(27) = 76.
    let week = window_stats(&runs, Window::Days7, NOW, Some(50), "warm");
    let o = week.overhead.clone().unwrap();
    assert_eq!(
        (o.pairs, o.median_ms, o.ci_low_ms, o.ci_high_ms),
        (30, 34.5, 19.0, 70.0)
    );
    assert_eq!(week.p90_ms, Some(76.0));
    assert_eq!((week.requests, week.good), (30, 23));
    assert!(week.verdict.unwrap().text.ends_with("inconclusive"));
}

#[test]
fn an_empty_window_has_no_figures() {
    let runs = fixed();
    let w = window_stats(&runs, Window::Hours24, NOW + 200 * HOUR_MS, None, "warm");
    assert_eq!((w.runs, w.skipped, w.requests), (0, 0, 0));
    assert!(w.overhead.is_none() && w.uptime.is_none() && w.verdict.is_none());
}

#[test]
fn history_groups_by_relay_and_connection_and_slices_the_chart_window() {
    let mut runs = fixed();
    let mut cold = run(3, &[100; 6], 6, 6);
    cold.connection = Connection::Cold;
    runs.push(cold);
    let mut other = run(3, &[1; 6], 6, 6);
    other.relay = "openrouter".into();
    runs.push(other);
    let all = histories(&runs, None, NOW, Window::Days7);
    let keys: Vec<(&str, Connection)> = all
        .iter()
        .map(|h| (h.relay.as_str(), h.connection))
        .collect();
    assert_eq!(
        keys,
        [
            ("holysheep", Connection::Cold),
            ("holysheep", Connection::Warm),
            ("openrouter", Connection::Warm)
        ]
    );
    let warm = &all[1];
    assert_eq!(warm.claimed_overhead_ms, Some(50));
    assert_eq!(warm.measured_from, ["probe-1"]);
    assert_eq!(warm.slices.len(), 24);
    // 7 h slices: the run 2 h ago is in the last slice, 48 h ago in slice
    // 24 − 1 − floor(48 / 7) = 17, 100 h ago in 24 − 1 − floor(100 / 7) = 9.
    let with_runs: Vec<usize> = (0..24).filter(|&i| warm.slices[i].runs > 0).collect();
    assert_eq!(with_runs, [9, 17, 23]);
    assert_eq!(warm.slices[23].skipped, 1);
    assert_eq!(
        histories(&runs, Some("openrouter"), NOW, Window::Days7).len(),
        1
    );
}

#[test]
fn window_codes_round_trip_and_name_the_allowed_ones() {
    for w in Window::ALL {
        assert_eq!(Window::parse(w.code()), Ok(w));
    }
    assert_eq!(
        Window::parse("1w"),
        Err("`window` must be 24h, 72h or 7d; got `1w`".to_string())
    );
    for o in [Outcome::Done, Outcome::Skipped, Outcome::TimedOut] {
        assert_eq!(Outcome::parse(o.code()), Some(o));
    }
}
