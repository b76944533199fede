//! Times parse + normalize on one core: `cargo run --release --example parse_bench -- DIR [N] [ROUNDS]`.
//! Reads up to N `.txt` files (default 2000) into memory first, so only the stages are timed.
//!
//! Times are this thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), not wall time, so that other
//! work on the machine does not count. `sentences` re-splits the normalized body's paragraphs
//! after the fact: it is part of `normalize`, shown apart to see what the segmenter costs.

use newsdb::corpus::CorpusKnowledge;
use newsdb::document::Format;

/// This thread's CPU time in nanoseconds.
fn cpu_ns() -> u128 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u128 * 1_000_000_000 + ts.tv_nsec as u128
}

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
        let (mut parse_ns, mut norm_ns, mut sent_ns) = (0u128, 0u128, 0u128);
        for t in &texts {
            let a = cpu_ns();
            let raw = newsdb::parse::parse(t, Format::Text, &corpus);
            let b = cpu_ns();
            let article = newsdb::normalize::normalize(raw);
            let c = cpu_ns();
            for p in &article.paragraphs {
                std::hint::black_box(newsdb::sentences::split(&article.body, p.clone()));
            }
            parse_ns += b - a;
            norm_ns += c - b;
            sent_ns += cpu_ns() - c;
            std::hint::black_box(article);
        }
        let n = texts.len() as f64;
        println!(
            "round {round}: {} files, {:.1} KB avg: parse {:.1} µs, normalize {:.1} µs (sentences {:.1} µs) per article (CPU)",
            texts.len(),
            bytes as f64 / n / 1000.0,
            parse_ns as f64 / n / 1000.0,
            norm_ns as f64 / n / 1000.0,
            sent_ns as f64 / n / 1000.0,
        );
    }
}
