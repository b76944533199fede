//! Prints how the entity tagger reads one article file: each candidate token with its label
//! and flags, then the finished mentions. For looking into mistakes:
//!
//!     cargo run --release --example ner_debug -- corpus/000_ab5e73545428ae4d.txt [WORD]

use newsdb::corpus::CorpusKnowledge;
use newsdb::document::Format;
use newsdb::extract::entities::{self, sequences, tagger};
use newsdb::{normalize, parse};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("file");
    let only = args.next();
    let text = std::fs::read_to_string(path).expect("read");
    let article = normalize::normalize(parse::parse(
        &text,
        Format::Text,
        &CorpusKnowledge::default(),
    ));
    let (seqs, _) = sequences(&article);
    let model = tagger::MODEL.as_ref().expect("model");
    let (mut feats, mut labels) = (Vec::new(), Vec::new());
    let mut history = tagger::History::default();
    for (si, seq) in seqs.iter().enumerate() {
        model.tag(seq, &mut history, &mut feats, &mut labels);
        for (i, &label) in labels.iter().enumerate() {
            let w = seq.word(i);
            if seq.candidates[i] && only.as_deref().is_none_or(|o| w == o) {
                println!(
                    "{si:3} {w:20} {:7} flags={:012b} gaz={:022b}",
                    tagger::LABELS[label as usize],
                    seq.info[i].flags,
                    seq.info[i].gaz
                );
            }
        }
    }
    for m in entities::extract(&article) {
        println!(
            "{:?} {:?} [{}] -> {} role={:?}",
            m.span,
            m.text,
            m.kind.as_str(),
            m.canonical,
            m.role
        );
    }
}
