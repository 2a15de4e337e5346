//! A wide table's own scrolling box: on a narrow screen the table scrolls
//! inside it, never the page, and its first column (the option) stays in view.
//!
//! The box is a named region that takes keyboard focus, so that a keyboard
//! user can scroll it with the arrow keys (axe's `scrollable-region-focusable`).
//!
//! Usage:
//!
//! ```ignore
//! view! { <TableScroll label="Table of the yearly projection"><table>…</table></TableScroll> }
//! ```

use leptos::prelude::*;

#[component]
pub fn TableScroll<C: IntoView + 'static>(
    /// What the table holds, read by screen readers when the box is focused
    /// (unique on its page: two regions of one name break `landmark-unique`).
    #[prop(into)]
    label: String,
    /// Typed, not `Children`: an `AnyView` would keep its `hydrate_async`
    /// code in the bundle.
    children: TypedChildren<C>,
) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-label=label tabindex="0">
            {children.into_inner()()}
        </div>
    }
}
