//! Numbers written in words, alone or mixed with digits: `two hundred and fifty`,
//! `twenty-one trillion`, `4 thousand 3 hundred and 21`, `2.4 billion`, `a dozen`,
//! `three quarters`, `five and a half million`, `nine point nought four`, `seventy-fifth`.
//!
//! Written by hand rather than with the `text2num` crate: text2num reads cardinals and
//! ordinals in speech transcripts well, but it cannot read the mixed forms news prints
//! (`2.4 billion`, `4 thousand 3 hundred`), stops at `trillion`, has no fractions (`two
//! thirds`, `three quarters`, `half a million`) or `dozen`, and turns the vague plurals
//! `hundreds`/`thousands` into 100 and 1000. The grammar below is the usual English one:
//! groups below a thousand (`units`, `teens`, `tens`, `hundred`) joined by decreasing scales,
//! with `and` allowed only after `hundred` or a scale, so `between 3 and 5` stays two numbers.
//!
//! What a number counts, and whether a bare `one` or `first` is a number at all, is decided
//! by the scanner, which sees the context.

use super::token::{Gap, Kind, Tok};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumWord {
    /// zero..nine
    Digit(u8),
    /// ten..nineteen
    Teen(u8),
    /// twenty..ninety
    Tens(u8),
    Hundred,
    /// thousand, million, billion, trillion, lakh, crore
    Scale(f64),
    /// hundreds, thousands, millions...: vague on their own (`thousands of people`).
    Scales(f64),
    Dozen,
    Dozens,
    /// first, second, ..., hundredth, trillionth
    Ordinal(u64),
    /// thirds, fourths, fifths...: only ever denominators.
    Ordinals(u64),
    Half,
    Halves,
    Quarter,
    Quarters,
    Point,
    /// minus, negative
    Minus,
    /// a, an: one, before `hundred`, `dozen`, `third`...
    Article,
    /// and, &
    And,
    /// `of`, in `two thirds of a million`
    Of,
}

/// The number words that can begin or be a number on their own: what `lexicon` looks for
/// to find sentences worth scanning (not `a`, `and`, `of`, `point`, `minus`, which need a
/// number word or digit beside them anyway).
pub const ANCHOR_WORDS: &[&str] = &[
    "zero",
    "nought",
    "naught",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fourty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "lakh",
    "lac",
    "crore",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "trillions",
    "lakhs",
    "crores",
    "dozen",
    "dozens",
    "dzs",
    "dozs",
    "doz",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
    "thousandth",
    "millionth",
    "billionth",
    "trillionth",
    "thirds",
    "fourths",
    "fifths",
    "sixths",
    "sevenths",
    "eighths",
    "ninths",
    "tenths",
    "elevenths",
    "twelfths",
    "thirteenths",
    "fifteenths",
    "sixteenths",
    "twentieths",
    "thirtieths",
    "fortieths",
    "fiftieths",
    "hundredths",
    "thousandths",
    "millionths",
    "billionths",
    "trillionths",
    "half",
    "halves",
    "quarter",
    "quarters",
];

