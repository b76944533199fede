//! The only module that touches SQLite.
//!
//! [`Database::open`] opens (or creates) the file, sets WAL and foreign keys outside any
//! transaction, and brings the schema up to date with the refinery migrations embedded from
//! `migrations/`. The rest of the program asks this module questions (which files are known,
//! which documents are stale) and hands it finished work through [`writer::Writer`], which
//! writes in batched transactions so that a crash loses at most one uncommitted batch and never
//! leaves half a document. Nothing here parses or extracts.

pub mod checkpoint;
pub mod entities;
pub mod lines;
pub mod near_dup;
pub mod quotes;
pub mod search;
pub mod status;
pub mod writer;

use std::collections::HashMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::document::Format;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// Failures of the store. Any of these is fatal for a run: a broken database is not one bad file.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("cannot bring the database schema up to date: {0}")]
    Migrate(#[from] refinery::Error),
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, DbError>;

/// What the database remembers of a path from earlier runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownFile {
    pub size: u64,
    pub mtime_ns: i64,
    pub status: String,
    pub document_id: Option<i64>,
    /// Whether the current walk has found the path again: false as read from the database,
    /// set by the caller, so that what is still false after a walk is gone from disk.
    pub found: bool,
}

/// A stored document whose derived data is older than the current extractor.
#[derive(Debug, Clone)]
pub struct StoredSource {
    pub id: i64,
    pub raw_text: String,
    pub format: Format,
}

pub struct Database {
    conn: Connection,
}

pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // WAL lets `sqlite3 news.db` read while an ingest writes; NORMAL sync is durable at every
    // checkpoint and never corrupts, which is the trade-off SQLite recommends for WAL.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // The writer runs a few dozen distinct statements per document; rusqlite's default cache
    // of 16 evicted them in turn, so every document re-prepared most of them.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

impl Database {
    /// Opens or creates the database and applies any pending migrations.
    pub fn open(path: &Path) -> Result<Database> {
        let mut conn = Connection::open(path).map_err(|source| DbError::Open {
            path: path.display().to_string(),
            source,
        })?;
        configure(&conn).map_err(|source| DbError::Open {
            path: path.display().to_string(),
            source,
        })?;
        embedded::migrations::runner().run(&mut conn)?;
        Ok(Database { conn })
    }

    /// Opens an existing database for reading only (status, search, stale-document feed).
    pub fn open_read_only(path: &Path) -> Result<Database> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(
            |source| DbError::Open {
                path: path.display().to_string(),
                source,
            },
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(Database { conn })
    }

