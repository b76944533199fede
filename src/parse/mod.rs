//! Stage 3, parse: split a decoded file into the article's lines and the page furniture around
//! them, and pick out the metadata (title, outlet, dateline, byline, date, wire credits).
//!
//! A scraped page is a header (menus, breadcrumbs, the title, a byline and date), the article
//! (a run of prose paragraphs, perhaps broken by captions and widgets), then a tail (related
//! links, comments, footers). Parsing follows that shape, using only what the text itself says
//! and a small documented lexicon, never a list of known pages:
//!
//! 1. every line is measured ([`shape::Shape`]) and the unmistakable furniture is recognised by
//!    its form (image file names, photo credits, copyright and credit lines, menus joined by
//!    separators, lines made of widget vocabulary);
//! 2. the title is the first title-shaped line of the head (a breadcrumb's last segment counts),
//!    with any outlet suffix split off; it is NULL when the page opens with prose;
//! 3. the article is the densest cluster of prose lines; short lines inside it stay when they
//!    read as sentences, lone sub-headings or rows of data (list items, fixtures, rankings), and
//!    runs of title-like lines (link lists, long headlines under a `Related` heading) go; an
//!    opening paragraph that a sidebar cut off from the rest (it starts with a dateline or
//!    follows the byline) rejoins it; everything before it is header, everything after it is
//!    tail, but for data rows that continue the last paragraph;
//! 4. paragraphs saved twice are kept once, and short lines that the corpus says recur in many
//!    documents ([`CorpusKnowledge`]) are dropped last, so that this one corpus-dependent rule
//!    never changes any other verdict.
//!
//! HTML goes through [`crate::html`] first and then takes the same path; plain text has its
//! HTML character references (`&#163;`, `&amp;`) decoded first. Other character normalization
//! is left to `normalize`.

mod lexicon;
mod meta;
mod shape;

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::{CorpusKnowledge, fingerprint};
use crate::document::{DropReason, Format, LineFingerprint, LineVerdict, RawArticle};
use lexicon::Furniture;
pub use shape::Shape;

/// Lines of the head searched for a title.
const TITLE_SEARCH_LINES: usize = 6;
/// Non-prose lines that may separate two prose lines of one article.
const MAX_GAP: usize = 4;
/// Lines (of any kind) that may separate two prose clusters joined into one article.
const MAX_JOIN_GAP: usize = 12;

/// What the page structure says a line opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Comments,
    Related,
    Footer,
}

struct Line<'a> {
    no: usize,
    raw: &'a str,
    text: &'a str,
    shape: Shape,
    /// [`fingerprint`] of the text, computed once.
    fp: u64,
    /// Furniture recognised from the line alone.
    hard: Option<DropReason>,
    marker: Option<Marker>,
    verdict: Option<DropReason>,
    decided: bool,
}

pub fn parse(text: &str, format: Format, corpus: &CorpusKnowledge) -> RawArticle {
    match format {
        Format::Text => parse_text(&decode_character_references(text), corpus),
        Format::Html => {
            let page = crate::html::main_content(text);
            let mut raw = parse_text(&page.text, corpus);
            if let Some(title) = page.title {
                let (title, outlet) = meta::split_title_suffix(&title);
                raw.title = Some(title);
                if raw.outlet.is_none() {
                    raw.outlet = outlet.or(page.site_name);
                }
            }
            raw
        }
    }
}

/// Scrapers that read a page's source often leave HTML character references in the text
/// (`&#163;1.8m`, `AT&amp;T`); a news text has no use for them as written. html-escape knows
/// every named reference. A reference that would add a line break is left alone, so line
/// numbers stay those of the file.
fn decode_character_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let decoded = html_escape::decode_html_entities(text);
    if decoded.matches(['\n', '\r']).count() != text.matches(['\n', '\r']).count() {
        return Cow::Borrowed(text);
    }
    decoded
}

