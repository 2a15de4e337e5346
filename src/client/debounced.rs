//! A signal that follows another after it has been still for a while.
//!
//! Usage: `let slow = debounced(fast, 300);` — `slow` takes `fast`'s value
//! once `fast` has not changed for 300 ms. On the server (no effects run) it
//! keeps the first value, which is the rendered one.

use leptos::prelude::*;
use std::time::Duration;

pub fn debounced<T>(source: Signal<T>, ms: u64) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let (value, set_value) = signal(source.get_untracked());
    Effect::new(move |pending: Option<Option<TimeoutHandle>>| {
        let next = source.get();
        if let Some(Some(h)) = pending {
            h.clear();
        }
        if value.with_untracked(|v| *v == next) {
            return None;
        }
        set_timeout_with_handle(move || set_value.set(next), Duration::from_millis(ms)).ok()
    });
    value
}
