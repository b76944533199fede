//! One name per entity within a document, and the finished [`Mention`]s.
//!
//! People: a name that is the end of a longer person's name in the same document takes the
//! longer one (`Putin` → `Vladimir Putin`; with two Bidens, the one named last before it); a
//! lone given name takes the only full name that starts with it. Places take the lists'
//! canonical spelling (`U.S.`, `USA`, `America` → `United States`), demonyms their singular
//! (`Russians` → `Russian`). Organizations lose a leading article and take the full name an
//! acronym was introduced with (`... Organization (NATO)`). A name written in capitals in an
//! all-caps headline takes the body's spelling. Across documents, merging is the store's job.

use std::collections::{BTreeSet, HashMap};

use super::gazetteer::{GAZETTEER, PhraseKind};
use super::hash::IdentityMap;
use super::spans::{Found, Kind, key};
use super::tagger::Sequence;
use crate::document::{EntityKind, Mention};

fn entity_kind(kind: Kind) -> EntityKind {
    match kind {
        Kind::Person => EntityKind::Person,
        Kind::Organization => EntityKind::Organization,
        Kind::Location => EntityKind::Location,
        Kind::Nationality => EntityKind::Other("nationality".into()),
        Kind::Event => EntityKind::Other("event".into()),
        Kind::Misc => EntityKind::Other("misc".into()),
    }
}

/// Honorifics that are not part of a person's canonical name.
const HONORIFICS: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady", "Prof.",
];

