//! Direct, partial and indirect quotes with their speakers.
//!
//! A paragraph at a time: `text` tokenizes it and pairs its quotation marks; then every word
//! of the reporting-verb lexicon outside quotation marks is a cue, and `source` finds its
//! subject. A quotation takes the speaker of the cue next to it (`“…,” he said`, `X said: “…”`),
//! of the sentence it sits in (a partial quote: `warned of “any situation.”`), of the sentence
//! before it in the paragraph, or of the previous paragraph's last quote or closing
//! `X said:` (a continuation). An interrupted quotation (`“A,” she said, “B.”`) is one
//! statement when the interruption is short beside it: its span then runs from A to B,
//! attribution included, because a span is one range of the body. A list of quoted words in
//! one clause (`a “liar,” a “cheat” and “sick”`) is one partial quote. Words in quotation marks
//! that name something (`the “Islamic State” group`, `“hybrid warfare” efforts`, a heading)
//! are stored as `scare`. Reported speech is the content of a cue outside quotation marks:
//! after it (`X said that …`, `X says …`, `X added: …`), before it (`…, X said.`), on both
//! sides of an attribution in the middle (`The plan, she said, would fail`: one span,
//! attribution included), around `according to X`, or after a speaker label (`WALLACE: …`).
//! Verbs that report a position take a noun phrase or an infinitive as content (`criticized
//! the plan`, `called for a recount`, `urged voters to stay home`). Quoted words that the
//! sentence carries on past (`says Obama is “obsessed” with it`) were worked into the
//! reporter's clause: when that clause is found as reported speech they are part of it, not a
//! partial quote of their own. `resolve` turns each speaker phrase into an entity's canonical
//! name when the entity extractor's mentions allow it, else the source as written. Clustering
//! the same quote across documents is the store's job (`db::quotes`), because it needs every
//! earlier document.
//!
//! The rules are about English news prose, not about any one corpus; the words they use are in
//! `data/quotes/`. Titles are not searched: a quote must have body offsets. Paragraphs with no
//! quotation mark, reporting verb or label are skipped after one cheap scan, which keeps the
//! stage within its time budget.

mod lexicon;
mod resolve;
mod source;
mod text;

use crate::document::{Article, Mention, Quote, QuoteKind, Span};

use lexicon::{LEXICON, Verb};
use resolve::{Phrase, Resolved, Resolver};
use source::{Np, NpClass};
use text::{Kind, Para};

pub use resolve::Resolved as Speaker;

/// A reporting cue in a paragraph.
#[derive(Debug, Clone)]
struct Cue {
    /// The verb (or `according`).
    tok: usize,
    /// Last token of the cue phrase ("told reporters", "pointed out", "according to").
    end: usize,
    verb: Verb,
    according: bool,
    /// Its speaker phrase, if one was found.
    subject: Option<Np>,
    /// The speaker phrase follows the verb ("said John Kirby").
    inverted: bool,
}

/// Who a found quote is attributed to, before resolution.
#[derive(Debug, Clone)]
enum Who {
    Np(Np),
    /// The last speaker of the previous paragraph.
    Continued,
    Nobody,
}

#[derive(Debug, Clone)]
struct Found {
    kind: QuoteKind,
    span: Span,
    who: Who,
    cue: Option<(usize, usize)>,
}

pub fn extract(article: &Article, mentions: &[Mention]) -> Vec<Quote> {
    let mut resolver = Resolver::new(mentions);
    let mut out = Vec::new();
    let mut last_speaker: Option<(Resolved, Option<String>, Option<String>)> = None;
    for (pi, para_span) in article.paragraphs.iter().enumerate() {
        if para_span.end > article.body.len() || para_span.start >= para_span.end {
            continue;
        }
        let text = &article.body[para_span.clone()];
        if !could_hold_a_quote(text) {
            last_speaker = None;
            continue;
        }
        let p = Para::new(&article.body, para_span.clone());
        let mut found = paragraph(&p);
        found.sort_by_key(|f| f.span.start);
        let mut this_para_speaker = None;
        for f in found {
            let cue = f.cue.map(|(a, b)| p.text_range(a, b).to_string());
            let (speaker, mention) = match &f.who {
                Who::Np(np) => {
                    let phrase = phrase_of(&p, np);
                    let who = match local_antecedent(&p, np) {
                        Some(name) => resolver.resolve_in(&phrase_of(&p, &name), pi),
                        None => resolver.resolve_in(&phrase, pi),
                    };
                    resolver.record(Some(&phrase), &who, phrase.span.start, pi);
                    (Some(who), Some(phrase.text.to_string()))
                }
                Who::Continued => match &last_speaker {
                    Some((who, mention, _)) => (Some(who.clone()), mention.clone()),
                    None => (None, None),
                },
                Who::Nobody => (None, None),
            };
            let cue = cue.or_else(|| match (&f.who, &last_speaker) {
                (Who::Continued, Some((_, _, c))) => c.clone(),
                _ => None,
            });
            if let Some(who) = &speaker
                && f.kind != QuoteKind::Scare
            {
                this_para_speaker = Some((who.clone(), mention.clone(), cue.clone()));
            }
            out.push(Quote {
                kind: f.kind,
                span: f.span,
                speaker: speaker.as_ref().map(|s| s.speaker.clone()),
                speaker_kind: speaker.and_then(|s| s.kind),
                speaker_mention: mention,
                cue,
            });
        }
        // "Caddell continued:" closing a paragraph introduces the quotation that follows.
        if let Some((np, cue)) = introduces_next_paragraph(&p) {
            let phrase = phrase_of(&p, &np);
            let who = resolver.resolve_in(&phrase, pi);
            resolver.record(Some(&phrase), &who, phrase.span.start, pi);
            this_para_speaker = Some((who, Some(phrase.text.to_string()), Some(cue)));
        }
        last_speaker = this_para_speaker;
    }
    out
}

/// Verbs after which "to" + a reporting verb still reports what the subject says.
static CATENATIVE: &[&str] = &[
    "continue",
    "continues",
    "continued",
    "appear",
    "appears",
    "appeared",
    "seem",
    "seems",
    "seemed",
    "went",
    "go",
    "goes",
    "began",
    "begin",
    "begins",
    "wants",
    "wanted",
];

