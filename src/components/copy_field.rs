//! A read-only text with a "Copy" button; the text stays selectable when the
//! clipboard is refused.
//!
//! ```ignore
//! view! { <CopyField label="Link" text=Signal::derive(move || url.get()) testid="report-link"/> }
//! ```

use crate::components::browser::copy_text;
use leptos::prelude::*;
use leptos::task::spawn_local;

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
        let value = text.get_untracked();
        spawn_local(async move {
            set_status.set(match copy_text(value).await {
                Ok(()) => "Copied.".into(),
                Err(e) => format!("Could not copy ({e}); select the text and copy it."),
            });
        });
    };
    let field = move || {
        if multiline {
            view! { <textarea readonly rows="3" data-testid=testid prop:value=move || text.get()>{move || text.get()}</textarea> }.into_any()
        } else {
            view! { <input type="text" readonly data-testid=testid prop:value=move || text.get() value=move || text.get()/> }.into_any()
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