fn parse_text(text: &str, corpus: &CorpusKnowledge) -> RawArticle {
    let mut lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(no, raw)| {
            let text = raw.trim();
            let shape = Shape::of(text);
            let (hard, marker) = if text.is_empty() {
                (Some(DropReason::Blank), None)
            } else {
                furniture_by_form(text, &shape)
            };
            Line {
                no,
                raw,
                text,
                shape,
                fp: if text.is_empty() {
                    0
                } else {
                    fingerprint(text)
                },
                hard,
                marker,
                verdict: None,
                decided: text.is_empty(),
            }
        })
        .collect();
    if lines.first().is_some_and(|l| l.decided) {
        lines[0].verdict = Some(DropReason::Blank);
    }
    for l in lines.iter_mut().filter(|l| l.text.is_empty()) {
        l.verdict = Some(DropReason::Blank);
    }
    let mut article = RawArticle::default();

    // The title, from the head of the page.
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text.is_empty())
        .collect();
    let title_fps = find_title(&mut lines, &nonblank, &mut article);
    for &i in &nonblank {
        let l = &mut lines[i];
        if !l.decided && title_fps.contains(&l.fp) {
            l.verdict = Some(DropReason::Title);
            l.decided = true;
        }
    }

    // The article: the densest cluster of prose.
    let good: Vec<bool> = nonblank
        .iter()
        .map(|&i| {
            let l = &lines[i];
            !l.decided
                && l.hard.is_none()
                && l.shape.is_prose()
                && !is_caption_shape(l.text)
                && !is_teaser(l.text)
        })
        .collect();
    let good = headlines_after_related_heading(&lines, &nonblank, good);
    let region = article_region(&lines, &nonblank, &good);
    classify(&mut lines, &nonblank, &good, region);
    let region = region.map(|r| (r.lead.map_or(r.start, |(s, _)| s), r.end));

    // Kept paragraphs saved twice: the first copy stays.
    let mut seen: HashSet<u64> = HashSet::new();
    for &i in &nonblank {
        let l = &mut lines[i];
        if l.verdict.is_none() && l.shape.words >= 4 && !seen.insert(l.fp) {
            l.verdict = Some(DropReason::Duplicate);
        }
    }

    // Corpus knowledge, last, so it changes no other verdict.
    let mut fps: Vec<LineFingerprint> = Vec::new();
    for &i in &nonblank {
        let l = &mut lines[i];
        if !is_recurring_candidate(l.text, &l.shape) {
            continue;
        }
        let fp = l.fp;
        if fp == 0 {
            continue;
        }
        let kept_by_content = l.verdict.is_none();
        let recurring = kept_by_content && corpus.is_recurring(fp);
        if recurring {
            l.verdict = Some(DropReason::Recurring);
        }
        match fps.iter_mut().find(|f| f.fp == fp) {
            Some(f) => {
                f.kept_by_content |= kept_by_content;
                f.recurring |= recurring;
            }
            None => fps.push(LineFingerprint {
                fp,
                kept_by_content,
                recurring,
            }),
        }
    }
    article.fingerprints = fps;

    collect_metadata(&lines, &nonblank, region, &mut article);
    for l in &lines {
        if l.verdict.is_none() {
            article.paragraphs.push(l.text.to_string());
        }
        article.lines.push(LineVerdict {
            line_no: l.no,
            text: l.raw.to_string(),
            dropped: l.verdict,
        });
    }
    article
}

/// Under a related-links heading (`Related stories`, `Latest headlines`) come headlines, some
/// long enough to pass for prose; they are links, not article, until a line ends like a
/// sentence. Without this a list of long headlines joins the article it follows.
fn headlines_after_related_heading(
    lines: &[Line],
    nonblank: &[usize],
    mut good: Vec<bool>,
) -> Vec<bool> {
    let mut in_list = false;
    for (p, &i) in nonblank.iter().enumerate() {
        let l = &lines[i];
        if l.marker == Some(Marker::Related) {
            in_list = true;
        } else if in_list && good[p] {
            if l.shape.terminal || l.shape.words > 25 || l.text.ends_with(':') {
                in_list = false;
            } else {
                good[p] = false;
            }
        }
    }
    good
}

/// Only short lines that do not read as sentences may be dropped for recurring: in a corpus of
/// syndicated copies real paragraphs recur too, and they are article text.
pub fn is_recurring_candidate(text: &str, shape: &Shape) -> bool {
    let short_label = shape.words <= 10 && !shape.is_short_sentence() && !shape.is_prose();
    // A site's standing sentence to its reader ("Come see us again.") recurs on every page.
    // Not any sentence with "you": news ledes talk to the reader too, and in a corpus of
    // syndicated copies they recur. Only calls to action and short lines about "us"/"our".
    let site_talk = shape.words <= 25
        && !text.contains(['"', '“', '”'])
        && (addresses_reader(text) && lexicon::has_call(text)
            || shape.words <= 10
                && text
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| matches!(w, "us" | "our" | "Our")));
    shape.words > 0 && (short_label || site_talk)
}

static IMAGE_FILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\.(?:jpe?g|png|gif|webp|tiff?)(?-u:\b)|[\s_-]scaled$|^[0-9a-f]{6,}(?:[\s_-][0-9a-f]{3,})+$|(?-u:\b)\d{8}T\d{6}Z(?-u:\b))")
        .expect("regex")
});
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?i:(?:^|[(\[.;|]\s*)(?:photo(?:graph)?s?|pictures?|pics?|images?|credits?|video)\s*(?:by(?-u:\b)|:|/))|ATTENTION EDITORS|(?-u:\b)via REUTERS(?-u:\b)|(?-u:\b)REUTERS/|/(?:Reuters|REUTERS|AFP|AP|EPA|Getty|Sputnik|Kremlin|Pool)(?-u:\b)|(?-u:\b)AP Photo(?-u:\b)|Getty Images|(?-u:\b)FILE PHOTO(?-u:\b)|(?i:(?-u:\b)staff photo(?-u:\b))|(?-u:\b)Shutterstock(?-u:\b)|(?i:\(photo(?-u:\b)))",
    )
    .expect("regex")
});

