//! Tokens of one paragraph: words, numerals and single symbols, with byte spans into the body.
//!
//! The numeral lexer does the part of number reading that depends on characters rather than
//! words: thousands separators (`25,000`, `816 000`, `40 000` with a narrow no-break space),
//! the decimal point, an attached exponent (`1.3e6`) and the vulgar fraction characters
//! (`½`). Everything that depends on neighbouring words (scales, units, ranges, dates) is the
//! scanner's job. A comma is a thousands separator only before exactly three digits, so lists
//! (`22,24,26`) and spaced lists (`1, 234`) stay separate numbers; a space is one only between
//! a short leading group and exact three-digit groups, so `423 0000` stays two numbers.

use crate::document::Span;

/// Whitespace before a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Written against the previous token (`25m`, `F-16`).
    None,
    Space,
    /// A line break: tokens on either side never belong to one number.
    Line,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub value: f64,
    /// Digits before the decimal point (0 for `.08`).
    pub int_digits: u8,
    /// Digits after the decimal point.
    pub frac_digits: u8,
    /// Thousands separators were read (`25,000`, `816 000`).
    pub grouped: bool,
    /// Written with a leading zero and more than one integer digit (`007`, `0800`).
    pub leading_zero: bool,
    /// A vulgar fraction character (`½`).
    pub vulgar: bool,
    /// More than one decimal point (`1.2.3`, `192.168.1.2`): a version or an address.
    pub dotted: bool,
}

impl Numeral {
    /// Only digits: no separator, decimal point, exponent or fraction.
    pub fn plain(&self) -> bool {
        !self.grouped && self.frac_digits == 0 && !self.vulgar && !self.dotted
    }

    pub fn is_integer(&self) -> bool {
        self.frac_digits == 0 && !self.vulgar && self.value.fract() == 0.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Word,
    Num(Numeral),
    Sym(char),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub gap: Gap,
}

impl Tok {
    pub fn span(&self) -> Span {
        self.start..self.end
    }

    pub fn num(&self) -> Option<Numeral> {
        match self.kind {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_sym(&self, c: char) -> bool {
        self.kind == Kind::Sym(c)
    }

    pub fn is_dash(&self) -> bool {
        matches!(self.kind, Kind::Sym('-' | '–' | '—' | '‐' | '‑'))
    }

    /// Whitespace (or nothing) but no line break before it.
    pub fn same_line(&self) -> bool {
        self.gap != Gap::Line
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}'
}

/// Separators that may stand between groups of three digits.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 1.0 / 2.0,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 1.0 / 4.0,
        '¾' => 3.0 / 4.0,
        '⅕' => 1.0 / 5.0,
        '⅖' => 2.0 / 5.0,
        '⅗' => 3.0 / 5.0,
        '⅘' => 4.0 / 5.0,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅐' => 1.0 / 7.0,
        '⅛' => 1.0 / 8.0,
        '⅜' => 3.0 / 8.0,
        '⅝' => 5.0 / 8.0,
        '⅞' => 7.0 / 8.0,
        '⅑' => 1.0 / 9.0,
        '⅒' => 1.0 / 10.0,
        _ => return None,
    })
}

fn digit_run(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// The separator at `i` (a comma or a group space) is followed by exactly three digits and then
/// something that is not a digit: the byte length of the separator, if so.
fn group_separator(text: &str, i: usize, comma: bool) -> Option<usize> {
    let c = text[i..].chars().next()?;
    let ok = if comma { c == ',' } else { is_group_space(c) };
    if !ok {
        return None;
    }
    let after = i + c.len_utf8();
    let b = text.as_bytes();
    let end = digit_run(b, after);
    (end - after == 3 && !b.get(end).is_some_and(|x| x.is_ascii_digit())).then_some(c.len_utf8())
}

/// Reads the numeral starting at byte `start` (a digit, or a `.` before a digit). Returns the
/// token end and the numeral.
fn lex_numeral(text: &str, start: usize, scratch: &mut String) -> (usize, Numeral) {
    let b = text.as_bytes();
    scratch.clear();
    let mut i = digit_run(b, start);
    scratch.push_str(&text[start..i]);
    let int_first = i - start;
    let mut grouped = false;
    if int_first > 0 && int_first <= 3 {
        // Thousands groups: all commas or all spaces, never mixed.
        for comma in [true, false] {
            while let Some(len) = group_separator(text, i, comma) {
                scratch.push_str(&text[i + len..i + len + 3]);
                i += len + 3;
                grouped = true;
            }
            if grouped {
                break;
            }
        }
    }
    let int_digits = scratch.len().min(255) as u8;
    let leading_zero = int_digits > 1 && scratch.starts_with('0');
    let mut frac_digits = 0u8;
    let mut dotted = false;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        let end = digit_run(b, i + 1);
        scratch.push('.');
        scratch.push_str(&text[i + 1..end]);
        frac_digits = (end - i - 1).min(255) as u8;
        i = end;
        // A second point makes it a version, an address or a dotted date: not one number.
        while b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            dotted = true;
            i = digit_run(b, i + 1);
        }
    }
    // An attached exponent: `1e10`, `-12e-1`, `12.32e+14`; not `3e` or `5eggs`.
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let end = digit_run(b, j);
        if end > j
            && !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            scratch.push('e');
            scratch.push_str(&text[i + 1..end]);
            i = end;
        }
    }
    let value = scratch.parse::<f64>().unwrap_or(f64::NAN);
    let numeral = Numeral {
        value,
        int_digits,
        frac_digits,
        grouped,
        leading_zero,
        vulgar: false,
        dotted,
    };
    (i, numeral)
}