/// The number word `lower` (lower-case) is, if any.
pub fn number_word(lower: &str) -> Option<NumWord> {
    use NumWord::*;
    Some(match lower {
        "zero" | "nought" | "naught" => Digit(0),
        "one" => Digit(1),
        "two" => Digit(2),
        "three" => Digit(3),
        "four" => Digit(4),
        "five" => Digit(5),
        "six" => Digit(6),
        "seven" => Digit(7),
        "eight" => Digit(8),
        "nine" => Digit(9),
        "ten" => Teen(10),
        "eleven" => Teen(11),
        "twelve" => Teen(12),
        "thirteen" => Teen(13),
        "fourteen" => Teen(14),
        "fifteen" => Teen(15),
        "sixteen" => Teen(16),
        "seventeen" => Teen(17),
        "eighteen" => Teen(18),
        "nineteen" => Teen(19),
        "twenty" => Tens(20),
        "thirty" => Tens(30),
        "forty" | "fourty" => Tens(40),
        "fifty" => Tens(50),
        "sixty" => Tens(60),
        "seventy" => Tens(70),
        "eighty" => Tens(80),
        "ninety" => Tens(90),
        "hundred" => Hundred,
        "thousand" => Scale(1e3),
        "million" => Scale(1e6),
        "billion" => Scale(1e9),
        "trillion" => Scale(1e12),
        "lakh" | "lac" => Scale(1e5),
        "crore" => Scale(1e7),
        "hundreds" => Scales(1e2),
        "thousands" => Scales(1e3),
        "millions" => Scales(1e6),
        "billions" => Scales(1e9),
        "trillions" => Scales(1e12),
        "lakhs" => Scales(1e5),
        "crores" => Scales(1e7),
        "dozen" => Dozen,
        "dozens" | "dzs" | "dozs" | "doz" => Dozens,
        "first" => Ordinal(1),
        "second" => Ordinal(2),
        "third" => Ordinal(3),
        "fourth" => Ordinal(4),
        "fifth" => Ordinal(5),
        "sixth" => Ordinal(6),
        "seventh" => Ordinal(7),
        "eighth" => Ordinal(8),
        "ninth" => Ordinal(9),
        "tenth" => Ordinal(10),
        "eleventh" => Ordinal(11),
        "twelfth" => Ordinal(12),
        "thirteenth" => Ordinal(13),
        "fourteenth" => Ordinal(14),
        "fifteenth" => Ordinal(15),
        "sixteenth" => Ordinal(16),
        "seventeenth" => Ordinal(17),
        "eighteenth" => Ordinal(18),
        "nineteenth" => Ordinal(19),
        "twentieth" => Ordinal(20),
        "thirtieth" => Ordinal(30),
        "fortieth" => Ordinal(40),
        "fiftieth" => Ordinal(50),
        "sixtieth" => Ordinal(60),
        "seventieth" => Ordinal(70),
        "eightieth" => Ordinal(80),
        "ninetieth" => Ordinal(90),
        "hundredth" => Ordinal(100),
        "thousandth" => Ordinal(1_000),
        "millionth" => Ordinal(1_000_000),
        "billionth" => Ordinal(1_000_000_000),
        "trillionth" => Ordinal(1_000_000_000_000),
        "thirds" => Ordinals(3),
        "fourths" => Ordinals(4),
        "fifths" => Ordinals(5),
        "sixths" => Ordinals(6),
        "sevenths" => Ordinals(7),
        "eighths" => Ordinals(8),
        "ninths" => Ordinals(9),
        "tenths" => Ordinals(10),
        "elevenths" => Ordinals(11),
        "twelfths" => Ordinals(12),
        "thirteenths" => Ordinals(13),
        "fifteenths" => Ordinals(15),
        "sixteenths" => Ordinals(16),
        "twentieths" => Ordinals(20),
        "thirtieths" => Ordinals(30),
        "fortieths" => Ordinals(40),
        "fiftieths" => Ordinals(50),
        "hundredths" => Ordinals(100),
        "thousandths" => Ordinals(1_000),
        "millionths" => Ordinals(1_000_000),
        "billionths" => Ordinals(1_000_000_000),
        "trillionths" => Ordinals(1_000_000_000_000),
        "half" => Half,
        "halves" => Halves,
        "quarter" => Quarter,
        "quarters" => Quarters,
        "point" => Point,
        "minus" | "negative" => Minus,
        "a" | "an" => Article,
        "and" => And,
        "of" => Of,
        _ => return None,
    })
}

fn ordinal_value(w: NumWord) -> Option<f64> {
    match w {
        NumWord::Ordinal(n) | NumWord::Ordinals(n) => Some(n as f64),
        _ => None,
    }
}

/// A token as the grammar sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Atom {
    Word(NumWord),
    /// A numeral: its value and whether it is a whole number.
    Num(f64, bool),
    Hyphen,
    Amp,
    Other,
}

/// The grammar's view of a token (`lower` is the lower-cased word, for word tokens).
pub fn atom_of(tok: &Tok, lower: Option<&str>) -> Atom {
    match tok.kind {
        Kind::Num(n) if !n.dotted && !n.leading_zero && !n.vulgar => {
            Atom::Num(n.value, n.is_integer())
        }
        Kind::Word => lower.and_then(number_word).map_or(Atom::Other, Atom::Word),
        Kind::Sym('-' | '–' | '‐' | '‑') => Atom::Hyphen,
        Kind::Sym('&') => Atom::Amp,
        _ => Atom::Other,
    }
}