/// A picture's credit closing its caption, however long the caption: `(AP Photo/Jane Doe)`,
/// `(Sean Kilpatrick / THE CANADIAN PRESS)`, `(Ferrey/WireImage)`.
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:AP |Reuters |AFP )?(?i:photo|picture|image)s?\s*(?:by|:|/)[^()]{1,60}\)\s*$|\(\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*/\s*[A-Z][\w.'’& -]{1,50}\)\s*$")
        .expect("regex")
});

/// A caption-like line without a credit: `Label: description` with no full stop, as picture
/// captions and teaser headlines are written.
fn is_caption_shape(text: &str) -> bool {
    let Some((label, rest)) = split_label(text) else {
        return false;
    };
    // The label first: measuring the rest costs more.
    if !label.chars().next().is_some_and(char::is_uppercase)
        || !(1..=4).contains(&label.split_whitespace().count())
    {
        return false;
    }
    let rest_shape = Shape::of(rest);
    !rest_shape.terminal && rest_shape.words >= 5 && rest_shape.words <= 25
}

/// `text.split_once(": ")`, found by looking for the colon (a `memchr`) instead of the
/// general substring search: this runs on every prose line.
fn split_label(text: &str) -> Option<(&str, &str)> {
    let mut from = 0;
    while let Some(i) = text[from..].find(':') {
        let at = from + i;
        if text.as_bytes().get(at + 1) == Some(&b' ') {
            return Some((&text[..at], &text[at + 2..]));
        }
        from = at + 1;
    }
    None
}

static MORE_LINKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:More|Latest|Previous|Next|Other|Top|Related|Previously)(?-u:\b).*(?:»|\.\.\.|…|:|(?-u:\b)(?:news|stories|articles|headlines|story|article|on \S+))$")
        .expect("regex")
});

/// `Next story: …`, `Previous article: …`: a link to the neighbouring article.
static NEXT_STORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Next|Previous|Prev)\s+(?:[\w&]+\s+){0,3}(?i:story|article|post|entry|item)\s*:",
    )
    .expect("regex")
});

/// Words by which a page speaks to its reader.
fn addresses_reader(text: &str) -> bool {
    if text.is_ascii() {
        // In ASCII `char::is_alphabetic` is `u8::is_ascii_alphabetic`: the same words, found
        // without decoding.
        return text
            .as_bytes()
            .split(|b| !b.is_ascii_alphabetic())
            .any(is_reader_word);
    }
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| is_reader_word(w.as_bytes()))
}

fn is_reader_word(word: &[u8]) -> bool {
    matches!(
        word,
        b"you"
            | b"your"
            | b"You"
            | b"Your"
            | b"us"
            | b"our"
            | b"Our"
            | b"we"
            | b"We"
            | b"Click"
            | b"Visit"
            | b"Subscribe"
            | b"Sign"
            | b"Get"
            | b"Download"
            | b"Follow"
            | b"Submit"
            | b"Discuss"
            | b"Buy"
            | b"Read"
            | b"Call"
            | b"Find"
            | b"Start"
            | b"Register"
            | b"Remember"
            | b"Upload"
            | b"Send"
            | b"Search"
    )
}

/// A sentence in which the site, not the article, speaks: a call to action addressed to the
/// reader, not inside quotation marks (a quoted speaker may well say "visit us"). The words
/// to the reader are looked for before the lexicon's calls: fewer lines have them, and the
/// lexicon search costs more.
fn is_call_to_action(text: &str, s: &Shape) -> bool {
    s.words <= 25
        && !text.contains(['"', '“', '”'])
        && addresses_reader(text)
        && lexicon::has_call(text)
}

static CAPTION_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\S+\s+){1,8}?(?:speaks|attends|arrives|gestures|looks on|walks|waves|poses|listens|holds|celebrates|stands|sits|talks|reacts|smiles|leaves|delivers|addresses|shakes hands|greets|prays|inspects|visits|watches|is seen|are seen|pictured|attend|arrive|gesture|look on|walk|wave|pose|listen|hold|celebrate|stand|sit|react|gather|inspect|mourn|carry|march|protest|wait|pray|watch|greet|shake hands)(?-u:\b)")
        .expect("regex")
});
static CAPTION_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:l|r|c|left|right|center|centre|front|back)\)|(?-u:\b)not seen(?-u:\b)|(?-u:\b)file photo(?-u:\b)|(?-u:\b)in this (?:\w+ )*(?:photo|picture|image)(?-u:\b)|(?-u:\b)(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}, \d{4}\.?$|, (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? (?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2},? \d{4}\. [A-Z]")
        .expect("regex")
});

/// A picture caption without a credit: someone doing something in the present tense early in
/// the line, with a caption's marks (`(L)`, `not seen`, `file photo`, a closing full date).
fn is_photo_caption(text: &str) -> bool {
    CAPTION_VERB.is_match(text) && CAPTION_MARK.is_match(text)
}

