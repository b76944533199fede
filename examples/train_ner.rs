//! Trains the entity tagger's weights (`data/entities/ner.weights`) from a CoNLL-style corpus:
//! a folder of article files and a gold JSON listing each file's mentions in reading order.
//!
//!     cargo run --release --example train_ner -- \
//!         --corpus ../shared/eval/corpora/conll-train --gold ../shared/eval/gold/conll-train.json \
//!         --out data/entities/ner.weights
//!
//! Each file goes through the same parse and normalize stages as at ingest, so the tagger
//! learns on exactly the token sequences it will see. The gold mentions carry no offsets, so
//! each is found in the text after the previous one, on token boundaries. The training data is
//! not part of the repository (CoNLL-2003 is for research use only); only the weights are.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use newsdb::corpus::CorpusKnowledge;
use newsdb::document::Format;
use newsdb::extract::entities::sequences;
use newsdb::extract::entities::tagger::{LABELS, O, Trainer};
use newsdb::{normalize, parse};

struct Args {
    corpus: PathBuf,
    gold: PathBuf,
    out: PathBuf,
    epochs: usize,
    bits: u32,
    prune: f32,
}

fn args() -> Result<Args> {
    let mut a = Args {
        corpus: PathBuf::new(),
        gold: PathBuf::new(),
        out: PathBuf::from("data/entities/ner.weights"),
        epochs: 10,
        bits: 18,
        prune: 0.05,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--corpus" => a.corpus = value.into(),
            "--gold" => a.gold = value.into(),
            "--out" => a.out = value.into(),
            "--epochs" => a.epochs = value.parse()?,
            "--bits" => a.bits = value.parse()?,
            "--prune" => a.prune = value.parse()?,
            _ => bail!("unknown option {flag}"),
        }
    }
    if a.corpus.as_os_str().is_empty() || a.gold.as_os_str().is_empty() {
        bail!(
            "usage: train_ner --corpus DIR --gold FILE [--out FILE] [--epochs N] [--bits B] [--prune W]"
        );
    }
    Ok(a)
}

fn label_index(kind: &str, inside: bool) -> u8 {
    let tag = match kind {
        "person" => "PER",
        "organization" => "ORG",
        "location" => "LOC",
        _ => "MISC",
    };
    let want = format!("{}-{tag}", if inside { "I" } else { "B" });
    LABELS.iter().position(|l| *l == want).unwrap_or(0) as u8
}

fn main() -> Result<()> {
    let a = args()?;
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&a.gold)?)?;
    let docs = gold["documents"]
        .as_array()
        .context("gold has no documents")?;
    let knowledge = CorpusKnowledge::default();
    let mut articles = Vec::new();
    let (mut placed, mut lost) = (0usize, 0usize);
    for d in docs {
        let file = d["file"].as_str().context("file")?;
        let text = std::fs::read_to_string(a.corpus.join(file))?;
        let article = normalize::normalize(parse::parse(&text, Format::Text, &knowledge));
        let mentions: Vec<(String, String)> = d["mentions"]
            .as_array()
            .map(|ms| {
                ms.iter()
                    .map(|m| {
                        (
                            m["text"].as_str().unwrap_or("").to_string(),
                            m["kind"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        articles.push((article, mentions));
    }
    // Gold labels per sequence, found in reading order.
    let mut data = Vec::new();
    for (article, mentions) in &articles {
        let (seqs, _) = sequences(article);
        let mut labels: Vec<Vec<u8>> = seqs.iter().map(|s| vec![O; s.tokens.len()]).collect();
        let (mut si, mut ti) = (0usize, 0usize);
        for (text, kind) in mentions {
            let mut hit = None;
            'search: for (s, seq) in seqs.iter().enumerate().skip(si) {
                let from = if s == si { ti } else { 0 };
                for start in from..seq.tokens.len() {
                    let begin = seq.tokens[start].span.start;
                    if !seq.text[begin..].starts_with(text.as_str()) {
                        continue;
                    }
                    let end_byte = begin + text.len();
                    if let Some(end) =
                        (start..seq.tokens.len()).find(|&e| seq.tokens[e].span.end == end_byte)
                    {
                        hit = Some((s, start, end + 1));
                        break 'search;
                    }
                }
            }
            match hit {
                Some((s, start, end)) => {
                    for (k, l) in labels[s][start..end].iter_mut().enumerate() {
                        *l = label_index(kind, k > 0);
                    }
                    (si, ti) = (s, end);
                    placed += 1;
                }
                None => lost += 1,
            }
        }
        data.push((seqs, labels));
    }
    let missed_candidates: usize = data
        .iter()
        .flat_map(|(seqs, labels)| seqs.iter().zip(labels))
        .map(|(s, l)| {
            l.iter()
                .zip(&s.candidates)
                .filter(|(l, c)| **l != O && !**c)
                .count()
        })
        .sum();
    eprintln!(
        "mentions placed {placed}, not found {lost}; name tokens the tagger never sees: {missed_candidates}"
    );

    let mut trainer = Trainer::new(a.bits);
    let mut feats = Vec::new();
    let mut order: Vec<(usize, usize)> = data
        .iter()
        .enumerate()
        .flat_map(|(d, (seqs, _))| (0..seqs.len()).map(move |s| (d, s)))
        .collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for epoch in 0..a.epochs {
        // Fisher-Yates with xorshift: a fixed seed keeps training reproducible.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &(d, s) in &order {
            let (seqs, labels) = &data[d];
            errors += trainer.learn(&seqs[s], &labels[s], &mut feats);
        }
        eprintln!("epoch {}: {errors} token errors", epoch + 1);
    }
    let bytes = trainer.to_bytes(a.prune);
    std::fs::write(&a.out, &bytes)?;
    eprintln!("wrote {} ({} bytes)", a.out.display(), bytes.len());
    Ok(())
}
