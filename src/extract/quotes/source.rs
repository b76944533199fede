//! Who is speaking: the noun phrase that is the subject of a reporting verb.
//!
//! Without a parser, a speaker is found the way a reader scans for it: the words just before
//! the cue ("Putin told", "a senior official said", "Poland’s foreign minister, Radoslaw
//! Sikorski, also mentioned"), the words just after an inverted cue ("said John Kirby"), or the
//! subject that opens the sentence for a cue without one of its own ("..., saying: “"). A
//! phrase counts as a speaker only if it starts at a clause boundary (the start of a sentence,
//! a comma, a conjunction), which keeps objects ("rejected U.S. claims that") out. Shares of a
//! surveyed group speak for it ("One in three said", "24 percent said"). When nothing else
//! fits, a short run of plain words opening the sentence is the speaker as written ("People
//! briefed on the talks said"). Resolving the phrase to an entity is `resolve`'s job.

use super::lexicon::{LEXICON, PronounKind};
use super::text::{Kind, Para};
use crate::extract::numbers::NUMBER_WORDS;

/// What a speaker phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpClass {
    Pronoun(PronounKind),
    /// Headed by a capitalized word: a name, an organization, a country.
    Name,
    /// Headed by a lower-case noun: "the minister", "a source", "analysts".
    Description,
}

/// A speaker phrase: token range, and within it the name and the role when both are there
/// ("Russian President" + "Vladimir Putin").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Np {
    pub first: usize,
    pub last: usize,
    pub class: NpClass,
    /// Tokens of the name proper (without leading role words and honorifics).
    pub name: Option<(usize, usize)>,
    /// Tokens of a role or description attached to the name (before it or in apposition).
    pub role: Option<(usize, usize)>,
}

impl Np {
    /// Tokens `first..=last` that describe a source without naming it (`the fire chief`,
    /// `One in three voters`): the whole phrase is its role.
    fn description(first: usize, last: usize) -> Np {
        Np {
            first,
            last,
            class: NpClass::Description,
            name: None,
            role: Some((first, last)),
        }
    }
}

/// Words that never belong to a speaker phrase: they end the backward scan.
static FUNCTION: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "why",
    "how",
    "while",
    "if",
    "because",
    "as",
    "and",
    "but",
    "or",
    "nor",
    "so",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "into",
    "onto",
    "about",
    "after",
    "before",
    "than",
    "then",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "not",
    "no",
    "there",
    "here",
    "this",
    "these",
    "those",
    "such",
    "also",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "him",
    "her",
    "them",
    "us",
    "me",
    "over",
    "under",
    "during",
    "since",
    "until",
    "against",
    "without",
    "within",
    "through",
    "via",
    "per",
    "up",
    "out",
    "off",
    "just",
    "even",
    "still",
    "yet",
    "however",
    "although",
    "though",
    "whether",
    "very",
    "too",
    "more",
    "less",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "according",
    "like",
    "unlike",
    "among",
    "between",
    "despite",
    "amid",
    "following",
    "including",
    "toward",
    "towards",
    "across",
    "behind",
    "beyond",
    "near",
    "around",
    "upon",
    "inside",
    "outside",
    "throughout",
    "except",
    "regarding",
    "concerning",
    "along",
    "above",
    "below",
    "beneath",
    "beside",
    "besides",
    "past",
    "versus",
    "whom",
    "whose",
    "whether",
    "instead",
    "rather",
    "either",
    "neither",
    "each",
    "every",
];

/// Prepositions and other words that cannot open a clause of reported content or follow a
/// term used as a modifier.
pub static PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "to", "of", "for", "with", "about", "during", "after", "before", "by",
    "from", "as", "into", "over", "through", "since", "until", "via", "against", "between",
    "among", "across", "despite", "amid", "toward", "towards", "within", "without", "under",
    "around", "near", "behind", "beyond", "upon", "along", "than", "like", "and", "or", "but",
    "that", "when", "while", "if", "because", "is", "was", "are", "were", "so",
];

/// Words that may open a speaker phrase.
static DETERMINERS: &[&str] = &[
    "the", "a", "an", "another", "some", "many", "most", "several", "both", "all", "two", "three",
    "four", "five", "other", "one", "his", "her", "their", "our", "its", "my", "your", "few",
    "numerous", "top", "senior",
];

/// Words inside a name that are not capitalized ("Ministry of Defense", "Charles de Gaulle").
static NAME_JOINERS: &[&str] = &[
    "of", "for", "de", "la", "le", "van", "von", "der", "den", "al", "bin", "da", "di", "du",
];

