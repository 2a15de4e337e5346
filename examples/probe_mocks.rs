//! Local mocks for trying the probe panel and for the browser tests: a mock
//! Anthropic Messages API and a relay in front of it that adds a known delay.
//!
//! ```sh
//! cargo run --features ssr --example probe_mocks -- 3201 3202 40
//! llm-roi --probe-targets end2end/probe-targets.toml
//! ```
//!
//! Arguments: upstream port, relay port, relay delay in ms (defaults 3201,
//! 3202, 40). Both listen on 127.0.0.1 only.

use llm_roi_probe_mocks::{relay_app, serve_on, upstream_app, Delay};

#[tokio::main]
#[expect(
    clippy::print_stdout,
    reason = "tells the person running it where the mocks listen"
)]
async fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let upstream_port = args.first().copied().unwrap_or(3201) as u16;
    let relay_port = args.get(1).copied().unwrap_or(3202) as u16;
    let delay_ms = args.get(2).copied().unwrap_or(40);
    let upstream = serve_on(upstream_port, upstream_app(Delay::ms(3))).await;
    let relay = serve_on(relay_port, relay_app(upstream, Delay::ms(delay_ms))).await;
    println!("mock upstream on http://{upstream}, relay (+{delay_ms} ms) on http://{relay}/v1");
    std::future::pending::<()>().await;
}
