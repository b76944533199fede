//! From token labels to typed mentions, then agreement within the document.
//!
//! The tagger decides token by token; a reader decides per document. So after tagging, the
//! same words get the same kind everywhere in the document (majority vote), a surname alone
//! is a person when the full name was one, names found in the body are found again where the
//! tagger missed them (above all in the headline, which is often in Title Case or capitals),
//! and the lists settle what they know for certain: `Russian` is a nationality, not a place.

use std::ops::Range;

use super::gazetteer::{GAZETTEER, PhraseKind, word};
use super::hash::{self, IdentityMap};
use super::tagger::{LABELS, O, Sequence, flag};

/// The kind of a found name, before it becomes a [`crate::document::EntityKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Person,
    Organization,
    Location,
    Nationality,
    Event,
    Misc,
}

impl Kind {
    fn from_label(label: &str) -> Kind {
        match label {
            "PER" => Kind::Person,
            "ORG" => Kind::Organization,
            "LOC" => Kind::Location,
            _ => Kind::Misc,
        }
    }

    fn core(self) -> bool {
        matches!(self, Kind::Person | Kind::Organization | Kind::Location)
    }
}

/// A name found in sequence `seq`, tokens `tokens`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub seq: usize,
    pub tokens: Range<usize>,
    pub kind: Kind,
}

/// Words that make a MISC name an event.
const EVENT_WORDS: &[&str] = &[
    "war",
    "cup",
    "games",
    "olympics",
    "summit",
    "forum",
    "championship",
    "championships",
    "conference",
    "festival",
    "election",
    "elections",
    "open",
    "revolution",
    "crisis",
    "talks",
    "congress",
    "tournament",
    "league",
    "series",
    "grand prix",
    "world cup",
    "award",
    "awards",
    "prize",
    "expo",
    "week",
    "day",
];

/// Appends the names labelled in `seq` to `out`.
pub fn collect(seq: &Sequence, seq_index: usize, labels: &[u8], out: &mut Vec<Found>) {
    let mut i = 0;
    while i < labels.len() {
        let l = labels[i];
        if l == O {
            i += 1;
            continue;
        }
        let mut kind_label = &LABELS[l as usize][2..];
        let start = i;
        i += 1;
        loop {
            while i < labels.len()
                && labels[i] != O
                && labels[i].is_multiple_of(2)
                && &LABELS[labels[i] as usize][2..] == kind_label
            {
                i += 1;
            }
            // `St.` and `Mt.` begin a name; a new label right after them is the same name.
            if i < labels.len()
                && labels[i] % 2 == 1
                && matches!(seq.word(i - 1), "St." | "Mt." | "Ft.")
            {
                kind_label = &LABELS[labels[i] as usize][2..];
                i += 1;
                continue;
            }
            break;
        }
        let mut end = i;
        // A possessive or a stray mark at the edge belongs to the sentence, not the name.
        while end > start + 1
            && (!seq.tokens[end - 1].wordlike || matches!(seq.word(end - 1), "'s" | "’s"))
        {
            end -= 1;
        }
        let mut begin = start;
        // Marks, and sentence words such as `Despite` or `However`, do not begin a name
        // (`The` may: `The Hague`).
        while begin < end
            && (!seq.tokens[begin].wordlike
                || seq.info[begin].gaz & word::NOT_NAME != 0
                    && (seq.word(begin) != "The" || begin + 1 == end))
        {
            begin += 1;
        }
        // `The Kremlin`: the article is not part of a name the lists know without it.
        if end - begin > 1
            && seq.word(begin) == "The"
            && GAZETTEER
                .phrase(
                    seq.text,
                    &seq.tokens[begin + 1..end],
                    &seq.lowers[begin + 1..end],
                )
                .is_some()
        {
            begin += 1;
        }
        let kind = Kind::from_label(kind_label);
        // A title alone (`Admiral`) is not a person.
        let only_titles = seq.info[begin..end]
            .iter()
            .all(|x| x.gaz & (word::ROLE_HEAD | word::ROLE_MOD) != 0);
        if begin < end && !(kind == Kind::Person && only_titles) {
            out.push(Found {
                seq: seq_index,
                tokens: begin..end,
                kind: refine(seq, begin..end, kind),
            });
        }
    }
}

