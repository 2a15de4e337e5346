//! The playbook's scenario, for tests.

use crate::scenario::{Scenario, codec::v1_default_base};
use rust_decimal::Decimal;

/// The playbook's scenario: the default traffic on Claude Haiku 4.5.
pub fn playbook_scenario() -> Scenario {
    Scenario {
        base: v1_default_base(),
        ..Scenario::default()
    }
}

/// The playbook's scenario with this traffic: requests a day, and input and
/// output tokens per request.
pub fn playbook_traffic(rpd: u64, input: u64, output: u64) -> Scenario {
    Scenario {
        requests_per_day: rpd,
        input_tokens: Decimal::from(input),
        output_tokens: Decimal::from(output),
        ..playbook_scenario()
    }
}