/// The reporting verb at `i` as it is used: `None` for a passive ("is said to") or an
/// infinitive ("declined to say"); a progressive ("is warning") and an infinitive after a verb
/// like "continue" ("continues to insist") are finite and take content like one.
fn finite_form(p: &Para, i: usize, verb: Verb) -> Option<Verb> {
    let Some(before) = i.checked_sub(1) else {
        return Some(verb);
    };
    let prev = p.lw(before);
    let be = matches!(
        prev,
        "be" | "is" | "are" | "was" | "were" | "been" | "being" | "am"
    );
    if be && verb.ing {
        return Some(Verb { ing: false, ..verb });
    }
    if be {
        return None;
    }
    if prev == "to" {
        let catenative = before
            .checked_sub(1)
            .is_some_and(|k| CATENATIVE.contains(&p.lw(k)));
        let base = !p.lw(i).ends_with("ed") && !verb.ing;
        return (catenative && base).then_some(verb);
    }
    Some(verb)
}

/// The token whose subject speaks for the reporting verb at `i`: the be-form of a
/// progressive, the verb before "to" of a catenative, else the verb itself.
fn carrier(p: &Para, i: usize) -> usize {
    match i.checked_sub(1).map(|k| p.lw(k)) {
        Some("is" | "are" | "was" | "were" | "been" | "am") => i - 1,
        Some("to") if i >= 2 && CATENATIVE.contains(&p.lw(i - 2)) => i - 2,
        _ => i,
    }
}

/// A cheap test that skips most paragraphs without quotation marks, reporting verbs or a
/// leading label: the full analysis would find nothing in them.
fn could_hold_a_quote(text: &str) -> bool {
    let marks = text.contains(['"', '“', '”', '«', '»', '„', '‘'])
        || text.contains(" '")
        || text.starts_with(['\'', '’'])
        || text.contains(" ’");
    let label = text.char_indices().take(40).any(|(_, c)| c == ':');
    marks || label || LEXICON.has_cue(text)
}

/// A paragraph that ends with a cue and a colon ("Caddell continued:", "The letter reads:"):
/// its speaker phrase and cue, for the quotation in the next paragraph.
fn introduces_next_paragraph(p: &Para) -> Option<(Np, String)> {
    let last = p.toks.len().checked_sub(1)?;
    if !p.toks[last].is_punct(':') || p.in_region(last) {
        return None;
    }
    let cues = cues(p);
    let (s, _) = sentence_bounds(p, last);
    let cue = cues
        .iter()
        .rev()
        .find(|c| c.tok >= s && last - c.end <= 8 && (c.verb.speech || c.according))?;
    Some((
        cue.subject.clone()?,
        p.text_range(cue.tok, cue.end).to_string(),
    ))
}

fn phrase_of<'a>(p: &Para<'a>, np: &Np) -> Phrase<'a> {
    let span = p.toks[np.first].start..p.toks[np.last].end;
    Phrase {
        text: &p.body[span.clone()],
        span,
        class: np.class,
        name: np
            .name
            .map(|(a, b)| (p.toks[a].start..p.toks[b].end, p.text_range(a, b))),
        role: np.role.map(|(a, b)| p.text_range(a, b)),
    }
}

/// For "he" or "she" in a subordinate clause ("statements by Donald Trump, in which he
/// suggested"), the name closest before it in the same sentence, which is what such a pronoun
/// refers to far more often than the paragraph's speaker.
fn local_antecedent(p: &Para, np: &Np) -> Option<Np> {
    if np.class != NpClass::Pronoun(lexicon::PronounKind::Person) || np.first == 0 {
        return None;
    }
    let subordinate = matches!(
        p.lw(np.first - 1),
        "which"
            | "that"
            | "who"
            | "whom"
            | "where"
            | "when"
            | "as"
            | "because"
            | "after"
            | "before"
            | "while"
            | "if"
    );
    if !subordinate {
        return None;
    }
    let (s, _) = sentence_bounds(p, np.first);
    let mut k = np.first - 1;
    while k > s + 1 {
        k -= 1;
        let run_end = p.toks[k].is_word()
            && p.toks[k].cap
            && p.toks[k - 1].is_word()
            && p.toks[k - 1].cap
            && !p.in_region(k);
        if run_end {
            let mut a = k - 1;
            while a > s + 1 && p.toks[a - 1].is_word() && p.toks[a - 1].cap {
                a -= 1;
            }
            return source::classify(p, a, k).filter(|n| n.class == NpClass::Name);
        }
    }
    None
}

fn sentence_bounds(p: &Para, i: usize) -> (usize, usize) {
    p.sentences[p.sentence_of[i] as usize]
}

