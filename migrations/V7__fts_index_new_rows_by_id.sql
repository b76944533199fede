-- V7: deferred full-text indexing finds the rows a batch added by their ids, instead of a
-- queue row for each of them.
--
-- V5's triggers noted every inserted document and quote in fts_queue while a batch deferred
-- indexing, and the batch then joined the queue back to its tables: for a first ingest that
-- is one extra row written and deleted for every quote (about ten an article). New rows get
-- ids above every id that existed when the batch began (SQLite gives a new row the largest
-- id plus one), so the batch records those two starting ids and indexes every row from them
-- on. The queue keeps only what the index held for rows that existed before the batch and
-- were then changed or deleted; a deleted last row whose id a new row takes again is one of
-- those, and is indexed again through the queue.

ALTER TABLE fts_deferred ADD COLUMN documents_from INTEGER NOT NULL DEFAULT 0; -- first documents.id new in the batch
ALTER TABLE fts_deferred ADD COLUMN quotes_from    INTEGER NOT NULL DEFAULT 0; -- first quotes.id new in the batch

DROP TRIGGER documents_ai;
DROP TRIGGER documents_ad;
DROP TRIGGER documents_au;
DROP TRIGGER quotes_ai;
DROP TRIGGER quotes_ad;
DROP TRIGGER quotes_au;

-- Outside a deferring batch, every change is indexed at once, as before.
CREATE TRIGGER documents_ai AFTER INSERT ON documents
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
    INSERT INTO documents_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body)
    SELECT 'delete', old.id, old.title, old.body WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'documents', old.id, 1, old.title, old.body FROM fts_deferred
    WHERE old.id < documents_from;
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, body ON documents
WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, body)
    SELECT 'delete', old.id, old.title, old.body WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT INTO documents_fts (rowid, title, body)
    SELECT new.id, new.title, new.body WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'documents', old.id, 1, old.title, old.body FROM fts_deferred
    WHERE old.id < documents_from;
END;

CREATE TRIGGER quotes_ai AFTER INSERT ON quotes
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
    INSERT INTO quotes_fts (rowid, quote, speaker) VALUES (new.id, new.quote, new.speaker);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, quote, speaker)
    SELECT 'delete', old.id, old.quote, old.speaker WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'quotes', old.id, 1, old.quote, old.speaker FROM fts_deferred
    WHERE old.id < quotes_from;
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF quote, speaker ON quotes
WHEN old.quote IS NOT new.quote OR old.speaker IS NOT new.speaker BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, quote, speaker)
    SELECT 'delete', old.id, old.quote, old.speaker WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT INTO quotes_fts (rowid, quote, speaker)
    SELECT new.id, new.quote, new.speaker WHERE NOT EXISTS (SELECT 1 FROM fts_deferred);
    INSERT OR IGNORE INTO fts_queue (tbl, id, indexed, old_a, old_b)
    SELECT 'quotes', old.id, 1, old.quote, old.speaker FROM fts_deferred
    WHERE old.id < quotes_from;
END;
