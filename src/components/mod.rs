//! Components: thin views that read signals and render.

pub mod charts;
pub mod copy_field;
pub mod drift_notice;
pub mod error_summary;
pub mod fields;
pub mod fit_cell;
pub mod fits_table;
pub mod fold_group;
pub mod honesty_panel;
pub mod live_summary;
pub mod memo;
pub mod migration_fields;
pub mod prices_used_table;
pub mod probe_history;
pub mod probe_panel;
pub mod probe_strip;
pub mod projection_table;
pub mod reconcile_table;
pub mod requirement_fields;
pub mod results_table;
pub mod roi_panel;
pub mod scenario_form;
pub mod share_link;
pub mod sources;
pub mod table_scroll;
pub mod workload_table;