/// Every reporting cue of the paragraph outside quotation marks, with its speaker phrase.
fn cues(p: &Para) -> Vec<Cue> {
    let mut out: Vec<Cue> = Vec::new();
    for i in 0..p.toks.len() {
        if !p.toks[i].is_word() || p.in_region(i) {
            continue;
        }
        let w = p.lw(i);
        let (s, e) = sentence_bounds(p, i);
        if w == "according" && i + 1 < e && p.lw(i + 1) == "to" {
            let subject = source::np_starting_at(p, i + 2, e);
            out.push(Cue {
                tok: i,
                end: i + 1,
                verb: Verb {
                    speech: true,
                    bare: false,
                    obj: false,
                    np: false,
                    ing: false,
                },
                according: true,
                subject,
                inverted: true,
            });
            continue;
        }
        let Some(verb) = LEXICON.verb(w) else {
            continue;
        };
        // "the United States", "Post": a capitalized verb form inside a sentence is a name.
        if p.toks[i].cap && i != s {
            continue;
        }
        let Some(verb) = finite_form(p, i, verb) else {
            continue;
        };
        let mut end = i;
        if matches!(w, "pointed" | "point" | "points") {
            if i + 1 < e && p.lw(i + 1) == "out" {
                end = i + 1;
            } else {
                continue;
            }
        }
        if verb.obj
            && let Some(last) = source::object_after(p, i + 1, e)
        {
            end = last;
        }
        // "called for a recount", "asked about the deal", "warned of risks": the particle
        // belongs to the cue, and the content follows it.
        if verb.np && end == i && i + 2 < e && p.toks[i + 1].is_word() {
            let next = p.lw(i + 1);
            let call = w.starts_with("call");
            if call && matches!(next, "for" | "on") || matches!(next, "about" | "of") {
                end = i + 1;
            }
        }
        // The word whose subject is the speaker: the verb itself, or what carries it ("is
        // warning", "continues to insist").
        let head = carrier(p, i);
        let mut subject = if head != i {
            source::subject_of(p, head, s)
        } else if verb.ing {
            // "with Russia warning that": the -ing form's own subject after "with".
            // "with Russia warning that", "footage of Hillary Clinton asking": a name right
            // before the -ing form is its subject.
            source::subject_of(p, i, s)
                .filter(|np| np.first > 0 && p.lw(np.first - 1) == "with")
                .or_else(|| {
                    let before = i.checked_sub(1)?;
                    source::name_ending_at(p, before, s)
                        .filter(|np| np.class == NpClass::Name && np.last + 1 == i)
                })
        } else {
            source::subject_of(p, i, s)
        };
        let mut inverted = false;
        if subject.is_none() && !verb.ing && (i > s || p.toks[i].cap) {
            // "Said Ellis: “…”": a sentence may open with the inverted cue.
            let after_quote_or_comma = i == s || {
                let before = p.toks[i - 1];
                before.is_punct(',') || matches!(before.kind, Kind::Mark(..)) || p.in_region(i - 1)
            };
            if after_quote_or_comma && verb.speech {
                // "..., said Kirby." / "..., said Kirby, the spokesman": the inverted speaker
                // ends its clause; a verb after it makes it the subject of reported content
                // ("..., said Obama failed to ...").
                subject = source::np_starting_at(p, i + 1, e).filter(|np| {
                    let k = np.last + 1;
                    k >= e || !p.toks[k].is_word() || {
                        let w = p.lw(k);
                        source::is_preposition(w) || WHEN_WORDS.contains(&w)
                    }
                });
                if let Some(np) = &subject {
                    end = end.max(i);
                    inverted = np.first == i + 1;
                }
            }
        }
        // "Cole spoke for an hour and said ...": a second verb shares the sentence's subject.
        if subject.is_none() && !verb.ing && i > s + 1 && p.lw(i - 1) == "and" {
            subject = source::sentence_subject(p, s, e).filter(|np| np.last + 1 < i - 1);
        }
        if subject.is_none() && !verb.ing && head == i && i > s {
            subject = source::opening_subject(p, i, s);
        }
        let after_comma = i > s && (p.toks[i - 1].is_punct(',') || p.toks[i - 1].is_punct(':'));
        if subject.is_none() && verb.ing && after_comma {
            // "..., saying": the subject of the sentence's earlier cue, or of the sentence.
            subject = out
                .iter()
                .rev()
                .filter(|c| c.tok >= s && c.tok < i && !c.according)
                .find_map(|c| c.subject.clone())
                .or_else(|| source::sentence_subject(p, s, e));
        }
        out.push(Cue {
            tok: i,
            end,
            verb,
            according: false,
            subject,
            inverted,
        });
    }
    out
}

fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The analysis of one paragraph: quotes with their (unresolved) speakers.
fn paragraph(p: &Para) -> Vec<Found> {
    if p.toks.is_empty() {
        return Vec::new();
    }
    let cues = cues(p);
    let mut found = Vec::new();
    let label = labelled_line(p);
    if let Some(l) = &label {
        found.push(l.clone());
    }
    let mut attributed: Vec<Option<Attribution>> = Vec::with_capacity(p.regions.len());
    for ri in 0..p.regions.len() {
        attributed.push(attribute(p, ri, &cues));
    }
    // An interrupted quote (“A,” she said, “B.”) is one statement: merge the two parts.
    let mut skip = vec![false; p.regions.len()];
    let mut spans: Vec<Span> = p.regions.iter().map(|r| r.inner.clone()).collect();
    for ri in 0..p.regions.len().saturating_sub(1) {
        if skip[ri] {
            continue;
        }
        let (Some((ci, _, Placement::After)), Some((cj, _, _))) =
            (&attributed[ri], &attributed[ri + 1])
        else {
            continue;
        };
        let a = &p.regions[ri];
        let b = &p.regions[ri + 1];
        let first_words = &p.body[a.inner.clone()];
        let same_cue = ci == cj;
        let cue_tok = ci.0;
        let between_is_clause = a
            .close
            .is_some_and(|c| c < cue_tok && cue_tok < b.open && b.open - c <= 30);
        // Merged, the interrupting attribution becomes part of the quote's words: only worth
        // it while it is short beside them.
        let quoted = word_count(first_words) + word_count(&p.body[b.inner.clone()]);
        let interruption = a.close.map_or(usize::MAX, |c| {
            word_count(&p.body[p.toks[c].end..p.toks[b.open].start])
        });
        let short = interruption * 3 <= quoted * 2;
        if same_cue && between_is_clause && short && ends_clause_open(first_words) {
            spans[ri] = a.inner.start..b.inner.end;
            skip[ri + 1] = true;
        }
    }
    // A list of quoted words in one clause (called him a “nasty guy,” an “anchor baby” and
    // “unstable”) is one partial quote: the words were said together, and one row per epithet
    // would count a single characterization several times.
    let embedded: Vec<bool> = (0..p.regions.len()).map(|ri| is_embedded(p, ri)).collect();
    let mut last: Vec<usize> = (0..p.regions.len()).collect();
    let mut ri = 0;
    while ri + 1 < p.regions.len() {
        let mut k = ri;
        let alone = !skip[ri] && spans[ri] == p.regions[ri].inner;
        if alone && embedded[ri] && attributed[ri].is_some() {
            while k + 1 < p.regions.len() && embedded[k + 1] && listed_together(p, k, k + 1) {
                k += 1;
                skip[k] = true;
            }
        }
        if k > ri {
            spans[ri] = spans[ri].start..p.regions[k].inner.end;
            last[ri] = k;
        }
        ri = k + 1;
    }
    // Partial quotes that the sentence carries on past, to drop when reported speech holds them.
    let mut worked_in: Vec<usize> = Vec::new();
    for (ri, region) in p.regions.iter().enumerate() {
        if skip[ri] || ri == 0 && region.open == 0 && label.is_some() {
            continue;
        }
        let words = &p.body[region.inner.clone()];
        let n_words = word_count(words);
        if n_words == 0 {
            continue;
        }
        let embedded = embedded[ri];
        match &attributed[ri] {
            Some((cue_toks, who, placement)) => {
                // A quotation inside a clause is a partial quote (or a term), whichever cue
                // attributes it; only one that stands as a sentence of its own is direct.
                let _ = placement;
                let kind = if is_name_or_title(p, ri) || embedded && is_scare(p, ri) {
                    QuoteKind::Scare
                } else if embedded {
                    QuoteKind::Partial
                } else {
                    QuoteKind::Direct
                };
                let who = if kind == QuoteKind::Scare {
                    Who::Nobody
                } else {
                    who.clone()
                };
                if kind == QuoteKind::Partial && carries_on(p, last[ri], &cues) {
                    worked_in.push(found.len());
                }
                found.push(Found {
                    kind,
                    span: spans[ri].clone(),
                    who,
                    cue: (kind != QuoteKind::Scare).then_some(*cue_toks),
                });
            }
            None => {
                let starts_para = p.regions[ri].open == 0;
                if embedded || n_words < 3 || is_name_or_title(p, ri) {
                    found.push(Found {
                        kind: QuoteKind::Scare,
                        span: spans[ri].clone(),
                        who: Who::Nobody,
                        cue: None,
                    });
                } else {
                    found.push(Found {
                        kind: QuoteKind::Direct,
                        span: spans[ri].clone(),
                        who: if starts_para {
                            Who::Continued
                        } else {
                            Who::Nobody
                        },
                        cue: None,
                    });
                }
            }
        }
    }
    // Quoted words that the sentence carries on past (`says Obama is “obsessed” with the
    // issue`) were worked into the reporter's own clause: the statement is that clause, reported
    // speech, and when it is found as such the words are part of it, not a second quote.
    let reported = indirect(p, &cues);
    let mut k = 0;
    found.retain(|f| {
        let i = k;
        k += 1;
        !(worked_in.contains(&i)
            && reported
                .iter()
                .any(|r| r.span.start <= f.span.start && f.span.end <= r.span.end))
    });
    found.extend(reported);
    found
}