/// A teaser cut short by the page (`… a reporter finally ...`): a link to another article.
fn is_teaser(text: &str) -> bool {
    let t = text.trim_end();
    // The link that ends a teaser: `… Full Story`, `… (more)`, `… more`.
    let ends_with = |end: &str| {
        t.len() >= end.len()
            && t.is_char_boundary(t.len() - end.len())
            && t[t.len() - end.len()..].eq_ignore_ascii_case(end)
    };
    if [
        "full story",
        "(more)",
        "... more",
        "…more",
        "… more",
        "read more",
        "more »",
    ]
    .into_iter()
    .any(ends_with)
    {
        return true;
    }
    t.ends_with(" ...")
        || t.ends_with(" …")
        || (t.ends_with("...") && !t.ends_with("....") && {
            let before = t.trim_end_matches('.');
            before.ends_with(|c: char| c.is_alphabetic())
        })
}

/// Furniture recognisable from one line alone, and what part of the page the line opens.
fn furniture_by_form(text: &str, s: &Shape) -> (Option<DropReason>, Option<Marker>) {
    if !s.terminal && s.stop_words == 0 && (s.mixed_words >= 2 || IMAGE_FILE.is_match(text)) {
        return (Some(DropReason::Caption), None);
    }
    if s.words <= 60 && PHOTO_CREDIT.is_match(text)
        || s.words <= 120 && text.ends_with(')') && TRAILING_CREDIT.is_match(text)
    {
        return (Some(DropReason::Caption), None);
    }
    if s.words <= 50 && meta::is_copyright(text) {
        return (Some(DropReason::Footer), Some(Marker::Footer));
    }
    if meta::is_credit_line(text) {
        return (Some(DropReason::Credit), None);
    }
    if s.words <= 12 && !s.is_short_sentence() && meta::outlet_from_line(text).is_some() {
        let related = text.starts_with("More ")
            || text.starts_with("Latest ")
            || text.starts_with("Read more");
        return if related {
            (Some(DropReason::RelatedLinks), Some(Marker::Related))
        } else {
            (Some(DropReason::Footer), None)
        };
    }
    if s.words <= 60
        && !text.contains(['"', '“', '”'])
        && let Some(kind) = lexicon::site_statement(text)
    {
        return if kind == Furniture::CommentPolicy {
            (Some(DropReason::Comment), Some(Marker::Comments))
        } else {
            (Some(DropReason::Footer), None)
        };
    }
    if s.words <= 15
        && let Some((kind, coverage)) = lexicon::furniture(text)
        && (coverage >= 0.6 || (coverage >= 0.5 && s.words >= 3 && !s.is_short_sentence()))
    {
        return match kind {
            Furniture::Widget => (Some(DropReason::Widget), None),
            Furniture::Comments => (Some(DropReason::Comment), Some(Marker::Comments)),
            Furniture::Navigation => (Some(DropReason::Navigation), None),
            Furniture::Related => (Some(DropReason::RelatedLinks), Some(Marker::Related)),
            Furniture::Footer => (Some(DropReason::Footer), Some(Marker::Footer)),
            Furniture::Call | Furniture::Disclaimer | Furniture::CommentPolicy => (None, None),
        };
    }
    let points_on = text.ends_with("...") || text.ends_with('…') || text.ends_with('»');
    if s.words <= 8 && (!s.is_short_sentence() || points_on) && MORE_LINKS.is_match(text)
        || s.words <= 25 && NEXT_STORY.is_match(text)
    {
        return (Some(DropReason::RelatedLinks), Some(Marker::Related));
    }
    if is_call_to_action(text, s) {
        let comments = text.to_ascii_lowercase().contains("comment");
        return if comments {
            (Some(DropReason::Comment), Some(Marker::Comments))
        } else {
            (Some(DropReason::Widget), None)
        };
    }
    if s.words <= 80 && is_photo_caption(text) {
        return (Some(DropReason::Caption), None);
    }
    if s.separators >= 2 && !s.is_prose() {
        return (Some(DropReason::Navigation), None);
    }
    if s.separators == 1 && !s.terminal && s.words <= 12 && text.contains(" | ") {
        // `Section | Outlet`, `Print | Email`: short pieces joined by a bar.
        let short_pieces = text.split('|').all(|p| p.split_whitespace().count() <= 4);
        if short_pieces {
            return (Some(DropReason::Navigation), None);
        }
    }
    (None, None)
}

static DATA_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // a list item: `- Spend three years on probation`
        r"^(?:[-–•*·]\s+\S",
        // a fixture: `Chelsea v Birmingham`, `Swindon/Notts Co v Middlesbrough`
        r"|[A-Z][^.!?]{0,40}\s(?:v|vs\.?)\s+[A-Z]",
        // a ranked entry: `7 Tim Henman (Britain)`, `2. Amelie Mauresmo (France) 35.888`
        r"|\d{1,3}[.)]?\s+[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,4}\s*\([^)]{2,40}\)(?:\s+[\d:.,+-]+)*\.?$",
        // a result: `Ssangbangwool 2 Hyundai 1`, `Leeds 3 Derby County 0`
        r"|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+\d{1,3}\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+\d{1,3}$",
        // a figure on its own or after a label: an attendance, a score
        r"|(?:[A-Z][a-z]+:\s*)?[\d,.:-]*\d[\d,.:-]*$)",
    ))
    .expect("regex")
});

