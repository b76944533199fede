//! What is not a number although it has digits: codes (`F-16`, `G7`, `MH17`, `COVID-19`),
//! phone numbers and references (`+44 20 7946 0958`, `0800 555 111`), addresses and file
//! names (`www.x.com/2023`, `IMG_2023`), versions (`1.2.3`, `Firefox 1.0`), long
//! identifiers, and numbers that are part of a name (`Rossiya 1`, `Apollo 11`, `No. 10`).
//!
//! These checks run before any number is read, at each token, and tell the scanner where to
//! resume. They are deliberately about the written form only; whether a number that survives
//! them counts something is `units.rs`'s question.

use super::dates::{month_word, weekday_word};
use super::scan::{QUALIFIER_WORDS, Scanner};
use super::token::{Gap, Kind, Tok};
use super::units::looks_plural;
use super::words::{NumWord, number_word};

/// Words that end a street name after a house number.
const STREET_WORDS: &[&str] = &[
    "street",
    "road",
    "avenue",
    "lane",
    "drive",
    "square",
    "place",
    "boulevard",
    "close",
    "crescent",
    "terrace",
    "gardens",
    "st",
    "rd",
    "ave",
];

pub(super) fn prefix_is_url(w: &str) -> bool {
    matches!(w, "www" | "http" | "https")
}

