//! The word lists behind number reading, loaded once from `data/numbers/`.
//!
//! Units and currencies are open lists that grow with the corpus, so they are data files, not
//! code: `units.tsv` (what a measurement is in), `currencies.tsv` (what money is in),
//! `function_words.txt` (words that end a counted thing: `23 incidents in which`) and
//! `plural_nouns.txt` (nouns that are plural without an `s`: `people`, `police`). Matching a
//! unit or currency name is an anchored Aho-Corasick search at the text right after (or
//! before) a number, longest match first, so `sq km` beats `sq` and `swiss francs` beats
//! `francs` without any per-token allocation.
//!
//! The closed classes that the number grammar itself is made of (number words, months,
//! weekdays) live in code beside the grammar.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

const UNITS: &str = include_str!("../../../data/numbers/units.tsv");
const CURRENCIES: &str = include_str!("../../../data/numbers/currencies.tsv");
const FUNCTION_WORDS: &str = include_str!("../../../data/numbers/function_words.txt");
const PLURAL_NOUNS: &str = include_str!("../../../data/numbers/plural_nouns.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    Length,
    Area,
    Volume,
    Mass,
    Time,
    Speed,
    Temperature,
    Data,
    Energy,
    Power,
    Frequency,
    Angle,
    Other,
}

impl Dim {
    fn parse(s: &str) -> Dim {
        match s {
            "length" => Dim::Length,
            "area" => Dim::Area,
            "volume" => Dim::Volume,
            "mass" => Dim::Mass,
            "time" => Dim::Time,
            "speed" => Dim::Speed,
            "temperature" => Dim::Temperature,
            "data" => Dim::Data,
            "energy" => Dim::Energy,
            "power" => Dim::Power,
            "frequency" => Dim::Frequency,
            "angle" => Dim::Angle,
            _ => Dim::Other,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub name: &'static str,
    pub dim: Dim,
    /// Only a unit when nothing word-like follows (`2 in.`, not `2 in 10`).
    pub strict: bool,
    /// Only a unit when written against the number (`5h`).
    pub attached: bool,
}

/// One way of writing a unit or a currency, found in the text.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// Index into [`Lexicon::units`] or [`Lexicon::currencies`].
    pub id: usize,
    /// Byte length of the match.
    pub len: usize,
    /// Matched a case-sensitive symbol rather than a spelled-out name.
    pub symbol: bool,
}

pub struct Lexicon {
    pub units: Vec<Unit>,
    unit_names: Matcher,
    unit_symbols: Matcher,
    /// The unit stored for each currency: an ISO code or a lower-case name.
    pub currencies: Vec<&'static str>,
    currency_prefix: Matcher,
    currency_suffix: Matcher,
    currency_names: Matcher,
    function_words: HashSet<&'static str>,
    plural_nouns: HashSet<&'static str>,
    /// First bytes of the currency symbols written before amounts, to skip the search at
    /// tokens that cannot start one.
    currency_first_bytes: [bool; 256],
    /// Digits, number words, month and weekday names: a sentence without any holds no number.
    anchors: AhoCorasick,
}

/// An anchored longest-match automaton whose patterns map to ids.
struct Matcher {
    ac: AhoCorasick,
    ids: Vec<usize>,
}

impl Matcher {
    fn new(patterns: Vec<(String, usize)>, case_insensitive: bool) -> Matcher {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .ascii_case_insensitive(case_insensitive)
            .build(patterns.iter().map(|(p, _)| p.as_str()))
            .expect("the unit and currency lists build an automaton");
        Matcher {
            ac,
            ids: patterns.into_iter().map(|(_, id)| id).collect(),
        }
    }