    /// An in-memory database with the full schema, for tests.
    pub fn open_in_memory() -> Result<Database> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        embedded::migrations::runner().run(&mut conn)?;
        Ok(Database { conn })
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs still marked `running` were killed (this process holds the ingest lock, so no other
    /// ingest is alive): mark them interrupted. Returns how many there were.
    pub fn close_dead_runs(&self) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE runs SET status = 'interrupted' WHERE status = 'running'",
            [],
        )?)
    }

    pub fn begin_run(&self, roots: &[String], extractor_version: i64) -> Result<i64> {
        let roots = serde_json::to_string(roots).expect("strings serialize");
        self.conn.execute(
            "INSERT INTO runs (started_at, roots, extractor_version) VALUES (?1, ?2, ?3)",
            params![now_unix(), roots, extractor_version],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_run(&self, run: i64, status: &str, summary_json: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET finished_at = ?2, status = ?3, summary = ?4 WHERE id = ?1",
            params![run, now_unix(), status, summary_json],
        )?;
        Ok(())
    }

    /// Every path the database knows under the given roots, keyed by (root, path).
    pub fn known_files(&self, roots: &[String]) -> Result<HashMap<(String, String), KnownFile>> {
        let mut stmt = self.conn.prepare(
            "SELECT path, size, mtime_ns, status, document_id FROM files WHERE root = ?1",
        )?;
        let mut out = HashMap::new();
        for root in roots {
            let rows = stmt.query_map([root], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    KnownFile {
                        size: r.get::<_, i64>(1)? as u64,
                        mtime_ns: r.get(2)?,
                        status: r.get(3)?,
                        document_id: r.get(4)?,
                        found: false,
                    },
                ))
            })?;
            for row in rows {
                let (path, known) = row?;
                out.insert((root.clone(), path), known);
            }
        }
        Ok(out)
    }

    /// SHA-256 of every stored document, to recognise byte-identical files without parsing them.
    pub fn document_hashes(&self) -> Result<HashMap<[u8; 32], i64>> {
        let mut stmt = self.conn.prepare("SELECT sha256, id FROM documents")?;
        let mut out = HashMap::new();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (hex_hash, id) = row?;
            let mut key = [0u8; 32];
            if hex::decode_to_slice(&hex_hash, &mut key).is_ok() {
                out.insert(key, id);
            }
        }
        Ok(out)
    }

    /// Ids of documents derived by an older extractor, oldest first.
    pub fn stale_documents(&self, extractor_version: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM documents WHERE extractor_version <> ?1 ORDER BY id")?;
        let rows = stmt.query_map([extractor_version], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// The stored original text of a document.
    pub fn stored_source(&self, id: i64) -> Result<Option<StoredSource>> {
        Ok(self
            .conn
            .query_row(
                "SELECT raw_text, format FROM documents WHERE id = ?1",
                [id],
                |r| {
                    Ok(StoredSource {
                        id,
                        raw_text: r.get(0)?,
                        format: Format::from_db(&r.get::<_, String>(1)?),
                    })
                },
            )
            .optional()?)
    }

    /// Marks the given paths as gone from disk. Their documents stay until `prune`.
    pub fn mark_removed(&mut self, run: i64, gone: &[(String, String)]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut n = 0;
        {
            let mut stmt = tx.prepare(
                "UPDATE files SET status = 'removed', changed_run = ?3 \
                 WHERE root = ?1 AND path = ?2 AND status <> 'removed'",
            )?;
            for (root, path) in gone {
                n += stmt.execute(params![root, path, run])?;
            }
        }
        tx.commit()?;
        Ok(n)
    }

    /// Deletes removed files and every document no live file refers to, then entities nothing
    /// mentions any more. Returns (files, documents) deleted.
    pub fn prune(&mut self) -> Result<(usize, usize)> {
        let tx = self.conn.transaction()?;
        let files = tx.execute("DELETE FROM files WHERE status = 'removed'", [])?;
        let documents = tx.execute(
            "DELETE FROM documents WHERE id NOT IN \
             (SELECT document_id FROM files WHERE document_id IS NOT NULL)",
            [],
        )?;
        delete_unused_entities(&tx)?;
        tx.commit()?;
        Ok((files, documents))
    }
}

/// Entities that no mention and no quote refers to any more.
pub(crate) fn delete_unused_entities(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions) \
         AND id NOT IN (SELECT speaker_entity_id FROM quotes WHERE speaker_entity_id IS NOT NULL)",
        [],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_has_the_public_views() -> Result<()> {
        let db = Database::open_in_memory()?;
        for view in [
            "v_files",
            "v_documents",
            "v_quotes",
            "v_entities",
            "v_mentions",
            "v_numbers",
        ] {
            let n: i64 = db.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = ?1",
                [view],
                |r| r.get(0),
            )?;
            assert_eq!(n, 1, "{view}");
        }
        Ok(())
    }

    #[test]
    fn quote_lookups_by_speaker_and_cluster_use_the_partial_indexes() -> Result<()> {
        let db = Database::open_in_memory()?;
        for (sql, index) in [
            (
                "SELECT id FROM quotes WHERE speaker_entity_id = 7",
                "quotes_speaker",
            ),
            (
                "SELECT id FROM quotes WHERE cluster_id = 7",
                "quotes_cluster",
            ),
            (
                "SELECT count(*) FROM quotes q JOIN entities e ON q.speaker_entity_id = e.id WHERE e.id = 7",
                "quotes_speaker",
            ),
        ] {
            let plan: Vec<String> = db
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?
                .query_map([], |r| r.get(3))?
                .collect::<rusqlite::Result<_>>()?;
            assert!(
                plan.iter().any(|step| step.contains(index)),
                "{sql}: {plan:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn migrations_are_idempotent_on_reopen() -> Result<()> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.db");
        Database::open(&path)?.begin_run(&["/x".into()], 1)?;
        let db = Database::open(&path)?;
        assert_eq!(db.close_dead_runs()?, 1);
        Ok(())
    }
}