/// Words that may stand between a subject and its verb ("Putin has also repeatedly said").
static AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "will",
    "would",
    "again",
    "once",
    "later",
    "then",
    "further",
    "recently",
    "reportedly",
    "previously",
    "earlier",
    "now",
    "already",
    "just",
    "often",
    "first",
    "initially",
    "finally",
    "alone",
    "all",
    "both",
    "repeatedly",
    "long",
    "consistently",
    "frequently",
    "always",
    "never",
    "not",
    "only",
    "specifically",
    "explicitly",
    "flatly",
    "publicly",
    "privately",
    "separately",
    "had",
    "could",
    "might",
    "may",
    "can",
    "did",
    "does",
    "do",
    "still",
    "even",
    "too",
    "yesterday",
    "today",
    "subsequently",
    "similarly",
    "likewise",
    "meanwhile",
];

/// Words before a subject that show it starts a clause.
static BOUNDARY_WORDS: &[&str] = &[
    "and",
    "but",
    "or",
    "while",
    "as",
    "because",
    "that",
    "which",
    "when",
    "where",
    "although",
    "though",
    "since",
    "if",
    "so",
    "after",
    "before",
    "yet",
    "then",
    "meanwhile",
    "however",
    "now",
    "whereas",
    "with",
    "who",
    "also",
    "where",
    "until",
    "once",
];

/// Capitalized words that open a sentence without being part of a name.
static SENTENCE_ADVERBS: &[&str] = &[
    "however",
    "meanwhile",
    "but",
    "and",
    "yet",
    "still",
    "also",
    "now",
    "then",
    "earlier",
    "later",
    "yesterday",
    "today",
    "instead",
    "furthermore",
    "moreover",
    "separately",
    "previously",
    "finally",
    "first",
    "last",
    "so",
    "thus",
    "indeed",
    "again",
    "in",
    "on",
    "at",
    "when",
    "while",
    "after",
    "before",
    "since",
    "as",
    "if",
    "although",
    "though",
    "because",
    "the",
    "a",
    "an",
];

/// Word lists of this module as hash sets, built once: the scans below ask thousands of
/// times per article.
static SETS: std::sync::LazyLock<
    rustc_hash::FxHashMap<usize, rustc_hash::FxHashSet<&'static str>>,
> = std::sync::LazyLock::new(|| {
    [
        FUNCTION,
        DETERMINERS,
        NAME_JOINERS,
        AUX,
        BOUNDARY_WORDS,
        SENTENCE_ADVERBS,
        PREPOSITIONS,
        NP_LINKS,
    ]
    .iter()
    .map(|list| (list.as_ptr() as usize, list.iter().copied().collect()))
    .collect()
});

/// A preposition or another word that cannot open reported content.
pub fn is_preposition(w: &str) -> bool {
    is(PREPOSITIONS, w)
}

/// A word that may open a noun phrase ("the", "a", "their", "several").
pub fn is_determiner(w: &str) -> bool {
    is(DETERMINERS, w)
}

fn is(list: &'static [&'static str], w: &str) -> bool {
    match SETS.get(&(list.as_ptr() as usize)) {
        Some(set) => set.contains(w),
        None => list.contains(&w),
    }
}

/// May token `i` be part of a speaker phrase (scanning backward)?
fn np_token(p: &Para, i: usize) -> bool {
    let t = p.toks[i];
    if !t.is_word() || p.in_region(i) {
        return false;
    }
    let w = p.lw(i);
    if t.cap {
        // "The", "A" at the start of a phrase are fine; sentence adverbs are not names.
        return !is(FUNCTION, w) || is(DETERMINERS, w) || w == "u.s." || i > 0 && p.toks[i - 1].cap;
    }
    if is(DETERMINERS, w) || is(NAME_JOINERS, w) {
        return true;
    }
    if is(FUNCTION, w) || LEXICON.verb(w).is_some() && !LEXICON.is_source_noun(w) {
        return false;
    }
    if LEXICON.is_source_noun(w) {
        return true;
    }
    // Other lower-case words are modifiers ("military planning document"), but not adverbs or
    // participles, which belong to a verb phrase.
    !(w.ends_with("ly") || w.ends_with("ed") || w.ends_with("ing"))
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '’' || c == '\'' || c == '-')
        && (w.starts_with(|c: char| c.is_alphabetic()) || w.contains('-'))
        || w.contains('-') && w.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// Is token `i` the start of a clause, so that a phrase starting at `i + 1` can be a subject?
