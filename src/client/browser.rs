//! Browser actions: copying text to the clipboard, the page's origin and
//! printing. They run in event handlers, so only in the browser; the server
//! build has inert versions.
//!
//! ```ignore
//! let ok = copy_text("https://…".into()).await.is_ok();
//! ```

#[cfg(feature = "hydrate")]
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
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    pub async fn copy_text(_text: String) -> Result<(), String> {
        Err("copying needs the browser".into())
    }

    pub fn page_origin() -> Option<String> {
        None
    }

    pub fn print_page() {}
}

pub use imp::{copy_text, page_origin, print_page};
