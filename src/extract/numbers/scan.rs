//! The scanner: walks one paragraph's tokens left to right and turns each number it meets into
//! [`Found`] items: the value, what it counts or measures, its kind, and its exact span.
//!
//! At each token it tries, in order: things that only look like numbers (codes such as `F-16`,
//! `G7`, `3D`, phone numbers, addresses), dates and times (`dates.rs`), then quantities: an
//! optional currency before the number, the number itself (digits, words or both, read by
//! `words.rs`), an attached or spaced scale (`25m`, `2bn`, `10 bln`), and what follows it:
//! percent, currency, unit of measurement, or the counted thing (`23 dangerous incidents`).
//! A second number joined by `-`, `to` or `between … and` makes a range, and the two ends
//! share their unit and scale (`$2-3bn`, `between 44 and 50 mg`).
//!
//! Deciding which paragraphs are body text is the parser's job; the scanner only refuses
//! lines that are plainly not prose (image file names and other code lines).

use super::dates::{Published, month_word, weekday_word};
use super::lexicon::{Dim, LEXICON, Lexicon};
use super::token::{Gap, Kind, Numeral, Tok};
use super::words::{Atom, Grammar, NumWord, Reading, number_word};
use crate::document::Span;

/// One number found, with byte spans into the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub span: Span,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub kind: &'static str,
    pub normalized: Option<String>,
    pub qualifier: Option<String>,
}

/// What kind of thing the unit after a number is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum UnitKind {
    None,
    Percent,
    Money,
    /// A unit of measurement (index into the lexicon).
    Measure(usize),
    /// The thing counted, as written.
    Counted,
}

/// A quantity being assembled.
#[derive(Debug, Clone)]
pub(super) struct Quantity {
    /// First and one-past-last token of the text kept as the number's span.
    pub first: usize,
    pub end: usize,
    pub value: f64,
    pub unit: Option<String>,
    pub unit_kind: UnitKind,
    pub kind: &'static str,
    pub normalized: Option<String>,
    /// The number was written with a scale (`million`, `bn`, `k`).
    pub scale: Option<f64>,
    /// Token index just past the number itself (before any unit).
    pub number_end: usize,
    /// The number was a bare numeral of plain digits (for years and ranges).
    pub plain_digits: Option<Numeral>,
    pub ordinal: bool,
    pub fraction: bool,
    /// Read from words only (`three`), or with words (`2 million`).
    pub words: bool,
}

pub struct Scanner<'a> {
    pub body: &'a str,
    /// End of the paragraph being scanned (byte offset into the body).
    pub para_end: usize,
    pub toks: &'a [Tok],
    pub atoms: &'a [Atom],
    /// Lower-cased text of each token (empty for non-words).
    pub lower: &'a [&'a str],
    pub published: Option<Published>,
    pub out: &'a mut Vec<Found>,
}

/// Words after `m` that make it metres rather than millions (`1.8m tall`, `the 100m final`).
const METRE_CONTEXT: &[&str] = &[
    "tall", "long", "high", "wide", "deep", "away", "above", "below", "across", "underground",
    "race", "sprint", "hurdles", "freestyle", "breaststroke", "backstroke", "butterfly",
    "medley", "relay", "final", "finals", "dash", "run", "swim", "record", "title", "gold",
    "silver", "bronze", "heat", "heats", "event", "sea", "square", "cubic", "length", "lengths",
    "in",
];

/// Words that come between a number and the thing counted without being it.
const MODIFIERS: &[&str] = &[
    "more", "other", "additional", "extra", "further", "new", "old", "big", "small", "large",
    "major", "minor", "key", "top", "senior", "junior", "young", "last", "next", "few", "same",
    "whole", "entire", "full", "main", "great", "good", "bad", "high", "low", "long", "short",
    "total", "former", "current", "separate", "different", "similar", "straight",
    "consecutive", "successive", "previous", "recent", "first", "second", "third", "fourth",
    "fifth", "single", "double", "armed", "injured", "wounded", "dead", "missing", "known",
    "suspected", "alleged", "confirmed", "reported", "registered", "young", "elderly", "local",
    "foreign", "british", "american", "russian", "chinese", "ukrainian", "european", "military",
    "civilian", "nuclear", "private", "public", "state", "federal", "national", "international",
    "domestic", "dangerous", "serious", "minor", "fatal", "violent", "so-called", "key",
    "leading", "remaining", "existing", "ongoing", "upcoming", "coming", "following", "missing",
];

/// After a `first` or `second`, a noun that makes it count something (`second round`).
const SERIES_NOUNS: &[&str] = &[
    "anniversary", "round", "quarter", "half", "term", "day", "week", "month", "year", "leg",
    "stage", "phase", "wave", "edition", "season", "set", "test", "innings", "reading",
    "tranche", "batch", "instalment", "installment", "floor", "generation", "century", "place",
    "goal", "attempt", "ballot", "vote", "game", "match", "time", "straight", "consecutive",
    "successive",
];

/// After an ordinal word, nouns that make an idiom rather than a rank (`third party`).
const ORDINAL_IDIOMS: &[&str] = &[
    "party", "parties", "world", "way", "column", "sense", "heaven", "aid", "lady", "minister",
    "hand", "thoughts", "nature", "estate", "wheel", "rate", "class", "person", "cousin",
    "guessing", "fiddle", "string", "opinion", "chance", "look", "thought",
];

/// Qualifiers of approximation written before a number, longest first.
const QUALIFIERS: &[&str] = &[
    "no more than",
    "no fewer than",
    "no less than",
    "not more than",
    "a maximum of",
    "a minimum of",
    "in excess of",
    "as many as",
    "as much as",
    "as few as",
    "as little as",
    "an estimated",
    "upwards of",
    "more than",
    "less than",
    "fewer than",
    "greater than",
    "at least",
    "at most",
    "up to",
    "close to",
    "just over",
    "just under",
    "well over",
    "well under",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "estimated",
    "circa",
    "approx",
    "above",
    "below",
    "~",
    "≈",
];

/// [`QUALIFIERS`] split into words.
static QUALIFIER_WORDS: std::sync::LazyLock<Vec<Vec<&'static str>>> =
    std::sync::LazyLock::new(|| QUALIFIERS.iter().map(|q| q.split(' ').collect()).collect());

/// Scale abbreviations written after a numeral (`25m`, `$2bn`, `10k`, `10 bln`).
fn scale_suffix(raw: &str, attached: bool, money: bool) -> Option<f64> {
    Some(match raw {
        "k" | "K" | "thou" => 1e3,
        "m" | "mn" | "mln" | "mil" | "MM" | "Mn" | "M" => 1e6,
        "bn" | "b" | "bln" | "Bn" | "B" | "billion" => 1e9,
        "tn" | "trn" | "tln" | "tr" | "Tn" => 1e12,
        "T" if money => 1e12,
        _ => return None,
    })
    .filter(|_| attached || !matches!(raw, "m" | "b" | "B" | "T" | "thou"))
}

/// Looks like an English plural noun: `incidents`, `troops`, `times`; not `its`, `serious`.
fn looks_plural(w: &str) -> bool {
    w.len() > 2
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !w.ends_with("’s")
        && !w.ends_with("ous")
}

