//! The server's pricebook, loaded once per page, around the page's content.
//!
//! Usage:
//!
//! ```ignore
//! view! {
//!     <WithPricebook loading="Loading the pricebook…" let:payload>
//!         <Calculator payload/>
//!     </WithPricebook>
//! }
//! ```
//!
//! The resource is blocking, so the server renders the content (and its
//! `<head>` tags) before it sends the page; in the browser it hydrates from
//! the serialised value without a request.

use crate::server_fns::pricebook::{get_pricebook, PricebookPayload};
use leptos::either::Either;
use leptos::prelude::*;

/// Renders `children` with the pricebook, or says why it could not be loaded.
#[component]
pub fn WithPricebook<C, V>(
    /// Shown while the pricebook loads (only on client-side navigation).
    loading: &'static str,
    children: C,
) -> impl IntoView
where
    C: Fn(PricebookPayload) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let payload = Resource::new_blocking(|| (), |()| get_pricebook());
    view! {
        <Suspense fallback=move || view! { <p>{loading}</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match payload.await {
                        Ok(p) => Either::Left(children(p)),
                        Err(e) => Either::Right(view! {
                            <p class="error" role="alert">"The pricebook could not be loaded: " {e.to_string()}</p>
                        }),
                    }
                })
            }}
        </Suspense>
    }
}
