-- What one person said, outlet by outlet: every quote attributed to a person, with the outlet
-- and title of the article that carried it. Change the name in `wanted` to follow someone
-- else; matching is on the canonical entity, so 'Putin', 'he' and 'the Russian leader' in the
-- text all count when they were resolved to Vladimir Putin.
WITH wanted(name) AS (VALUES ('Vladimir Putin'))
SELECT coalesce(d.outlet, '(unknown)')    AS outlet,
       d.title,
       q.kind,
       q.cue,
       q.speaker_mention                  AS written_as,
       q.quote
FROM v_quotes q
JOIN v_documents d USING (document_id)
JOIN wanted w ON q.speaker = w.name
WHERE q.kind <> 'scare'
ORDER BY outlet, d.document_id, q.char_start;
