//! Times parse + normalize on one core: `cargo run --release --example parse_bench -- DIR [N]`.
//! Reads up to N `.txt` files (default 2000) into memory first, so only the two stages are timed.

use std::time::Instant;

use newsdb::corpus::CorpusKnowledge;
use newsdb::document::Format;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("a folder of .txt files");
    let limit: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if texts.len() >= limit {
            break;
        }
        if entry.path().extension().is_some_and(|e| e == "txt")
            && let Ok(t) = std::fs::read_to_string(entry.path())
            && t.len() < 1_000_000
        {
            texts.push(t);
        }
    }
    let corpus = CorpusKnowledge::default();
    let bytes: usize = texts.iter().map(String::len).sum();
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2);
    for round in 0..rounds {
        let (mut parse_ns, mut norm_ns) = (0u128, 0u128);
        for t in &texts {
            let a = Instant::now();
            let raw = newsdb::parse::parse(t, Format::Text, &corpus);
            let b = Instant::now();
            let article = newsdb::normalize::normalize(raw);
            parse_ns += (b - a).as_nanos();
            norm_ns += b.elapsed().as_nanos();
            std::hint::black_box(article);
        }
        let n = texts.len() as f64;
        println!(
            "round {round}: {} files, {:.1} KB avg: parse {:.1} µs, normalize {:.1} µs per article",
            texts.len(),
            bytes as f64 / n / 1000.0,
            parse_ns as f64 / n / 1000.0,
            norm_ns as f64 / n / 1000.0
        );
    }
}
