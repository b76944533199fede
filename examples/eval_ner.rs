//! Measures entity mentions from a weights file against a gold corpus, the way
//! `../shared/eval/score.py` counts them (surface text and kind, person, organization and
//! location only), without rebuilding the binary around new weights:
//!
//!     cargo run --release --example eval_ner -- --weights /tmp/ner.weights \
//!         --corpus ../shared/eval/corpora/conll-dev --gold ../shared/eval/gold/conll-dev.json [-v]
//!
//! For comparing training runs and features; the scorer on an ingested database stays the
//! measure that counts. `-v` lists each document's missed and extra mentions.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use newsdb::corpus::CorpusKnowledge;
use newsdb::document::Format;
use newsdb::extract::entities::{self, tagger::Model};
use newsdb::{normalize, parse};

/// The scorer's name folding: lowercase, no leading article or honorific, punctuation as
/// spaces.
fn norm(s: &str) -> String {
    let mut s = s.trim().to_lowercase();
    for p in ["the ", "a ", "an ", "another "] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
            break;
        }
    }
    for p in [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "lord",
        "lady",
        "prof",
        "professor",
    ] {
        for q in [format!("{p}. "), format!("{p} ")] {
            if let Some(r) = s.strip_prefix(q.as_str()) {
                s = r.to_string();
            }
        }
    }
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn core(kind: &str) -> Option<&'static str> {
    match kind {
        "person" | "per" => Some("person"),
        "organization" | "org" => Some("organization"),
        "location" | "loc" => Some("location"),
        _ => None,
    }
}

fn main() -> Result<()> {
    let (mut weights, mut corpus, mut gold) = (PathBuf::new(), PathBuf::new(), PathBuf::new());
    let mut verbose = false;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "-v" || flag == "--verbose" {
            verbose = true;
            continue;
        }
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--weights" => weights = value.into(),
            "--corpus" => corpus = value.into(),
            "--gold" => gold = value.into(),
            _ => bail!("unknown option {flag}"),
        }
    }
    let model = Model::from_bytes(&std::fs::read(&weights)?).context("weights do not parse")?;
    let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&gold)?)?;
    let knowledge = CorpusKnowledge::default();
    // (tp, fp, fn) per kind
    let mut tally: HashMap<&str, [usize; 3]> = HashMap::new();
    for d in g["documents"].as_array().context("documents")? {
        let file = d["file"].as_str().context("file")?;
        let text = std::fs::read_to_string(corpus.join(file))?;
        let article = normalize::normalize(parse::parse(&text, Format::Text, &knowledge));
        let mut want: HashMap<(String, &str), usize> = HashMap::new();
        for m in d["mentions"].as_array().into_iter().flatten() {
            if let Some(k) = core(m["kind"].as_str().unwrap_or("")) {
                *want
                    .entry((norm(m["text"].as_str().unwrap_or("")), k))
                    .or_default() += 1;
            }
        }
        let mut got: HashMap<(String, &str), usize> = HashMap::new();
        for m in entities::extract_with(&model, &article) {
            if let Some(k) = core(m.kind.as_str()) {
                *got.entry((norm(&m.text), k)).or_default() += 1;
            }
        }
        if verbose {
            let mut log: Vec<String> = Vec::new();
            for (key, &n) in &got {
                let w = want.get(key).copied().unwrap_or(0);
                for _ in w..n {
                    log.push(format!("extra {} ({})", key.0, key.1));
                }
            }
            // Names in lines the parser dropped (datelines, tables) are out of the extractor's
            // reach: told apart, so that they do not hide its own misses.
            let text = format!(
                " {} | {} ",
                norm(article.title.as_deref().unwrap_or("")),
                norm(&article.body)
            );
            for (key, &w) in &want {
                let n = got.get(key).copied().unwrap_or(0);
                let in_text = text.matches(&format!(" {} ", key.0)).count();
                for k in n..w {
                    let why = if k >= in_text {
                        "unreachable"
                    } else {
                        "missed"
                    };
                    log.push(format!("{why} {} ({})", key.0, key.1));
                }
            }
            log.sort();
            for l in log {
                println!("{file}: {l}");
            }
        }
        for (key, &n) in &got {
            let w = want.get(key).copied().unwrap_or(0);
            let t = tally.entry(key.1).or_default();
            t[0] += n.min(w);
            t[1] += n.saturating_sub(w);
        }
        for (key, &w) in &want {
            let n = got.get(key).copied().unwrap_or(0);
            tally.entry(key.1).or_default()[2] += w.saturating_sub(n);
        }
    }
    let prf = |t: [usize; 3]| {
        let p = t[0] as f64 / (t[0] + t[1]).max(1) as f64;
        let r = t[0] as f64 / (t[0] + t[2]).max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    let mut all = [0usize; 3];
    for k in ["person", "organization", "location"] {
        let t = tally.get(k).copied().unwrap_or_default();
        let (p, r, f) = prf(t);
        println!(
            "{k:<13} P {p:.3} R {r:.3} F1 {f:.3}  tp {} fp {} fn {}",
            t[0], t[1], t[2]
        );
        for i in 0..3 {
            all[i] += t[i];
        }
    }
    let (p, r, f) = prf(all);
    println!(
        "mentions      P {p:.3} R {r:.3} F1 {f:.3}  tp {} fp {} fn {}",
        all[0], all[1], all[2]
    );
    Ok(())
}
