//! Writing finished work: documents with everything extracted from them, and the file rows
//! that point at them, in batched transactions.
//!
//! One batch is one transaction: either every document in it is stored with all its mentions,
//! quotes and numbers and the file rows that point at it, or none is. A kill at any moment
//! therefore leaves each file either fully recorded or not recorded at all, and the next run
//! picks up exactly the files that are missing. Statements are prepared once per connection
//! (rusqlite's statement cache) because the same dozen run for every document.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension, params};

use super::checkpoint::Checkpointer;
use super::entities::EntityResolver;
use super::{Database, Result, near_dup, search};
use crate::document::{Article, Decoded, Extractions, Format, QuoteKind};
use crate::near_dup::Signature;
use crate::offsets::CharOffsets;

/// Where a file was found and what it looked like when it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub root: std::sync::Arc<str>,
    pub path: String,
    pub size: u64,
    pub mtime_ns: i64,
}

/// What parse, normalize and extract made of one text, and what of it the store needs in a
/// stored form. The stored forms are made by [`Derived::new`] in the worker threads, so that
/// the one writer thread only writes.
#[derive(Debug, Clone)]
pub struct Derived {
    pub article: Article,
    pub extractions: Extractions,
    /// MinHash signature of the body; `None` when it has no words.
    pub signature: Option<Signature>,
    structure: super::lines::Structure,
    /// Cluster keys of each quote, in the order of `extractions.quotes` (empty for quotes that
    /// are not clustered).
    quote_keys: Vec<Vec<i64>>,
}

impl Derived {
    /// `source` is the text the article was derived from, as `documents.raw_text` stores it.
    pub fn new(
        article: Article,
        extractions: Extractions,
        signature: Option<Signature>,
        source: &str,
    ) -> Derived {
        let structure = super::lines::Structure::of(&article, source);
        let quote_keys = extractions
            .quotes
            .iter()
            .map(|q| match q.kind {
                QuoteKind::Direct | QuoteKind::Partial => {
                    super::quotes::keys(&article.body[q.span.clone()])
                }
                QuoteKind::Indirect | QuoteKind::Scare => Vec::new(),
            })
            .collect();
        Derived {
            article,
            extractions,
            signature,
            structure,
            quote_keys,
        }
    }
}

/// One unit of finished work for the store.
#[derive(Debug)]
pub enum StoreItem {
    /// A file whose content is not stored yet.
    Document {
        file: FileRecord,
        sha256: [u8; 32],
        format: Format,
        decoded: Decoded,
        derived: Box<Derived>,
    },
    /// A file whose bytes are those of a stored document.
    SameBytes { file: FileRecord, sha256: [u8; 32] },
    /// A file that cannot be an article, with the reason in words.
    Rejected {
        file: FileRecord,
        sha256: Option<[u8; 32]>,
        reason: String,
    },
    /// A path that is not an article file at all.
    Skipped { file: FileRecord, reason: String },
    /// A stored document derived again from its stored text by the current extractor.
    Rederived {
        document_id: i64,
        derived: Box<Derived>,
    },
    /// Work that produced nothing to store (a re-derivation that failed); `reason` says why.
    Failed { reason: String },
}

/// What became of a [`StoreItem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// A new document was stored.
    Document,
    /// The file is another path of an existing document.
    Duplicate,
    Rejected,
    Skipped,
    Rederived,
    /// A known path re-read because its timestamp changed, with the same bytes as before.
    Touched,
    /// Nothing was written.
    Nothing,
}

pub struct Writer {
    conn: Connection,
    run: i64,
    extractor_version: i64,
    entities: EntityResolver,
    bands: near_dup::BandFilter,
    /// Time spent comparing and storing near-duplicate signatures.
    near_dup_time: Duration,
    /// Copies committed pages into the database file on another thread, when running.
    checkpointer: Option<Checkpointer>,
    /// A transaction is open: items were written since the last commit.
    open: bool,
    /// What refers to a document, read from the schema: see [`DocumentDependents`].
    dependents: DocumentDependents,
    /// Items written since the open transaction last indexed its new rows for search.
    unindexed_items: usize,
}

