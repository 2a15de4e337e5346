//! A plain form that runs a check which spends tokens (the honesty check,
//! the audit): its price and budget on the button, the operator token
//! field, and why it cannot run when a key is missing. It works without
//! JavaScript; the server sends the browser back to the page.
//!
//! Usage:
//!
//! ```ignore
//! view! { <SpendForm action="/probe/audit" relay button about ready key_vars form_token/> }
//! ```

use leptos::prelude::*;

#[component]
pub fn SpendForm(
    /// Where the form posts, e.g. `/probe/audit`.
    action: &'static str,
    relay: String,
    /// The button's text, with the price bound.
    button: String,
    /// What it sends, after the button.
    about: String,
    /// Both keys are set.
    ready: bool,
    key_vars: Vec<String>,
    /// The token the form carries back.
    form_token: String,
) -> impl IntoView {
    let why = (!ready).then(|| {
        format!(
            "Needs both API keys on the server: set {}.",
            key_vars.join(" and ")
        )
    });
    view! {
        <form method="post" action=action class="honesty-form">
            <input type="hidden" name="relay" value=relay/>
            <input type="hidden" name="csrf" value=form_token/>
            <label>"Operator token " <input type="password" name="token" autocomplete="off" size="12"/></label>
            <button type="submit" disabled=!ready>{button}</button>
            <small>{about}</small>
            {why.map(|w| view! { <p class="probe-off">{w}</p> })}
        </form>
    }
}