fn boundary_before(p: &Para, first: usize, sentence_start: usize) -> bool {
    if first <= sentence_start {
        return true;
    }
    // "About 4 in 10 said", "more than half said": a qualifier before a quantity belongs to it.
    if is_number(p.lw(first)) || matches!(p.lw(first), "half" | "a") {
        let prev = p.lw(first - 1);
        if matches!(
            prev,
            "about" | "nearly" | "almost" | "roughly" | "only" | "just" | "approximately"
        ) {
            return boundary_before(p, first - 1, sentence_start);
        }
        if prev == "than" && first >= 2 && matches!(p.lw(first - 2), "more" | "less" | "fewer") {
            return boundary_before(p, first - 2, sentence_start);
        }
    }
    let t = p.toks[first - 1];
    match t.kind {
        Kind::Punct(c) => ",;:(—–―-".contains(c),
        Kind::Mark(..) => true,
        Kind::Word => is(BOUNDARY_WORDS, p.lw(first - 1)),
    }
}

/// A number written in digits or in words ("43", "1,200", "six", "Twenty-four"), with the
/// number extractor's words.
fn is_number(w: &str) -> bool {
    !w.is_empty()
        && (w.bytes().all(|b| b.is_ascii_digit() || b == b',')
            || w.split('-').all(|part| NUMBER_WORDS.contains(&part)))
}

/// "Six in 10", "one in three": a proportion, which speaks for the people it counts.
fn proportion_at(p: &Para, i: usize) -> bool {
    i >= 1
        && i + 1 < p.toks.len()
        && p.lw(i) == "in"
        && is_number(p.lw(i - 1))
        && is_number(p.lw(i + 1))
}

/// Classifies tokens `first..=last` as a speaker phrase, or `None` when they are not one.
pub fn classify(p: &Para, mut first: usize, last: usize) -> Option<Np> {
    // Leading sentence adverbs ("Yesterday Kirby said") are not part of the phrase.
    while first < last
        && p.toks[first].cap
        && (is(SENTENCE_ADVERBS, p.lw(first)) || p.lw(first).ends_with("ly"))
        && !is(DETERMINERS, p.lw(first))
    {
        first += 1;
    }
    // A lone sentence adverb or a fronted participle ("Having ...") is not a speaker.
    let lone_adverb = first == last
        && (is(SENTENCE_ADVERBS, p.lw(first)) || p.toks[first].cap && p.lw(first).ends_with("ing"));
    if last - first > 12 || lone_adverb {
        return None;
    }
    let head = p.lw(last);
    // "He’s said" is "he has said"; any other possessive cannot head the phrase.
    let (head, possessive) = match head.strip_suffix("’s").or_else(|| head.strip_suffix("'s")) {
        Some(h) => (h, true),
        None => (head, false),
    };
    if possessive && LEXICON.pronoun(head).is_none() {
        return None;
    }
    if first == last
        && let Some(k) = LEXICON.pronoun(head)
    {
        return Some(Np {
            first,
            last,
            class: NpClass::Pronoun(k),
            name: None,
            role: None,
        });
    }
    let head_tok = p.toks[last];
    let proportion = last >= first + 2 && proportion_at(p, last - 1);
    if !head_tok.is_word() || is(DETERMINERS, head) && !proportion || is(NAME_JOINERS, head) {
        return None;
    }
    // "lawyers in Ohio": the head is the word before the first link, lower-case here.
    let lower_head_before_link = (first + 1..last)
        .find(|&i| !p.toks[i].cap && is(NP_LINKS, p.lw(i)) && p.lw(i) != "and")
        .is_some_and(|i| !p.toks[i - 1].cap);
    // "The US President", "the Russian Foreign Minister": capitalized, but a title with no
    // name after it describes its holder (unless it is part of an organization's name).
    let bare_title = head_tok.cap
        && LEXICON.is_role(head)
        && !(first..last).any(|i| LEXICON.is_org_word(p.lw(i)) || p.lw(i) == "of");
    if bare_title {
        return Some(Np::description(first, last));
    }
    if head_tok.cap && !lower_head_before_link {
        // The name is the run of capitalized words after the last role word or honorific.
        let mut name_start = first;
        for i in first..=last {
            let w = p.lw(i);
            let w = w.trim_end_matches('.');
            let next_cap = i < last && p.toks[i + 1].cap;
            let lower_word = !p.toks[i].cap && !is(NAME_JOINERS, w);
            if next_cap && (LEXICON.is_role(w) || LEXICON.is_title(w) || lower_word) {
                name_start = i + 1;
            }
        }
        while name_start < last && is(DETERMINERS, p.lw(name_start)) {
            name_start += 1;
        }
        let role = (name_start > first).then(|| (first, name_start - 1));
        // A role that is only a determiner is no role.
        let role = role.filter(|&(a, b)| !(a == b && is(DETERMINERS, p.lw(a))));
        return Some(Np {
            first,
            last,
            class: NpClass::Name,
            name: Some((name_start, last)),
            role,
        });
    }
    // A lower-case head: a description or a kind of source. The head is the word before the
    // first linking word ("a source close to the negotiations"). Without a source noun as head
    // the phrase must at least follow a determiner ("the New York businessman").
    // "and" joins modifiers of one head ("White House and Pentagon spokesmen").
    let head_at = (first + 1..=last)
        .find(|&i| {
            !p.toks[i].cap
                && (is(NAME_JOINERS, p.lw(i)) || is(NP_LINKS, p.lw(i)))
                && p.lw(i) != "and"
                && !proportion_at(p, i)
        })
        .map_or(last, |i| i - 1);
    // "one of the family's attorneys": after a quantifier the head follows "of".
    let head_at = if is(DETERMINERS, p.lw(head_at)) {
        last
    } else {
        head_at
    };
    let head = if head_at == last { head } else { p.lw(head_at) };
    let has_det = (first..head_at).any(|i| {
        let w = p.lw(i);
        is(DETERMINERS, w) || w.ends_with("’s") || w.ends_with("'s") || is_number(w)
    });
    // "three-quarters of the voters", "two-thirds": the noun after the hyphen heads it.
    let head = head.rsplit('-').next().unwrap_or(head);
    // A plural after a determiner is seldom a speaker ("the talks"); "the actress" is singular.
    // After a number a plural is what is counted ("4 in 10 parents").
    let plural = head.ends_with('s') && !head.ends_with("ss");
    let counted = (first..head_at).any(|i| is_number(p.lw(i)));
    if LEXICON.is_source_noun(head) || has_det && (!plural || counted) {
        return Some(Np::description(first, last));
    }
    None
}

