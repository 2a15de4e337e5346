//! The history's tables, as migrations, and the columns a run is read by.

/// The schema, oldest first. A change is a new entry, never an edit: sqlx
/// refuses to open a database whose applied migration's checksum changed.
pub(super) const MIGRATIONS: [(i64, &str, &str); 3] = [
    (
        1,
        "probe runs",
        "CREATE TABLE probe_runs (
        id TEXT PRIMARY KEY,
        relay TEXT NOT NULL,
        upstream TEXT NOT NULL,
        origin TEXT NOT NULL,
        kind TEXT NOT NULL,
        started_at_ms BIGINT NOT NULL,
        finished_at_ms BIGINT NOT NULL,
        outcome TEXT NOT NULL,
        connection TEXT NOT NULL,
        authenticated BIGINT NOT NULL,
        measured_from TEXT NOT NULL,
        claimed_overhead_ms BIGINT,
        relay_requests BIGINT NOT NULL,
        relay_good BIGINT NOT NULL,
        errors TEXT NOT NULL,
        overhead_us TEXT NOT NULL,
        detail TEXT
    );
    CREATE INDEX probe_runs_finished ON probe_runs (finished_at_ms);",
    ),
    (
        2,
        "schedule tick claims",
        "CREATE TABLE probe_claims (
        schedule TEXT NOT NULL,
        tick BIGINT NOT NULL,
        claimed_at_ms BIGINT NOT NULL,
        PRIMARY KEY (schedule, tick)
    );",
    ),
    (
        3,
        "authenticated requests spent",
        "CREATE TABLE probe_spend (
        at_ms BIGINT NOT NULL,
        requests BIGINT NOT NULL
    );
    CREATE INDEX probe_spend_at ON probe_spend (at_ms);",
    ),
];

pub(super) const COLUMNS: &str =
    "id, relay, upstream, origin, kind, started_at_ms, finished_at_ms, outcome, \
     connection, authenticated, measured_from, claimed_overhead_ms, relay_requests, relay_good, \
     errors, overhead_us, detail";