/// A row of the data an article may end with or carry inside it: list items, fixtures,
/// rankings, figures. Such rows are article, not the links a page sets around it.
fn is_data_row(text: &str) -> bool {
    DATA_ROW.is_match(text)
}

/// Finds the title in the head of the page, records it (and an outlet suffix) in `article`,
/// marks the lines it came from, and returns the fingerprints a repeated title line would have.
fn find_title(lines: &mut [Line], nonblank: &[usize], article: &mut RawArticle) -> HashSet<u64> {
    let mut fps = HashSet::new();
    for (n, &i) in nonblank.iter().take(TITLE_SEARCH_LINES).enumerate() {
        let l = &lines[i];
        let min_words = if n == 0 { 2 } else { 3 };
        let text = l.text;
        if let Some(parts) = meta::breadcrumb(text) {
            let last = parts.last().copied().unwrap_or_default();
            let (head, suffix) = meta::split_title_suffix(last);
            if is_title_shaped(&head, 3) {
                fps.insert(fingerprint(last));
                fps.insert(fingerprint(&head));
                article.title = Some(head);
                article.outlet = suffix;
                lines[i].verdict = Some(DropReason::Title);
                lines[i].decided = true;
                return fps;
            }
            lines[i].verdict = Some(DropReason::Navigation);
            lines[i].decided = true;
            continue;
        }
        if l.hard.is_some() || meta::is_date_line(text) || meta::byline(text).is_some() {
            continue;
        }
        // The page opens with its article: there is no title.
        if l.shape.is_prose()
            && (l.shape.terminal || l.shape.words > 25)
            && !is_title_shaped(text, min_words)
        {
            return fps;
        }
        let (head, suffix) = meta::split_title_suffix(text);
        // A headline heads something: a line after which no prose follows is the article.
        let prose_follows = nonblank[n + 1..]
            .iter()
            .any(|&j| lines[j].hard.is_none() && lines[j].shape.is_prose());
        if is_title_shaped(&head, min_words) && prose_follows {
            fps.insert(fingerprint(text));
            fps.insert(fingerprint(&head));
            article.title = Some(head);
            article.outlet = suffix;
            lines[i].verdict = Some(DropReason::Title);
            lines[i].decided = true;
            return fps;
        }
    }
    fps
}

/// A headline: a handful of words or more, starting with a capital, digit or quote, not a run
/// of several sentences and not a paragraph.
fn is_title_shaped(text: &str, min_words: usize) -> bool {
    let s = Shape::of(text);
    let mut chars = text.chars();
    let (first, second) = (chars.next(), chars.next());
    // Brand names in lower case (`iTunes`, `eBay`) and amounts (`$1m payoff …`) open headlines too.
    let brand = first.is_some_and(char::is_lowercase) && second.is_some_and(char::is_uppercase);
    let starts_well = brand
        || first.is_some_and(|c| {
            c.is_uppercase()
                || c.is_numeric()
                || "\"“‘'¿¡".contains(c)
                || c.is_ascii_punctuation() && second.is_some_and(|d| d.is_numeric())
                || matches!(c, '£' | '€' | '¥')
        });
    starts_well
        && s.alpha_words >= min_words
        && s.words <= 30
        && s.inner_stops == 0
        && !(s.terminal && s.words > 18)
        && s.separators == 0
        && lexicon::furniture(text).is_none_or(|(_, c)| c < 0.5)
}

/// A cluster of prose lines: positions in `nonblank` of its first and last prose line.
#[derive(Debug, Clone, Copy)]
struct Cluster {
    start: usize,
    end: usize,
    chars: usize,
    /// Comment-thread furniture inside the cluster: `Posted by`, times, bylines.
    signals: usize,
    /// Short title-like lines between its prose lines: a list of headlines with teasers.
    headlines: usize,
    /// Characters of its prose lines that end like sentences.
    terminal_chars: usize,
    after_comments: bool,
    /// A comments heading or footer separates it from the cluster before.
    walled_off: bool,
    /// A related-links heading stands between it and the cluster before.
    related_before: bool,
    lines: usize,
}

impl Cluster {
    fn score(&self) -> f32 {
        // Article paragraphs end with a full stop; teasers and headlines often do not.
        let mut s = self.terminal_chars as f32 + 0.3 * (self.chars - self.terminal_chars) as f32;
        if self.headlines >= 3 && 2 * self.headlines >= self.lines {
            s *= 0.3;
        }
        if self.signals >= 2 {
            s *= 0.25;
        }
        if self.after_comments {
            s *= 0.3;
        }
        s
    }
}

static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)").expect("regex")
});

/// A commenter's signature: `- Louise, Lancaster, UK`.
static COMMENTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-–—]\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*,\s*[A-Z]").expect("regex")
});

/// A line of the kind that heads each reader's comment: who posted it and when.
fn is_comment_signal(l: &Line) -> bool {
    l.marker == Some(Marker::Comments)
        || (l.shape.words <= 8 && COMMENTER.is_match(l.text))
        || (l.shape.words <= 16
            && (meta::is_date_line(l.text)
                || meta::byline(l.text).is_some()
                || CLOCK.is_match(l.text)))
}