/// The speaker phrase that ends at token `end`, scanning back no further than `lo`.
pub fn np_ending_at(p: &Para, end: usize, lo: usize) -> Option<Np> {
    let proportion = end >= 2 && proportion_at(p, end - 1);
    if !np_token(p, end) && LEXICON.pronoun(p.lw(end)).is_none() && !proportion {
        return None;
    }
    if LEXICON.pronoun(p.lw(end)).is_some() {
        return boundary_before(p, end, lo)
            .then(|| classify(p, end, end))
            .flatten();
    }
    // Scan back over the phrase; at a preposition or "and" the phrase may go on ("observers
    // in Virginia", "Federal and state officials"). Each stop is a candidate start, and the
    // longest one that opens a clause wins.
    let mut candidates = Vec::new();
    let mut first = end;
    loop {
        while first > lo && np_modifier(p, first - 1) && end - first < 14 {
            first -= 1;
        }
        let mut start = first;
        while start < end && (is(NAME_JOINERS, p.lw(start)) || is(NP_LINKS, p.lw(start))) {
            start += 1;
        }
        candidates.push(start);
        // One or two linking words ("in", "and around") between two parts of the phrase.
        let links = (1..=2)
            .take_while(|&k| first > lo + k && is(NP_LINKS, p.lw(first - k)))
            .last();
        let Some(k) = links else { break };
        let joins = np_token(p, first - k - 1) || k == 1 && proportion_at(p, first - 1);
        if !(joins && end - first < 12) {
            break;
        }
        first -= k + 1;
    }
    let start = candidates
        .into_iter()
        .rev()
        .find(|&f| boundary_before(p, f, lo))?;
    classify(p, start, end)
}

/// A word that may modify the head of a speaker phrase: what `np_token` allows, plus
/// participles ("restructuring experts", "a leaked document") and numbers ("10 voters").
fn np_modifier(p: &Para, i: usize) -> bool {
    if np_token(p, i) {
        return true;
    }
    let t = p.toks[i];
    if !t.is_word() || t.cap || p.in_region(i) {
        return false;
    }
    let w = p.lw(i);
    // A participle opens the phrase or follows its determiner ("a leaked document"); one in
    // the middle is a verb ("the court rejected government claims").
    let opens_phrase = i == 0 || is(DETERMINERS, p.lw(i - 1)) || boundary_before(p, i, 0);
    let participle = opens_phrase
        && (w.ends_with("ing") || w.ends_with("ed"))
        && LEXICON.verb(w).is_none()
        && !is(FUNCTION, w);
    // A reporting verb's base form is also a noun ("state officials", "report authors").
    let noun_like_verb = LEXICON.verb(w).is_some_and(|v| !v.ing)
        && !w.ends_with("ed")
        && !w.ends_with('s')
        && !is(FUNCTION, w);
    if noun_like_verb {
        return true;
    }
    participle || w.chars().all(|c| c.is_ascii_digit())
}

