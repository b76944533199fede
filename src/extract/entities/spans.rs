//! From token labels to typed mentions, then agreement within the document.
//!
//! The tagger decides token by token; a reader decides per document. So after tagging, spans
//! are cut where a name cannot go on (a verb, a day, a second name after `and`), the same words
//! take the kind a clear majority of their mentions has, a surname alone is a person when the
//! full name was one, names found in the body are found again where the tagger missed them
//! (above all in the headline, which is often in Title Case or capitals), and the lists settle
//! what they know for certain: `Russian` is a nationality, not a place; `Mr Hallworth` a
//! person; a country's name a place.

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
        // Days and months at the edges belong to the sentence (`Ann Berg Monday`), unless
        // they are also given names (`April Ryan`).
        while end > begin + 1 && seq.info[end - 1].gaz & word::TIME != 0 {
            end -= 1;
        }
        while end > begin + 1
            && seq.info[begin].gaz & word::TIME != 0
            && seq.info[begin].gaz & word::GIVEN == 0
        {
            begin += 1;
        }
        // A verb in -ing opening the sentence is no part of the name after it (`“Painting
        // Russia as the enemy ...`, `Visiting Paris, ...`).
        if end - begin > 1
            && seq.info[begin].flags & flag::SENTENCE_START != 0
            && is_gerund(seq, begin)
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
            push_split(seq, seq_index, begin..end, kind, out);
        }
    }
}

/// Lowercase words that stand inside people's names (`Ludwig van Beethoven`, `Osama bin
/// Laden`), places' names (`Isle of Man`, `Newcastle upon Tyne`) and organizations' names
/// (`Bank of England`, `Committee for Peace and Reconciliation`).
const PERSON_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "ter", "bin", "ibn", "al", "el",
    "la", "le", "du", "dos", "das", "y", "abu", "ben", "wa",
];
const PLACE_PARTICLES: &[&str] = &[
    "of", "de", "del", "la", "le", "upon", "on", "the", "du", "al", "el", "sur", "am", "an", "der",
    "es", "da", "do", "dos", "das",
];
const ORGANIZATION_PARTICLES: &[&str] = &[
    "of", "for", "and", "the", "on", "in", "at", "to", "de", "du", "des", "la", "le", "el", "al",
    "di", "del", "della", "van", "der", "den", "y", "und", "&", "upon",
];

/// Pushes a labelled span, cut where a person's, place's or organization's name cannot go on:
/// at a lowercase word that is no name particle (`Roy Kessler in Miami`, `Leeds at
/// Bristol`, `Roy Kessler in March`, `Dr Ellery told Radio Cymru`). What follows the cut is a name
/// of its own if it starts with a capital and is not a day or month.
fn push_split(seq: &Sequence, si: usize, span: Range<usize>, kind: Kind, out: &mut Vec<Found>) {
    let refined = refine(seq, span.clone(), kind);
    let particles = match refined {
        Kind::Person => PERSON_PARTICLES,
        Kind::Location => PLACE_PARTICLES,
        Kind::Organization => ORGANIZATION_PARTICLES,
        _ => &[],
    };
    let cut = (span.start + 1..span.end.saturating_sub(1)).find(|&i| {
        !particles.is_empty()
            && seq.tokens[i].wordlike
            && !seq.tokens[i].init_cap
            && seq.word(i).chars().any(char::is_alphabetic)
            && !particles.contains(&seq.word(i))
    });
    let Some(c) = cut else {
        out.push(Found {
            seq: si,
            tokens: span,
            kind: refined,
        });
        return;
    };
    let mut left = span.start..c;
    while left.end > left.start + 1 && !seq.tokens[left.end - 1].wordlike {
        left.end -= 1;
    }
    out.push(Found {
        seq: si,
        tokens: left.clone(),
        kind: refine(seq, left, kind),
    });
    let mut right = c + 1..span.end;
    while right.start < right.end && !seq.tokens[right.start].init_cap {
        right.start += 1;
    }
    let time = |r: &Range<usize>| seq.info[r.clone()].iter().all(|x| x.gaz & word::TIME != 0);
    // The tagger's kind was for the words before the cut: what follows keeps only what the
    // lists say of it (`Las Vegas` a place, `Grand Prix` an event, `frontman Sam Ortiz` a
    // person by the given name).
    if right.start < right.end && !time(&right) {
        let person = right.len() > 1 && seq.info[right.start].gaz & word::GIVEN != 0;
        let kind = if person { Kind::Person } else { Kind::Misc };
        push_split(seq, si, right, kind, out);
    }
}

