//! The scenario form. Every input is named by its URL key, so the form also
//! works as a plain GET form without JavaScript.

use crate::domain::codec::default_value;
use crate::domain::money::DisplayCurrency;
use crate::domain::pricebook::Pricebook;
use crate::domain::scenario::{FieldError, Scenario};
use leptos::prelude::*;

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
fn TextField(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    pairs: Signal<Vec<(String, String)>>,
    errors: Signal<Vec<FieldError>>,
    on_change: Callback<(String, String)>,
    #[prop(default = "decimal")] inputmode: &'static str,
) -> impl IntoView {
    let value = move || pairs.with(|p| raw_value(p, key));
    let error = move || errors.with(|e| field_error(e, key));
    view! {
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
    }
}

/// A labelled select of `(value, label)` choices; `selected` is the value
/// in use (a default or a resolved alias when the query's value is not a choice).
#[component]
fn SelectField(
    key: &'static str,
    label: &'static str,
    choices: Vec<(String, String)>,
    selected: Signal<String>,
    errors: Signal<Vec<FieldError>>,
    on_change: Callback<(String, String)>,
) -> impl IntoView {
    let value = move || selected.get();
    let error = move || errors.with(|e| field_error(e, key));
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=key>{label}</label>
            <select id=key name=key prop:value=value on:change=move |ev| on_change.run((key.to_string(), event_target_value(&ev)))>
                {choices.into_iter().map(|(v, l)| {
                    let selected = { let v = v.clone(); move || value() == v };
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" data-error-for=key>{error}</p>
        </div>
    }
}

/// The scenario inputs. Text inputs show the query's raw text (so a bad value
/// stays visible beside its message); selects show the value in use.
#[component]
pub fn ScenarioForm(
    pricebook: Pricebook,
    pairs: Signal<Vec<(String, String)>>,
    /// The estimate's scenario, with the baseline resolved to its canonical id.
    in_use: Signal<(Scenario, String)>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    on_change: Callback<(String, String)>,
) -> impl IntoView {
    let ttl = Signal::derive(move || in_use.with(|(s, _)| s.cache_ttl.code().to_string()));
    let cur = Signal::derive(move || in_use.with(|(s, _)| s.currency.code().to_string()));
    let base = Signal::derive(move || in_use.with(|(_, b)| b.clone()));
    let options: Vec<(String, String)> = pricebook
        .providers
        .iter()
        .flat_map(|p| {
            p.models.iter().map(move |m| {
                (
                    format!("{}/{}", p.id, m.id),
                    format!("{} — {}", p.name, m.name),
                )
            })
        })
        .collect();
    let currencies = DisplayCurrency::ALL
        .iter()
        .map(|c| {
            (
                c.code().to_string(),
                format!("{} ({})", c.code(), c.symbol()),
            )
        })
        .collect();
    let ttls = vec![
        ("5m".to_string(), "5 minutes".to_string()),
        ("1h".to_string(), "1 hour".to_string()),
    ];
    view! {
        <form class="scenario" method="get" action="/" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                <legend>"Traffic"</legend>
                <TextField key="rpd" label="Requests per day" help="Whole number; 1,000 separators are fine." inputmode="numeric" pairs errors on_change/>
                <TextField key="in" label="Input tokens per request" help="Average, including cached tokens." pairs errors on_change/>
                <TextField key="out" label="Output tokens per request" help="Average." pairs errors on_change/>
            </fieldset>
            <fieldset>
                <legend>"Caching and batch"</legend>
                <TextField key="cr" label="Cache reads, % of input" help="Share of input tokens read from the prompt cache." pairs errors on_change/>
                <TextField key="cw" label="Cache writes, % of input" help="Share of input tokens written to the cache." pairs errors on_change/>
                <SelectField key="ttl" label="Cache lifetime" choices=ttls selected=ttl errors on_change/>
                <TextField key="batch" label="Batch traffic, % of requests" help="Sent through a batch API, where the provider has one." pairs errors on_change/>
            </fieldset>
            <fieldset>
                <legend>"Comparison"</legend>
                <SelectField key="base" label="Baseline (what you pay today)" choices=options selected=base errors on_change/>
                <TextField key="cmp" label="Compare with (optional)" help="provider/model, comma-separated. Empty: every route to the baseline's model, plus other vendors' small flagships." inputmode="text" pairs errors on_change/>
                <SelectField key="cur" label="Currency" choices=currencies selected=cur errors on_change/>
            </fieldset>
            <button type="submit">"Update"</button>
        </form>
    }
}
