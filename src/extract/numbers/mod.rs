//! Numbers: every quantity in an article's body with its value, its unit or the thing it
//! counts, its kind, and dates in ISO form.
//!
//! `extract` reads the body by runs of sentences that hold a digit or a number word (the
//! others cannot hold a number, and skipping them is most of this stage's speed): `token`
//! splits a run into words, numerals and symbols; `words` reads numbers written in words
//! (`two hundred and fifty`, `a dozen`, `three quarters`); `scan` walks the tokens and
//! decides what each number is, with `codes` for what is not a number at all (`F-16`, `G7`,
//! `Rossiya 1`, phone numbers), `units` for what follows a number (currency, unit, the thing
//! counted) and `dates` for dates and times, resolved against `Article::published` when the
//! article has one; `lexicon` holds the unit and currency lists from `data/numbers/`.
//!
//! Each number keeps the sentence it came from: the union of the `Article::sentences` spans
//! it overlaps (normally one), or its paragraph when the article has no sentence spans.
//! Which lines are body text is the parser's business; this module only declines lines that
//! are plainly not prose (image file names, `Comments (0)`), since a stray one would fill the
//! table with identifiers.

mod codes;
mod dates;
mod lexicon;
mod scan;
mod token;
mod units;
mod words;

/// Number words (`six`, `twenty`, `hundred`, `million`), for other extractors that need to know one.
pub(crate) use words::ANCHOR_WORDS as NUMBER_WORDS;

use crate::document::{Article, Number, Span};
use scan::{Found, Scanner};
use token::{Kind, Tok};

pub fn extract(article: &Article) -> Vec<Number> {
    let body = article.body.as_str();
    let published = article
        .published
        .as_deref()
        .and_then(dates::parse_published);
    let whole = vec![Span {
        start: 0,
        end: body.len(),
    }];
    let paragraphs: &[Span] = if !article.paragraphs.is_empty() {
        &article.paragraphs
    } else if body.is_empty() {
        &[]
    } else {
        &whole
    };
    let mut numbers = Vec::new();
    let mut toks = Vec::new();
    let mut atoms = Vec::new();
    let mut lower_text = String::new();
    let mut lower_spans: Vec<Span> = Vec::new();
    let mut found = Vec::new();
    for para in paragraphs {
        let ok = para.start <= para.end
            && para.end <= body.len()
            && body.is_char_boundary(para.start)
            && body.is_char_boundary(para.end);
        if !ok {
            continue;
        }
        // Scan runs of consecutive sentences that hold a digit or a number word; the rest of
        // the paragraph cannot hold a number.
        let inside = |s: &&Span| s.start >= para.start && s.end <= para.end && s.start < s.end;
        let mut sentences: Vec<Span> = article.sentences.iter().filter(inside).cloned().collect();
        if sentences.is_empty() {
            sentences.push(para.clone());
        }
        let anchored: Vec<bool> = sentences
            .iter()
            .map(|s| {
                body.get(s.clone())
                    .is_some_and(|t| lexicon::LEXICON.has_anchor(t))
            })
            .collect();
        let mut k = 0;
        while k < sentences.len() {
            if !anchored[k] {
                k += 1;
                continue;
            }
            let start = sentences[k].start;
            let mut end = sentences[k].end;
            k += 1;
            while k < sentences.len() && anchored[k] {
                end = sentences[k].end;
                k += 1;
            }
            if !body.is_char_boundary(start) || !body.is_char_boundary(end) {
                continue;
            }
            let window = start..end;
            token::tokenize(body, window.clone(), &mut toks);
            if !is_prose(body, &toks) {
                continue;
            }
            lower_text.clear();
            lower_spans.clear();
            for t in &toks {
                let start = lower_text.len();
                if t.is_word() {
                    let word = &body[t.span()];
                    if word.is_ascii() {
                        lower_text.push_str(word);
                        lower_text[start..].make_ascii_lowercase();
                    } else {
                        lower_text.extend(word.chars().flat_map(char::to_lowercase));
                    }
                }
                lower_spans.push(start..lower_text.len());
            }
            let lower: Vec<&str> = lower_spans.iter().map(|r| &lower_text[r.clone()]).collect();
            atoms.clear();
            atoms.extend(
                toks.iter()
                    .zip(&lower)
                    .map(|(t, l)| words::atom_of(t, Some(l))),
            );
            found.clear();
            Scanner {
                body,
                para_end: window.end,
                toks: &toks,
                atoms: &atoms,
                lower: &lower,
                published,
                out: &mut found,
            }
            .run();
            for f in found.drain(..) {
                let sentence = sentence_of(&article.sentences, &f.span).unwrap_or(window.clone());
                numbers.push(number(f, sentence));
            }
        }
    }
    numbers
}

