//! Follows a probe run's server-sent events in the browser.
//!
//! ```ignore
//! let stop = follow("r1", move |view| run.set(Some(view)));
//! ```

use llm_roi_core::probe::run::RunView;

/// Subscribes to `/api/v1/probe/runs/{id}/events`; `on_view` gets each state.
/// The stream closes itself after the `done` event.
#[cfg(feature = "hydrate-base")]
pub fn follow(id: &str, on_view: impl Fn(RunView) + 'static) {
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let Ok(source) = web_sys::EventSource::new(&format!("/api/v1/probe/runs/{id}/events")) else {
        return;
    };
    let on_view = Rc::new(on_view);
    for name in ["progress", "done"] {
        let on_view = on_view.clone();
        let source_in = source.clone();
        let handler =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(text) = ev.data().as_string() {
                    if let Ok(view) = serde_json::from_str::<RunView>(&text) {
                        on_view(view);
                    }
                }
                if name == "done" {
                    source_in.close();
                }
            });
        let _ = source.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        handler.forget();
    }
}

/// On the server there is nothing to follow: runs start from the browser.
#[cfg(not(feature = "hydrate-base"))]
pub fn follow(_id: &str, _on_view: impl Fn(RunView) + 'static) {}
