//! A strip chart of a run's total times: one dot per good sample, one row per arm.

use leptos::prelude::*;
use llm_roi_core::probe::sample::{Arm, Sample};

const W: f64 = 640.0;
const ROW: f64 = 36.0;
const LEFT: f64 = 70.0;

#[component]
pub fn ProbeStrip(samples: Vec<Sample>) -> impl IntoView {
    let good: Vec<(Arm, f64)> = samples
        .iter()
        .filter(|s| s.is_good())
        .filter_map(|s| Some((s.arm, s.phases.total_us? as f64 / 1000.0)))
        .collect();
    let max_ms = good.iter().map(|(_, v)| *v).fold(1.0_f64, f64::max) * 1.05;
    let x = move |v: f64| LEFT + (W - LEFT - 10.0) * v / max_ms;
    let dots = good
        .iter()
        .map(|(arm, v)| {
            let (y, class) = match arm {
                Arm::Relay => (ROW * 0.5 + 4.0, "dot relay"),
                Arm::Direct => (ROW * 1.5 + 4.0, "dot direct"),
            };
            view! { <circle class=class cx=format!("{:.1}", x(*v)) cy=format!("{y:.1}") r="3.5"><title>{format!("{v:.1} ms")}</title></circle> }
        })
        .collect_view();
    let height = ROW * 2.0 + 24.0;
    view! {
        <svg class="probe-strip" data-testid="probe-strip" viewBox=format!("0 0 {W} {height}") width="100%" role="img">
            <title>"Total time of each good request, relay and direct"</title>
            <text x="4" y=format!("{:.0}", ROW * 0.5 + 8.0)>"relay"</text>
            <text x="4" y=format!("{:.0}", ROW * 1.5 + 8.0)>"direct"</text>
            <line x1=LEFT y1=ROW * 2.0 + 6.0 x2=W - 10.0 y2=ROW * 2.0 + 6.0 class="axis"/>
            <text x=LEFT y=height - 2.0>"0 ms"</text>
            <text x=W - 10.0 y=height - 2.0 text-anchor="end">{format!("{max_ms:.0} ms")}</text>
            {dots}
        </svg>
    }
}
