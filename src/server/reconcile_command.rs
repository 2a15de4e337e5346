//! `llm-roi reconcile --usage FILE [--pricing DIR] [--model-map FILE]
//! [--format table|json|csv]`: a usage log that carries what each row was
//! billed, held against llm-roi's exact price of the same usage, per model
//! and per day, with the likely causes of each difference
//! (`docs/reconcile.md`).

use crate::server::export::write_csv;
use crate::server::usage_estimate::OutputFormat;
use llm_roi_core::cost::reconcile::{Line, Reconciliation};
use llm_roi_core::scenario::model_map::ModelMap;
use llm_roi_core::view::unpriced::unpriced_text;
use llm_roi_prices::pricing_dir::load_dir;
use llm_roi_usage::cost_export::read_costs;
use llm_roi_usage::{read_reconcile, BilledFrom, Import, Limits};
use std::path::PathBuf;
use std::process::ExitCode;

/// What the command was asked.
#[derive(Debug, Clone)]
pub struct ReconcileArgs {
    pub pricing_dir: PathBuf,
    pub usage: PathBuf,
    pub format: OutputFormat,
    pub model_map: Option<PathBuf>,
    /// A cost export (OpenAI's Costs API, Anthropic's cost report) as the
    /// billed side.
    pub costs: Option<PathBuf>,
}

/// The CSV columns (and the JSON field names of a line).
pub const COLUMNS: [&str; 8] = [
    "model",
    "day",
    "requests",
    "computed_usd",
    "billed_usd",
    "difference_usd",
    "difference_pct",
    "causes",
];

/// A line's causes in words: "service tier (+0.5): billed at the flex …".
pub fn causes_text(l: &Line) -> String {
    let parts: Vec<String> = l
        .causes
        .iter()
        .map(|c| format!("{} ({:+}): {}", c.cause, c.size_usd, c.detail))
        .collect();
    parts.join("; ")
}

/// A line as the CSV's cells.
pub fn cells(l: &Line) -> Vec<String> {
    vec![
        l.model.clone(),
        l.day.map(|d| d.to_string()).unwrap_or_default(),
        l.requests.to_string(),
        l.computed_usd.to_string(),
        l.billed_usd.to_string(),
        l.difference_usd.to_string(),
        l.difference_pct.map(|p| p.to_string()).unwrap_or_default(),
        causes_text(l),
    ]
}

fn table(path: &str, import: &Import, r: &Reconciliation) -> String {
    let mut out = format!(
        "{path}: {}, {} rows reconciled, {} bad\n",
        import.format,
        import.rows,
        import.bad.len() as u64 + import.more_bad
    );
    for b in &import.bad {
        out.push_str(&format!("  {b}\n"));
    }
    if let Some(text) = unpriced_text(&import.models) {
        out.push_str(&format!("  {text}: left out of every figure below\n"));
    }
    for u in &r.unattributed {
        out.push_str(&format!(
            "billed to no model of the pricebook: {} ${}\n",
            u.name, u.billed_usd
        ));
    }
    for l in r.lines.iter().chain(std::iter::once(&r.total)) {
        let day = l.day.map(|d| format!(" {d}")).unwrap_or_default();
        let pct = l
            .difference_pct
            .map(|p| format!(" ({p:+} %)"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}{day}: {} requests, computed ${}, billed ${}, difference ${}{pct}\n",
            l.model, l.requests, l.computed_usd, l.billed_usd, l.difference_usd
        ));
        for c in &l.causes {
            out.push_str(&format!("  {} ({:+}): {}\n", c.cause, c.size_usd, c.detail));
        }
    }
    if let Some(c) = r.calibration() {
        out.push_str(&format!(
            "A scenario {} carries cal={} (docs/reconcile.md).\n",
            c.words(),
            c.text()
        ));
    }
    out
}

fn run(a: &ReconcileArgs) -> Result<String, String> {
    let book = load_dir(&a.pricing_dir).map_err(|e| format!("{}: {e}", a.pricing_dir.display()))?;
    let map = match &a.model_map {
        Some(m) => {
            let text = std::fs::read_to_string(m).map_err(|e| format!("{}: {e}", m.display()))?;
            ModelMap::parse_toml(&text).map_err(|e| format!("{}: {e}", m.display()))?
        }
        None => ModelMap::default(),
    };
    let path = a.usage.display().to_string();
    let f = std::fs::File::open(&a.usage).map_err(|e| format!("{path}: {e}"))?;
    let from = match &a.costs {
        Some(c) => {
            let file = std::fs::File::open(c).map_err(|e| format!("{}: {e}", c.display()))?;
            BilledFrom::Costs(read_costs(file).map_err(|e| format!("{}: {e}", c.display()))?)
        }
        None => BilledFrom::Rows,
    };
    let (import, r) = read_reconcile(&book, f, Limits::default(), map, from)
        .map_err(|e| format!("{path}: {e}"))?;
    match a.format {
        OutputFormat::Table => Ok(table(&path, &import, &r)),
        OutputFormat::Json => serde_json::to_string_pretty(&serde_json::json!({
            "format": import.format,
            "rows": import.rows,
            "bad_rows": import.bad.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "not_priced": unpriced_text(&import.models),
            "lines": r.lines,
            "unattributed": r.unattributed,
            "total": r.total,
            "cal": r.calibration().map(|c| c.text()),
        }))
        .map_err(|e| e.to_string()),
        OutputFormat::Csv => {
            let head: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
            let body: Vec<Vec<String>> = r
                .lines
                .iter()
                .chain(std::iter::once(&r.total))
                .map(cells)
                .collect();
            let bytes = write_csv(&head, &body).map_err(|e| format!("writing the CSV: {e}"))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
}

/// Runs the command: 0 when it printed, 2 when it could not run.
pub fn reconcile_usage(a: &ReconcileArgs) -> ExitCode {
    let printed = run(a).and_then(|text| {
        use std::io::Write as _;
        match std::io::stdout().lock().write_all(text.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(format!("writing to stdout: {e}"))
            }
            _ => Ok(()),
        }
    });
    match printed {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("llm-roi reconcile: {message}");
            ExitCode::from(2)
        }
    }
}
