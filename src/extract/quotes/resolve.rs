//! From the words that name a speaker to the speaker: an entity's canonical name when one fits,
//! else the source as written.
//!
//! The entity extractor's mentions are the first authority: a phrase that overlaps a mention
//! is that entity. Pronouns go to the last fitting speaker or person mention; descriptions
//! ("the Russian leader", "the minister") to the person whose role (stored with the mention,
//! or seen beside a speaker's name in this document) has the same kind of office and agrees
//! with the description's adjectives. Without mentions the same rules run on the names and
//! roles this document's speakers were introduced with ("Russian President Vladimir Putin
//! said"), so that a later "Putin" or "the Russian leader" still finds him. Nothing here looks
//! at text outside the phrases it is given.

use crate::document::{EntityKind, Mention, Span};

use super::lexicon::{LEXICON, PronounKind};
use super::source::NpClass;

/// A speaker phrase in words, as `resolve` needs it.
#[derive(Debug, Clone)]
pub struct Phrase<'a> {
    /// Byte span of the whole phrase.
    pub span: Span,
    pub text: &'a str,
    pub class: NpClass,
    /// The name proper and its byte span ("Vladimir Putin" in "Russian President Vladimir Putin").
    pub name: Option<(Span, &'a str)>,
    /// The role or description attached to it.
    pub role: Option<&'a str>,
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub speaker: String,
    /// Set when the speaker is an entity mention.
    pub kind: Option<EntityKind>,
    /// Whether the speaker is known to be one person (for `he`/`she`).
    pub person: bool,
}

/// A speaker name this document introduced with a role.
#[derive(Debug, Clone)]
struct Known {
    name: String,
    role: Option<String>,
    person: bool,
}

#[derive(Debug, Clone)]
struct Said {
    pos: usize,
    para: usize,
    who: Resolved,
    /// Named by a name that is not an organization's.
    single_name: bool,
}

pub struct Resolver<'m> {
    mentions: Vec<&'m Mention>,
    known: Vec<Known>,
    history: Vec<Said>,
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn strip_honorific(name: &str) -> &str {
    let mut s = name.trim();
    if let Some((first, rest)) = s.split_once(' ')
        && LEXICON.is_title(&first.trim_end_matches('.').to_ascii_lowercase())
        && !rest.is_empty()
    {
        s = rest;
    }
    s
}

/// Do the adjectives of a description ("Russian" in "the Russian leader") agree with a role?
fn adjectives_agree(description: &str, role: &str) -> bool {
    let stem = |w: &str| -> String {
        let w = w.to_lowercase();
        let w = w.trim_end_matches("’s").trim_end_matches("'s");
        ["ian", "ia", "an", "a"]
            .iter()
            .find_map(|suffix| w.strip_suffix(suffix))
            .unwrap_or(w)
            .to_string()
    };
    let role_words: Vec<String> = role.split_whitespace().map(stem).collect();
    description
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase))
        .filter(|w| {
            !matches!(w.to_lowercase().as_str(), "the" | "a" | "an")
                && !LEXICON.is_role(&w.to_lowercase())
        })
        .all(|w| role_words.contains(&stem(w)))
}

fn looks_like_person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 4
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !words
            .iter()
            .any(|w| LEXICON.is_org_word(&w.to_ascii_lowercase()))
}

impl<'m> Resolver<'m> {
    pub fn new(mentions: &'m [Mention]) -> Resolver<'m> {
        let mut mentions: Vec<&Mention> = mentions.iter().filter(|m| m.span.is_some()).collect();
        mentions.sort_by_key(|m| m.span.as_ref().map_or(0, |s| s.start));
        Resolver {
            mentions,
            known: Vec::new(),
            history: Vec::new(),
        }
    }

    fn from_mention(m: &Mention) -> Resolved {
        Resolved {
            speaker: m.canonical.clone(),
            kind: Some(m.kind.clone()),
            person: m.kind == EntityKind::Person,
        }
    }

    /// The mention that best covers `span`: the one ending last inside it (the head of
    /// "Russian President Vladimir Putin"), persons and organizations before other kinds.
    fn mention_in(&self, span: &Span) -> Option<&'m Mention> {
        self.mentions
            .iter()
            .filter(|m| m.span.as_ref().is_some_and(|s| overlaps(s, span)))
            .max_by_key(|m| {
                let s = m.span.as_ref().map_or(0..0, Clone::clone);
                let core = matches!(
                    m.kind,
                    EntityKind::Person | EntityKind::Organization | EntityKind::Location
                );
                (core, s.end.min(span.end), s.len())
            })
            .copied()
    }

    /// Who `phrase`, found in paragraph `para`, refers to.
    #[cfg(test)]
    pub fn resolve(&self, phrase: &Phrase) -> Resolved {
        self.resolve_in(phrase, usize::MAX)
    }

    fn as_written(text: &str, person: bool) -> Resolved {
        Resolved {
            speaker: strip_honorific(text).to_string(),
            kind: None,
            person,
        }
    }

