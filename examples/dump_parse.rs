//! Prints the full `Debug` of what parse → normalize make of every `.txt` file under a folder,
//! in sorted path order: `cargo run --release --example dump_parse -- DIR [N]` (first N files).
//!
//! A regression check for speed work on `parse`, `normalize` and `sentences`, whose output must
//! not change: dump before and after a change and compare the two files with `cmp`. Files are
//! decoded as the pipeline does ([`newsdb::decode`]). Each file is parsed twice: without corpus
//! knowledge, and with the lines that recur in five or more of the dumped files marked as
//! recurring, so the corpus-dependent rule is exercised too.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;

use newsdb::corpus::{CorpusKnowledge, RECURRING_MIN_DOCUMENTS, fingerprint};
use newsdb::document::Format;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("a folder of .txt files");
    let limit: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let mut paths: Vec<_> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    paths.truncate(limit);

    let mut texts = Vec::new();
    for p in &paths {
        let bytes = std::fs::read(p).expect("readable");
        texts.push(newsdb::decode::decode(&bytes).ok().map(|d| d.text));
    }

    // Lines recurring in enough files, counted once per file, from the raw lines alone.
    let mut docs: HashMap<u64, i64> = HashMap::new();
    for t in texts.iter().flatten() {
        let fps: HashSet<u64> = t
            .lines()
            .map(|l| fingerprint(l.trim()))
            .filter(|&f| f != 0)
            .collect();
        for f in fps {
            *docs.entry(f).or_default() += 1;
        }
    }
    let knowing = CorpusKnowledge {
        recurring: docs
            .into_iter()
            .filter(|&(_, n)| n >= RECURRING_MIN_DOCUMENTS)
            .map(|(f, _)| f)
            .collect(),
    };
    let blank = CorpusKnowledge::default();

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = String::new();
    for (p, t) in paths.iter().zip(&texts) {
        buf.clear();
        let _ = writeln!(buf, "== {}", p.display());
        match t {
            None => buf.push_str("rejected by decode\n"),
            Some(t) => {
                for corpus in [&blank, &knowing] {
                    let a =
                        newsdb::normalize::normalize(newsdb::parse::parse(t, Format::Text, corpus));
                    let _ = writeln!(buf, "{a:?}");
                }
            }
        }
        out.write_all(buf.as_bytes()).expect("stdout");
    }
}
