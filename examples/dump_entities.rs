//! Prints every entity mention of every article in a folder, one per line, to prove that a
//! change to `extract::entities` leaves its output exactly as it was:
//!
//!     cargo run --release --example dump_entities -- DIR [MAX_FILES] > before.txt
//!     (change the code, dump again, then `cmp before.txt after.txt`)
//!
//! Files are read in sorted path order (so the first MAX_FILES are the same every run) and go
//! through parse → normalize → `extract::entities::extract` as in ingest; files past ingest's
//! default size limit are skipped as there. Each line is the file, the span (`title` for the
//! headline), and the text, kind, canonical name and role as Rust debug strings.

use std::io::Write;

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
    let mut paths: Vec<_> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.metadata().is_ok_and(|m| m.len() <= 4 * 1024 * 1024))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    paths.truncate(max);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let format = if path.extension().is_some_and(|e| e == "html" || e == "htm") {
            Format::Html
        } else {
            Format::Text
        };
        let article =
            normalize::normalize(parse::parse(&text, format, &CorpusKnowledge::default()));
        let name = path.strip_prefix(&dir).unwrap_or(path).display();
        for m in entities::extract(&article) {
            let span = m
                .span
                .map_or("title".to_string(), |s| format!("{}..{}", s.start, s.end));
            writeln!(
                out,
                "{name}\t{span}\t{:?}\t{}\t{:?}\t{:?}",
                m.text,
                m.kind.as_str(),
                m.canonical,
                m.role
            )
            .expect("write");
        }
    }
}
