//! Browser actions: copying text to the clipboard, the page's origin,
//! printing, replacing the URL, the tab's session storage and marking the
//! page hydrated. They run in
//! event handlers and effects, so only in the browser; the server build has
//! inert versions.
//!
//! ```ignore
//! let ok = copy_text("https://…".into()).await.is_ok();
//! ```

#[cfg(feature = "hydrate-base")]
mod imp {
    /// Copies `text`; the error says why not (e.g. permission denied).
    pub async fn copy_text(text: String) -> Result<(), String> {
        let window = web_sys::window().ok_or("no window")?;
        let promise = window.navigator().clipboard().write_text(&text);
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
    }

    /// `scheme://host[:port]` of the page.
    pub fn page_origin() -> Option<String> {
        web_sys::window()?.location().origin().ok()
    }

    /// Opens the print dialog.
    pub fn print_page() {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    }

    /// Replaces the page's URL (no navigation, no new history entry).
    pub fn replace_url(url: &str) {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
        }
    }

    /// Goes to `url` (a new history entry).
    pub fn navigate_to(url: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(url);
        }
    }

    /// The tab's session storage under `key` (gone when the tab closes).
    pub fn session_get(key: &str) -> Option<String> {
        web_sys::window()?
            .session_storage()
            .ok()??
            .get_item(key)
            .ok()?
    }

    /// Keeps `value` under `key` for the tab's session.
    pub fn session_set(key: &str, value: &str) {
        if let Some(Ok(Some(s))) = web_sys::window().map(|w| w.session_storage()) {
            let _ = s.set_item(key, value);
        }
    }

    /// Sets `data-hydrated="true"` on `<body>`: a marker for browser tests and
    /// scripts that the page's islands are interactive.
    pub fn mark_hydrated() {
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    }
}

#[cfg(not(feature = "hydrate-base"))]
mod imp {
    pub async fn copy_text(_text: String) -> Result<(), String> {
        Err("copying needs the browser".into())
    }

    pub fn page_origin() -> Option<String> {
        None
    }

    pub fn print_page() {}

    pub fn replace_url(_url: &str) {}

    pub fn mark_hydrated() {}

    pub fn navigate_to(_url: &str) {}

    pub fn session_get(_key: &str) -> Option<String> {
        None
    }

    pub fn session_set(_key: &str, _value: &str) {}
}

pub use imp::{
    copy_text, mark_hydrated, navigate_to, page_origin, print_page, replace_url, session_get,
    session_set,
};
