//! Stage 5, extract: the entities, quotes and numbers of one article.
//!
//! Each extractor is a pure function of the [`Article`]; quotes also read the entity mentions,
//! because speakers are entities. Spans are byte ranges into the body; the store turns them
//! into character offsets.

pub mod entities;
pub mod numbers;
pub mod quotes;

use crate::document::{Article, Extractions};

pub fn extract(article: &Article) -> Extractions {
    let mentions = entities::extract(article);
    let quotes = quotes::extract(article, &mentions);
    let numbers = numbers::extract(article);
    Extractions {
        mentions,
        quotes,
        numbers,
    }
}