/// Do quotations `a` and `b` stand in one list, with only commas, articles and a conjunction
/// between them (`a “liar,” a “cheat” and “sick”`)?
fn listed_together(p: &Para, a: usize, b: usize) -> bool {
    let Some(c) = p.regions[a].close else {
        return false;
    };
    let open = p.regions[b].open;
    if open <= c || open - c > 4 || p.sentence_of[c] != p.sentence_of[open] {
        return false;
    }
    (c + 1..open).all(|k| {
        p.toks[k].is_punct(',')
            || p.toks[k].is_word() && matches!(p.lw(k), "a" | "an" | "and" | "or" | "the" | "nor")
    })
}

/// Does the sentence go on past quotation `ri` with more words of its clause (`is “obsessed”
/// with`, `a “liar” who`), rather than end or hand over to an attribution (`“…,” he said`)?
fn carries_on(p: &Para, ri: usize, cues: &[Cue]) -> bool {
    let Some(c) = p.regions[ri].close else {
        return false;
    };
    let j = c + 1;
    if j >= p.toks.len() || !p.toks[j].is_word() || p.toks[j].cap {
        return false;
    }
    !cues
        .iter()
        .any(|cue| cue.tok == j || cue.subject.as_ref().is_some_and(|np| np.first == j))
}

/// Labels that open a line with a colon without naming a speaker.
const NOT_SPEAKER_LABELS: &[&str] = &[
    "q",
    "a",
    "update",
    "updated",
    "note",
    "source",
    "sources",
    "photo",
    "photos",
    "watch",
    "read",
    "related",
    "editor",
    "correction",
    "breaking",
    "video",
    "listen",
    "warning",
    "disclaimer",
    "exclusive",
    "analysis",
    "opinion",
    "live",
    "question",
    "answer",
    "contact",
    "follow",
    "share",
    "tags",
    "subscribe",
    "image",
    "credit",
    "caption",
    "location",
    "date",
    "time",
    "more",
    "see",
    "also",
    "the",
    "and",
    "but",
    "bottom",
    "why",
    "what",
    "how",
    "who",
    "when",
    "where",
    "here",
    "background",
    "context",
    "summary",
    "transcript",
    "statement",
    "full",
    "first",
    "second",
    "clarification",
    "correction",
    "corrections",
    "disclosure",
];

/// "WALLACE: Let’s start with ...", "Putin: Russia does not seek ...": a name and a colon that
/// open a paragraph introduce what that person says (a transcript line, the headline form).
/// Reported as indirect: the words are attributed by a label, not quoted by a reporter.
fn labelled_line(p: &Para) -> Option<Found> {
    let n = p.toks.len();
    let k0 = usize::from(p.regions.first().is_some_and(|r| r.open == 0));
    let colon = (k0 + 1..(k0 + 5).min(n)).find(|&k| p.toks[k].is_punct(':'))?;
    if !(k0..colon).all(|k| p.toks[k].is_word() && p.toks[k].cap) {
        return None;
    }
    if (k0..colon).any(|k| NOT_SPEAKER_LABELS.contains(&p.lw(k).trim_end_matches('.'))) {
        return None;
    }
    // "Said Ellis:" is an inverted cue, found as such, not a label.
    if LEXICON.verb(p.lw(k0)).is_some() {
        return None;
    }
    let end = match p.regions.first() {
        Some(r) if k0 == 1 => r.close.unwrap_or(n),
        _ => n,
    };
    if colon + 1 >= end {
        return None;
    }
    let span = p.toks[colon + 1].start..p.toks[end - 1].end;
    // A line of furniture ("Global South Roundup: Kenya protests, ...") has no sentence end.
    let sentence_like = p.body[span.clone()]
        .trim_end_matches(['”', '"', '’', '\'', ' '])
        .ends_with(['.', '?', '!', '…', '—']);
    if word_count(&p.body[span.clone()]) < 3 || !sentence_like {
        return None;
    }
    let np = Np {
        first: k0,
        last: colon - 1,
        class: NpClass::Name,
        name: Some((k0, colon - 1)),
        role: None,
    };
    Some(Found {
        kind: QuoteKind::Indirect,
        span,
        who: Who::Np(np),
        cue: Some((colon, colon)),
    })
}

/// The cue tokens, the speaker and where the cue stands, for one quotation.
type Attribution = ((usize, usize), Who, Placement);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// The cue follows the quotation (“…,” he said).
    After,
    /// The cue precedes it (He said: “…”).
    Before,
    /// The cue is elsewhere in the sentence (a partial quote) or the paragraph.
    Sentence,
}

