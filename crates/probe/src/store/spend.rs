//! The hourly budget of authenticated requests, kept in the history so that
//! every server on one PostgreSQL spends from one budget.
//!
//! A spend is a row (when, how many requests). Granting one reads the sum
//! over the window and inserts the row in one transaction; on PostgreSQL the
//! transaction first takes an advisory lock, so two servers never both read
//! the same sum and both pass the cap.

use super::{now_ms, Backend, ProbeStore, StoreError};
use sqlx::Row;

/// The advisory lock that orders spends across servers (any fixed number;
/// this one is "llm-roi spend" folded into 63 bits).
const SPEND_LOCK: i64 = 0x6c6c_6d2d_726f_6973;

/// What a spend did: granted or refused, and the requests spent in the
/// window afterwards (all servers together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spend {
    Granted { spent: i64 },
    Refused { spent: i64 },
}

impl ProbeStore {
    /// Spends `requests` if the requests spent in the last `window_ms`
    /// plus these stay within `cap`; forgets spends older than the window.
    pub async fn spend(
        &self,
        requests: i64,
        cap: i64,
        window_ms: i64,
    ) -> Result<Spend, StoreError> {
        let _one_at_a_time = self.spend_lock.lock().await;
        let now = now_ms();
        let since = now.saturating_sub(window_ms);
        let mut tx = self.pool.begin().await.map_err(|e| self.db(e))?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(SPEND_LOCK)
                .execute(&mut *tx)
                .await
                .map_err(|e| self.db(e))?;
        }
        sqlx::query("DELETE FROM probe_spend WHERE at_ms < $1")
            .bind(since)
            .execute(&mut *tx)
            .await
            .map_err(|e| self.db(e))?;
        let row =
            sqlx::query("SELECT CAST(COALESCE(SUM(requests), 0) AS BIGINT) AS n FROM probe_spend")
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| self.db(e))?;
        let spent: i64 = row.try_get("n").map_err(|e| self.db(e))?;
        let after = spent.saturating_add(requests);
        if after > cap {
            tx.rollback().await.map_err(|e| self.db(e))?;
            return Ok(Spend::Refused { spent });
        }
        sqlx::query("INSERT INTO probe_spend (at_ms, requests) VALUES ($1, $2)")
            .bind(now)
            .bind(requests)
            .execute(&mut *tx)
            .await
            .map_err(|e| self.db(e))?;
        tx.commit().await.map_err(|e| self.db(e))?;
        Ok(Spend::Granted { spent: after })
    }

    /// The requests spent since `since_ms`, by every server on this store.
    pub async fn spent_since(&self, since_ms: i64) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "SELECT CAST(COALESCE(SUM(requests), 0) AS BIGINT) AS n FROM probe_spend \
             WHERE at_ms >= $1",
        )
        .bind(since_ms)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| self.db(e))?;
        row.try_get("n").map_err(|e| self.db(e))
    }
}
