//! Named entities: people, organizations and places (and nationalities and other names as
//! their own kinds), each mention with its role and its canonical name within the document.
//!
//! The steps, one module each: [`tokens`] cuts the title and each paragraph into tokens;
//! [`tagger`] labels them with a small averaged perceptron trained on CoNLL-2003 and fed by
//! the [`gazetteer`] lists; [`spans`] turns labels into typed mentions and makes them agree
//! within the document; [`roles`] attaches titles (`Defense Minister`) to people; [`canonical`]
//! gives every mention the fullest name of its entity in the document (`Putin` →
//! `Vladimir Putin`, `U.S.` → `United States`). Merging across documents is the store's work
//! (`db::entities`), because only it sees the whole database.

pub mod canonical;
pub mod gazetteer;
pub mod hash;
pub mod roles;
pub mod spans;
pub mod tagger;
pub mod tokens;

use crate::document::{Article, Mention};
use tagger::Sequence;

/// The title (if any) and the body's paragraphs, tokenized, ready for the tagger; the title's
/// index in the returned list, if there is one.
pub fn sequences<'a>(article: &'a Article) -> (Vec<Sequence<'a>>, Option<usize>) {
    let mut seqs = Vec::with_capacity(article.paragraphs.len() + 1);
    let mut title_index = None;
    if let Some(title) = article.title.as_deref().filter(|t| !t.trim().is_empty()) {
        let mut toks = Vec::new();
        tokens::tokenize(title, 0, &mut toks);
        title_index = Some(0);
        seqs.push(Sequence::new(title, toks));
    }
    let body = article.body.as_str();
    // One buffer for every paragraph's tokens; each sentence then gets a vector of exactly its
    // size, instead of every paragraph and sentence growing its own by doubling.
    let mut toks = Vec::new();
    // One sequence per sentence: the tagger was trained on single sentences (CoNLL), so a
    // sentence start inside a sequence would be a context it never saw.
    let mut add_span = |start: usize, end: usize, seqs: &mut Vec<Sequence<'a>>| {
        toks.clear();
        tokens::tokenize(&body[start..end], start, &mut toks);
        split_sentences(&toks, |sentence| {
            seqs.push(Sequence::new(body, sentence.to_vec()))
        });
    };
    if article.paragraphs.is_empty() {
        if !body.is_empty() {
            add_span(0, body.len(), &mut seqs);
        }
    } else {
        for p in &article.paragraphs {
            if p.start <= p.end
                && p.end <= body.len()
                && body.is_char_boundary(p.start)
                && body.is_char_boundary(p.end)
            {
                add_span(p.start, p.end, &mut seqs);
            }
        }
    }
    tagger::prepare(&mut seqs, title_index);
    (seqs, title_index)
}

/// Cuts a paragraph's tokens after each sentence end (and the closing marks that follow it),
/// handing each sentence to `each`.
fn split_sentences(toks: &[tokens::Token], mut each: impl FnMut(&[tokens::Token])) {
    let mut start = 0;
    let mut ended = false;
    for (i, t) in toks.iter().enumerate() {
        if ended && t.wordlike {
            each(&toks[start..i]);
            start = i;
            ended = false;
        }
        ended |= t.sentence_end;
    }
    if start < toks.len() {
        each(&toks[start..]);
    }
}

/// Every mention of a named entity in the title (span `None`) and the body.
pub fn extract(article: &Article) -> Vec<Mention> {
    match tagger::MODEL.as_ref() {
        Some(model) => extract_with(model, article),
        None => Vec::new(),
    }
}

/// [`extract`] with other weights than the committed ones (for measuring a freshly trained
/// model without rebuilding: `examples/eval_ner.rs`).
pub fn extract_with(model: &tagger::Model, article: &Article) -> Vec<Mention> {
    let (seqs, title_index) = sequences(article);
    let mut feats = Vec::with_capacity(128);
    let mut labels = Vec::new();
    let mut found = Vec::new();
    // Each sentence's names are settled in a list of their own, so that the work stays
    // proportional to the sentence however long the article is.
    let mut in_sentence = Vec::new();
    let mut history = tagger::History::default();
    for (si, seq) in seqs.iter().enumerate() {
        model.tag(seq, &mut history, &mut feats, &mut labels);
        in_sentence.clear();
        spans::collect(seq, si, &labels, &mut in_sentence);
        spans::split_titles(seq, si, &mut in_sentence);
        spans::organizations(seq, si, &mut in_sentence);
        spans::listed_names(seq, si, &mut in_sentence);
        found.append(&mut in_sentence);
    }
    spans::harmonize(&seqs, title_index, &mut found);
    let roles = roles::find(&seqs, &mut found);
    canonical::mentions(&seqs, title_index, &found, &roles)
}