/// Adjective-like by its ending: words that modify the counted thing without being it.
fn looks_modifier(w: &str) -> bool {
    MODIFIERS.contains(&w)
        || (w.len() > 4 && w.ends_with("ly"))
        || ["al", "ous", "ive", "ic", "ful", "less", "able", "ible", "ish", "ese", "ian", "an"]
            .iter()
            .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
        || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("est")))
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl<'a> Scanner<'a> {
    pub(super) fn lex(&self) -> &'static Lexicon {
        &LEXICON
    }

    pub(super) fn tok(&self, k: usize) -> Option<&Tok> {
        self.toks.get(k)
    }

    /// Lower-cased word at `k` ("" for anything else).
    pub(super) fn w(&self, k: usize) -> &'a str {
        self.lower.get(k).copied().unwrap_or("")
    }

    /// Raw text of token `k`.
    pub(super) fn raw(&self, k: usize) -> &'a str {
        self.toks.get(k).map_or("", |t| &self.body[t.span()])
    }

    /// Token `k` exists, is on the same line, and is written against the token before it.
    pub(super) fn attached(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.gap == Gap::None)
    }

    /// Token `k` exists and is on the same line as the token before it.
    pub(super) fn joined(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(Tok::same_line)
    }

    pub(super) fn is_word(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(Tok::is_word)
    }

    pub(super) fn num(&self, k: usize) -> Option<Numeral> {
        self.toks.get(k).and_then(Tok::num)
    }

    pub(super) fn sym(&self, k: usize) -> Option<char> {
        match self.toks.get(k)?.kind {
            Kind::Sym(c) => Some(c),
            _ => None,
        }
    }

    fn capitalized(&self, k: usize) -> bool {
        self.raw(k).chars().next().is_some_and(char::is_uppercase)
    }

    /// Token `k` opens a sentence: the paragraph start, or after `.`, `!`, `?`, `:` (with
    /// any closing quotes or brackets between).
    pub(super) fn sentence_start(&self, k: usize) -> bool {
        let mut j = k;
        loop {
            if j == 0 || !self.joined(j) {
                return true;
            }
            j -= 1;
            match self.sym(j) {
                Some('.' | '!' | '?' | ':' | ';' | '•' | '|') => return true,
                Some('"' | '“' | '”' | '\'' | '‘' | '’' | '(' | ')' | '[' | ']' | '-' | '–' | '—') => continue,
                _ => return false,
            }
        }
    }

    /// Token index of the first token that starts at or after byte `pos`, when only
    /// whitespace lies between `pos` and it.
    fn token_at(&self, from: usize, pos: usize) -> Option<usize> {
        let mut k = from;
        while let Some(t) = self.toks.get(k) {
            if t.start >= pos {
                return self.body[pos..t.start]
                    .chars()
                    .all(char::is_whitespace)
                    .then_some(k);
            }
            k += 1;
        }
        None
    }

    /// Token index just past the token that ends exactly at byte `pos`.
    fn token_ending_at(&self, from: usize, pos: usize) -> Option<usize> {
        let mut k = from;
        while let Some(t) = self.toks.get(k) {
            if t.end == pos {
                return Some(k + 1);
            }
            if t.end > pos {
                return None;
            }
            k += 1;
        }
        None
    }

    pub(super) fn grammar(&self) -> Grammar<'a> {
        Grammar {
            toks: self.toks,
            atoms: self.atoms,
        }
    }

    pub(super) fn push(&mut self, first: usize, end: usize, item: FoundParts) {
        let (Some(a), Some(b)) = (self.toks.get(first), end.checked_sub(1).and_then(|e| self.toks.get(e)))
        else {
            return;
        };
        if b.end <= a.start {
            return;
        }
        let qualifier = self.qualifier(first);
        self.out.push(Found {
            span: a.start..b.end,
            value: item.value.filter(|v| v.is_finite()),
            unit: item.unit,
            kind: item.kind,
            normalized: item.normalized,
            qualifier,
        });
    }

    /// The approximation written just before token `first` (`more than`, `about`).
    pub(super) fn qualifier(&self, first: usize) -> Option<String> {
        let last = first.checked_sub(1)?;
        let last_word = if self.is_word(last) { self.w(last) } else { self.raw(last) };
        for words in QUALIFIER_WORDS.iter() {
            let n = words.len();
            if words.last() != Some(&last_word) || first < n {
                continue;
            }
            let matches = words.iter().enumerate().all(|(j, word)| {
                let k = first - n + j;
                self.joined(k + 1) && (self.w(k) == *word || self.raw(k) == *word)
            });
            if matches {
                return Some(words.join(" "));
            }
        }
        None
    }

    /// Whether token `i` can start anything the scanner reads. Most tokens are plain words;
    /// this keeps them from going through every reader.
    fn may_start(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if t.kind != Kind::Word || self.attached(i + 1) {
            return true;
        }
        if !matches!(
            self.atoms.get(i),
            Some(Atom::Other | Atom::Word(NumWord::And | NumWord::Of | NumWord::Point))
        ) {
            return true;
        }
        let first = self.body.as_bytes()[t.start];
        if self.lex().may_start_currency(first) {
            return true;
        }
        let w = self.w(i);
        if first.is_ascii_uppercase() {
            return month_word(w).is_some() || weekday_word(w).is_some() || w == "tomorrow" || w == "yesterday";
        }
        matches!(
            w,
            "yesterday" | "tomorrow" | "doubled" | "doubling" | "twice" | "tripled" | "trebled"
                | "tripling" | "thrice" | "quadrupled" | "quadrupling" | "halved" | "halving"
                | "double" | "triple" | "treble"
        ) || !first.is_ascii()
    }

    /// Scans the whole paragraph.
    pub fn run(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            let next = self
                .not_a_number(i)
                .or_else(|| self.date(i))
                .or_else(|| self.quantity(i))
                .or_else(|| self.multiplier(i));
            i = match next {
                Some(n) if n > i => n,
                _ => i + 1,
            };
        }
    }

    // ---------------------------------------------------------------------------------
    // Things that look like numbers but are names, codes, phone numbers or addresses.

    /// The token index just past the run of tokens written together from `i`.
    fn run_end(&self, i: usize) -> usize {
        let mut k = i + 1;
        while self.attached(k) {
            k += 1;
        }
        k
    }

    /// At a code, phone number, address or name-with-number: the index to resume after it.
    fn not_a_number(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Word => {
                // `G7`, `MH17`, `CM5`, `F-16`, `COVID-19`, `Su-35`; not `mid-2023`.
                let digit_next = self.num(i + 1).is_some() && self.attached(i + 1);
                let dash_digit = self.tok(i + 1).is_some_and(Tok::is_dash)
                    && self.attached(i + 1)
                    && self.num(i + 2).is_some()
                    && self.attached(i + 2);
                if digit_next && self.lex_prefix_currency(i).is_none() {
                    return Some(self.run_end(i));
                }
                if dash_digit {
                    let prefix = self.w(i);
                    let allowed = matches!(
                        prefix,
                        "mid" | "pre" | "post" | "early" | "late" | "top" | "under" | "over"
                            | "circa" | "ca" | "c" | "around" | "about" | "some" | "up" | "to"
                            | "and" | "or" | "from" | "between"
                    ) && !self.raw(i).chars().any(char::is_uppercase);
                    if !allowed {
                        return Some(self.run_end(i));
                    }
                }
                // URLs and file names: `www.x.com/2023/11`, `https://...`.
                if (prefix_is_url(self.w(i)) && self.sym(i + 1) == Some('.'))
                    || (self.sym(i + 1) == Some(':')
                        && self.sym(i + 2) == Some('/')
                        && self.attached(i + 1))
                {
                    return Some(self.run_end(i));
                }
                None
            }
            Kind::Sym(c) => {
                // Phone numbers (`+44 20 7946 0958`), hashtags, handles.
                if matches!(c, '+' | '#' | '@' | '_') && self.num(i + 1).is_some() && self.attached(i + 1)
                {
                    return Some(self.chain_end(i + 1));
                }
                None
            }
            Kind::Num(n) => {
                // Numbers glued to `_` or `@`: file names and handles.
                if self.sym(i + 1).is_some_and(|c| c == '_' || c == '@') && self.attached(i + 1) {
                    return Some(self.run_end(i));
                }
                if i > 0 && self.attached(i) && matches!(self.sym(i - 1), Some('_' | '@' | '/' | '#'))
                    && !self.is_date_slash(i - 1)
                {
                    return Some(self.run_end(i));
                }
                if n.dotted && !self.dotted_date(i) {
                    return Some(i + 1);
                }
                // Reference numbers, PINs and phone numbers: `0800 555 111`, `020 7946 0958`.
                if n.leading_zero && !matches!(self.sym(i + 1), Some(':' | '/' | '.')) {
                    return Some(self.chain_end(i));
                }
                // Long digit strings are identifiers; news prints big numbers with separators.
                if n.plain() && n.int_digits >= 8 {
                    return Some(self.run_end(i));
                }
                // `555-1234`, `212-555-1234`.
                if n.plain() && n.int_digits == 3 {
                    let dash = self.tok(i + 1).is_some_and(|t| t.is_sym('-')) && self.attached(i + 1);
                    if dash
                        && self.num(i + 2).is_some_and(|m| m.plain() && m.int_digits >= 3)
                        && self.attached(i + 2)
                        && (self.num(i + 2).is_some_and(|m| m.int_digits == 4)
                            || self.tok(i + 3).is_some_and(|t| t.is_sym('-')))
                    {
                        return Some(self.chain_end(i));
                    }
                }
                // `Rossiya 1`, `Channel 4`, `Football Manager 2007`, `Article 5`.
                if self.name_number(i) {
                    return Some(i + 1);
                }
                None
            }
        }
    }

    fn lex_prefix_currency(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let hit = self.lex().currency_prefix_at(&self.body[t.start..self.para_end])?;
        Some(hit.len)
    }

    /// A `/` at `k` between numbers that make a date (`5/17/2018`).
    fn is_date_slash(&self, k: usize) -> bool {
        k > 0 && self.num(k - 1).is_some() && self.attached(k) && self.date_numeric_at(k - 1)
    }

    /// The end of a chain of digit groups separated by single spaces, hyphens, dots,
    /// slashes or parentheses (a phone number or reference).
    fn chain_end(&self, i: usize) -> usize {
        let mut k = i;
        loop {
            match self.tok(k).map(|t| t.kind) {
                Some(Kind::Num(_)) if self.joined(k) || k == i => k += 1,
                Some(Kind::Sym('-' | '.' | '/' | '(' | ')'))
                    if self.num(k + 1).is_some() && self.joined(k + 1) =>
                {
                    k += 1
                }
                Some(Kind::Sym('(')) if k == i => k += 1,
                _ => break,
            }
        }
        k.max(i + 1)
    }

    /// A plain small integer right after a capitalised word that is not a preposition or
    /// the like: part of a name (`Rossiya 1`, `Apollo 11`, `Windows 10`).
    fn name_number(&self, i: usize) -> bool {
        let Some(n) = self.num(i) else { return false };
        let version = !n.grouped && !n.vulgar && !n.dotted && n.frac_digits > 0 && n.frac_digits <= 2;
        if i == 0 || !(n.plain() || version) || n.int_digits > 4 || self.tok(i).is_none_or(|t| t.gap != Gap::Space) {
            return false;
        }
        let p = i - 1;
        // `No. 1`, `Nos. 3`
        if self.sym(p) == Some('.') && p > 0 && matches!(self.w(p - 1), "no" | "nos") && self.attached(p) {
            return true;
        }
        if !self.is_word(p) || !self.joined(i) {
            return false;
        }
        // `Spain 2-0`: a score, not a name.
        if self.tok(i + 1).is_some_and(Tok::is_dash) && self.attached(i + 1) && self.num(i + 2).is_some() {
            return false;
        }
        // Labels: `version 4.7`, `flight 370`, `page 5`, `exit 436`.
        if matches!(
            self.w(p),
            "version" | "versions" | "chapter" | "section" | "clause" | "paragraph" | "page"
                | "flight" | "route" | "platform" | "gate" | "room" | "episode" | "exit"
                | "junction" | "interstate" | "apartment" | "ward"
        ) {
            return true;
        }
        if !self.capitalized(p) {
            return false;
        }
        let w = self.w(p);
        if self.lex().is_function_word(w)
            || number_word(w).is_some()
            || month_word(w).is_some()
            || weekday_word(w).is_some()
            || QUALIFIER_WORDS.iter().any(|q| q.last() == Some(&w))
            || self.lex_prefix_currency(p).is_some()
            || matches!(
                w,
                "since" | "until" | "by" | "in" | "on" | "at" | "from" | "of" | "only" | "just"
                    | "some" | "aged" | "age" | "ages" | "nearly" | "almost" | "about" | "around"
                    | "over" | "under" | "top" | "with" | "and" | "or" | "than" | "to" | "all"
                    | "both" | "each" | "every" | "another" | "killed" | "kills"
            )
        {
            return false;
        }
        // A count of something stays a number even after a name: `Channel 4 viewers` is rare,
        // `Russia 25,000 troops` is not.
        let after = i + 1;
        if self.is_word(after) && self.joined(after) {
            let nw = self.w(after);
            if looks_plural(nw) && !self.lex().is_function_word(nw) {
                return false;
            }
            if self.lex().unit_at(&self.body[self.toks[after].start..self.para_end]).is_some() {
                return false;
            }
        }
        if matches!(self.sym(after), Some('%')) {
            return false;
        }
        true
    }

    // ---------------------------------------------------------------------------------
    // Quantities.

    /// A quantity (with any range partner) starting at `i`; returns where to resume.
    fn quantity(&mut self, i: usize) -> Option<usize> {
        let q = self.read_quantity(i, None)?;
        // A range or pair: `10-15`, `10 to 15`, `between 3 and 5`, `45 and 50 mg`.
        if let Some((q1, q2)) = self.range(i, &q) {
            let normalized = match (q1.kind, q2.kind) {
                ("year", "year") => None,
                ("score", _) => Some(format!("{}-{}", fmt_value(q1.value), fmt_value(q2.value))),
                _ => Some(format!("{}..{}", fmt_value(q1.value), fmt_value(q2.value))),
            };
            let end = q2.end;
            for mut part in [q1, q2] {
                if part.normalized.is_none() {
                    part.normalized = normalized.clone();
                }
                self.emit(part);
            }
            return Some(end);
        }
        let end = q.end;
        self.emit(q);
        Some(end)
    }

    pub(super) fn emit(&mut self, q: Quantity) {
        let unit = q.unit.clone();
        self.push(
            q.first,
            q.end,
            FoundParts {
                value: Some(q.value),
                unit,
                kind: q.kind,
                normalized: q.normalized,
            },
        );
    }

    /// Reads one quantity at `i`. `partner` is the first end of a range, whose currency or
    /// unit this one may be written without.
    pub(super) fn read_quantity(&self, i: usize, partner: Option<&Quantity>) -> Option<Quantity> {
        let t = *self.tok(i)?;
        // A currency written before the amount: `$2bn`, `US$ 20`, `€3.5 million`, `Rs 500`.
        let mut money: Option<&'static str> = None;
        let mut k = i;
        if let Some(hit) = self.lex().currency_prefix_at(&self.body[t.start..self.para_end]) {
            let after = t.start + hit.len;
            if let Some(j) = self.token_at(i, after)
                && j > i
                && (self.num(j).is_some() || self.number_start(j))
                && self.body[after..self.toks[j].start].len() <= 1
            {
                money = Some(self.lex().currencies[hit.id]);
                k = j;
            }
        }
        // A minus sign written against the number and apart from what precedes it.
        let mut sign = 1.0;
        if money.is_none()
            && matches!(self.sym(k), Some('-' | '−'))
            && self.num(k + 1).is_some()
            && self.attached(k + 1)
            && (k == 0 || !self.attached(k))
        {
            sign = -1.0;
            k += 1;
        }
        if money.is_none() && !self.number_start(k) {
            return None;
        }
        let reading = self.read_number(k)?;
        let mut q = Quantity {
            first: i,
            end: reading.end,
            value: reading.value * sign,
            unit: None,
            unit_kind: UnitKind::None,
            kind: "cardinal",
            normalized: None,
            scale: reading.scale,
            number_end: reading.end,
            plain_digits: (reading.atoms == 1 && !reading.words)
                .then(|| self.num(k))
                .flatten()
                .filter(|n| n.plain()),
            ordinal: reading.ordinal,
            fraction: reading.fraction,
            words: reading.words,
        };
        if reading.words && !self.words_are_a_number(k, &reading) {
            return None;
        }
        // What is written against the numeral: `25m`, `75th`, `1960s`, `5pm`, `10kg`, `3D`.
        if !reading.words && reading.atoms == 1 {
            match self.attached_suffix(k, &mut q, money.is_some()) {
                Suffix::None | Suffix::Read => {}
                Suffix::Code => return None,
            }
        }
        if matches!(q.kind, "time" | "decade" | "age") {
            return Some(q);
        }
        // A spaced scale abbreviation after digits: `10 bln`, `2.33 k`, `1,674.5 M`.
        if q.scale.is_none() && !reading.words && self.joined(q.end) && self.is_word(q.end) {
            if let Some(s) = scale_suffix(self.raw(q.end), false, money.is_some()) {
                q.value *= s;
                q.scale = Some(s);
                q.end += 1;
                q.number_end = q.end;
            }
        }
        // A ratio: `one over three`, `2 out of 5`, `1 in 10`.
        if !q.ordinal && money.is_none() && q.scale.is_none() {
            if let Some((v, end)) = self.ratio(&q) {
                q.value = v;
                q.end = end;
                q.number_end = end;
                q.kind = "fraction";
                q.fraction = true;
                return Some(q);
            }
        }
        // An ordinal: `75th anniversary`, `the third time`.
        if q.ordinal {
            q.kind = "ordinal";
            if let Some((unit, end)) = self.counted_thing(q.end, true) {
                q.unit = Some(unit);
                q.end = end;
            } else if reading.words && q.value <= 2.0 {
                return None;
            }
            if reading.words && q.value <= 2.0 && !self.series_noun(reading.end) {
                return None;
            }
            return Some(q);
        }
        if let Some(code) = money {
            q.kind = "money";
            q.unit = Some(code.to_string());
            q.unit_kind = UnitKind::Money;
            self.money_tail(&mut q);
            return Some(q);
        }
        self.suffix(&mut q, partner);
        if q.unit_kind == UnitKind::None {
            self.bare_kind(&mut q, k);
            if q.kind == "skip" {
                return None;
            }
        }
        Some(q)
    }

    /// Token `k` can start a number: a numeral, or a number word that the grammar reads.
    fn number_start(&self, k: usize) -> bool {
        match self.atoms.get(k) {
            Some(Atom::Num(..)) => true,
            Some(Atom::Word(w)) => !matches!(w, NumWord::And | NumWord::Point | NumWord::Of),
            _ => matches!(self.num(k), Some(n) if n.vulgar),
        }
    }

    /// Reads the number at `k`: digits and words through the grammar, plus the numeral-only
    /// forms (`2 1/2`, `3/4`, `2½`, `1.3x10^6`, `1.1^23`).
    fn read_number(&self, k: usize) -> Option<Reading> {
        let n = self.num(k);
        if let Some(n) = n
            && n.vulgar
        {
            return Some(Reading {
                end: k + 1,
                value: n.value,
                ordinal: false,
                fraction: true,
                words: false,
                atoms: 1,
                scale: None,
            });
        }
        if let Some(n) = n {
            // `3/4`, `1/40`; `2 1/2`; `2½`.
            if let Some((v, end)) = self.slash_fraction(k) {
                return Some(Reading {
                    end,
                    value: v,
                    ordinal: false,
                    fraction: true,
                    words: false,
                    atoms: 1,
                    scale: None,
                });
            }
            if n.is_integer() && self.joined(k + 1) {
                if let Some((f, end)) = self.slash_fraction(k + 1)
                    && f < 1.0
                    && !self.attached(k + 1)
                {
                    return Some(Reading {
                        end,
                        value: n.value + f,
                        ordinal: false,
                        fraction: false,
                        words: false,
                        atoms: 1,
                        scale: None,
                    });
                }
                if let Some(v) = self.num(k + 1).filter(|m| m.vulgar && self.attached(k + 1)) {
                    return Some(Reading {
                        end: k + 2,
                        value: n.value + v.value,
                        ordinal: false,
                        fraction: false,
                        words: false,
                        atoms: 1,
                        scale: None,
                    });
                }
            }
            if let Some((v, end)) = self.power(k, n.value) {
                return Some(Reading {
                    end,
                    value: v,
                    ordinal: false,
                    fraction: false,
                    words: false,
                    atoms: 1,
                    scale: None,
                });
            }
        }
        self.grammar().read(k)
    }

    /// `a/b` at `k`, written together, with a denominator that fractions use.
    fn slash_fraction(&self, k: usize) -> Option<(f64, usize)> {
        let a = self.num(k)?;
        if self.sym(k + 1) != Some('/') || !self.attached(k + 1) || !self.attached(k + 2) {
            return None;
        }
        let b = self.num(k + 2)?;
        if !a.plain() || !b.plain() || b.value == 0.0 || a.value >= b.value {
            return None;
        }
        // Fractions have round denominators; `9/11` and `24/7` are names.
        let den = b.value as u64;
        if !matches!(den, 2..=10 | 12 | 16 | 20 | 25 | 32 | 40 | 50 | 64 | 100 | 1000) {
            return None;
        }
        // A third part makes it a date (`5/17/2018`).
        if self.sym(k + 3) == Some('/') && self.attached(k + 3) {
            return None;
        }
        Some((a.value / b.value, k + 3))
    }

    /// `1.3x10^6`, `6.23×10^-4`, `2.48×10−5`, `1.1^23`, `8x2^10`.
    fn power(&self, k: usize, base: f64) -> Option<(f64, usize)> {
        let mut j = k + 1;
        let exp_at = |s: &Self, j: usize| -> Option<(f64, usize)> {
            let mut j = j;
            let mut sign = 1.0;
            while matches!(s.sym(j), Some('-' | '−' | '+')) && s.attached(j) {
                if s.sym(j) != Some('+') {
                    sign = -sign;
                }
                j += 1;
            }
            let e = s.num(j).filter(|n| n.plain() && s.attached(j))?;
            Some((sign * e.value, j + 1))
        };
        if self.sym(j) == Some('^') && self.attached(j) {
            let (e, end) = exp_at(self, j + 1)?;
            return Some((base.powf(e), end));
        }
        let times = matches!(self.sym(j), Some('×' | '*')) || self.raw(j) == "x";
        if !times || !self.joined(j) {
            return None;
        }
        j += 1;
        let b = self.num(j).filter(|n| n.plain() && self.joined(j))?;
        j += 1;
        if self.sym(j) == Some('^') && self.attached(j) {
            j += 1;
        } else if !(b.value == 10.0 && matches!(self.sym(j), Some('-' | '−'))) {
            return None;
        }
        let (e, end) = exp_at(self, j)?;
        Some((base * b.value.powf(e), end))
    }

    /// `A over B` (alone), `A out of B`, `A in B` (A < B): the ratio and the end.
    fn ratio(&self, q: &Quantity) -> Option<(f64, usize)> {
        let j = q.end;
        if !self.joined(j) || q.fraction || q.value.fract() != 0.0 {
            return None;
        }
        let (k, alone) = match self.w(j) {
            "over" => (j + 1, true),
            "out" if self.w(j + 1) == "of" => (j + 2, false),
            "in" => (j + 1, false),
            _ => return None,
        };
        if !self.joined(k) || !self.number_start(k) {
            return None;
        }
        let b = self.read_number(k)?;
        if b.ordinal || b.fraction || b.value <= 0.0 || b.value.fract() != 0.0 {
            return None;
        }
        let after = b.end;
        let more = self.joined(after) && (self.is_word(after) || self.num(after).is_some());
        if alone && more {
            return None;
        }
        if !alone {
            let year_like = self.num(k).is_some_and(|n| n.plain() && n.int_digits == 4);
            let time_after = self.tok(after).is_some_and(|t| {
                self.joined(after)
                    && self
                        .lex()
                        .unit_at(&self.body[t.start..self.para_end])
                        .is_some_and(|h| self.lex().units[h.id].dim == Dim::Time)
            });
            if q.value >= b.value || year_like || time_after || q.value < 0.0 {
                return None;
            }
        }
        Some((q.value / b.value, after))
    }

    /// Whether a reading made of words is a number here: `no one`, `one of them`, `a
    /// second`, `second-largest` are not.
    fn words_are_a_number(&self, k: usize, r: &Reading) -> bool {
        let before = if k > 0 { self.w(k - 1) } else { "" };
        let first = self.w(k);
        let single = r.atoms == 1 && r.end == k + 1;
        if single && first == "one" {
            // `no one`, `the one`, `one of`, `one another`, `one day`: only `one` + noun.
            let unit_next = self.tok(r.end).is_some_and(|t| {
                self.lex().unit_at(&self.body[t.start..self.para_end]).is_some()
            });
            if matches!(
                before,
                "no" | "the" | "this" | "that" | "any" | "every" | "each" | "which" | "anyone"
                    | "someone" | "everyone" | "only" | "last" | "other"
            ) && !unit_next
            {
                return false;
            }
            let next = self.w(r.end);
            if !self.is_word(r.end)
                || !self.joined(r.end)
                || self.lex().is_function_word(next)
                || matches!(next, "another" | "way" | "thing")
            {
                return false;
            }
        }
        if matches!(self.atoms.get(k), Some(Atom::Word(NumWord::Half | NumWord::Quarter))) {
            // A bare `half`/`quarter` is a number only as a share of something: `half of`,
            // `half the`, `half a million`; not `the second half`, `scrum-half`,
            // `quarter-final`, `Ireland's half`, `the third quarter`.
            let glued_before = k > 0 && self.attached(k) && !self.sym(k - 1).is_some_and(|c| c == '(');
            let glued_after = self.tok(r.end).is_some_and(Tok::is_dash) && self.attached(r.end);
            let ordinal_before = matches!(number_word(before), Some(NumWord::Ordinal(_)))
                || matches!(before, "final" | "last" | "other" | "better" | "latter" | "former" | "opening" | "closing" | "same" | "this" | "that" | "each" | "every")
                || (k > 0 && self.num(k - 1).is_some())
                || before.ends_with("'s")
                || before.ends_with("’s")
                || (k > 1 && matches!(self.w(k - 1), "st" | "nd" | "rd" | "th"));
            let share_after = r.end > k + 1
                || matches!(
                    self.w(r.end),
                    "of" | "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "your"
                        | "my" | "that" | "this" | "these" | "those" | "all"
                );
            if glued_before || glued_after || ordinal_before || !share_after || self.capitalized(k) && k > 0 && !self.sentence_start(k) {
                return false;
            }
        }
        // A capitalised number word inside a sentence is part of a name: `the Two Ronnies`,
        // `Radio Five Live`, `the Big Four`.
        if self.capitalized(k) && !self.sentence_start(k) && self.raw(k).chars().skip(1).any(char::is_lowercase) {
            return false;
        }
        if r.fraction && matches!(self.w(r.end.saturating_sub(1)), "quarters" | "quarter" | "halves")
        {
            // `the past two quarters`, `both halves`: periods, not fractions.
            if matches!(
                before,
                "the" | "last" | "past" | "next" | "previous" | "both" | "first" | "final"
                    | "recent" | "these" | "those" | "consecutive" | "straight"
            ) {
                return false;
            }
            // `a quarter` is a fraction only before `of` or a number word.
            if first == "a" && !matches!(self.w(r.end), "of" | "") && r.scale.is_none() {
                return false;
            }
        }
        if r.fraction && first == "a" && !r.ordinal {
            // `a third of` is a fraction; `a third term` is an ordinal, `a fifth` alone too.
            let next = self.w(r.end);
            if self.is_word(r.end) && !matches!(next, "of" | "and" | "or") {
                return false;
            }
        }
        if r.ordinal && self.joined(r.end) && ORDINAL_IDIOMS.contains(&self.w(r.end)) {
            return false;
        }
        if r.ordinal && r.atoms == 1 && r.value <= 2.0 {
            // `first` and `second` only as counts in a series: `second round`.
            return self.series_noun(r.end);
        }
        // `half` + noun (`half the`) is fine; vague `several hundred` is not a number.
        if matches!(before, "several" | "few" | "many" | "couple") {
            return false;
        }
        true
    }

    /// The noun after a `first`/`second` makes it a count (`second round`, `first quarter`).
    fn series_noun(&self, k: usize) -> bool {
        let mut k = k;
        if self.tok(k).is_some_and(Tok::is_dash) && self.attached(k) {
            k += 1;
        }
        // `for the first time` is an idiom; `the second time` counts.
        if self.w(k) == "time" && self.w(k.saturating_sub(1)) == "first" {
            return false;
        }
        self.joined(k) && SERIES_NOUNS.contains(&self.w(k))
    }

    /// Suffixes written against a numeral. Returns what happened.
    fn attached_suffix(&self, k: usize, q: &mut Quantity, money: bool) -> Suffix {
        let j = q.end;
        if !self.attached(j) {
            // `3 pm`, `3 p.m.` are times too.
            if self.joined(j) && self.time_suffix(k, j, q) {
                return Suffix::Read;
            }
            return Suffix::None;
        }
        let Some(t) = self.tok(j) else {
            return Suffix::None;
        };
        if t.kind != Kind::Word {
            return Suffix::None;
        }
        let raw = self.raw(j);
        let n = self.num(k);
        // `75th`, `1st`, `22nd`, `3rd`
        if matches!(self.w(j), "st" | "nd" | "rd" | "th") && n.is_some_and(|n| n.plain()) {
            q.ordinal = true;
            q.end = j + 1;
            q.number_end = j + 1;
            return Suffix::Read;
        }
        // `1960s`, `the 90s`, `in his 30s`; `100s of people` is vague.
        if raw == "s" && n.is_some_and(|n| n.plain()) {
            let digits = n.map_or(0, |n| n.int_digits);
            let before = if k > 0 { self.w(k - 1) } else { "" };
            let decade = q.value % 10.0 == 0.0;
            q.end = j + 1;
            if decade && digits == 2 && matches!(before, "his" | "her" | "their" | "my" | "your" | "our" | "mid" | "early" | "late") {
                q.kind = "age";
                q.unit = Some("years".into());
                q.unit_kind = UnitKind::Measure(usize::MAX);
                return Suffix::Read;
            }
            if decade && ((digits == 2 && q.value >= 20.0) || digits == 4) {
                let v = if digits == 2 { 1900.0 + q.value } else { q.value };
                q.kind = "decade";
                q.value = v;
                q.normalized = Some(format!("{}", (v as i64) / 10));
                return Suffix::Read;
            }
            return Suffix::Code;
        }
        if self.time_suffix(k, j, q) {
            return Suffix::Read;
        }
        let rest = &self.body[t.start..self.para_end];
        let unit = self.lex().unit_at(rest);
        if unit.is_some_and(|h| h.len > raw.len()) {
            return Suffix::None;
        }
        if let Some(s) = scale_suffix(raw, true, money) {
            // `25m` in `a 25m pool`, `1.8m tall`, `the final 400m`: metres.
            if matches!(raw, "m") && !money && (self.metre_context(j + 1) || self.race_distance(q.value, j + 1)) {
                return Suffix::None;
            }
            q.value *= s;
            q.scale = Some(s);
            q.end = j + 1;
            q.number_end = j + 1;
            return Suffix::Read;
        }
        if matches!(raw, "pc" | "pct") {
            return Suffix::None;
        }
        if raw == "x" && !self.attached(j + 1) {
            q.kind = "multiplier";
            q.end = j + 1;
            return Suffix::Read;
        }
        // A unit or currency written against the number (`10kg`, `50p`, `100元`) is read
        // later with the spaced ones; anything else glued to digits is a code (`3D`, `5G`).
        if unit.is_some() || self.lex().currency_suffix_at(rest).is_some() {
            return Suffix::None;
        }
        Suffix::Code
    }

    /// `am`/`pm` after an hour: `5pm`, `3.30pm`, `10 a.m.`
    fn time_suffix(&self, k: usize, j: usize, q: &mut Quantity) -> bool {
        let w = self.w(j);
        let (is_pm, end) = match w {
            "am" | "pm" => (w == "pm", j + 1),
            "a" | "p"
                if self.sym(j + 1) == Some('.')
                    && matches!(self.w(j + 2), "m")
                    && self.attached(j + 1)
                    && self.attached(j + 2) =>
            {
                let end = if self.sym(j + 3) == Some('.') && self.attached(j + 3) {
                    j + 4
                } else {
                    j + 3
                };
                (w == "p", end)
            }
            _ => return false,
        };
        let Some(n) = self.num(k) else { return false };
        let hour = q.value.trunc();
        let minutes = ((q.value - hour) * 100.0).round();
        let ok_minutes = n.frac_digits == 0 || (n.frac_digits == 2 && minutes < 60.0);
        if !(1.0..=12.0).contains(&hour) || !ok_minutes {
            return false;
        }
        let h24 = match (is_pm, hour as i64) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        q.kind = "time";
        q.end = end;
        q.normalized = Some(format!("T{h24:02}:{:02}", minutes as i64));
        true
    }

    /// A standard race distance (`400m`, `1500m`) with nothing after it that millions count.
    fn race_distance(&self, value: f64, k: usize) -> bool {
        let standard = [60.0, 100.0, 110.0, 200.0, 400.0, 800.0, 1500.0, 3000.0, 5000.0, 10000.0];
        let counted_after = self.is_word(k)
            && self.joined(k)
            && (looks_plural(self.w(k)) || self.lex().is_plural_noun(self.w(k)) || self.w(k) == "of");
        standard.contains(&value) && !counted_after
    }

    fn metre_context(&self, k: usize) -> bool {
        self.joined(k) && METRE_CONTEXT.contains(&self.w(k))
    }

    /// What follows a number: percent, currency, unit, or the thing counted.
    fn suffix(&self, q: &mut Quantity, partner: Option<&Quantity>) {
        let j = q.end;
        if !self.joined(j) {
            return;
        }
        let glued = self.attached(j);
        // Percent: `5%`, `5 %`, `5 per cent`, `5 percent`, `5pc`, `2 percentage points`.
        if self.sym(j) == Some('%') {
            q.kind = "percent";
            q.unit = Some("percent".into());
            q.unit_kind = UnitKind::Percent;
            q.end = j + 1;
            return;
        }
        match (self.w(j), self.w(j + 1)) {
            ("per", "cent") | ("per", "centum") if self.joined(j + 1) => {
                q.end = j + 2;
                q.kind = "percent";
            }
            ("percent" | "percentage" | "pct", _) | ("pc", _) if glued || self.w(j) != "pc" => {
                if self.w(j) == "percentage" {
                    if !matches!(self.w(j + 1), "point" | "points") {
                        return self.counted(q, partner);
                    }
                    q.end = j + 2;
                    q.kind = "percent";
                    q.unit = Some("percentage points".into());
                    q.unit_kind = UnitKind::Percent;
                    return;
                }
                q.end = j + 1;
                q.kind = "percent";
            }
            _ => {}
        }
        if q.kind == "percent" {
            q.unit = Some("percent".into());
            q.unit_kind = UnitKind::Percent;
            return;
        }
        // `one-yen`, `12-cent`: a currency name after a hyphen.
        let jc = if self.tok(j).is_some_and(Tok::is_dash) && glued && self.attached(j + 1) && self.is_word(j + 1) {
            j + 1
        } else {
            j
        };
        let Some(t) = self.tok(jc) else { return };
        let rest = &self.body[t.start..self.para_end];
        // Currency after the amount: `14 million euros`, `500 roubles`, `10 €`, `50p`.
        if let Some(hit) = self.lex().currency_suffix_at(rest).filter(|h| jc == j || !h.symbol) {
            let j = jc;
            let code = self.lex().currencies[hit.id];
            let single_letter = hit.symbol && hit.len == 1 && rest.as_bytes()[0].is_ascii_alphabetic();
            if let Some(end) = self.token_ending_at(j, t.start + hit.len)
                && (!single_letter || glued)
                && !(code == "KRW" && !glued && q.scale.is_none())
            {
                q.kind = "money";
                q.unit = Some(code.to_string());
                q.unit_kind = UnitKind::Money;
                q.end = end;
                self.money_tail(q);
                return;
            }
        }
        // `pounds`: money when scaled or followed by `sterling`, else weight.
        if matches!(self.w(j), "pound" | "pounds") {
            q.end = j + 1;
            if q.scale.is_some() || self.w(j + 1) == "sterling" {
                if self.w(j + 1) == "sterling" {
                    q.end = j + 2;
                }
                q.kind = "money";
                q.unit = Some("GBP".into());
                q.unit_kind = UnitKind::Money;
                self.money_tail(q);
            } else {
                q.kind = "quantity";
                q.unit = Some("pound".into());
                q.unit_kind = UnitKind::Measure(usize::MAX);
            }
            return;
        }
        // A unit: `10 km`, `2.5-mile`, `five years`, `30C`, `20 (kg)`.
        if self.unit(q, j) {
            return;
        }
        self.counted(q, partner);
    }

    /// Reads a unit of measurement at token `j` (or after a hyphen or bracket there).
    fn unit(&self, q: &mut Quantity, j: usize) -> bool {
        let mut start = j;
        let mut close = None;
        if self.tok(j).is_some_and(Tok::is_dash) && self.attached(j) && self.attached(j + 1) {
            start = j + 1;
        } else if let Some(c @ ('(' | '[' | '{' | '<')) = self.sym(j) {
            start = j + 1;
            close = Some(match c {
                '(' => ')',
                '[' => ']',
                '{' => '}',
                _ => '>',
            });
        }
        let Some(t) = self.tok(start) else { return false };
        if !t.same_line() && start != j {
            return false;
        }
        let rest = &self.body[t.start..self.para_end];
        let Some(hit) = self.lex().unit_at(rest) else {
            return false;
        };
        let Some(mut end) = self.token_ending_at(start, t.start + hit.len) else {
            return false;
        };
        let unit = &self.lex().units[hit.id];
        if hit.symbol {
            if unit.attached && !self.attached(start) {
                return false;
            }
            // `2 in` is an inch only with nothing after it (`2 in 10` is not).
            if unit.strict
                && !self.attached(start)
                && self.joined(end)
                && (self.is_word(end) || self.num(end).is_some())
            {
                return false;
            }
        }
        if let Some(c) = close {
            if self.sym(end) != Some(c) {
                return false;
            }
            end += 1;
        }
        let mut name = unit.name.to_string();
        // `5 ft 2 in`, `6 feet and 2 inches`: one height in feet.
        if unit.name == "foot" {
            let mut k = end;
            if self.w(k) == "and" {
                k += 1;
            }
            if self.joined(k)
                && let Some(r) = self.read_number(k)
                && r.value < 12.0
                && !r.ordinal
                && let Some(t2) = self.tok(r.end)
                && let Some(h2) = self.lex().unit_at(&self.body[t2.start..self.para_end])
                && self.lex().units[h2.id].name == "inch"
                && let Some(e2) = self.token_ending_at(r.end, t2.start + h2.len)
            {
                q.value += r.value / 12.0;
                end = e2;
            }
        }
        // `5 years ago`, `the 23-year-old`, `3 years old`
        if unit.dim == Dim::Time {
            let ago = self.w(end) == "ago" && self.joined(end);
            let old_hyphen = self.tok(end).is_some_and(Tok::is_dash)
                && self.w(end + 1) == "old"
                && self.attached(end)
                && self.attached(end + 1);
            let old_spaced = self.w(end) == "old" && self.joined(end) && !self.attached(start);
            if old_hyphen || old_spaced {
                end = if old_hyphen { end + 2 } else { end + 1 };
                q.kind = "age";
            } else {
                q.kind = "duration";
            }
            if q.value != 1.0 {
                name = plural_name(&name);
            }
            if ago {
                end += 1;
                q.normalized = self.ago(q.value, unit.name);
            }
        } else {
            q.kind = "quantity";
            // `kilometre per hour` when written `km per hour` or `km/h` not in the list.
            if (self.w(end) == "per" || self.sym(end) == Some('/')) && self.joined(end) {
                if let Some(t2) = self.tok(end + 1)
                    && let Some(h2) = self.lex().unit_at(&self.body[t2.start..self.para_end])
                    && let Some(e2) = self.token_ending_at(end + 1, t2.start + h2.len)
                {
                    let u2 = &self.lex().units[h2.id];
                    name = format!("{} per {}", unit.name, u2.name);
                    end = e2;
                }
            }
        }
        q.unit = Some(name);
        q.unit_kind = UnitKind::Measure(hit.id);
        q.end = end;
        true
    }

    /// The counted thing after a cardinal (`23 dangerous incidents`), or what a range
    /// partner counts.
    fn counted(&self, q: &mut Quantity, partner: Option<&Quantity>) {
        if q.fraction {
            return;
        }
        // `a 10-point plan`, `a two-disc set`: the noun after the hyphen is what is counted.
        let j = q.end;
        if self.tok(j).is_some_and(Tok::is_dash) && self.attached(j) && self.attached(j + 1) && self.is_word(j + 1) {
            let w = self.w(j + 1);
            let numeric = matches!(
                number_word(w),
                Some(NumWord::Digit(_) | NumWord::Teen(_) | NumWord::Tens(_) | NumWord::Hundred | NumWord::Scale(_))
            );
            if !self.lex().is_function_word(w) && !numeric && !self.attached(j + 2) {
                q.unit = Some(w.to_string());
                q.unit_kind = UnitKind::Counted;
                q.end = j + 2;
            }
            return;
        }
        if let Some((unit, end)) = self.counted_thing(q.end, q.value == 1.0) {
            // A year-like number counts only what follows it at once in lower case: `2000
            // people`, but `the 2010 TV Moments`, `2015 Russian elections` are years.
            let year_like = q
                .plain_digits
                .is_some_and(|n| n.int_digits == 4 && (1000.0..=2100.0).contains(&q.value));
            if year_like
                && (end != q.end + 1 || self.capitalized(q.end))
                && self.qualifier(q.first).is_none()
            {
                return;
            }
            // `340 times as many` is a multiplier; `340 times` a count.
            if unit == "times" && matches!(self.w(end), "more" | "less" | "as" | "higher" | "larger" | "bigger" | "greater" | "faster" | "the" | "lower" | "smaller") {
                q.kind = "multiplier";
            }
            q.unit = Some(unit);
            q.unit_kind = UnitKind::Counted;
            q.end = end;
            return;
        }
        let _ = partner;
    }

    /// The head noun of the phrase after token `k` that a number counts, and the token index
    /// just past it. `singular` looks for `1 vote`/`75th anniversary`-style heads.
    pub(super) fn counted_thing(&self, k: usize, singular: bool) -> Option<(String, usize)> {
        let mut j = k;
        let mut words = 0;
        while words < 4 && self.joined(j) {
            // `25,000 [American] Troops`: skip a short bracketed insertion.
            if let Some(open @ ('[' | '(')) = self.sym(j) {
                let close = if open == '[' { ']' } else { ')' };
                let mut m = j + 1;
                while m < j + 5 && self.is_word(m) {
                    m += 1;
                }
                if self.sym(m) == Some(close) && m > j + 1 && words == 0 {
                    j = m + 1;
                    continue;
                }
                return None;
            }
            // `war-weary`: a hyphenated modifier.
            if self.tok(j).is_some_and(Tok::is_dash) && self.attached(j) && words > 0 && self.is_word(j + 1) && self.attached(j + 1) {
                j += 1;
            }
            if !self.is_word(j) {
                return None;
            }
            let w = self.w(j);
            if w.is_empty()
                || self.lex().is_function_word(w)
                || month_word(w).is_some()
                || weekday_word(w).is_some()
                || (number_word(w).is_some() && !matches!(number_word(w), Some(NumWord::Ordinal(_))))
            {
                return None;
            }
            let capital = self.capitalized(j);
            let plural = (looks_plural(w) || self.lex().is_plural_noun(w)) && !(capital && words > 0 && !looks_plural(w));
            if plural && !singular {
                // `police officers`: take the last of a run of plural nouns.
                let mut head = j;
                while self.is_word(head + 1)
                    && self.joined(head + 1)
                    && looks_plural(self.w(head + 1))
                    && !self.lex().is_function_word(self.w(head + 1))
                    && !looks_modifier(self.w(head + 1))
                {
                    head += 1;
                }
                return Some((self.w(head).to_string(), head + 1));
            }
            if singular && !looks_modifier(w) {
                // A capitalised word is a name, not the thing ranked: `the 21st Century`.
                return (!capital).then(|| (w.to_string(), j + 1));
            }
            if !singular && !looks_modifier(w) && !capital && words > 0 {
                return None;
            }
            words += 1;
            j += 1;
        }
        None
    }

    /// What a number with nothing after it is: a year, a plain cardinal, or a fraction.
    fn bare_kind(&self, q: &mut Quantity, k: usize) {
        if q.kind != "cardinal" {
            return;
        }
        if q.fraction {
            q.kind = "fraction";
            return;
        }
        if let Some(n) = q.plain_digits
            && n.int_digits == 4
            && (1000.0..=2100.0).contains(&q.value)
            && q.scale.is_none()
        {
            q.kind = "year";
            q.normalized = Some(format!("{}", q.value as i64));
            // `2023/24`, `2023-24`: a season or financial year.
            if matches!(self.sym(q.end), Some('/' | '-' | '–'))
                && self.attached(q.end)
                && self.attached(q.end + 1)
                && let Some(m) = self.num(q.end + 1)
                && m.plain()
                && m.int_digits == 2
                && (q.value as i64 + 1) % 100 == m.value as i64
            {
                q.normalized = Some(format!("{}/{}", q.value as i64, q.value as i64 + 1));
                q.end += 2;
            }
            return;
        }
        let _ = k;
    }

    /// After money written with a currency name: `3 dollars 50 cents`, `thirteen dollars
    /// and forty-five cents`, `15 dollars 50`.
    fn money_tail(&self, q: &mut Quantity) {
        let name_before = self.is_word(q.end.saturating_sub(1))
            && matches!(
                self.w(q.end - 1),
                "dollar" | "dollars" | "euro" | "euros" | "pound" | "pounds"
            );
        if !name_before {
            return;
        }
        let mut j = q.end;
        if self.w(j) == "and" && self.joined(j) {
            j += 1;
        }
        if !self.joined(j) {
            return;
        }
        let Some(r) = self.grammar().read(j) else { return };
        if r.ordinal || r.fraction || r.value >= 100.0 || r.value <= 0.0 || r.value.fract() != 0.0 {
            return;
        }
        let mut end = r.end;
        if matches!(self.w(end), "cent" | "cents" | "pence" | "p") && self.joined(end) {
            end += 1;
        } else if self.is_word(end) && self.joined(end) && !self.lex().is_function_word(self.w(end)) {
            return;
        }
        q.value += r.value / 100.0;
        q.end = end;
    }

    /// `doubled`, `tripled`, `twice`, `halved`.
    fn multiplier(&mut self, i: usize) -> Option<usize> {
        if !self.is_word(i) {
            return None;
        }
        let v = match self.w(i) {
            "doubled" | "doubling" | "twice" => 2.0,
            "tripled" | "trebled" | "tripling" | "thrice" => 3.0,
            "quadrupled" | "quadrupling" => 4.0,
            "halved" | "halving" => 0.5,
            "double" | "triple" | "treble" => {
                // `double the number`, not `double standards` or `double-decker`.
                if !matches!(self.w(i + 1), "the" | "that" | "its" | "their" | "what") {
                    return None;
                }
                if self.w(i) == "double" { 2.0 } else { 3.0 }
            }
            _ => return None,
        };
        self.push(
            i,
            i + 1,
            FoundParts {
                value: Some(v),
                unit: None,
                kind: "multiplier",
                normalized: None,
            },
        );
        Some(i + 1)
    }

    /// Two numbers joined as a range or a pair sharing a unit: `10-15`, `10 to 15`,
    /// `between 3 and 5 million`, `45 and 50 mg`, `$2-3bn`, `1939-45`, `2-1` (a score).
    fn range(&self, i: usize, q: &Quantity) -> Option<(Quantity, Quantity)> {
        let j = q.end;
        if !self.joined(j) || q.kind == "time" || q.kind == "decade" || q.ordinal {
            return None;
        }
        let between = i > 0 && self.w(i - 1) == "between" || (i > 1 && self.w(i - 2) == "between" && q.first == i);
        let connector = match self.tok(j)?.kind {
            Kind::Sym('-' | '–' | '—') => "-",
            Kind::Word if self.w(j) == "to" => "to",
            Kind::Word if self.w(j) == "and" && between => "and",
            Kind::Word if matches!(self.w(j), "and" | "or") && q.unit_kind == UnitKind::None => "pair",
            _ => return None,
        };
        let k = j + 1;
        if !self.joined(k) {
            return None;
        }
        // Years: `1939-45`, `2015-2020`.
        if q.kind == "year" && connector != "pair" {
            let m = self.num(k)?;
            if !m.plain() {
                return None;
            }
            let second = match m.int_digits {
                2 if connector == "-" => (q.value as i64 / 100) * 100 + m.value as i64,
                4 => m.value as i64,
                _ => return None,
            };
            if second <= q.value as i64 || self.attached(k + 1) && self.is_word(k + 1) {
                return None;
            }
            let mut q2 = q.clone();
            q2.first = k;
            q2.end = k + 1;
            q2.value = second as f64;
            q2.normalized = Some(second.to_string());
            return Some((q.clone(), q2));
        }
        let mut q2 = self.read_quantity(k, Some(q))?;
        if matches!(q2.kind, "year" | "time" | "decade" | "ordinal" | "date") && q.kind != q2.kind {
            return None;
        }
        // `8% to $13bn` is two numbers, not a range.
        if q.unit_kind != UnitKind::None
            && q2.unit_kind != UnitKind::None
            && std::mem::discriminant(&q.unit_kind) != std::mem::discriminant(&q2.unit_kind)
        {
            return None;
        }
        let mut q1 = q.clone();
        if connector == "pair" {
            // `45 and 50 mg`: the first shares the second's unit, if it has none.
            if q2.unit_kind == UnitKind::None || matches!(q2.unit_kind, UnitKind::Counted) {
                return None;
            }
            share(&mut q1, &q2);
            q1.normalized = None;
            return Some((q1, q2));
        }
        // `$2-3bn`, `between 3 and 5 million`, `10-15%`, `5-10 years`.
        share(&mut q1, &q2);
        if q2.unit_kind == UnitKind::None && q1.unit_kind != UnitKind::None {
            q2.unit = q1.unit.clone();
            q2.unit_kind = q1.unit_kind.clone();
            q2.kind = q1.kind;
        }
        // A descending pair of small whole numbers joined by a dash is a score: `won 2-1`.
        if connector == "-"
            && q1.unit_kind == UnitKind::None
            && q2.unit_kind == UnitKind::None
            && q1.value >= q2.value
            && q1.value < 100.0
            && q1.value.fract() == 0.0
            && q2.value.fract() == 0.0
        {
            q1.kind = "score";
            q2.kind = "score";
        }
        if q1.kind != "score" && q2.value < q1.value && connector != "to" {
            return None;
        }
        Some((q1, q2))
    }
}

