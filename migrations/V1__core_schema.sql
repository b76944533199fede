-- V1: the core schema. Files on disk, the documents made from them, what was extracted from
-- each document, and the runs that did the work. Later migrations add tables of their own;
-- this file is never edited once applied (refinery refuses changed migrations).
--
-- Conventions: offsets are 0-based Unicode code-point offsets into documents.body, end
-- exclusive. Timestamps are Unix seconds (UTC). Booleans are 0/1 integers.

-- One row per `ingest` invocation.
CREATE TABLE runs (
    id                INTEGER PRIMARY KEY,
    started_at        INTEGER NOT NULL,               -- Unix seconds
    finished_at       INTEGER,                        -- NULL while running, or if the run was killed
    status            TEXT NOT NULL DEFAULT 'running' -- running | completed | interrupted | failed
                      CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
    roots             TEXT NOT NULL,                  -- JSON array of the folders given to ingest
    extractor_version INTEGER NOT NULL,               -- pipeline's EXTRACTOR_VERSION during the run
    summary           TEXT                            -- JSON: counts and stage timings (see README)
);

-- The stored article: decoded original text (so extraction can be re-run without the file)
-- and what parse/normalize made of it. One row per distinct content (sha256 of the bytes).
CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    sha256            TEXT NOT NULL UNIQUE,           -- hex SHA-256 of the original bytes
    format            TEXT NOT NULL DEFAULT 'text'    -- text | html: how raw_text is parsed
                      CHECK (format IN ('text', 'html')),
    raw_text          TEXT NOT NULL,                  -- the file decoded to UTF-8, otherwise untouched
    encoding          TEXT NOT NULL,                  -- encoding the bytes were decoded from (e.g. UTF-8, windows-1252)
    encoding_note     TEXT,                           -- what decoding had to repair, in words; NULL if nothing
    title             TEXT,                           -- NULL when the file has no title
    outlet            TEXT,                           -- publication, when the page names it
    dateline          TEXT,                           -- e.g. MOSCOW
    byline            TEXT,                           -- author(s) as written, when present
    published         TEXT,                           -- ISO 8601 date when the text states one
    body              TEXT NOT NULL,                  -- clean article text; all offsets point into it
    duplicate_of      INTEGER REFERENCES documents(id) ON DELETE SET NULL, -- earliest near-duplicate
    duplicate_similarity REAL,                        -- estimated similarity to duplicate_of (0..1)
    extractor_version INTEGER NOT NULL,               -- EXTRACTOR_VERSION that derived title..body and the extractions
    created_run       INTEGER REFERENCES runs(id),    -- run that first stored this content
    derived_run       INTEGER REFERENCES runs(id)     -- run that last derived it (ingest or re-derivation)
);
CREATE INDEX documents_extractor_version ON documents(extractor_version);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