    pub fn resolve_in(&self, phrase: &Phrase, para: usize) -> Resolved {
        let pos = phrase.span.start;
        match phrase.class {
            NpClass::Pronoun(kind) => self.pronoun(phrase, kind, pos, para),
            NpClass::Name => {
                let (span, name) = phrase
                    .name
                    .clone()
                    .unwrap_or((phrase.span.clone(), phrase.text));
                if let Some(m) = self.mention_in(&span) {
                    return Self::from_mention(m);
                }
                let name =
                    strip_honorific(name.trim_start_matches("The ").trim_start_matches("the "));
                let single = !name.contains(' ');
                if single
                    && let Some(k) = self
                        .known
                        .iter()
                        .rev()
                        .find(|k| k.name.rsplit(' ').next() == Some(name) && k.name != name)
                {
                    return Resolved {
                        speaker: k.name.clone(),
                        kind: None,
                        person: k.person,
                    };
                }
                let titled = phrase
                    .role
                    .is_some_and(|r| LEXICON.role_group_of(r).is_some())
                    || phrase.text.split_whitespace().next().is_some_and(|w| {
                        LEXICON.is_title(&w.trim_end_matches('.').to_ascii_lowercase())
                    });
                let known_person = self.known.iter().any(|k| k.name == name && k.person);
                let person = titled
                    && !LEXICON
                        .is_org_word(&name.rsplit(' ').next().unwrap_or("").to_ascii_lowercase())
                    || known_person
                    || looks_like_person_name(name);
                Resolved {
                    speaker: name.to_string(),
                    kind: None,
                    person,
                }
            }
            NpClass::Description => self.description(phrase, pos),
        }
    }

    fn pronoun(&self, phrase: &Phrase, kind: PronounKind, pos: usize, para: usize) -> Resolved {
        let recent = |s: &&Said| s.pos < pos && (para == usize::MAX || s.para + 1 >= para);
        match kind {
            PronounKind::Person => {
                if let Some(s) = self
                    .history
                    .iter()
                    .filter(recent)
                    .filter(|s| s.who.person)
                    .max_by_key(|s| s.pos)
                {
                    return s.who.clone();
                }
                if let Some(m) = self.mentions.iter().rev().find(|m| {
                    m.kind == EntityKind::Person && m.span.as_ref().is_some_and(|s| s.end <= pos)
                }) {
                    return Self::from_mention(m);
                }
                // Without a known person: the last speaker named by a bare name ("Patrushev
                // stated ... He noted"), which is a person more often than not.
                let name_like = |s: &&Said| s.who.person || s.who.kind.is_none() && s.single_name;
                if let Some(s) = self
                    .history
                    .iter()
                    .filter(|s| s.pos < pos)
                    .filter(name_like)
                    .max_by_key(|s| s.pos)
                {
                    return s.who.clone();
                }
                Self::as_written(phrase.text, true)
            }
            PronounKind::Group | PronounKind::Any => {
                if let Some(s) = self
                    .history
                    .iter()
                    .filter(recent)
                    .filter(|s| !s.who.person)
                    .max_by_key(|s| s.pos)
                    && (s.who.kind.is_some() || phrase.text.eq_ignore_ascii_case("it"))
                {
                    return s.who.clone();
                }
                Self::as_written(phrase.text, false)
            }
        }
    }

    fn description(&self, phrase: &Phrase, pos: usize) -> Resolved {
        let Some(group) = LEXICON.role_group_of(phrase.text) else {
            return Self::as_written(phrase.text, false);
        };
        // Only definite descriptions refer back ("the minister"); "a minister" is someone new.
        let first = phrase
            .text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if first != "the" {
            return Self::as_written(phrase.text, false);
        }
        if group == "speaker" {
            if let Some(s) = self
                .history
                .iter()
                .rev()
                .find(|s| s.pos < pos && s.who.person)
            {
                return s.who.clone();
            }
            return Self::as_written(phrase.text, true);
        }
        let fits = |role: &str| {
            LEXICON.role_group_of(role) == Some(group) && adjectives_agree(phrase.text, role)
        };
        if let Some(m) = self.mentions.iter().rev().find(|m| {
            m.kind == EntityKind::Person
                && m.span.as_ref().is_some_and(|s| s.end <= pos)
                && m.role.as_deref().is_some_and(fits)
        }) {
            return Self::from_mention(m);
        }
        if let Some(k) = self
            .known
            .iter()
            .rev()
            .find(|k| k.person && k.role.as_deref().is_some_and(fits))
        {
            return Resolved {
                speaker: k.name.clone(),
                kind: None,
                person: true,
            };
        }
        Self::as_written(phrase.text, true)
    }

