//! Metadata read off single lines: the outlet suffix of a page title, bylines, datelines,
//! stated dates, source and copyright lines, wire credits.
//!
//! Each function looks at one line and answers one question; which lines to ask (the page head,
//! the first paragraph, the footer) is decided by the caller, which knows where the article is.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon;
use super::shape::Shape;

static OUTLET_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/boilerplate/outlet_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,6})(?:/\S*)?$")
        .expect("regex")
});

/// A name that could be a publication: a few capitalised words (or a domain), no sentence.
fn looks_like_outlet(s: &str, need_outlet_word: bool) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 60 {
        return false;
    }
    if DOMAIN.is_match(s) {
        return true;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let shape = Shape::of(s);
    if shape.terminal || shape.lower_words > shape.stop_words || shape.separators > 0 {
        return false;
    }
    if !words[0]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    {
        return false;
    }
    !need_outlet_word
        || words
            .iter()
            .any(|w| OUTLET_WORDS.contains(w.trim_matches(|c: char| !c.is_alphanumeric())))
        || !lexicon::agencies(s).is_empty()
}

/// Splits a page title into the headline and the outlet named after its last separator
/// (`… — RT World News`, `… | Evening Post`, `… - nytimes.com`).
pub fn split_title_suffix(title: &str) -> (String, Option<String>) {
    const SEPARATORS: [(&str, bool); 6] = [
        (" | ", false),
        (" :: ", false),
        (" — ", true),
        (" – ", true),
        (" - ", true),
        (" -- ", true),
    ];
    let best = SEPARATORS
        .iter()
        .filter_map(|(sep, strict)| title.rfind(sep).map(|i| (i, *sep, *strict)))
        .max_by_key(|(i, _, _)| *i);
    if let Some((i, sep, strict)) = best {
        let head = title[..i].trim();
        let tail = title[i + sep.len()..].trim();
        if head.split_whitespace().count() >= 3 && looks_like_outlet(tail, strict) {
            return (head.to_string(), Some(tail.to_string()));
        }
    }
    (title.trim().to_string(), None)
}

/// The segments of a breadcrumb line (`Home » World » Title`), or `None` when it is not one.
pub fn breadcrumb(line: &str) -> Option<Vec<&str>> {
    for sep in ["»", "›", " > ", " / "] {
        if line.contains(sep) {
            let parts: Vec<&str> = line.split(sep).map(str::trim).collect();
            let first = parts[0];
            let home_first = lexicon::furniture(first)
                .is_some_and(|(k, c)| k == lexicon::Furniture::Navigation && c > 0.9);
            if parts.len() >= 2 && (home_first || parts.len() >= 3) {
                return Some(parts);
            }
        }
    }
    None
}