/// Items written between two slices of full-text indexing inside a transaction (see
/// `search::index_new_rows`). On 20,000 articles, indexing all of a 4,096-item batch at commit
/// left the workers idle for most of each commit. Slices of 128, 256, 512 and 1,024 items ran
/// within the machine's noise of each other (10.1 to 10.6 s); the slices write one row per
/// statement, so their size does not change how FTS5 cuts its segments.
const INDEX_SLICE_ITEMS: usize = 256;

impl Writer {
    pub fn new(db: Database, run: i64, extractor_version: i64) -> Result<Writer> {
        // A batch dirties more pages than SQLite's default 2 MB cache holds: full-text index
        // segments being merged, and the entity and near-duplicate band indexes, whose keys
        // are random. On 20,000 articles, 2 MB took 0.9 s more than 8 MB (one run); 16 and
        // 32 MB were no faster than 8 (three interleaved runs each) and peaked 15 and 30 MB
        // higher. A fixed bound, whatever the corpus; a failure costs speed only.
        let _ = db.conn.pragma_update(None, "cache_size", -8 * 1024);
        // Foreign keys are not enforced while the writer writes: every row it inserts names
        // ids it has just looked up or created, and checking each (two parent look-ups a
        // mention) took 1.3 to 1.5 s of the writer's 11 s on 20,000 articles. The one action
        // the schema would take for it, on deleting a replaced document, the writer takes
        // itself (`DocumentDependents`). Back on in `into_database`.
        let dependents = DocumentDependents::read(&db.conn)?;
        db.conn.pragma_update(None, "foreign_keys", "OFF")?;
        Ok(Writer {
            conn: db.conn,
            run,
            extractor_version,
            entities: EntityResolver::default(),
            bands: near_dup::BandFilter::default(),
            near_dup_time: Duration::ZERO,
            checkpointer: None,
            open: false,
            dependents,
            unindexed_items: 0,
        })
    }

    /// Hands checkpoints to a thread of their own (see `db::checkpoint`) for as long as this
    /// writer lives. `path` is the database file this writer writes.
    pub fn checkpoint_in_background(&mut self, path: &Path) {
        if self.checkpointer.is_none() {
            self.checkpointer = Checkpointer::start(&self.conn, path);
        }
    }

    /// Seconds spent on near-duplicate lookups and storage so far (part of the write time).
    pub fn near_dup_seconds(&self) -> f64 {
        self.near_dup_time.as_secs_f64()
    }

    /// Gives the connection back, for the work that follows the batches, checkpointing
    /// itself again. A transaction still open (the run stopped on an error before
    /// [`Writer::commit`]) is rolled back: what it held was never committed.
    pub fn into_database(mut self) -> Result<Database> {
        if self.open {
            self.conn.execute_batch("ROLLBACK")?;
            self.open = false;
        }
        if let Some(checkpointer) = self.checkpointer.take() {
            checkpointer.stop(&self.conn)?;
        }
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Database { conn: self.conn })
    }

    /// Writes one item into the current transaction, opening one if none is open, and says
    /// what became of it. Nothing is durable until [`Writer::commit`].
    ///
    /// Items go to SQLite as they come rather than being held until a batch is complete:
    /// a transaction can then span thousands of documents (each commit rewrites every page
    /// the batch touched, and the random keys of the entity and band indexes touch most of
    /// theirs whatever the batch size) while memory holds only the items in flight.
    pub fn write(&mut self, item: StoreItem) -> Result<Stored> {
        if !self.open {
            // IMMEDIATE: take the write lock now, not at the first write, so that a reader
            // upgrading meanwhile cannot make this transaction fail half-way.
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.open = true;
            search::defer_indexing(&self.conn)?;
        }
        let mut ctx = BatchContext {
            tx: &self.conn,
            run: self.run,
            extractor_version: self.extractor_version,
            entities: &mut self.entities,
            near_dup_time: &mut self.near_dup_time,
            bands: &mut self.bands,
            dependents: &self.dependents,
        };
        let stored = ctx.write(item)?;
        self.unindexed_items += 1;
        if self.unindexed_items >= INDEX_SLICE_ITEMS {
            search::index_new_rows(&self.conn)?;
            self.unindexed_items = 0;
        }
        Ok(stored)
    }

    /// Finishes the current transaction (full-text index, band index) and commits it.
    pub fn commit(&mut self) -> Result<()> {
        if !self.open {
            return Ok(());
        }
        self.entities.trim();
        near_dup::end_batch(&self.conn)?;
        search::index_deferred(&self.conn)?;
        self.conn.execute_batch("COMMIT")?;
        self.open = false;
        self.unindexed_items = 0;
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.committed(&self.conn);
        }
        Ok(())
    }

    /// Writes a batch in one transaction and says what became of each item.
    #[cfg(test)]
    fn write_batch(&mut self, items: Vec<StoreItem>) -> Result<Vec<Stored>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(self.write(item)?);
        }
        self.commit()?;
        Ok(out)
    }
}

