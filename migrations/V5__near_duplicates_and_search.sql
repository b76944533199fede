-- V5: near-duplicate documents and full-text search.
--
-- Near-duplicates: every document's MinHash signature (src/near_dup.rs) and its LSH band keys
-- are stored, so a later run compares a new document with every stored one through an index
-- lookup, without re-reading them. Pairs found similar are kept in near_dup_pairs; each run
-- then derives documents.duplicate_of (the cluster's earliest document) from the pairs at or
-- above the configured threshold.
--
-- Full text: external-content FTS5 tables over documents and quotes, kept in sync by
-- triggers (the sqlite-utils convention: {table}_ai, _ad, _au), tokenized by porter stemming
-- over unicode61 without diacritics, so 'nato AND finland' finds "NATO" and "Finland's".

-- One row per document that has words: its signature.
CREATE TABLE near_dup_signatures (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature   BLOB NOT NULL                        -- 256 MinHash values, little-endian u16
);

-- The LSH index: a document appears once under each of its 16 band keys. Two documents that
-- share a key are candidates, compared by their signatures. No foreign key (the trigger
-- below removes a deleted document's rows), so inserts need no parent lookups.
CREATE TABLE near_dup_bands (
    band_key    INTEGER NOT NULL,                    -- 31-bit hash of one band (4 values) and its number
    document_id INTEGER NOT NULL,
    PRIMARY KEY (band_key, document_id)
) WITHOUT ROWID;
CREATE INDEX near_dup_bands_document ON near_dup_bands(document_id);

-- New band rows go here first, and move to near_dup_bands in bulk, in key order, once there
-- are 65,536 of them (db/near_dup.rs). Inserted one by one, random keys would touch a page of
-- the large index each, more pages than the cache holds once the corpus is large; this table
-- stays small enough to stay in the cache. Lookups read both tables.
CREATE TABLE near_dup_bands_recent (
    band_key    INTEGER NOT NULL,
    document_id INTEGER NOT NULL,
    PRIMARY KEY (band_key, document_id)
) WITHOUT ROWID;
CREATE INDEX near_dup_bands_recent_document ON near_dup_bands_recent(document_id);

CREATE TRIGGER near_dup_documents_ad AFTER DELETE ON documents BEGIN
    DELETE FROM near_dup_bands WHERE document_id = old.id;
    DELETE FROM near_dup_bands_recent WHERE document_id = old.id;
END;

-- Pairs of documents whose estimated similarity is at least 0.6 (the lowest threshold
-- allowed), so that a later run may raise or lower the threshold without comparing again.
-- At most 16 per document, the most similar.
CREATE TABLE near_dup_pairs (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, -- the later document
    similar_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, -- the earlier one
    similarity  REAL NOT NULL,                       -- estimated Jaccard similarity of the word 3-shingle sets
    PRIMARY KEY (document_id, similar_id),
    CHECK (similar_id < document_id)
) WITHOUT ROWID;
CREATE INDEX near_dup_pairs_similar ON near_dup_pairs(similar_id);

-- Settings of near-duplicate detection that outlive a run.
CREATE TABLE near_dup_settings (
    name  TEXT PRIMARY KEY,                          -- 'threshold'
    value                                            -- threshold: similarity (0.6..1) from which a pair counts
);
INSERT INTO near_dup_settings (name, value) VALUES ('threshold', 0.8);

-- Pairs of near-duplicate documents at or above the threshold, with their cluster: the
-- earliest document of the cluster, which is v_documents.duplicate_of of every other member.
CREATE VIEW v_duplicates AS
SELECT p.document_id,
       p.similar_id,
       p.similarity,
       coalesce(d.duplicate_of, d.id) AS cluster_id,
       d.title,
       s.title AS similar_title
FROM near_dup_pairs p
JOIN documents d ON d.id = p.document_id
JOIN documents s ON s.id = p.similar_id
WHERE p.similarity >= (SELECT value FROM near_dup_settings WHERE name = 'threshold');

-- ---------------------------------------------------------------------------------------
-- Full-text search.

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body,
    content = 'documents', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    quote, speaker,
    content = 'quotes', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Merge index segments 16 at a time instead of 4: a fifth less indexing work during an
-- ingest, for slightly more segments to read per query.
INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', 16);
INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('automerge', 16);

-- Deferred indexing, for the ingest writer. FTS5 writes its pending changes to disk whenever
-- another statement opens a savepoint, and every insert into documents does (it has
-- triggers and constraints): indexed row by row, each document would become a tiny index
-- segment, merged again and again, which doubles the cost of the index. So while the writer
-- stores a batch, fts_deferred holds a row and the triggers below only note in fts_queue
-- which rows changed and what the index held for them; the writer then brings the index up
-- to date in one statement per table before it commits. Outside the writer's transaction
-- both tables are empty, so no reader ever sees the index out of step, and any other writer
-- (the sqlite3 shell) gets the usual immediate indexing.
CREATE TABLE fts_deferred (active INTEGER NOT NULL);  -- one row while a batch defers indexing
CREATE TABLE fts_queue (
    tbl     TEXT NOT NULL,                            -- 'documents' or 'quotes'
    id      INTEGER NOT NULL,                         -- rowid that changed
    indexed INTEGER NOT NULL,                         -- 1: the index holds old_a, old_b for it
    old_a,                                            -- title or quote as indexed
    old_b,                                            -- body or speaker as indexed
    PRIMARY KEY (tbl, id)
) WITHOUT ROWID;

-- Each trigger either indexes at once or, while deferred, records the row's first change in
-- the batch (INSERT OR IGNORE keeps the state from before the batch).
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, body)
    SELECT new.id, new.title, new.body WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed)
    SELECT 'documents', new.id, 0 WHERE EXISTS (SELECT 1 FROM fts_deferred);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body)
    SELECT 'delete', old.id, old.title, old.body WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'documents', old.id, 1, old.title, old.body WHERE EXISTS (SELECT 1 FROM fts_deferred);
END;
-- Only a changed title or body re-indexes: duplicate_of and the bookkeeping columns change
-- without touching the index.
CREATE TRIGGER documents_au AFTER UPDATE OF title, body ON documents
WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body)
    SELECT 'delete', old.id, old.title, old.body WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT INTO documents_fts (rowid, title, body)
    SELECT new.id, new.title, new.body WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'documents', old.id, 1, old.title, old.body WHERE EXISTS (SELECT 1 FROM fts_deferred);
END;

CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, quote, speaker)
    SELECT new.id, new.quote, new.speaker WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed)
    SELECT 'quotes', new.id, 0 WHERE EXISTS (SELECT 1 FROM fts_deferred);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, quote, speaker)
    SELECT 'delete', old.id, old.quote, old.speaker WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'quotes', old.id, 1, old.quote, old.speaker WHERE EXISTS (SELECT 1 FROM fts_deferred);
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF quote, speaker ON quotes
WHEN old.quote IS NOT new.quote OR old.speaker IS NOT new.speaker BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, quote, speaker)
    SELECT 'delete', old.id, old.quote, old.speaker WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT INTO quotes_fts (rowid, quote, speaker)
    SELECT new.id, new.quote, new.speaker WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'quotes', old.id, 1, old.quote, old.speaker WHERE EXISTS (SELECT 1 FROM fts_deferred);
END;

-- Databases made before this migration: index what they already hold. (Their signatures
-- come with the re-derivation that the new extractor version triggers.)
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
