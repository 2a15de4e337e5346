//! The scenario form. Every input is named by its URL key, so the form also
//! works as a plain GET form without JavaScript.

use crate::components::fields::{FormContext, SelectField, TextField};
use crate::components::fold_group::FoldGroup;
use crate::components::memo::memo;
use crate::components::migration_fields::MigrationFields;
use crate::components::requirement_fields::RequirementFields;
use leptos::either::Either;
use leptos::prelude::*;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::money::DisplayCurrency;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::scenario::codec::mix_text::mix_text;
use llm_roi_core::scenario::{FieldError, Scenario, HORIZONS};
use llm_roi_core::view::form_groups::FormGroup;
use llm_roi_core::view::model_choices::model_choices;
use llm_roi_core::view::workload_rows::workload_view;

/// The scenario inputs. Text inputs show the query's raw text (so a bad value
/// stays visible beside its message); selects show the value in use.
#[component]
pub fn ScenarioForm(
    pricebook: Pricebook,
    /// The day model retirements are read against.
    today: CalendarDate,
    pairs: Signal<Vec<(String, String)>>,
    /// The estimate's scenario, with the baseline resolved to its canonical id.
    in_use: Signal<(Scenario, String)>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    on_change: Callback<(String, String)>,
) -> impl IntoView {
    FormContext {
        pairs,
        errors,
        on_change,
    }
    .provide();
    let ttl = memo(move || in_use.with(|(s, _)| s.cache_ttl.code().to_string()));
    let cur = memo(move || in_use.with(|(s, _)| s.currency.code().to_string()));
    let base = memo(move || in_use.with(|(_, b)| b.clone()));
    let horizon = memo(move || in_use.with(|(s, _)| s.horizon_months.to_string()));
    let horizons = HORIZONS
        .iter()
        .map(|h| (h.to_string(), format!("{h} months")))
        .collect();
    let options_for_target = pricebook.clone();
    let options = model_choices(&pricebook, today);
    let currencies = DisplayCurrency::ALL
        .iter()
        .map(|c| {
            (
                c.code().to_string(),
                format!("{} ({})", c.code(), c.symbol()),
            )
        })
        .collect();
    let tier = memo(move || in_use.with(|(s, _)| s.service_tier.code().to_string()));
    let tiers = vec![
        ("standard".to_string(), "Standard".to_string()),
        (
            "flex".to_string(),
            "Flex (slower, cheaper, where offered)".to_string(),
        ),
        (
            "priority".to_string(),
            "Priority (where offered)".to_string(),
        ),
    ];
    let ttls = vec![
        ("5m".to_string(), "5 minutes".to_string()),
        ("1h".to_string(), "1 hour".to_string()),
    ];
    let summary = move |g: FormGroup| memo(move || in_use.with(|(s, _)| g.summary(s, None)));
    // A mix stays for the page's life: only "Drop the workload" removes it.
    let mix = in_use.with_untracked(|(s, _)| s.mix.clone());
    let traffic = match &mix {
        Some(mix) => Either::Left(view! {
            <fieldset class="workload-fields">
                <legend>"Workload"</legend>
                <input type="hidden" name="mix" value=mix_text(mix)/>
                <p data-testid="workload-caption">{workload_view(&pricebook, mix).caption} ", from an imported log."</p>
                <p class="help"><a href="/">"Drop the workload"</a> " to enter one model's averages instead."</p>
            </fieldset>
        }),
        None => Either::Right(view! {
            <fieldset>
                <legend>"Traffic"</legend>
                <TextField key="rpd" label="Requests per day" help="Whole number; 1,000 separators are fine." inputmode="numeric"/>
                <TextField key="in" label="Input tokens per request" help="Average, including cached tokens."/>
                <TextField key="out" label="Output tokens per request" help="Average."/>
            </fieldset>
        }),
    };
    let caching = mix.is_none().then(|| view! {
        <FoldGroup group=FormGroup::CachingAndBatch summary=summary(FormGroup::CachingAndBatch)>
            <TextField key="cr" label="Cache reads, % of input" help="Share of input tokens read from the prompt cache."/>
            <TextField key="cw" label="Cache writes, % of input" help="Share of input tokens written to the cache."/>
            <SelectField key="ttl" label="Cache lifetime" choices=ttls selected=ttl/>
            <TextField key="batch" label="Batch traffic, % of requests" help="Sent through a batch API, where the provider has one."/>
            <TextField key="offpeak" label="Off-peak traffic, % of the other requests" help="Sent in the vendor's off-peak hours (DeepSeek); 0 prices every request at the peak rate."/>
            <SelectField key="tier" label="Service tier" choices=tiers selected=tier/>
            <TextField key="search" label="Web searches per request" help="Run by the vendor's search tool; billed per 1,000 where the model publishes a fee."/>
        </FoldGroup>
    });
    let options_fields = mix.is_none().then(|| view! {
        <SelectField key="base" label="Baseline (what you pay today)" choices=options.current older=options.older selected=base/>
        <TextField key="cmp" label="Compare with (optional)" help="provider/model, comma-separated. Empty: the routes to the baseline's model and the other vendors' small flagships that cost less than the baseline; the rest are named under the table." inputmode="text"/>
    });
    view! {
        <form class="scenario" method="get" action="/" on:submit=|ev| ev.prevent_default()>
            {traffic}
            <FoldGroup group=FormGroup::Growth summary=summary(FormGroup::Growth)>
                <TextField key="growth" label="Traffic growth, % per month" help="Month over month, compounded; -50 to 50."/>
                <SelectField key="horizon" label="Projection horizon" choices=horizons selected=horizon/>
            </FoldGroup>
            {caching}
            <fieldset>
                <legend>"Comparison"</legend>
                {options_fields}
                <SelectField key="cur" label="Currency" choices=currencies selected=cur/>
            </fieldset>
            <RequirementFields in_use/>
            <MigrationFields pricebook=options_for_target today in_use/>
            <button type="submit">"Update"</button>
        </form>
    }
}
