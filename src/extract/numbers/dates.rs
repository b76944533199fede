//! Dates and times: `April 4, 1949` and `4 April 1949` → `1949-04-04`, `November 2023` →
//! `2023-11`, `2023-11-27`, `27/11/2023`, weekdays, `yesterday`, `in July`, `5pm`, `10:30`.
//!
//! A date without a year, a weekday, `yesterday` and `five years ago` are resolved against
//! the article's publication date when the article has one (`Article::published`, ISO);
//! without one they are kept with what the text says (`--04-04` for April 4, no normalized
//! form for a bare weekday). A month or weekday name alone is a date only where it reads as
//! one: `May` needs a day or year (it is also a verb), a bare month needs a preposition
//! before it (`in July`), and a weekday must be capitalised.
//!
//! Periods named without a number (`this week`, `last year`) are not recorded: they carry no
//! quantity and no single date.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::scan::{FoundParts, Scanner};
use super::token::Kind;

/// The article's publication date.
pub type Published = Date;

/// Parses the leading `YYYY-MM-DD` of an ISO date or timestamp.
pub fn parse_published(s: &str) -> Option<Published> {
    s.get(..10)?.parse::<Date>().ok()
}

/// Date words that can stand without a digit beside them (so not `May`, which is also a verb
/// and is only a month with a day or year, nor abbreviations, which need a day too).
pub const ANCHOR_DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "tomorrow",
];