/// An ordinary English word in -ing (`Painting`, `Visiting`), not a name (`Boeing`, `Reading`
/// are not in the dictionary in lowercase or are names too) and not a short word (`King`).
fn is_gerund(seq: &Sequence, i: usize) -> bool {
    let g = seq.info[i].gaz;
    let w = seq.word(i);
    w.len() > 5
        && w.ends_with("ing")
        && g & word::COMMON != 0
        && g & (word::GIVEN | word::SURNAME | word::ORG | word::ROLE_HEAD) == 0
}

/// Words before a name that make it a person's.
const HONORIFICS: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady",
];

/// What the lists know better than the tagger: demonyms, and places tagged MISC; honorifics.
pub fn refine(seq: &Sequence, toks: Range<usize>, kind: Kind) -> Kind {
    // `Mr Hallworth`, `Lord Pemberton`: an honorific makes a person, whatever the tagger said.
    // (`Lord's Resistance Army` is not one.)
    if toks.len() > 1
        && HONORIFICS.contains(&seq.word(toks.start))
        && seq.tokens[toks.start + 1].init_cap
    {
        return Kind::Person;
    }
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
    // `Chad Ellis`, `Jordan Henderson`: a country or city that is also a given name, followed
    // by words that are no ordinary words (`Jordan Valley`) and are surnames or no places, is
    // a person (the tagger hears the country in the first word).
    if kind == Kind::Location && toks.len() > 1 {
        let first = seq.info[toks.start].gaz;
        let place = flag::COUNTRY_B | flag::PLACE_B | flag::COUNTRY_I | flag::PLACE_I;
        let rest_is_surname = seq.info[toks.start + 1..toks.end].iter().all(|x| {
            x.gaz & word::COMMON == 0 && (x.gaz & word::SURNAME != 0 || x.gaz & place == 0)
        }) && seq.tokens[toks.start + 1..toks.end]
            .iter()
            .all(|t| t.init_cap);
        let given = first & word::GIVEN != 0
            && first & word::NOT_NAME == 0
            && seq.word(toks.start).chars().count() > 2;
        if given && rest_is_surname {
            return Kind::Person;
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

/// The legal forms that end a company's name.
const LEGAL_FORMS: &[&str] = &[
    "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "LLC", "Plc", "PLC", "plc",
];

/// Small words that may stand inside an organization's name.
const NAME_JOINERS: &[&str] = &["of", "the", "for", "and", "&", "on", "de"];

/// Organization names built around a head word of `data/entities/org_words.txt` (`Russian
/// Ministry of Defense`, `Northern Fleet`, `White House National Security Council`), for when
/// the tagger cut them up, mislabelled them or glued a person to them (`Northern Fleet
/// Aleksandr Moiseev`). The name runs left from its first head word over capitalized words
/// (not over a title, `and`, or a person), and right of its last head word over `of ...`.
pub fn organizations(seq: &Sequence, si: usize, found: &mut Vec<Found>) {
    let n = seq.tokens.len();
    // Days and months are capitalized but never part of the name (`the Security Council on
    // Friday`, `March Allied Steel Corp`).
    let cap = |i: usize| {
        seq.tokens[i].init_cap && seq.tokens[i].wordlike && seq.info[i].gaz & word::TIME == 0
    };
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
        // Not across `and`: `the Department of Defense and State Department` are two.
        while j < n
            && (cap(j) || NAME_JOINERS.contains(&seq.word(j)) && seq.word(j) != "and")
            && !person_at(j)
        {
            if is_org(j) {
                last = j;
            }
            j += 1;
        }
        let mut start = first;
        // `Lord's Resistance Army`, `People's Liberation Army`: a possessive of an ordinary
        // word belongs to the name (one of a place or a person does not: `Russia's Defense
        // Ministry`).
        let possessive = |p: usize| {
            matches!(seq.word(p), "'s" | "’s")
                && p > 0
                && cap(p - 1)
                && seq.info[p - 1].gaz & word::COMMON != 0
                && seq.info[p - 1].gaz & (flag::COUNTRY_B | flag::PLACE_B | flag::DEMONYM_B) == 0
        };
        while start > 0 {
            let p = start - 1;
            let joiner =
                (NAME_JOINERS.contains(&seq.word(p)) || possessive(p)) && p > 0 && cap(p - 1);
            if !(cap(p) || joiner) || stops(p) || seq.word(p) == "and" {
                break;
            }
            // A person's full name glued to the name stops it (`Aleksandr Moiseev Northern
            // Fleet`); a lone surname read as a person is as often the company's founder
            // (`Harlow Pharmaceuticals Inc`), and a "person" that runs into the head word
            // itself was the company misread (`Allied Steel Corp` with `Steel Corp` a person).
            if found.iter().any(|f| {
                f.seq == si
                    && f.kind == Kind::Person
                    && f.tokens.contains(&p)
                    && !f.tokens.contains(&first)
                    && (f.tokens.len() > 1 || f.tokens.start < p)
            }) {
                break;
            }
            start = p;
        }
        while start < first && NAME_JOINERS.contains(&seq.word(start)) {
            start += 1;
        }
        let mut end = last + 1;
        // After a legal form the name is over: `Harlow Pharmaceuticals Inc of Toledo`
        // says where the company is.
        let legal_form = LEGAL_FORMS.contains(&seq.word(last));
        if end + 1 < n && matches!(seq.word(end), "of" | "for" | "on") && !legal_form {
            let mut k = end + 1;
            if k < n && seq.word(k) == "the" {
                k += 1;
            }
            let mut e = k;
            let name_word =
                |e: usize| cap(e) && !person_at(e) && seq.info[e].gaz & word::ROLE_HEAD == 0;
            while e < n && name_word(e) {
                e += 1;
                // `Ministry of Trade and Industry`, `Committee for Peace and Reconciliation`:
                // one plain word after `and`, not the start of another name (`... of Defense
                // and NATO`, `and State Department`, `and Russia`).
                let plain_last = |k: usize| {
                    name_word(k)
                        && !seq.tokens[k].all_caps
                        && seq.info[k].gaz & (word::ORG | flag::COUNTRY_B | flag::PLACE_B) == 0
                        && seq.info[k].gaz & (flag::DEMONYM_B | flag::ORG_B) == 0
                        && (k + 1 >= n || !seq.tokens[k + 1].init_cap)
                };
                if e + 1 < n && seq.word(e) == "and" && plain_last(e + 1) {
                    e += 1;
                }
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
        // The tagger's organization goes on past the last head word with words that are no
        // person, title or second name (`Consumer Electronics Show`, `Harlow Electric
        // Power`, `Committee for Peace and Reconciliation in Europe`): its longer name stands.
        let goes_on = |f: &Found| {
            // (Not past a legal form: `Kia Motor Corp of South Korea` is a company and where
            // it is.)
            let next = span.end;
            let plain = |k: usize| {
                cap(k)
                    && !person_at(k)
                    && seq.info[k].gaz & (word::ROLE_HEAD | word::ROLE_MOD | word::GIVEN) == 0
            };
            f.seq == si
                && !legal_form
                && f.kind == Kind::Organization
                && f.tokens.start <= span.start
                && f.tokens.end > next
                && (plain(next)
                    || ORGANIZATION_PARTICLES.contains(&seq.word(next))
                        && next + 1 < f.tokens.end
                        && cap(next + 1))
        };
        if found.iter().any(goes_on) {
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
                // A person glued on (`Northern Fleet Aleksandr Moiseev`) is a person; what
                // follows a small word (`... in Europe`) keeps only what the lists say of it.
                let kind = if seq.info[span.end].gaz & word::GIVEN != 0 {
                    Kind::Person
                } else if !seq.tokens[span.end].init_cap {
                    Kind::Misc
                } else {
                    f.kind
                };
                kept.push((span.end..f.tokens.end, kind));
            }
            false
        });
        for (mut toks, kind) in kept {
            // What is left of `Russian Army’s Reconciliation Center` between two names is
            // `’s`: small words and marks at the edges are no part of a name (nor `in` of
            // `... Reconciliation in Europe`).
            let edge = |i: usize| !seq.tokens[i].init_cap || matches!(seq.word(i), "'s" | "’s");
            while toks.start < toks.end && edge(toks.start) {
                toks.start += 1;
            }
            while toks.start < toks.end && edge(toks.end - 1) {
                toks.end -= 1;
            }
            if seq.tokens[toks.clone()].iter().any(|t| t.init_cap) {
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
/// tagger cut up or only partly found: the listed name replaces the pieces inside it; and
/// countries the tagger did not see at all.
pub fn listed_names(seq: &Sequence, si: usize, found: &mut Vec<Found>) {
    for (span, p) in &seq.listed {
        let (span, n) = (span.clone(), span.len());
        let overlapping: Vec<&Found> = found
            .iter()
            .filter(|f| f.seq == si && f.tokens.start < span.end && f.tokens.end > span.start)
            .collect();
        // A country the tagger left alone is still the country (`along with the US`): news
        // rarely writes a country's name for anything else. Not in a line of capitals, where
        // `US` is as often the pronoun, nor before another capital, where it is as often a
        // given name (`Chad Ellis`, `Jordan Henderson`).
        let name_goes_on = seq
            .tokens
            .get(span.end)
            .is_some_and(|t| t.init_cap && t.wordlike);
        if p.kind == PhraseKind::Country
            && overlapping.is_empty()
            && !name_goes_on
            && !(p.acronym && seq.info[span.start].flags & flag::ALL_CAPS_LINE != 0)
        {
            found.push(Found {
                seq: si,
                tokens: span,
                kind: Kind::Location,
            });
            continue;
        }
        if n < 2 || p.kind == PhraseKind::Demonym {
            continue;
        }
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
    split_pairs(seqs, &votes, found);
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
    speakers(seqs, title, &mut votes, found);

    // One kind per written form: a clear majority among people, organizations and places
    // overrules the odd one out (`NATO` read once as a person). A bare majority does not:
    // the same words can name two things in one article (`Chicago` the city and the team),
    // and overruling those cost more than it mended when measured on CoNLL-2003.
    for f in found.iter_mut() {
        if !f.kind.core() {
            continue;
        }
        if let Some(v) = votes.get(&key(&seqs[f.seq], f.tokens.clone()))
            && let Some(kind) = majority(v)
            && kind.core()
            && v[kind as usize] >= CLEAR_MAJORITY * v[f.kind as usize]
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
    // body count: a headline's guess (`Minister backs Kovacs Dagestan peace plan` read as
    // one name) must not turn every `Dagestan` of the body into a person.
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

/// Two names joined by `and` and read as one (`Leeds and Bristol`, `Vantor Holdings and
/// Kellbrook Group`) are two, when each part is a name of its own elsewhere in the document
/// or in the lists; a name that merely contains `and` (`Committee for Peace and
/// Reconciliation`, `Bosnia and Herzegovina`) has parts that are not.
fn split_pairs(seqs: &[Sequence], votes: &IdentityMap<[u32; 6]>, found: &mut Vec<Found>) {
    let mut add = Vec::new();
    for f in found.iter_mut() {
        let seq = &seqs[f.seq];
        let Some(a) =
            (f.tokens.start + 1..f.tokens.end.saturating_sub(1)).find(|&i| seq.word(i) == "and")
        else {
            continue;
        };
        let listed = |r: Range<usize>| {
            GAZETTEER
                .phrase(seq.text, &seq.tokens[r.clone()], &seq.lowers[r])
                .is_some()
        };
        if listed(f.tokens.clone()) {
            continue;
        }
        let kind_of = |r: Range<usize>| -> Option<Kind> {
            if let Some(k) = votes.get(&key(seq, r.clone())).and_then(majority) {
                return Some(k);
            }
            listed(r.clone()).then(|| refine(seq, r, f.kind))
        };
        let (left, right) = (f.tokens.start..a, a + 1..f.tokens.end);
        let (Some(lk), Some(rk)) = (kind_of(left.clone()), kind_of(right.clone())) else {
            continue;
        };
        add.push(Found {
            seq: f.seq,
            tokens: right,
            kind: rk,
        });
        f.tokens = left;
        f.kind = lk;
    }
    found.extend(add);
}

/// How many times the votes of another kind must outnumber a mention's own kind to change it.
const CLEAR_MAJORITY: u32 = 3;

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
/// no listed organization, and the tagger left it alone or called it `misc` (a capital at a
/// sentence start is no evidence for the tagger, but a lone subject of `said` in news is
/// nearly always a person).
///
/// The same word after a comma (`Speaking in Stockholm, Lindqvist told reporters`, `In Paris,
/// Smith said`) is one too, even against the tagger's place or organization, when the verb
/// is `told` or the word is a listed surname: after `Paris ,` the tagger, trained on lists of
/// places, leans to a place, while companies are rarely `told` anything and seldom share a
/// name with a common surname.
fn speakers(
    seqs: &[Sequence],
    title: Option<usize>,
    votes: &mut IdentityMap<[u32; 6]>,
    found: &mut Vec<Found>,
) {
    for (si, seq) in seqs.iter().enumerate() {
        if Some(si) == title || seq.tokens.len() < 3 {
            continue;
        }
        let first = (0..seq.tokens.len()).find(|&i| seq.tokens[i].wordlike);
        let after_comma = (1..seq.tokens.len() - 1).filter(|&i| seq.word(i - 1) == ",");
        for i in first.into_iter().chain(after_comma) {
            let t = &seq.tokens[i];
            let g = seq.info[i].gaz;
            // An ordinary word is no name, unless it is a common surname too (`Smith`).
            let ordinary = g & word::COMMON != 0 && g & word::SURNAME == 0;
            let unknown = !ordinary
                && g & (word::NOT_NAME | word::ORG | word::ROLE_HEAD | word::ROLE_MOD) == 0
                && g & (flag::COUNTRY_B | flag::PLACE_B | flag::DEMONYM_B | flag::ORG_B) == 0;
            let plain = t.init_cap && !t.all_caps && t.span.len() > 2 && unknown;
            let verb = seq.tokens.get(i + 1).map(|_| seq.word(i + 1));
            if !plain || !verb.is_some_and(|v| SAYING.contains(&v)) {
                continue;
            }
            let strong = verb == Some("told") || g & word::SURNAME != 0;
            // What the tagger made of the word alone may be overruled: `misc` always (the
            // subject of `said` is not a product or a title), a place or an organization
            // only on strong evidence.
            let overruled = |f: &Found| {
                f.seq == si
                    && f.tokens == (i..i + 1)
                    && (f.kind == Kind::Misc
                        || strong && matches!(f.kind, Kind::Location | Kind::Organization))
            };
            let taken = found
                .iter()
                .any(|f| f.seq == si && f.tokens.contains(&i) && !overruled(f));
            if taken || (i != first.unwrap_or(0) && !strong) {
                continue;
            }
            let v = votes.entry(key(seq, i..i + 1)).or_insert([0; 6]);
            for f in found.iter().filter(|f| overruled(f)) {
                v[f.kind as usize] = v[f.kind as usize].saturating_sub(2);
            }
            v[Kind::Person as usize] += 2;
            found.retain(|f| !overruled(f));
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
    for (span, p) in &seq.listed {
        found.push(Found {
            seq: si,
            tokens: span.clone(),
            kind: match p.kind {
                PhraseKind::Demonym => Kind::Nationality,
                PhraseKind::Organization => Kind::Organization,
                PhraseKind::Country | PhraseKind::Place => Kind::Location,
            },
        });
    }
}