/// Where the article lies, as positions in `nonblank`.
#[derive(Debug, Clone, Copy)]
struct Region {
    start: usize,
    end: usize,
    /// The article's opening paragraphs when a sidebar (a block of links, a score table) cuts
    /// them off from the rest: first and last line. The lines between are not article.
    lead: Option<(usize, usize)>,
}

/// The article's first and last line, as positions in `nonblank`: the cluster of prose lines
/// with the most prose, where a cluster allows short gaps but never crosses a comments heading
/// or a footer. A comment thread (prose broken by `Posted by … at 9:35am` lines) counts for
/// less, and clusters close to the chosen one are joined to it.
fn article_region(lines: &[Line], nonblank: &[usize], good: &[bool]) -> Option<Region> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut current: Option<Cluster> = None;
    let mut gap = 0;
    let mut pending_signals = 0;
    let mut pending_headlines = 0;
    let mut after_comments = false;
    let mut walled = false;
    let mut related = false;
    for (p, &i) in nonblank.iter().enumerate() {
        let l = &lines[i];
        if l.marker == Some(Marker::Related) {
            related = true;
        }
        if matches!(l.marker, Some(Marker::Comments) | Some(Marker::Footer)) {
            clusters.extend(current.take());
            walled = true;
            if clusters.iter().any(|c| c.lines >= 2 || c.chars >= 200) {
                after_comments = true;
            }
            gap = 0;
            pending_signals = 0;
            pending_headlines = 0;
            continue;
        }
        if good[p] {
            let terminal_chars = if l.shape.terminal { l.shape.chars } else { 0 };
            current = match current {
                Some(mut c) if gap <= MAX_GAP => {
                    c.end = p;
                    c.lines += 1;
                    c.chars += l.shape.chars;
                    c.terminal_chars += terminal_chars;
                    c.signals += pending_signals;
                    c.headlines += pending_headlines;
                    Some(c)
                }
                other => {
                    clusters.extend(other);
                    let c = Cluster {
                        start: p,
                        end: p,
                        chars: l.shape.chars,
                        terminal_chars,
                        signals: 0,
                        headlines: 0,
                        after_comments,
                        walled_off: walled,
                        related_before: related,
                        lines: 1,
                    };
                    walled = false;
                    Some(c)
                }
            };
            gap = 0;
            pending_signals = 0;
            pending_headlines = 0;
            related = false;
        } else if l.hard != Some(DropReason::Blank) {
            gap += 1;
            if is_comment_signal(l) {
                pending_signals += 1;
            }
            if l.hard.is_none() && !l.shape.terminal && l.shape.words <= 16 {
                pending_headlines += 1;
            }
        }
    }
    clusters.extend(current);
    let best = (0..clusters.len()).max_by(|&a, &b| {
        clusters[a]
            .score()
            .total_cmp(&clusters[b].score())
            .then(b.cmp(&a))
    })?;
    let (mut first, mut last) = (best, best);
    let substantial = |c: &Cluster| c.lines >= 2 || c.chars >= 200;
    let joinable = |a: &Cluster, b: &Cluster| {
        !b.walled_off
            && !b.related_before
            && b.start - a.end <= MAX_JOIN_GAP
            && a.signals < 2
            && b.signals < 2
            && substantial(a)
            && substantial(b)
    };
    while first > 0 && joinable(&clusters[first - 1], &clusters[first]) {
        first -= 1;
    }
    while last + 1 < clusters.len() && joinable(&clusters[last], &clusters[last + 1]) {
        last += 1;
    }
    let (mut start, mut end) = (clusters[first].start, clusters[last].end);
    // A line just before the first prose line that reads as a sentence is the article's lead.
    while start > 0 {
        let l = &lines[nonblank[start - 1]];
        if !l.decided && l.hard.is_none() && l.shape.is_short_sentence() && l.shape.words >= 6 {
            start -= 1;
        } else {
            break;
        }
    }
    // Sentence-shaped lines right after the last prose line still belong to the article (a
    // closing one-line paragraph, a list of results).
    while end + 1 < nonblank.len() {
        let l = &lines[nonblank[end + 1]];
        // A line that introduces a list (`The draw:`, `Seeds:`) belongs with the list.
        let introduces_rows = l.text.ends_with(':')
            && nonblank
                .get(end + 2)
                .is_some_and(|&j| is_data_row(lines[j].text));
        let list = l.text.matches([',', ';']).count() >= 2
            || (l.shape.terminal && l.shape.words <= 12)
            || is_data_row(l.text)
            || introduces_rows;
        if !l.decided && l.hard.is_none() && (l.shape.is_short_sentence() || good[end + 1] || list)
        {
            end += 1;
        } else {
            break;
        }
    }
    let lead = (first > 0)
        .then(|| separated_lead(lines, nonblank, good, &clusters[..=first]))
        .flatten();
    Some(Region { start, end, lead })
}