/// Words that join two parts of one speaker phrase.
static NP_LINKS: &[&str] = &[
    "and", "in", "at", "from", "around", "across", "on", "with", "to", "close",
];

/// A run of capitalized words ending at `end` (no boundary required): "Hillary Clinton" in
/// "footage of Hillary Clinton asking".
pub fn name_ending_at(p: &Para, end: usize, lo: usize) -> Option<Np> {
    if end < lo
        || end >= p.toks.len()
        || !p.toks[end].is_word()
        || !p.toks[end].cap
        || p.in_region(end)
    {
        return None;
    }
    let mut first = end;
    while first > lo
        && p.toks[first - 1].is_word()
        && p.toks[first - 1].cap
        && !p.in_region(first - 1)
        && end - first < 5
    {
        first -= 1;
    }
    classify(p, first, end)
}

/// Nouns that end like adverbs.
static LY_NOUNS: &[&str] = &[
    "family", "ally", "rally", "assembly", "supply", "italy", "july", "anomaly", "monopoly",
    "reply", "bully", "homily", "fly", "lily", "emily", "kelly", "holly", "sally", "daily",
    "weekly",
];

/// An -ly adverb ("vehemently", "repeatedly"), not a noun that ends like one ("the family").
fn is_adverb(p: &Para, i: usize) -> bool {
    let w = p.lw(i);
    w.ends_with("ly")
        && w.len() > 4
        && !LY_NOUNS.contains(&w)
        && !(i > 0 && is(DETERMINERS, p.lw(i - 1)))
}

