//! What follows a number: an attached suffix (`25m`, `75th`, `1960s`, `5pm`, `10kg`), a scale
//! abbreviation, percent, a currency, a unit of measurement (`10 km`, `2.5-mile`, `5 ft 2 in`,
//! `five years ago`), or else the thing it counts (`23 dangerous incidents`, `32 members`).
//!
//! The counted thing is found without a part-of-speech tagger: the first plural-looking
//! noun within a few words (skipping adjectives and a bracketed insertion such as
//! `[American]`), stopping at function words, punctuation and verbs that betray themselves
//! (`-ing`, a following `a`/`that`). For ordinals and `one` the head is the first singular
//! noun. The unit stored is the head as written, lower-cased; measurement units are stored
//! by their full names from `data/numbers/units.tsv`.

use super::dates::{month_word, weekday_word};
use super::lexicon::Dim;
use super::scan::{Quantity, Scanner, Suffix, UnitKind};
use super::token::{Kind, Tok};
use super::words::{NumWord, number_word};

/// Words after `m` that make it metres rather than millions (`1.8m tall`, `the 100m final`).
const METRE_CONTEXT: &[&str] = &[
    "tall",
    "long",
    "high",
    "wide",
    "deep",
    "away",
    "above",
    "below",
    "across",
    "underground",
    "race",
    "sprint",
    "hurdles",
    "freestyle",
    "breaststroke",
    "backstroke",
    "butterfly",
    "medley",
    "relay",
    "final",
    "finals",
    "dash",
    "run",
    "swim",
    "record",
    "title",
    "gold",
    "silver",
    "bronze",
    "heat",
    "heats",
    "event",
    "sea",
    "square",
    "cubic",
    "length",
    "lengths",
    "taller",
    "higher",
    "longer",
    "deeper",
    "wider",
    "shorter",
    "penalty",
    "kick",
    "pool",
];

/// Words that come between a number and the thing counted without being it.
const MODIFIERS: &[&str] = &[
    "more",
    "other",
    "additional",
    "extra",
    "further",
    "new",
    "old",
    "big",
    "small",
    "large",
    "major",
    "minor",
    "key",
    "top",
    "senior",
    "junior",
    "young",
    "last",
    "next",
    "few",
    "same",
    "whole",
    "entire",
    "full",
    "main",
    "great",
    "good",
    "bad",
    "high",
    "low",
    "long",
    "short",
    "total",
    "former",
    "current",
    "separate",
    "different",
    "similar",
    "straight",
    "consecutive",
    "successive",
    "previous",
    "recent",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "single",
    "double",
    "armed",
    "injured",
    "wounded",
    "dead",
    "missing",
    "known",
    "suspected",
    "alleged",
    "confirmed",
    "reported",
    "registered",
    "young",
    "elderly",
    "local",
    "foreign",
    "british",
    "american",
    "russian",
    "chinese",
    "ukrainian",
    "european",
    "military",
    "civilian",
    "nuclear",
    "private",
    "public",
    "state",
    "federal",
    "national",
    "international",
    "domestic",
    "dangerous",
    "serious",
    "minor",
    "fatal",
    "violent",
    "so-called",
    "key",
    "leading",
    "remaining",
    "existing",
    "ongoing",
    "upcoming",
    "coming",
    "following",
    "missing",
];

/// Scale abbreviations written after a numeral (`25m`, `$2bn`, `10k`, `10 bln`).
pub(super) fn scale_suffix(raw: &str, attached: bool, money: bool) -> Option<f64> {
    Some(match raw {
        "k" | "K" | "thou" => 1e3,
        "m" | "mn" | "mln" | "mil" | "MM" | "Mn" | "M" => 1e6,
        "bn" | "bln" | "Bn" | "billion" => 1e9,
        // `221B`, `5G`-like codes use single capitals; with money they are scales (`€10B`).
        "b" => 1e9,
        "B" if money => 1e9,
        "tn" | "trn" | "tln" | "tr" | "Tn" => 1e12,
        "T" if money => 1e12,
        _ => return None,
    })
    .filter(|_| attached || !matches!(raw, "m" | "b" | "B" | "T" | "thou"))
}

/// Looks like an English plural noun: `incidents`, `troops`, `times`; not `its`, `serious`.
pub(super) fn looks_plural(w: &str) -> bool {
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
pub(super) fn looks_modifier(w: &str) -> bool {
    MODIFIERS.contains(&w)
        || (w.len() > 4 && w.ends_with("ly"))
        || [
            "al", "ous", "ive", "ic", "ful", "less", "able", "ible", "ish", "ese", "ian", "an",
        ]
        .iter()
        .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
        || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("est")))
}

pub(super) fn plural_name(name: &str) -> String {
    match name {
        "century" => "centuries".into(),
        "millennium" => "millennia".into(),
        _ => format!("{name}s"),
    }
}