/// Pages often set a sidebar (related links, a score box, a newsletter form) between an
/// article's first paragraphs and the rest, too long a gap for the clusters to join. The cut-off
/// part is recognisable by how articles open: a prose line that starts with a dateline
/// (`HONOLULU --`) or comes right after the byline or date, followed by sentences up to the end
/// of its cluster, with no comments heading or footer between it and the article.
/// `up_to_article` ends with the article's first cluster.
fn separated_lead(
    lines: &[Line],
    nonblank: &[usize],
    good: &[bool],
    up_to_article: &[Cluster],
) -> Option<(usize, usize)> {
    let (article, before) = up_to_article.split_last()?;
    let opens_with_dateline = |p: usize| meta::dateline(lines[nonblank[p]].text).is_some();
    if opens_with_dateline(article.start) {
        return None;
    }
    let opens_article = |p: usize| {
        good[p]
            && (opens_with_dateline(p)
                || p > 0 && {
                    let prev = lines[nonblank[p - 1]].text;
                    meta::is_date_line(prev) || meta::byline(prev).is_some()
                })
    };
    for (i, c) in before.iter().enumerate() {
        if c.after_comments || c.signals >= 2 {
            continue;
        }
        let Some(start) = (c.start..=c.end).find(|&p| opens_article(p)) else {
            continue;
        };
        let (mut chars, mut terminal) = (0, 0);
        for p in (start..=c.end).filter(|&p| good[p]) {
            let shape = &lines[nonblank[p]].shape;
            chars += shape.chars;
            terminal += if shape.terminal { shape.chars } else { 0 };
        }
        let walled = up_to_article[i + 1..].iter().any(|c| c.walled_off);
        return (terminal * 4 >= chars * 3 && !walled).then_some((start, c.end));
    }
    None
}

fn classify(lines: &mut [Line], nonblank: &[usize], good: &[bool], region: Option<Region>) {
    let (start, end) = region.map_or((usize::MAX, usize::MAX), |r| (r.start, r.end));
    let lead = region.and_then(|r| r.lead);
    let mut in_comments = false;
    for (p, &i) in nonblank.iter().enumerate() {
        let l = &lines[i];
        if l.marker == Some(Marker::Comments) && (region.is_none() || p > end) {
            in_comments = true;
        }
        if l.decided {
            continue;
        }
        let verdict = if let Some(hard) = l.hard {
            Some(hard)
        } else if region.is_none() {
            // No prose to tell the article from its page: a short note, a list, one line of
            // figures. Keep what is not recognisably furniture rather than store an empty body,
            // but for a dateline or date line at its head.
            (p < 4 && (meta::is_date_line(l.text) || meta::dateline_line(l.text).is_some()))
                .then_some(DropReason::Metadata)
        } else if let Some((lead_start, lead_end)) = lead
            && (lead_start..=lead_end).contains(&p)
        {
            in_region(lines, nonblank, good, p, lead_start, lead_end)
        } else if p < start {
            if meta::is_date_line(l.text) || meta::byline(l.text).is_some() {
                Some(DropReason::Metadata)
            } else if good[p] {
                Some(DropReason::RelatedLinks)
            } else {
                Some(DropReason::Navigation)
            }
        } else if p > end {
            if in_comments {
                Some(DropReason::Comment)
            } else if l.shape.is_prose() || l.shape.is_title_case() || l.shape.words <= 12 {
                Some(DropReason::RelatedLinks)
            } else {
                Some(DropReason::Footer)
            }
        } else {
            in_region(lines, nonblank, good, p, start, end)
        };
        lines[i].verdict = verdict;
        lines[i].decided = true;
    }
}

/// A line inside the article that is not prose: keep sentences and lone sub-headings; drop
/// bylines, dates, captions and runs of short lines (lists of links set into the article).
fn in_region(
    lines: &[Line],
    nonblank: &[usize],
    good: &[bool],
    p: usize,
    start: usize,
    end: usize,
) -> Option<DropReason> {
    let l = &lines[nonblank[p]];
    // Team sheets and fixture lists (`A v B`) set into the article are part of it.
    let weak = |q: usize| {
        let m = &lines[nonblank[q]];
        !good[q]
            && !m.shape.is_short_sentence()
            && m.hard.is_none()
            && !is_data_row(m.text)
            && m.text.matches([',', ';']).count() < 2
    };
    // A long headline in a list of links set into the article reads as prose, but it has no
    // full stop and headlines around it.
    let long_headline = |q: usize| {
        let m = &lines[nonblank[q]];
        good[q]
            && !m.shape.terminal
            && m.shape.words <= 30
            && m.text
                .starts_with(|c: char| c.is_uppercase() || "‘“'\"".contains(c))
    };
    // A line that starts in lower case continues a paragraph the page broke (around a link),
    // and a line followed by one is no headline.
    let fragment = |q: usize| lines[nonblank[q]].text.starts_with(char::is_lowercase);
    let long_headline = |q: usize| long_headline(q) && !(q < end && fragment(q + 1));
    let listy = |q: usize| !fragment(q) && (weak(q) || long_headline(q));
    let prev_weak = p > start && listy(p - 1);
    let next_weak = p < end && listy(p + 1);
    if good[p] {
        let in_link_list = long_headline(p) && prev_weak && next_weak;
        return in_link_list.then_some(DropReason::RelatedLinks);
    }
    if p <= start + 2 && (meta::is_date_line(l.text) || meta::byline(l.text).is_some()) {
        return Some(DropReason::Metadata);
    }
    if is_caption_shape(l.text) {
        return Some(DropReason::Caption);
    }
    if l.shape.is_short_sentence() || l.shape.is_prose() {
        return None;
    }
    if !weak(p) {
        return None;
    }
    if prev_weak || next_weak {
        Some(DropReason::RelatedLinks)
    } else {
        None
    }
}

