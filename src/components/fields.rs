//! Labelled form fields named by their URL key, with help and a validation
//! message tied to the input by `aria-describedby`.

use leptos::either::Either;
use leptos::prelude::*;
use llm_roi_core::scenario::codec::default_value;
use llm_roi_core::scenario::FieldError;
use llm_roi_core::view::model_choices::OLDER;

/// What every field of the scenario form reads and writes, provided once by
/// the form ([`FormContext::provide`]) instead of passed to each field.
#[derive(Debug, Clone, Copy)]
pub struct FormContext {
    /// The query's pairs, as typed.
    pub pairs: Signal<Vec<(String, String)>>,
    /// The fields that cannot be used, each shown beside its input.
    pub errors: Signal<Vec<FieldError>>,
    /// Called with `(key, value)` on every edit.
    pub on_change: Callback<(String, String)>,
}

impl FormContext {
    /// Makes this the context of the fields rendered below.
    pub fn provide(self) {
        provide_context(self);
    }
}

/// A field rendered outside a scenario form says so instead of its input.
fn outside_form(label: &'static str) -> impl IntoView {
    view! { <p class="field-error" role="alert">{label} ": this field is outside the scenario form"</p> }
}

/// The raw value of `key` in the query, or its default's text.
fn raw_value(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map_or_else(|| default_value(key), |(_, v)| v.clone())
}

fn field_error(errors: &[FieldError], key: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == key)
        .map(|e| e.message.clone())
}

/// A labelled text input with its help and its validation message.
#[component]
pub fn TextField(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    #[prop(default = "decimal")] inputmode: &'static str,
) -> impl IntoView {
    let Some(FormContext {
        pairs,
        errors,
        on_change,
    }) = use_context::<FormContext>()
    else {
        return Either::Left(outside_form(label));
    };
    let value = move || pairs.with(|p| raw_value(p, key));
    let error = move || errors.with(|e| field_error(e, key));
    Either::Right(view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=key>{label}</label>
            <input
                id=key
                name=key
                type="text"
                inputmode=inputmode
                autocomplete="off"
                value=value
                prop:value=value
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby=format!("{key}-help {key}-error")
                on:input=move |ev| on_change.run((key.to_string(), event_target_value(&ev)))
            />
            <small class="help" id=format!("{key}-help")>{help}</small>
            <p class="field-error" id=format!("{key}-error") data-error-for=key>{error}</p>
        </div>
    })
}

fn choice(
    v: String,
    l: String,
    value: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let selected = {
        let v = v.clone();
        move || value() == v
    };
    view! { <option value=v selected=selected>{l}</option> }
}

/// Runs of choices labelled "Group — label" as `(Some(group), [(value,
/// label)])`, so that the page names each provider once; other choices as
/// `(None, [choice])`.
#[expect(
    clippy::type_complexity,
    reason = "a list of groups of (value, label) pairs, used right here"
)]
fn grouped(choices: Vec<(String, String)>) -> Vec<(Option<String>, Vec<(String, String)>)> {
    let mut out: Vec<(Option<String>, Vec<(String, String)>)> = Vec::new();
    for (v, l) in choices {
        match l.split_once(" — ") {
            Some((g, rest)) => {
                let item = (v, rest.to_string());
                match out.last_mut() {
                    Some((Some(last), list)) if last == g => list.push(item),
                    _ => out.push((Some(g.to_string()), vec![item])),
                }
            }
            None => out.push((None, vec![(v, l)])),
        }
    }
    out
}

/// A labelled select of `(value, label)` choices (those labelled
/// "Group — label" in a group each), then the `older` ones in a group of
/// their own; `selected` is the value in use (a default or a
/// resolved alias when the query's value is not a choice).
#[component]
pub fn SelectField(
    key: &'static str,
    label: &'static str,
    choices: Vec<(String, String)>,
    #[prop(optional)] older: Vec<(String, String)>,
    selected: Signal<String>,
) -> impl IntoView {
    let Some(FormContext {
        errors, on_change, ..
    }) = use_context::<FormContext>()
    else {
        return Either::Left(outside_form(label));
    };
    let value = move || selected.get();
    let error = move || errors.with(|e| field_error(e, key));
    Either::Right(view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=key>{label}</label>
            <select id=key name=key prop:value=value on:change=move |ev| on_change.run((key.to_string(), event_target_value(&ev)))>
                {grouped(choices).into_iter().map(|(group, list)| match group {
                    None => Either::Left(list.into_iter().map(|(v, l)| choice(v, l, value)).collect_view()),
                    Some(g) => Either::Right(view! {
                        <optgroup label=g>
                            {list.into_iter().map(|(v, l)| choice(v, l, value)).collect_view()}
                        </optgroup>
                    }),
                }).collect_view()}
                {(!older.is_empty()).then(|| view! {
                    <optgroup label=OLDER>
                        {older.into_iter().map(|(v, l)| choice(v, l, value)).collect_view()}
                    </optgroup>
                })}
            </select>
            <p class="field-error" data-error-for=key>{error}</p>
        </div>
    })
}