impl Scanner<'_> {
    /// Suffixes written against a numeral. Returns what happened.
    pub(super) fn attached_suffix(&self, k: usize, q: &mut Quantity, money: bool) -> Suffix {
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
        if matches!(self.w(j), "st" | "nd" | "rd" | "th")
            && n.is_some_and(|n| n.is_integer() && !n.vulgar)
        {
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
            if decade
                && digits == 2
                && matches!(
                    before,
                    "his" | "her" | "their" | "my" | "your" | "our" | "mid" | "early" | "late"
                )
            {
                q.kind = "age";
                q.unit = Some("years".into());
                q.unit_kind = UnitKind::Measure(usize::MAX);
                return Suffix::Read;
            }
            if decade && ((digits == 2 && q.value >= 20.0) || digits == 4) {
                let v = if digits == 2 {
                    1900.0 + q.value
                } else {
                    q.value
                };
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
            if matches!(raw, "m") && !money && self.metres(q.value, k, j + 1) {
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
    pub(super) fn time_suffix(&self, k: usize, j: usize, q: &mut Quantity) -> bool {
        let w = self.w(j);
        let (is_pm, end) = match w {
            "am" | "pm" => (w == "pm", j + 1),
            "o'clock" | "o’clock" => (false, j + 1),
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

    /// Whether an `m` after the numeral at `k` (the word after it at `after`) is metres
    /// rather than millions. News writes millions of things with the thing after them (`7m
    /// viewers`), and money with its currency; so a bare `m` is metres unless what follows is
    /// counted or millions were just mentioned (`from seven million to 1.5m`).
    pub(super) fn metres(&self, value: f64, k: usize, after: usize) -> bool {
        if self.metre_context(after) || self.race_distance(value, after) {
            return true;
        }
        let next = self.w(after);
        let counted_after = self.is_word(after)
            && self.joined(after)
            && (looks_plural(next)
                || self.lex().is_plural_noun(next)
                || matches!(
                    next,
                    "of" | "more" | "fewer" | "less" | "extra" | "additional" | "new" | "other"
                ));
        let currency_after = self.joined(after)
            && self.tok(after).is_some_and(|t| {
                self.lex()
                    .currency_suffix_at(&self.body[t.start..self.para_end])
                    .is_some_and(|h| !h.symbol)
            });
        if counted_after || currency_after {
            return false;
        }
        let millions_before = (k.saturating_sub(12)..k).any(|p| {
            matches!(self.w(p), "million" | "millions" | "bn" | "billion")
                || self
                    .lex()
                    .may_start_currency(self.body.as_bytes()[self.toks[p].start])
                    && !self.is_word(p)
        });
        !millions_before
    }

    /// A standard race distance (`400m`, `1500m`) where a race is named: `the 400m`, `over
    /// the final 1200m`, `Olympic 5,000m`; not `users number 100m`.
    pub(super) fn race_distance(&self, value: f64, k: usize) -> bool {
        let standard = [
            60.0, 100.0, 110.0, 200.0, 400.0, 800.0, 1500.0, 3000.0, 5000.0, 10000.0,
        ];
        let number = k.saturating_sub(2);
        let before = if number > 0 { self.w(number - 1) } else { "" };
        let race_before = matches!(
            before,
            "the"
                | "final"
                | "last"
                | "first"
                | "indoor"
                | "outdoor"
                | "olympic"
                | "world"
                | "european"
                | "commonwealth"
                | "british"
                | "over"
                | "through"
                | "women's"
                | "men's"
                | "a"
        );
        let counted_after = self.is_word(k)
            && self.joined(k)
            && (looks_plural(self.w(k))
                || self.lex().is_plural_noun(self.w(k))
                || self.w(k) == "of");
        standard.contains(&value) && race_before && !counted_after
    }

    pub(super) fn metre_context(&self, k: usize) -> bool {
        self.joined(k) && METRE_CONTEXT.contains(&self.w(k))
    }

    /// What follows a number: percent, currency, unit, or the thing counted.
    pub(super) fn suffix(&self, q: &mut Quantity, partner: Option<&Quantity>) {
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
        let jc = if self.tok(j).is_some_and(Tok::is_dash)
            && glued
            && self.attached(j + 1)
            && self.is_word(j + 1)
        {
            j + 1
        } else {
            j
        };
        let Some(t) = self.tok(jc) else { return };
        let rest = &self.body[t.start..self.para_end];
        // Currency after the amount: `14 million euros`, `500 roubles`, `10 €`, `50p`.
        if let Some(hit) = self
            .lex()
            .currency_suffix_at(rest)
            .filter(|h| jc == j || !h.symbol)
        {
            let j = jc;
            let code = self.lex().currencies[hit.id];
            let single_letter =
                hit.symbol && hit.len == 1 && rest.as_bytes()[0].is_ascii_alphabetic();
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
    pub(super) fn unit(&self, q: &mut Quantity, j: usize) -> bool {
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
        let Some(t) = self.tok(start) else {
            return false;
        };
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
            if (self.w(end) == "per" || self.sym(end) == Some('/'))
                && self.joined(end)
                && let Some(t2) = self.tok(end + 1)
                && let Some(h2) = self.lex().unit_at(&self.body[t2.start..self.para_end])
                && let Some(e2) = self.token_ending_at(end + 1, t2.start + h2.len)
            {
                let u2 = &self.lex().units[h2.id];
                name = format!("{} per {}", unit.name, u2.name);
                end = e2;
            }
        }
        q.unit = Some(name);
        q.unit_kind = UnitKind::Measure(hit.id);
        q.end = end;
        true
    }

    /// The counted thing after a cardinal (`23 dangerous incidents`), or what a range
    /// partner counts.
    pub(super) fn counted(&self, q: &mut Quantity, partner: Option<&Quantity>) {
        if q.fraction {
            return;
        }
        // `a 10-point plan`, `a two-disc set`: the noun after the hyphen is what is counted.
        let j = q.end;
        if self.tok(j).is_some_and(Tok::is_dash)
            && self.attached(j)
            && self.attached(j + 1)
            && self.is_word(j + 1)
        {
            let w = self.w(j + 1);
            let numeric = matches!(
                number_word(w),
                Some(
                    NumWord::Digit(_)
                        | NumWord::Teen(_)
                        | NumWord::Tens(_)
                        | NumWord::Hundred
                        | NumWord::Scale(_)
                )
            );
            // `a 10,000-strong crowd`, `50-odd people`: the hyphen word describes the number;
            // the counted thing comes after it.
            if matches!(
                w,
                "strong" | "odd" | "plus" | "something" | "member" | "man" | "woman"
            ) && !self.attached(j + 2)
            {
                q.end = j + 2;
                let found = self
                    .counted_thing(j + 2, false)
                    .or_else(|| self.counted_thing(j + 2, true));
                if let Some((unit, end)) = found {
                    q.unit = Some(unit);
                    q.unit_kind = UnitKind::Counted;
                    q.end = end;
                } else if matches!(w, "member" | "man" | "woman") {
                    q.unit = Some(w.to_string());
                    q.unit_kind = UnitKind::Counted;
                }
                return;
            }
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
            if unit == "times"
                && matches!(
                    self.w(end),
                    "more"
                        | "less"
                        | "as"
                        | "higher"
                        | "larger"
                        | "bigger"
                        | "greater"
                        | "faster"
                        | "the"
                        | "lower"
                        | "smaller"
                )
            {
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
            if self.tok(j).is_some_and(Tok::is_dash)
                && self.attached(j)
                && words > 0
                && self.is_word(j + 1)
                && self.attached(j + 1)
            {
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
                || (number_word(w).is_some()
                    && !matches!(number_word(w), Some(NumWord::Ordinal(_))))
            {
                return None;
            }
            let capital = self.capitalized(j);
            // `45 indicates a level`: a verb, not a plural noun.
            let verb_next = matches!(self.w(j + 1), "a" | "an" | "that") && self.joined(j + 1);
            let plural = (looks_plural(w) || self.lex().is_plural_noun(w))
                && !(capital && words > 0 && !looks_plural(w))
                && !verb_next;
            if w.ends_with("ing") && !plural {
                return None;
            }
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

            words += 1;
            j += 1;
        }
        None
    }

    /// What a number with nothing after it is: a year, a plain cardinal, or a fraction.
    pub(super) fn bare_kind(&self, q: &mut Quantity, k: usize) {
        if q.kind != "cardinal" {
            return;
        }
        // `aged 45`, `at the age of 71`
        let before = if q.first > 0 { self.w(q.first - 1) } else { "" };
        let age_of = q.first > 2 && before == "of" && self.w(q.first - 2) == "age";
        if (matches!(before, "aged" | "age") || age_of) && q.value.fract() == 0.0 && q.value < 130.0
        {
            q.kind = "age";
            q.unit = Some("years".into());
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
    pub(super) fn money_tail(&self, q: &mut Quantity) {
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
        let Some(r) = self.grammar().read(j) else {
            return;
        };
        if r.ordinal || r.fraction || r.value >= 100.0 || r.value <= 0.0 || r.value.fract() != 0.0 {
            return;
        }
        let mut end = r.end;
        if matches!(self.w(end), "cent" | "cents" | "pence" | "p") && self.joined(end) {
            end += 1;
        } else if self.is_word(end) && self.joined(end) && !self.lex().is_function_word(self.w(end))
        {
            return;
        }
        q.value += r.value / 100.0;
        q.end = end;
    }
}