/// A number read from words (and digits): where it ends and what it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// Token index just past the number.
    pub end: usize,
    pub value: f64,
    pub ordinal: bool,
    /// A fraction with no whole part (`two thirds`, `a half`).
    pub fraction: bool,
    /// At least one number word was read (not only digits).
    pub words: bool,
    /// How many number atoms (words and numerals, not connectors) were read.
    pub atoms: u32,
    /// The largest scale word applied (`2.4 billion` → 1e9).
    pub scale: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Prev {
    Start,
    Digit,
    Teen,
    Tens,
    Hundred,
    Scale,
    /// A numeral that opens a group (`322` in `322 hundred`, `3` in `4 thousand 3 hundred`).
    LeadNumeral,
    /// A numeral after `hundred` (`21` in `3 hundred and 21`).
    TailNumeral,
}

/// The integer read so far.
#[derive(Debug, Clone, Copy)]
struct Acc {
    /// Completed scale groups (`2000` in `two thousand and five`).
    total: f64,
    /// The group below the last scale.
    cur: f64,
    prev: Prev,
    last_scale: f64,
    top_scale: Option<f64>,
    /// The value added by the last unit-level atom, for `two dozen`.
    last_atom: f64,
    /// Token index just past what was read.
    end: usize,
    atoms: u32,
    words: bool,
    /// After an `and`: where the words after it start, and the value before it (for
    /// `one hundred and three quarters`, whose fraction is `three quarters`).
    after_and: Option<(usize, f64)>,
}

impl Acc {
    fn new(end: usize) -> Acc {
        Acc {
            total: 0.0,
            cur: 0.0,
            prev: Prev::Start,
            last_scale: f64::INFINITY,
            top_scale: None,
            last_atom: 0.0,
            end,
            atoms: 0,
            words: false,
            after_and: None,
        }
    }

    fn value(&self) -> f64 {
        self.total + self.cur
    }

    fn reading(&self) -> Reading {
        Reading {
            end: self.end,
            value: self.value(),
            ordinal: false,
            fraction: false,
            words: self.words,
            atoms: self.atoms,
            scale: self.top_scale,
        }
    }
}

/// The number grammar over one paragraph's tokens and their atoms.
pub struct Grammar<'a> {
    pub toks: &'a [Tok],
    pub atoms: &'a [Atom],
}

