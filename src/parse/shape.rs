//! The shape of one line: counts that tell running prose from page furniture without knowing
//! what the line says (length, function words, capitalisation, end punctuation, separators).
//!
//! Every rule in `classify` reads these numbers instead of re-scanning the text, so a line is
//! walked once. Nothing here decides anything; it only measures.

use std::sync::LazyLock;

/// The stopword list as a set of packed words (see [`pack`]): a lookup is one multiplication
/// and, mostly, one probe, cheaper than hashing a string or a binary search of the sorted
/// keys (whose unpredictable branches were a third of the cost of measuring a line).
static STOPWORDS: LazyLock<PackedSet> = LazyLock::new(|| {
    PackedSet::new(
        include_str!("../../data/boilerplate/stopwords_en.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(pack),
    )
});

/// A word of up to 16 bytes packed into an integer, first byte highest. Never 0 for a word
/// that starts with a letter or digit, which is what 0 marks an empty slot of [`PackedSet`].
fn pack(word: &str) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut key = 0u128;
    for b in word.bytes() {
        key = (key << 8) | u128::from(b);
    }
    Some(key)
}

/// An open-addressing hash set of packed words, built once: a power-of-two table at most a
/// quarter full, linear probing, 0 for an empty slot.
struct PackedSet {
    slots: Vec<u128>,
    shift: u32,
}

impl PackedSet {
    fn new(keys: impl Iterator<Item = u128>) -> PackedSet {
        let keys: Vec<u128> = keys.filter(|&k| k != 0).collect();
        let size = (keys.len() * 4).next_power_of_two().max(16);
        let mut set = PackedSet {
            slots: vec![0; size],
            shift: 64 - size.trailing_zeros(),
        };
        for k in keys {
            let mut i = set.slot(k);
            while set.slots[i] != 0 && set.slots[i] != k {
                i = (i + 1) & (size - 1);
            }
            set.slots[i] = k;
        }
        set
    }

