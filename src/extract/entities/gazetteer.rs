//! The word lists in `data/entities/`, compiled in and looked up by hashed token sequences.
//!
//! Places (countries, cities, regions), demonyms, given names, surnames, organization words,
//! role titles, days and months. They serve twice: as features for the tagger (a name it never
//! saw in training is still recognisably a city or a given name) and as the authority for a
//! place's canonical name (`U.S.` → `United States`) and a demonym's kind (`Russian` is a
//! nationality, not a location). Which lists exist and where they come from is in
//! `data/README.md`; how they were generated is in `data/entities/make_gazetteers.py`.
//!
//! Phrases are keyed by a hash over their tokens' lowercase hashes, so matching a run of
//! tokens costs one map look-up per length and allocates nothing.

use std::sync::LazyLock;

use super::hash::{self, IdentityMap};
use super::tokens::{self, Token};

/// What a phrase in the lists names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    Country,
    Place,
    Demonym,
    Organization,
}

#[derive(Debug, Clone, Copy)]
pub struct Phrase {
    pub kind: PhraseKind,
    /// The name every spelling of this place (or demonym) is stored under.
    pub canonical: &'static str,
    /// Written in capitals in the list (`US`, `EU`): matches only capitals in the text, so
    /// that the pronoun `us` is not the United States.
    pub acronym: bool,
    /// From the hand-kept list or the list of countries: a place news names far more often
    /// than any person or thing of the same name (`Washington`).
    pub major: bool,
}

/// Bits of [`Gazetteer::word_class`].
pub mod word {
    pub const GIVEN: u32 = 1;
    pub const SURNAME: u32 = 1 << 1;
    pub const ORG: u32 = 1 << 2;
    pub const ROLE_HEAD: u32 = 1 << 3;
    pub const ROLE_MOD: u32 = 1 << 4;
    pub const NOT_NAME: u32 = 1 << 5;
    /// An ordinary English word when written in lowercase (`smart`, `troops`).
    pub const COMMON: u32 = 1 << 6;
    /// A day of the week or a month.
    pub const TIME: u32 = 1 << 7;
}

pub struct Gazetteer {
    words: IdentityMap<u32>,
    phrases: IdentityMap<Phrase>,
    /// The most tokens of a phrase that starts with a word, by the word's lowercase hash:
    /// most capitalized words start no phrase, and one look-up says so.
    starts: IdentityMap<u8>,
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

const COUNTRIES: &str = include_str!("../../../data/entities/countries.tsv");
const LOCATIONS_EXTRA: &str = include_str!("../../../data/entities/locations_extra.tsv");
const PLACES: &str = include_str!("../../../data/entities/places.tsv");
const DEMONYMS: &str = include_str!("../../../data/entities/demonyms.tsv");
const DEMONYMS_EXTRA: &str = include_str!("../../../data/entities/demonyms_extra.tsv");
const GIVEN_NAMES: &str = include_str!("../../../data/entities/given_names.txt");
const SURNAMES: &str = include_str!("../../../data/entities/surnames.txt");
const ORG_WORDS: &str = include_str!("../../../data/entities/org_words.txt");
const ROLES: &str = include_str!("../../../data/entities/roles.txt");
const ORGANIZATIONS: &str = include_str!("../../../data/entities/organizations.txt");
const COMMON_WORDS: &str = include_str!("../../../data/entities/common_words.txt");
const NOT_NAMES: &str = include_str!("../../../data/entities/not_names.txt");
const TIME_WORDS: &str = include_str!("../../../data/entities/time_words.txt");

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The plural a demonym takes as a noun (`Russians`, `Israelis`), if it has one.
fn plural(demonym: &str) -> Option<String> {
    let last = demonym.chars().next_back()?;
    if demonym.ends_with("ese") || matches!(last, 'h' | 's' | 'x' | 'z') {
        None
    } else {
        Some(format!("{demonym}s"))
    }
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut g = Gazetteer {
            words: IdentityMap::default(),
            phrases: IdentityMap::default(),
            starts: IdentityMap::default(),
        };
        let mut add_word = |w: &str, bit: u32| {
            *g.words.entry(hash::lower(w)).or_insert(0) |= bit;
        };
        for l in data_lines(GIVEN_NAMES) {
            add_word(l, word::GIVEN);
        }
        for l in data_lines(SURNAMES) {
            add_word(l, word::SURNAME);
        }
        for l in data_lines(ORG_WORDS) {
            add_word(l, word::ORG);
        }
        for l in data_lines(COMMON_WORDS) {
            add_word(l, word::COMMON);
        }
        for l in data_lines(NOT_NAMES) {
            add_word(l, word::NOT_NAME);
        }
        for l in data_lines(TIME_WORDS) {
            add_word(l, word::TIME);
        }
        for l in data_lines(ROLES) {
            let mut cols = l.split('\t');
            let (w, class) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
            add_word(
                w,
                if class == "head" {
                    word::ROLE_HEAD
                } else {
                    word::ROLE_MOD
                },
            );
        }
        // Hand-kept lists first: the first claim on a spelling wins. A hand-kept spelling of a
        // country (`U.S.`) is a country too.
        let countries: Vec<&str> = data_lines(COUNTRIES)
            .map(|l| l.split('\t').next().unwrap_or(""))
            .collect();
        for (text, kind) in [
            (LOCATIONS_EXTRA, PhraseKind::Place),
            (COUNTRIES, PhraseKind::Country),
        ] {
            for l in data_lines(text) {
                let mut cols = l.split('\t');
                let canonical = cols.next().unwrap_or("");
                let kind = if countries.contains(&canonical) {
                    PhraseKind::Country
                } else {
                    kind
                };
                g.add(canonical, kind, canonical, true);
                for alias in cols.next().unwrap_or("").split('|') {
                    g.add(alias, kind, canonical, true);
                }
            }
        }
        // Demonyms before the generated places: `Western` is an adjective, not a province.
        for text in [DEMONYMS_EXTRA, DEMONYMS] {
            for l in data_lines(text) {
                let demonym = l.split('\t').next().unwrap_or("");
                g.add_phrase(demonym, PhraseKind::Demonym, demonym);
                if let Some(p) = plural(demonym) {
                    g.add_phrase(&p, PhraseKind::Demonym, demonym);
                }
            }
        }
        for l in data_lines(ORGANIZATIONS) {
            g.add_phrase(l, PhraseKind::Organization, l);
        }
        for l in data_lines(PLACES) {
            let name = l.split('\t').next().unwrap_or("");
            g.add_phrase(name, PhraseKind::Place, name);
        }
        g
    }