/// A wire dateline on a line of its own (`LONDON 1996-08-30`) gives the article its dateline
/// and, unless it has one, its date.
fn take_dateline_line(text: &str, article: &mut RawArticle) {
    if article.dateline.is_none()
        && let Some((place, date)) = meta::dateline_line(text)
    {
        article.dateline = Some(place);
        article.published.get_or_insert(date);
    }
}

/// Outlet, dateline, byline, date and wire credits, from the lines as classified.
fn collect_metadata(
    lines: &[Line],
    nonblank: &[usize],
    region: Option<(usize, usize)>,
    article: &mut RawArticle,
) {
    let (start, _) = region.unwrap_or((0, 0));
    let mut credits: Vec<String> = Vec::new();
    let add_credits = |names: Vec<&'static str>, credits: &mut Vec<String>| {
        for n in names {
            if !credits.iter().any(|c| c == n) {
                credits.push(n.to_string());
            }
        }
    };
    let mut first_kept = true;
    let mut outlet_footer: Option<String> = None;
    let mut outlet_prose: Option<String> = None;
    for (p, &i) in nonblank.iter().enumerate() {
        let l = &lines[i];
        match l.verdict {
            None => {
                if first_kept {
                    first_kept = false;
                    if let Some((place, agencies)) = meta::dateline(l.text) {
                        article.dateline = Some(place);
                        add_credits(agencies, &mut credits);
                    }
                    if article.published.is_none() {
                        let head: String = l.text.chars().take(40).collect();
                        article.published = meta::stated_date(&head);
                    }
                }
                if outlet_prose.is_none() {
                    outlet_prose = meta::outlet_in_prose(l.text);
                }
            }
            Some(DropReason::Credit) => add_credits(lexicon::agencies(l.text), &mut credits),
            Some(DropReason::Metadata)
            | Some(DropReason::Navigation)
            | Some(DropReason::Recurring)
                if p <= start =>
            {
                take_dateline_line(l.text, article);
                if article.byline.is_none()
                    && let Some(b) = meta::byline(l.text)
                {
                    article.byline = Some(b);
                }
                if article.published.is_none() && meta::is_date_line(l.text) {
                    article.published = meta::stated_date(l.text);
                }
            }
            Some(DropReason::Metadata) => {
                take_dateline_line(l.text, article);
                if article.byline.is_none() {
                    article.byline = meta::byline(l.text);
                }
                if article.published.is_none() {
                    article.published = meta::stated_date(l.text);
                }
            }
            Some(DropReason::Footer)
            | Some(DropReason::RelatedLinks)
            | Some(DropReason::Caption)
                if outlet_footer.is_none() && l.shape.words <= 12 =>
            {
                outlet_footer = meta::outlet_from_line(l.text);
            }
            _ => {}
        }
    }
    if article.outlet.is_none() {
        article.outlet = outlet_footer.or(outlet_prose);
    }
    article.credits = credits;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_plain(text: &str) -> RawArticle {
        parse(text, Format::Text, &CorpusKnowledge::default())
    }

    #[test]
    fn title_body_and_footer() {
        let a = parse_plain(
            "\nTitle of the story here\n\nThe first paragraph of the story says what happened to whom, where and when.\n\nThe second paragraph adds the detail that a reader needs to follow it.\n\nShare this article\n",
        );
        assert_eq!(a.title.as_deref(), Some("Title of the story here"));
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.lines[1].dropped, Some(DropReason::Title));
        assert_eq!(a.lines[7].dropped, Some(DropReason::Widget));
    }

    #[test]
    fn the_only_prose_line_is_body_not_title() {
        let a = parse_plain(
            "Weather\n\n“The rain will stop by the weekend and the rivers will fall again,” the forecaster said.\n",
        );
        assert!(
            a.paragraphs.iter().any(|p| p.contains("rain will stop")),
            "{a:?}"
        );
        assert_ne!(a.title.as_deref().map(|t| t.contains("rain")), Some(true));
    }

    #[test]
    fn no_title_when_the_page_opens_with_prose() {
        let a = parse_plain(
            "officials said the talks would resume next week, after a pause that lasted several months.\nThe second paragraph adds the detail that a reader needs to follow it.\n",
        );
        assert_eq!(a.title, None);
        assert_eq!(a.paragraphs.len(), 2);
    }
}