static MORE_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:More|Latest|Read more) (?:stories |news |articles )?(?:from|on|at) (.{2,60})$")
        .expect("regex")
});
static SOURCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:source|via|from)\s*:\s*(.{2,80})$").expect("regex"));
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:©|\([cC]\)|Copyright|COPYRIGHT)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?([A-Z][\w&.'’\- ]{1,60}?)\s*(?:\.\s|\.$|,|\||All [Rr]ights|$)",
    )
    .expect("regex")
});
/// [`COPYRIGHT`] for a line of ASCII: the same pattern without what only non-ASCII text can
/// match (`©`, `–`, `’`) and with ASCII classes, which on ASCII text match exactly what the
/// Unicode ones do. Same matches and captures, but a far smaller automaton: the Unicode `\w`
/// repeated sixty times made each capture search clear a large backtracking table, once per
/// article (its footer).
static COPYRIGHT_ASCII: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:(?:\([cC]\)|Copyright|COPYRIGHT)\s*(?:\d{4}(?:\s*-\s*\d{4})?\s*,?\s*)?(?:by\s+)?([A-Z][\w&.'\- ]{1,60}?)\s*(?:\.\s|\.$|,|\||All [Rr]ights|$))",
    )
    .expect("regex")
});
static VERIFIED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:verified|confirmed|reviewed) by (The (?:[A-Z][\w'’-]+ ?){1,4})")
        .expect("regex")
});

/// The outlet a footer or source line names: `More from X`, `Source: X`, `© 2024 X`.
///
/// Each pattern is tried only on a line that has what it cannot match without (its opening
/// words, a colon, a copyright sign or word, a full stop and no space): most lines have none,
/// and a capturing regex search costs more than these tests.
pub fn outlet_from_line(line: &str) -> Option<String> {
    let line = line.trim();
    let more_from =
        line.starts_with("More ") || line.starts_with("Latest ") || line.starts_with("Read more ");
    if more_from && let Some(c) = MORE_FROM.captures(line) {
        let x = c[1].trim();
        if looks_like_outlet(x, false) {
            return Some(x.to_string());
        }
    }
    if line.contains(':')
        && let Some(c) = SOURCE.captures(line)
    {
        let x = c[1].trim().trim_end_matches('.');
        if let Some(d) = DOMAIN.captures(x) {
            return Some(d[1].to_string());
        }
        if looks_like_outlet(x, false) {
            return Some(x.to_string());
        }
    }
    let copyright_sign = line.contains('©')
        || line.contains("(c)")
        || line.contains("(C)")
        || line.contains("Copyright")
        || line.contains("COPYRIGHT");
    let copyright = if line.is_ascii() {
        &*COPYRIGHT_ASCII
    } else {
        &*COPYRIGHT
    };
    if copyright_sign && let Some(c) = copyright.captures(line) {
        let x = c[1].trim().trim_end_matches(['.', ',']);
        if looks_like_outlet(x, false) && !x.eq_ignore_ascii_case("all rights reserved") {
            return Some(x.to_string());
        }
    }
    // A domain is one word with a dot in it.
    if line.contains('.')
        && !line.contains(' ')
        && let Some(d) = DOMAIN.captures(line)
    {
        return Some(d[1].to_string());
    }
    None
}

/// An outlet named inside the article's own prose ("could not be verified by The Epoch Times").
pub fn outlet_in_prose(line: &str) -> Option<String> {
    let c = VERIFIED_BY.captures(line)?;
    let x = c[1].trim();
    looks_like_outlet(x, true).then(|| x.to_string())
}

/// A copyright notice: the sign, "all rights reserved", or the word followed by a year. Not the
/// word alone: articles are written about copyright.
static COPYRIGHT_MARKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)©|all rights reserved|(?-u:\b)copyrighted by(?-u:\b)|copyright\s*(?:\(c\)\s*)?(?:\d{4}|\(c\))")
        .expect("regex")
});

pub fn is_copyright(line: &str) -> bool {
    // The word first: counting the words of every line costs more.
    let short_notice = line
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .get(..9)
        .is_some_and(|w| w.eq_ignore_ascii_case("copyright"))
        && line.split_whitespace().count() <= 8;
    line.starts_with("(c)")
        || line.starts_with("(C)")
        || short_notice
        || COPYRIGHT_MARKS.is_match(line)
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by|posted by|written by|author|words by|reporting by|by:|posted by:)\s*:?\s+((?:[A-Z][\p{L}.'’\-]+\.?\s*){1,4}(?:(?:and|&)\s+(?:[A-Z][\p{L}.'’\-]+\.?\s*){1,4})*)",
    )
    .expect("regex")
});

/// The author names of a byline line (`By Jane Doe, Moscow correspondent`).
pub fn byline(line: &str) -> Option<String> {
    let line = line.trim();
    if !line.starts_with(['B', 'b', 'P', 'p', 'W', 'w', 'A', 'a', 'R', 'r'])
        || line.split_whitespace().count() > 16
    {
        return None;
    }
    let c = BYLINE.captures(line)?;
    let names = c[1].trim().trim_end_matches([',', '|', '-']).trim();
    if names.is_empty()
        || !lexicon::agencies(names).is_empty() && names.split_whitespace().count() == 1
    {
        return None;
    }
    Some(names.to_string())
}

static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:contributed to this (?:report|story|article)|^\(?(?:additional )?(?:reporting|writing|editing|compiled|compilation) by(?-u:\b)|^\(?with (?:additional )?reporting (?:by|from)(?-u:\b)|^\(?(?:additional )?reporting and writing by(?-u:\b)|^this (?:story|article|report) (?:was|has been) (?:written|produced|compiled|updated)|^\(?(?:source|sources)\s*:\s*(?:agencies|wires|wire services)\)?\.?$)",
    )
    .expect("regex")
});

/// A wire or contributor credit line: `Reuters contributed to this report.`,
/// `(Writing by Jane Doe; Editing by John Roe)`.
pub fn is_credit_line(line: &str) -> bool {
    let line = line.trim();
    // Every pattern but one is anchored at the first word: test that word before the regex.
    // Compared ignoring ASCII case rather than lower-cased: no allocation for every line.
    let first = line
        .trim_start_matches('(')
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    let worth = line.contains("ontributed")
        || [
            "reporting",
            "writing",
            "editing",
            "compiled",
            "compilation",
            "with",
            "additional",
            "this",
            "source",
            "sources",
        ]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w));
    worth && line.split_whitespace().count() <= 40 && CREDIT_LINE.is_match(line)
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\([^)]{1,40}\)\s*)?([A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3})(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)*(?:\s+\d{1,2})?)?\s*(\([^)]{1,40}\))?\s*(?:--|—|–|-)\s*\S",
    )
    .expect("regex")
});

