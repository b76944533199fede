-- V6: each number keeps the sentence it came from, so a reader can see it in context.
--
-- The sentence is stored as offsets (0-based Unicode code points into documents.body, end
-- exclusive, like char_start/char_end): usually one sentence, or the run of sentences a
-- number spans when the splitter cut inside it. Rows written before V6 have NULL offsets
-- until their document is re-derived (EXTRACTOR_VERSION was bumped with this change).

ALTER TABLE numbers ADD COLUMN sentence_start INTEGER;  -- start of the number's sentence in documents.body
ALTER TABLE numbers ADD COLUMN sentence_end   INTEGER;  -- end (exclusive) of that sentence

-- v_numbers gains the sentence offsets and the sentence text itself; every V1 column stays,
-- in the same order.
DROP VIEW v_numbers;
CREATE VIEW v_numbers AS
SELECT n.document_id, n.text, n.value, n.unit, n.kind, n.normalized, n.char_start, n.char_end,
       n.qualifier, n.id AS number_id,
       n.sentence_start, n.sentence_end,
       substr(d.body, n.sentence_start + 1, n.sentence_end - n.sentence_start) AS sentence
FROM numbers n JOIN documents d ON d.id = n.document_id;
