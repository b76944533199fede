-- V9: the quote indexes on speaker and cluster leave out the quotes that have neither.
--
-- Most quotes have no resolved speaker entity or no cluster (scare quotes, indirect quotes and
-- short quotes are not clustered): on 20,000 articles, 88,000 of 220,000 quotes have no
-- speaker entity and 140,000 no cluster. V1's indexes held a row for each of them that
-- every ingest wrote and no query reads, since `x = ?`, `x IN (...)` and joins on x never
-- match NULL. SQLite uses an index `WHERE x IS NOT NULL` for any such comparison on x.

DROP INDEX quotes_speaker;
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id) WHERE speaker_entity_id IS NOT NULL;
DROP INDEX quotes_cluster;
CREATE INDEX quotes_cluster ON quotes(cluster_id) WHERE cluster_id IS NOT NULL;
