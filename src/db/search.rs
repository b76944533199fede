//! Full-text queries against `documents_fts` and `quotes_fts` (migration V5): matching rows
//! ranked by BM25, with a snippet around the matched words.
//!
//! The MATCH expression arrives already made safe by `crate::search::fts_query`; this module
//! only runs it. Changes and deletes reach the indexes through triggers; new rows are indexed
//! by the ingest writer's deferred indexing (`defer_indexing`, `index_new_rows`,
//! `index_deferred`), whose reasons are told in migrations V5, V7 and V11.

use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, params};

use super::{Database, Result};

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleHit {
    pub document_id: i64,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub duplicate_of: Option<i64>,
    /// Words around the match, from the column that matches best, matches in `[brackets]`.
    pub snippet: String,
}

/// One matching quote.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteHit {
    pub quote_id: i64,
    pub document_id: i64,
    pub speaker: Option<String>,
    pub snippet: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    pub articles: Vec<ArticleHit>,
    pub articles_total: i64,
    pub quotes: Vec<QuoteHit>,
    pub quotes_total: i64,
}

/// A title match counts this many times as much as a body match in the ranking.
const TITLE_WEIGHT: f64 = 5.0;

/// From now until `index_deferred`, changed documents and quotes are queued rather than
/// indexed one by one. Call inside a transaction, and call `index_deferred` before it
/// commits, so no reader ever sees the index behind the tables.
pub(crate) fn defer_indexing(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO fts_deferred (active, documents_from, quotes_from) \
         SELECT 1, coalesce((SELECT max(id) FROM documents), 0) + 1, \
                coalesce((SELECT max(id) FROM quotes), 0) + 1 \
         WHERE NOT EXISTS (SELECT 1 FROM fts_deferred)",
    )?
    .execute([])?;
    Ok(())
}

/// Indexes the rows added since `defer_indexing` (or since the last call) and moves the
/// starting ids past them, so that a long batch indexes as it goes instead of all at commit.
/// A row indexed here that changes later in the batch is queued like any older row (its id
/// is now below the starting id), so `index_deferred` still ends with the index matching the
/// tables. Does nothing unless indexing is deferred.
///
/// Why: at commit the writer spent half a second on the full-text index of a 4,096-item
/// batch while the workers, their queue full, waited for it; in slices, the workers keep
/// going between them.
///
/// Row by row, and the starting ids moved by rowid: a statement that may write several rows
/// (an `INSERT … SELECT`, an `UPDATE` without a key) opens a statement journal, and at its
/// savepoint FTS5 writes the pending terms of every full-text table of the transaction out as
/// new segments, which merges then rewrite. One-row statements let the terms gather up to
/// the indexes' 'hashsize' (migration V10) across slices.
pub(crate) fn index_new_rows(conn: &Connection) -> Result<()> {
    for (read, insert) in [
        (
            "SELECT id, title, body FROM documents \
             WHERE id >= (SELECT documents_from FROM fts_deferred) ORDER BY id",
            "INSERT INTO documents_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
        ),
        (
            "SELECT id, quote, speaker FROM quotes \
             WHERE id >= (SELECT quotes_from FROM fts_deferred) ORDER BY id",
            "INSERT INTO quotes_fts (rowid, quote, speaker) VALUES (?1, ?2, ?3)",
        ),
    ] {
        let mut read = conn.prepare_cached(read)?;
        let mut insert = conn.prepare_cached(insert)?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let value = |i| row.get_ref(i).map(ToSqlOutput::Borrowed);
            insert.execute(params![value(0)?, value(1)?, value(2)?])?;
        }
    }
    conn.prepare_cached(
        "UPDATE fts_deferred SET \
         documents_from = max(documents_from, coalesce((SELECT max(id) FROM documents), 0) + 1), \
         quotes_from = max(quotes_from, coalesce((SELECT max(id) FROM quotes), 0) + 1) \
         WHERE rowid = (SELECT min(rowid) FROM fts_deferred)",
    )?
    .execute([])?;
    Ok(())
}

