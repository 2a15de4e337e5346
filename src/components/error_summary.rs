//! Every scenario field that could not be used, listed above the form.

use leptos::prelude::*;
use llm_roi_core::scenario::FieldError;

/// A list of field errors; renders nothing when there are none.
///
/// ```ignore
/// view! { <ErrorSummary errors=Signal::derive(move || vec![]) /> }
/// ```
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <Show when=move || !errors.read().is_empty()>
            <div class="error-summary" role="alert" data-testid="error-summary">
                <p>"Some inputs could not be used; defaults stand in for them:"</p>
                <ul>
                    <For each=move || errors.get() key=|e| (e.field.clone(), e.value.clone(), e.message.clone()) let:e>
                        <li data-field=e.field.clone()>
                            <code>{e.field.clone()}</code> " = " <code>{format!("{:?}", e.value)}</code> ": " {e.message.clone()}
                        </li>
                    </For>
                </ul>
            </div>
        </Show>
    }
}
