//! Tokens, quotation marks and sentences of one paragraph, as the quote rules need them.
//!
//! The normalizer's sentences split inside quotations and after "U.S."; the quote rules need
//! sentences that keep a quotation and its attribution together, and tokens that know which
//! marks are apostrophes (`Russia’s`, `’90s`) and which open or close a quotation. So this
//! module tokenizes a paragraph once (words, punctuation, marks, all as byte spans into the
//! body), pairs the marks into outermost quotation regions, and splits sentences outside
//! them. Hand-written: no tokenizer crate knows English quotation-mark conventions.

use super::lexicon::LEXICON;

/// The family a quotation mark belongs to: a region closes only with its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Double,
    Single,
    Angle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Open,
    Close,
    /// A straight mark: the context decides.
    Either,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    Mark(Family, Side),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets into the body.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// A word that starts with an upper-case letter.
    pub cap: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    pub fn is_mark(&self) -> bool {
        matches!(self.kind, Kind::Mark(..))
    }
}

/// An outermost quotation: its marks (token indices) and the words between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub open: usize,
    /// `None` when the paragraph ends before the quotation closes.
    pub close: Option<usize>,
    /// Byte span of the quoted words, without the marks and surrounding spaces.
    pub inner: std::ops::Range<usize>,
}

/// One paragraph, analysed.
pub struct Para<'a> {
    pub body: &'a str,
    pub span: std::ops::Range<usize>,
    /// The paragraph with ASCII letters lower-cased (same byte offsets), for word lookups.
    lower: String,
    pub toks: Vec<Token>,
    pub regions: Vec<Region>,
    /// For each token, the region it lies in (marks included), or `NONE`.
    pub region_of: Vec<u32>,
    /// Sentences as token ranges `[start, end)`; never split inside a region.
    pub sentences: Vec<(usize, usize)>,
    /// For each token, its sentence.
    pub sentence_of: Vec<u32>,
}

pub const NONE: u32 = u32::MAX;

fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/\u{2014}".contains(c),
    }
}

fn is_close_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}—–-…".contains(c),
    }
}

