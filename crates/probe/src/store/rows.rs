//! A stored run's row read back, and the codes of its origin and kind.

use super::{ProbeStore, StoreError};
use llm_roi_core::probe::history::{Origin, Outcome, RunKind, StoredRun};
use llm_roi_core::probe::sample::Connection;
use sqlx::any::AnyRow;
use sqlx::Row;

impl ProbeStore {
    pub(super) fn decode(&self, row: &AnyRow) -> Result<StoredRun, StoreError> {
        let text = |c: &str| row.try_get::<String, _>(c).map_err(|e| self.db(e));
        let int = |c: &str| row.try_get::<i64, _>(c).map_err(|e| self.db(e));
        let id = text("id")?;
        let corrupt = |message: String| StoreError::Corrupt {
            id: id.clone(),
            message,
        };
        let small = |c: &str| {
            int(c).and_then(|v| {
                u32::try_from(v).map_err(|_| corrupt(format!("{c} = {v} is out of range")))
            })
        };
        let origin = text("origin")?;
        let kind = text("kind")?;
        let outcome = text("outcome")?;
        let connection = text("connection")?;
        let claimed: Option<i64> = row.try_get("claimed_overhead_ms").map_err(|e| self.db(e))?;
        Ok(StoredRun {
            relay: text("relay")?,
            upstream: text("upstream")?,
            origin: parse_origin(&origin).ok_or_else(|| corrupt(format!("origin `{origin}`")))?,
            kind: parse_kind(&kind).ok_or_else(|| corrupt(format!("kind `{kind}`")))?,
            started_at_ms: int("started_at_ms")?,
            finished_at_ms: int("finished_at_ms")?,
            outcome: Outcome::parse(&outcome)
                .ok_or_else(|| corrupt(format!("outcome `{outcome}`")))?,
            connection: Connection::parse(&connection)
                .ok_or_else(|| corrupt(format!("connection `{connection}`")))?,
            authenticated: int("authenticated")? != 0,
            measured_from: text("measured_from")?,
            claimed_overhead_ms: claimed.and_then(|c| u32::try_from(c).ok()),
            relay_requests: small("relay_requests")?,
            relay_good: small("relay_good")?,
            errors: serde_json::from_str(&text("errors")?)
                .map_err(|e| corrupt(format!("errors: {e}")))?,
            overhead_us: serde_json::from_str(&text("overhead_us")?)
                .map_err(|e| corrupt(format!("overhead_us: {e}")))?,
            detail: row.try_get("detail").map_err(|e| self.db(e))?,
            id: id.clone(),
        })
    }
}

pub(super) fn origin_code(o: Origin) -> &'static str {
    match o {
        Origin::Scheduled => "scheduled",
        Origin::Manual => "manual",
    }
}

fn parse_origin(s: &str) -> Option<Origin> {
    [Origin::Scheduled, Origin::Manual]
        .into_iter()
        .find(|o| origin_code(*o) == s)
}

pub(super) fn kind_code(k: RunKind) -> &'static str {
    match k {
        RunKind::Latency => "latency",
        RunKind::Honesty => "honesty",
        RunKind::Audit => "audit",
    }
}

fn parse_kind(s: &str) -> Option<RunKind> {
    [RunKind::Latency, RunKind::Honesty, RunKind::Audit]
        .into_iter()
        .find(|k| kind_code(*k) == s)
}
