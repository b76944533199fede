//! The scanner: walks the tokens of a run of sentences left to right and turns each number
//! it meets into [`Found`] items: the value, what it counts or measures, its kind, and its
//! exact span.
//!
//! At each token it asks, in order: is this something that only looks like a number
//! (`codes.rs`: `F-16`, `G7`, phone numbers, `Rossiya 1`), a date or time (`dates.rs`), or
//! a quantity: an optional currency before the number, the number itself (digits, words or
//! both, read by `words.rs`), and what follows it (`units.rs`: scale, percent, currency,
//! unit, or the counted thing). A second number joined by `-`, `to` or `between … and`
//! makes a range whose ends share unit and scale (`$2-3bn`, `between 44 and 50 mg`); a dash
//! between small whole numbers where the words speak of a match is a score (`a 2-1 win`).
//! The approximation written before a number (`more than`, `about`) is kept as its qualifier.
//!
//! This file holds the walk, the quantity reader and ranges; it decides nothing about body
//! text versus boilerplate, which the parser settles before extraction.

use super::dates::{Published, month_word, weekday_word};
use super::lexicon::{Dim, LEXICON, Lexicon};
use super::token::{Gap, Kind, Numeral, Tok};
use super::units::scale_suffix;
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

/// After a `first` or `second`, a noun that makes it count something (`second round`).
const SERIES_NOUNS: &[&str] = &[
    "anniversary",
    "round",
    "quarter",
    "half",
    "term",
    "day",
    "week",
    "month",
    "year",
    "leg",
    "stage",
    "phase",
    "wave",
    "edition",
    "season",
    "set",
    "test",
    "innings",
    "reading",
    "tranche",
    "batch",
    "instalment",
    "installment",
    "floor",
    "generation",
    "century",
    "place",
    "goal",
    "attempt",
    "ballot",
    "vote",
    "game",
    "match",
    "time",
    "straight",
    "consecutive",
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
pub(super) static QUALIFIER_WORDS: std::sync::LazyLock<Vec<Vec<&'static str>>> =
    std::sync::LazyLock::new(|| QUALIFIERS.iter().map(|q| q.split(' ').collect()).collect());

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

    pub(super) fn capitalized(&self, k: usize) -> bool {
        self.raw(k).chars().next().is_some_and(char::is_uppercase)
    }

    /// Written like a name: capitalised, or with a capital inside (`iPhone`, `eBay`).
    pub(super) fn name_like(&self, k: usize) -> bool {
        self.raw(k).chars().any(char::is_uppercase)
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
                Some(
                    '"' | '“' | '”' | '\'' | '‘' | '’' | '(' | ')' | '[' | ']' | '-' | '–' | '—',
                ) => continue,
                _ => return false,
            }
        }
    }

    /// Token index of the first token that starts at or after byte `pos`, when only
    /// whitespace lies between `pos` and it.
    pub(super) fn token_at(&self, from: usize, pos: usize) -> Option<usize> {
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
    pub(super) fn token_ending_at(&self, from: usize, pos: usize) -> Option<usize> {
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
        let (Some(a), Some(b)) = (
            self.toks.get(first),
            end.checked_sub(1).and_then(|e| self.toks.get(e)),
        ) else {
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
        let last_word = if self.is_word(last) {
            self.w(last)
        } else {
            self.raw(last)
        };
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
    pub(super) fn may_start(&self, i: usize) -> bool {
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
            return month_word(w).is_some()
                || weekday_word(w).is_some()
                || w == "tomorrow"
                || w == "yesterday";
        }
        matches!(
            w,
            "yesterday"
                | "tomorrow"
                | "doubled"
                | "doubling"
                | "twice"
                | "tripled"
                | "trebled"
                | "tripling"
                | "thrice"
                | "quadrupled"
                | "quadrupling"
                | "halved"
                | "halving"
                | "double"
                | "triple"
                | "treble"
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

    // ---------------------------------------------------------------------------------
    // Quantities.

    /// A quantity (with any range partner) starting at `i`; returns where to resume.
    pub(super) fn quantity(&mut self, i: usize) -> Option<usize> {
        let q = self.read_quantity(i, None)?;
        // A range or pair: `10-15`, `10 to 15`, `between 3 and 5`, `45 and 50 mg`.
        if let Some((q1, q2)) = self.range(i, &q) {
            // `from 93 to 85` is a change, not a range.
            // `from 93 to 85`, `fell by 0.2 points to 4.1%`, `312 votes to 276` compare or
            // change two values; only a rising `to` with one unit is a range.
            let to = self.w(q1.end) == "to";
            let change = to
                && ((i > 0 && matches!(self.w(i - 1), "from" | "by"))
                    || q2.value < q1.value
                    || q1.unit != q2.unit);
            let normalized = match (q1.kind, q2.kind) {
                ("year", "year") => None,
                _ if change => None,
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
        if let Some(hit) = self
            .lex()
            .currency_prefix_at(&self.body[t.start..self.para_end])
        {
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
        if q.scale.is_none()
            && !reading.words
            && self.joined(q.end)
            && self.is_word(q.end)
            && let Some(s) = scale_suffix(self.raw(q.end), false, money.is_some())
        {
            q.value *= s;
            q.scale = Some(s);
            q.end += 1;
            q.number_end = q.end;
        }
        // A ratio: `one over three`, `2 out of 5`, `1 in 10`.
        if !q.ordinal
            && money.is_none()
            && q.scale.is_none()
            && let Some((v, end)) = self.ratio(&q)
        {
            q.value = v;
            q.end = end;
            q.number_end = end;
            q.kind = "fraction";
            q.fraction = true;
            return Some(q);
        }
        // An ordinal: `75th anniversary`, `the third time`.
        if q.ordinal && money.is_none() {
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
    pub(super) fn number_start(&self, k: usize) -> bool {
        match self.atoms.get(k) {
            Some(Atom::Num(..)) => true,
            Some(Atom::Word(w)) => !matches!(w, NumWord::And | NumWord::Point | NumWord::Of),
            _ => matches!(self.num(k), Some(n) if n.vulgar),
        }
    }

    /// Reads the number at `k`: digits and words through the grammar, plus the numeral-only
    /// forms (`2 1/2`, `3/4`, `2½`, `1.3x10^6`, `1.1^23`).
    pub(super) fn read_number(&self, k: usize) -> Option<Reading> {
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
    pub(super) fn slash_fraction(&self, k: usize) -> Option<(f64, usize)> {
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
        if !matches!(
            den,
            2..=10 | 12 | 16 | 20 | 25 | 32 | 40 | 50 | 64 | 100 | 1000
        ) {
            return None;
        }
        // A third part makes it a date (`5/17/2018`).
        if self.sym(k + 3) == Some('/') && self.attached(k + 3) {
            return None;
        }
        Some((a.value / b.value, k + 3))
    }

    /// `1.3x10^6`, `6.23×10^-4`, `2.48×10−5`, `1.1^23`, `8x2^10`.
    pub(super) fn power(&self, k: usize, base: f64) -> Option<(f64, usize)> {
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
    pub(super) fn ratio(&self, q: &Quantity) -> Option<(f64, usize)> {
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
    pub(super) fn words_are_a_number(&self, k: usize, r: &Reading) -> bool {
        let before = if k > 0 { self.w(k - 1) } else { "" };
        let first = self.w(k);
        let single = r.atoms == 1 && r.end == k + 1;
        if single && first == "one" {
            // `no one`, `the one`, `one of`, `one another`, `one day`: only `one` + noun.
            let unit_next = self.tok(r.end).is_some_and(|t| {
                self.lex()
                    .unit_at(&self.body[t.start..self.para_end])
                    .is_some()
            });
            if matches!(
                before,
                "no" | "the"
                    | "this"
                    | "that"
                    | "any"
                    | "every"
                    | "each"
                    | "which"
                    | "anyone"
                    | "someone"
                    | "everyone"
                    | "only"
                    | "last"
                    | "other"
            ) && !unit_next
            {
                return false;
            }
            let next = self.w(r.end);
            // `one in five adults`, `one out of three`: a ratio.
            let ratio = match next {
                "in" | "over" => self.number_start(r.end + 1),
                "out" => self.w(r.end + 1) == "of" && self.number_start(r.end + 2),
                _ => false,
            } && self.joined(r.end);
            // `one-yen`, `a one-mile walk`: one of a unit or currency.
            let unit_after = self.tok(r.end).is_some_and(Tok::is_dash)
                && self.attached(r.end)
                && self.attached(r.end + 1)
                && self.tok(r.end + 1).is_some_and(|t| {
                    let rest = &self.body[t.start..self.para_end];
                    self.lex().unit_at(rest).is_some_and(|h| !h.symbol)
                        || self
                            .lex()
                            .currency_suffix_at(rest)
                            .is_some_and(|h| !h.symbol)
                });
            if ratio || unit_after {
                return true;
            }
            if !self.is_word(r.end)
                || !self.joined(r.end)
                || self.lex().is_function_word(next)
                || next.starts_with("another")
                || matches!(next, "way" | "thing")
            {
                return false;
            }
        }
        if matches!(
            self.atoms.get(k),
            Some(Atom::Word(NumWord::Half | NumWord::Quarter))
        ) {
            // A bare `half`/`quarter` is a number only as a share of something: `half of`,
            // `half the`, `half a million`; not `the second half`, `scrum-half`,
            // `quarter-final`, `Ireland's half`, `the third quarter`.
            let glued_before =
                k > 0 && self.attached(k) && self.sym(k - 1).is_none_or(|c| c != '(');
            let glued_after = self.tok(r.end).is_some_and(Tok::is_dash) && self.attached(r.end);
            let ordinal_before = matches!(number_word(before), Some(NumWord::Ordinal(_)))
                || matches!(
                    before,
                    "final"
                        | "last"
                        | "other"
                        | "better"
                        | "latter"
                        | "former"
                        | "opening"
                        | "closing"
                        | "same"
                        | "this"
                        | "that"
                        | "each"
                        | "every"
                )
                || (k > 0 && self.num(k - 1).is_some())
                || before.ends_with("'s")
                || before.ends_with("’s")
                || (k > 1 && matches!(self.w(k - 1), "st" | "nd" | "rd" | "th"));
            let share_after = r.end > k + 1
                || matches!(
                    self.w(r.end),
                    "of" | "the"
                        | "a"
                        | "an"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                        | "your"
                        | "my"
                        | "that"
                        | "this"
                        | "these"
                        | "those"
                        | "all"
                );
            if glued_before
                || glued_after
                || ordinal_before
                || !share_after
                || self.capitalized(k) && k > 0 && !self.sentence_start(k)
            {
                return false;
            }
        }
        // A capitalised number word inside a sentence is part of a name: `the Two Ronnies`,
        // `Radio Five Live`, `the Big Four`.
        if self.capitalized(k)
            && !self.sentence_start(k)
            && self.raw(k).chars().skip(1).any(char::is_lowercase)
        {
            return false;
        }
        if r.fraction
            && matches!(
                self.w(r.end.saturating_sub(1)),
                "quarters" | "quarter" | "halves"
            )
        {
            // `the past two quarters`, `both halves`: periods, not fractions.
            if matches!(
                before,
                "the"
                    | "last"
                    | "past"
                    | "next"
                    | "previous"
                    | "both"
                    | "first"
                    | "final"
                    | "recent"
                    | "these"
                    | "those"
                    | "consecutive"
                    | "straight"
            ) {
                return false;
            }
            // `a quarter` is a fraction only before `of` or a number word.
            if first == "a" && !matches!(self.w(r.end), "of" | "") && r.scale.is_none() {
                return false;
            }
        }
        if r.fraction && self.tok(r.end).is_some_and(Tok::is_dash) && self.attached(r.end) {
            return false;
        }
        if r.fraction && first == "a" && !r.ordinal {
            // `a third of` is a fraction; `a third term` is an ordinal, `a fifth` alone too.
            let next = self.w(r.end);
            if self.is_word(r.end) && !matches!(next, "of" | "and" | "or") {
                return false;
            }
        }
        let after = if self.tok(r.end).is_some_and(Tok::is_dash) && self.attached(r.end) {
            r.end + 1
        } else {
            r.end
        };
        if r.ordinal && self.joined(after) && ORDINAL_IDIOMS.contains(&self.w(after)) {
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
    pub(super) fn series_noun(&self, k: usize) -> bool {
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

    /// `doubled`, `tripled`, `twice`, `halved`.
    pub(super) fn multiplier(&mut self, i: usize) -> Option<usize> {
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
    pub(super) fn range(&self, i: usize, q: &Quantity) -> Option<(Quantity, Quantity)> {
        let j = q.end;
        if !self.joined(j) || q.kind == "time" || q.kind == "decade" || q.ordinal {
            return None;
        }
        let between = i > 0 && self.w(i - 1) == "between"
            || (i > 1 && self.w(i - 2) == "between" && q.first == i);
        let connector = match self.tok(j)?.kind {
            Kind::Sym('-' | '–' | '—') => "-",
            Kind::Word if self.w(j) == "to" => "to",
            Kind::Word if self.w(j) == "and" && between => "and",
            Kind::Word if matches!(self.w(j), "and" | "or") && q.unit_kind == UnitKind::None => {
                "pair"
            }
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
                // `2003-4`
                1 if connector == "-" => (q.value as i64 / 10) * 10 + m.value as i64,
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
        // Two small whole numbers joined by a dash are a score when they fall (`won 2-1`) or
        // when the words around say so (`a 10-24 win`, `Mansfield 0-1 Leyton Orient`).
        let whole = q1.value.fract() == 0.0
            && q2.value.fract() == 0.0
            && q1.value < 200.0
            && q2.value < 200.0;
        let before = if i > 0 { self.w(i - 1) } else { "" };
        let sporting = matches!(
            self.w(q2.end),
            "win"
                | "victory"
                | "defeat"
                | "loss"
                | "draw"
                | "lead"
                | "home"
                | "away"
                | "scoreline"
                | "thrashing"
                | "humiliation"
                | "triumph"
                | "success"
                | "reverse"
        ) || matches!(
            before,
            "won"
                | "lost"
                | "beat"
                | "drew"
                | "trailed"
                | "led"
                | "leading"
                | "trailing"
                | "beaten"
                | "at"
                | "by"
                | "thrashed"
                | "edged"
        ) || (i > 0
            && self.capitalized(i - 1)
            && !self.lex().is_function_word(self.w(i - 1))
            && self.is_word(q2.end)
            && self.capitalized(q2.end));
        if connector == "-"
            && q1.unit_kind == UnitKind::None
            && q2.unit_kind == UnitKind::None
            && whole
            && (q1.value >= q2.value || sporting)
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