fn quote_mark(c: char) -> Option<(Family, Side)> {
    Some(match c {
        '"' => (Family::Double, Side::Either),
        '“' | '„' => (Family::Double, Side::Open),
        '”' => (Family::Double, Side::Close),
        '«' => (Family::Angle, Side::Open),
        '»' => (Family::Angle, Side::Close),
        '‘' => (Family::Single, Side::Open),
        '’' | '\'' => (Family::Single, Side::Either),
        _ => return None,
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `body[span]` into tokens with absolute byte offsets. Scans the bytes once, decoding
/// a character only where the next or previous one matters.
pub fn tokenize(body: &str, span: std::ops::Range<usize>) -> Vec<Token> {
    let text = &body[span.clone()];
    let base = span.start;
    let mut toks = Vec::with_capacity(text.len() / 5);
    let char_at = |i: usize| text.get(i..).and_then(|t| t.chars().next());
    let char_before = |i: usize| text.get(..i).and_then(|t| t.chars().next_back());
    let mut i = 0;
    while i < text.len() {
        let Some(c) = char_at(i) else { break };
        let next_i = i + c.len_utf8();
        if c.is_whitespace() {
            i = next_i;
            continue;
        }
        let prev = char_before(i);
        let next = char_at(next_i);
        // An apostrophe that starts a word: ’90s.
        let leading_apostrophe = matches!(c, '’' | '\'' | '‘')
            && next.is_some_and(|n| n.is_ascii_digit())
            && !prev.is_some_and(is_word_char);
        if is_word_char(c) || leading_apostrophe {
            let start = i;
            let mut j = next_i;
            let mut last = c;
            let bytes = text.as_bytes();
            loop {
                // ASCII letters and digits, the bulk of any English text, need no decoding.
                while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                    j += 1;
                    last = 'a';
                }
                let Some(c) = char_at(j) else { break };
                let after = j + c.len_utf8();
                let inner_joiner = matches!(c, '’' | '\'' | '-' | '.' | '&' | '\u{2011}')
                    && is_word_char(last)
                    && char_at(after).is_some_and(is_word_char);
                if is_word_char(c) || inner_joiner {
                    last = c;
                    j = after;
                } else {
                    break;
                }
            }
            // A full stop after an initial, an abbreviation with inner stops (U.S.) or a title
            // (Mr.) belongs to the word and does not end the sentence.
            if text.as_bytes().get(j) == Some(&b'.') {
                let word = &text[start..j];
                let single_initial = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
                let dotted = word.contains('.');
                let first_cap = word.starts_with(char::is_uppercase);
                let title = word.len() <= 5
                    && (first_cap || word == "etc" || word == "vs")
                    && LEXICON.is_title(&word.to_ascii_lowercase());
                if single_initial || dotted || title {
                    j += 1;
                }
            }
            toks.push(Token {
                start: base + start,
                end: base + j,
                kind: Kind::Word,
                cap: c.is_uppercase(),
            });
            i = j;
            continue;
        }
        let kind = match quote_mark(c) {
            Some((fam, side)) => {
                let side = if side == Side::Either {
                    let open = is_open_context(prev) && !next.is_some_and(char::is_whitespace);
                    let close = !is_open_context(prev) && is_close_context(next);
                    match (open, close) {
                        (true, false) => Side::Open,
                        (false, true) => Side::Close,
                        _ => Side::Either,
                    }
                } else if c == '”' && i == 0 {
                    // A paragraph cannot open by closing a quotation: the writer typed the
                    // wrong curly mark.
                    Side::Open
                } else if c == '“' && !is_open_context(prev) && next.is_none_or(char::is_whitespace)
                {
                    // Glued to the word before it and followed by a space: a mistyped closing
                    // mark ("… problems for her here,“ said Clyburn").
                    Side::Close
                } else {
                    side
                };
                Kind::Mark(fam, side)
            }
            None => Kind::Punct(c),
        };
        toks.push(Token {
            start: base + i,
            end: base + next_i,
            kind,
            cap: false,
        });
        i = next_i;
    }
    toks
}

/// Pairs quotation marks into outermost regions. A double or angle quotation still open at the
/// end of the paragraph runs to its end (a quote left unclosed, or one that continues in the
/// next paragraph); an unmatched single mark is an apostrophe.
pub fn regions(body: &str, para_end: usize, toks: &[Token]) -> Vec<Region> {
    let mut out = Vec::new();
    let mut stack: Vec<(Family, usize)> = Vec::new();
    let inner = |open: usize, close_start: usize| -> std::ops::Range<usize> {
        let s = toks[open].end;
        let text = &body[s..close_start.max(s)];
        let lead = text.len() - text.trim_start().len();
        let trimmed = text.trim();
        s + lead..s + lead + trimmed.len()
    };
    for (i, t) in toks.iter().enumerate() {
        let Kind::Mark(fam, side) = t.kind else {
            continue;
        };
        let in_stack = stack.iter().rposition(|&(f, _)| f == fam);
        let side = match side {
            Side::Either => {
                if in_stack.is_some() {
                    Side::Close
                } else {
                    Side::Open
                }
            }
            s => s,
        };
        match side {
            Side::Open => {
                if fam == Family::Double && stack.first().is_some_and(|&(f, _)| f == Family::Double)
                {
                    // A new opening mark while a double quotation is open: the earlier one was
                    // left unclosed (a typo, or a paragraph-style continuation); end it here.
                    let (_, open) = stack[0];
                    stack.clear();
                    let r = inner(open, t.start);
                    if !r.is_empty() {
                        out.push(Region {
                            open,
                            close: None,
                            inner: r,
                        });
                    }
                }
                stack.push((fam, i));
            }
            _ => {
                if let Some(k) = in_stack {
                    let (_, open) = stack[k];
                    stack.truncate(k);
                    if stack.is_empty() {
                        let r = inner(open, t.start);
                        if !r.is_empty() {
                            out.push(Region {
                                open,
                                close: Some(i),
                                inner: r,
                            });
                        }
                    }
                }
            }
        }
    }
    if let Some(&(_, open)) = stack.iter().find(|&&(f, _)| f != Family::Single) {
        let r = inner(open, para_end);
        if !r.is_empty() {
            out.push(Region {
                open,
                close: None,
                inner: r,
            });
        }
    }
    out.sort_by_key(|r| r.open);
    out
}

impl<'a> Para<'a> {
    pub fn new(body: &'a str, span: std::ops::Range<usize>) -> Para<'a> {
        let toks = tokenize(body, span.clone());
        let regions = regions(body, span.end, &toks);
        let mut region_of = vec![NONE; toks.len()];
        for (ri, r) in regions.iter().enumerate() {
            let end = r.close.unwrap_or(toks.len() - 1);
            for slot in &mut region_of[r.open..=end] {
                *slot = ri as u32;
            }
        }
        let lower = body[span.clone()].to_ascii_lowercase();
        let mut para = Para {
            body,
            span,
            lower,
            toks,
            regions,
            region_of,
            sentences: Vec::new(),
            sentence_of: Vec::new(),
        };
        para.split_sentences();
        para
    }

    /// Token `i` with ASCII letters lower-cased.
    pub fn lw(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.lower[t.start - self.span.start..t.end - self.span.start]
    }

    pub fn text(&self, i: usize) -> &'a str {
        &self.body[self.toks[i].start..self.toks[i].end]
    }

    /// Text from the start of token `a` to the end of token `b` (inclusive).
    pub fn text_range(&self, a: usize, b: usize) -> &'a str {
        &self.body[self.toks[a].start..self.toks[b].end]
    }

    pub fn in_region(&self, i: usize) -> bool {
        self.region_of[i] != NONE
    }

    fn split_sentences(&mut self) {
        let n = self.toks.len();
        let mut start = 0;
        let mut i = 0;
        while i < n {
            let t = self.toks[i];
            let ends = matches!(t.kind, Kind::Punct('.' | '!' | '?' | '…')) && !self.in_region(i);
            let mut j = i + 1;
            if ends || self.closes_region_with_stop(i) {
                while j < n
                    && matches!(
                        self.toks[j].kind,
                        Kind::Mark(_, Side::Close) | Kind::Punct(')')
                    )
                {
                    j += 1;
                }
                let next_starts = j >= n
                    || self.toks[j].cap
                    || self.toks[j].is_mark()
                    || self.text(j).starts_with(|c: char| c.is_ascii_digit());
                if next_starts && j < n {
                    self.sentences.push((start, j));
                    start = j;
                }
            }
            i = j.max(i + 1);
        }
        if start < n {
            self.sentences.push((start, n));
        }
        self.sentence_of = vec![0; n];
        for (si, &(a, b)) in self.sentences.iter().enumerate() {
            for slot in &mut self.sentence_of[a..b] {
                *slot = si as u32;
            }
        }
    }

    /// A closing mark of a region whose words end with a full stop, question or exclamation
    /// mark (`... this is fake.” The next`): the sentence ends after the mark.
    fn closes_region_with_stop(&self, i: usize) -> bool {
        let r = self.region_of[i];
        if r == NONE || self.regions[r as usize].close != Some(i) {
            return false;
        }
        let inner = &self.regions[r as usize].inner;
        self.body[inner.clone()].ends_with(['.', '!', '?', '…'])
    }

    /// Index of the region whose opening mark is token `i`.
    pub fn region_opened_at(&self, i: usize) -> Option<usize> {
        let r = self.region_of[i];
        (r != NONE && self.regions[r as usize].open == i).then_some(r as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(s: &str) -> Para<'_> {
        Para::new(s, 0..s.len())
    }

    fn inners<'a>(p: &Para<'a>) -> Vec<&'a str> {
        p.regions.iter().map(|r| &p.body[r.inner.clone()]).collect()
    }

    #[test]
    fn apostrophes_are_not_marks() {
        let p = para("Russia’s army in the ’90s, the countries’ policies and 'em.");
        assert!(p.regions.is_empty());
    }

    #[test]
    fn curly_straight_nested_and_unclosed() {
        let p = para("“We said ‘no’ twice,” he said. \"Straight one\" and «angle» and “open end");
        assert_eq!(
            inners(&p),
            ["We said ‘no’ twice,", "Straight one", "angle", "open end"]
        );
        assert_eq!(p.regions[3].close, None);
    }

    #[test]
    fn mistyped_curly_marks_follow_their_context() {
        let p = para("” Fear is all he sells,” she said. “It is over,“ he said.");
        assert_eq!(inners(&p), ["Fear is all he sells,", "It is over,"]);
        // A left mark after a space still opens, even before a space ("“ Yes”").
        let p = para("He said “ yes” twice.");
        assert_eq!(inners(&p), ["yes"]);
    }

    #[test]
    fn sentences_keep_quotes_whole_and_skip_abbreviations() {
        let p = para("“One. Two,” Mr. Smith said. The U.S. Army agreed. Next one.");
        let s: Vec<&str> = p
            .sentences
            .iter()
            .map(|&(a, b)| p.text_range(a, b - 1))
            .collect();
        assert_eq!(
            s,
            [
                "“One. Two,” Mr. Smith said.",
                "The U.S. Army agreed.",
                "Next one."
            ]
        );
    }
}
