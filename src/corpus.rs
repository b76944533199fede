//! What the corpus as a whole knows that one document cannot: read-only knowledge loaded from
//! the database at the start of a run and handed to the pure stages.
//!
//! Stages never query the database themselves; the driver loads this once and shares it.

/// Corpus-wide facts the parse stage consults.
#[derive(Debug, Default, Clone)]
pub struct CorpusKnowledge {}