-- Every path seen under a root: ingested, a byte-identical duplicate, rejected, skipped or removed.
CREATE TABLE files (
    id            INTEGER PRIMARY KEY,
    root          TEXT NOT NULL,                      -- absolute folder given to ingest (or the file's parent)
    path          TEXT NOT NULL,                      -- relative to root, '/'-separated
    size          INTEGER NOT NULL,                   -- bytes, at the time it was read
    mtime_ns      INTEGER NOT NULL,                   -- modification time, ns since the epoch
    sha256        TEXT,                               -- hex SHA-256 of the bytes; NULL if never read
    document_id   INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    status        TEXT NOT NULL                       -- ingested | duplicate | rejected | skipped | removed
                  CHECK (status IN ('ingested', 'duplicate', 'rejected', 'skipped', 'removed')),
    reason        TEXT,                               -- why rejected or skipped, in words
    first_run     INTEGER REFERENCES runs(id),        -- run that first saw this path
    changed_run   INTEGER REFERENCES runs(id),        -- run that last (re)read it
    UNIQUE (root, path)
);
CREATE INDEX files_document ON files(document_id);
CREATE INDEX files_sha256 ON files(sha256);

-- Canonical real-world things: one row per (name, kind) across the whole database.
CREATE TABLE entities (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,                              -- fullest known name, e.g. 'Vladimir Putin'
    kind  TEXT NOT NULL,                              -- person | organization | location | other words
    UNIQUE (name, kind)
);

-- Every surface form an entity was written as, database-wide.
CREATE TABLE aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,                          -- e.g. 'Putin', 'the Kremlin'
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

-- One occurrence of an entity in a document.
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    mention     TEXT NOT NULL,                        -- the words as written
    role        TEXT,                                 -- title attached to this mention, e.g. 'Defense Minister'
    in_title    INTEGER NOT NULL DEFAULT 0,           -- 1 when the mention is in the title (offsets NULL)
    char_start  INTEGER,                              -- into documents.body; NULL for title mentions
    char_end    INTEGER
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

-- Direct, partial and indirect quotes with their resolved speaker.
CREATE TABLE quotes (
    id                INTEGER PRIMARY KEY,
    document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL,                  -- direct | partial | indirect | scare (not speech)
    quote             TEXT NOT NULL,                  -- the words, without enclosing quotation marks
    speaker_entity_id INTEGER REFERENCES entities(id),-- resolved speaker, when it is an entity
    speaker           TEXT,                           -- canonical speaker name, or the source as written
    speaker_mention   TEXT,                           -- words near the quote naming the speaker ('he', 'Putin')
    cue               TEXT,                           -- reporting verb or phrase ('told reporters')
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    cluster_id        INTEGER                         -- same statement across documents share it
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);
CREATE INDEX quotes_cluster ON quotes(cluster_id);

-- Quantities, dates and years.
CREATE TABLE numbers (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,                        -- as written, e.g. '25,000 [American] Troops'
    value       REAL,                                 -- numeric value (for dates: NULL or the year)
    unit        TEXT,                                 -- counted thing or unit: 'troops', 'percent', 'USD'
    kind        TEXT NOT NULL,                        -- cardinal | ordinal | percent | money | year | date | duration | multiplier | ...
    normalized  TEXT,                                 -- ISO 8601 for dates, else a canonical string or NULL
    qualifier   TEXT,                                 -- approximation as written: 'about', 'more than'
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL
);
CREATE INDEX numbers_document ON numbers(document_id);

-- ---------------------------------------------------------------------------------------
-- The query views: the database's public interface (README.md documents every column).

CREATE VIEW v_files AS
SELECT f.path, f.document_id, f.sha256, f.status, f.reason,
       f.root, f.size, f.mtime_ns, d.encoding, d.encoding_note
FROM files f LEFT JOIN documents d ON d.id = f.document_id;

CREATE VIEW v_documents AS
SELECT id AS document_id, title, outlet, dateline, published, body, duplicate_of,
       byline, duplicate_similarity, encoding, sha256
FROM documents;

CREATE VIEW v_quotes AS
SELECT q.document_id, q.kind, q.quote, q.speaker, q.speaker_mention, q.cue,
       q.char_start, q.char_end, q.id AS quote_id, q.cluster_id, q.speaker_entity_id
FROM quotes q;

CREATE VIEW v_mentions AS
SELECT m.document_id, e.name AS entity, e.kind, m.mention, m.role, m.char_start, m.char_end,
       m.entity_id, m.in_title
FROM mentions m JOIN entities e ON e.id = m.entity_id;

CREATE VIEW v_entities AS
SELECT m.document_id, e.name AS entity, e.kind, count(*) AS mentions, e.id AS entity_id
FROM mentions m JOIN entities e ON e.id = m.entity_id
GROUP BY m.document_id, e.id;

CREATE VIEW v_numbers AS
SELECT n.document_id, n.text, n.value, n.unit, n.kind, n.normalized, n.char_start, n.char_end,
       n.qualifier, n.id AS number_id
FROM numbers n;
