-- V2: what parse made of each document: every source line with its verdict, the body's sentence
-- boundaries, the wire services credited, and the fingerprints of short lines that the
-- recurring-boilerplate rule counts across the corpus.
--
-- Lines and sentences are stored as one compact JSON value per document (one insert per
-- document keeps ingest fast); the views v_lines and v_sentences unpack them into rows.

-- One row per document.
CREATE TABLE document_structure (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    lines       TEXT NOT NULL,  -- JSON array, element i = source line i: a string when the line is
                                -- kept in the body, [text, reason] when dropped, 0 when blank
    sentences   TEXT NOT NULL   -- JSON array of [char_start, char_end] into documents.body, in order
);

-- Wire services a document credits (dateline agency, 'Reuters contributed to this report.').
CREATE TABLE credits (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    credit      TEXT NOT NULL,  -- canonical agency name: Reuters, AP, AFP, ...
    PRIMARY KEY (document_id, credit)
) WITHOUT ROWID;

-- Short, non-sentence lines of each document by fingerprint: a line found in many documents is
-- recurring boilerplate. Kept so that the rule works across incremental runs.
CREATE TABLE line_fingerprints (
    fp              INTEGER NOT NULL, -- 64-bit FNV-1a of the line's lower-cased letters and digits
    document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kept_by_content INTEGER NOT NULL, -- 1 when only recurrence could drop the line (else another rule did)
    recurring       INTEGER NOT NULL, -- 1 when the line was dropped as recurring at the last derivation
    PRIMARY KEY (fp, document_id)
) WITHOUT ROWID;
CREATE INDEX line_fingerprints_document ON line_fingerprints(document_id);

-- Every source line of every document: kept in the body (kept = 1, reason NULL) or dropped with
-- its reason (title, navigation, caption, credit, widget, related-links, footer, metadata,
-- duplicate, recurring, comment, blank).
CREATE VIEW v_lines AS
SELECT s.document_id,
       CAST(j.key AS INTEGER) AS line_no,
       CASE j.type WHEN 'text' THEN j.value WHEN 'array' THEN json_extract(j.value, '$[0]') ELSE '' END AS text,
       j.type = 'text' AS kept,
       CASE j.type WHEN 'text' THEN NULL WHEN 'array' THEN json_extract(j.value, '$[1]') ELSE 'blank' END AS reason
FROM document_structure s, json_each(s.lines) j;

-- Sentences of the body, with offsets like every other view (0-based code points, end exclusive).
CREATE VIEW v_sentences AS
SELECT s.document_id,
       CAST(j.key AS INTEGER) AS sentence_no,
       json_extract(j.value, '$[0]') AS char_start,
       json_extract(j.value, '$[1]') AS char_end,
       substr(d.body, json_extract(j.value, '$[0]') + 1,
              json_extract(j.value, '$[1]') - json_extract(j.value, '$[0]')) AS text
FROM document_structure s JOIN documents d ON d.id = s.document_id, json_each(s.sentences) j;

CREATE VIEW v_credits AS
SELECT document_id, credit FROM credits;