/// The place (and any agency) a first paragraph opens with: `MOSCOW – …`,
/// `LONDON (Reuters) - …`. The place must be written in capitals, as datelines are.
pub fn dateline(paragraph: &str) -> Option<(String, Vec<&'static str>)> {
    let head: String = paragraph.chars().take(120).collect();
    let c = DATELINE.captures(&head)?;
    let place = c[1].trim_end_matches(['.', '-']).trim();
    // `BASKETBALL - TOURNAMENT RESULT`: a headline in capitals, not a place and a story.
    let story_in_capitals = !head[c.get(0)?.end()..].chars().any(char::is_lowercase);
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 || story_in_capitals {
        return None;
    }
    let agencies = c
        .get(2)
        .map(|m| lexicon::agencies(m.as_str()))
        .unwrap_or_default();
    let mut all = lexicon::agencies(&c[0]);
    for a in agencies {
        if !all.contains(&a) {
            all.push(a);
        }
    }
    Some((place.to_string(), all))
}

static DATELINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3})(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)*)?\s+(\S.*)$",
    )
    .expect("regex")
});

/// A dateline set on a line of its own, as wire copy does: `LONDON 1996-08-30`,
/// `BOGOTA, Colombia 1996-08-30`. The place, and the date in ISO form.
pub fn dateline_line(line: &str) -> Option<(String, String)> {
    let c = DATELINE_LINE.captures(line.trim())?;
    let place = c[1].trim_end_matches(['.', '-']).trim();
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 || !is_date_line(&c[2]) {
        return None;
    }
    Some((place.to_string(), stated_date(&c[2])?))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, m) in MONTHS.iter().enumerate() {
        if w == *m || w == full[i] || (w == "sept" && i == 8) {
            return Some(i as i8 + 1);
        }
    }
    None
}

static DATE_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)([A-Z][a-z]{2,8}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?-u:\b)",
    )
    .expect("regex")
});
static DATE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([A-Z][a-z]{2,8}\.?),?\s+((?:19|20)\d{2})(?-u:\b)").expect("regex")
});
static DATE_ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:19|20)\d{2})-(\d{2})-(\d{2})(?-u:\b)").expect("regex")
});
static DATE_NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})(?-u:\b)").expect("regex")
});

fn iso(year: i16, month: i8, day: i8) -> Option<String> {
    jiff::civil::Date::new(year, month, day)
        .ok()
        .map(|d| d.to_string())
}

/// The first calendar date with a year stated in `text`, as ISO 8601 (`2023-11-27`).
/// All-number dates are read only when the order is unambiguous (a part above 12).
pub fn stated_date(text: &str) -> Option<String> {
    if !has_year(text) {
        return None;
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    if let Some(c) = DATE_MDY.captures(text)
        && let Some(m) = month_number(&c[1])
        && let Some(d) = iso(c[3].parse().ok()?, m, c[2].parse().ok()?)
    {
        found.push((c.get(0)?.start(), d));
    }
    if let Some(c) = DATE_DMY.captures(text)
        && let Some(m) = month_number(&c[2])
        && let Some(d) = iso(c[3].parse().ok()?, m, c[1].parse().ok()?)
    {
        found.push((c.get(0)?.start(), d));
    }
    if let Some(c) = DATE_ISO.captures(text)
        && let Some(d) = iso(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    {
        found.push((c.get(0)?.start(), d));
    }
    if let Some(c) = DATE_NUMERIC.captures(text) {
        let a: i8 = c[1].parse().ok()?;
        let b: i8 = c[2].parse().ok()?;
        let y: i16 = c[3].parse().ok()?;
        let y = if y < 100 { 2000 + y } else { y };
        let date = if a > 12 {
            iso(y, b, a)
        } else if b > 12 {
            iso(y, a, b)
        } else {
            None
        };
        if let Some(d) = date {
            found.push((c.get(0)?.start(), d));
        }
    }
    found.into_iter().min_by_key(|(at, _)| *at).map(|(_, d)| d)
}

/// A cheap test run before the date patterns: four digits that could be a year.
fn has_year(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| {
        ((w[0] == b'1' && w[1] == b'9') || (w[0] == b'2' && w[1] == b'0'))
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    })
}

static DATE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:published|posted|updated|last updated|modified|created|date|on|at|by|gmt|utc|bst|est|edt|pst|et|am|pm|a\.m\.|p\.m\.|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|today|of)(?-u:\b)",
    )
    .expect("regex")
});