impl Scanner<'_> {
    /// At a code, phone number, address or name-with-number: the index to resume after it.
    pub(super) fn not_a_number(&self, i: usize) -> Option<usize> {
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
                        "mid"
                            | "pre"
                            | "post"
                            | "early"
                            | "late"
                            | "top"
                            | "under"
                            | "over"
                            | "circa"
                            | "ca"
                            | "c"
                            | "around"
                            | "about"
                            | "some"
                            | "up"
                            | "to"
                            | "and"
                            | "or"
                            | "from"
                            | "between"
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
                if matches!(c, '+' | '#' | '@' | '_')
                    && self.num(i + 1).is_some()
                    && self.attached(i + 1)
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
                if i > 0
                    && self.attached(i)
                    && matches!(self.sym(i - 1), Some('_' | '@' | '/' | '#'))
                    && !self.is_date_slash(i - 1)
                {
                    return Some(self.run_end(i));
                }
                // `9/11`, `24/7`, odds `2/1`: neither a fraction nor a date nor a season.
                if n.plain()
                    && n.int_digits <= 2
                    && self.sym(i + 1) == Some('/')
                    && self.attached(i + 1)
                    && self.attached(i + 2)
                    && self.num(i + 2).is_some_and(|m| m.plain())
                    && self.slash_fraction(i).is_none()
                    && !self.date_numeric_at(i)
                {
                    return Some(i + 3);
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
                    let dash =
                        self.tok(i + 1).is_some_and(|t| t.is_sym('-')) && self.attached(i + 1);
                    if dash
                        && self
                            .num(i + 2)
                            .is_some_and(|m| m.plain() && m.int_digits >= 3)
                        && self.attached(i + 2)
                        && (self.num(i + 2).is_some_and(|m| m.int_digits == 4)
                            || self.tok(i + 3).is_some_and(|t| t.is_sym('-')))
                    {
                        return Some(self.chain_end(i));
                    }
                }
                // A house number: `10 Downing Street`, `221 Baker Street`.
                if self.address(i) {
                    return Some(self.run_end(i));
                }
                // `Rossiya 1`, `Channel 4`, `Football Manager 2007`, `Article 5`.
                if self.name_number(i) {
                    return Some(i + 1);
                }
                None
            }
        }
    }

    /// The token index just past the run of tokens written together from `i`.
    pub(super) fn run_end(&self, i: usize) -> usize {
        let mut k = i + 1;
        while self.attached(k) {
            k += 1;
        }
        k
    }

    pub(super) fn lex_prefix_currency(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let hit = self
            .lex()
            .currency_prefix_at(&self.body[t.start..self.para_end])?;
        Some(hit.len)
    }

    /// A `/` at `k` between numbers that make a date (`5/17/2018`).
    pub(super) fn is_date_slash(&self, k: usize) -> bool {
        k > 0 && self.num(k - 1).is_some() && self.attached(k) && self.date_numeric_at(k - 1)
    }

    /// The end of a chain of digit groups separated by single spaces, hyphens, dots,
    /// slashes or parentheses (a phone number or reference).
    pub(super) fn chain_end(&self, i: usize) -> usize {
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

    /// A number followed by a capitalised street name: an address, not a quantity.
    pub(super) fn address(&self, i: usize) -> bool {
        let mut k = self.run_end(i);
        let mut names = 0;
        while names < 3 && self.is_word(k) && self.joined(k) && self.capitalized(k) {
            if STREET_WORDS.contains(&self.w(k)) {
                return names > 0;
            }
            names += 1;
            k += 1;
        }
        false
    }

    /// A plain small integer right after a capitalised word that is not a preposition or
    /// the like: part of a name (`Rossiya 1`, `Apollo 11`, `Windows 10`).
    pub(super) fn name_number(&self, i: usize) -> bool {
        let Some(n) = self.num(i) else { return false };
        let version =
            !n.grouped && !n.vulgar && !n.dotted && n.frac_digits > 0 && n.frac_digits <= 2;
        if i == 0
            || !(n.plain() || version)
            || n.int_digits > 4
            || self.tok(i).is_none_or(|t| t.gap != Gap::Space)
        {
            return false;
        }
        let p = i - 1;
        // `No. 1`, `Nos. 3`
        if self.sym(p) == Some('.')
            && p > 0
            && matches!(self.w(p - 1), "no" | "nos")
            && self.attached(p)
        {
            return true;
        }
        if !self.is_word(p) || !self.joined(i) {
            return false;
        }
        // `Spain 2-0`: a score, not a name.
        if self.tok(i + 1).is_some_and(Tok::is_dash)
            && self.attached(i + 1)
            && self.num(i + 2).is_some()
        {
            return false;
        }
        // Labels: `version 4.7`, `flight 370`, `page 5`, `exit 436`.
        if matches!(
            self.w(p),
            "version"
                | "versions"
                | "chapter"
                | "section"
                | "clause"
                | "paragraph"
                | "page"
                | "flight"
                | "route"
                | "platform"
                | "gate"
                | "room"
                | "episode"
                | "exit"
                | "junction"
                | "interstate"
                | "apartment"
                | "ward"
        ) {
            return true;
        }
        if !self.name_like(p) {
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
                "since"
                    | "until"
                    | "by"
                    | "in"
                    | "on"
                    | "at"
                    | "from"
                    | "of"
                    | "only"
                    | "just"
                    | "some"
                    | "aged"
                    | "age"
                    | "ages"
                    | "nearly"
                    | "almost"
                    | "about"
                    | "around"
                    | "over"
                    | "under"
                    | "top"
                    | "with"
                    | "and"
                    | "or"
                    | "than"
                    | "to"
                    | "all"
                    | "both"
                    | "each"
                    | "every"
                    | "another"
                    | "killed"
                    | "kills"
            )
        {
            return false;
        }
        // After a possessive it is the name's number of something: `Twitter's 217 million
        // users`, `NATO's 31 members`.
        if self.w(p).ends_with("'s") || self.w(p).ends_with("’s") {
            return false;
        }
        // A count of something stays a number even after a name: `Channel 4 viewers` is rare,
        // `Russia 25,000 troops` is not.
        let after = i + 1;
        if self.joined(after)
            && matches!(
                number_word(self.w(after)),
                Some(NumWord::Hundred | NumWord::Scale(_) | NumWord::Dozen)
            )
        {
            return false;
        }
        if self.is_word(after) && self.joined(after) {
            let nw = self.w(after);
            if looks_plural(nw) && !self.lex().is_function_word(nw) {
                return false;
            }
            if self
                .lex()
                .unit_at(&self.body[self.toks[after].start..self.para_end])
                .is_some()
            {
                return false;
            }
        }
        if matches!(self.sym(after), Some('%')) {
            return false;
        }
        true
    }
}