fn clean(s: &str) -> String {
    // Nearly every name is already written with single spaces: then it is copied as is,
    // without splitting it into words first.
    let mut prev_space = true;
    let plain = s.chars().all(|c| {
        let ok = if c == ' ' {
            !prev_space
        } else {
            !c.is_whitespace()
        };
        prev_space = c == ' ';
        ok
    }) && !prev_space;
    if plain {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a found name as written, with single spaces.
fn written(seq: &Sequence, f: &Found) -> String {
    clean(&seq.text[seq.tokens[f.tokens.start].span.start..seq.tokens[f.tokens.end - 1].span.end])
}

/// The finished mentions, in document order.
pub fn mentions(
    seqs: &[Sequence],
    title: Option<usize>,
    found: &[Found],
    roles: &[Option<String>],
) -> Vec<Mention> {
    let texts: Vec<String> = found.iter().map(|f| written(&seqs[f.seq], f)).collect();
    let mut canon: Vec<String> = found
        .iter()
        .zip(&texts)
        .map(|(f, t)| first_guess(&seqs[f.seq], f, t))
        .collect();
    people(seqs, found, &mut canon);
    acronyms(seqs, found, &mut canon);
    national_forms(found, &mut canon);
    // Capitals take the spelling the body uses for the same words.
    let mut spelled: IdentityMap<usize> = IdentityMap::default();
    for (i, f) in found.iter().enumerate() {
        let seq = &seqs[f.seq];
        if !seq.tokens[f.tokens.clone()].iter().all(|t| t.all_caps) {
            spelled.entry(key(seq, f.tokens.clone())).or_insert(i);
        }
    }
    for i in 0..found.len() {
        let f = &found[i];
        let seq = &seqs[f.seq];
        if seq.tokens[f.tokens.clone()].iter().all(|t| t.all_caps)
            && texts[i].chars().filter(|c| c.is_alphabetic()).count() > 3
            && let Some(&j) = spelled.get(&key(seq, f.tokens.clone()))
            && found[j].kind == f.kind
        {
            canon[i] = canon[j].clone();
        }
    }
    // The names are moved into the mentions, not copied: nothing reads them after this.
    found
        .iter()
        .zip(texts)
        .zip(canon)
        .enumerate()
        .filter(|(_, (_, canonical))| !canonical.is_empty())
        .map(|(i, ((f, text), canonical))| {
            let seq = &seqs[f.seq];
            let span = (Some(f.seq) != title).then(|| {
                seq.tokens[f.tokens.start].span.start..seq.tokens[f.tokens.end - 1].span.end
            });
            Mention {
                span,
                text,
                kind: entity_kind(f.kind),
                canonical,
                role: roles.get(i).cloned().flatten(),
            }
        })
        .collect()
}

fn first_guess(seq: &Sequence, f: &Found, text: &str) -> String {
    match f.kind {
        Kind::Location | Kind::Nationality => {
            let lowers = &seq.lowers[f.tokens.clone()];
            match GAZETTEER.phrase(seq.text, &seq.tokens[f.tokens.clone()], lowers) {
                Some(p) if (p.kind == PhraseKind::Demonym) == (f.kind == Kind::Nationality) => {
                    p.canonical.to_string()
                }
                _ => strip_article(text),
            }
        }
        Kind::Person => {
            let mut words: Vec<&str> = text.split(' ').collect();
            while words.len() > 1 && HONORIFICS.contains(&words[0]) {
                words.remove(0);
            }
            words.join(" ")
        }
        Kind::Organization => {
            // A body the lists know by another spelling (`EU` → `European Union`).
            let lowers = &seq.lowers[f.tokens.clone()];
            match GAZETTEER.phrase(seq.text, &seq.tokens[f.tokens.clone()], lowers) {
                Some(p) if p.kind == PhraseKind::Place && p.major => p.canonical.to_string(),
                _ => strip_article(text),
            }
        }
        _ => strip_article(text),
    }
}

fn strip_article(text: &str) -> String {
    for a in ["the ", "The ", "THE "] {
        if let Some(rest) = text.strip_prefix(a)
            && !rest.is_empty()
        {
            return rest.to_string();
        }
    }
    text.to_string()
}

/// Short forms of people's names take the full name (see the module comment).
fn people(seqs: &[Sequence], found: &[Found], canon: &mut [String]) {
    // Token hashes of each person's canonical name.
    let words = |i: usize| -> Vec<u64> {
        let f = &found[i];
        let seq = &seqs[f.seq];
        let n_words = canon[i].split(' ').count();
        let skip = f.tokens.len().saturating_sub(n_words);
        seq.info[f.tokens.start + skip..f.tokens.end]
            .iter()
            .map(|x| x.lower)
            .collect()
    };
    let people: Vec<(usize, Vec<u64>)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == Kind::Person)
        .map(|(i, _)| (i, words(i)))
        .collect();
    // Full names by their last and first word: only those can be the fuller form of a name.
    let mut by_word: IdentityMap<Vec<usize>> = IdentityMap::default();
    for (k, (_, v)) in people.iter().enumerate() {
        if v.len() > 1 {
            by_word.entry(v[v.len() - 1]).or_default().push(k);
            if v[0] != v[v.len() - 1] {
                by_word.entry(v[0]).or_default().push(k);
            }
        }
    }
    let no_candidates = Vec::new();
    let mut new = Vec::new();
    for (i, w) in &people {
        let Some(last) = w.last() else { continue };
        // Longer names that end with this one; among several, the nearest before it.
        let mut best: Option<(usize, usize)> = None; // (index, length)
        let candidates = by_word.get(last).unwrap_or(&no_candidates);
        for (j, v) in candidates.iter().map(|&k| (&people[k].0, &people[k].1)) {
            let longer = v.len() > w.len();
            let ends_with = longer && v[v.len() - w.len()..] == w[..];
            let given_name = longer && w.len() == 1 && v[0] == w[0];
            if !(ends_with || given_name) {
                continue;
            }
            let before = *j < *i;
            let better = match best {
                None => true,
                Some((b, len)) => {
                    let b_before = b < *i;
                    (before && !b_before)
                        || (before == b_before && (v.len() > len || before && *j > b))
                }
            };
            if better {
                best = Some((*j, v.len()));
            }
        }
        // A lone given name joins a full name only when no other full name starts with it.
        if let Some((j, _)) = best {
            let full: Vec<&(usize, Vec<u64>)> = candidates.iter().map(|&k| &people[k]).collect();
            if w.len() == 1 && full.iter().any(|(_, v)| v[0] == w[0]) {
                let full_with_surname = full.iter().any(|(_, v)| v[v.len() - 1] == w[0]);
                let starts: Vec<&String> = full
                    .iter()
                    .filter(|(_, v)| v[0] == w[0])
                    .map(|(k, _)| &canon[*k])
                    .collect();
                if !full_with_surname && starts.iter().any(|c| **c != canon[j]) {
                    continue;
                }
            }
            new.push((*i, j));
        }
    }
    for (i, j) in new {
        canon[i] = canon[j].clone();
    }
}

/// `Northern Fleet` and `Russian Northern Fleet` in one document are one organization: the
/// name with the nationality or country in front, the fuller one.
fn national_forms(found: &[Found], canon: &mut [String]) {
    // Sorted, so that a short name two fuller names claim (`United`: `Manchester United`,
    // `Man United`) goes to the same one in every run: the longer, then the first in order.
    let orgs: BTreeSet<&str> = (0..found.len())
        .filter(|&i| found[i].kind == Kind::Organization)
        .map(|i| canon[i].as_str())
        .collect();
    // Short name → the fuller name with a place or nationality in front.
    let mut fuller: HashMap<String, String> = HashMap::new();
    for &long in &orgs {
        for (k, _) in long.match_indices(' ') {
            let (prefix, short) = (&long[..k], &long[k + 1..]);
            let prefix = prefix.trim_end_matches("'s").trim_end_matches("’s");
            if orgs.contains(short) && GAZETTEER.place_of(prefix).is_some() {
                let claimed = fuller.entry(short.to_string()).or_default();
                if long.len() > claimed.len() {
                    *claimed = long.to_string();
                }
                break;
            }
        }
    }
    if fuller.is_empty() {
        return;
    }
    for (i, f) in found.iter().enumerate() {
        if f.kind == Kind::Organization
            && let Some(long) = fuller.get(&canon[i])
        {
            canon[i] = long.clone();
        }
    }
}

/// `North Atlantic Treaty Organization (NATO)`: the acronym takes the full name.
fn acronyms(seqs: &[Sequence], found: &[Found], canon: &mut [String]) {
    let mut expansions: IdentityMap<String> = IdentityMap::default();
    for f in found {
        if f.kind != Kind::Organization {
            continue;
        }
        let seq = &seqs[f.seq];
        let e = f.tokens.end;
        if e + 2 < seq.tokens.len()
            && seq.word(e) == "("
            && seq.word(e + 2) == ")"
            && seq.tokens[e + 1].all_caps
            && f.tokens.len() >= 2
        {
            expansions.insert(seq.info[e + 1].lower, written(seq, f));
        }
    }
    if expansions.is_empty() {
        return;
    }
    for (i, f) in found.iter().enumerate() {
        if f.kind == Kind::Organization && f.tokens.len() == 1 {
            let seq = &seqs[f.seq];
            if let Some(full) = expansions.get(&seq.info[f.tokens.start].lower) {
                canon[i] = strip_article(full);
            }
        }
    }
}
