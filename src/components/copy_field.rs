//! A read-only text with a "Copy" button; the text stays selectable when the
//! clipboard is refused.
//!
//! ```ignore
//! view! { <CopyField label="Link" text=Signal::derive(move || url.get()) testid="report-link"/> }
//! ```

use crate::client::browser::copy_text;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Copies `text` in the background and writes the outcome into `status`:
/// `done(text)` on success, else why not and `hint`.
pub fn copy_and_report(
    text: String,
    status: WriteSignal<String>,
    done: fn(&str) -> String,
    hint: &'static str,
) {
    spawn_local(async move {
        status.set(match copy_text(text.clone()).await {
            Ok(()) => done(&text),
            Err(e) => format!("Could not copy ({e}); {hint}"),
        });
    });
}

#[component]
pub fn CopyField(
    label: &'static str,
    #[prop(into)] text: Signal<String>,
    /// `data-testid` of the field; the button gets `<testid>-copy`.
    testid: &'static str,
    /// Several lines (a textarea) instead of one.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let (status, set_status) = signal(String::new());
    let copy = move |_| {
        copy_and_report(
            text.get_untracked(),
            set_status,
            |_| "Copied.".into(),
            "select the text and copy it.",
        )
    };
    let field = move || {
        if multiline {
            Either::Left(
                view! { <textarea readonly rows="3" data-testid=testid prop:value=move || text.get()>{move || text.get()}</textarea> },
            )
        } else {
            Either::Right(
                view! { <input type="text" readonly data-testid=testid prop:value=move || text.get() value=move || text.get()/> },
            )
        }
    };
    view! {
        <div class="copy-field">
            <label>
                <span class="copy-label">{label}</span>
                {field}
            </label>
            <button type="button" class="copy-button" data-testid=format!("{testid}-copy") on:click=copy>"Copy"</button>
            <span class="copy-status" role="status">{move || status.get()}</span>
        </div>
    }
}
