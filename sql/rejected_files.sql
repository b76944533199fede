-- Files that did not become documents, and why: rejected files (binary, empty, too large,
-- unreadable, changed while read) and skipped ones (not an article file type), plus files
-- whose text needed repairs to decode (encoding recorded per file).
SELECT status, path, reason
FROM v_files
WHERE status IN ('rejected', 'skipped')
UNION ALL
SELECT 'decoded with repairs', path, encoding || ': ' || encoding_note
FROM v_files
WHERE encoding_note IS NOT NULL
ORDER BY 1, 2;
