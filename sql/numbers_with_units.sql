-- Numbers with their unit or counted thing: the most frequent units across the corpus, with
-- an example of each as written. `unit` is the counted thing for counts ('incidents',
-- 'troops'), an ISO currency code for money ('USD'), or 'percent'.
SELECT unit,
       kind,
       count(*)                     AS occurrences,
       min(text)                    AS example,
       round(min(value), 2)         AS smallest,
       round(max(value), 2)         AS largest
FROM v_numbers
WHERE unit IS NOT NULL
GROUP BY unit, kind
ORDER BY occurrences DESC, unit
LIMIT 25;
