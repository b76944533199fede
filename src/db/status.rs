//! `newsdb status`: what the database holds, its last runs, and the files it turned away.

use rusqlite::params;
use serde::Serialize;

use super::{Database, Result};

#[derive(Debug, Serialize)]
pub struct RunRow {
    pub id: i64,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub status: String,
    pub roots: String,
    pub summary: Option<serde_json::Value>,
}

#[derive(Debug, Serialize)]
pub struct RejectedRow {
    pub path: String,
    pub status: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct StatusReport {
    /// (status, count) over `files`.
    pub files: Vec<(String, i64)>,
    pub documents: i64,
    pub near_duplicates: i64,
    pub entities: i64,
    pub mentions: i64,
    pub quotes: i64,
    pub numbers: i64,
    pub last_runs: Vec<RunRow>,
    /// Rejected and skipped files, most recent first (at most `limit`).
    pub rejected: Vec<RejectedRow>,
    pub rejected_total: i64,
}

impl Database {
    pub fn status(&self, limit: usize) -> Result<StatusReport> {
        let c = &self.conn;
        let count = |sql: &str| -> Result<i64> { Ok(c.query_row(sql, [], |r| r.get(0))?) };
        let mut stmt =
            c.prepare("SELECT status, count(*) FROM files GROUP BY status ORDER BY status")?;
        let files = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, i64)>>>()?;
        let mut stmt = c.prepare(
            "SELECT id, started_at, finished_at, status, roots, summary FROM runs ORDER BY id DESC LIMIT 5",
        )?;
        let last_runs = stmt
            .query_map([], |r| {
                let summary: Option<String> = r.get(5)?;
                Ok(RunRow {
                    id: r.get(0)?,
                    started_at: r.get(1)?,
                    finished_at: r.get(2)?,
                    status: r.get(3)?,
                    roots: r.get(4)?,
                    summary: summary.and_then(|s| serde_json::from_str(&s).ok()),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = c.prepare(
            "SELECT path, status, coalesce(reason, '') FROM files WHERE status IN ('rejected', 'skipped') \
             ORDER BY changed_run DESC, path LIMIT ?1",
        )?;
        let rejected = stmt
            .query_map(params![limit as i64], |r| {
                Ok(RejectedRow {
                    path: r.get(0)?,
                    status: r.get(1)?,
                    reason: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(StatusReport {
            files,
            documents: count("SELECT count(*) FROM documents")?,
            near_duplicates: count(
                "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL",
            )?,
            entities: count("SELECT count(*) FROM entities")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            numbers: count("SELECT count(*) FROM numbers")?,
            last_runs,
            rejected,
            rejected_total: count(
                "SELECT count(*) FROM files WHERE status IN ('rejected', 'skipped')",
            )?,
        })
    }
}
