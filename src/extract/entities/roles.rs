//! Titles attached to people: `Defense Minister Sergei Shoigu`, `White House National Security
//! Council spokesman John Kirby`, `Russia's president, Vladimir Putin,` and
//! `Radoslaw Sikorski, Poland's foreign minister,`.
//!
//! A role is a run of tokens next to a person's name made of title words (`data/entities/
//! roles.txt`: heads such as `minister`, qualifiers such as `defense`), the names of
//! organizations, places and nationalities the tagger found (`Russian`, `Northern Fleet`), and
//! the small words that join them (`of`, `the`, `and`, `'s`). It must contain a head word, and
//! after its last head only joiners and organization or place names may follow
//! (`Commander of the Northern Fleet`). The role text is kept as written, less a leading
//! article, because the quotes extractor matches `the minister` or `the Russian leader`
//! against it. A title the tagger swallowed into the name (`President Vladimir Putin` as one
//! person) is cut off the name here and becomes the role.

use std::ops::Range;

use super::gazetteer::word;
use super::spans::{Found, Kind};
use super::tagger::Sequence;

const JOINERS: &[&str] = &["of", "the", "and", "'s", "’s", "for", "at", "-", "in"];
const ARTICLES: &[&str] = &["the", "a", "an", "The", "A", "An"];

/// What a token is to a role.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Head,
    Modifier,
    /// The name of an organization, place or nationality (the whole span).
    Name,
    Joiner,
    /// A capitalized word right before a title word (`Treasury Secretary`).
    Qualifier,
    None,
}

/// The role of each found name (people only), parallel to `found`. Titles swallowed into a
/// person's span are moved out of it.
pub fn find(seqs: &[Sequence], found: &mut [Found]) -> Vec<Option<String>> {
    let mut roles = vec![None; found.len()];
    // Which found name covers each token, per sequence.
    let mut owner: Vec<Vec<Option<(usize, Kind)>>> =
        seqs.iter().map(|s| vec![None; s.tokens.len()]).collect();
    for (fi, f) in found.iter().enumerate() {
        for o in &mut owner[f.seq][f.tokens.clone()] {
            *o = Some((fi, f.kind));
        }
    }
    for fi in 0..found.len() {
        if found[fi].kind != Kind::Person {
            continue;
        }
        let seq = &seqs[found[fi].seq];
        let owners = &owner[found[fi].seq];
        // A title inside the span: `President Vladimir Putin` tagged as one person.
        let mut inner_start = found[fi].tokens.start;
        while inner_start + 1 < found[fi].tokens.end && is_title_word(seq, inner_start) {
            inner_start += 1;
        }
        let span = found[fi].tokens.clone();
        let left = left_role(seq, owners, span.start);
        let role_range = if inner_start > span.start {
            Some(left.map_or(span.start, |r| r.start)..inner_start)
        } else {
            left.or_else(|| left_apposition(seq, owners, span.clone()))
                .or_else(|| right_apposition(seq, owners, span.end))
        };
        found[fi].tokens.start = inner_start;
        roles[fi] = role_range.and_then(|r| role_text(seq, r));
    }
    roles
}

fn is_title_word(seq: &Sequence, i: usize) -> bool {
    seq.info[i].gaz & (word::ROLE_HEAD | word::ROLE_MOD) != 0 && seq.tokens[i].init_cap
}

fn part(seq: &Sequence, owners: &[Option<(usize, Kind)>], i: usize) -> Part {
    if let Some((_, kind)) = owners[i] {
        return if kind == Kind::Person {
            Part::None
        } else {
            Part::Name
        };
    }
    let g = seq.info[i].gaz;
    if g & word::ROLE_HEAD != 0 {
        Part::Head
    } else if g & word::ROLE_MOD != 0 {
        Part::Modifier
    } else if JOINERS.contains(&seq.word(i)) {
        Part::Joiner
    } else if seq.tokens[i].init_cap && seq.tokens[i].wordlike {
        Part::Qualifier
    } else {
        Part::None
    }
}

/// Checks a run of parts read left to right: it has a head, a qualifier stands only before a
/// title word, and after the last head come only joiners and names.
fn valid(parts: &[Part]) -> bool {
    let Some(last_head) = parts.iter().rposition(|&p| p == Part::Head) else {
        return false;
    };
    let tail_ok = parts[last_head + 1..]
        .iter()
        .all(|&p| matches!(p, Part::Joiner | Part::Name));
    let qualifiers_ok = parts.windows(2).all(|w| {
        w[0] != Part::Qualifier || matches!(w[1], Part::Head | Part::Modifier | Part::Qualifier)
    }) && parts.last() != Some(&Part::Qualifier);
    tail_ok && qualifiers_ok
}

