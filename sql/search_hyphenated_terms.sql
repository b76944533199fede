-- Searching for terms with hyphens and dots (COVID-19, al-Assad, U.S.-led). FTS5 reads a bare
-- `-` or `.` in a query as syntax: `MATCH 'U.S.-led'` is an error and `MATCH 'COVID-19'`
-- means something else. Put the term in double quotes, inside the SQL string: the tokenizer
-- then splits it exactly as it split the text, and the pieces match as a phrase (u, s, led
-- next to each other). Double any " that belongs to the term. `newsdb search` does this for
-- you. Below: articles with the phrase U.S.-led, or with "US-led" written without the dots.
SELECT d.document_id,
       d.title,
       snippet(documents_fts, 1, '[', ']', '…', 8)              AS snippet
FROM documents_fts
JOIN v_documents d ON d.document_id = documents_fts.rowid
WHERE documents_fts MATCH '"U.S.-led" OR "US-led"'
ORDER BY rank, d.document_id
LIMIT 10;
