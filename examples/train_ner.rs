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
use newsdb::extract::entities::tagger::{self, History, LABELS, O, Sequence, Trainer};
use newsdb::{normalize, parse};

struct Args {
    corpus: PathBuf,
    gold: PathBuf,
    out: PathBuf,
    epochs: usize,
    bits: u32,
    prune: f32,
    seed: u64,
    runs: usize,
}

fn args() -> Result<Args> {
    let mut a = Args {
        corpus: PathBuf::new(),
        gold: PathBuf::new(),
        out: PathBuf::from("data/entities/ner.weights"),
        epochs: 15,
        bits: 18,
        prune: 0.05,
        seed: 0,
        runs: 3,
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
            "--seed" => a.seed = value.parse()?,
            "--runs" => a.runs = value.parse::<usize>()?.max(1),
            _ => bail!("unknown option {flag}"),
        }
    }
    if a.corpus.as_os_str().is_empty() || a.gold.as_os_str().is_empty() {
        bail!(
            "usage: train_ner --corpus DIR --gold FILE [--out FILE] [--epochs N] [--bits B] [--prune W] [--seed S] [--runs N]"
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

/// The occurrences of each mention's text on token boundaries, then the longest chain of them
/// that keeps both the mentions' order and the text's order without overlapping:
/// (mention index, sequence, first token, end token).
fn align(seqs: &[Sequence], mentions: &[(String, String)]) -> Vec<(usize, usize, usize, usize)> {
    // Global token positions: sequence boundaries never split a mention.
    let offsets: Vec<usize> = seqs
        .iter()
        .scan(0, |n, s| {
            let at = *n;
            *n += s.tokens.len();
            Some(at)
        })
        .collect();
    let mut occ: Vec<(usize, usize, usize, usize)> = Vec::new(); // (mention, seq, start, end)
    for (k, (text, _)) in mentions.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        for (s, seq) in seqs.iter().enumerate() {
            for start in 0..seq.tokens.len() {
                let begin = seq.tokens[start].span.start;
                if !seq.text[begin..].starts_with(text.as_str()) {
                    continue;
                }
                let end_byte = begin + text.len();
                if let Some(end) =
                    (start..seq.tokens.len()).find(|&e| seq.tokens[e].span.end == end_byte)
                {
                    occ.push((k, s, start, end + 1));
                }
            }
        }
    }
    let pos = |o: &(usize, usize, usize, usize)| (offsets[o.1] + o.2, offsets[o.1] + o.3);
    // best[i]: the longest chain ending with occurrence i; O(n²) is fine per article.
    let mut best = vec![1usize; occ.len()];
    let mut prev = vec![usize::MAX; occ.len()];
    for i in 0..occ.len() {
        let (start_i, _) = pos(&occ[i]);
        for j in 0..i {
            if occ[j].0 < occ[i].0 && pos(&occ[j]).1 <= start_i && best[j] + 1 > best[i] {
                best[i] = best[j] + 1;
                prev[i] = j;
            }
        }
    }
    let mut out = Vec::new();
    let mut i = (0..occ.len()).max_by_key(|&i| (best[i], std::cmp::Reverse(i)));
    while let Some(k) = i {
        out.push(occ[k]);
        i = (prev[k] != usize::MAX).then_some(prev[k]);
    }
    out.reverse();
    out
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
    // Gold labels per sequence. The gold lists every mention of the original file in reading
    // order, but parsing drops lines (datelines, results tables), so some gold mentions are not
    // in the text at all. Placing each one greedily after the previous one lets a dropped
    // `London` land on a later `London` and push every mention in between out of reach, which
    // would teach the tagger that those names are O. Instead the placement is the largest
    // in-order, non-overlapping set of (mention, occurrence) pairs.
    let mut data = Vec::new();
    for (article, mentions) in &articles {
        let (seqs, _) = sequences(article);
        let mut labels: Vec<Vec<u8>> = seqs.iter().map(|s| vec![O; s.tokens.len()]).collect();
        let placement = align(&seqs, mentions);
        placed += placement.len();
        lost += mentions.len() - placement.len();
        for (k, s, start, end) in placement {
            for (n, l) in labels[s][start..end].iter_mut().enumerate() {
                *l = label_index(&mentions[k].1, n > 0);
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

    // Several runs over differently shuffled documents, their averaged weights averaged
    // again: one run's F1 moves by a few tenths of a point with its shuffle; the mean of three
    // moves about half as much.
    let mut sum: Vec<f32> = Vec::new();
    for run in 0..a.runs {
        let w = train(&data, &a, a.seed + run as u64).averaged();
        if sum.is_empty() {
            sum = w;
        } else {
            sum.iter_mut().zip(w).for_each(|(s, w)| *s += w);
        }
    }
    sum.iter_mut().for_each(|s| *s /= a.runs as f32);
    let bytes = tagger::to_bytes(a.bits, &sum, a.prune);
    std::fs::write(&a.out, &bytes)?;
    eprintln!("wrote {} ({} bytes)", a.out.display(), bytes.len());
    Ok(())
}

fn train(data: &[(Vec<Sequence>, Vec<Vec<u8>>)], a: &Args, seed: u64) -> Trainer {
    let mut trainer = Trainer::new(a.bits);
    let mut feats = Vec::new();
    // Documents are shuffled, their sequences kept in order: the history features read what
    // the model said earlier in the same document.
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for epoch in 0..a.epochs {
        // Fisher-Yates with xorshift: a fixed seed keeps training reproducible.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &d in &order {
            let (seqs, labels) = &data[d];
            let mut history = History::default();
            for (seq, gold) in seqs.iter().zip(labels) {
                errors += trainer.learn(seq, gold, &mut history, &mut feats);
            }
        }
        eprintln!("seed {seed}, epoch {}: {errors} token errors", epoch + 1);
    }
    trainer
}