/// Month number of a month name or abbreviation (lower-case), and whether it was abbreviated.
pub fn month_word(lower: &str) -> Option<(u8, bool)> {
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(lower);
    Some(match lower {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// Weekday of a weekday name (lower-case, possibly possessive: `saturday's`).
pub fn weekday_word(lower: &str) -> Option<Weekday> {
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(lower);
    Some(match lower {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// Words before a bare month name that make it a date: `in July`, `since March`.
const MONTH_CONTEXT: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "during",
    "early",
    "late",
    "mid",
    "end",
    "last",
    "next",
    "this",
    "before",
    "after",
    "through",
    "to",
    "of",
    "throughout",
    "and",
    "or",
    "between",
    "beginning",
    "start",
    "each",
    "every",
];

fn valid_day(y: i16, m: u8, d: u8) -> bool {
    Date::new(y, m as i8, d as i8).is_ok()
}

/// The year that puts month `m` (and day `d`) nearest to the publication date.
fn nearest_year(p: Published, m: u8, d: u8) -> i16 {
    let y = p.year();
    let months = |yy: i16| {
        (i32::from(yy) * 12 + i32::from(m))
            - (i32::from(p.year()) * 12 + i32::from(p.month() as u8))
    };
    let _ = d;
    [y - 1, y, y + 1]
        .into_iter()
        .min_by_key(|&yy| months(yy).abs())
        .unwrap_or(y)
}

impl Scanner<'_> {
    /// A date or time starting at token `i`; returns where to resume.
    pub(super) fn date(&mut self, i: usize) -> Option<usize> {
        let t = *self.tok(i)?;
        match t.kind {
            Kind::Word => self.word_date(i),
            Kind::Num(_) => self
                .numeric_date(i)
                .or_else(|| self.day_month(i))
                .or_else(|| self.clock(i)),
            Kind::Sym(_) => None,
        }
    }

    fn word_date(&mut self, i: usize) -> Option<usize> {
        let w = self.w(i);
        if let Some(day) = weekday_word(w) {
            if !self.raw(i).starts_with(char::is_uppercase) {
                return None;
            }
            // `Saturday, April 4` / `Saturday 4 April 2024`: one date.
            let mut j = i + 1;
            if self.sym(j) == Some(',') && self.joined(j) {
                j += 1;
            }
            if self.joined(j)
                && let Some(end) = self.month_day(j).or_else(|| self.day_month(j))
            {
                let start = self.tok(i)?.start;
                if let Some(last) = self.out.last_mut() {
                    last.span.start = start;
                }
                return Some(end);
            }
            let normalized = self.published.map(|p| {
                let next = matches!(self.w(i.wrapping_sub(1)), "next" | "coming") && i > 0;
                resolve_weekday(p, day, next).to_string()
            });
            self.push(
                i,
                i + 1,
                FoundParts {
                    value: None,
                    unit: None,
                    kind: "date",
                    normalized,
                },
            );
            return Some(i + 1);
        }
        if month_word(w).is_some() && self.raw(i).starts_with(char::is_uppercase) {
            return self.month_day(i).or_else(|| self.month_alone(i));
        }
        match w {
            "yesterday" | "tomorrow"
                if !self.raw(i).starts_with(char::is_uppercase) || self.sentence_start(i) =>
            {
                let days = if w == "yesterday" { -1 } else { 1 };
                let normalized = self
                    .published
                    .and_then(|p| p.checked_add(days.days()).ok())
                    .map(|d| d.to_string());
                self.push(
                    i,
                    i + 1,
                    FoundParts {
                        value: None,
                        unit: None,
                        kind: "date",
                        normalized,
                    },
                );
                Some(i + 1)
            }
            _ => None,
        }
    }

    /// `April 4, 1949`, `April 4th`, `Nov. 27 2023`, `November 2023`, `April 4-6`.
    fn month_day(&mut self, i: usize) -> Option<usize> {
        let (m, abbreviated) = month_word(self.w(i))?;
        if !self.raw(i).starts_with(char::is_uppercase) {
            return None;
        }
        let mut j = i + 1;
        if abbreviated
            && self.sym(j) == Some('.')
            && self
                .tok(j)
                .is_some_and(|t| t.gap == super::token::Gap::None)
        {
            j += 1;
        }
        if !self.joined(j) {
            return None;
        }
        // `November 2023`
        if let Some(y) = self.year_at(j) {
            let normalized = format!("{y:04}-{m:02}");
            self.push(
                i,
                j + 1,
                FoundParts {
                    value: Some(f64::from(y)),
                    unit: None,
                    kind: "date",
                    normalized: Some(normalized),
                },
            );
            return Some(j + 1);
        }
        let (d, day_end) = self.day_at(j)?;
        // `April 4-6`
        let range = self.day_range_end(day_end);
        let mut k = range.map_or(day_end, |(_, e)| e);
        let mut year = None;
        if self.sym(k) == Some(',') && self.joined(k) && self.year_at(k + 1).is_some() {
            year = self.year_at(k + 1);
            k += 2;
        } else if let Some(y) = self.year_at(k) {
            year = Some(y);
            k += 1;
        }
        if let Some((d2, _)) = range {
            if !self.push_day(i, day_end, year, m, d, true) {
                return None;
            }
            self.push_day(day_end + 1, k, year, m, d2, false);
            return Some(k);
        }
        if !self.push_day(i, k, year, m, d, true) {
            return None;
        }
        Some(k)
    }

    /// `4 April 1949`, `4th April`, `the 4th of April`, `4-6 April 2024`.
    pub(super) fn day_month(&mut self, i: usize) -> Option<usize> {
        let (d, mut j) = self.day_at(i)?;
        let range = self.day_range_end(j);
        let first_day_end = j;
        if let Some((_, e)) = range {
            j = e;
        }
        if self.w(j) == "of" && self.joined(j) {
            j += 1;
        }
        let (m, abbreviated) = month_word(self.w(j))?;
        if !self.joined(j) || !self.raw(j).starts_with(char::is_uppercase) {
            return None;
        }
        let mut end = j + 1;
        if abbreviated
            && self.sym(end) == Some('.')
            && self
                .tok(end)
                .is_some_and(|t| t.gap == super::token::Gap::None)
        {
            end += 1;
        }
        let mut year = None;
        if self.sym(end) == Some(',') && self.year_at(end + 1).is_some() {
            year = self.year_at(end + 1);
            end += 2;
        } else if let Some(y) = self.year_at(end) {
            year = Some(y);
            end += 1;
        }
        if let Some((d2, _)) = range {
            if !valid_day(year.unwrap_or(2000), m, d) {
                return None;
            }
            self.push_day(i, first_day_end, year, m, d, true);
            self.push_day(first_day_end + 1, end, year, m, d2, false);
            return Some(end);
        }
        if !self.push_day(i, end, year, m, d, true) {
            return None;
        }
        Some(end)
    }

    /// A day of the month at `k` (`4`, `4th`): its value and the token index after it.
    fn day_at(&self, k: usize) -> Option<(u8, usize)> {
        let n = self.num(k)?;
        if !n.plain() || n.int_digits > 2 || !(1.0..=31.0).contains(&n.value) {
            return None;
        }
        let mut end = k + 1;
        if matches!(self.w(end), "st" | "nd" | "rd" | "th") && self.attached(end) {
            end += 1;
        } else if self.attached(end) && self.is_word(end) {
            return None;
        }
        Some((n.value as u8, end))
    }

    /// `-6` after a day: the second day of a range and the index after it.
    fn day_range_end(&self, k: usize) -> Option<(u8, usize)> {
        if !(self.tok(k).is_some_and(|t| t.is_dash()) || self.w(k) == "to") || !self.joined(k) {
            return None;
        }
        let (d, end) = self.day_at(k + 1)?;
        self.joined(k + 1).then_some((d, end))
    }

    /// A four-digit year at `k`.
    fn year_at(&self, k: usize) -> Option<i16> {
        let n = self.num(k)?;
        if !self.joined(k)
            || !n.plain()
            || n.int_digits != 4
            || !(1000.0..=2100.0).contains(&n.value)
        {
            return None;
        }
        if self.attached(k + 1) && self.is_word(k + 1) {
            return None;
        }
        Some(n.value as i16)
    }

    /// Records a day `d` of month `m` spanning tokens `first..end`; `false` if no such day.
    fn push_day(
        &mut self,
        first: usize,
        end: usize,
        year: Option<i16>,
        m: u8,
        d: u8,
        check: bool,
    ) -> bool {
        let y = year.or_else(|| self.published.map(|p| nearest_year(p, m, d)));
        let normalized = match y {
            Some(y) if valid_day(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            Some(_) => return false,
            None if check && !valid_day(2000, m, d) => return false,
            None => format!("--{m:02}-{d:02}"),
        };
        self.push(
            first,
            end,
            FoundParts {
                value: year.map(f64::from),
                unit: None,
                kind: "date",
                normalized: Some(normalized),
            },
        );
        true
    }

    /// A month name alone: `in July`, `since March`, `mid-July`.
    fn month_alone(&mut self, i: usize) -> Option<usize> {
        let (m, abbreviated) = month_word(self.w(i))?;
        if abbreviated || m == 5 || i == 0 {
            return None;
        }
        let before = self.w(i - 1);
        let mid = self.tok(i - 1).is_some_and(|t| t.is_dash())
            && i > 1
            && matches!(self.w(i - 2), "mid" | "early" | "late");
        if !(MONTH_CONTEXT.contains(&before) || mid) || !self.joined(i) {
            return None;
        }
        let normalized = self.published.map_or_else(
            || format!("--{m:02}"),
            |p| format!("{:04}-{m:02}", nearest_year(p, m, 1)),
        );
        self.push(
            i,
            i + 1,
            FoundParts {
                value: None,
                unit: None,
                kind: "date",
                normalized: Some(normalized),
            },
        );
        Some(i + 1)
    }

    /// `2023-11-27`, `27/11/2023`, `5/17/2018`, `27.11.2023`.
    fn numeric_date(&mut self, i: usize) -> Option<usize> {
        let n = self.num(i)?;
        if n.dotted {
            return self.dotted(i);
        }
        let sep = self.sym(i + 1)?;
        if !matches!(sep, '-' | '/' | '.') || !self.attached(i + 1) || !self.attached(i + 2) {
            return None;
        }
        let b = self.num(i + 2)?;
        if self.sym(i + 3) != Some(sep) || !self.attached(i + 3) || !self.attached(i + 4) {
            return None;
        }
        let c = self.num(i + 4)?;
        if !n.plain()
            || !b.plain()
            || !c.plain()
            || (self.attached(i + 5) && self.num(i + 5).is_some())
        {
            return None;
        }
        let (y, m, d) = if n.int_digits == 4 {
            (n.value as i64, b.value as i64, c.value as i64)
        } else if c.int_digits == 4 || c.int_digits == 2 {
            let y = if c.int_digits == 2 {
                2000 + c.value as i64
            } else {
                c.value as i64
            };
            let (a, bb) = (n.value as i64, b.value as i64);
            // Day first (most of the world) unless the second part cannot be a month.
            if bb > 12 && a <= 12 {
                (y, a, bb)
            } else {
                (y, bb, a)
            }
        } else {
            return None;
        };
        let (y, m, d) = (
            i16::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        );
        if !valid_day(y, m, d) || !(1000..=2100).contains(&y) {
            return None;
        }
        self.push(
            i,
            i + 5,
            FoundParts {
                value: Some(f64::from(y)),
                unit: None,
                kind: "date",
                normalized: Some(format!("{y:04}-{m:02}-{d:02}")),
            },
        );
        Some(i + 5)
    }

    /// A dotted numeral that is a date: `27.11.2023`.
    fn dotted(&mut self, i: usize) -> Option<usize> {
        let raw = self.raw(i);
        let parts: Vec<&str> = raw.split('.').collect();
        if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
            return None;
        }
        let d: u8 = parts[0].parse().ok()?;
        let m: u8 = parts[1].parse().ok()?;
        let y: i16 = parts[2].parse().ok()?;
        if !valid_day(y, m, d) {
            return None;
        }
        self.push(
            i,
            i + 1,
            FoundParts {
                value: Some(f64::from(y)),
                unit: None,
                kind: "date",
                normalized: Some(format!("{y:04}-{m:02}-{d:02}")),
            },
        );
        Some(i + 1)
    }

    pub(super) fn dotted_date(&self, i: usize) -> bool {
        let raw = self.raw(i);
        let parts: Vec<&str> = raw.split('.').collect();
        parts.len() == 3 && parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2
    }

    /// Whether tokens from `k` form a numeric date (for the code filter).
    pub(super) fn date_numeric_at(&self, k: usize) -> bool {
        let sep = self.sym(k + 1);
        matches!(sep, Some('/' | '-'))
            && self.num(k + 2).is_some()
            && self.sym(k + 3) == sep
            && self.num(k + 4).is_some()
    }

    /// `10:30`, `15:00 GMT`, `9:45pm`.
    fn clock(&mut self, i: usize) -> Option<usize> {
        let h = self.num(i)?;
        if !h.plain()
            || h.int_digits > 2
            || self.sym(i + 1) != Some(':')
            || !self.attached(i + 1)
            || !self.attached(i + 2)
        {
            return None;
        }
        let m = self.num(i + 2)?;
        if !m.plain() || m.int_digits != 2 || m.value >= 60.0 || h.value > 24.0 {
            return None;
        }
        // `3:1` ratios and `1:2:3` are not times.
        if self.sym(i + 3) == Some(':') && self.attached(i + 3) {
            return None;
        }
        let mut hour = h.value as i64;
        let mut end = i + 3;
        match self.w(end) {
            "pm" if hour < 12 => {
                hour += 12;
                end += 1;
            }
            "am" if hour == 12 => {
                hour = 0;
                end += 1;
            }
            "am" | "pm" => end += 1,
            _ => {}
        }
        self.push(
            i,
            end,
            FoundParts {
                value: Some(h.value),
                unit: None,
                kind: "time",
                normalized: Some(format!("T{hour:02}:{:02}", m.value as i64)),
            },
        );
        Some(end)
    }

    /// The date `value` `unit`s before publication (`five years ago` → `2019`), to the
    /// precision of the unit.
    pub(super) fn ago(&self, value: f64, unit: &str) -> Option<String> {
        let p = self.published?;
        if value.fract() != 0.0 || !(0.0..=10_000.0).contains(&value) {
            return None;
        }
        let n = value as i64;
        Some(match unit {
            "year" => format!("{:04}", i64::from(p.year()) - n),
            "decade" => format!("{:04}", i64::from(p.year()) - 10 * n),
            "century" => format!("{:04}", i64::from(p.year()) - 100 * n),
            "month" => {
                let d = p.checked_sub(n.months()).ok()?;
                format!("{:04}-{:02}", d.year(), d.month())
            }
            "week" => p.checked_sub((7 * n).days()).ok()?.to_string(),
            "day" => p.checked_sub(n.days()).ok()?.to_string(),
            "hour" | "minute" | "second" => p.to_string(),
            _ => return None,
        })
    }
}

/// The date of weekday `day` nearest before (or, with `next`, after) publication; the
/// publication day itself counts as "before".
fn resolve_weekday(p: Published, day: Weekday, next: bool) -> Date {
    let today = p.weekday().to_monday_zero_offset();
    let target = day.to_monday_zero_offset();
    if next {
        let ahead = (target - today).rem_euclid(7);
        let ahead = if ahead == 0 { 7 } else { ahead };
        p.checked_add(i64::from(ahead).days()).unwrap_or(p)
    } else {
        let back = (today - target).rem_euclid(7);
        p.checked_sub(i64::from(back).days()).unwrap_or(p)
    }
}