    /// Records that `who`, named by `phrase`, spoke at `pos` in paragraph `para`.
    pub fn record(&mut self, phrase: Option<&Phrase>, who: &Resolved, pos: usize, para: usize) {
        if let Some(ph) = phrase
            && ph.class == NpClass::Name
        {
            self.known.push(Known {
                name: who.speaker.clone(),
                role: ph.role.map(str::to_string),
                person: who.person,
            });
        }
        let single_name = phrase.is_some_and(|ph| ph.class == NpClass::Name)
            && !who
                .speaker
                .split_whitespace()
                .any(|w| LEXICON.is_org_word(&w.to_ascii_lowercase()));
        self.history.push(Said {
            pos,
            para,
            who: who.clone(),
            single_name,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(
        body: &str,
        text: &str,
        canonical: &str,
        kind: EntityKind,
        role: Option<&str>,
    ) -> Mention {
        let start = body.find(text).unwrap();
        Mention {
            span: Some(start..start + text.len()),
            text: text.into(),
            kind,
            canonical: canonical.into(),
            role: role.map(Into::into),
        }
    }

    fn phrase<'a>(
        body: &'a str,
        text: &'a str,
        class: NpClass,
        name: Option<&'a str>,
    ) -> Phrase<'a> {
        let start = body.rfind(text).unwrap();
        Phrase {
            span: start..start + text.len(),
            text,
            class,
            name: name.map(|n| {
                let s = body[start..].find(n).unwrap() + start;
                (s..s + n.len(), n)
            }),
            role: None,
        }
    }

    const BODY: &str = "Russian President Vladimir Putin spoke. Defense Minister Sergei Shoigu agreed. \
                        Putin said no. He said so. The Russian leader said it. The minister said it. \
                        The US leader said it. A source said it.";

    fn mentions() -> Vec<Mention> {
        vec![
            mention(
                BODY,
                "Vladimir Putin",
                "Vladimir Putin",
                EntityKind::Person,
                Some("Russian President"),
            ),
            mention(
                BODY,
                "Sergei Shoigu",
                "Sergei Shoigu",
                EntityKind::Person,
                Some("Defense Minister"),
            ),
            {
                let s = BODY.find("Putin said").unwrap();
                Mention {
                    span: Some(s..s + 5),
                    text: "Putin".into(),
                    kind: EntityKind::Person,
                    canonical: "Vladimir Putin".into(),
                    role: None,
                }
            },
        ]
    }

    #[test]
    fn names_resolve_to_the_overlapping_mention() {
        let ms = mentions();
        let r = Resolver::new(&ms);
        let p = phrase(BODY, "Putin", NpClass::Name, Some("Putin"));
        let got = r.resolve(&p);
        assert_eq!(got.speaker, "Vladimir Putin");
        assert_eq!(got.kind, Some(EntityKind::Person));
    }

    #[test]
    fn pronouns_take_the_last_speaker_or_person() {
        let ms = mentions();
        let mut r = Resolver::new(&ms);
        let he = phrase(BODY, "He", NpClass::Pronoun(PronounKind::Person), None);
        // No speaker recorded yet: the last person mention before the pronoun.
        assert_eq!(r.resolve(&he).speaker, "Vladimir Putin");
        let shoigu = Resolved {
            speaker: "Sergei Shoigu".into(),
            kind: Some(EntityKind::Person),
            person: true,
        };
        r.record(None, &shoigu, BODY.find("Putin said").unwrap() - 2, 0);
        assert_eq!(r.resolve(&he).speaker, "Sergei Shoigu");
    }

    #[test]
    fn descriptions_resolve_through_roles() {
        let ms = mentions();
        let r = Resolver::new(&ms);
        let leader = phrase(BODY, "The Russian leader", NpClass::Description, None);
        assert_eq!(r.resolve(&leader).speaker, "Vladimir Putin");
        let minister = phrase(BODY, "The minister", NpClass::Description, None);
        assert_eq!(r.resolve(&minister).speaker, "Sergei Shoigu");
        // The adjective does not agree with any role: left as written.
        let us = phrase(BODY, "The US leader", NpClass::Description, None);
        assert_eq!(r.resolve(&us).speaker, "The US leader");
        let source = phrase(BODY, "A source", NpClass::Description, None);
        assert_eq!(
            r.resolve(&source),
            Resolved {
                speaker: "A source".into(),
                kind: None,
                person: false
            }
        );
    }

    #[test]
    fn without_mentions_roles_come_from_earlier_speakers() {
        let mut r = Resolver::new(&[]);
        let mut full = phrase(
            BODY,
            "Russian President Vladimir Putin",
            NpClass::Name,
            Some("Vladimir Putin"),
        );
        full.role = Some("Russian President");
        let who = r.resolve(&full);
        assert_eq!(who.speaker, "Vladimir Putin");
        assert!(who.person);
        r.record(Some(&full), &who, full.span.start, 0);
        let short = phrase(BODY, "Putin", NpClass::Name, Some("Putin"));
        assert_eq!(r.resolve(&short).speaker, "Vladimir Putin");
        let leader = phrase(BODY, "The Russian leader", NpClass::Description, None);
        assert_eq!(r.resolve(&leader).speaker, "Vladimir Putin");
    }
}
