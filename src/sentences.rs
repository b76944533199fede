//! Sentence boundaries inside a paragraph of the body.
//!
//! Boundaries come from `sentencex` (Wikimedia's rule-based segmenter): it ships curated English
//! abbreviation lists, initials, decimals, `a.m.`/`p.m.` and quote handling, which is exactly
//! the long tail a hand-written splitter gets wrong (`U.S.`, `St. Petersburg`, `Gen.`, `Jan.`,
//! `J. R. R. Tolkien`, `3.5 percent`). This module only turns its slices into byte spans of the
//! body without the whitespace around them; what a sentence means is left to the extractors.

use sentencex::languages::Language;

use crate::document::Span;

thread_local! {
    // The segmenter holds compiled rules; build it once per thread.
    static ENGLISH: Box<dyn Language> = sentencex::language_factory("en");
}

/// Sentences of `body[para]`, as byte spans into `body`, trimmed, never empty.
pub fn split(body: &str, para: Span) -> Vec<Span> {
    let text = &body[para.clone()];
    let mut out = Vec::new();
    if text.trim().is_empty() {
        return out;
    }
    let base = text.as_ptr() as usize;
    ENGLISH.with(|lang| {
        for piece in lang.segment(text) {
            let start = piece.as_ptr() as usize - base;
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let s = para.start + start + lead;
            out.push(s..s + trimmed.len());
        }
    });
    if out.is_empty() {
        let lead = text.len() - text.trim_start().len();
        out.push(para.start + lead..para.start + lead + text.trim().len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0..text.len())
            .into_iter()
            .map(|s| &text[s])
            .collect()
    }

    #[test]
    fn abbreviations_initials_decimals_and_quotes() {
        assert_eq!(
            sentences(
                "U.S. troops left St. Petersburg on Jan. 5. Gen. Smith said 3.5 percent. J. R. Ewing agreed."
            ),
            [
                "U.S. troops left St. Petersburg on Jan. 5.",
                "Gen. Smith said 3.5 percent.",
                "J. R. Ewing agreed."
            ]
        );
        assert_eq!(
            sentences("“We are ready,” he said. “No one wants this.” Then he left."),
            [
                "“We are ready,” he said.",
                "“No one wants this.”",
                "Then he left."
            ]
        );
    }

    #[test]
    fn spans_stay_on_char_boundaries() {
        for text in [
            "",
            "é",
            "ééé. ààà! ççç?",
            "“unbalanced",
            &"word ".repeat(20_000),
        ] {
            let spans = split(text, 0..text.len());
            for s in spans {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                assert!(s.start < s.end);
            }
        }
    }
}
