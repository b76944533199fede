-- Full-text search over quotes: what was said about an attack, with who said it. quotes_fts
-- indexes the quote and the speaker; a column filter limits a term to one of them, e.g.
-- MATCH 'speaker:putin AND attack'. Punctuated terms go in double quotes (see
-- search_hyphenated_terms.sql).
SELECT q.document_id,
       q.speaker,
       snippet(quotes_fts, 0, '[', ']', '…', 16)                AS quote
FROM quotes_fts
JOIN v_quotes q ON q.quote_id = quotes_fts.rowid
WHERE quotes_fts MATCH 'attack* OR threat*'
ORDER BY rank, q.quote_id
LIMIT 10;