/// Do quoted words end with a comma or dash, so that the sentence goes on after the closing
/// mark (“…,” she said)? A nested quotation's closing mark may stand last (“… people,’”).
fn ends_clause_open(words: &str) -> bool {
    words
        .trim_end_matches(['’', '\'', '"', '”'])
        .ends_with([',', '—', '–'])
}

/// Is the quotation inside a clause, with words of the sentence before it (not after a colon
/// or a comma that ends a cue)?
fn is_embedded(p: &Para, ri: usize) -> bool {
    let open = p.regions[ri].open;
    let (s, _) = sentence_bounds(p, open);
    if open == s || open == 0 {
        return false;
    }
    let prev = p.toks[open - 1];
    match prev.kind {
        Kind::Punct(':') => false,
        Kind::Punct(',') => false,
        Kind::Word => !LEXICON.verb(p.lw(open - 1)).is_some_and(|v| v.speech),
        _ => true,
    }
}

/// Words in quotation marks that name something: two to four capitalized words ("Morning
/// Joe"), or what follows "so-called", "titled" and the like.
fn is_name_or_title(p: &Para, ri: usize) -> bool {
    let r = &p.regions[ri];
    let words: Vec<&str> = p.body[r.inner.clone()].split_whitespace().collect();
    if words.len() > 8 {
        return false;
    }
    let all_caps = words.len() <= 5
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(
                    *w,
                    "of" | "the" | "and" | "for" | "with" | "in" | "on" | "a" | "an" | "to"
                )
        });
    // A title may carry the comma of the sentence ("on “Meet the Press,” he said"), not a stop.
    let ends_like_speech = p.body[r.inner.clone()].ends_with(['.', '!', '?']);
    // A heading in quotation marks that fills its paragraph: 'Legend in the Coal Fields.'
    let minor = |w: &str| {
        matches!(
            w,
            "of" | "the"
                | "and"
                | "in"
                | "a"
                | "an"
                | "to"
                | "for"
                | "on"
                | "at"
                | "is"
                | "by"
                | "with"
        )
    };
    let whole_paragraph = r.open == 0 && r.close.is_none_or(|c| c + 1 >= p.toks.len());
    let heading = whole_paragraph
        && words.len() >= 2
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || minor(w));
    all_caps && words.len() >= 2 && !ends_like_speech
        || heading
        || r.open > 0
            && matches!(
                p.lw(r.open - 1),
                "so-called" | "dubbed" | "titled" | "entitled" | "nicknamed" | "headlined"
            )
}

/// Words in quotation marks that are a name or a term, not speech: all capitalized
/// ("the “Islamic State” organization"), used as a modifier ("“hybrid warfare” efforts"), or
/// after "so-called".
fn is_scare(p: &Para, ri: usize) -> bool {
    let r = &p.regions[ri];
    let words: Vec<&str> = p.body[r.inner.clone()].split_whitespace().collect();
    if words.len() > 4 {
        return false;
    }
    let all_caps = words
        .iter()
        .all(|w| w.starts_with(char::is_uppercase) || matches!(*w, "of" | "the" | "and" | "for"));
    if all_caps && words.len() >= 2 {
        return true;
    }
    if r.open > 0
        && matches!(
            p.lw(r.open - 1),
            "so-called" | "dubbed" | "titled" | "entitled" | "nicknamed"
        )
    {
        return true;
    }
    if let Some(c) = r.close {
        let inner_ends_clean = !p.body[r.inner.clone()].ends_with(['.', ',', '!', '?']);
        if inner_ends_clean && c + 1 < p.toks.len() && words.len() <= 3 {
            let next = p.toks[c + 1];
            let w = p.lw(c + 1);
            let modifier = next.is_word()
                && !next.cap
                && LEXICON.verb(w).is_none()
                && !source::is_preposition(w);
            if modifier {
                return true;
            }
        }
    }
    false
}

