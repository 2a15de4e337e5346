//! The migration's payback, net savings, ROI and rollout phases.

use crate::components::table_scroll::TableScroll;
use leptos::either::Either;
use leptos::prelude::*;
use llm_roi_core::view::forecast_rows::RoiView;

#[component]
pub fn RoiPanel(view: Signal<Option<RoiView>>) -> impl IntoView {
    move || match view.get() {
        None => Either::Left(view! {
            <p class="no-target" data-testid="no-target">
                "No migration target: no compared option is cheaper than the baseline and meets every requirement. Add one under "
                <em>"Compare with"</em> " or choose one under " <em>"Move traffic to"</em> "."
            </p>
        }),
        Some(r) => Either::Right(view! {
            <p class=format!("verdict verdict-{}", r.verdict) data-testid="payback" data-payback-day=r.payback_day.map(|d| d.to_string())>
                "Moving to " <strong>{r.target_label.clone()}</strong> " " {r.payback.clone()} "."
            </p>
            <dl class="roi" data-testid="roi">
                <div><dt>"One-off cost"</dt><dd>{r.one_off.clone()} <small>" (" {r.one_off_parts.clone()} ")"</small></dd></div>
                <div><dt>"Recurring cost"</dt><dd>{r.monthly.clone()} " a month"</dd></div>
                <div><dt>"Free credit"</dt><dd>{r.credit.clone()} <small>" (" {r.credit_used.clone()} " used within the horizon)"</small></dd></div>
                <div><dt>"Net savings, first 12 months"</dt><dd data-testid="net-year1">{r.first_year_net.clone()}</dd></div>
                <div><dt>"ROI, first 12 months"</dt><dd>{r.first_year_roi.clone()}</dd></div>
                <div><dt>{format!("Net savings, {} months", r.horizon_months)}</dt><dd data-testid="net-horizon">{r.horizon_net.clone()}</dd></div>
                <div><dt>{format!("ROI, {} months", r.horizon_months)}</dt><dd>{r.horizon_roi.clone()}</dd></div>
            </dl>
            <h3>"Staged rollout"</h3>
            <p class="currency-note">{format!("{} of target requests fail and are retried on the baseline, so paid twice.", r.fallback)}</p>
            <TableScroll label="Table of the rollout phases">
                <table class="rollout" data-testid="rollout">
                    <thead>
                        <tr>
                            <th scope="col">"Phase"</th>
                            <th scope="col">"On target"</th>
                            <th scope="col">"Days"</th>
                            <th scope="col">"Per request"</th>
                            <th scope="col">"Per day (first day)"</th>
                            <th scope="col">"Baseline per day"</th>
                            <th scope="col">"Phase cost"</th>
                            <th scope="col">"Of which retries"</th>
                            <th scope="col">"Phase savings"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {r.phases.iter().map(|p| view! {
                            <tr>
                                <th scope="row">{p.phase}</th>
                                <td>{p.share.clone()}</td>
                                <td>{p.days.clone()}</td>
                                <td>{p.blended_per_request.clone()}</td>
                                <td>{p.blended_daily.clone()}</td>
                                <td>{p.baseline_daily.clone()}</td>
                                <td>{p.cost.clone()}</td>
                                <td>{p.fallback_cost.clone()}</td>
                                <td>{p.savings.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
            <p class="after-rollout">"After the rollout: " {r.after_rollout.clone()} "."
                {(r.phases_beyond_horizon > 0).then(|| format!(" {} phase(s) start after the horizon and are left out.", r.phases_beyond_horizon))}
            </p>
        }),
    }
}
