//! The data that flows through the stages, one type per state.
//!
//! A file found on disk is a [`SourceFile`]; once read and hashed it is a [`RawFile`]; decoded
//! to text it becomes a [`Decoded`]; `parse` turns that into a [`RawArticle`] (a faithful
//! split of the page into kept and dropped lines), `normalize` into an [`Article`] (clean body,
//! sentences), and `extract` adds [`Extractions`]. Offsets inside these types are byte offsets
//! into `Article::body` (cheap to produce in Rust); the store converts them to the code-point
//! offsets the database promises, in one pass, through [`crate::offsets::CharOffsets`].
//!
//! Nothing here does I/O or touches the database.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// A byte range into `Article::body`.
pub type Span = Range<usize>;

/// How the stored text is to be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
        }
    }

    pub fn from_db(s: &str) -> Format {
        if s == "html" {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// A candidate file found by `discover`, not yet read.
///
/// An ingest holds one of these for every file to read until the file is read, so it is kept
/// small: the root is shared, and the file's own path is not stored when it is the root's
/// folder joined with `rel_path` (it is, unless the name is not valid UTF-8).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The absolute folder given to `ingest` (or the file's parent when a file was given), as
    /// `files.root` stores it.
    pub root: Arc<str>,
    /// Path relative to `root`, `/`-separated.
    pub rel_path: String,
    /// The root's folder, as the file system names it.
    pub dir: Arc<Path>,
    /// Where to read the file when `dir` joined with `rel_path` is not it.
    pub exact_path: Option<PathBuf>,
    pub size: u64,
    pub mtime_ns: i64,
    pub format: Format,
}

impl SourceFile {
    /// Where to read it.
    pub fn abs_path(&self) -> PathBuf {
        match &self.exact_path {
            Some(path) => path.clone(),
            None => self.dir.join(&self.rel_path),
        }
    }
}

/// The bytes of a file and their SHA-256.
#[derive(Debug)]
pub struct RawFile {
    pub bytes: Vec<u8>,
    pub sha256: [u8; 32],
}

/// A file's bytes turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding the bytes were decoded from, as its WHATWG name (`UTF-8`, `windows-1252`).
    pub encoding: String,
    /// What decoding had to repair, in words; `None` when the bytes were clean.
    pub note: Option<String>,
}

/// Why a line of the page is not part of the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropReason {
    /// The line became the title (or repeats it).
    Title,
    /// Breadcrumbs, menus, section and tag lines.
    Navigation,
    /// Photo captions, image credits, image file names.
    Caption,
    /// Wire and contributor credits ("Reuters contributed to this report.").
    Credit,
    /// Share, comment, subscribe and similar page furniture.
    Widget,
    /// Lists of other articles ("Related Articles", "More from ...").
    RelatedLinks,
    /// Source lines, copyright notices and other page footers.
    Footer,
    /// Byline and dateline lines that became metadata.
    Metadata,
    /// A paragraph the scraper saved more than once.
    Duplicate,
    /// A line that recurs verbatim across many documents of the corpus.
    Recurring,
    /// Empty or whitespace-only.
    Blank,
    /// Readers' comments and comment forms below the article.
    Comment,
}

impl DropReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::Title => "title",
            DropReason::Navigation => "navigation",
            DropReason::Caption => "caption",
            DropReason::Credit => "credit",
            DropReason::Widget => "widget",
            DropReason::RelatedLinks => "related-links",
            DropReason::Footer => "footer",
            DropReason::Metadata => "metadata",
            DropReason::Duplicate => "duplicate",
            DropReason::Recurring => "recurring",
            DropReason::Blank => "blank",
            DropReason::Comment => "comment",
        }
    }
}

/// One line of the source text and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineVerdict {
    /// 0-based line number in the decoded text.
    pub line_no: usize,
    pub text: String,
    /// `None` when the line is kept in the body.
    pub dropped: Option<DropReason>,
}

/// A short line's corpus fingerprint, as stored for the recurring-line rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFingerprint {
    /// [`crate::corpus::fingerprint`] of the line.
    pub fp: u64,
    /// The line would be kept if it were not recurring: only then does recurrence decide its fate.
    pub kept_by_content: bool,
    /// The line was dropped as recurring when this document was derived.
    pub recurring: bool,
}

/// What `parse` makes of a decoded file: the lines sorted into body and not-body, and the
/// metadata found on the way. Text is as the writer wrote it (normalization comes next).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub byline: Option<String>,
    /// ISO 8601 date (`2023-11-27`) when the text states one.
    pub published: Option<String>,
    /// Wire services credited (`Reuters`, `AP`), as data.
    pub credits: Vec<String>,
    /// Body paragraphs in order, before normalization.
    pub paragraphs: Vec<String>,
    /// Every line of the source, kept or dropped.
    pub lines: Vec<LineVerdict>,
    /// Fingerprints of the short lines that could be recurring boilerplate, one per distinct line.
    pub fingerprints: Vec<LineFingerprint>,
}

/// The article a reader would recognise: normalized metadata and body, with sentence and
/// paragraph boundaries. This is what every extractor reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub credits: Vec<String>,
    /// Paragraphs joined by a blank line (`"\n\n"`).
    pub body: String,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
    pub lines: Vec<LineVerdict>,
    pub fingerprints: Vec<LineFingerprint>,
}

/// The kind of a named entity. Kinds beyond the three core ones are kept as their own words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    /// Events, nationalities and the like, named by their own word (`event`, `nationality`).
    Other(String),
}

impl EntityKind {
    pub fn as_str(&self) -> &str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Location => "location",
            EntityKind::Other(word) => word,
        }
    }
}

/// One occurrence of a named entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte span in the body; `None` for a mention in the title.
    pub span: Option<Span>,
    /// The words as written.
    pub text: String,
    pub kind: EntityKind,
    /// Canonical name within this document (`Vladimir Putin` for `Putin`).
    pub canonical: String,
    /// Title or description attached to this mention (`Russian President`).
    pub role: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
    /// Words in quotation marks that are not speech: scare quotes, names.
    Scare,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Scare => "scare",
        }
    }
}

/// A quote with its speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub kind: QuoteKind,
    /// Byte span of the quoted words (without enclosing marks) in the body.
    pub span: Span,
    /// Canonical speaker: an entity's canonical name, or the source as written.
    pub speaker: Option<String>,
    /// The speaker's entity kind when `speaker` is an entity.
    pub speaker_kind: Option<EntityKind>,
    /// The words near the quote that name the speaker, as written (`he`, `Putin`).
    pub speaker_mention: Option<String>,
    pub cue: Option<String>,
}

/// A quantity, date or year.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Byte span in the body of the text as written.
    pub span: Span,
    pub value: Option<f64>,
    pub unit: Option<String>,
    /// `cardinal`, `ordinal`, `percent`, `money`, `year`, `date`, `duration`, `multiplier`,
    /// `fraction`, `quantity` (a measure in a unit), `age`, `decade`, `time`, `score`.
    pub kind: String,
    /// ISO 8601 for dates, else a canonical string.
    pub normalized: Option<String>,
    /// Approximation as written (`about`, `more than`).
    pub qualifier: Option<String>,
    /// Byte span in the body of the sentence the number is in, so it can be read in context.
    pub sentence: Span,
}

/// Everything the extractors found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extractions {
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
    pub numbers: Vec<Number>,
}
