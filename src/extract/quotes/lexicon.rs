//! The word lists the quote extractor reads, compiled in from `data/quotes/` and parsed once.
//!
//! The lists say which words report speech (and how they take their content), which words name
//! an office or a kind of source, and which words mark titles and organizations. Everything
//! here is a lookup by lower-case word; the grammar that uses the answers lives in the other
//! modules. Keeping the words in plain files lets them be reviewed (and their sources stated in
//! `data/README.md`) apart from the code.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// How a reporting verb behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verb {
    /// A verb of saying: may introduce a direct quote, not only reported content.
    pub speech: bool,
    /// May take its content without "that".
    pub bare: bool,
    /// Takes the addressee before the content ("told reporters that").
    pub obj: bool,
    /// May take a noun phrase or an infinitive as its content ("criticized the plan",
    /// "called for a recount", "urged voters to stay home").
    pub np: bool,
    /// The `-ing` form, which has no subject of its own ("..., saying that").
    pub ing: bool,
}

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounKind {
    Person,
    Group,
    Any,
}

pub struct Lexicon {
    verbs: HashMap<&'static str, Verb>,
    /// Every verb form and "according to", to tell in one pass whether a paragraph can hold
    /// reported speech at all.
    cue_finder: aho_corasick::AhoCorasick,
    /// Role word (multi-word titles joined by `_`) → its group name.
    roles: HashMap<&'static str, &'static str>,
    sources: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    orgs: HashSet<&'static str>,
    pronouns: HashMap<&'static str, PronounKind>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// Lines of a word-list file without comments and blank lines.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut verbs = HashMap::default();
        for line in lines(include_str!("../../../data/quotes/reporting_verbs.txt")) {
            let (forms, flags) = line.split_once('|').unwrap_or((line, ""));
            let flags: Vec<&str> = flags.split_whitespace().collect();
            for form in forms.split_whitespace() {
                verbs.insert(
                    form,
                    Verb {
                        speech: flags.contains(&"speech"),
                        bare: flags.contains(&"bare"),
                        obj: flags.contains(&"obj"),
                        np: flags.contains(&"np"),
                        ing: form.ends_with("ing"),
                    },
                );
            }
        }
        let mut roles = HashMap::default();
        for line in lines(include_str!("../../../data/quotes/roles.txt")) {
            if let Some((group, words)) = line.split_once(':') {
                for w in words.split_whitespace() {
                    roles.entry(w).or_insert(group.trim());
                }
            }
        }
        let words = |text: &'static str| -> HashSet<&'static str> {
            lines(text).flat_map(str::split_whitespace).collect()
        };
        let mut pronouns = HashMap::default();
        for line in lines(include_str!("../../../data/quotes/pronouns.txt")) {
            let mut it = line.split_whitespace();
            if let (Some(w), Some(k)) = (it.next(), it.next()) {
                let kind = match k {
                    "person" => PronounKind::Person,
                    "group" => PronounKind::Group,
                    _ => PronounKind::Any,
                };
                pronouns.insert(w, kind);
            }
        }
        let mut patterns: Vec<&str> = verbs.keys().copied().collect();
        patterns.push("according to");
        let cue_finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .expect("the reporting-verb lexicon compiles");
        Lexicon {
            verbs,
            cue_finder,
            roles,
            sources: words(include_str!("../../../data/quotes/source_nouns.txt")),
            titles: words(include_str!("../../../data/quotes/titles.txt")),
            orgs: words(include_str!("../../../data/quotes/org_words.txt")),
            pronouns,
        }
    }

    /// The reporting verb `lower` (a lower-case word), if it is one.
    pub fn verb(&self, lower: &str) -> Option<Verb> {
        self.verbs.get(lower).copied()
    }

    /// Does `text` contain a reporting verb (or "according to") as a whole word?
    pub fn has_cue(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        self.cue_finder.find_overlapping_iter(text).any(|m| {
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
    }

    /// The role group of one lower-case word or `_`-joined title ("prime_minister").
    pub fn role_group(&self, lower: &str) -> Option<&'static str> {
        self.roles.get(lower).copied()
    }

    pub fn is_role(&self, lower: &str) -> bool {
        self.roles.contains_key(lower)
    }

    /// A noun that can head a speaker's description ("source", "officials", "minister").
    pub fn is_source_noun(&self, lower: &str) -> bool {
        self.sources.contains(lower) || self.roles.contains_key(lower)
    }

    /// An honorific or abbreviation written with a full stop that does not end a sentence
    /// (`lower` without the stop).
    pub fn is_title(&self, lower: &str) -> bool {
        self.titles.contains(lower)
    }

    pub fn is_org_word(&self, lower: &str) -> bool {
        self.orgs.contains(lower)
    }

    pub fn pronoun(&self, lower: &str) -> Option<PronounKind> {
        self.pronouns.get(lower).copied()
    }

    /// The group of the last role word in `text` ("Russian President" → `leader`), trying
    /// two-word titles before single words so that "Prime Minister" is a leader.
    pub fn role_group_of(&self, text: &str) -> Option<&'static str> {
        let words: Vec<String> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        for i in (0..words.len()).rev() {
            if i > 0 {
                let pair = format!("{}_{}", words[i - 1], words[i]);
                if let Some(g) = self.role_group(&pair) {
                    return Some(g);
                }
            }
            if let Some(g) = self.role_group(&words[i]) {
                return Some(g);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer() {
        let lx = &*LEXICON;
        let said = lx.verb("said").unwrap();
        assert!(said.speech && said.bare && !said.ing);
        assert!(lx.verb("telling").unwrap().ing);
        assert!(lx.verb("told").unwrap().obj);
        assert!(!lx.verb("believes").unwrap().speech);
        assert!(lx.verb("criticized").unwrap().np && !lx.verb("criticized").unwrap().speech);
        assert_eq!(lx.role_group_of("Russian President"), Some("leader"));
        assert_eq!(lx.role_group_of("Prime Minister"), Some("leader"));
        assert_eq!(lx.role_group_of("Defense Minister"), Some("minister"));
        assert_eq!(
            lx.role_group_of("Russia's new ambassador to the United Kingdom"),
            Some("ambassador")
        );
        assert!(lx.is_title("mr") && lx.is_source_noun("officials") && lx.is_org_word("ministry"));
        assert_eq!(lx.pronoun("she"), Some(PronounKind::Person));
    }
}
