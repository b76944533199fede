-- Entities that appear together: pairs of people, organizations and places mentioned in the
-- same documents, most frequent pairs first. The pair is ordered by name so each appears
-- once. Restrict the kinds to e.g. only people by editing the IN list.
SELECT a.entity                        AS entity_a,
       a.kind                          AS kind_a,
       b.entity                        AS entity_b,
       b.kind                          AS kind_b,
       count(*)                        AS documents_together
FROM v_entities a
JOIN v_entities b ON a.document_id = b.document_id AND a.entity < b.entity
WHERE a.kind IN ('person', 'organization', 'location')
  AND b.kind IN ('person', 'organization', 'location')
GROUP BY a.entity, a.kind, b.entity, b.kind
HAVING count(*) > 1
ORDER BY documents_together DESC, entity_a, entity_b
LIMIT 25;
