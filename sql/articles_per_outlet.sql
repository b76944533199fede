-- Articles per outlet: how many documents each publication contributed, and the date range
-- when the text states one. Documents whose outlet is unknown are counted under '(unknown)'.
-- Near-duplicate copies are counted separately, so syndication does not inflate an outlet.
SELECT coalesce(outlet, '(unknown)')              AS outlet,
       count(*)                                   AS articles,
       sum(duplicate_of IS NOT NULL)              AS near_duplicate_copies,
       min(published)                             AS first_published,
       max(published)                             AS last_published
FROM v_documents
GROUP BY 1
ORDER BY articles DESC, outlet;