/// What the lists know better than the tagger: demonyms, and places tagged MISC.
pub fn refine(seq: &Sequence, toks: Range<usize>, kind: Kind) -> Kind {
    let lowers = &seq.lowers[toks.clone()];
    if let Some(p) = GAZETTEER.phrase(seq.text, &seq.tokens[toks.clone()], lowers) {
        match p.kind {
            PhraseKind::Demonym => return Kind::Nationality,
            PhraseKind::Organization => return Kind::Organization,
            // A country is a place even when it acts (`the US said`); a city may be a team.
            PhraseKind::Country => return Kind::Location,
            PhraseKind::Place if kind == Kind::Misc => return Kind::Location,
            PhraseKind::Place => return kind,
        }
    }
    // `White House National Security Council` is a council, whatever its first words.
    if matches!(kind, Kind::Location | Kind::Misc)
        && toks.len() > 1
        && seq.info[toks.end - 1].gaz & word::ORG != 0
    {
        return Kind::Organization;
    }
    // Doctrines (`Nazism`, `Macronism`) are neither people, organizations nor places.
    if toks.len() == 1 {
        let w = seq.word(toks.start);
        if w.len() > 5 && (w.ends_with("ism") || w.ends_with("isms")) {
            return Kind::Misc;
        }
    }
    if kind == Kind::Organization {
        let last = seq.word(toks.end - 1).to_lowercase();
        if matches!(
            last.as_str(),
            "war"
                | "wars"
                | "cup"
                | "olympics"
                | "games"
                | "championship"
                | "championships"
                | "forum"
                | "summit"
                | "festival"
        ) {
            return Kind::Event;
        }
    }
    if kind == Kind::Misc {
        let text = &seq.text[seq.tokens[toks.start].span.start..seq.tokens[toks.end - 1].span.end];
        let lower = text.to_lowercase();
        if EVENT_WORDS.iter().any(|w| lower.ends_with(w)) {
            return Kind::Event;
        }
    }
    kind
}

/// Small words that may stand inside an organization's name.
const NAME_JOINERS: &[&str] = &["of", "the", "for", "and", "&", "on", "de"];

