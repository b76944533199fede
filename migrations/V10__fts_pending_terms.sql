-- FTS5 writes its pending terms out as a new index segment whenever they pass 'hashsize'
-- (1 MB by default). The ingest writer indexes a whole batch of documents in one statement
-- (V5), so at 1 MB a batch became dozens of small segments, which automerge and crisis merges
-- then read and wrote again. At 8 MB: on 20,000 articles, 0.5 s less writer time (9.5 -> 8.9 s,
-- three interleaved runs) and fewer segments for a query to read, for at most 8 MB more
-- memory per index while a batch is being indexed.
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('hashsize', 8388608);