fn number(f: Found, sentence: Span) -> Number {
    Number {
        span: f.span,
        value: f.value,
        unit: f.unit,
        kind: f.kind.to_string(),
        normalized: f.normalized,
        qualifier: f.qualifier,
        sentence,
    }
}

/// The sentence (or run of sentences) that holds `span`.
fn sentence_of(sentences: &[Span], span: &Span) -> Option<Span> {
    let first = sentences.partition_point(|s| s.end <= span.start);
    let s = sentences.get(first)?;
    if s.start > span.start {
        return None;
    }
    let mut end = s.end;
    for next in &sentences[first + 1..] {
        if next.start >= span.end || end >= span.end {
            break;
        }
        end = next.end;
    }
    Some(s.start..end.max(span.end))
}

/// A paragraph that reads as prose rather than a widget counter (`Comments (0)`) or a line of
/// identifiers (an image file name: `240209 sudan camp mn 1515 4ab6b2`).
fn is_prose(body: &str, toks: &[Tok]) -> bool {
    let words = toks.iter().filter(|t| t.is_word()).count();
    let bracketed_number = toks
        .windows(3)
        .any(|w| w[0].is_sym('(') && w[1].num().is_some() && w[2].is_sym(')'));
    if words <= 2 && bracketed_number && toks.len() <= 6 {
        return false;
    }
    let punctuated = toks.iter().any(|t| {
        matches!(
            t.kind,
            Kind::Sym(
                '.' | ',' | '!' | '?' | ';' | ':' | '"' | '“' | '”' | '(' | '$' | '£' | '€' | '%'
            )
        )
    });
    if punctuated {
        return true;
    }
    let mut codes = 0;
    for (k, t) in toks.iter().enumerate() {
        let Some(n) = t.num() else { continue };
        // A word glued to digits makes a code unless it is a suffix numbers take (`25m`,
        // `75th`, `10kg`, `1.3x10^6`) or a currency written before them (`USD50`).
        let suffix = |u: &Tok| {
            let w = &body[u.span()];
            matches!(
                w,
                "x" | "X" | "st" | "nd" | "rd" | "th" | "s" | "am" | "pm" | "pc"
            ) || units::scale_suffix(w, true, false).is_some()
                || lexicon::LEXICON
                    .unit_at(w)
                    .is_some_and(|h| h.len == w.len())
                || lexicon::LEXICON.currency_suffix_at(w).is_some()
        };
        let glued_after = toks
            .get(k + 1)
            .is_some_and(|u| u.is_word() && u.gap == token::Gap::None && !suffix(u));
        let glued_before = t.gap == token::Gap::None
            && k > 0
            && toks[k - 1].is_word()
            && !matches!(&body[toks[k - 1].span()], "x" | "X")
            && lexicon::LEXICON
                .currency_prefix_at(&body[toks[k - 1].span()])
                .is_none();
        if glued_after || glued_before || (n.plain() && n.int_digits >= 6) || n.leading_zero {
            codes += 1;
        }
    }
    codes < 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> Article {
        Article {
            body: body.to_string(),
            paragraphs: vec![Span {
                start: 0,
                end: body.len(),
            }],
            ..Article::default()
        }
    }

    #[test]
    fn sentence_spans_cover_the_number() {
        let s = vec![0..10, 11..20, 21..30];
        assert_eq!(sentence_of(&s, &(12..14)), Some(11..20));
        assert_eq!(sentence_of(&s, &(8..13)), Some(0..20));
        assert_eq!(sentence_of(&[], &(1..2)), None);
    }

    #[test]
    fn image_file_names_are_not_prose() {
        let a = article("240209 sudan camp mn 1515 4ab6b2");
        assert!(extract(&a).is_empty());
        let a = article("Comments (0)");
        assert!(extract(&a).is_empty());
    }
}
