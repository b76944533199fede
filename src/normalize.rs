//! Stage 4, normalize: one form for the text every extractor reads.
//!
//! Turns a [`RawArticle`] into an [`Article`]: Unicode NFC, paragraphs joined by a blank line,
//! and the paragraph and sentence boundaries as byte spans of the body. The writer's own
//! characters (curly quotes, dashes) are kept.

use unicode_normalization::UnicodeNormalization;

use crate::document::{Article, RawArticle, Span};

pub fn normalize(raw: RawArticle) -> Article {
    let clean = |s: &str| -> String { s.nfc().collect() };
    let mut body = String::new();
    let mut paragraphs = Vec::with_capacity(raw.paragraphs.len());
    for para in &raw.paragraphs {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(&clean(para));
        paragraphs.push(start..body.len());
    }
    let sentences = paragraphs
        .iter()
        .flat_map(|p| split_sentences(&body, p.clone()))
        .collect();
    Article {
        title: raw.title.as_deref().map(clean),
        outlet: raw.outlet,
        dateline: raw.dateline,
        byline: raw.byline,
        published: raw.published,
        credits: raw.credits,
        body,
        paragraphs,
        sentences,
        lines: raw.lines,
        fingerprints: raw.fingerprints,
    }
}

/// Sentences of one paragraph: a `.`, `!` or `?` followed by a space and a capital letter.
fn split_sentences(body: &str, para: Span) -> Vec<Span> {
    let text = &body[para.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?')
            && bytes.get(i + 1) == Some(&b' ')
            && text[i + 2..].chars().next().is_some_and(char::is_uppercase)
        {
            out.push(para.start + start..para.start + i + 1);
            start = i + 2;
        }
    }
    if start < text.len() {
        out.push(para.start + start..para.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_paragraphs_and_splits_sentences() {
        let raw = RawArticle {
            paragraphs: vec!["One. Two!".into(), "Three".into()],
            ..RawArticle::default()
        };
        let a = normalize(raw);
        assert_eq!(a.body, "One. Two!\n\nThree");
        let s: Vec<&str> = a.sentences.iter().map(|s| &a.body[s.clone()]).collect();
        assert_eq!(s, ["One.", "Two!", "Three"]);
    }
}