/// Brings the indexes up to date with every row changed since `defer_indexing`, in one
/// statement per step: out with what the index held for rows that existed before and changed,
/// in with what those rows hold now, then every row added since (migration V7, through
/// [`index_new_rows`]), and back to indexing row by row.
pub(crate) fn index_deferred(conn: &Connection) -> Result<()> {
    for sql in [
        "INSERT INTO documents_fts (documents_fts, rowid, title, body) \
         SELECT 'delete', id, old_a, old_b FROM fts_queue \
         WHERE tbl = 'documents' AND indexed = 1 ORDER BY id",
        "INSERT INTO documents_fts (rowid, title, body) \
         SELECT d.id, d.title, d.body FROM fts_queue q JOIN documents d ON d.id = q.id \
         WHERE q.tbl = 'documents' ORDER BY q.id",
        "INSERT INTO quotes_fts (quotes_fts, rowid, quote, speaker) \
         SELECT 'delete', id, old_a, old_b FROM fts_queue \
         WHERE tbl = 'quotes' AND indexed = 1 ORDER BY id",
        "INSERT INTO quotes_fts (rowid, quote, speaker) \
         SELECT x.id, x.quote, x.speaker FROM fts_queue q JOIN quotes x ON x.id = q.id \
         WHERE q.tbl = 'quotes' ORDER BY q.id",
    ] {
        conn.prepare_cached(sql)?.execute([])?;
    }
    // The queued rows all have ids below the starting ids, so none is indexed twice.
    index_new_rows(conn)?;
    for sql in ["DELETE FROM fts_queue", "DELETE FROM fts_deferred"] {
        conn.prepare_cached(sql)?.execute([])?;
    }
    Ok(())
}

impl Database {
    /// Indexes the documents and quotes the full-text indexes lack: rows another program
    /// inserted (since migration V11 no insert trigger indexes them; newsdb's writer indexes
    /// its own). Returns how many of each. Cheap when nothing is missing: two counts a table.
    pub fn index_missing_rows(&self) -> Result<(usize, usize)> {
        let mut added = [0usize; 2];
        for (n, (table, columns)) in [("documents", "title, body"), ("quotes", "quote, speaker")]
            .into_iter()
            .enumerate()
        {
            let missing: bool = self.conn.query_row(
                &format!(
                    "SELECT (SELECT count(*) FROM {table}) != (SELECT count(*) FROM {table}_fts_docsize)"
                ),
                [],
                |r| r.get(0),
            )?;
            if missing {
                added[n] = self.conn.execute(
                    &format!(
                        "INSERT INTO {table}_fts (rowid, {columns}) SELECT id, {columns} FROM {table} t \
                         WHERE NOT EXISTS (SELECT 1 FROM {table}_fts_docsize d WHERE d.id = t.id) \
                         ORDER BY id"
                    ),
                    [],
                )?;
            }
        }
        Ok((added[0], added[1]))
    }

