//! newsdb turns a folder of scraped news articles into a SQLite database of documents, quotes,
//! entities and numbers. The binary is a thin shell over [`app::run`]; the stages live in their
//! own modules in the order data flows through them: [`discover`] → [`read`] (and hash) →
//! [`decode`] → [`parse`] → [`normalize`] → [`extract`], driven by [`pipeline`] and stored by
//! [`db`], the only module that touches SQLite.

pub mod app;
pub mod cli;
pub mod corpus;
pub mod db;
pub mod decode;
pub mod discover;
pub mod document;
pub mod extract;
pub mod html;
pub mod near_dup;
pub mod normalize;
pub mod offsets;
pub mod parse;
pub mod pipeline;
pub mod priority;
pub mod read;
pub mod search;
pub mod sentences;

/// Version of everything that derives data from a document's stored text (parse, normalize,
/// extract). Bump it when their output changes: the next `ingest` re-derives every stored
/// document from its stored text and says so in its summary.
pub const EXTRACTOR_VERSION: i64 = 4;