/// Parts of the tokens in `range`, each found name counted once.
fn parts_of(seq: &Sequence, owners: &[Option<(usize, Kind)>], range: Range<usize>) -> Vec<Part> {
    let mut out = Vec::with_capacity(range.len());
    let mut last_owner = None;
    for i in range {
        if owners[i].is_some() && owners[i] == last_owner {
            continue;
        }
        last_owner = owners[i];
        out.push(part(seq, owners, i));
    }
    out
}

/// The longest valid role ending right before token `end` (`Defense Minister` + name).
fn left_role(seq: &Sequence, owners: &[Option<(usize, Kind)>], end: usize) -> Option<Range<usize>> {
    let mut start = end;
    let mut best = None;
    while start > 0 && end - start < 14 {
        let i = start - 1;
        if owners[i].is_some_and(|o| owners[end..].first() == Some(&Some(o))) {
            break;
        }
        if !seq.tokens[i].wordlike && !JOINERS.contains(&seq.word(i)) {
            break;
        }
        if owners[i].is_none() && part(seq, owners, i) == Part::None {
            break;
        }
        // A whole found name at a time.
        let mut s = i;
        if let Some(o) = owners[i] {
            while s > 0 && owners[s - 1] == Some(o) {
                s -= 1;
            }
        }
        start = s;
        if ARTICLES.contains(&seq.word(start)) || JOINERS.contains(&seq.word(start)) {
            continue;
        }
        let parts = parts_of(seq, owners, start..end);
        if parts.contains(&Part::None) {
            break;
        }
        if valid(&parts) && parts.last() == Some(&Part::Head)
            || valid(&parts) && ends_in_name_after_head(&parts)
        {
            best = Some(start..end);
        }
    }
    best
}

fn ends_in_name_after_head(parts: &[Part]) -> bool {
    parts.last() == Some(&Part::Name) && parts.contains(&Part::Head)
}

/// `Russia's president, Vladimir Putin,`: a role, a comma, then the name, then a comma or the
/// end of the sentence.
fn left_apposition(
    seq: &Sequence,
    owners: &[Option<(usize, Kind)>],
    name: Range<usize>,
) -> Option<Range<usize>> {
    if name.start < 2 || seq.word(name.start - 1) != "," || !closes_apposition(seq, name.end) {
        return None;
    }
    let role = left_role(seq, owners, name.start - 1)?;
    let parts = parts_of(seq, owners, role.clone());
    (parts.last() == Some(&Part::Head)).then_some(role)
}

/// `Radoslaw Sikorski, Poland's foreign minister,`: a comma after the name, then a role that
/// ends at a comma, a period or the end of the paragraph.
fn right_apposition(
    seq: &Sequence,
    owners: &[Option<(usize, Kind)>],
    after: usize,
) -> Option<Range<usize>> {
    if after >= seq.tokens.len() || seq.word(after) != "," {
        return None;
    }
    let start = after + 1;
    let mut end = start;
    while end < seq.tokens.len() && end - start < 10 {
        if closes_apposition(seq, end) {
            break;
        }
        end += 1;
    }
    if end == start || !closes_apposition(seq, end) {
        return None;
    }
    let mut s = start;
    while s < end && ARTICLES.contains(&seq.word(s)) {
        s += 1;
    }
    let parts = parts_of(seq, owners, s..end);
    // Lowercase words other than titles (`the country's top diplomat`) are not allowed: they
    // are as often the start of a clause (`who said`).
    (!parts.contains(&Part::None) && valid(&parts)).then_some(start..end)
}

fn closes_apposition(seq: &Sequence, i: usize) -> bool {
    i >= seq.tokens.len() || matches!(seq.word(i), "," | "." | ";" | ")" | "—" | "–")
}

/// The role as written, without a leading article or joiner.
fn role_text(seq: &Sequence, mut r: Range<usize>) -> Option<String> {
    while r.start < r.end
        && (ARTICLES.contains(&seq.word(r.start)) || JOINERS.contains(&seq.word(r.start)))
    {
        r.start += 1;
    }
    while r.start < r.end && !seq.tokens[r.end - 1].wordlike {
        r.end -= 1;
    }
    if r.start >= r.end {
        return None;
    }
    let text = &seq.text[seq.tokens[r.start].span.start..seq.tokens[r.end - 1].span.end];
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}