struct BatchContext<'a> {
    /// The writer's connection, inside its open transaction.
    tx: &'a Connection,
    run: i64,
    extractor_version: i64,
    entities: &'a mut EntityResolver,
    near_dup_time: &'a mut Duration,
    bands: &'a mut near_dup::BandFilter,
    dependents: &'a DocumentDependents,
}

impl BatchContext<'_> {
    fn write(&mut self, item: StoreItem) -> Result<Stored> {
        match item {
            StoreItem::Document {
                file,
                sha256,
                format,
                decoded,
                derived,
            } => {
                let hash = hex::encode(sha256);
                if let Some(id) = self.document_by_hash(&hash)? {
                    // Same bytes as a document stored earlier in this very run.
                    self.upsert_file(&file, Some(&hash), Some(id), None)?;
                    return self.file_status(&file);
                }
                let id = self.insert_document(&hash, format, &decoded, &derived.article)?;
                self.insert_extractions(id, &derived)?;
                super::lines::write(self.tx, id, &derived.article, &derived.structure)?;
                let t = Instant::now();
                near_dup::record(self.tx, self.bands, id, derived.signature.as_ref())?;
                *self.near_dup_time += t.elapsed();
                self.upsert_file(&file, Some(&hash), Some(id), None)?;
                Ok(Stored::Document)
            }
            StoreItem::SameBytes { file, sha256 } => {
                let hash = hex::encode(sha256);
                let id = self.document_by_hash(&hash)?;
                let before = self.file_document(&file)?;
                self.upsert_file(&file, Some(&hash), id, None)?;
                if before.is_some() && before == id {
                    // Touched (new mtime) but the same bytes: nothing changed but the timestamp.
                    return Ok(Stored::Touched);
                }
                self.file_status(&file)
            }
            StoreItem::Rejected {
                file,
                sha256,
                reason,
            } => {
                let hash = sha256.map(hex::encode);
                self.upsert_file(&file, hash.as_deref(), None, Some(("rejected", &reason)))?;
                Ok(Stored::Rejected)
            }
            StoreItem::Skipped { file, reason } => {
                self.upsert_file(&file, None, None, Some(("skipped", &reason)))?;
                Ok(Stored::Skipped)
            }
            StoreItem::Rederived {
                document_id,
                derived,
            } => {
                if !self.update_document(document_id, &derived.article)? {
                    return Ok(Stored::Nothing); // deleted since the work was handed out
                }
                self.delete_extractions(document_id)?;
                self.insert_extractions(document_id, &derived)?;
                super::lines::write(self.tx, document_id, &derived.article, &derived.structure)?;
                let t = Instant::now();
                near_dup::forget(self.tx, document_id)?;
                near_dup::record(self.tx, self.bands, document_id, derived.signature.as_ref())?;
                *self.near_dup_time += t.elapsed();
                Ok(Stored::Rederived)
            }
            StoreItem::Failed { .. } => Ok(Stored::Nothing),
        }
    }

    fn document_by_hash(&self, hash: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?)
    }

    /// The document a known path pointed to before this write.
    fn file_document(&self, file: &FileRecord) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT document_id FROM files WHERE root = ?1 AND path = ?2 AND status IN ('ingested', 'duplicate')")?
            .query_row(params![file.root, file.path], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Whether the file just written is the first live path of its document or a second one.
    fn file_status(&self, file: &FileRecord) -> Result<Stored> {
        let status: String = self
            .tx
            .prepare_cached("SELECT status FROM files WHERE root = ?1 AND path = ?2")?
            .query_row(params![file.root, file.path], |r| r.get(0))?;
        Ok(if status == "duplicate" {
            Stored::Duplicate
        } else {
            Stored::Document
        })
    }

    fn insert_document(
        &self,
        hash: &str,
        format: Format,
        decoded: &Decoded,
        a: &Article,
    ) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO documents (sha256, format, raw_text, encoding, encoding_note, title, outlet, \
                 dateline, byline, published, body, extractor_version, created_run, derived_run) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
            )?
            .execute(params![
                hash,
                format.as_str(),
                decoded.text,
                decoded.encoding,
                decoded.note,
                a.title,
                a.outlet,
                a.dateline,
                a.byline,
                a.published,
                a.body,
                self.extractor_version,
                self.run,
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    fn update_document(&self, id: i64, a: &Article) -> Result<bool> {
        let updated = self
            .tx
            .prepare_cached(
                "UPDATE documents SET title = ?2, outlet = ?3, dateline = ?4, byline = ?5, published = ?6, \
                 body = ?7, extractor_version = ?8, derived_run = ?9 WHERE id = ?1",
            )?
            .execute(params![
                id,
                a.title,
                a.outlet,
                a.dateline,
                a.byline,
                a.published,
                a.body,
                self.extractor_version,
                self.run
            ])?;
        Ok(updated == 1)
    }

    fn delete_extractions(&self, id: i64) -> Result<()> {
        for sql in [
            "DELETE FROM mentions WHERE document_id = ?1",
            "DELETE FROM quotes WHERE document_id = ?1",
            "DELETE FROM numbers WHERE document_id = ?1",
        ] {
            self.tx.prepare_cached(sql)?.execute([id])?;
        }
        Ok(())
    }

    fn insert_extractions(&mut self, id: i64, derived: &Derived) -> Result<()> {
        let offsets = CharOffsets::new(&derived.article.body);
        let ex = &derived.extractions;
        // One prepared statement per table per document, not a cache lookup per row: rows
        // are many (about forty mentions an article) and each lookup hashes the SQL text.
        let tx = self.tx;
        let mut insert_mention = tx.prepare_cached(
            "INSERT INTO mentions (document_id, entity_id, mention, role, in_title, char_start, char_end) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for m in &ex.mentions {
            let entity = self.entities.resolve(tx, &m.canonical, &m.kind)?;
            self.entities.add_alias(tx, entity, &m.text)?;
            let (start, end) = match &m.span {
                Some(s) => (
                    Some(offsets.char_at(s.start) as i64),
                    Some(offsets.char_at(s.end) as i64),
                ),
                None => (None, None),
            };
            insert_mention.execute(params![
                id,
                entity,
                m.text,
                m.role,
                m.span.is_none(),
                start,
                end
            ])?;
        }
        drop(insert_mention);
        let mut insert_quote = tx.prepare_cached(
            "INSERT INTO quotes (document_id, kind, quote, speaker_entity_id, speaker, speaker_mention, \
             cue, char_start, char_end, cluster_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for (q, keys) in ex.quotes.iter().zip(&derived.quote_keys) {
            let speaker_entity = match (&q.speaker, &q.speaker_kind) {
                (Some(name), Some(kind)) => Some(self.entities.resolve(tx, name, kind)?),
                _ => None,
            };
            let text = &derived.article.body[q.span.clone()];
            let cluster = super::quotes::cluster_for(tx, keys, self.run)?;
            insert_quote.execute(params![
                id,
                q.kind.as_str(),
                text,
                speaker_entity,
                q.speaker,
                q.speaker_mention,
                q.cue,
                offsets.char_at(q.span.start) as i64,
                offsets.char_at(q.span.end) as i64,
                cluster,
            ])?;
        }
        let mut insert_number = tx.prepare_cached(
            "INSERT INTO numbers (document_id, text, value, unit, kind, normalized, qualifier, \
             char_start, char_end, sentence_start, sentence_end) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for n in &ex.numbers {
            insert_number.execute(params![
                id,
                &derived.article.body[n.span.clone()],
                n.value,
                n.unit,
                n.kind,
                n.normalized,
                n.qualifier,
                offsets.char_at(n.span.start) as i64,
                offsets.char_at(n.span.end) as i64,
                offsets.char_at(n.sentence.start) as i64,
                offsets.char_at(n.sentence.end) as i64,
            ])?;
        }
        Ok(())
    }

    /// Records a file. `document_id` is its document (None when rejected or skipped); `verdict`
    /// is (status, reason) for files that are not documents. A file that now points elsewhere
    /// releases its old document, which is deleted when no other file refers to it.
    fn upsert_file(
        &self,
        file: &FileRecord,
        hash: Option<&str>,
        document_id: Option<i64>,
        verdict: Option<(&str, &str)>,
    ) -> Result<()> {
        let previous: Option<(i64, Option<i64>)> = self
            .tx
            .prepare_cached("SELECT id, document_id FROM files WHERE root = ?1 AND path = ?2")?
            .query_row(params![file.root, file.path], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (status, reason) = match verdict {
            Some((status, reason)) => (status.to_string(), Some(reason)),
            None => {
                let doc = document_id.expect("a stored file has a document");
                let other_live_path: bool = self
                    .tx
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM files WHERE document_id = ?1 \
                         AND status IN ('ingested', 'duplicate') AND NOT (root = ?2 AND path = ?3))",
                    )?
                    .query_row(params![doc, file.root, file.path], |r| r.get(0))?;
                (
                    if other_live_path {
                        "duplicate"
                    } else {
                        "ingested"
                    }
                    .to_string(),
                    None,
                )
            }
        };
        self.tx
            .prepare_cached(
                "INSERT INTO files (root, path, size, mtime_ns, sha256, document_id, status, reason, first_run, changed_run) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) \
                 ON CONFLICT (root, path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, \
                 sha256 = excluded.sha256, document_id = excluded.document_id, status = excluded.status, \
                 reason = excluded.reason, changed_run = excluded.changed_run",
            )?
            .execute(params![
                file.root,
                file.path,
                file.size as i64,
                file.mtime_ns,
                hash,
                document_id,
                status,
                reason,
                self.run
            ])?;
        if let Some((_, Some(old_doc))) = previous {
            // A file that merely failed to read this time keeps nothing pointing at its old
            // document, but the document stays (until `ingest --prune`): nothing stored is lost
            // because a read failed. A file whose content changed replaces its document.
            if Some(old_doc) != document_id && verdict.is_none() {
                self.delete_if_unreferenced(old_doc)?;
            }
        }
        Ok(())
    }

    fn delete_if_unreferenced(&self, doc: i64) -> Result<()> {
        let referenced: bool = self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM files WHERE document_id = ?1)")?
            .query_row([doc], |r| r.get(0))?;
        if !referenced {
            self.dependents.delete_document(self.tx, doc)?;
        }
        Ok(())
    }
}

