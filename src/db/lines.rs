//! Storage of what parse decided about each document: line verdicts and sentence offsets (one
//! compact JSON row per document, unpacked by the `v_lines` and `v_sentences` views), wire
//! credits, and the line fingerprints behind the recurring-boilerplate rule.
//!
//! The fingerprint table is what makes that rule independent of the order files are read in:
//! [`Database::recurring_lines`] gives the next run its knowledge, and
//! [`Database::inconsistent_documents`] names the stored documents whose verdicts the current
//! counts would change, for the driver to re-derive after each run.

use std::collections::HashSet;
use std::fmt::Write as _;

use rusqlite::{Connection, params};

use super::{Database, Result};
use crate::corpus::RECURRING_MIN_DOCUMENTS;
use crate::document::Article;
use crate::offsets::CharOffsets;

/// A document's line verdicts and sentence offsets as stored: one JSON text each. Encoded by
/// the worker that derived the article, so the single writer only stores them.
///
/// A line that is, word for word, line `line_no` of the stored `documents.raw_text` is stored
/// as its character offsets there (`[start, end]` when kept, `[start, end, reason]` when
/// dropped) rather than as a second copy of its text (65 MB of a 439 MB database before);
/// any other line (from an HTML page, or one whose character references parse decoded) is
/// stored as text (`"text"`, `[text, reason]`), and a blank line as `0`. Migration V8's
/// `v_lines` reads every form.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    lines: String,
    sentences: String,
}

impl Structure {
    /// `source` is the text the article was derived from, as `documents.raw_text` stores it.
    pub fn of(article: &Article, source: &str) -> Structure {
        let mut lines = String::with_capacity(article.lines.len() * 16 + 64);
        let mut source_lines = SourceLines::new(source);
        lines.push('[');
        for (i, l) in article.lines.iter().enumerate() {
            if i > 0 {
                lines.push(',');
            }
            let in_source = source_lines
                .line(l.line_no)
                .filter(|(text, _)| *text == l.text)
                .map(|(_, chars)| chars);
            match (l.dropped, in_source) {
                _ if l.text.trim().is_empty() => lines.push('0'),
                (None, Some(chars)) => {
                    let _ = write!(lines, "[{},{}]", chars.start, chars.end);
                }
                (Some(reason), Some(chars)) => {
                    let _ = write!(
                        lines,
                        "[{},{},\"{}\"]",
                        chars.start,
                        chars.end,
                        reason.as_str()
                    );
                }
                (None, None) => lines.push_str(&json_string(&l.text)),
                (Some(reason), None) => {
                    let _ = write!(lines, "[{},\"{}\"]", json_string(&l.text), reason.as_str());
                }
            }
        }
        lines.push(']');
        let offsets = CharOffsets::new(&article.body);
        let mut sentences = String::with_capacity(article.sentences.len() * 12 + 2);
        sentences.push('[');
        for (i, s) in article.sentences.iter().enumerate() {
            if i > 0 {
                sentences.push(',');
            }
            let _ = write!(
                sentences,
                "[{},{}]",
                offsets.char_at(s.start),
                offsets.char_at(s.end)
            );
        }
        sentences.push(']');
        Structure { lines, sentences }
    }
}

/// Replaces everything stored about `document_id`'s parse with what `article` says
/// (`structure` is [`Structure::of`] the same article).
pub fn write(
    conn: &Connection,
    document_id: i64,
    article: &Article,
    structure: &Structure,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO document_structure (document_id, lines, sentences) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![document_id, structure.lines, structure.sentences])?;

    conn.prepare_cached("DELETE FROM credits WHERE document_id = ?1")?
        .execute([document_id])?;
    for credit in &article.credits {
        conn.prepare_cached("INSERT OR IGNORE INTO credits (document_id, credit) VALUES (?1, ?2)")?
            .execute(params![document_id, credit])?;
    }

    conn.prepare_cached("DELETE FROM line_fingerprints WHERE document_id = ?1")?
        .execute([document_id])?;
    for f in &article.fingerprints {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO line_fingerprints (fp, document_id, kept_by_content, recurring) \
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![f.fp as i64, document_id, f.kept_by_content, f.recurring])?;
    }
    Ok(())
}

