//! Sending a file the user picked (an `<input type="file">`'s change or a
//! drop) to the server as the request body, with its upload progress. The
//! server reads the body as it arrives, so the upload's progress is also
//! the reading's. The server build has inert versions.
//!
//! Usage:
//!
//! ```ignore
//! on:change=move |ev| upload_input(&ev, "/api/v1/workloads", 50e6, move |e| match e {
//!     UploadEvent::Started { name } => …,
//!     UploadEvent::Progress { sent, total } => …,
//!     UploadEvent::Done { status, body } => …,
//!     UploadEvent::Failed(why) => …,
//! })
//! ```

/// What an upload reports, in order: started, progress, then done or failed.
#[derive(Debug, Clone, PartialEq)]
pub enum UploadEvent {
    Started { name: String, bytes: f64 },
    Progress { sent: f64, total: f64 },
    Done { status: u16, body: String },
    Failed(String),
}

#[cfg(feature = "hydrate-base")]
mod imp {
    use super::UploadEvent;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    fn js(e: wasm_bindgen::JsValue) -> String {
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }

    fn post(url: &str, file: web_sys::File, on: Rc<dyn Fn(UploadEvent)>) -> Result<(), String> {
        let xhr = web_sys::XmlHttpRequest::new().map_err(js)?;
        xhr.open("POST", url).map_err(js)?;
        let o = on.clone();
        let progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() {
                    o(UploadEvent::Progress {
                        sent: e.loaded(),
                        total: e.total(),
                    });
                }
            });
        xhr.upload()
            .map_err(js)?
            .set_onprogress(Some(progress.as_ref().unchecked_ref()));
        // One closure per upload, kept for the page's life.
        progress.forget();
        let (x, o) = (xhr.clone(), on.clone());
        let load = Closure::<dyn FnMut()>::new(move || {
            o(UploadEvent::Done {
                status: x.status().unwrap_or(0),
                body: x.response_text().ok().flatten().unwrap_or_default(),
            });
        });
        xhr.set_onload(Some(load.as_ref().unchecked_ref()));
        load.forget();
        let o = on.clone();
        let error = Closure::<dyn FnMut()>::new(move || {
            o(UploadEvent::Failed(
                "the connection failed before the server answered; try again".into(),
            ));
        });
        xhr.set_onerror(Some(error.as_ref().unchecked_ref()));
        error.forget();
        on(UploadEvent::Started {
            name: file.name(),
            bytes: file.size(),
        });
        xhr.send_with_opt_blob(Some(&file)).map_err(js)
    }

    fn start(
        file: Option<web_sys::File>,
        url: &str,
        max_bytes: f64,
        on: impl Fn(UploadEvent) + 'static,
    ) {
        let on: Rc<dyn Fn(UploadEvent)> = Rc::new(on);
        match file {
            // The server would stop reading mid-upload, which the browser
            // reports as a failed connection: say why before sending.
            Some(f) if f.size() > max_bytes => on(UploadEvent::Failed(format!(
                "{} is {:.1} MB; the limit is {:.1} MB: split it, or sum identical requests into rows with a `requests` count",
                f.name(),
                f.size() / 1e6,
                max_bytes / 1e6
            ))),
            Some(f) => {
                if let Err(why) = post(url, f, on.clone()) {
                    on(UploadEvent::Failed(format!(
                        "the file could not be sent: {why}"
                    )));
                }
            }
            None => on(UploadEvent::Failed("no file was chosen".into())),
        }
    }

    /// Sends the file chosen in the input that fired `ev`, if it is at
    /// most `max_bytes`.
    pub fn upload_input(
        ev: &web_sys::Event,
        url: &str,
        max_bytes: f64,
        on: impl Fn(UploadEvent) + 'static,
    ) {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        start(file, url, max_bytes, on);
    }

    /// Sends the first file dropped by `ev`, if it is at most `max_bytes`.
    pub fn upload_drop(
        ev: &web_sys::DragEvent,
        url: &str,
        max_bytes: f64,
        on: impl Fn(UploadEvent) + 'static,
    ) {
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        start(file, url, max_bytes, on);
    }
}

#[cfg(not(feature = "hydrate-base"))]
mod imp {
    use super::UploadEvent;

    pub fn upload_input(
        _ev: &leptos::web_sys::Event,
        _url: &str,
        _max_bytes: f64,
        _on: impl Fn(UploadEvent) + 'static,
    ) {
    }

    pub fn upload_drop(
        _ev: &leptos::web_sys::DragEvent,
        _url: &str,
        _max_bytes: f64,
        _on: impl Fn(UploadEvent) + 'static,
    ) {
    }
}

pub use imp::{upload_drop, upload_input};
