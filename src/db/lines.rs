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
#[derive(Debug, Clone, Default)]
pub struct Structure {
    lines: String,
    sentences: String,
}

impl Structure {
    pub fn of(article: &Article) -> Structure {
        let mut lines = String::with_capacity(article.body.len() * 2 + 64);
        lines.push('[');
        for (i, l) in article.lines.iter().enumerate() {
            if i > 0 {
                lines.push(',');
            }
            match l.dropped {
                _ if l.text.trim().is_empty() => lines.push('0'),
                None => lines.push_str(&json_string(&l.text)),
                Some(reason) => {
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
        let structure = Structure::of(&article);
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
        let n: i64 = c.query_row("SELECT count(*) FROM credits", [], |r| r.get(0))?;
        assert_eq!(n, 1);
        assert!(db.recurring_lines()?.is_empty());
        assert!(db.inconsistent_documents()?.is_empty());
        Ok(())
    }
}