/// A line that only states when the article was published or updated.
pub fn is_date_line(line: &str) -> bool {
    if line.split_whitespace().count() > 14 || stated_date(line).is_none() {
        return false;
    }
    // What is left after removing dates, times and date words must be next to nothing.
    let rest = DATE_MDY.replace_all(line, "");
    let rest = DATE_DMY.replace_all(&rest, "");
    let rest = DATE_ISO.replace_all(&rest, "");
    let rest = DATE_NUMERIC.replace_all(&rest, "");
    let rest = DATE_WORDS.replace_all(&rest, "");
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_on_a_line_of_their_own() {
        assert_eq!(
            dateline_line("LONDON 1996-08-30"),
            Some(("LONDON".to_string(), "1996-08-30".to_string()))
        );
        assert_eq!(
            dateline_line("BOGOTA, Colombia 1996-08-30"),
            Some(("BOGOTA".to_string(), "1996-08-30".to_string()))
        );
        assert_eq!(
            dateline_line("NEW YORK Aug 31"),
            None,
            "no year: not a date"
        );
        assert_eq!(dateline_line("LATEST PREVIOUS ACTUAL"), None);
    }

    #[test]
    fn title_suffixes() {
        assert_eq!(
            split_title_suffix("No direct threat of Russian attack on NATO – US — RT World News"),
            (
                "No direct threat of Russian attack on NATO – US".to_string(),
                Some("RT World News".to_string())
            )
        );
        assert_eq!(
            split_title_suffix("Talks collapse in Geneva – US").1,
            None,
            "a bare country after a dash is part of the headline"
        );
        assert_eq!(
            split_title_suffix("Peace deal signed | Harbor Gazette")
                .1
                .as_deref(),
            Some("Harbor Gazette")
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            stated_date("Tuesday, January 15, 2008").as_deref(),
            Some("2008-01-15")
        );
        assert_eq!(
            stated_date("Last updated at 00:11am on 14th January 2008").as_deref(),
            Some("2008-01-14")
        );
        assert_eq!(stated_date("Published 01/08/2008").as_deref(), None);
        assert_eq!(stated_date("on 2023-11-27").as_deref(), Some("2023-11-27"));
        assert!(is_date_line("Published: Sunday, December 30, 2007"));
        assert!(!is_date_line(
            "The talks began on December 30, 2007 in Vienna after a long delay."
        ));
    }

    #[test]
    fn datelines_and_bylines() {
        assert_eq!(dateline("MOSCOW – Russia is ready").unwrap().0, "MOSCOW");
        let (place, ag) = dateline("LONDON (Reuters) - Shares fell").unwrap();
        assert_eq!((place.as_str(), ag), ("LONDON", vec!["Reuters"]));
        assert!(dateline("Moscow – Russia").is_none());
        assert_eq!(
            byline("By Jane Doe, Moscow correspondent").as_deref(),
            Some("Jane Doe")
        );
        assert!(byline("By the end of the year, prices rose").is_none());
    }

    #[test]
    fn the_ascii_copyright_pattern_captures_as_the_unicode_one() {
        for line in [
            "Copyright 2019 Civic Herald. All rights reserved.",
            "(c) 2008 by Evening Post, all rights reserved",
            "(C) Harbor Gazette | Terms",
            "COPYRIGHT 1999 - 2008 The Daily Item Ltd.",
            "Copyright 2007-2008, Foo & Bar Media's Co.",
            "Copyright\t2020\x0bNews_Corp 1 All Rights reserved",
            "copyright 2020 lower case",
            "Text about Copyright law and (c) marks, with no name",
            "Copyright  ",
        ] {
            let unicode = COPYRIGHT.captures(line).map(|c| (c.get(0), c.get(1)));
            let ascii = COPYRIGHT_ASCII.captures(line).map(|c| (c.get(0), c.get(1)));
            assert_eq!(unicode, ascii, "{line:?}");
        }
    }

    #[test]
    fn outlets_from_lines() {
        assert_eq!(
            outlet_from_line("Source : example.com").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            outlet_from_line("More from Harbor Gazette").as_deref(),
            Some("Harbor Gazette")
        );
        assert_eq!(
            outlet_from_line("Copyright 2019 Civic Herald. All rights reserved.").as_deref(),
            Some("Civic Herald")
        );
        assert_eq!(
            outlet_in_prose("The claims could not be independently verified by The Morning Times.")
                .as_deref(),
            Some("The Morning Times")
        );
        assert!(is_credit_line("AFP contributed to this report."));
    }
}