/// The subject of the reporting verb at `cue`, looking back within the sentence starting at
/// `lo`. Handles adverbs and auxiliaries between subject and verb and one or two appositions
/// ("Andrei Kelin, Russia’s new ambassador, said"; "Russia’s president, Vladimir Putin, said").
pub fn subject_of(p: &Para, cue: usize, lo: usize) -> Option<Np> {
    let mut j = cue;
    while j > lo {
        let w = p.lw(j - 1);
        if p.toks[j - 1].is_word() && !p.toks[j - 1].cap && (is(AUX, w) || is_adverb(p, j - 1)) {
            j -= 1;
        } else {
            break;
        }
    }
    // "Sen. Claire McCaskill (D-Mo.) said": skip a short parenthesis after the name.
    if j > lo + 2
        && p.toks[j - 1].is_punct(')')
        && let Some(open) = (j.saturating_sub(8).max(lo)..j - 1)
            .rev()
            .find(|&k| p.toks[k].is_punct('('))
    {
        j = open;
    }
    if j == lo || j == 0 {
        return None;
    }
    let end = j - 1;
    // "Smith, who said": the relative pronoun stands for the name before it.
    if p.lw(end) == "who" && end > lo {
        let before = if p.toks[end - 1].is_punct(',') {
            end.checked_sub(2)?
        } else {
            end - 1
        };
        return name_ending_at(p, before, lo).or_else(|| np_ending_at(p, before, lo));
    }
    if !p.toks[end].is_punct(',') {
        return np_ending_at(p, end, lo);
    }
    // Apposition: find the comma-separated chunks before the verb.
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut stop = end; // index of the comma that closes the current chunk
    let mut i = end;
    while i > lo && chunks.len() < 4 {
        i -= 1;
        let t = p.toks[i];
        if t.is_punct(',') || i == lo || p.in_region(i) || t.is_punct(';') {
            let start = if t.is_punct(',') || p.in_region(i) || t.is_punct(';') {
                i + 1
            } else {
                i
            };
            if start < stop {
                chunks.push((start, stop - 1));
            }
            if !t.is_punct(',') {
                break;
            }
            stop = i;
        }
        if stop - i > 25 {
            break;
        }
    }
    // "Rep. Gregory Meeks (D-N.Y.), chairman of ..., said": a parenthesis closing a chunk is
    // not part of its phrase.
    for chunk in &mut chunks {
        if chunk.1 > chunk.0
            && p.toks[chunk.1].is_punct(')')
            && let Some(open) = (chunk.0..chunk.1).rev().find(|&k| p.toks[k].is_punct('('))
            && open > chunk.0
        {
            chunk.1 = open - 1;
        }
    }
    // An age ("Roxana Leon, 63, ...") or a party and state ("Marco Rubio, R-Fla., ...") in
    // apposition says nothing about who is speaking.
    let before = chunks.len();
    chunks.retain(|&(a, b)| {
        let t = p.text_range(a, b);
        let age = t.bytes().all(|c| c.is_ascii_digit());
        let party = a == b
            && t.len() <= 8
            && t.as_bytes().get(1) == Some(&b'-')
            && t.starts_with(['R', 'D', 'I']);
        // "..., which has a backlog of repairs, said", "..., appearing on Fox News, said": a
        // relative or participial clause describes the speaker without naming them.
        let w = p.lw(a);
        let relative = matches!(w, "who" | "which" | "whose");
        let participle = !p.toks[a].cap && w.ends_with("ing") && w.len() > 5;
        !(age || party || relative || participle)
    });
    if chunks.len() == 1 && before > 1 {
        let (a, b) = chunks[0];
        if !boundary_before(p, a, lo) {
            return None;
        }
        // "An official at the housing authority in Arizona": a phrase with its links.
        return classify(p, a, b)
            .filter(|_| (a..=b).all(|k| np_token(p, k)))
            .or_else(|| np_ending_at(p, b, a).filter(|np| np.first == a));
    }
    // chunks[0] is next to the verb (the apposition); chunks[1] the head phrase.
    let appos = chunks.first().copied();
    let head = chunks.get(1).copied();
    let (mut ha, hb) = head?;
    // "But Asa Khalif, an organizer ..., said": a sentence adverb opens the clause, not the name.
    while ha < hb && p.toks[ha].cap && is(SENTENCE_ADVERBS, p.lw(ha)) && !is(DETERMINERS, p.lw(ha))
    {
        ha += 1;
    }
    let all_np = |a: usize, b: usize| {
        (a..=b).all(|k| {
            np_token(p, k)
                || a == b && LEXICON.pronoun(p.lw(k)).is_some()
                || p.lw(k) == "and" && k > a && p.toks[k - 1].cap
        })
    };
    if !all_np(ha, hb) {
        // "One delegate not on the Cruz slate, Kelly Schmidt, told": a name in apposition to
        // a description that opens the sentence.
        let (aa, ab) = appos?;
        let name = classify(p, aa, ab).filter(|n| n.class == NpClass::Name)?;
        let opens = boundary_before(p, ha, lo) && hb - ha < 10 && (aa..=ab).all(|k| np_token(p, k));
        return opens.then_some(Np {
            role: Some((ha, hb)),
            ..name
        });
    }
    let head_np = classify(p, ha, hb).filter(|_| boundary_before(p, ha, lo))?;
    // "Peter Morgan, a lawyer for the Sierra Club, who has ..., said": a description between a
    // name and a relative clause is the name's role.
    if head_np.class == NpClass::Description
        && let Some(&(na, nb)) = chunks.get(2)
        && all_np(na, nb)
        && let Some(name) =
            classify(p, na, nb).filter(|n| n.class == NpClass::Name && boundary_before(p, na, lo))
    {
        return Some(Np {
            role: Some((ha, hb)),
            ..name
        });
    }
    let (aa, ab) = appos?;
    let appos_np = classify(p, aa, ab);
    match (head_np.class, appos_np.as_ref().map(|n| n.class)) {
        // "Russia’s president, Vladimir Putin," → the name in apposition is the speaker.
        (NpClass::Description, Some(NpClass::Name)) => {
            let n = appos_np?;
            Some(Np {
                role: Some((ha, hb)),
                ..n
            })
        }
        (NpClass::Name, _) => Some(Np {
            role: head_np.role.or(Some((aa, ab))),
            ..head_np
        }),
        _ => Some(head_np),
    }
}

