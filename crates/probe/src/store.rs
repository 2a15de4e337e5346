//! The probe history's database: every run, scheduled or manual, in one
//! table, on SQLite (a file in `--data-dir`, the default) or on PostgreSQL
//! (`--database-url postgres://…`, shared by several servers).
//!
//! One code path serves both through sqlx's `any` driver: the SQL is the
//! subset both speak (`$n` parameters, `BIGINT` and `TEXT` columns), times
//! are ms since the Unix epoch, and the migrations are embedded in the
//! binary and applied on open (under an advisory lock on PostgreSQL, so
//! servers starting together apply them once).
//!
//! Usage:
//!
//! ```ignore
//! # async fn demo() -> Result<(), llm_roi_probe::store::StoreError> {
//! use llm_roi_probe::store::ProbeStore;
//! let store = ProbeStore::open_sqlite(std::path::Path::new("data")).await?;
//! let runs = store.finished_since(0).await?;
//! # Ok(()) }
//! ```

use llm_roi_core::probe::history::StoredRun;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Row};
use std::borrow::Cow;
use std::path::Path;

mod rows;
mod schema;
mod spend;
use rows::{kind_code, origin_code};
use schema::{COLUMNS, MIGRATIONS};
pub use spend::Spend;

/// The SQLite file's name in `--data-dir`.
pub const SQLITE_FILE: &str = "probe-history.sqlite";

/// How long a query waits for a connection: a page that reads the history
/// waits at most this long while the database is down.
pub const ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(500);

/// Why the history could not be opened, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("--database-url must start with postgres:// or postgresql:// (leave it out to keep the history in SQLite under --data-dir); got `{0}`")]
    BadUrl(String),
    #[error("--data-dir {dir}: cannot create it: {source}")]
    DataDir { dir: String, source: std::io::Error },
    #[error("probe history ({location}): {source}")]
    Db {
        location: String,
        source: sqlx::Error,
    },
    #[error("probe history ({location}): migrations: {source}")]
    Migrate {
        location: String,
        source: sqlx::migrate::MigrateError,
    },
    #[error("probe history: stored run `{id}`: {message}")]
    Corrupt { id: String, message: String },
}

/// The history's state: see [`ProbeStore::stamp`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub runs: i64,
    pub first_ms: i64,
    pub last_ms: i64,
}

/// The database behind the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The open history.
pub struct ProbeStore {
    pool: AnyPool,
    backend: Backend,
    /// The file or the server, without a password, for messages.
    location: String,
    /// The stamp read last, and when: read again at most once a second
    /// (this process's own inserts and prunes forget it at once).
    stamp_read: std::sync::Mutex<Option<(std::time::Instant, Stamp)>>,
    /// This process's spends, one at a time (SQLite has one writer; on
    /// PostgreSQL an advisory lock orders them across servers).
    spend_lock: tokio::sync::Mutex<()>,
}

/// How long a stamp read is reused.
pub const STAMP_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

fn migrator() -> Migrator {
    let migrations = MIGRATIONS
        .iter()
        .map(|&(version, description, sql)| {
            Migration::new(
                version,
                Cow::Borrowed(description),
                MigrationType::Simple,
                Cow::Borrowed(sql),
                false,
            )
        })
        .collect::<Vec<_>>();
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

/// `postgres://user:secret@host:5432/db?password=x` → `postgres://host:5432/db`:
/// the host, the port and the database only, for the log and messages.
fn without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!(
            "{}://{}{}{}",
            u.scheme(),
            u.host_str().unwrap_or(""),
            u.port().map_or(String::new(), |p| format!(":{p}")),
            u.path()
        ),
        Err(_) => "the --database-url".into(),
    }
}

