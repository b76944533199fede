//! Stage 4, normalize: one form for the text every extractor reads.
//!
//! Turns a [`RawArticle`] into an [`Article`]: mojibake repaired (`â€™` → `’`), non-breaking
//! and other odd spaces folded to a plain space and zero-width characters removed, Unicode NFC,
//! paragraphs joined by a blank line, and the paragraph and sentence boundaries as byte spans
//! of the body. The writer's own characters (curly quotes, dashes) are kept: extractors treat
//! `"` and `“”` alike. Which lines are paragraphs, and which repeat, was decided by `parse`.
//!
//! Speed matters here (every article passes through): each step first asks whether it has
//! anything to do (pure ASCII, NFC quick check, no mojibake lead character) and returns the
//! input untouched when not.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::document::{Article, RawArticle};
use crate::sentences;

pub fn normalize(raw: RawArticle) -> Article {
    let mut body = String::new();
    let mut paragraphs = Vec::with_capacity(raw.paragraphs.len());
    for para in &raw.paragraphs {
        let clean = clean_text(para);
        if clean.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(&clean);
        paragraphs.push(start..body.len());
    }
    let sentences = paragraphs
        .iter()
        .flat_map(|p| sentences::split(&body, p.clone()))
        .collect();
    let clean_opt = |s: Option<String>| {
        s.map(|s| clean_text(&s).into_owned())
            .filter(|s| !s.is_empty())
    };
    Article {
        title: clean_opt(raw.title),
        outlet: clean_opt(raw.outlet),
        dateline: clean_opt(raw.dateline),
        byline: clean_opt(raw.byline),
        published: raw.published,
        credits: raw.credits,
        body,
        paragraphs,
        sentences,
        lines: raw.lines,
        fingerprints: raw.fingerprints,
    }
}

/// One line of text in the normal form: mojibake repaired, spaces folded, NFC, trimmed.
pub fn clean_text(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return fold_ascii_spaces(s);
    }
    let repaired = repair_mojibake(s);
    let spaced = match fold_spaces(&repaired) {
        Cow::Borrowed(_) => repaired,
        Cow::Owned(o) => Cow::Owned(o),
    };
    let nfc = match is_nfc_quick(spaced.chars()) {
        IsNormalized::Yes => spaced,
        _ => Cow::Owned(spaced.nfc().collect()),
    };
    match nfc {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
        Cow::Owned(o) => {
            let t = o.trim();
            if t.len() == o.len() {
                Cow::Owned(o)
            } else {
                Cow::Owned(t.to_string())
            }
        }
    }
}

fn fold_ascii_spaces(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    // On bytes: a char-set `contains` decodes every character, and `t` is ASCII.
    if !t.bytes().any(|b| b == b'\t' || b == b'\r') && !t.contains("  ") {
        return Cow::Borrowed(t);
    }
    Cow::Owned(t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Spaces a scraper leaves in text that a reader sees as one plain space.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\t' | '\u{1680}'
    )
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{feff}' | '\u{00ad}' | '\u{2060}')
}

/// Odd spaces become one plain space, runs of spaces collapse, invisible characters go, and
/// the ellipsis character becomes three dots. The ellipsis is a compatibility character (NFKC
/// writes it as `...`): giving it one form means `…` and `...` search and compare alike, and
/// tools that fold it (as many do) still count the same characters as the stored offsets.
fn fold_spaces(s: &str) -> Cow<'_, str> {
    let needs = s
        .chars()
        .any(|c| is_odd_space(c) || is_invisible(c) || c == '…')
        || s.contains("  ");
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if c == '…' {
            out.push_str("...");
            last_space = false;
            continue;
        }
        let c = if is_odd_space(c) { ' ' } else { c };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    Cow::Owned(out)
}

/// Text that was UTF-8, decoded as Windows-1252 by someone upstream (`â€™` for `’`, `Ã©` for
/// `é`), turned back. Each run of non-ASCII characters that starts with a typical lead
/// character is re-encoded to Windows-1252 bytes and decoded as UTF-8; the run is replaced
/// only when that succeeds, so real `Ã` or `â` in French or Portuguese text stays.
///
/// Hand-written because the crates that do this (ports of Python's ftfy) are unmaintained or
/// pull in large tables for a repair that comes down to one encoding round trip.
pub fn repair_mojibake(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| matches!(c, 'Â'..='ß' | 'à'..='ï')) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut run_start: Option<usize> = None;
    let flush = |run: &str, out: &mut String, changed: &mut bool| {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(run);
        if !unmappable
            && bytes.iter().any(|b| *b >= 0x80)
            && let Ok(fixed) = std::str::from_utf8(&bytes)
            && fixed != run
        {
            out.push_str(fixed);
            *changed = true;
        } else {
            out.push_str(run);
        }
    };
    for (i, c) in s.char_indices() {
        let in_run = !c.is_ascii() && c != '\u{fffd}';
        match (in_run, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(start)) => {
                flush(&s[start..i], &mut out, &mut changed);
                run_start = None;
                out.push(c);
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(start) = run_start {
        flush(&s[start..], &mut out, &mut changed);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_paragraphs_and_splits_sentences() {
        let raw = RawArticle {
            paragraphs: vec!["One thing. Two things!".into(), "Three".into()],
            ..RawArticle::default()
        };
        let a = normalize(raw);
        assert_eq!(a.body, "One thing. Two things!\n\nThree");
        let s: Vec<&str> = a.sentences.iter().map(|s| &a.body[s.clone()]).collect();
        assert_eq!(s, ["One thing.", "Two things!", "Three"]);
    }

    #[test]
    fn repairs_mojibake_and_keeps_real_accents() {
        assert_eq!(repair_mojibake("Russiaâ€™s leader"), "Russia’s leader");
        assert_eq!(repair_mojibake("â€œQuoteâ€\u{9d}"), "“Quote”");
        assert_eq!(repair_mojibake("cafÃ© at Â£5"), "café at £5");
        assert_eq!(
            repair_mojibake("São Paulo, Ãgua, à bientôt"),
            "São Paulo, Ãgua, à bientôt"
        );
    }

    #[test]
    fn folds_spaces_and_composes() {
        assert_eq!(clean_text("a\u{a0}b\u{2009}c  d\u{200b}e "), "a b c de");
        assert_eq!(
            clean_text("in its work… It follows"),
            "in its work... It follows"
        );
        assert_eq!(clean_text("Cafe\u{301}"), "Café");
        assert_eq!(clean_text("“curly” stays"), "“curly” stays");
        assert!(matches!(clean_text("plain ascii"), Cow::Borrowed(_)));
    }
}