/// The words that open the sentence `lo..` up to the reporting verb at `cue`, as a speaker
/// phrase of last resort when no phrase the other rules know ends there ("People briefed on
/// the move said"): a short run of words with no verb, clause word or punctuation of its own.
pub fn opening_subject(p: &Para, cue: usize, lo: usize) -> Option<Np> {
    let mut j = cue;
    while j > lo + 1 && p.toks[j - 1].is_word() && !p.toks[j - 1].cap && is(AUX, p.lw(j - 1)) {
        j -= 1;
    }
    if j <= lo + 1 || j - lo > 10 {
        return None;
    }
    let last = p.lw(j - 1);
    if is(NP_LINKS, last) || is(NAME_JOINERS, last) || is(DETERMINERS, last) {
        return None;
    }
    let first = p.lw(lo);
    if !p.toks[lo].cap
        || is(SENTENCE_ADVERBS, first) && !is(DETERMINERS, first)
        || is(FUNCTION, first)
    {
        return None;
    }
    let plain = (lo..j).all(|k| {
        let w = p.lw(k);
        p.toks[k].is_word()
            && !p.in_region(k)
            && LEXICON.verb(w).is_none()
            && LEXICON.pronoun(w).is_none()
            && !matches!(
                w,
                "that"
                    | "which"
                    | "who"
                    | "whom"
                    | "whose"
                    | "what"
                    | "when"
                    | "where"
                    | "if"
                    | "because"
                    | "while"
                    | "as"
                    | "than"
                    | "not"
                    | "no"
            )
            && !(is(FUNCTION, w) && !is(NP_LINKS, w) && !is(NAME_JOINERS, w) && !is(DETERMINERS, w))
    });
    if !plain {
        return None;
    }
    classify(p, lo, j - 1).or(Some(Np::description(lo, j - 1)))
}

/// The speaker phrase that starts at token `start` and ends before `hi` ("said John Kirby,
/// the White House spokesman").
pub fn np_starting_at(p: &Para, start: usize, hi: usize) -> Option<Np> {
    if start >= hi {
        return None;
    }
    if LEXICON.pronoun(p.lw(start)).is_some() {
        return classify(p, start, start);
    }
    let mut last = start;
    if !np_token(p, start) {
        return None;
    }
    while last + 1 < hi && last - start < 12 {
        let k = last + 1;
        let joins_names = p.lw(k) == "and" && p.toks[last].cap && k + 1 < hi && p.toks[k + 1].cap;
        // "The fire chief spoke": a lower-case word after the head noun of a description is its
        // verb, unless it is another noun of the phrase ("police chief", "agency officials").
        let after_head = !p.toks[last].cap
            && LEXICON.is_source_noun(p.lw(last))
            && !p.toks[k].cap
            && !LEXICON.is_source_noun(p.lw(k))
            && !is(NP_LINKS, p.lw(k))
            && !is(NAME_JOINERS, p.lw(k));
        if after_head {
            break;
        }
        if np_modifier(p, k) || joins_names {
            last += 1;
        } else {
            break;
        }
    }
    // A lower-case word right after a name is the verb ("Cole spoke for an hour", "Kelin
    // recently addressed"), unless it is a noun of the phrase ("Tax Policy Center spokesman").
    // A capitalized article opening the sentence is no name ("The fire chief"), and a noun
    // between a capitalized modifier and a name is a role ("Democratic strategist Simon
    // Rosenberg"), which a verb before a name seldom is unless it reports ("told Congress").
    if let Some(k) = (start + 1..=last).find(|&k| {
        let w = p.lw(k);
        let role_before_name = k < last
            && p.toks[k + 1].cap
            && LEXICON.verb(w).is_none()
            && !w.ends_with("ed")
            && w.chars().all(char::is_alphabetic);
        !p.toks[k].cap
            && p.toks[k - 1].cap
            && !is(DETERMINERS, p.lw(k - 1))
            && !role_before_name
            && w != "and"
            && !LEXICON.is_source_noun(w)
            && !is(DETERMINERS, w)
            && !is(NAME_JOINERS, w)
    }) {
        last = k - 1;
    }
    while last > start && is(NAME_JOINERS, p.lw(last)) {
        last -= 1;
    }
    classify(p, start, last)
}

/// The addressee after a verb like "told" ("told Polish news channel Interia that"): the
/// last token of a short noun phrase starting at `start`, if there is one.
pub fn object_after(p: &Para, start: usize, hi: usize) -> Option<usize> {
    if start >= hi {
        return None;
    }
    if matches!(p.lw(start), "him" | "her" | "them" | "us" | "me" | "you") {
        return Some(start);
    }
    if is(NAME_JOINERS, p.lw(start)) || is(NP_LINKS, p.lw(start)) {
        return None;
    }
    let mut last = None;
    let mut k = start;
    while k < hi
        && k < start + 6
        && (np_token(p, k)
            || k > start && p.toks[k].is_word() && p.text(k).chars().all(|c| c.is_ascii_digit()))
    {
        last = Some(k);
        k += 1;
    }
    last
}