/// The first end of a range takes the scale, unit and currency of the second when it has
/// none of its own: `$2-3bn` is 2 billion dollars, `between 3 and 5 million` is 3 million.
fn share(q1: &mut Quantity, q2: &Quantity) {
    let same_kind = q1.unit_kind == UnitKind::None
        || q2.unit_kind == UnitKind::None
        || std::mem::discriminant(&q1.unit_kind) == std::mem::discriminant(&q2.unit_kind);
    if q1.scale.is_none()
        && let Some(s) = q2.scale
        && !q1.words
        && q1.value < s
        && same_kind
        && q1.unit_kind != UnitKind::Percent
    {
        q1.value *= s;
        q1.scale = Some(s);
    }
    if q1.unit_kind == UnitKind::None && q2.unit_kind != UnitKind::None {
        q1.unit = q2.unit.clone();
        q1.unit_kind = q2.unit_kind.clone();
        q1.kind = q2.kind;
        if q1.kind == "year" {
            q1.kind = "cardinal";
        }
    }
    if q1.kind == "year" && q2.kind != "year" {
        q1.kind = "cardinal";
        q1.normalized = None;
    }
}

fn plural_name(name: &str) -> String {
    match name {
        "century" => "centuries".into(),
        "millennium" => "millennia".into(),
        _ => format!("{name}s"),
    }
}

fn prefix_is_url(w: &str) -> bool {
    matches!(w, "www" | "http" | "https")
}

pub(super) enum Suffix {
    None,
    Read,
    Code,
}

/// The parts of a [`Found`] other than its span and qualifier.
pub(super) struct FoundParts {
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub kind: &'static str,
    pub normalized: Option<String>,
}
