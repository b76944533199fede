-- Near-duplicate clusters: stories stored more than once in slightly different form
-- (syndicated with other page furniture, lightly edited, updated). Each cluster is named by
-- its earliest document; v_documents.duplicate_of of every other member points at it, and
-- duplicate_similarity estimates how much of the text they share (Jaccard of word 3-shingles,
-- 0..1). Pairs and their similarities are in v_duplicates; the threshold is
-- `ingest --near-threshold` (stored in near_dup_settings). To count each story once, keep
-- the rows WHERE duplicate_of IS NULL.
SELECT o.document_id                           AS cluster_id,
       o.title,
       count(d.document_id) + 1                AS documents,
       round(min(d.duplicate_similarity), 2)   AS least_similar,
       group_concat(DISTINCT d.outlet)         AS copied_by
FROM v_documents o
JOIN v_documents d ON d.duplicate_of = o.document_id
GROUP BY o.document_id
ORDER BY documents DESC, o.document_id
LIMIT 25;
