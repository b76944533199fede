-- Quote clusters: the same statement carried by several documents (reprinted, abridged, with
-- other punctuation) shares one quotes.cluster_id, so that a user can count the outlets that
-- carried it. Clusters are assigned when a quote is written (src/db/quotes.rs), from keys
-- stored here; nothing is held in memory between documents.

-- One row per cluster.
CREATE TABLE quote_clusters (
    id          INTEGER PRIMARY KEY,
    n_keys      INTEGER NOT NULL,                      -- keys of the longest quote seen in it
    created_run INTEGER                                -- run that opened the cluster
);

-- Keys of the quotes in a cluster: 64-bit hashes of four-word shingles of the normalized quote
-- (lower-case words, punctuation dropped), winnowed (the smallest of every four in a row), or of
-- all its words when it is short. Two quotes sharing a run of seven words share a key.
CREATE TABLE quote_keys (
    key        INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES quote_clusters(id) ON DELETE CASCADE,
    PRIMARY KEY (key, cluster_id)
) WITHOUT ROWID;

-- How far each statement travelled: one row per cluster with the documents and outlets that
-- carried it, the speakers named for it, and its longest wording.
CREATE VIEW v_quote_clusters AS
SELECT q.cluster_id,
       count(*)                      AS quotes,
       count(DISTINCT q.document_id) AS documents,
       count(DISTINCT d.outlet)      AS outlets,
       group_concat(DISTINCT q.speaker) AS speakers,
       (SELECT q2.quote FROM quotes q2 WHERE q2.cluster_id = q.cluster_id
        ORDER BY length(q2.quote) DESC LIMIT 1) AS quote
FROM quotes q JOIN documents d ON d.id = q.document_id
WHERE q.cluster_id IS NOT NULL
GROUP BY q.cluster_id;
