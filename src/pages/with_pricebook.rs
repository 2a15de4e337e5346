//! The server's pricebook for a page, or why there is none.
//!
//! Usage:
//!
//! ```ignore
//! view! { {with_pricebook(|payload| view! { <Report payload/> })} }
//! ```

use crate::server_fns::pricebook::PricebookPayload;
use leptos::either::Either;
use leptos::prelude::*;

/// Renders `content` with the pricebook in the request's context, or an
/// alert saying why it could not be read. Pages render on the server only,
/// so this reads it directly: no resource, no suspense, one render.
pub fn with_pricebook<V: IntoView>(content: impl FnOnce(PricebookPayload) -> V) -> impl IntoView {
    match PricebookPayload::current() {
        Ok(payload) => Either::Left(content(payload)),
        Err(e) => Either::Right(view! {
            <p class="error" role="alert">"The pricebook could not be loaded: " {e.to_string()}</p>
        }),
    }
}