/// The cue (index into `cues`) and speaker of quotation `ri`.
fn attribute(p: &Para, ri: usize, cues: &[Cue]) -> Option<Attribution> {
    let r = &p.regions[ri];
    let (s, e) = sentence_bounds(p, r.open);
    let words = &p.body[r.inner.clone()];
    let ends_with_comma = ends_clause_open(words);
    let after = |cues: &[Cue]| -> Option<Attribution> {
        let c = r.close?;
        let mut j = c + 1;
        while j < p.toks.len()
            && (p.toks[j].is_punct(',') || p.toks[j].is_punct('—') || p.toks[j].is_punct('–'))
        {
            j += 1;
        }
        let limit = (j + 16).min(p.toks.len());
        // The cue must come before the sentence ends or another quotation opens.
        for cue in cues {
            if cue.tok < j || cue.tok >= limit {
                continue;
            }
            if (j..cue.tok)
                .any(|k| p.in_region(k) || p.toks[k].is_punct('.') || p.toks[k].is_punct(';'))
            {
                break;
            }
            if !cue.verb.speech && !cue.according {
                continue;
            }
            let np = cue.subject.clone()?;
            let starts_here = np.first == j || cue.tok == j;
            if starts_here || np.first >= j && np.last < cue.tok {
                return Some(((cue.tok, cue.end), Who::Np(np), Placement::After));
            }
            return None;
        }
        // “…,” completed Kelin. An unknown verb between the quote and a name that ends the
        // sentence is still the attribution.
        if ends_with_comma
            && j + 1 < p.toks.len()
            && p.toks[j].is_word()
            && !p.toks[j].cap
            && let Some(np) = source::np_starting_at(p, j + 1, p.toks.len())
        {
            let next = np.last + 1;
            let ends = next >= p.toks.len() || p.toks[next].is_punct('.');
            if np.class == NpClass::Name && ends && p.lw(j).ends_with("ed") {
                return Some(((j, j), Who::Np(np), Placement::After));
            }
        }
        // “…,” Blige sings: a name or pronoun right after a quote that ends with a comma,
        // followed by a verb, is the speaker even when the verb is not a reporting verb.
        if ends_with_comma
            && j < p.toks.len()
            && !p.toks[j - 1].is_punct(',')
            && let Some(np) = source::np_starting_at(p, j, p.toks.len())
        {
            let v = np.last + 1;
            let verb_like = v < p.toks.len() && p.toks[v].is_word() && !p.toks[v].cap && {
                let w = p.lw(v);
                (w.ends_with('s') || w.ends_with("ed")) && !source::is_preposition(w)
            };
            if verb_like && matches!(np.class, NpClass::Name | NpClass::Pronoun(_)) {
                return Some(((v, v), Who::Np(np), Placement::After));
            }
        }
        // “…” ― Sonya Herridge: a name after a dash ends the paragraph.
        if c + 2 < p.toks.len()
            && matches!(p.toks[c + 1].kind, Kind::Punct('―' | '—' | '–' | '-'))
            && let Some(np) = source::np_starting_at(p, c + 2, p.toks.len())
        {
            let rest = np.last + 1;
            let ends =
                rest >= p.toks.len() || p.toks[rest].is_punct(',') || p.toks[rest].is_punct('.');
            if np.class == NpClass::Name && ends {
                return Some(((c + 1, c + 1), Who::Np(np), Placement::After));
            }
        }
        None
    };
    let before = |cues: &[Cue]| -> Option<Attribution> {
        if r.open == 0 || r.open <= s {
            return None;
        }
        let prev = p.toks[r.open - 1];
        let cue = cues.iter().rev().find(|c| c.tok < r.open && c.tok >= s)?;
        // Introduced by the cue: after a colon or comma, or right after the verb (or its
        // addressee): `said: “`, `told reporters “`. A quotation after other words is inside
        // the clause, a partial quote.
        let introduced = prev.is_punct(':') || prev.is_punct(',') || cue.end + 1 == r.open;
        if !introduced {
            return None;
        }
        if !(cue.verb.speech || cue.according) || r.open - cue.end > 10 {
            return None;
        }
        if (cue.end + 1..r.open).any(|k| p.in_region(k)) {
            return None;
        }
        let np = cue.subject.clone()?;
        Some(((cue.tok, cue.end), Who::Np(np), Placement::Before))
    };
    let got = if ends_with_comma {
        after(cues).or_else(|| before(cues))
    } else {
        before(cues).or_else(|| after(cues))
    };
    if got.is_some() {
        return got;
    }
    // A cue elsewhere in the sentence (a partial quote), nearest first.
    let in_sentence = cues
        .iter()
        .filter(|c| c.tok >= s && c.tok < e && c.subject.is_some())
        .min_by_key(|c| {
            if c.tok < r.open {
                r.open - c.tok
            } else {
                c.tok - r.open + 1000
            }
        });
    if let Some(c) = in_sentence {
        return Some((
            (c.tok, c.end),
            Who::Np(c.subject.clone()?),
            Placement::Sentence,
        ));
    }
    // A quotation that opens its sentence: the speaker of the paragraph's last cue before it.
    if r.open == s
        && s > 0
        && let Some(c) = cues
            .iter()
            .rev()
            .find(|c| c.tok < r.open && c.subject.is_some() && (c.verb.speech || c.according))
    {
        return Some((
            (c.tok, c.end),
            Who::Np(c.subject.clone()?),
            Placement::Sentence,
        ));
    }
    None
}

/// Words after a reporting verb that show no reported clause follows ("said no", "said
/// goodbye", "said what", "said repeatedly").
static NOT_CONTENT_START: &[&str] = &[
    "not",
    "him",
    "them",
    "me",
    "us",
    "yes",
    "no",
    "something",
    "nothing",
    "anything",
    "goodbye",
    "hello",
    "thanks",
    "sorry",
    "later",
    "earlier",
    "yesterday",
    "today",
    "last",
    "next",
    "again",
    "also",
    "repeatedly",
    "publicly",
    "privately",
    "recently",
    "what",
    "how",
    "why",
    "where",
    "who",
    "whether",
    // A verb cannot open a clause: "said would", "noted had been" are not reports.
    "would",
    "will",
    "had",
    "has",
    "have",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "did",
    "does",
    "do",
];

/// Days and times that stand between a reporting verb and its content.
static WHEN_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "earlier",
    "later",
];

/// Does token `k` open an adjunct of a reporting verb ("on Monday", "in a statement",
/// "Thursday", "privately", "to reporters"), not its object or an infinitive ("to clean up")?
fn opens_adjunct(p: &Para, k: usize) -> bool {
    if !p.toks[k].is_word() {
        return false;
    }
    let w = p.lw(k);
    if w == "to" {
        // "to reporters", "to the committee"; not "agreed to clean up".
        return k + 1 < p.toks.len()
            && (p.toks[k + 1].cap
                || source::is_determiner(p.lw(k + 1))
                || matches!(
                    p.lw(k + 1),
                    "him" | "her" | "them" | "us" | "me" | "reporters"
                ));
    }
    WHEN_WORDS.contains(&w)
        || w.ends_with("ly") && w.len() > 4
        || matches!(
            w,
            "in" | "on"
                | "at"
                | "during"
                | "after"
                | "before"
                | "via"
                | "through"
                | "over"
                | "from"
                | "with"
                | "last"
                | "this"
                | "again"
                | "also"
                | "separately"
        )
}

/// Where the object of a verb that reports a position starts ("criticized the plan", "called
/// for a recount", "urged voters to stay home", "asked whether ..."), skipping a day or time
/// word; `None` when what follows is no object (a preposition, an adverb, the end).
fn object_start(p: &Para, mut k: usize, stop: usize) -> Option<usize> {
    while k + 1 < stop && WHEN_WORDS.contains(&p.lw(k)) {
        k += 1;
    }
    let t = p.toks[k];
    if t.is_mark() {
        return Some(k);
    }
    if !t.is_word() {
        return None;
    }
    let w = p.lw(k);
    if w == "to" {
        // An infinitive ("vowed to fight on"), not a prepositional phrase ("to reporters").
        let infinitive = k + 1 < stop
            && p.toks[k + 1].is_word()
            && !p.toks[k + 1].cap
            && !source::is_determiner(p.lw(k + 1))
            && !matches!(
                p.lw(k + 1),
                "him" | "her" | "them" | "us" | "me" | "reporters"
            );
        return infinitive.then_some(k);
    }
    let adverb = w.ends_with("ly") && w.len() > 4;
    let opens = !source::is_preposition(w)
        && !adverb
        && !matches!(w, "by" | "not" | "also" | "again" | "repeatedly" | "it");
    opens.then_some(k)
}

