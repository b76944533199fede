//! Direct, partial and indirect quotes with their speakers.
//! (Being built: see issue 5.)

use crate::document::{Article, Mention, Quote};

pub fn extract(_article: &Article, _mentions: &[Mention]) -> Vec<Quote> {
    Vec::new()
}
