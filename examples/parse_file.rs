//! Prints what parse and normalize make of text files: metadata, then every line with its
//! verdict. A debugging aid: `cargo run --release --example parse_file -- FILE...`.

use newsdb::corpus::CorpusKnowledge;
use newsdb::document::Format;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let format = if path.ends_with(".html") || path.ends_with(".htm") {
            Format::Html
        } else {
            Format::Text
        };
        let a = newsdb::normalize::normalize(newsdb::parse::parse(
            &text,
            format,
            &CorpusKnowledge::default(),
        ));
        println!("== {path}");
        println!(
            "title={:?} outlet={:?} dateline={:?} byline={:?} published={:?} credits={:?}",
            a.title, a.outlet, a.dateline, a.byline, a.published, a.credits
        );
        for l in &a.lines {
            if l.text.trim().is_empty() {
                continue;
            }
            let reason = l.dropped.map(|r| r.as_str()).unwrap_or("KEPT");
            let text: String = l.text.trim().chars().take(100).collect();
            println!("{:>4} {:<13} {}", l.line_no, reason, text);
        }
        for s in a.sentences.iter().take(0) {
            println!("  S {}", &a.body[s.clone()]);
        }
    }
}
