//! The playbook's scenario, for tests.

use crate::domain::scenario::{codec::v1_default_base, Scenario};

/// The playbook's scenario: the default traffic on Claude Haiku 4.5.
pub fn playbook_scenario() -> Scenario {
    Scenario {
        base: v1_default_base(),
        ..Scenario::default()
    }
}