/// Every column that refers to `documents(id)`, with what the schema says happens to its rows
/// when the document is deleted, read from the schema itself so that a table added by a later
/// migration is covered without a change here. The writer deletes documents with foreign keys
/// off (see [`Writer::new`]) and so takes these actions itself.
struct DocumentDependents {
    /// `DELETE` (for `ON DELETE CASCADE`) or `UPDATE … SET NULL` statements, one per column.
    statements: Vec<String>,
    /// Queries telling whether a row whose reference forbids the delete still refers to a
    /// document, one per such column.
    blockers: Vec<String>,
}

impl DocumentDependents {
    fn read(conn: &Connection) -> Result<DocumentDependents> {
        let mut statements = Vec::new();
        let mut blockers = Vec::new();
        let mut stmt = conn.prepare(
            "SELECT m.name, f.\"from\", f.on_delete FROM sqlite_schema m, \
             pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' AND f.\"table\" = 'documents' ORDER BY m.name, f.\"from\"",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (table, column, action) in rows {
            let (table, column) = (quote_identifier(&table), quote_identifier(&column));
            match action.as_str() {
                "CASCADE" => statements.push(format!("DELETE FROM {table} WHERE {column} = ?1")),
                "SET NULL" => statements.push(format!(
                    "UPDATE {table} SET {column} = NULL WHERE {column} = ?1"
                )),
                // NO ACTION or RESTRICT (a table a user added, say): the schema refuses
                // to delete a document such a row still refers to, so the writer keeps it.
                _ => blockers.push(format!(
                    "SELECT EXISTS (SELECT 1 FROM {table} WHERE {column} = ?1)"
                )),
            }
        }
        Ok(DocumentDependents {
            statements,
            blockers,
        })
    }

    /// Deletes a document and does to the rows that refer to it what the schema says; keeps
    /// it when a reference forbids the delete (enforced foreign keys would have failed the
    /// write instead, and the run with it).
    fn delete_document(&self, tx: &Connection, doc: i64) -> Result<()> {
        for sql in &self.blockers {
            let blocked: bool = tx.prepare_cached(sql)?.query_row([doc], |r| r.get(0))?;
            if blocked {
                return Ok(());
            }
        }
        for sql in &self.statements {
            tx.prepare_cached(sql)?.execute([doc])?;
        }
        tx.prepare_cached("DELETE FROM documents WHERE id = ?1")?
            .execute([doc])?;
        Ok(())
    }
}

fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{EntityKind, Mention, Number, Quote};

