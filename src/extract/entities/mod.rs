//! Named entities (people, organizations, places) with one canonical name per document.
//! (Being built: see issue 4.)

use crate::document::{Article, Mention};

pub fn extract(_article: &Article) -> Vec<Mention> {
    Vec::new()
}