/// The subject that opens the sentence `[s, e)`: used for cues without a subject of their own
/// ("..., saying: “…”"). Skips an introductory phrase set off by a comma ("At the same time,")
/// and takes a name in apposition to a description ("Russia’s new ambassador, Andrei Kelin,").
pub fn sentence_subject(p: &Para, s: usize, e: usize) -> Option<Np> {
    let commas: Vec<usize> = (s..e)
        .filter(|&i| p.toks[i].is_punct(','))
        .take(3)
        .collect();
    let try_from = |from: usize| -> Option<Np> {
        let np = np_starting_at(p, from, e)?;
        let after = np.last + 1;
        if after < e && p.toks[after].is_punct(',') {
            // "Russia’s new ambassador to the United Kingdom, Andrei Kelin, recently ..."
            if let Some(next_comma) =
                (after + 1..e.min(after + 8)).find(|&i| p.toks[i].is_punct(','))
                && let Some(name) = classify(p, after + 1, next_comma - 1)
                && name.class == NpClass::Name
                && np.class != NpClass::Name
            {
                return Some(Np {
                    role: Some((np.first, np.last)),
                    ..name
                });
            }
        }
        Some(np)
    };
    // The subject phrase may run past a lower-case "to"/"of" ("ambassador to the United
    // Kingdom"): try the first comma chunk as a description with a name after it.
    if let [c1, c2, ..] = commas[..]
        && c2 > c1 + 1
        && c2 - c1 <= 6
        && let Some(name) = classify(p, c1 + 1, c2 - 1)
    {
        let chunk_has_role = (s..c1).any(|i| LEXICON.is_role(p.lw(i)));
        if name.class == NpClass::Name && chunk_has_role {
            return Some(Np {
                role: Some((s, c1 - 1)),
                ..name
            });
        }
    }
    if let Some(np) = try_from(s)
        && !(np.last + 1 < e
            && p.toks[np.last + 1].is_punct(',')
            && np.class == NpClass::Description)
    {
        return Some(np);
    }
    let c = *commas.first()?;
    if c - s <= 14 {
        return try_from(c + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(s: &str) -> Para<'_> {
        Para::new(s, 0..s.len())
    }

    fn subject(s: &str, verb: &str) -> Option<(String, Option<String>)> {
        let p = para(s);
        let cue = (0..p.toks.len()).find(|&i| p.text(i) == verb)?;
        let np = subject_of(&p, cue, 0)?;
        let name = np
            .name
            .map(|(a, b)| p.text_range(a, b).to_string())
            .unwrap_or_else(|| p.text_range(np.first, np.last).to_string());
        Some((name, np.role.map(|(a, b)| p.text_range(a, b).to_string())))
    }

    #[test]
    fn subjects_of_reporting_verbs() {
        assert_eq!(
            subject("Russian President Vladimir Putin has warned that", "warned"),
            Some(("Vladimir Putin".into(), Some("Russian President".into())))
        );
        assert_eq!(
            subject("At the same time, Putin also told reporters", "told"),
            Some(("Putin".into(), None))
        );
        assert_eq!(
            subject(
                "Russia’s president, Vladimir Putin, has once again insisted",
                "insisted"
            )
            .map(|x| x.0),
            Some("Vladimir Putin".into())
        );
        assert_eq!(
            subject(
                "Admiral Oleg Gurinov, head of the Center, said Thursday",
                "said"
            )
            .map(|x| x.0),
            Some("Oleg Gurinov".into())
        );
        assert_eq!(
            subject("the deal failed, a source said.", "said").map(|x| x.0),
            Some("a source".into())
        );
        assert_eq!(
            subject("The Russian Ministry of Defense also stated", "stated").map(|x| x.0),
            Some("Russian Ministry of Defense".into())
        );
        assert_eq!(subject("He rejected U.S. claims that", "claims"), None);
        assert_eq!(subject("It should be noted that", "noted"), None);
        assert_eq!(
            subject("“Yes,” he said.", "said").map(|x| x.0),
            Some("he".into())
        );
    }

    #[test]
    fn sentence_subject_before_a_second_verb() {
        let s = "Governor Ruth Cole spoke for an hour and said the state had no choice.";
        let p = Para::new(s, 0..s.len());
        let (a, e) = p.sentences[0];
        let np = sentence_subject(&p, a, e).expect("a subject");
        assert_eq!(p.text_range(np.first, np.last), "Governor Ruth Cole");
    }
}