/// Organization names built around a head word of `data/entities/org_words.txt` (`Russian
/// Ministry of Defense`, `Northern Fleet`, `White House National Security Council`), for when
/// the tagger cut them up, mislabelled them or glued a person to them (`Northern Fleet
/// Aleksandr Moiseev`). The name runs left from its first head word over capitalized words
/// (not over a title, `and`, or a person), and right of its last head word over `of ...`.
pub fn organizations(seq: &Sequence, si: usize, found: &mut Vec<Found>) {
    let n = seq.tokens.len();
    let cap = |i: usize| seq.tokens[i].init_cap && seq.tokens[i].wordlike;
    let is_org = |i: usize| seq.info[i].gaz & word::ORG != 0 && cap(i);
    let stops = |i: usize| {
        seq.info[i].gaz & (word::ROLE_HEAD | word::NOT_NAME) != 0 || seq.word(i) == "and"
    };
    let person_at = |i: usize| {
        seq.info[i].gaz & word::GIVEN != 0
            && i + 1 < n
            && cap(i + 1)
            && seq.info[i].gaz & word::ORG == 0
    };
    let mut i = 0;
    while i < n {
        if !is_org(i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        // Further head words of the same name (`Council ... Committee`).
        let mut j = i + 1;
        while j < n && (cap(j) || NAME_JOINERS.contains(&seq.word(j))) && !person_at(j) {
            if is_org(j) {
                last = j;
            }
            j += 1;
        }
        let mut start = first;
        while start > 0 {
            let p = start - 1;
            let joiner = NAME_JOINERS.contains(&seq.word(p)) && p > 0 && cap(p - 1);
            if !(cap(p) || joiner) || stops(p) || seq.word(p) == "and" {
                break;
            }
            if found
                .iter()
                .any(|f| f.seq == si && f.kind == Kind::Person && f.tokens.contains(&p))
            {
                break;
            }
            start = p;
        }
        while start < first && NAME_JOINERS.contains(&seq.word(start)) {
            start += 1;
        }
        let mut end = last + 1;
        if end + 1 < n && matches!(seq.word(end), "of" | "for" | "on") {
            let mut k = end + 1;
            if k < n && seq.word(k) == "the" {
                k += 1;
            }
            let mut e = k;
            while e < n && cap(e) && !person_at(e) && seq.info[e].gaz & word::ROLE_HEAD == 0 {
                e += 1;
            }
            if e > k {
                end = e;
            }
        }
        i = end.max(i + 1);
        if end - start < 2 {
            continue;
        }
        let span = start..end;
        let lowers = &seq.lowers[span.clone()];
        if GAZETTEER
            .phrase(seq.text, &seq.tokens[span.clone()], lowers)
            .is_some_and(|p| matches!(p.kind, PhraseKind::Country | PhraseKind::Place))
        {
            continue;
        }
        if found.iter().any(|f| f.seq == si && f.tokens == span) {
            for f in found.iter_mut().filter(|f| f.seq == si && f.tokens == span) {
                f.kind = Kind::Organization;
            }
            continue;
        }
        // Replace what overlaps; keep the parts of it that lie outside.
        let mut kept = Vec::new();
        found.retain(|f| {
            if f.seq != si || f.tokens.end <= span.start || f.tokens.start >= span.end {
                return true;
            }
            if f.tokens.start < span.start {
                kept.push((f.tokens.start..span.start, f.kind));
            }
            if f.tokens.end > span.end {
                let kind = if seq.info[span.end].gaz & word::GIVEN != 0 {
                    Kind::Person
                } else {
                    f.kind
                };
                kept.push((span.end..f.tokens.end, kind));
            }
            false
        });
        for (toks, kind) in kept {
            if seq.tokens[toks.clone()].iter().any(|t| t.wordlike) {
                let kind = refine(seq, toks.clone(), kind);
                found.push(Found {
                    seq: si,
                    tokens: toks,
                    kind,
                });
            }
        }
        found.push(Found {
            seq: si,
            tokens: span,
            kind: Kind::Organization,
        });
    }
}

/// Names of two or more words that the lists hold (`Islamic State`, `Eastern Europe`) and the
/// tagger cut up or only partly found: the listed name replaces the pieces inside it.
pub fn listed_names(seq: &Sequence, si: usize, found: &mut Vec<Found>) {
    let lowers = &seq.lowers;
    let mut i = 0;
    while i < seq.tokens.len() {
        let Some((n, p)) = GAZETTEER.longest_at(seq.text, &seq.tokens, lowers, i) else {
            i += 1;
            continue;
        };
        let span = i..i + n;
        i += n;
        if n < 2 || p.kind == PhraseKind::Demonym {
            continue;
        }
        let overlapping: Vec<&Found> = found
            .iter()
            .filter(|f| f.seq == si && f.tokens.start < span.end && f.tokens.end > span.start)
            .collect();
        let inside = overlapping
            .iter()
            .all(|f| f.tokens.start >= span.start && f.tokens.end <= span.end);
        if overlapping.is_empty() || !inside || overlapping.iter().any(|f| f.tokens == span) {
            continue;
        }
        let kind = match p.kind {
            PhraseKind::Organization => Kind::Organization,
            _ => Kind::Location,
        };
        found
            .retain(|f| !(f.seq == si && f.tokens.start >= span.start && f.tokens.end <= span.end));
        found.push(Found {
            seq: si,
            tokens: span,
            kind,
        });
    }
}

/// A title inside a name that is not a person's (`US President Donald Trump` read as one
/// organization): the words before the title stay a name of their own, the words after it
/// are a person when they start with a given name, and the title goes (the roles step finds
/// it next to the person).
pub fn split_titles(seq: &Sequence, si: usize, found: &mut Vec<Found>) {
    let mut add = Vec::new();
    for f in found
        .iter_mut()
        .filter(|f| f.seq == si && f.kind != Kind::Person)
    {
        let is_title = |i: usize| {
            seq.tokens[i].init_cap && seq.info[i].gaz & (word::ROLE_HEAD | word::ROLE_MOD) != 0
        };
        let Some(j) = (f.tokens.start + 1..f.tokens.end).find(|&i| is_title(i)) else {
            continue;
        };
        let mut k = j;
        while k < f.tokens.end && is_title(k) {
            k += 1;
        }
        if k < f.tokens.end && seq.info[k].gaz & word::GIVEN == 0 {
            continue;
        }
        if k < f.tokens.end {
            add.push(Found {
                seq: si,
                tokens: k..f.tokens.end,
                kind: Kind::Person,
            });
        }
        let head = f.tokens.start..j;
        f.kind = refine(seq, head.clone(), f.kind);
        f.tokens = head;
    }
    found.extend(add);
}

/// The hash of a run of tokens, case-folded: names written alike hash alike.
pub fn key(seq: &Sequence, toks: Range<usize>) -> u64 {
    seq.info[toks]
        .iter()
        .fold(0x6e61_6d65, |h, i| hash::combine(h, i.lower))
}

/// Whether a headline capitalizes its words (`Putin Warns NATO Over Drills`): then a
/// capital says nothing about names, and only names the body or the lists vouch for count.
pub fn is_title_case(seq: &Sequence) -> bool {
    let mut long_words = 0;
    let mut capitalized = 0;
    for (t, info) in seq.tokens.iter().zip(&seq.info) {
        if t.wordlike && t.span.len() >= 4 && info.gaz & word::NOT_NAME == 0 {
            long_words += 1;
            if t.init_cap && !t.all_caps {
                capitalized += 1;
            }
        }
    }
    long_words >= 3 && capitalized * 10 >= long_words * 7
}

/// Makes the found names of one document agree with each other (see the module comment).
pub fn harmonize(seqs: &[Sequence], title: Option<usize>, found: &mut Vec<Found>) {
    // A Title Case headline's own guesses are dropped; it is matched against the body below.
    if let Some(t) = title
        && is_title_case(&seqs[t])
    {
        found.retain(|f| f.seq != t);
        add_listed_places(&seqs[t], t, found);
    }

    // Votes per written form, from the body (headlines are less reliable).
    let mut votes: IdentityMap<[u32; 6]> = IdentityMap::default();
    // The longest found name starting with each word, to try only lengths that can match.
    let mut starts: IdentityMap<usize> = IdentityMap::default();
    for f in found.iter() {
        let seq = &seqs[f.seq];
        let k = key(seq, f.tokens.clone());
        let w = if Some(f.seq) == title { 1 } else { 2 };
        votes.entry(k).or_insert([0; 6])[f.kind as usize] += w;
        let longest = starts.entry(seq.info[f.tokens.start].lower).or_insert(0);
        *longest = (*longest).max(f.tokens.len());
        // A person's surname alone names them too (`Shoigu` after `Sergei Shoigu`).
        if f.kind == Kind::Person && f.tokens.len() >= 2 && Some(f.seq) != title {
            let last = f.tokens.end - 1;
            if seq.tokens[last].init_cap && seq.tokens[last].span.len() > 2 {
                votes.entry(key(seq, last..last + 1)).or_insert([0; 6])[Kind::Person as usize] += 1;
                starts.entry(seq.info[last].lower).or_insert(1);
            }
        }
    }
    // Names written again where the tagger did not see them.
    let mut covered: Vec<Vec<bool>> = seqs.iter().map(|s| vec![false; s.tokens.len()]).collect();
    for f in found.iter() {
        for c in &mut covered[f.seq][f.tokens.clone()] {
            *c = true;
        }
    }
    let mut extra = Vec::new();
    for (si, seq) in seqs.iter().enumerate() {
        let mut i = 0;
        while i < seq.tokens.len() {
            let t = &seq.tokens[i];
            // At a sentence start a capital proves nothing, unless the word is no ordinary
            // word (`Shoigu said` after `Sergei Shoigu`, but not `Will` after `Will Smith`).
            let starts_sentence = seq.info[i].flags & flag::SENTENCE_START != 0
                && seq.info[i].gaz & (word::COMMON | word::NOT_NAME) != 0;
            if covered[si][i]
                || !(t.init_cap || t.all_caps)
                || (starts_sentence && Some(si) != title)
            {
                i += 1;
                continue;
            }
            let Some(&longest) = starts.get(&seq.info[i].lower) else {
                i += 1;
                continue;
            };
            let max = longest.min(seq.tokens.len() - i);
            let hit = (1..=max).rev().find_map(|n| {
                if covered[si][i..i + n].iter().any(|&c| c) {
                    return None;
                }
                // The next token must not continue the name (`Putin` inside `Putin Street`).
                if Some(si) != title
                    && i + n < seq.tokens.len()
                    && seq.tokens[i + n].init_cap
                    && seq.info[i + n].gaz & word::NOT_NAME == 0
                {
                    return None;
                }
                let v = votes.get(&key(seq, i..i + n))?;
                let kind = majority(v)?;
                Some((n, kind))
            });
            if let Some((n, kind)) = hit {
                extra.push(Found {
                    seq: si,
                    tokens: i..i + n,
                    kind,
                });
                i += n;
            } else {
                i += 1;
            }
        }
    }
    found.extend(extra);
    speakers_at_sentence_start(seqs, title, &covered, found);

    // One kind per written form: the majority among people, organizations and places.
    for f in found.iter_mut() {
        if !f.kind.core() {
            continue;
        }
        if let Some(v) = votes.get(&key(&seqs[f.seq], f.tokens.clone()))
            && let Some(kind) = majority(v)
            && kind.core()
        {
            f.kind = kind;
        }
    }

    // A major place named alone (`Washington said`) is the place, unless a person's full
    // name in the document ends with it.
    let mut full_surnames: IdentityMap<()> = IdentityMap::default();
    for f in found
        .iter()
        .filter(|f| f.kind == Kind::Person && f.tokens.len() >= 2)
    {
        full_surnames.insert(seqs[f.seq].info[f.tokens.end - 1].lower, ());
    }
    for f in found.iter_mut() {
        if f.kind == Kind::Person && f.tokens.len() == 1 {
            let seq = &seqs[f.seq];
            let lowers = [seq.info[f.tokens.start].lower];
            let place = GAZETTEER.phrase(seq.text, &seq.tokens[f.tokens.clone()], &lowers);
            if place.is_some_and(|p| p.major && p.kind != PhraseKind::Demonym)
                && !full_surnames.contains_key(&lowers[0])
            {
                f.kind = Kind::Location;
            }
        }
    }

    // A surname alone is the person whose full name ends with it. Only full names from the
    // body count: a headline's guess (`Yeltsin endorses Lebed Chechnya peace plan` read as
    // one name) must not turn every `Chechnya` of the body into a person.
    let mut surnames: IdentityMap<()> = IdentityMap::default();
    for f in found.iter() {
        if f.kind == Kind::Person && f.tokens.len() >= 2 && Some(f.seq) != title {
            surnames.insert(seqs[f.seq].info[f.tokens.end - 1].lower, ());
        }
    }
    for f in found.iter_mut() {
        if f.tokens.len() == 1
            && matches!(f.kind, Kind::Organization | Kind::Location | Kind::Misc)
            && surnames.contains_key(&seqs[f.seq].info[f.tokens.start].lower)
        {
            f.kind = Kind::Person;
        }
    }
    found.sort_by_key(|f| (f.seq, f.tokens.start));
}

/// Verbs of saying: the word before one at a sentence start is its subject.
const SAYING: &[&str] = &[
    "said",
    "says",
    "told",
    "stated",
    "added",
    "noted",
    "warned",
    "argued",
    "insisted",
    "claimed",
    "explained",
    "wrote",
    "tweeted",
    "announced",
    "declared",
    "stressed",
];

/// `Patrushev stated that ...`: an unknown capitalized word that opens a sentence and is
/// followed by a verb of saying is a person's name when it is no ordinary word, no place and
/// no listed organization, and the tagger left it alone (a capital at a sentence start is
/// no evidence for the tagger, but a lone subject of `said` in news is nearly always a person).
fn speakers_at_sentence_start(
    seqs: &[Sequence],
    title: Option<usize>,
    covered: &[Vec<bool>],
    found: &mut Vec<Found>,
) {
    for (si, seq) in seqs.iter().enumerate() {
        if Some(si) == title || seq.tokens.len() < 3 {
            continue;
        }
        let Some(i) = (0..seq.tokens.len()).find(|&i| seq.tokens[i].wordlike) else {
            continue;
        };
        let t = &seq.tokens[i];
        let g = seq.info[i].gaz;
        let taken = covered[si][i] || found.iter().any(|f| f.seq == si && f.tokens.contains(&i));
        let plain = t.init_cap && !t.all_caps && t.span.len() > 2 && !taken;
        let unknown =
            g & (word::COMMON | word::NOT_NAME | word::ORG | word::ROLE_HEAD | word::ROLE_MOD) == 0
                && g & (flag::COUNTRY_B | flag::PLACE_B | flag::DEMONYM_B | flag::ORG_B) == 0;
        let verb_follows = i + 1 < seq.tokens.len() && SAYING.contains(&seq.word(i + 1));
        if plain && unknown && verb_follows {
            found.push(Found {
                seq: si,
                tokens: i..i + 1,
                kind: Kind::Person,
            });
        }
    }
}

fn majority(v: &[u32; 6]) -> Option<Kind> {
    let kinds = [
        Kind::Person,
        Kind::Organization,
        Kind::Location,
        Kind::Nationality,
        Kind::Event,
        Kind::Misc,
    ];
    let (best, &n) = v
        .iter()
        .enumerate()
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
    (n > 0).then_some(kinds[best])
}

/// Places and demonyms from the lists, for a headline the tagger cannot be trusted with.
fn add_listed_places(seq: &Sequence, si: usize, found: &mut Vec<Found>) {
    let lowers = &seq.lowers;
    let mut i = 0;
    while i < seq.tokens.len() {
        if let Some((n, p)) = GAZETTEER.longest_at(seq.text, &seq.tokens, lowers, i) {
            found.push(Found {
                seq: si,
                tokens: i..i + n,
                kind: match p.kind {
                    PhraseKind::Demonym => Kind::Nationality,
                    PhraseKind::Organization => Kind::Organization,
                    PhraseKind::Country | PhraseKind::Place => Kind::Location,
                },
            });
            i += n;
        } else {
            i += 1;
        }
    }
}