/// Is there an auxiliary or a form of "be" among tokens `a..b`, the mark of a finite clause
/// ("replacing her would be hard") that a participial phrase ("wiping his face") lacks?
fn has_auxiliary(p: &Para, a: usize, b: usize) -> bool {
    (a..b.min(p.toks.len())).any(|k| {
        matches!(
            p.lw(k),
            "would"
                | "will"
                | "is"
                | "was"
                | "are"
                | "were"
                | "has"
                | "have"
                | "had"
                | "can"
                | "could"
                | "should"
                | "may"
                | "might"
                | "must"
        )
    })
}

/// Tokens that end the content of reported speech: ", adding", ", according to".
fn content_stops_at(p: &Para, k: usize, cues: &[Cue]) -> bool {
    if p.toks[k].is_punct(';') {
        return true;
    }
    // "... too early to discuss, but noted that ...": a second reporting verb of the same
    // subject starts new content.
    // "..., and two-thirds of the teachers said ...": another speaker's cue starts a new report.
    let conjunction = |k: usize| matches!(p.lw(k), "but" | "and");
    if conjunction(k)
        && k + 1 < p.toks.len()
        && cues.iter().any(|c| {
            c.tok == k + 1 && !c.verb.ing
                || c.subject
                    .as_ref()
                    .is_some_and(|np| np.first == k + 1 && !c.inverted)
        })
    {
        return true;
    }
    if !matches!(p.toks[k].kind, Kind::Punct(',' | '—' | '―' | '–')) {
        return false;
    }
    let next = k + 1;
    next < p.toks.len()
        && cues
            .iter()
            .any(|c| c.tok == next || c.subject.as_ref().is_some_and(|np| np.first == next))
}

/// The last token of a sentence's content: before the final stop, keeping a closing mark.
fn content_end(p: &Para, e: usize) -> usize {
    let mut k = e;
    while k > 0
        && matches!(
            p.toks[k - 1].kind,
            Kind::Punct('.' | '!' | '?' | ';' | ':' | ',' | '…')
        )
    {
        k -= 1;
    }
    k
}

fn push_indirect(p: &Para, out: &mut Vec<Found>, mut a: usize, mut b: usize, cue: &Cue, np: &Np) {
    // "said that, for the first time, ...": content starts at a word or a quotation mark, and
    // ends before the comma of a clause that follows it.
    while a < b && matches!(p.toks[a].kind, Kind::Punct(_)) {
        a += 1;
    }
    while b > a && matches!(p.toks[b - 1].kind, Kind::Punct(',' | ';' | ':' | '—' | '–')) {
        b -= 1;
    }
    if a >= b || b > p.toks.len() {
        return;
    }
    let span = p.toks[a].start..p.toks[b - 1].end;
    let text = &p.body[span.clone()];
    if word_count(text) < 3 {
        return;
    }
    // Content that is one quotation is a direct quote, found as such.
    if let (Some(ra), Some(rb)) = (p.region_opened_at(a), Some(p.region_of[b - 1]))
        && ra as u32 == rb
    {
        return;
    }
    out.push(Found {
        kind: QuoteKind::Indirect,
        span,
        who: Who::Np(np.clone()),
        cue: Some((cue.tok, cue.end)),
    });
}