    fn slot(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn contains(&self, key: u128) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            let k = self.slots[i];
            if k == key {
                return k != 0;
            }
            if k == 0 {
                return false;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Characters that join menu items and breadcrumbs.
pub fn is_separator(c: char) -> bool {
    matches!(
        c,
        '|' | '·' | '•' | '»' | '«' | '›' | '‹' | '¦' | '∙' | '◦' | '▪' | '►'
    )
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Shape {
    pub chars: usize,
    pub words: usize,
    /// Words with at least one letter.
    pub alpha_words: usize,
    /// Alphabetic words whose first letter is lower case.
    pub lower_words: usize,
    /// Alphabetic words whose first letter is upper case.
    pub cap_words: usize,
    /// Words written entirely in capitals (two letters or more).
    pub upper_words: usize,
    pub stop_words: usize,
    /// Words that mix letters and digits (`27T105503Z`, `4ab6b2`).
    pub mixed_words: usize,
    /// Ends like a sentence: `.`, `!`, `?` or `…`, possibly inside closing quotes or brackets.
    pub terminal: bool,
    /// Ends with a colon (a lead-in to a list or a label).
    pub colon_end: bool,
    /// Menu separators (`|`, `·`, `»`, ...) and ` > ` breadcrumb arrows.
    pub separators: usize,
    /// Sentence ends inside the line (`. ` followed by a capital).
    pub inner_stops: usize,
}

/// Whitespace as `char::is_whitespace` (and `split_whitespace`) sees it in ASCII: `\t`, `\n`,
/// vertical tab, form feed, `\r` and space. Not `u8::is_ascii_whitespace`, which leaves out
/// the vertical tab.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The words of `text` as `str::split_whitespace` gives them, found on bytes: ASCII bytes are
/// tested directly, and only a character that starts with a non-ASCII byte is decoded (to see
/// whether it is a no-break or other Unicode space).
struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Words<'a> {
    /// The length of the whitespace character at byte `i`, or 0 when it is not whitespace.
    fn space_at(&self, i: usize) -> usize {
        let b = self.text.as_bytes()[i];
        if b < 0x80 {
            usize::from(is_ascii_space(b))
        } else if b >= 0xC0 {
            // A lead byte: `i` is a character boundary.
            self.text[i..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8)
        } else {
            0
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        let mut i = self.pos;
        while i < len {
            match self.space_at(i) {
                0 => break,
                n => i += n,
            }
        }
        if i == len {
            self.pos = len;
            return None;
        }
        let start = i;
        while i < len && self.space_at(i) == 0 {
            i += 1;
        }
        self.pos = i;
        Some(&self.text[start..i])
    }
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        let text = text.trim();
        let ascii = text.is_ascii();
        let mut s = Shape {
            chars: if ascii {
                text.len()
            } else {
                text.chars().count()
            },
            ..Shape::default()
        };
        let mut prev_word_end_stop = false;
        if ascii {
            for word in text.as_bytes().split(|&b| is_ascii_space(b)) {
                if !word.is_empty() {
                    s.ascii_word(word, &mut prev_word_end_stop);
                }
            }
            s.separators += text.bytes().filter(|&b| b == b'|').count();
        } else {
            for word in (Words { text, pos: 0 }) {
                if word.is_ascii() {
                    s.ascii_word(word.as_bytes(), &mut prev_word_end_stop);
                } else {
                    s.word(word, &mut prev_word_end_stop);
                }
            }
            s.separators += text.chars().filter(|&c| is_separator(c)).count();
        }
        if text.contains('>') {
            s.separators += text.matches(" > ").count();
        }
        let end = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', ' ']);
        s.terminal = end.ends_with(['.', '!', '?', '…']);
        s.colon_end = end.ends_with(':');
        s
    }

    /// Counts one word of ASCII (most words): the measures of [`Shape::word`] taken on bytes,
    /// with no UTF-8 decoding and no Unicode tables. In ASCII the Unicode classes that `word`
    /// uses are their ASCII counterparts, and its curly quotes cannot occur.
    fn ascii_word(&mut self, word: &[u8], prev_word_end_stop: &mut bool) {
        self.words += 1;
        if *prev_word_end_stop && word[0].is_ascii_uppercase() {
            self.inner_stops += 1;
        }
        *prev_word_end_stop = matches!(word.last(), Some(b'.' | b'!' | b'?')) && {
            let stem_len = word
                .iter()
                .rposition(|b| !matches!(b, b'.' | b'!' | b'?' | b'"' | b'\'' | b')'))
                .map_or(0, |i| i + 1);
            let stem = &word[..stem_len];
            stem.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 4 && !stem.contains(&b'.')
        };
        let Some(start) = word.iter().position(u8::is_ascii_alphanumeric) else {
            return;
        };
        let end = word
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(start, |i| i + 1);
        let core = &word[start..end];
        let (mut letters, mut digits, mut uppers) = (0, 0, 0);
        let mut first_letter = None;
        for &b in core {
            if b.is_ascii_alphabetic() {
                letters += 1;
                first_letter.get_or_insert(b);
                if b.is_ascii_uppercase() {
                    uppers += 1;
                }
            } else if b.is_ascii_digit() {
                digits += 1;
            }
        }
        if letters > 0 && digits > 0 {
            self.mixed_words += 1;
        }
        let Some(first) = first_letter else {
            return;
        };
        self.alpha_words += 1;
        if first.is_ascii_lowercase() {
            self.lower_words += 1;
        } else {
            self.cap_words += 1;
        }
        if uppers >= 2 && uppers == letters {
            self.upper_words += 1;
        }
        if core.len() <= 10 {
            let mut key = 0u128;
            for &b in core {
                key = (key << 8) | u128::from(b.to_ascii_lowercase());
            }
            if STOPWORDS.contains(key) {
                self.stop_words += 1;
            }
        }
    }

    /// Counts one word of any text.
    fn word(&mut self, word: &str, prev_word_end_stop: &mut bool) {
        self.words += 1;
        if *prev_word_end_stop && word.chars().next().is_some_and(char::is_uppercase) {
            self.inner_stops += 1;
        }
        // An abbreviation (`U.S.`, `vs.`, `Gen.`) ends with a full stop but ends no sentence.
        *prev_word_end_stop = word.ends_with(['.', '!', '?']) && {
            let stem = word.trim_end_matches(['.', '!', '?', '"', '\'', '”', '’', ')']);
            stem.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !stem.contains('.')
        };
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let mut letters = 0;
        let mut digits = 0;
        let mut uppers = 0;
        for c in core.chars() {
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    uppers += 1;
                }
            } else if c.is_numeric() {
                digits += 1;
            }
        }
        if letters > 0 && digits > 0 {
            self.mixed_words += 1;
        }
        if letters == 0 {
            return;
        }
        self.alpha_words += 1;
        let first = core.chars().find(|c| c.is_alphabetic());
        if first.is_some_and(char::is_lowercase) {
            self.lower_words += 1;
        } else if first.is_some_and(char::is_uppercase) {
            self.cap_words += 1;
        }
        if uppers >= 2 && uppers == letters {
            self.upper_words += 1;
        }
        if core.len() <= 10 && core.is_ascii() {
            let mut key = 0u128;
            for b in core.bytes() {
                key = (key << 8) | u128::from(b.to_ascii_lowercase());
            }
            if STOPWORDS.contains(key) {
                self.stop_words += 1;
            }
        }
    }

    /// The plain measure the byte paths of [`Shape::of`] must agree with: every word split by
    /// `str::split_whitespace` and counted by the general [`Shape::word`].
    #[cfg(test)]
    fn of_reference(text: &str) -> Shape {
        let text = text.trim();
        let mut s = Shape {
            chars: text.chars().count(),
            ..Shape::default()
        };
        let mut prev_word_end_stop = false;
        for word in text.split_whitespace() {
            s.word(word, &mut prev_word_end_stop);
        }
        if text.contains('>') {
            s.separators += text.matches(" > ").count();
        }
        s.separators += text.chars().filter(|&c| is_separator(c)).count();
        let end = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', ' ']);
        s.terminal = end.ends_with(['.', '!', '?', '…']);
        s.colon_end = end.ends_with(':');
        s
    }

    pub fn stop_ratio(&self) -> f32 {
        self.stop_words as f32 / self.alpha_words.max(1) as f32
    }

    pub fn lower_ratio(&self) -> f32 {
        self.lower_words as f32 / self.alpha_words.max(1) as f32
    }

    /// Running prose: long enough, made of function words and lower-case words, ending like a
    /// sentence (or long enough that a missing full stop does not matter).
    pub fn is_prose(&self) -> bool {
        if self.separators > 1 || self.alpha_words < 6 {
            return false;
        }
        let english = self.stop_ratio() >= 0.18 && self.lower_ratio() >= 0.35;
        // Prose in another language has no English function words but is still mostly lower case.
        let foreign = self.lower_ratio() >= 0.6 && self.words >= 10;
        (english || foreign) && (self.terminal || self.words >= 12)
    }

    /// A short line that is nonetheless a sentence: `Golden State was led by Jackson with 32.`
    pub fn is_short_sentence(&self) -> bool {
        self.terminal
            && self.alpha_words >= 3
            && self.lower_words >= 2
            && self.separators == 0
            && (self.stop_words >= 1 || self.lower_ratio() >= 0.5)
    }

    /// Most words capitalised, as in headlines, menus and names.
    pub fn is_title_case(&self) -> bool {
        self.alpha_words > 0
            && (self.cap_words as f32) >= 0.6 * (self.alpha_words - self.stop_words).max(1) as f32
            && self.lower_words <= self.stop_words + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_and_furniture() {
        assert!(Shape::of("Russian President Vladimir Putin has warned that while Russia does not seek confrontation, it is ready.").is_prose());
        assert!(!Shape::of("Home | News | Sport | Weather").is_prose());
        assert!(!Shape::of("Chelsea hoping to sign Anelka before weekend").is_prose());
        assert!(Shape::of("Golden State was led by Stephen Jackson with 32.").is_short_sentence());
        assert!(Shape::of("Related Articles").is_title_case());
        let s = Shape::of("2023 11 27T105503Z 174275005 RC2ML4ARBVEY RTRMADP 3 RUSSIA VTB scaled");
        assert_eq!(s.mixed_words, 2);
        assert!(Shape::of("He said “no.”").terminal);
    }

    #[test]
    fn the_byte_paths_measure_as_the_reference() {
        for text in [
            "",
            " ",
            "\u{b}",
            "a\u{b}b\u{c}c\td\re",
            "Russian President Vladimir Putin has warned that while Russia does not seek confrontation, it is ready.",
            "Home | News | Sport | Weather",
            "Home > News > World > Story",
            "a>b > c > > d",
            "2023 11 27T105503Z 174275005 RC2ML4ARBVEY RTRMADP 3 RUSSIA VTB scaled",
            "U.S. troops left St. Petersburg. Gen. Smith said 3.5 percent. J. R. Ewing agreed!",
            "He said \"no.\" Then (he left.) Really?! 'Yes.' ... .. . !",
            "THE END. NATO and the UN met; it's 4ab6b2 vs. 12-10 (AP)*",
            "-- -- ... '' ' \"\" () [] ***",
            "Themselves THEMSELVES themselvesx the The tHe a I i 42nd x2 _the_ (of)",
            "Ends with a colon:",
            "Ends with a colon: ]*",
            "'quoted' \"(Quoted.)\"",
            "He said “no.” Then he left… “Really?” – Café’s NATO·News › Sport » Weather",
            "a\u{a0}b\u{2009}c\u{3000}d\u{85}e\u{1680}f\u{2028}g \u{202f} h\u{205f}",
            "\u{a0}Ünïcödé ÉCOLE École ＬＯＮＤＯＮ 東京 ２０２３年 x²³ Ⅻ ǅungla",
            "«Quote» ‹a› ¦ ∙ ◦ ▪ ► | • end…”",
            "Reuters’ U.S. staff. “They’re here.” ’Tis ÉTÉ’S",
        ] {
            assert_eq!(Shape::of(text), Shape::of_reference(text), "{text:?}");
        }
    }
}
