-- V8: a line kept word for word from the stored text is stored as its place in that text.
--
-- V2 stored every source line's text in document_structure.lines, a second copy of
-- documents.raw_text: 65 MB of a 439 MB database on 20,000 articles, and as much of what an
-- ingest writes. From V8 on an element of that JSON array is one of:
--
--   [start, end]           a kept line: characters start..end of documents.raw_text
--                          (0-based code points, end exclusive, like every offset here)
--   [start, end, reason]   a dropped line, likewise
--   "text"                 a kept line that is not verbatim in raw_text (HTML pages, or
--                          character references that parse decoded)
--   [text, reason]         a dropped line, likewise
--   0                      a blank line
--
-- Rows written before V8 hold only the last three forms, which read as before; v_lines
-- gives the same columns for all of them. (Each test of j.type is a CASE branch because
-- SQLite may evaluate both sides of an AND, and a JSON function given a kept line's plain
-- text fails on it.)

DROP VIEW v_lines;
CREATE VIEW v_lines AS
SELECT s.document_id,
       CAST(j.key AS INTEGER) AS line_no,
       CASE
           WHEN j.type = 'text' THEN j.value
           WHEN j.type = 'array' AND json_type(j.value, '$[0]') = 'integer'
               THEN substr(d.raw_text, json_extract(j.value, '$[0]') + 1,
                           json_extract(j.value, '$[1]') - json_extract(j.value, '$[0]'))
           WHEN j.type = 'array' THEN json_extract(j.value, '$[0]')
           ELSE ''
       END AS text,
       CASE
           WHEN j.type = 'text' THEN 1
           WHEN j.type = 'array' THEN json_type(j.value, '$[0]') = 'integer'
                                      AND json_array_length(j.value) = 2
           ELSE 0
       END AS kept,
       CASE
           WHEN j.type = 'text' THEN NULL
           WHEN j.type = 'array' AND json_type(j.value, '$[0]') = 'integer'
               THEN json_extract(j.value, '$[2]')
           WHEN j.type = 'array' THEN json_extract(j.value, '$[1]')
           ELSE 'blank'
       END AS reason
FROM document_structure s JOIN documents d ON d.id = s.document_id, json_each(s.lines) j;