impl Grammar<'_> {
    fn atom(&self, k: usize) -> Atom {
        self.atoms.get(k).copied().unwrap_or(Atom::Other)
    }

    /// Token `k` exists and is on the same line as the token before it.
    fn joined(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.gap != Gap::Line)
    }

    /// The number word at `k`, which continues the line (for every token but a first).
    fn word(&self, k: usize) -> Option<NumWord> {
        match self.atom(k) {
            Atom::Word(w) if self.joined(k) => Some(w),
            _ => None,
        }
    }

    /// The number word at `k`, wherever it stands (for the first token of a number).
    fn word_at(&self, k: usize) -> Option<NumWord> {
        match self.atom(k) {
            Atom::Word(w) => Some(w),
            _ => None,
        }
    }

    /// `k` past a hyphen at `k`, if there is one (`twenty-first`, `two-thirds`).
    fn skip_hyphen(&self, k: usize) -> usize {
        if self.atom(k) == Atom::Hyphen && self.joined(k + 1) {
            k + 1
        } else {
            k
        }
    }

    /// Reads the number that starts at token `i`, if one does.
    pub fn read(&self, i: usize) -> Option<Reading> {
        if self.word_at(i) == Some(NumWord::Minus) {
            let mut r = self.read_unsigned(i + 1)?;
            r.value = -r.value;
            return Some(r);
        }
        self.read_unsigned(i)
    }

    fn read_unsigned(&self, i: usize) -> Option<Reading> {
        use NumWord::*;
        match self.word_at(i) {
            // `a`/`an` is one only before a scale, `dozen` or a denominator.
            Some(Article) => match self.word(i + 1)? {
                Hundred | Scale(_) | Dozen => {
                    let mut acc = Acc::new(i + 1);
                    acc.cur = 1.0;
                    acc.last_atom = 1.0;
                    acc.prev = Prev::Digit;
                    acc.words = true;
                    acc.atoms = 1;
                    self.finish(self.integer(acc), i)
                }
                Half | Quarter | Ordinal(_) => self.fraction_reading(i),
                _ => None,
            },
            Some(Half | Quarter) => self.fraction_reading(i),
            _ => self.finish(self.integer(Acc::new(i)), i),
        }
    }

    fn fraction_reading(&self, i: usize) -> Option<Reading> {
        let (value, end, scale) = self.fraction(i, true)?;
        Some(Reading {
            end,
            value,
            ordinal: false,
            fraction: scale.is_none() && value < 1.0,
            words: true,
            atoms: 2,
            scale,
        })
    }

    /// A fraction that starts at `i`: `a half`, `one third`, `three quarters`, `half`,
    /// `two-thirds`, and with `scaled` also `half a million`, `two thirds of a million`,
    /// `half a dozen`. Returns the value, the end and the scale applied.
    fn fraction(&self, i: usize, scaled: bool) -> Option<(f64, usize, Option<f64>)> {
        use NumWord::*;
        let (num, k, article) = match self.word_at(i) {
            Some(Article) if matches!(self.word(i + 1), Some(Hundred | Scale(_))) => {
                // `a hundred trillionths`
                let mut acc = Acc::new(i + 1);
                acc.cur = 1.0;
                acc.prev = Prev::Digit;
                acc.atoms = 1;
                let whole = self.integer(acc);
                (whole.value(), whole.end, false)
            }
            Some(Article) => (1.0, i + 1, true),
            Some(Half | Quarter) => (1.0, i, false),
            _ => {
                let whole = self.integer(Acc::new(i));
                if whole.atoms == 0 || whole.prev == Prev::Scale {
                    return None;
                }
                (whole.value(), self.skip_hyphen(whole.end), false)
            }
        };
        let den_word = if k == i {
            self.word_at(k)
        } else {
            self.word(k)
        };
        let den = match den_word? {
            Half if num == 1.0 => 2.0,
            Quarter if num == 1.0 => 4.0,
            Halves | Quarters if !article => {
                if den_word == Some(Halves) {
                    2.0
                } else {
                    4.0
                }
            }
            w @ Ordinal(n) if n >= 3 && num == 1.0 => ordinal_value(w)?,
            w @ Ordinals(_) if !article => ordinal_value(w)?,
            _ => return None,
        };
        let mut value = num / den;
        let mut end = k + 1;
        let mut scale = None;
        if scaled {
            // `half a dozen`, `half a million`, `two thirds of a million`, `quarter million`.
            let mut j = end;
            if self.word(j) == Some(Of) {
                j += 1;
            }
            if self.word(j) == Some(Article) {
                j += 1;
            }
            match self.word(j) {
                Some(Scale(s)) => {
                    value *= s;
                    end = j + 1;
                    scale = Some(s);
                }
                Some(Hundred) => {
                    value *= 100.0;
                    end = j + 1;
                    scale = Some(100.0);
                }
                Some(Dozen) if j > end => {
                    value *= 12.0;
                    end = j + 1;
                }
                _ => {}
            }
        }
        Some((value, end, scale))
    }

    /// The integer grammar: consumes atoms while they continue the number.
    fn integer(&self, mut acc: Acc) -> Acc {
        use NumWord::*;
        let mut before_and: Option<Acc> = None;
        loop {
            let k = acc.end;
            if !self.joined(k) && acc.atoms > 0 {
                break;
            }
            let atom = self.atom(k);
            // (new group value, new prev, the atom's own value)
            let step: Option<(f64, Prev, f64)> = match atom {
                Atom::Word(Digit(d)) => {
                    let d = f64::from(d);
                    match acc.prev {
                        Prev::Start => Some((d, Prev::Digit, d)),
                        Prev::Tens | Prev::Hundred | Prev::Scale if d > 0.0 => {
                            Some((acc.cur + d, Prev::Digit, d))
                        }
                        _ => None,
                    }
                }
                Atom::Word(Teen(t)) => match acc.prev {
                    Prev::Start | Prev::Hundred | Prev::Scale => {
                        Some((acc.cur + f64::from(t), Prev::Teen, f64::from(t)))
                    }
                    _ => None,
                },
                Atom::Word(Tens(t)) => match acc.prev {
                    Prev::Start | Prev::Hundred | Prev::Scale if acc.cur % 100.0 == 0.0 => {
                        Some((acc.cur + f64::from(t), Prev::Tens, f64::from(t)))
                    }
                    _ => None,
                },
                Atom::Num(v, integer) => match acc.prev {
                    Prev::Start => Some((v, Prev::LeadNumeral, v)),
                    Prev::Scale if integer && acc.cur == 0.0 && v < acc.last_scale.min(1e3) => {
                        Some((v, Prev::LeadNumeral, v))
                    }
                    Prev::Hundred if integer && v < 100.0 && acc.cur % 100.0 == 0.0 => {
                        Some((acc.cur + v, Prev::TailNumeral, v))
                    }
                    _ => None,
                },
                Atom::Word(Hundred) | Atom::Word(Scales(100.0)) => {
                    let lone_plural = atom == Atom::Word(Scales(100.0)) && acc.atoms == 0;
                    let ok = !lone_plural
                        && match acc.prev {
                            Prev::Digit | Prev::Teen | Prev::Tens => {
                                acc.cur > 0.0 && acc.cur < 100.0
                            }
                            Prev::LeadNumeral => acc.cur > 0.0 && acc.cur < 1000.0,
                            _ => false,
                        };
                    if !ok {
                        if let Some(b) = before_and {
                            acc = b;
                        }
                        break;
                    }
                    acc.cur *= 100.0;
                    acc.prev = Prev::Hundred;
                    acc.end = k + 1;
                    acc.atoms += 1;
                    acc.words = true;
                    acc.top_scale = Some(acc.top_scale.unwrap_or(0.0).max(100.0));
                    before_and = None;
                    continue;
                }
                Atom::Word(Scale(s)) | Atom::Word(Scales(s)) => {
                    let plural = matches!(atom, Atom::Word(Scales(_)));
                    if acc.prev == Prev::Scale && acc.cur == 0.0 && s > acc.last_scale && !plural {
                        // `lakh crore`, `thousand million`: scales multiply.
                        acc.total *= s;
                        acc.last_scale = s;
                        acc.top_scale = Some(s);
                        acc.end = k + 1;
                        acc.atoms += 1;
                        continue;
                    }
                    let ok = !matches!(acc.prev, Prev::Start | Prev::Scale)
                        && acc.cur > 0.0
                        && s < acc.last_scale;
                    if !ok {
                        if let Some(b) = before_and {
                            acc = b;
                        }
                        break;
                    }
                    acc.total += acc.cur * s;
                    acc.cur = 0.0;
                    acc.last_scale = s;
                    acc.top_scale = Some(acc.top_scale.unwrap_or(0.0).max(s));
                    acc.prev = Prev::Scale;
                    acc.end = k + 1;
                    acc.atoms += 1;
                    acc.words = true;
                    before_and = None;
                    continue;
                }
                Atom::Word(And) | Atom::Amp if matches!(acc.prev, Prev::Hundred | Prev::Scale) => {
                    // `and` joins only what fits the open slot: `two hundred and fifty`.
                    let fits = self.joined(k + 1)
                        && match self.atom(k + 1) {
                            Atom::Word(Digit(d)) => d > 0,
                            Atom::Word(Teen(_) | Tens(_)) => true,
                            Atom::Num(v, true) => v < 100.0,
                            _ => false,
                        };
                    if !fits {
                        break;
                    }
                    before_and = Some(acc);
                    acc.after_and = Some((k + 1, acc.value()));
                    acc.end = k + 1;
                    continue;
                }
                Atom::Hyphen if acc.prev == Prev::Tens => {
                    let digit_next = matches!(self.atom(k + 1), Atom::Word(Digit(d)) if d > 0);
                    if digit_next && self.joined(k + 1) {
                        acc.end = k + 1;
                        continue;
                    }
                    None
                }
                _ => None,
            };
            let Some((cur, prev, own)) = step else {
                break;
            };
            acc.cur = cur;
            acc.prev = prev;
            acc.last_atom = own;
            acc.end = k + 1;
            acc.atoms += 1;
            if matches!(atom, Atom::Word(_)) {
                acc.words = true;
            }
        }
        acc
    }

    /// Completes an integer reading that started at `start` with what may follow it:
    /// ordinals, fractions, `dozen`, `point` decimals, `and a half`.
    fn finish(&self, acc: Acc, start: usize) -> Option<Reading> {
        use NumWord::*;
        let k = acc.end;
        let kh = if matches!(acc.prev, Prev::Tens | Prev::Digit) {
            self.skip_hyphen(k)
        } else {
            k
        };
        let next = if acc.atoms == 0 {
            self.word_at(kh)
        } else {
            self.word(kh)
        };
        match next {
            // `fifth`, `seventy-fifth`, `twenty first`, `two hundredth`.
            // (Not after a numeral: `280 million first preferred notes`.)
            Some(Ordinal(n))
                if self.ordinal_continues(&acc, n)
                    && !matches!(self.atom(start), Atom::Num(..)) =>
            {
                return self.ordinal(acc, kh);
            }
            // `two thirds`, `three quarters`, `twenty-three fifths`, `one fifth`, `one half`.
            Some(Ordinals(_) | Quarters | Halves | Ordinal(_) | Half | Quarter)
                if acc.atoms > 0 && acc.prev != Prev::Scale =>
            {
                let (base, from) = match acc.after_and {
                    Some((j, base)) => (base, j),
                    None => (0.0, start),
                };
                if let Some((f, end, scale)) = self.fraction(from, true) {
                    // After `million and`, the fraction is of a million: `two million and
                    // three fifths` is 2.6 million.
                    let of = match acc.top_scale {
                        Some(s) if acc.after_and.is_some() && s >= 1e6 && f < 1.0 => s,
                        _ => 1.0,
                    };
                    return Some(Reading {
                        end,
                        value: base + f * of,
                        ordinal: false,
                        fraction: base == 0.0 && scale.is_none() && f < 1.0,
                        words: true,
                        atoms: acc.atoms + 1,
                        scale,
                    });
                }
            }
            // `three dozen`, `3 dozens`, `three hundred and two dozens`.
            Some(Dozen | Dozens) if acc.atoms > 0 && acc.prev != Prev::Scale => {
                let mut r = acc.reading();
                r.value = acc.value() - acc.last_atom + acc.last_atom * 12.0;
                r.end = k + 1;
                r.words = true;
                r.atoms += 1;
                return Some(r);
            }
            // `nine point nought four`, `two hundred point seventy-one`.
            Some(Point) if acc.words && acc.prev != Prev::LeadNumeral => {
                if let Some((frac, end)) = self.point_digits(k + 1) {
                    let mut r = acc.reading();
                    r.value = acc.value() + frac;
                    r.end = end;
                    r.atoms += 1;
                    if let Some(Scale(s)) = self.word(end) {
                        r.value *= s;
                        r.end = end + 1;
                        r.scale = Some(s);
                    }
                    return Some(r);
                }
            }
            // `one and a half`, `3 million and a half`, `twenty and three fifths`,
            // `five and a half million`, `one billion and a half million`.
            Some(And) if acc.atoms > 0 => {
                if let Some((f, end, _)) = self.fraction(k + 1, false) {
                    let mut r = acc.reading();
                    r.end = end;
                    r.atoms += 1;
                    r.words = true;
                    match (acc.prev, self.word(end)) {
                        (Prev::Scale, Some(Scale(s))) if s < acc.last_scale => {
                            r.value = acc.value() + f * s;
                            r.end = end + 1;
                        }
                        (Prev::Scale, _) => r.value = acc.value() + f * acc.last_scale,
                        (_, Some(Scale(s))) if acc.top_scale.is_none() => {
                            r.value = (acc.value() + f) * s;
                            r.end = end + 1;
                            r.scale = Some(s);
                        }
                        _ => r.value = acc.value() + f,
                    }
                    return Some(r);
                }
            }
            _ => {}
        }
        (acc.atoms > 0).then(|| acc.reading())
    }

    /// An ordinal word (with value `n`) right after what `acc` read continues that number.
    fn ordinal_continues(&self, acc: &Acc, n: u64) -> bool {
        match acc.prev {
            Prev::Start => true,
            Prev::Tens => n < 10,
            Prev::Hundred | Prev::Scale => n < 100,
            Prev::Digit | Prev::Teen => n >= 100,
            _ => false,
        }
    }

    /// An ordinal, possibly compound: `fifth`, `seventy-fifth`, `two hundredth`.
    fn ordinal(&self, mut acc: Acc, k: usize) -> Option<Reading> {
        let n = ordinal_value(self.word_at(k)?)?;
        if n >= 100.0 && acc.cur > 0.0 {
            acc.cur *= n;
        } else {
            acc.cur += n;
        }
        acc.end = k + 1;
        acc.atoms += 1;
        acc.words = true;
        let mut r = acc.reading();
        r.ordinal = true;
        Some(r)
    }

    /// Digits spoken after `point`: `nought four` → 0.04, `seventy-one` → 0.71.
    fn point_digits(&self, mut k: usize) -> Option<(f64, usize)> {
        use NumWord::*;
        let mut digits = String::new();
        loop {
            match self.word(k) {
                Some(Digit(d)) => {
                    digits.push(char::from(b'0' + d));
                    k += 1;
                }
                Some(Teen(t)) => {
                    digits.push_str(&t.to_string());
                    k += 1;
                    break;
                }
                Some(Tens(t)) => {
                    digits.push(char::from(b'0' + t / 10));
                    k += 1;
                    let j = self.skip_hyphen(k);
                    if let Some(Digit(d)) = self.word(j)
                        && d > 0
                    {
                        digits.push(char::from(b'0' + d));
                        k = j + 1;
                    }
                    break;
                }
                _ => break,
            }
        }
        if digits.is_empty() {
            return None;
        }
        let value: f64 = format!("0.{digits}").parse().ok()?;
        Some((value, k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::numbers::token::tokenize;

    fn read(s: &str) -> Option<(f64, String, bool)> {
        let mut toks = Vec::new();
        tokenize(s, 0..s.len(), &mut toks);
        let atoms: Vec<Atom> = toks
            .iter()
            .map(|t| atom_of(t, Some(&s[t.span()].to_lowercase())))
            .collect();
        let g = Grammar {
            toks: &toks,
            atoms: &atoms,
        };
        let r = g.read(0)?;
        let text = s[toks[0].start..toks[r.end - 1].end].to_string();
        Some((r.value, text, r.ordinal))
    }

    fn value(s: &str) -> f64 {
        read(s).map_or(f64::NAN, |r| r.0)
    }

    #[test]
    fn cardinals() {
        assert_eq!(value("two hundred and fifty troops"), 250.0);
        assert_eq!(
            value("twenty-one trillion and three hundred"),
            21e12 + 300.0
        );
        assert_eq!(value("fifty - two"), 52.0);
        assert_eq!(value("Three hundred  and  thirty one"), 331.0);
        assert_eq!(value("two hundred and two thousand"), 202_000.0);
        assert_eq!(value("4 thousand 3 hundred and 21 is"), 4321.0);
        assert_eq!(value("322 hundred"), 32200.0);
        assert_eq!(value("2.4 billion gallons"), 2.4e9);
        assert_eq!(value("three lakh crore"), 3e12);
        assert_eq!(value("a hundred and two"), 102.0);
        assert_eq!(read("3 hundred and 2 hundred").unwrap().1, "3 hundred");
        assert_eq!(read("between 3 and 5"), None);
        assert_eq!(read("3 and 5").unwrap().1, "3");
        assert_eq!(read("twenty and thirty").unwrap().1, "twenty");
        assert_eq!(value("minus five point five"), -5.5);
        assert_eq!(value("nine point nought four"), 9.04);
        assert_eq!(value("two hundred point seventy-one"), 200.71);
        assert_eq!(read("hundreds of people"), None);
        assert_eq!(read("thousands"), None);
    }

    #[test]
    fn fractions_dozens_ordinals() {
        assert_eq!(value("a dozen eggs"), 12.0);
        assert_eq!(value("half a  dozen"), 6.0);
        assert_eq!(value("three hundred and two dozens"), 324.0);
        assert_eq!(value("two thirds"), 2.0 / 3.0);
        assert_eq!(value("two-thirds of"), 2.0 / 3.0);
        assert_eq!(value("one-eighth"), 0.125);
        assert_eq!(value("a hundredth"), 0.01);
        assert_eq!(value("one and a half"), 1.5);
        assert_eq!(value("five and a half million"), 5.5e6);
        assert_eq!(value("3 million and a half"), 3.5e6);
        assert_eq!(value("one billion and a half million"), 1_000_500_000.0);
        assert_eq!(value("one hundred and three quarters"), 100.75);
        assert_eq!(value("half million"), 500_000.0);
        assert_eq!(value("two thirds of a million"), 2e6 / 3.0);
        assert_eq!(value("three quarters billion"), 7.5e8);
        assert_eq!(
            read("seventy-fifth anniversary"),
            Some((75.0, "seventy-fifth".into(), true))
        );
        assert_eq!(read("fifth"), Some((5.0, "fifth".into(), true)));
        assert_eq!(read("two hundredth").map(|r| r.0), Some(200.0));
    }
}