impl ProbeStore {
    /// The SQLite history in `dir` (created if missing).
    pub async fn open_sqlite(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
            dir: dir.display().to_string(),
            source,
        })?;
        let file = dir.join(SQLITE_FILE);
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let store = Self::connect(&url, Backend::Sqlite, file.display().to_string()).await?;
        // One writer and many readers without blocking each other.
        store.execute("PRAGMA journal_mode = WAL").await?;
        Ok(store)
    }

    /// A `--database-url` that can name a PostgreSQL history (checked at
    /// start: a wrong one is a setting to fix, not an outage to wait out).
    pub fn check_url(url: &str) -> Result<(), StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(())
        } else {
            Err(StoreError::BadUrl(without_password(url)))
        }
    }

    /// The PostgreSQL history at `url`.
    pub async fn open_postgres(url: &str) -> Result<Self, StoreError> {
        Self::check_url(url)?;
        Self::connect(url, Backend::Postgres, without_password(url)).await
    }

    async fn connect(url: &str, backend: Backend, location: String) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let db = |source| StoreError::Db {
            location: location.clone(),
            source,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(4)
            // Short: a page waits at most this for a store that is down.
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect(url)
            .await
            .map_err(db)?;
        migrator()
            .run(&pool)
            .await
            .map_err(|source| StoreError::Migrate {
                location: location.clone(),
                source,
            })?;
        Ok(Self {
            pool,
            backend,
            location,
            stamp_read: std::sync::Mutex::new(None),
            spend_lock: tokio::sync::Mutex::new(()),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The file or server, for messages and the status.
    pub fn location(&self) -> &str {
        &self.location
    }

    fn db(&self, source: sqlx::Error) -> StoreError {
        StoreError::Db {
            location: self.location.clone(),
            source,
        }
    }

    async fn execute(&self, sql: &str) -> Result<(), StoreError> {
        sqlx::query(sql)
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(|e| self.db(e))
    }

    /// Stores `run`; a run already stored under its id is left as it is.
    pub async fn insert(&self, run: &StoredRun) -> Result<(), StoreError> {
        let json = |v: serde_json::Result<String>| {
            v.map_err(|e| StoreError::Corrupt {
                id: run.id.clone(),
                message: e.to_string(),
            })
        };
        let errors = json(serde_json::to_string(&run.errors))?;
        let overhead = json(serde_json::to_string(&run.overhead_us))?;
        let sql = format!(
            "INSERT INTO probe_runs ({COLUMNS}) VALUES \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
             ON CONFLICT (id) DO NOTHING"
        );
        sqlx::query(&sql)
            .bind(run.id.clone())
            .bind(run.relay.clone())
            .bind(run.upstream.clone())
            .bind(origin_code(run.origin))
            .bind(kind_code(run.kind))
            .bind(run.started_at_ms)
            .bind(run.finished_at_ms)
            .bind(run.outcome.code())
            .bind(run.connection.code())
            .bind(i64::from(run.authenticated))
            .bind(run.measured_from.clone())
            .bind(run.claimed_overhead_ms.map(i64::from))
            .bind(i64::from(run.relay_requests))
            .bind(i64::from(run.relay_good))
            .bind(errors)
            .bind(overhead)
            .bind(run.detail.clone())
            .execute(&self.pool)
            .await
            .map(|_| self.forget_stamp())
            .map_err(|e| self.db(e))
    }

    /// The runs that finished at or after `since_ms`, oldest first.
    pub async fn finished_since(&self, since_ms: i64) -> Result<Vec<StoredRun>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM probe_runs WHERE finished_at_ms >= $1 ORDER BY finished_at_ms, id"
        );
        let rows = sqlx::query(&sql)
            .bind(since_ms)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.db(e))?;
        // A row that does not decode is skipped and logged; the rest are read.
        Ok(rows
            .iter()
            .filter_map(|r| match self.decode(r) {
                Ok(run) => Some(run),
                Err(e) => {
                    tracing::warn!(error = %e, "probe history: a stored run skipped");
                    None
                }
            })
            .collect())
    }

    /// Claims tick `tick` of `schedule` for this server: true for the one
    /// server (of all sharing the database) whose claim is first.
    pub async fn claim_tick(&self, schedule: &str, tick: i64) -> Result<bool, StoreError> {
        sqlx::query(
            "INSERT INTO probe_claims (schedule, tick, claimed_at_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (schedule, tick) DO NOTHING",
        )
        .bind(schedule.to_string())
        .bind(tick)
        .bind(now_ms())
        .execute(&self.pool)
        .await
        .map(|r| r.rows_affected() == 1)
        .map_err(|e| self.db(e))
    }

    /// Deletes the runs that finished before `before_ms`; returns how many.
    pub async fn prune(&self, before_ms: i64) -> Result<u64, StoreError> {
        sqlx::query("DELETE FROM probe_claims WHERE claimed_at_ms < $1")
            .bind(before_ms)
            .execute(&self.pool)
            .await
            .map_err(|e| self.db(e))?;
        sqlx::query("DELETE FROM probe_runs WHERE finished_at_ms < $1")
            .bind(before_ms)
            .execute(&self.pool)
            .await
            .map(|r| {
                self.forget_stamp();
                r.rows_affected()
            })
            .map_err(|e| self.db(e))
    }

    /// How many runs are stored, and when the first and the last finished:
    /// it changes whenever a run is added or pruned, so what is read from
    /// the history can be kept under it.
    pub async fn stamp(&self) -> Result<Stamp, StoreError> {
        if let Some((at, stamp)) = *self.stamp_read.lock().unwrap_or_else(|e| e.into_inner()) {
            if at.elapsed() < STAMP_EVERY {
                return Ok(stamp);
            }
        }
        let stamp = self.read_stamp().await?;
        *self.stamp_read.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((std::time::Instant::now(), stamp));
        Ok(stamp)
    }

    /// Forgets the stamp read last (after this process changed the table).
    fn forget_stamp(&self) {
        *self.stamp_read.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    async fn read_stamp(&self) -> Result<Stamp, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, COALESCE(MIN(finished_at_ms), 0) AS first, \
             COALESCE(MAX(finished_at_ms), 0) AS last FROM probe_runs",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(|e| self.db(e))?;
        let get = |c: &str| row.try_get::<i64, _>(c).map_err(|e| self.db(e));
        Ok(Stamp {
            runs: get("n")?,
            first_ms: get("first")?,
            last_ms: get("last")?,
        })
    }

    /// The history's size on disk in bytes: the table and its indexes on
    /// PostgreSQL, the whole database (write-ahead log included) on SQLite.
    pub async fn size_bytes(&self) -> Result<i64, StoreError> {
        let sql = match self.backend {
            Backend::Postgres => "SELECT pg_total_relation_size('probe_runs') AS n",
            Backend::Sqlite => {
                "SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()"
            }
        };
        let row = sqlx::query(sql)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| self.db(e))?;
        row.try_get("n").map_err(|e| self.db(e))
    }
}

/// Now, in ms since the Unix epoch (0 if the clock is before it).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
