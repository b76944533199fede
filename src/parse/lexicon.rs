//! The small vocabularies of page furniture (`data/boilerplate/lexicon.txt`) and of news
//! agencies (`data/boilerplate/wire_services.txt`), compiled once into Aho-Corasick automata.
//!
//! A line counts as furniture only when lexicon phrases, matched on word boundaries, cover most
//! of its letters: "Share this article" is a widget, "Shares in BP fell" is not. Deciding what
//! to do with a match is left to `classify`.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The groups of the lexicon file, each tied to a drop reason by `classify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    Widget,
    /// Comment forms and headings: what follows them is readers' comments.
    Comments,
    Navigation,
    Related,
    Footer,
    /// Calls to action ("click here", "sign up"): furniture only in a sentence to the reader.
    Call,
    /// What a site says about itself ("not responsible for the content of external sites"):
    /// one such phrase makes a line a footer, however long.
    Disclaimer,
    /// The rules and notices of a comment section ("comment entries are limited"): one such
    /// phrase makes a line the start of the comments.
    CommentPolicy,
}

struct Lexicon {
    automaton: AhoCorasick,
    kinds: Vec<Furniture>,
}

/// The lexicon's phrases of the given kinds, compiled into one automaton.
fn compile(wanted: &[Furniture]) -> Lexicon {
    let mut phrases = Vec::new();
    let mut kinds = Vec::new();
    let mut current = None;
    for line in include_str!("../../data/boilerplate/lexicon.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = match section {
                "widget" => Some(Furniture::Widget),
                "comments" => Some(Furniture::Comments),
                "navigation" => Some(Furniture::Navigation),
                "related" => Some(Furniture::Related),
                "footer" => Some(Furniture::Footer),
                "calls" => Some(Furniture::Call),
                "disclaimer" => Some(Furniture::Disclaimer),
                "comment-policy" => Some(Furniture::CommentPolicy),
                _ => None,
            };
            continue;
        }
        if let Some(kind) = current.filter(|k| wanted.contains(k)) {
            phrases.push(line.to_string());
            kinds.push(kind);
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&phrases)
        .expect("the lexicon compiles");
    Lexicon { automaton, kinds }
}

/// The kinds of the furniture vocabulary proper, in the order of their discriminants (which
/// [`furniture`] uses as indexes).
const FURNITURE_KINDS: [Furniture; 6] = [
    Furniture::Widget,
    Furniture::Comments,
    Furniture::Navigation,
    Furniture::Related,
    Furniture::Footer,
    Furniture::Call,
];

/// The furniture vocabulary proper, searched in short lines.
static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| compile(&FURNITURE_KINDS));

/// A site's statements about itself, searched in lines of any length: a small automaton of
/// its own, so that long lines do not pay for the whole vocabulary.
static STATEMENTS: LazyLock<Lexicon> =
    LazyLock::new(|| compile(&[Furniture::Disclaimer, Furniture::CommentPolicy]));

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// A match must not cut a word: its neighbours are not letters, or the page glued two widgets
/// together (`Email to a friendPrinter friendly`), which shows as a lower-to-upper case step.
fn on_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    let left = match before {
        None => true,
        Some(b) => {
            !b.is_alphanumeric() || (b.is_lowercase() && first.is_some_and(char::is_uppercase))
        }
    };
    let right = match after {
        None => true,
        Some(a) => {
            !a.is_alphanumeric() || (a.is_uppercase() && last.is_some_and(char::is_lowercase))
        }
    };
    left && right
}

/// The furniture kind that covers most of `text`, with the share of letters covered.
pub fn furniture(text: &str) -> Option<(Furniture, f32)> {
    let total = letters(text);
    if total == 0 {
        return None;
    }
    let lex = &*LEXICON;
    let mut covered = [0usize; FURNITURE_KINDS.len()];
    let mut call = false;
    for m in lex.automaton.find_iter(text) {
        if !on_boundary(text, m.start(), m.end()) {
            continue;
        }
        let kind = lex.kinds[m.pattern().as_usize()];
        if kind == Furniture::Call {
            call = true;
            continue;
        }
        covered[kind as usize] += letters(&text[m.start()..m.end()]);
    }
    let sum: usize = covered.iter().sum();
    if sum == 0 {
        return call.then_some((Furniture::Call, 0.0));
    }
    let (best, _) = covered
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, usize::MAX - i))
        .expect("six kinds");
    let kind = FURNITURE_KINDS[best];
    Some((kind, sum as f32 / total as f32))
}

/// The first disclaimer or comment-policy phrase in `text`, if any.
pub fn site_statement(text: &str) -> Option<Furniture> {
    let lex = &*STATEMENTS;
    lex.automaton
        .find_iter(text)
        .find(|m| on_boundary(text, m.start(), m.end()))
        .map(|m| lex.kinds[m.pattern().as_usize()])
}

/// Whether `text` contains a call to action from the lexicon.
pub fn has_call(text: &str) -> bool {
    let lex = &*LEXICON;
    lex.automaton.find_iter(text).any(|m| {
        lex.kinds[m.pattern().as_usize()] == Furniture::Call
            && on_boundary(text, m.start(), m.end())
    })
}

struct Agencies {
    automaton: AhoCorasick,
    names: Vec<&'static str>,
}

static AGENCIES: LazyLock<Agencies> = LazyLock::new(|| {
    let mut spellings = Vec::new();
    let mut names = Vec::new();
    for line in include_str!("../../data/boilerplate/wire_services.txt").lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, forms)) = line.split_once('\t') else {
            continue;
        };
        for form in forms.split(',') {
            spellings.push(form.trim());
            names.push(name.trim());
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&spellings)
        .expect("the agency list compiles");
    Agencies { automaton, names }
});

/// News agencies named in `text` as whole words, canonical names in order of first mention.
pub fn agencies(text: &str) -> Vec<&'static str> {
    let ag = &*AGENCIES;
    let mut out: Vec<&'static str> = Vec::new();
    for m in ag.automaton.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let name = ag.names[m.pattern().as_usize()];
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_needs_whole_words() {
        let (k, c) = furniture("Print this article Email this article").unwrap();
        assert_eq!(k, Furniture::Widget);
        assert!(c > 0.99);
        let (_, c) = furniture("Email to a friendPrinter friendly").unwrap();
        assert!(c > 0.99);
        assert!(furniture("Shareholders").is_none());
        let (_, c) = furniture("Shares in BP fell sharply on Monday").unwrap();
        assert!(c < 0.3);
    }

    #[test]
    fn agencies_by_whole_word() {
        assert_eq!(agencies("Reuters and AFP contributed"), ["Reuters", "AFP"]);
        assert!(agencies("APPLE").is_empty());
    }
}
