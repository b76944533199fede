//! Times entity extraction alone, on one core, over the articles of a folder:
//!
//!     cargo run --release --example bench_entities -- /tmp/c20k/articles [MAX_FILES]
//!
//! Reading, parsing and normalizing happen before the clock starts; what is timed is
//! `extract::entities::extract` over every article, after one warm-up pass (which also loads
//! the gazetteers and the weights). Times are CPU time of the thread where Linux reports it.

use std::time::Instant;

/// CPU time of this thread in seconds, where Linux tells it (`/proc/thread-self/schedstat`):
/// on a machine shared with other work, wall-clock time would charge us for their turns.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// Seconds since `since` (CPU time when available, else wall-clock).
fn elapsed(since: (Instant, Option<f64>)) -> f64 {
    match (since.1, cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => since.0.elapsed().as_secs_f64(),
    }
}

use newsdb::corpus::CorpusKnowledge;
use newsdb::document::Format;
use newsdb::extract::entities;
use newsdb::{normalize, parse};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("folder");
    let max: usize = args
        .next()
        .map_or(usize::MAX, |m| m.parse().expect("number"));
    let mut articles = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
        // Files past ingest's default size limit are rejected there, so not timed here.
        let too_big = entry.metadata().map_or(true, |m| m.len() > 4 * 1024 * 1024);
        if articles.len() >= max || !entry.file_type().is_file() || too_big {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let format = if entry
            .path()
            .extension()
            .is_some_and(|e| e == "html" || e == "htm")
        {
            Format::Html
        } else {
            Format::Text
        };
        articles.push(normalize::normalize(parse::parse(
            &text,
            format,
            &CorpusKnowledge::default(),
        )));
    }
    for a in articles.iter().take(200) {
        entities::extract(a);
    }
    let start = (Instant::now(), cpu_seconds());
    let mut tokens = 0;
    for a in &articles {
        let (seqs, _) = entities::sequences(a);
        tokens += seqs.iter().map(|s| s.tokens.len()).sum::<usize>();
    }
    let prepare = elapsed(start);
    println!(
        "tokenize and prepare alone: {:.1} µs per article, {} tokens per article",
        prepare * 1e6 / articles.len() as f64,
        tokens / articles.len().max(1)
    );
    let start = (Instant::now(), cpu_seconds());
    let mut mentions = 0;
    for a in &articles {
        mentions += entities::extract(a).len();
    }
    let secs = elapsed(start);
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    println!(
        "{} articles ({} KB of body), {} mentions: {:.1} µs per article, {:.3} s per 1,000 articles",
        articles.len(),
        bytes / 1024,
        mentions,
        secs * 1e6 / articles.len() as f64,
        secs * 1000.0 / articles.len() as f64
    );
}