    fn file(path: &str) -> FileRecord {
        FileRecord {
            root: "/r".into(),
            path: path.into(),
            size: 1,
            mtime_ns: 1,
        }
    }

    fn derived(body: &str) -> Box<Derived> {
        let start = body.find("Putin").unwrap_or(0);
        Box::new(Derived::new(
            Article {
                title: Some("T".into()),
                body: body.into(),
                ..Article::default()
            },
            Extractions {
                mentions: vec![Mention {
                    span: Some(start..start + 5),
                    text: "Putin".into(),
                    kind: EntityKind::Person,
                    canonical: "Vladimir Putin".into(),
                    role: None,
                }],
                quotes: vec![Quote {
                    kind: QuoteKind::Direct,
                    span: 3..5,
                    speaker: Some("Vladimir Putin".into()),
                    speaker_kind: Some(EntityKind::Person),
                    speaker_mention: Some("Putin".into()),
                    cue: Some("said".into()),
                }],
                numbers: vec![Number {
                    span: 0..3,
                    value: Some(1.0),
                    unit: None,
                    kind: "cardinal".into(),
                    normalized: None,
                    qualifier: None,
                    sentence: 0..3,
                }],
            },
            Signature::of_text(body),
            body,
        ))
    }

    fn document(path: &str, sha: u8, body: &str) -> StoreItem {
        StoreItem::Document {
            file: file(path),
            sha256: [sha; 32],
            format: Format::Text,
            decoded: Decoded {
                text: body.into(),
                encoding: "UTF-8".into(),
                note: None,
            },
            derived: derived(body),
        }
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn stores_documents_with_char_offsets_and_duplicates() -> Result<()> {
        let db = Database::open_in_memory()?;
        let run = db.begin_run(&["/r".into()], 1)?;
        let mut w = Writer::new(db, run, 1)?;
        let out = w.write_batch(vec![
            document("a.txt", 1, "“é” Putin said"),
            document("b.txt", 1, "“é” Putin said"),
            StoreItem::SameBytes {
                file: file("c.txt"),
                sha256: [1; 32],
            },
        ])?;
        assert_eq!(
            out,
            [Stored::Document, Stored::Duplicate, Stored::Duplicate]
        );
        let c = &w.conn;
        assert_eq!(count(c, "SELECT count(*) FROM documents"), 1);
        assert_eq!(
            count(c, "SELECT count(*) FROM v_files WHERE status = 'duplicate'"),
            2
        );
        let (mention, start): (String, i64) = c.query_row(
            "SELECT substr(body, char_start + 1, char_end - char_start), char_start FROM v_mentions JOIN documents d ON d.id = document_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        assert_eq!((mention.as_str(), start), ("Putin", 4));
        let quote: String = c.query_row("SELECT quote FROM v_quotes", [], |r| r.get(0))?;
        assert_eq!(quote, "é", "byte span 3..5 is the character é");
        Ok(())
    }

    #[test]
    fn changed_file_replaces_its_document_and_leaves_no_orphans() -> Result<()> {
        let db = Database::open_in_memory()?;
        let run = db.begin_run(&["/r".into()], 1)?;
        let mut w = Writer::new(db, run, 1)?;
        w.write_batch(vec![document("a.txt", 1, "Putin one")])?;
        w.write_batch(vec![document("a.txt", 2, "Putin two")])?;
        let c = &w.conn;
        assert_eq!(count(c, "SELECT count(*) FROM documents"), 1);
        assert_eq!(count(c, "SELECT count(*) FROM mentions"), 1);
        assert_eq!(count(c, "SELECT count(*) FROM quotes"), 1);
        assert_eq!(count(c, "SELECT count(*) FROM numbers"), 1);
        assert_eq!(
            count(
                c,
                "SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)"
            ),
            0
        );
        // The writer runs with foreign keys off and deletes the old document's rows itself:
        // the schema's own check finds nothing pointing at a missing row.
        assert_eq!(count(c, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        assert!(
            w.dependents.statements.len() >= 8,
            "{:?}",
            w.dependents.statements
        );
        let db = w.into_database()?;
        let enforced: i64 = db.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        assert_eq!(
            enforced, 1,
            "foreign keys are enforced again after the writer"
        );
        Ok(())
    }

    /// A table of the user's that refers to documents without a delete action keeps the
    /// documents it refers to, which the schema forbids deleting.
    #[test]
    fn a_document_a_reference_forbids_deleting_is_kept() -> Result<()> {
        let db = Database::open_in_memory()?;
        db.conn.execute_batch(
            "CREATE TABLE notes (document_id INTEGER REFERENCES documents(id), note TEXT)",
        )?;
        let run = db.begin_run(&["/r".into()], 1)?;
        let mut w = Writer::new(db, run, 1)?;
        w.write_batch(vec![
            document("a.txt", 1, "Putin one"),
            document("b.txt", 2, "Putin two"),
        ])?;
        w.conn.execute(
            "INSERT INTO notes SELECT document_id, 'checked' FROM files WHERE path = 'a.txt'",
            [],
        )?;
        w.write_batch(vec![
            document("a.txt", 3, "Putin three"),
            document("b.txt", 4, "Putin four"),
        ])?;
        let c = &w.conn;
        // b.txt's first document went; a.txt's stays, with its rows, for the note.
        assert_eq!(count(c, "SELECT count(*) FROM documents"), 3);
        assert_eq!(count(c, "SELECT count(*) FROM mentions"), 3);
        assert_eq!(count(c, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        Ok(())
    }

    /// `DocumentDependents` deletes one level of rows: those that refer to a document. That is
    /// enough only while nothing refers to those rows in turn.
    #[test]
    fn rows_that_refer_to_a_document_have_no_dependents_of_their_own() -> Result<()> {
        let db = Database::open_in_memory()?;
        let nested: Vec<(String, String)> = db
            .conn
            .prepare(
                "SELECT c.name, g.name FROM sqlite_schema c, pragma_foreign_key_list(c.name) f, \
                 sqlite_schema g, pragma_foreign_key_list(g.name) h \
                 WHERE c.type = 'table' AND g.type = 'table' AND f.\"table\" = 'documents' \
                 AND f.on_delete = 'CASCADE' AND h.\"table\" = c.name AND c.name <> 'documents'",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        assert!(nested.is_empty(), "(dependent, its dependent): {nested:?}");
        Ok(())
    }

    #[test]
    fn items_are_durable_at_commit_and_an_open_transaction_is_rolled_back() -> Result<()> {
        let db = Database::open_in_memory()?;
        let run = db.begin_run(&["/r".into()], 1)?;
        let mut w = Writer::new(db, run, 1)?;
        assert_eq!(
            w.write(document("a.txt", 1, "Putin one"))?,
            Stored::Document
        );
        w.commit()?;
        assert_eq!(
            w.write(document("b.txt", 2, "Putin two"))?,
            Stored::Document
        );
        assert_eq!(
            count(
                &w.conn,
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'putin'"
            ),
            1,
            "the uncommitted document is indexed for search only when its batch is finished"
        );
        let db = w.into_database()?;
        assert_eq!(count(&db.conn, "SELECT count(*) FROM documents"), 1);
        assert_eq!(count(&db.conn, "SELECT count(*) FROM files"), 1);
        assert_eq!(
            count(
                &db.conn,
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'putin'"
            ),
            1
        );
        Ok(())
    }

    #[test]
    fn rejected_reread_keeps_the_old_document() -> Result<()> {
        let db = Database::open_in_memory()?;
        let run = db.begin_run(&["/r".into()], 1)?;
        let mut w = Writer::new(db, run, 1)?;
        w.write_batch(vec![document("a.txt", 1, "Putin one")])?;
        w.write_batch(vec![StoreItem::Rejected {
            file: file("a.txt"),
            sha256: None,
            reason: "x".into(),
        }])?;
        assert_eq!(count(&w.conn, "SELECT count(*) FROM documents"), 1);
        assert_eq!(
            count(
                &w.conn,
                "SELECT count(*) FROM v_files WHERE status = 'rejected' AND document_id IS NULL"
            ),
            1
        );
        Ok(())
    }
}
