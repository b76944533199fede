-- V11: new documents and quotes are indexed for full-text search by whoever inserts them, not
-- by an insert trigger; the triggers on change and delete touch only what the index holds.
--
-- newsdb inserts documents and quotes only in the ingest writer, which always defers their
-- indexing and indexes them by id range (V7), in slices of a batch. During its batches the
-- insert triggers of V7 therefore did nothing, yet each of the writer's inserts paid for them:
-- a trigger makes every INSERT open a statement journal, every statement journal opens a
-- savepoint on the full-text tables already written in the transaction, and FTS5 writes its
-- pending terms out as a new segment at each savepoint. On 20,000 articles, without these two
-- triggers the writer took 0.8 s less (three interleaved runs, 8.6 -> 7.7 s; 10.7 -> 10.2 s
-- wall).
--
-- A row that something else inserts is therefore not in the index until it is changed (the
-- change trigger indexes it) or the index is rebuilt:
--     INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
--     INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
-- Telling FTS5 to delete a row it never indexed corrupts the index, so the change and delete
-- triggers now remove the old row only if the index holds it (it has a row in the index's
-- docsize table), and a deferred batch queues it with indexed = 0 otherwise.
DROP TRIGGER documents_ai;
DROP TRIGGER documents_ad;
DROP TRIGGER documents_au;
DROP TRIGGER quotes_ai;
DROP TRIGGER quotes_ad;
DROP TRIGGER quotes_au;

CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body)
    SELECT 'delete', old.id, old.title, old.body
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred)
      AND EXISTS (SELECT 1 FROM documents_fts_docsize WHERE id = old.id);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'documents', old.id,
           EXISTS (SELECT 1 FROM documents_fts_docsize WHERE id = old.id), old.title, old.body
    FROM fts_deferred WHERE old.id < documents_from;
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, body ON documents
WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body)
    SELECT 'delete', old.id, old.title, old.body
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred)
      AND EXISTS (SELECT 1 FROM documents_fts_docsize WHERE id = old.id);
    INSERT INTO documents_fts (rowid, title, body)
    SELECT new.id, new.title, new.body WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'documents', old.id,
           EXISTS (SELECT 1 FROM documents_fts_docsize WHERE id = old.id), old.title, old.body
    FROM fts_deferred WHERE old.id < documents_from;
END;

CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, quote, speaker)
    SELECT 'delete', old.id, old.quote, old.speaker
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred)
      AND EXISTS (SELECT 1 FROM quotes_fts_docsize WHERE id = old.id);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'quotes', old.id,
           EXISTS (SELECT 1 FROM quotes_fts_docsize WHERE id = old.id), old.quote, old.speaker
    FROM fts_deferred WHERE old.id < quotes_from;
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF quote, speaker ON quotes
WHEN old.quote IS NOT new.quote OR old.speaker IS NOT new.speaker BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, quote, speaker)
    SELECT 'delete', old.id, old.quote, old.speaker
    WHERE NOT EXISTS (SELECT 1 FROM fts_deferred)
      AND EXISTS (SELECT 1 FROM quotes_fts_docsize WHERE id = old.id);
    INSERT INTO quotes_fts (rowid, quote, speaker)
    SELECT new.id, new.quote, new.speaker WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'quotes', old.id,
           EXISTS (SELECT 1 FROM quotes_fts_docsize WHERE id = old.id), old.quote, old.speaker
    FROM fts_deferred WHERE old.id < quotes_from;
END;
