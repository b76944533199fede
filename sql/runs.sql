-- The history of ingest runs: when each ran, whether it completed, and what it did. The
-- summary column is JSON (see README.md); json_extract pulls single counts out of it.
SELECT id,
       datetime(started_at, 'unixepoch')              AS started,
       status,
       json_extract(summary, '$.new')                 AS new,
       json_extract(summary, '$.changed')             AS changed,
       json_extract(summary, '$.unchanged')           AS unchanged,
       json_extract(summary, '$.rejected')            AS rejected,
       json_extract(summary, '$.rederived')           AS rederived
FROM runs
ORDER BY id;