/// The lines of a text as `str::lines` splits them, each with its character range in the
/// text, read forward as they are asked for.
struct SourceLines<'a> {
    rest: &'a str,
    /// Number of the next line in `rest`, and its first character's offset in the text.
    next_no: usize,
    next_char: usize,
}

impl<'a> SourceLines<'a> {
    fn new(text: &'a str) -> SourceLines<'a> {
        SourceLines {
            rest: text,
            next_no: 0,
            next_char: 0,
        }
    }

    /// Line `no` and its character range; `None` past the end, or for a line before one
    /// already read.
    fn line(&mut self, no: usize) -> Option<(&'a str, std::ops::Range<usize>)> {
        while self.next_no <= no && !self.rest.is_empty() {
            let (piece, rest) = match self.rest.find('\n') {
                Some(i) => self.rest.split_at(i + 1),
                None => (self.rest, ""),
            };
            let line = match piece.strip_suffix('\n') {
                Some(line) => line.strip_suffix('\r').unwrap_or(line),
                None => piece,
            };
            let start = self.next_char;
            let chars = line.chars().count();
            // What follows the line is "\n" or "\r\n": one character a byte.
            self.next_char += chars + (piece.len() - line.len());
            self.rest = rest;
            self.next_no += 1;
            if self.next_no == no + 1 {
                return Some((line, start..start + chars));
            }
        }
        None
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

impl Database {
    /// Fingerprints of the lines found in at least [`RECURRING_MIN_DOCUMENTS`] documents.
    pub fn recurring_lines(&self) -> Result<HashSet<u64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT fp FROM line_fingerprints GROUP BY fp HAVING count(*) >= ?1")?;
        let rows = stmt.query_map([RECURRING_MIN_DOCUMENTS], |r| r.get::<_, i64>(0))?;
        let mut out = HashSet::new();
        for fp in rows {
            out.insert(fp? as u64);
        }
        Ok(out)
    }

    /// Documents derived with a different idea of which of their lines recur than the one the
    /// stored counts give now: a line became recurring after they were derived (or stopped
    /// being so, when documents were removed). Re-deriving them makes the result the same
    /// whatever the order files were read in.
    pub fn inconsistent_documents(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "WITH counts AS (SELECT fp, count(*) AS n FROM line_fingerprints GROUP BY fp) \
             SELECT DISTINCT f.document_id FROM line_fingerprints f JOIN counts c ON c.fp = f.fp \
             WHERE f.kept_by_content = 1 AND f.recurring <> (c.n >= ?1) ORDER BY f.document_id",
        )?;
        let rows = stmt.query_map([RECURRING_MIN_DOCUMENTS], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DropReason, LineFingerprint, LineVerdict};

    #[test]
    fn source_lines_have_character_ranges() {
        let mut lines = SourceLines::new("é\r\n\nab\r");
        assert_eq!(lines.line(0), Some(("é", 0..1)));
        assert_eq!(
            lines.line(2),
            Some(("ab\r", 4..7)),
            "a last \\r stays, as str::lines keeps it"
        );
        assert_eq!(lines.line(1), None, "lines are read forward");
        assert_eq!(lines.line(3), None);
        let text = "one\r\ntwo\n\nthree";
        let mut lines = SourceLines::new(text);
        for (no, expected) in text.lines().enumerate() {
            assert_eq!(lines.line(no).map(|(l, _)| l), Some(expected));
        }
    }

    #[test]
    fn lines_and_sentences_unpack_through_the_views() -> Result<()> {
        let db = Database::open_in_memory()?;
        let c = &db.conn;
        c.execute(
            "INSERT INTO documents (id, sha256, raw_text, encoding, body, extractor_version) \
             VALUES (1, 'x', 'T\n\n“É” one. Two.', 'UTF-8', '“É” one. Two.', 1)",
            [],
        )?;
        let article = Article {
            body: "“É” one. Two.".into(),
            sentences: vec![0..13, 14..18],
            credits: vec!["Reuters".into()],
            lines: vec![
                LineVerdict {
                    line_no: 0,
                    text: "T".into(),
                    dropped: Some(DropReason::Title),
                },
                LineVerdict {
                    line_no: 1,
                    text: "".into(),
                    dropped: Some(DropReason::Blank),
                },
                LineVerdict {
                    line_no: 2,
                    text: "“É” one. Two.".into(),
                    dropped: None,
                },
            ],
            fingerprints: vec![LineFingerprint {
                fp: u64::MAX,
                kept_by_content: true,
                recurring: false,
            }],
            ..Article::default()
        };
        let structure = Structure::of(&article, "T\n\n“É” one. Two.");
        write(c, 1, &article, &structure)?;
        write(c, 1, &article, &structure)?;
        let rows: Vec<(i64, String, bool, Option<String>)> = c
            .prepare("SELECT line_no, text, kept, reason FROM v_lines ORDER BY line_no")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(rows[0], (0, "T".into(), false, Some("title".into())));
        assert_eq!(rows[1], (1, "".into(), false, Some("blank".into())));
        assert_eq!(rows[2], (2, "“É” one. Two.".into(), true, None));
        let s: Vec<String> = c
            .prepare("SELECT text FROM v_sentences ORDER BY sentence_no")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(s, ["“É” one.", "Two."]);
        let stored: String =
            c.query_row("SELECT lines FROM document_structure", [], |r| r.get(0))?;
        assert_eq!(
            stored, r#"[[0,1,"title"],0,[3,16]]"#,
            "lines of raw_text as offsets"
        );

        // A line that is not verbatim in the stored text is stored as text, and rows written
        // before V8 (every line as text) read as before.
        c.execute(
            "INSERT INTO documents (id, sha256, raw_text, encoding, body, extractor_version) \
             VALUES (2, 'y', 'AT&amp;T\nMenu', 'UTF-8', 'AT&T', 1)",
            [],
        )?;
        let decoded = Article {
            lines: vec![
                LineVerdict {
                    line_no: 0,
                    text: "AT&T".into(),
                    dropped: None,
                },
                LineVerdict {
                    line_no: 1,
                    text: "Menu".into(),
                    dropped: Some(DropReason::Navigation),
                },
            ],
            ..Article::default()
        };
        write(c, 2, &decoded, &Structure::of(&decoded, "AT&amp;T\nMenu"))?;
        c.execute(
            "INSERT INTO documents (id, sha256, raw_text, encoding, body, extractor_version) \
             VALUES (3, 'z', 'x', 'UTF-8', 'B', 1)",
            [],
        )?;
        c.execute(
            r#"INSERT INTO document_structure VALUES (3, '["B",["Menu","navigation"],0]', '[]')"#,
            [],
        )?;
        let rows: Vec<(i64, i64, String, bool, Option<String>)> = c
            .prepare("SELECT document_id, line_no, text, kept, reason FROM v_lines WHERE document_id > 1 ORDER BY 1, 2")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(
            rows,
            [
                (2, 0, "AT&T".into(), true, None),
                (2, 1, "Menu".into(), false, Some("navigation".into())),
                (3, 0, "B".into(), true, None),
                (3, 1, "Menu".into(), false, Some("navigation".into())),
                (3, 2, "".into(), false, Some("blank".into())),
            ]
        );

        let n: i64 = c.query_row("SELECT count(*) FROM credits", [], |r| r.get(0))?;
        assert_eq!(n, 1);
        assert!(db.recurring_lines()?.is_empty());
        assert!(db.inconsistent_documents()?.is_empty());
        Ok(())
    }
}
