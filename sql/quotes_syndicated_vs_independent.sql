-- One statement reported independently, or copied with the article? A quote cluster
-- (v_quotes.cluster_id: the same words attributed in several documents) is counted once per
-- near-duplicate cluster of its documents (coalesce(duplicate_of, document_id)): quotes whose
-- documents are all copies of one story are 'syndicated' (one report, spread), quotes found
-- in two or more distinct stories are 'independent' (several outlets reported the statement).
WITH quote_stories AS (
    SELECT q.cluster_id,
           count(DISTINCT q.document_id)                          AS documents,
           count(DISTINCT coalesce(d.duplicate_of, d.document_id)) AS stories,
           min(q.quote_id)                                        AS first_quote
    FROM v_quotes q
    JOIN v_documents d ON d.document_id = q.document_id
    WHERE q.cluster_id IS NOT NULL
    GROUP BY q.cluster_id
    HAVING count(DISTINCT q.document_id) > 1
)
SELECT s.cluster_id,
       f.speaker,
       substr(f.quote, 1, 60)                                     AS quote,
       s.documents,
       s.stories,
       CASE WHEN s.stories = 1 THEN 'syndicated' ELSE 'independent' END AS reported
FROM quote_stories s
JOIN v_quotes f ON f.quote_id = s.first_quote
ORDER BY s.stories DESC, s.documents DESC, s.cluster_id
LIMIT 25;