    /// The longest pattern that `text` starts with and that ends at a word boundary.
    fn at(&self, text: &str, symbol: bool) -> Option<Hit> {
        let m = self.ac.find(Input::new(text).anchored(Anchored::Yes))?;
        let len = m.end();
        let last = text[..len].chars().next_back()?;
        let next = text[len..].chars().next();
        // `km` must not match the start of `kmart`; digits may follow (`USD115`, `km2` is
        // listed whole), and a symbol that ends in a sign (`$`, `°`) may touch anything.
        if last.is_alphabetic() && next.is_some_and(char::is_alphabetic) {
            return None;
        }
        Some(Hit {
            id: self.ids[m.pattern().as_usize()],
            len,
            symbol,
        })
    }
}

/// `s`/`es`/`ies` plural of one English word.
fn plural(word: &str) -> String {
    let b = word.as_bytes();
    if word.ends_with('y') && b.len() > 1 && !b"aeiou".contains(&b[b.len() - 2]) {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// A name, its plurals (any one word pluralised: `miles per hour`, `degrees Celsius`, `light
/// years`) and American spellings.
fn name_forms(name: &str) -> Vec<String> {
    let mut spellings = vec![name.to_string()];
    for (brit, amer) in [("metre", "meter"), ("litre", "liter"), ("gramme", "gram")] {
        if name.contains(brit) {
            spellings.push(name.replace(brit, amer));
        }
    }
    let mut out = Vec::new();
    for s in spellings {
        let words: Vec<&str> = s.split(' ').collect();
        for k in 0..words.len() {
            let mut w: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            w[k] = plural(words[k]);
            out.push(w.join(" "));
        }
        out.push(s);
    }
    out
}

fn data_lines(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn list(field: Option<&&'static str>) -> impl Iterator<Item = &'static str> {
    field
        .copied()
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut units = Vec::new();
        let (mut names, mut symbols) = (Vec::new(), Vec::new());
        for f in data_lines(UNITS) {
            let id = units.len();
            let flags = f.get(4).copied().unwrap_or("");
            units.push(Unit {
                name: f[0],
                dim: Dim::parse(f.get(1).copied().unwrap_or("")),
                strict: flags.contains("strict"),
                attached: flags.contains("attached"),
            });
            for n in list(f.get(2)) {
                names.extend(name_forms(n).into_iter().map(|s| (s, id)));
            }
            symbols.extend(list(f.get(3)).map(|s| (s.to_string(), id)));
        }
        let mut currencies = Vec::new();
        let (mut prefix, mut suffix, mut cnames) = (Vec::new(), Vec::new(), Vec::new());
        let mut currency_first_bytes = [false; 256];
        for f in data_lines(CURRENCIES) {
            let id = currencies.len();
            currencies.push(f[0]);
            for symbol in list(f.get(1)) {
                currency_first_bytes[usize::from(symbol.as_bytes()[0])] = true;
                prefix.push((symbol.to_string(), id));
            }
            suffix.extend(list(f.get(2)).map(|s| (s.to_string(), id)));
            for n in list(f.get(3)) {
                cnames.extend(name_forms(n).into_iter().map(|s| (s, id)));
            }
        }
        let words = |text: &'static str| -> HashSet<&'static str> {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        };
        Lexicon {
            units,
            unit_names: Matcher::new(names, true),
            unit_symbols: Matcher::new(symbols, false),
            currencies,
            currency_prefix: Matcher::new(prefix, false),
            currency_suffix: Matcher::new(suffix, false),
            currency_names: Matcher::new(cnames, true),
            function_words: words(FUNCTION_WORDS),
            plural_nouns: words(PLURAL_NOUNS),
            currency_first_bytes,
            anchors: anchor_automaton(),
        }
    }

    /// The unit that `text` starts with: a spelled-out name, else a symbol.
    pub fn unit_at(&self, text: &str) -> Option<Hit> {
        let name = self.unit_names.at(text, false);
        let symbol = self.unit_symbols.at(text, true);
        match (name, symbol) {
            (Some(n), Some(s)) if s.len > n.len => Some(s),
            (Some(n), _) => Some(n),
            (None, s) => s,
        }
    }

    /// Whether `text` holds anything a number could be made of: a digit, a vulgar fraction,
    /// a number word, a month or weekday name, `yesterday`. Sentences without one are not
    /// scanned at all, which is most of the speed of this stage.
    pub fn has_anchor(&self, text: &str) -> bool {
        self.anchors.find_iter(text).any(|m| {
            let matched = &text[m.start()..m.end()];
            if !matched.as_bytes()[0].is_ascii_alphabetic() {
                return true;
            }
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
        })
    }

    /// Whether a currency symbol written before an amount can start with byte `b`.
    pub fn may_start_currency(&self, b: u8) -> bool {
        self.currency_first_bytes[usize::from(b)]
    }

    /// A currency symbol or code that `text` starts with, written before an amount.
    pub fn currency_prefix_at(&self, text: &str) -> Option<Hit> {
        self.currency_prefix.at(text, true)
    }

    /// A currency written after an amount: a symbol, else a name.
    pub fn currency_suffix_at(&self, text: &str) -> Option<Hit> {
        let name = self.currency_names.at(text, false);
        let symbol = self.currency_suffix.at(text, true);
        match (name, symbol) {
            (Some(n), Some(s)) if s.len > n.len => Some(s),
            (Some(n), _) => Some(n),
            (None, s) => s,
        }
    }

    /// A closed-class word (article, preposition, pronoun, auxiliary...) that cannot be or
    /// start the thing a number counts. `lower` is lower-case.
    pub fn is_function_word(&self, lower: &str) -> bool {
        self.function_words.contains(lower)
    }

    /// A noun that is plural without looking like one (`people`, `police`, `aircraft`).
    pub fn is_plural_noun(&self, lower: &str) -> bool {
        self.plural_nouns.contains(lower)
    }
}

fn anchor_automaton() -> AhoCorasick {
    let mut patterns: Vec<&str> = super::words::ANCHOR_WORDS.to_vec();
    patterns.extend(super::dates::ANCHOR_DATE_WORDS);
    patterns.extend([
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "½", "⅓", "⅔", "¼", "¾", "⅕", "⅖", "⅗",
        "⅘", "⅙", "⅚", "⅐", "⅛", "⅜", "⅝", "⅞", "⅑", "⅒",
    ]);
    patterns.extend([
        "doubled",
        "doubling",
        "twice",
        "tripled",
        "trebled",
        "tripling",
        "thrice",
        "quadrupled",
        "quadrupling",
        "halved",
        "halving",
        "double",
        "triple",
        "treble",
    ]);
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(patterns)
        .expect("the anchor words build an automaton")
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_currencies_match_longest_at_a_boundary() {
        let lx = &*LEXICON;
        let u = |s: &str| lx.unit_at(s).map(|h| (lx.units[h.id].name, h.len));
        assert_eq!(u("km away"), Some(("kilometre", 2)));
        assert_eq!(u("kilometers."), Some(("kilometre", 10)));
        assert_eq!(u("sq km of"), Some(("square kilometre", 5)));
        assert_eq!(u("degrees Celsius"), Some(("degree Celsius", 15)));
        assert_eq!(u("miles per hour"), Some(("mile per hour", 14)));
        assert_eq!(u("kmart"), None);
        let c = |s: &str| lx.currency_suffix_at(s).map(|h| lx.currencies[h.id]);
        assert_eq!(c("swiss francs"), Some("CHF"));
        assert_eq!(c("francs"), Some("franc"));
        assert_eq!(c("euros"), Some("EUR"));
        let p = |s: &str| lx.currency_prefix_at(s).map(|h| lx.currencies[h.id]);
        assert_eq!(p("US$20"), Some("USD"));
        assert_eq!(p("£3"), Some("GBP"));
    }
}