    /// Whether the database has the full-text indexes (made by a newsdb with migration V5).
    pub fn has_search_index(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) = 2 FROM sqlite_master WHERE name IN ('documents_fts', 'quotes_fts')",
            [],
            |r| r.get(0),
        )?)
    }

    /// Articles and quotes matching an FTS5 expression, best first, at most `limit` of each.
    pub fn search(&self, fts_query: &str, limit: usize) -> Result<SearchResults> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let c = &self.conn;
        let articles_total = c.query_row(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1",
            [fts_query],
            |r| r.get(0),
        )?;
        let mut stmt = c.prepare(
            "SELECT d.id, d.title, d.outlet, d.duplicate_of, \
                    snippet(documents_fts, -1, '[', ']', '…', 20) \
             FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid \
             WHERE documents_fts MATCH ?1 \
             ORDER BY bm25(documents_fts, ?3, 1.0), d.id LIMIT ?2",
        )?;
        let articles = stmt
            .query_map(params![fts_query, limit, TITLE_WEIGHT], |r| {
                Ok(ArticleHit {
                    document_id: r.get(0)?,
                    title: r.get(1)?,
                    outlet: r.get(2)?,
                    duplicate_of: r.get(3)?,
                    snippet: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let quotes_total = c.query_row(
            "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?1",
            [fts_query],
            |r| r.get(0),
        )?;
        let mut stmt = c.prepare(
            "SELECT q.id, q.document_id, q.speaker, snippet(quotes_fts, 0, '[', ']', '…', 32) \
             FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid \
             WHERE quotes_fts MATCH ?1 \
             ORDER BY bm25(quotes_fts), q.id LIMIT ?2",
        )?;
        let quotes = stmt
            .query_map(params![fts_query, limit], |r| {
                Ok(QuoteHit {
                    quote_id: r.get(0)?,
                    document_id: r.get(1)?,
                    speaker: r.get(2)?,
                    snippet: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(SearchResults {
            articles,
            articles_total,
            quotes,
            quotes_total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fts_query;

    /// A database holding these (title, body) documents, indexed for search as the writer
    /// indexes what it inserts (migration V11: no insert trigger does it).
    fn db_with(bodies: &[(&str, &str)]) -> Database {
        let mut db = Database::open_in_memory().unwrap();
        let tx = db.conn.transaction().unwrap();
        defer_indexing(&tx).unwrap();
        for (title, body) in bodies {
            tx.execute(
                "INSERT INTO documents (sha256, raw_text, encoding, title, body, extractor_version) \
                 VALUES (hex(randomblob(32)), ?2, 'UTF-8', ?1, ?2, 1)",
                [title, body],
            )
            .unwrap();
        }
        index_deferred(&tx).unwrap();
        tx.commit().unwrap();
        db
    }

    /// Ids of the matching documents, in id order.
    fn ids(db: &Database, input: &str) -> Vec<i64> {
        let query = fts_query(input).unwrap();
        let mut ids: Vec<i64> = db
            .search(&query, 10)
            .unwrap()
            .articles
            .iter()
            .map(|a| a.document_id)
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn stems_case_and_accents() -> Result<()> {
        let db = db_with(&[
            (
                "Finland joins Nato",
                "Helsinki celebrated as Finland's membership was sealed.",
            ),
            (
                "Elections in Côte d'Ivoire",
                "Voters elected a new parliament.",
            ),
        ]);
        assert_eq!(ids(&db, "nato finland"), [1]);
        assert_eq!(ids(&db, "election"), [2], "stemmed");
        assert_eq!(ids(&db, "cote divoire"), Vec::<i64>::new());
        assert_eq!(
            ids(&db, "cote d'ivoire"),
            [2],
            "accents removed, apostrophe splits"
        );
        let results = db.search(&fts_query("membership").unwrap(), 10)?;
        assert_eq!(results.articles_total, 1);
        assert!(results.articles[0].snippet.contains("[membership]"));
        Ok(())
    }

    #[test]
    fn punctuated_terms_match_as_phrases() -> Result<()> {
        let db = db_with(&[
            (
                "Cases rise",
                "COVID-19 cases rose in the U.S.-led coalition, al-Assad said.",
            ),
            (
                "Other",
                "The covid report had 19 pages; Assad was not led by the US.",
            ),
        ]);
        assert_eq!(ids(&db, "COVID-19"), [1]);
        assert_eq!(ids(&db, "covid 19"), [1, 2]);
        assert_eq!(ids(&db, "U.S.-led"), [1]);
        assert_eq!(ids(&db, "al-Assad"), [1]);
        assert_eq!(ids(&db, "assad -coalition"), [2]);
        Ok(())
    }

    fn integrity_check(conn: &Connection) {
        for table in ["documents_fts", "quotes_fts"] {
            conn.execute(
                &format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"),
                [],
            )
            .unwrap_or_else(|e| panic!("{table}: {e}"));
        }
    }

    /// Inserts a document titled 'T' whose raw text and body are `body`.
    fn insert_document(c: &Connection, sha: &str, body: &str) -> rusqlite::Result<usize> {
        c.execute(
            "INSERT INTO documents (sha256, raw_text, encoding, title, body, extractor_version) \
             VALUES (?1, ?2, 'UTF-8', 'T', ?2, 1)",
            params![sha, body],
        )
    }

    /// Inserts a direct quote of Ann's into document `doc`.
    fn insert_quote(c: &Connection, doc: i64, text: &str) -> rusqlite::Result<usize> {
        c.execute(
            "INSERT INTO quotes (document_id, kind, quote, speaker, char_start, char_end) \
             VALUES (?1, 'direct', ?2, 'Ann', 0, 1)",
            params![doc, text],
        )
    }

    #[test]
    fn deferred_indexing_ends_exact_whatever_happens_in_the_batch() -> Result<()> {
        let mut db = db_with(&[
            ("Kept", "alpha"),
            ("Updated", "bravo"),
            ("Deleted", "charlie"),
            ("Updated then deleted", "delta"),
        ]);
        insert_quote(&db.conn, 1, "old quote one")?;
        insert_quote(&db.conn, 1, "old quote two")?;
        let tx = db.conn.transaction()?;
        defer_indexing(&tx)?;
        tx.execute("UPDATE documents SET body = 'bravo two' WHERE id = 2", [])?;
        tx.execute("UPDATE documents SET body = 'bravo three' WHERE id = 2", [])?;
        tx.execute("DELETE FROM documents WHERE id = 3", [])?;
        tx.execute("UPDATE documents SET title = 'x' WHERE id = 4", [])?;
        tx.execute("DELETE FROM documents WHERE id = 4", [])?;
        // New rows, one of them reusing the rowid just freed; quotes replaced the way a
        // re-derivation does, which reuses their rowids too.
        tx.execute(
            "INSERT INTO documents (sha256, raw_text, encoding, title, body, extractor_version) \
             VALUES ('e', 'echo', 'UTF-8', 'New', 'echo', 1)",
            [],
        )?;
        tx.execute(
            "UPDATE documents SET body = 'echo two' WHERE sha256 = 'e'",
            [],
        )?;
        tx.execute("DELETE FROM quotes WHERE document_id = 1", [])?;
        insert_quote(&tx, 1, "new quote one")?;
        insert_quote(&tx, 2, "new quote two")?;
        index_deferred(&tx)?;
        tx.commit()?;
        integrity_check(&db.conn);
        let queued: i64 = db
            .conn
            .query_row("SELECT count(*) FROM fts_queue", [], |r| r.get(0))?;
        assert_eq!(queued, 0);
        let query = |q: &str| fts_query(q).unwrap();
        assert_eq!(db.search(&query("bravo"), 10)?.articles_total, 1);
        assert_eq!(db.search(&query("three"), 10)?.articles_total, 1);
        assert_eq!(db.search(&query("charlie"), 10)?.articles_total, 0);
        assert_eq!(db.search(&query("delta"), 10)?.articles_total, 0);
        assert_eq!(db.search(&query("echo two"), 10)?.articles_total, 1);
        assert_eq!(db.search(&query("old"), 10)?.quotes_total, 0);
        assert_eq!(db.search(&query("new quote"), 10)?.quotes_total, 2);
        Ok(())
    }

    #[test]
    fn indexing_in_slices_ends_exact_when_sliced_rows_change_later() -> Result<()> {
        let mut db = db_with(&[("Old", "oscar")]);
        let tx = db.conn.transaction()?;
        defer_indexing(&tx)?;
        insert_document(&tx, "a", "alpha")?;
        insert_document(&tx, "b", "bravo")?;
        insert_document(&tx, "c", "charlie")?;
        insert_quote(&tx, 2, "first quote")?;
        insert_quote(&tx, 3, "second quote")?;
        index_new_rows(&tx)?;
        // Rows the slice indexed change, go, and have their ids taken again; the older row
        // changes too; then more new rows come, and a second slice runs before the end.
        tx.execute(
            "UPDATE documents SET body = 'alpha two' WHERE sha256 = 'a'",
            [],
        )?;
        tx.execute("DELETE FROM documents WHERE sha256 = 'c'", [])?;
        tx.execute("DELETE FROM quotes WHERE quote = 'second quote'", [])?;
        insert_document(&tx, "d", "delta")?;
        insert_quote(&tx, 2, "third quote")?;
        tx.execute("UPDATE documents SET body = 'oscar two' WHERE id = 1", [])?;
        index_new_rows(&tx)?;
        insert_document(&tx, "e", "echo")?;
        tx.execute(
            "UPDATE documents SET body = 'delta two' WHERE sha256 = 'd'",
            [],
        )?;
        index_deferred(&tx)?;
        tx.commit()?;
        integrity_check(&db.conn);
        let query = |q: &str| fts_query(q).unwrap();
        let articles = |q: &str| db.search(&query(q), 10).map(|r| r.articles_total);
        assert_eq!(articles("alpha two")?, 1);
        assert_eq!(articles("charlie")?, 0);
        assert_eq!(articles("delta two")?, 1);
        assert_eq!(articles("echo")?, 1);
        assert_eq!(articles("oscar two")?, 1);
        assert_eq!(db.search(&query("quote"), 10)?.quotes_total, 2);
        assert_eq!(db.search(&query("second"), 10)?.quotes_total, 0);
        Ok(())
    }

    #[test]
    fn slices_leave_the_pending_terms_in_memory() -> Result<()> {
        let mut db = db_with(&[("Old", "oscar")]);
        let segments = |c: &Connection| -> i64 {
            c.query_row(
                "SELECT (SELECT count(*) FROM documents_fts_data) \
                      + (SELECT count(*) FROM quotes_fts_data)",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        let tx = db.conn.transaction()?;
        defer_indexing(&tx)?;
        let before = segments(&tx);
        for (sha, body) in [("a", "alpha"), ("b", "bravo")] {
            insert_document(&tx, sha, body)?;
            insert_quote(&tx, 2, body)?;
            index_new_rows(&tx)?;
        }
        // Nothing was written out as a segment: a statement that may write several rows
        // would have made FTS5 flush both tables' pending terms at its savepoint.
        assert_eq!(segments(&tx), before);
        index_deferred(&tx)?;
        tx.commit()?;
        integrity_check(&db.conn);
        Ok(())
    }

    #[test]
    fn rows_inserted_elsewhere_are_indexed_when_missing_and_only_then() -> Result<()> {
        let db = db_with(&[("Indexed", "alpha")]);
        assert_eq!(db.index_missing_rows()?, (0, 0));
        insert_document(&db.conn, "x", "bravo")?;
        insert_quote(&db.conn, 2, "charlie said")?;
        let query = |q: &str| fts_query(q).unwrap();
        assert_eq!(db.search(&query("bravo"), 10)?.articles_total, 0);
        // Deleting a row the index never held leaves the index exact (no 'delete' for it).
        insert_quote(&db.conn, 2, "gone soon")?;
        db.conn
            .execute("DELETE FROM quotes WHERE quote = 'gone soon'", [])?;
        assert_eq!(db.index_missing_rows()?, (1, 1));
        integrity_check(&db.conn);
        assert_eq!(db.search(&query("bravo"), 10)?.articles_total, 1);
        assert_eq!(db.search(&query("charlie"), 10)?.quotes_total, 1);
        assert_eq!(db.index_missing_rows()?, (0, 0));
        Ok(())
    }

    #[test]
    fn odd_inputs_never_make_a_syntax_error() -> Result<()> {
        let db = db_with(&[("Title", "Some body text with NEAR and OR and AND words.")]);
        let inputs = [
            "NEAR(a b)",
            "a:b",
            "title:x",
            "^start",
            "(((",
            ")",
            "\"",
            "\"\"\"",
            "a\"b\"c",
            "*",
            "a**",
            "-",
            "--x",
            "+",
            "x OR",
            "NOT",
            "AND OR NOT a",
            "{title}: x",
            "a - b",
            "東京 москва",
            "😀 x",
            "a\u{0}b",
            "'; DROP TABLE documents; --",
            "col:umn*",
        ];
        for input in inputs {
            // An input without terms is reported to the user and never reaches SQLite.
            if let Ok(query) = fts_query(input)
                && let Err(e) = db.search(&query, 5)
            {
                panic!("{input:?} → {query}: {e}");
            }
        }
        Ok(())
    }
}
