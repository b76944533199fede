-- Most-quoted speakers: who is quoted most, counting direct, partial and indirect quotes
-- separately, and in how many documents. `speaker` is the canonical entity name when the
-- speaker was resolved (e.g. 'Vladimir Putin' for "he" or "the Russian leader"), otherwise
-- the source as written ('officials'). Scare quotes (kind 'scare') are not speech.
SELECT speaker,
       count(*)                          AS quotes,
       sum(kind = 'direct')              AS direct,
       sum(kind = 'partial')             AS partial,
       sum(kind = 'indirect')            AS indirect,
       count(DISTINCT document_id)       AS documents
FROM v_quotes
WHERE speaker IS NOT NULL AND kind <> 'scare'
GROUP BY speaker
ORDER BY quotes DESC, speaker
LIMIT 20;
