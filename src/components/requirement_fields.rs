//! The requirements a route must meet (`req`), as checkboxes: the offered
//! ones, plus any other the link names (`region:jp`, `sla:99.9`, …), so that
//! editing the form never drops one.
//!
//! Each box is named `req`, so the form also works without JavaScript (the
//! codec reads repeated `req` pairs as one list).
//!
//! Usage (inside a scenario form, which provides [`FormContext`]):
//!
//! ```ignore
//! view! { <RequirementFields in_use/> }
//! ```

use crate::components::fields::FormContext;
use crate::components::fold_group::FoldGroup;
use crate::components::memo::memo;
use leptos::prelude::*;
use llm_roi_core::pricebook::requirement::{Requirement, OFFERED};
use llm_roi_core::scenario::Scenario;
use llm_roi_core::view::form_groups::FormGroup;

/// The boxes: `(code, label)`, the offered ones first.
fn boxes(s: &Scenario) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = OFFERED
        .iter()
        .filter_map(|c| Requirement::parse(c).ok())
        .map(|r| (r.code(), r.label()))
        .collect();
    for r in &s.requirements {
        if !out.iter().any(|(c, _)| *c == r.code()) {
            out.push((r.code(), r.label()));
        }
    }
    out
}

#[component]
pub fn RequirementFields(in_use: Signal<(Scenario, String)>) -> impl IntoView {
    let context = use_context::<FormContext>();
    let chosen = memo(move || {
        in_use.with(|(s, _)| {
            s.requirements
                .iter()
                .map(Requirement::code)
                .collect::<Vec<_>>()
        })
    });
    let all = in_use.with_untracked(|(s, _)| boxes(s));
    let summary = memo(move || in_use.with(|(s, _)| FormGroup::Requirements.summary(s, None)));
    let error = move || {
        context.and_then(|c| {
            c.errors.with(|e| {
                e.iter()
                    .find(|f| f.field == "req")
                    .map(|f| f.message.clone())
            })
        })
    };
    let toggle = move |code: String, on: bool| {
        let mut list = chosen.get_untracked();
        list.retain(|c| *c != code);
        if on {
            list.push(code);
        }
        if let Some(c) = context {
            c.on_change.run(("req".to_string(), list.join(",")));
        }
    };
    view! {
        <FoldGroup group=FormGroup::Requirements summary>
            <p class="help" id="req-help">"A route that fails a requirement, or whose fact is unknown, stays in the table but is never the default migration target."</p>
            <div class="checks" role="group" aria-describedby="req-help req-error">
                {all.into_iter().map(|(code, label)| {
                    let id = format!("req-{}", code.replace([':', '.'], "-"));
                    let checked = { let code = code.clone(); move || chosen.with(|c| c.contains(&code)) };
                    let on_change = { let code = code.clone(); move |ev| toggle(code.clone(), event_target_checked(&ev)) };
                    view! {
                        <label class="check" for=id.clone()>
                            <input type="checkbox" id=id.clone() name="req" value=code.clone() prop:checked=checked.clone() checked=checked data-req=code on:change=on_change/>
                            " " {label}
                        </label>
                    }
                }).collect_view()}
            </div>
            <p class="field-error" id="req-error" data-error-for="req">{error}</p>
        </FoldGroup>
    }
}
