//! Splits text into the tokens the tagger labels: words, abbreviations with their periods
//! (`U.S.`, `St.`, `P.`), possessive endings and punctuation, each with its byte span.
//!
//! The split follows the CoNLL-2003 convention the tagger was trained on (possessive `'s` and
//! punctuation are tokens of their own, hyphenated words stay whole) with one exception that
//! matters in today's news: a capitalized word glued to a lowercase one by a hyphen
//! (`U.S.-led`, `Moscow-based`) is cut so that the name can be a mention by itself. Nothing
//! here allocates per token: a token is a span plus a few flags computed once.

use std::ops::Range;

/// One token: a byte range of the text it was cut from, and facts the tagger reads often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
    /// Starts with an uppercase letter.
    pub init_cap: bool,
    /// Has an uppercase letter and no lowercase one.
    pub all_caps: bool,
    /// Has at least one letter or digit.
    pub wordlike: bool,
    /// Ends a sentence (`.`, `!`, `?` that is not part of an abbreviation).
    pub sentence_end: bool,
}

/// Words whose trailing period belongs to the word, not to the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "lt", "col", "sgt", "capt", "gov", "sen",
    "rep", "inc", "corp", "co", "ltd", "no", "vs", "prof", "adm", "maj", "cpl", "pvt", "ft", "mt",
    "rev", "hon", "messrs", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
    "bros", "dept", "univ", "pres", "supt", "cmdr", "brig",
];

fn is_abbreviation(word: &str) -> bool {
    // Initials (`P.`) and dotted acronyms (`U.S.`, `U.N.`) keep their final period.
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_alphabetic()
    {
        return true;
    }
    if word.contains('.') {
        return true;
    }
    word.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '«' | '‹' | '„'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›' | ',' | ';' | ':' | '!' | '?' | '…'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

/// Tokens of `text`, spans relative to `text` plus `base`.
pub fn tokenize(text: &str, base: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut chunk_start = None;
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII (above the space) is neither whitespace nor a dash: most bytes are,
        // and they need no decoding.
        if (b'!'..=b'~').contains(&bytes[i]) {
            if chunk_start.is_none() {
                chunk_start = Some(i);
            }
            i += 1;
            continue;
        }
        let c = first_char(&text[i..]);
        if c.is_whitespace() || is_dash(c) {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, base, out);
            }
            if is_dash(c) {
                push(text, i, i + c.len_utf8(), base, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
        i += c.len_utf8();
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), base, out);
    }
}

fn split_chunk(text: &str, mut start: usize, mut end: usize, base: usize, out: &mut Vec<Token>) {
    // Leading punctuation, each mark a token.
    while start < end {
        let c = first_char(&text[start..end]);
        if is_open_punct(c) && start + c.len_utf8() < end {
            push(text, start, start + c.len_utf8(), base, out);
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, kept aside to be pushed after the word.
    let mut trailing: [(usize, usize); 8] = [(0, 0); 8];
    let mut n_trailing = 0;
    while start < end && n_trailing < trailing.len() {
        let c = last_char(&text[start..end]);
        let w = c.len_utf8();
        let word = &text[start..end - w];
        let split = if c == '.' {
            !(is_abbreviation(word) && word.chars().any(char::is_alphabetic))
        } else {
            is_close_punct(c)
        };
        if split && end - w > start {
            trailing[n_trailing] = (end - w, end);
            n_trailing += 1;
            end -= w;
        } else {
            break;
        }
    }
    if start < end {
        split_word(text, start, end, base, out);
    }
    for &(s, e) in trailing[..n_trailing].iter().rev() {
        push(text, s, e, base, out);
    }
}

/// A word without surrounding punctuation: possessive endings and name-hyphen-lowercase
/// compounds are cut.
fn split_word(text: &str, start: usize, end: usize, base: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    for apostrophe in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(apostrophe)
            && !stem.is_empty()
        {
            split_hyphen(text, start, start + stem.len(), base, out);
            push(text, start + stem.len(), end, base, out);
            return;
        }
    }
    split_hyphen(text, start, end, base, out);
}

fn split_hyphen(text: &str, start: usize, end: usize, base: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    // A byte scan: most words are short and have no hyphen.
    if let Some(h) = word.bytes().rposition(|b| b == b'-') {
        let (left, right) = (&word[..h], &word[h + 1..]);
        let left_cap = left.chars().next().is_some_and(char::is_uppercase);
        let right_lower = !right.is_empty() && right.chars().all(|c| c.is_ascii_lowercase());
        if left_cap && right_lower && left.chars().any(char::is_alphabetic) {
            push(text, start, start + h, base, out);
            push(text, start + h, start + h + 1, base, out);
            push(text, start + h + 1, end, base, out);
            return;
        }
    }
    push(text, start, end, base, out);
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn last_char(s: &str) -> char {
    s.chars().next_back().unwrap_or(' ')
}

fn push(text: &str, start: usize, end: usize, base: usize, out: &mut Vec<Token>) {
    let s = &text[start..end];
    let mut upper = false;
    let mut lower = false;
    let mut wordlike = false;
    // Most tokens are ASCII: bytes then say the same as the Unicode classes, without decoding.
    let init_cap = if s.is_ascii() {
        for &b in s.as_bytes() {
            upper |= b.is_ascii_uppercase();
            lower |= b.is_ascii_lowercase();
            wordlike |= b.is_ascii_alphanumeric();
        }
        s.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
    } else {
        for c in s.chars() {
            upper |= c.is_uppercase();
            lower |= c.is_lowercase();
            wordlike |= c.is_alphanumeric();
        }
        first_char(s).is_uppercase()
    };
    let sentence_end = matches!(s, "." | "!" | "?" | "…")
        || (s.len() > 2 && s.ends_with('.') && !is_abbreviation(&s[..s.len() - 1]));
    out.push(Token {
        span: base + start..base + end,
        init_cap,
        all_caps: upper && !lower,
        wordlike,
        sentence_end,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, 0, &mut out);
        out.iter().map(|t| &text[t.span.clone()]).collect()
    }

    #[test]
    fn splits_punctuation_possessives_and_keeps_abbreviations() {
        assert_eq!(
            words("Russia's president, Vladimir Putin, told the U.S. (and St. Petersburg)."),
            [
                "Russia",
                "'s",
                "president",
                ",",
                "Vladimir",
                "Putin",
                ",",
                "told",
                "the",
                "U.S.",
                "(",
                "and",
                "St.",
                "Petersburg",
                ")",
                "."
            ]
        );
        assert_eq!(
            words("“Putin’s U.S.-led Moscow—Kyiv” P. Simmons"),
            [
                "“", "Putin", "’s", "U.S.", "-", "led", "Moscow", "—", "Kyiv", "”", "P.", "Simmons"
            ]
        );
        assert_eq!(
            words("Anglo-Irish ' ..."),
            ["Anglo-Irish", "'", ".", ".", "."]
        );
    }
}
