//! Sliding windows of instants: the per-client start rate and the hourly
//! budget of authenticated requests.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Forgets the instants older than `window`.
pub fn prune(log: &mut VecDeque<Instant>, window: Duration) {
    let now = Instant::now();
    while log.front().is_some_and(|t| now.duration_since(*t) > window) {
        log.pop_front();
    }
}

/// Records `n` events now if they fit under `cap` within `window`.
pub fn admit(log: &mut VecDeque<Instant>, window: Duration, cap: usize, n: usize) -> bool {
    prune(log, window);
    let now = Instant::now();
    if log.len() + n > cap {
        return false;
    }
    log.extend(std::iter::repeat_n(now, n));
    true
}
