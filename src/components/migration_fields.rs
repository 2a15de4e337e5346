//! The migration inputs: target, costs, free credit, rollout and fallback.

use crate::components::fields::{SelectField, TextField};
use crate::components::fold_group::FoldGroup;
use crate::components::memo::memo;
use leptos::prelude::*;
use llm_roi_core::cost::mix_estimate::route_ref;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::{Pricebook, ProviderKind};
use llm_roi_core::scenario::Scenario;
use llm_roi_core::view::form_groups::{target_label, FormGroup};
use llm_roi_core::view::model_choices::{model_choices, ModelChoices};

/// The options a migration can target: every current pricebook entry (every
/// relay route, for a workload mix), or automatic. Older models are not
/// offered as a target (nobody moves to a deprecated or retired model, and
/// the list would double the page's form), except the link's own `target`.
fn target_choices(book: &Pricebook, today: CalendarDate, mix: bool, in_link: &str) -> ModelChoices {
    let auto = (
        String::new(),
        "Cheapest compared option (automatic)".to_string(),
    );
    if mix {
        let routes = book
            .providers
            .iter()
            .filter(|p| p.kind == ProviderKind::Relay)
            .map(|p| (route_ref(&p.id).to_string(), format!("{} (route)", p.name)));
        return ModelChoices {
            current: std::iter::once(auto).chain(routes).collect(),
            older: Vec::new(),
        };
    }
    let mut choices = model_choices(book, today);
    choices.current.insert(0, auto);
    choices.older.retain(|(id, _)| id == in_link);
    choices
}

#[component]
pub fn MigrationFields(
    pricebook: Pricebook,
    /// The day model retirements are read against.
    today: CalendarDate,
    in_use: Signal<(Scenario, String)>,
) -> impl IntoView {
    let target = memo(move || {
        in_use.with(|(s, _)| {
            s.migration
                .target
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })
    });
    let cur = memo(move || in_use.with(|(s, _)| s.currency.code()));
    let choices = target_choices(
        &pricebook,
        today,
        in_use.with_untracked(|(s, _)| s.mix.is_some()),
        &target.get_untracked(),
    );
    let summary = memo(move || {
        in_use
            .with(|(s, _)| FormGroup::Migration.summary(s, target_label(&pricebook, s).as_deref()))
    });
    view! {
        <FoldGroup group=FormGroup::Migration summary>
            <SelectField key="target" label="Move traffic to" choices=choices.current older=choices.older selected=target/>
            <p class="help currency-help">"Money below is in " <strong>{cur}</strong> ", except free credit, which is in the target's own currency."</p>
            <TextField key="hours" label="Engineering hours" help="One-off; the playbook says a day (8 h)."/>
            <TextField key="rate" label="Cost of an hour" help="Loaded cost of an engineering hour."/>
            <TextField key="fixed" label="Other one-off costs" help="Reviews, contracts, set-up fees."/>
            <TextField key="monthly" label="Recurring costs per month" help="Monitoring, a plan fee; charged at the start of each 30-day month."/>
            <TextField key="credit" label="Free sign-up credit" help="In the target's currency; pays its bills until used up."/>
            <TextField key="phases" label="Rollout phases" help="share%:days, comma-separated, e.g. 10:7,25:7,50:7,100:7; or none to move at once." inputmode="text"/>
            <TextField key="fb" label="Fallback rate, % of target requests" help="Requests that fail on the target and are retried on the baseline, so paid twice."/>
        </FoldGroup>
    }
}
