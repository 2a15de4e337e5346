//! Components: thin views that read signals and render.

pub mod error_summary;
pub mod probe_events;
pub mod probe_panel;
pub mod probe_strip;
pub mod results_table;
pub mod scenario_form;
pub mod sources;
