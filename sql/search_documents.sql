-- Full-text search over articles: the ones mentioning both NATO and Finland, best match
-- first, with a snippet (matched words in [brackets]). documents_fts indexes title and body
-- with porter stemming, without case or accents: 'finland' also finds "Finland's", 'elect'
-- finds "elections". Operators: AND, OR, NOT, "a phrase", prefix*, NEAR(a b, 5), and
-- title:word for one column. bm25() ranks; its arguments weight title 5x over body.
SELECT d.document_id,
       d.title,
       round(bm25(documents_fts, 5.0, 1.0), 2)                  AS score,
       snippet(documents_fts, 1, '[', ']', '…', 12)             AS snippet
FROM documents_fts
JOIN v_documents d ON d.document_id = documents_fts.rowid
WHERE documents_fts MATCH 'nato AND finland'
ORDER BY bm25(documents_fts, 5.0, 1.0), d.document_id
LIMIT 10;
