//! A form group that folds on a narrow screen: a `<details>` whose summary
//! reads "Growth: 0 %/month, 12 months" and opens on tap, click, Enter or
//! Space (the browser's own disclosure, so it works without JavaScript too).
//!
//! Above 600 px the stylesheet shows the group's fields whether it is open or
//! not (`::details-content`), and hides the summary: desktop keeps the
//! plain fieldset. A group opens when one of its fields becomes invalid, so
//! that the message is seen; it never closes by itself.
//!
//! Usage (inside a scenario form, which provides [`FormContext`]):
//!
//! ```ignore
//! view! { <FoldGroup group=FormGroup::Growth summary=text><TextField …/></FoldGroup> }
//! ```

use crate::components::fields::FormContext;
use leptos::html::Details;
use leptos::prelude::*;
use llm_roi_core::view::form_groups::FormGroup;

#[component]
pub fn FoldGroup<C: IntoView + 'static>(
    group: FormGroup,
    /// The group's values in one line.
    summary: Signal<String>,
    /// Typed, not `Children`: an `AnyView` would keep its `hydrate_async`
    /// code in the bundle.
    children: TypedChildren<C>,
) -> impl IntoView {
    let errors = use_context::<FormContext>().map(|c| c.errors);
    let invalid = move || {
        errors
            .is_some_and(|e| e.with(|e| e.iter().any(|f| group.keys().contains(&f.field.as_str()))))
    };
    let open_at_start = errors.is_some_and(|e| {
        e.with_untracked(|e| e.iter().any(|f| group.keys().contains(&f.field.as_str())))
    });
    let node = NodeRef::<Details>::new();
    Effect::new(move |_| {
        if invalid() {
            if let Some(d) = node.get() {
                d.set_open(true);
            }
        }
    });
    view! {
        <details class="fold" data-group=group.name() open=open_at_start node_ref=node>
            <summary>
                <span class="fold-title">{group.title()}</span>": "
                <span class="fold-summary" data-testid=format!("fold-summary-{}", group.name())>{summary}</span>
            </summary>
            <fieldset class=group.name()>
                <legend>{group.title()}</legend>
                {children.into_inner()()}
            </fieldset>
        </details>
    }
}