/// Tokens of `body[span]`, with spans into `body`.
pub fn tokenize(body: &str, span: Span, out: &mut Vec<Tok>) {
    out.clear();
    let text = &body[..span.end];
    let b = text.as_bytes();
    let mut scratch = String::new();
    let mut i = span.start;
    let mut gap = Gap::Line;
    while i < text.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if is_space(c) {
            if c == '\n' || c == '\r' {
                gap = Gap::Line;
            } else if gap == Gap::None {
                gap = Gap::Space;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit()
            || (c == '.'
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                && gap != Gap::None
                && out.last().is_none_or(|t| t.num().is_none()))
        {
            let (end, n) = lex_numeral(text, i, &mut scratch);
            i = end;
            kind = Kind::Num(n);
        } else if let Some(v) = vulgar_fraction(c) {
            i += c.len_utf8();
            kind = Kind::Num(Numeral {
                value: v,
                int_digits: 0,
                frac_digits: 0,
                grouped: false,
                leading_zero: false,
                vulgar: true,
                dotted: false,
            });
        } else if c.is_alphabetic() {
            i += c.len_utf8();
            while i < text.len() {
                let byte = b[i];
                // ASCII letters are most of any English text: no char decoding for them.
                if byte.is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                let Some(d) = text[i..].chars().next() else {
                    break;
                };
                let apostrophe = (d == '\'' || d == '’')
                    && text[i + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                if (!d.is_ascii() && d.is_alphabetic()) || d.is_mark() || apostrophe {
                    i += d.len_utf8();
                } else {
                    break;
                }
            }
            kind = Kind::Word;
        } else {
            i += c.len_utf8();
            kind = Kind::Sym(c);
        }
        out.push(Tok {
            start,
            end: i,
            kind,
            gap,
        });
        gap = Gap::None;
    }
}

trait IsMark {
    fn is_mark(&self) -> bool;
}

impl IsMark for char {
    /// Combining marks keep a word whole (`é` written as `e` + U+0301).
    fn is_mark(&self) -> bool {
        matches!(*self as u32, 0x0300..=0x036f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, Option<f64>)> {
        let mut out = Vec::new();
        tokenize(s, 0..s.len(), &mut out);
        out.iter()
            .map(|t| (s[t.span()].to_string(), t.num().map(|n| n.value)))
            .collect()
    }

    #[test]
    fn separators_decimals_and_lists() {
        assert_eq!(toks("25,000")[0], ("25,000".into(), Some(25000.0)));
        assert_eq!(toks("816 000 x")[0], ("816 000".into(), Some(816000.0)));
        assert_eq!(toks("1\u{202f}234\u{202f}567.89")[0].1, Some(1234567.89));
        assert_eq!(toks("423 0000").len(), 2);
        assert_eq!(toks("22,24,26").len(), 5);
        assert_eq!(toks("1.5")[0].1, Some(1.5));
        assert_eq!(toks(" .08")[0].1, Some(0.08));
        assert_eq!(toks("1.3e6")[0].1, Some(1.3e6));
        assert_eq!(toks("2½")[1].1, Some(0.5));
        assert_eq!(toks("baker's dozen")[0].0, "baker's");
    }
}