/// Reported speech: the content of each cue outside quotation marks.
fn indirect(p: &Para, cues: &[Cue]) -> Vec<Found> {
    let mut out = Vec::new();
    for cue in cues {
        let Some(np) = &cue.subject else { continue };
        let (s, e) = sentence_bounds(p, cue.tok);
        let stop = content_end(p, e);
        if cue.according {
            // "According to X, content." / "Content, according to X."
            if cue.tok == s || cue.tok > s && p.toks[cue.tok - 1].is_punct(',') && cue.tok - s <= 4
            {
                if let Some(comma) = (np.last + 1..stop).find(|&k| p.toks[k].is_punct(','))
                    && comma == np.last + 1
                {
                    push_indirect(p, &mut out, comma + 1, stop, cue, np);
                }
            } else if cue.tok > s && p.toks[cue.tok - 1].is_punct(',') {
                push_indirect(p, &mut out, s, cue.tok - 1, cue, np);
            }
            continue;
        }
        let mut after_np = if cue.inverted {
            np.last + 1
        } else {
            cue.end + 1
        };
        // "He said, however, that ...": a one-word aside between commas.
        if after_np + 3 < stop
            && p.toks[after_np].is_punct(',')
            && p.toks[after_np + 2].is_punct(',')
            && p.toks[after_np + 1].is_word()
            && !p.toks[after_np + 1].cap
            && !cues.iter().any(|c| c.tok == after_np + 1)
        {
            after_np += 3;
        }
        // Content after the cue: "that ...", or a bare clause for verbs that allow one.
        // "said Thursday that", "said in a statement that": a "that" a few words on, with no
        // comma between (after a comma the cue has ended its own clause: "..., X said, since").
        let that = (after_np..stop.min(after_np + 14))
            .take_while(|&k| {
                let other_cue = cues.iter().any(|c| c.tok == k);
                !other_cue
                    && !p.toks[k].is_punct(',')
                    && (!p.in_region(k) || p.region_opened_at(k).is_some())
            })
            .find(|&k| p.lw(k) == "that" && p.toks[k].is_word());
        // Only an adjunct may stand between the cue and its "that"; after a noun phrase "that"
        // opens a relative clause, and the content is that noun phrase with its clause ("said
        // the scandal is the latest issue that should ...", "repeated accusations that ...").
        let that = that.and_then(|k| {
            if k == after_np || opens_adjunct(p, after_np) {
                Some(k)
            } else {
                // "agreed to repair the bridge that ...": an infinitive is no reported content.
                (p.lw(after_np) != "to").then(|| after_np - 1)
            }
        });
        // "Limbaugh added: And from a supposed front-runner ...": content after a colon that
        // no quotation mark opens.
        let after_colon = after_np + 1 < stop
            && p.toks[after_np].is_punct(':')
            && !p.toks[after_np + 1].is_mark()
            && !cue.inverted;
        let content_start = if after_colon {
            Some(after_np + 1)
        } else if let Some(t) = that {
            Some(t + 1)
        } else if cue.verb.bare && !cue.inverted && after_np < stop {
            // "said after the convention he would not ...": skip one short adjunct phrase when
            // a subject follows it.
            let mut after_np = after_np;
            let adjunct = matches!(
                p.lw(after_np),
                "after"
                    | "before"
                    | "on"
                    | "in"
                    | "at"
                    | "during"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
            );
            let ing_object = after_np + 1 < stop && p.lw(after_np + 1).ends_with("ing");
            if adjunct && !ing_object {
                // Only a pronoun shows for sure where the adjunct ends and the clause begins.
                let pronoun = |k: usize| {
                    k < stop
                        && matches!(p.lw(k), "he" | "she" | "they" | "it" | "we" | "i" | "there")
                };
                if let Some(k) = (after_np + 2..(after_np + 6).min(stop)).find(|&k| pronoun(k)) {
                    after_np = k;
                }
            }
            // "said Thursday the deal ...": a day or time word is an adjunct too.
            while after_np + 1 < stop && WHEN_WORDS.contains(&p.lw(after_np)) {
                after_np += 1;
            }
            let t = p.toks[after_np];
            let w = p.lw(after_np);
            let adverb = w.ends_with("ly") && w.len() > 4;
            // "said no" is an answer; "said no decision had been made" opens a clause.
            let no_determiner = w == "no"
                && after_np + 1 < stop
                && p.toks[after_np + 1].is_word()
                && !source::is_preposition(p.lw(after_np + 1));
            // "said about half of the loss ...", "said more than 200 people ...": a quantity.
            let quantity = matches!(
                w,
                "about" | "nearly" | "almost" | "roughly" | "more" | "only"
            ) && after_np + 1 < stop
                && (p.lw(after_np + 1) == "half"
                    || p.lw(after_np + 1) == "than"
                    || p.lw(after_np + 1).starts_with(|c: char| c.is_ascii_digit()));
            let clause_start = t.is_word()
                && (!source::is_preposition(w) || quantity)
                && (!NOT_CONTENT_START.contains(&w) || no_determiner)
                && (!adverb || quantity);
            clause_start.then_some(after_np)
        } else {
            None
        };
        let content_start = content_start.or_else(|| {
            (cue.verb.np && !cue.inverted && after_np < stop)
                .then(|| object_start(p, after_np, stop))
                .flatten()
        });
        if let Some(a) = content_start {
            let mut b = stop;
            if let Some(k) = (a..stop).find(|&k| content_stops_at(p, k, cues)) {
                b = k;
            }
            push_indirect(p, &mut out, a, b, cue, np);
            continue;
        }
        // Content before the cue: "Content, X said." / "Content, said X."
        let mut clause_first = if cue.inverted { cue.tok } else { np.first };
        // "..., as police have said."
        if clause_first > s + 2 && p.lw(clause_first - 1) == "as" {
            clause_first -= 1;
        }
        // A cue that goes on to a colon or a quotation has its content after it.
        let continues =
            after_np < e && (p.toks[after_np].is_punct(':') || p.toks[after_np].is_mark());
        if clause_first > s + 1 && p.toks[clause_first - 1].is_punct(',') && !continues {
            let rest = if cue.inverted {
                np.last + 1
            } else {
                cue.end + 1
            };
            let set_off = rest < e && p.toks[rest].is_punct(',');
            // ", adding, “…”": what a following cue introduces is that cue's content.
            let tail_end = (rest..e)
                .find(|&k| {
                    k > rest
                        && p.toks[k - 1].is_punct(',')
                        && cues.iter().any(|c| c.tok == k && c.verb.ing)
                })
                .unwrap_or(e);
            let tail_is_adjunct = (rest..tail_end).all(|k| !p.in_region(k) && p.lw(k) != "that")
                && (tail_end.saturating_sub(rest) <= 14 || set_off);
            if tail_is_adjunct {
                // "Though the transition was smooth, he said, replacing her would be hard.": the
                // attribution sits in the middle; the content is the longer side, unless the
                // side after it is the cue's own adjunct (", he said, wiping his face").
                let before_words =
                    word_count(&p.body[p.toks[s].start..p.toks[clause_first - 1].start]);
                let after_words = if set_off && !cue.inverted && rest + 1 < stop {
                    let w = p.lw(rest + 1);
                    // A gerund with a verb after it is a subject ("replacing her would be
                    // hard"); without one it is the cue's adjunct ("wiping his face").
                    let adjunct =
                        w.ends_with("ing") && w.len() > 5 && !has_auxiliary(p, rest + 2, stop)
                            || matches!(
                                w,
                                "in" | "at"
                                    | "on"
                                    | "during"
                                    | "after"
                                    | "before"
                                    | "while"
                                    | "with"
                                    | "as"
                                    | "via"
                                    | "through"
                            );
                    if adjunct || tail_end < e {
                        0
                    } else {
                        word_count(&p.body[p.toks[rest + 1].start..p.toks[stop - 1].end])
                    }
                } else {
                    0
                };
                // "Asked to resign, the mayor said no.": a fronted participle with no verb of
                // its own sets the scene; it is not what was said.
                let w = p.lw(s);
                let fronted = p.toks[s].cap
                    && (w.ends_with("ed") || w.ends_with("ing"))
                    && !has_auxiliary(p, s + 1, clause_first);
                if fronted && after_words == 0 {
                    continue;
                }
                if after_words >= 2 && before_words >= 1 {
                    // The content runs through the attribution: one span from the first word
                    // to the last, attribution included, as for an interrupted quotation.
                    push_indirect(p, &mut out, s, stop, cue, np);
                } else if after_words > before_words && after_words >= 4 {
                    push_indirect(p, &mut out, rest + 1, stop, cue, np);
                } else {
                    push_indirect(p, &mut out, s, clause_first - 1, cue, np);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::RawArticle;
    use crate::normalize::normalize;

    fn article(paras: &[&str]) -> Article {
        normalize(RawArticle {
            paragraphs: paras.iter().map(|s| s.to_string()).collect(),
            ..RawArticle::default()
        })
    }

    fn show(a: &Article) -> Vec<(String, String, Option<String>)> {
        extract(a, &[])
            .into_iter()
            .map(|q| {
                (
                    q.kind.as_str().to_string(),
                    a.body[q.span].to_string(),
                    q.speaker,
                )
            })
            .collect()
    }

    #[test]
    fn direct_quote_with_following_cue() {
        let a = article(&["“We are ready,” Putin told reporters on Saturday."]);
        assert_eq!(
            show(&a),
            [(
                "direct".into(),
                "We are ready,".into(),
                Some("Putin".into())
            )]
        );
    }

    #[test]
    fn interrupted_quote_is_merged() {
        let a = article(&["“We are ready,” she said. “But nobody wants it.”"]);
        let got = show(&a);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.starts_with("We are ready") && got[0].1.ends_with("wants it."));
    }
}