    fn add_phrase(&mut self, text: &str, kind: PhraseKind, canonical: &'static str) {
        self.add(text, kind, canonical, false);
    }

    fn add(&mut self, text: &str, kind: PhraseKind, canonical: &'static str, major: bool) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let mut toks = Vec::new();
        tokens::tokenize(text, 0, &mut toks);
        if toks.is_empty() {
            return;
        }
        let key = phrase_key(toks.iter().map(|t| hash::lower(&text[t.span.clone()])));
        let acronym = toks.len() == 1 && toks[0].all_caps && text.len() <= 6;
        let longest = self
            .starts
            .entry(hash::lower(&text[toks[0].span.clone()]))
            .or_insert(0);
        *longest = (*longest).max(toks.len().min(u8::MAX as usize) as u8);
        self.phrases.entry(key).or_insert(Phrase {
            kind,
            canonical,
            acronym,
            major,
        });
    }

    /// The word-class bits of a token given its lowercase hash.
    pub fn word_class(&self, lower_hash: u64) -> u32 {
        self.words.get(&lower_hash).copied().unwrap_or(0)
    }

    /// The entry for exactly this run of tokens, if the lists hold it as written.
    pub fn phrase(&self, text: &str, toks: &[Token], lower_hashes: &[u64]) -> Option<Phrase> {
        let first = toks.first()?;
        if !first.init_cap && !text[first.span.clone()].starts_with(char::is_numeric) {
            return None;
        }
        let p = *self
            .phrases
            .get(&phrase_key(lower_hashes.iter().copied()))?;
        if p.acronym && !(toks.len() == 1 && first.all_caps) {
            return None;
        }
        Some(p)
    }

    /// The longest phrase of the lists that starts at token `i`: (token count, entry).
    pub fn longest_at(
        &self,
        text: &str,
        toks: &[Token],
        lower_hashes: &[u64],
        i: usize,
    ) -> Option<(usize, Phrase)> {
        if !toks[i].init_cap {
            return None;
        }
        let longest = *self.starts.get(&lower_hashes[i])? as usize;
        let max = longest.min(toks.len() - i);
        (1..=max).rev().find_map(|n| {
            self.phrase(text, &toks[i..i + n], &lower_hashes[i..i + n])
                .map(|p| (n, p))
        })
    }

    /// The canonical place for a name as a whole (`U.S.` → `United States`).
    pub fn place_of(&self, name: &str) -> Option<Phrase> {
        let mut toks = Vec::new();
        tokens::tokenize(name, 0, &mut toks);
        let hashes: Vec<u64> = toks
            .iter()
            .map(|t| hash::lower(&name[t.span.clone()]))
            .collect();
        self.phrase(name, &toks, &hashes)
    }
}

fn phrase_key(hashes: impl Iterator<Item = u64>) -> u64 {
    hashes.fold(0x5155_2e54_4f4b_454e, hash::combine)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_demonyms_and_words() {
        let g = &*GAZETTEER;
        let us = g.place_of("U.S.").expect("U.S.");
        assert_eq!(
            (us.kind, us.canonical),
            (PhraseKind::Country, "United States")
        );
        assert_eq!(g.place_of("USA").unwrap().canonical, "United States");
        assert!(g.place_of("us").is_none());
        assert_eq!(g.place_of("Russia").unwrap().kind, PhraseKind::Country);
        let r = g.place_of("Russians").unwrap();
        assert_eq!((r.kind, r.canonical), (PhraseKind::Demonym, "Russian"));
        assert_eq!(
            g.place_of("St. Petersburg").unwrap().canonical,
            "Saint Petersburg"
        );
        assert!(g.word_class(hash::lower("Vladimir")) & word::GIVEN != 0);
        assert!(g.word_class(hash::lower("Ministry")) & word::ORG != 0);
        assert!(g.word_class(hash::lower("spokesman")) & word::ROLE_HEAD != 0);
    }
}
