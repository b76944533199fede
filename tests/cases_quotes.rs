//! Runs the named cases of `tests/cases/quotes.toml` through the quote extractor and reports
//! every failing case at once; feeds it odd inputs to show it never panics; and (ignored by
//! default) times it on the generated corpus.
//!
//! A case is a text (paragraphs separated by blank lines), optional entity mentions (for
//! speaker resolution), quotes that must be found (`expect`) and words that must not come out
//! as speech (`absent`). The cases are written for this file, not taken from any corpus.

use std::fmt::Write as _;

use newsdb::document::{Article, EntityKind, Mention, Quote, RawArticle};
use newsdb::extract::quotes;
use newsdb::normalize::normalize;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    mention: Vec<MentionSpec>,
    #[serde(default)]
    expect: Vec<Expect>,
    /// Words that must not be found as a direct, partial or indirect quote.
    #[serde(default)]
    absent: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct MentionSpec {
    text: String,
    canonical: String,
    kind: String,
    role: Option<String>,
    /// Which occurrence of `text` in the body (0-based).
    #[serde(default)]
    nth: usize,
}

#[derive(Debug, Deserialize)]
struct Expect {
    kind: String,
    quote: String,
    speaker: Option<String>,
    speaker_mention: Option<String>,
    cue: Option<String>,
}

fn article(text: &str) -> Article {
    let paragraphs = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    normalize(RawArticle {
        title: Some("A title".into()),
        paragraphs,
        ..RawArticle::default()
    })
}

fn kind(k: &str) -> EntityKind {
    match k {
        "person" => EntityKind::Person,
        "organization" => EntityKind::Organization,
        "location" => EntityKind::Location,
        other => EntityKind::Other(other.into()),
    }
}

fn mentions(a: &Article, specs: &[MentionSpec]) -> Result<Vec<Mention>, String> {
    specs
        .iter()
        .map(|m| {
            let start = a
                .body
                .match_indices(&m.text)
                .nth(m.nth)
                .map(|(i, _)| i)
                .ok_or_else(|| format!("mention {:?} not in the text", m.text))?;
            Ok(Mention {
                span: Some(start..start + m.text.len()),
                text: m.text.clone(),
                kind: kind(&m.kind),
                canonical: m.canonical.clone(),
                role: m.role.clone(),
            })
        })
        .collect()
}

fn describe(a: &Article, q: &Quote) -> String {
    format!(
        "{} {:?} speaker={:?} mention={:?} cue={:?}",
        q.kind.as_str(),
        &a.body[q.span.clone()],
        q.speaker,
        q.speaker_mention,
        q.cue
    )
}

/// What is wrong with one case, or `None` when it passes.
fn check(case: &Case) -> Option<String> {
    let a = article(&case.text);
    let ms = match mentions(&a, &case.mention) {
        Ok(ms) => ms,
        Err(e) => return Some(e),
    };
    let got = quotes::extract(&a, &ms);
    let mut problems = String::new();
    for want in &case.expect {
        let hit = got.iter().any(|q| {
            q.kind.as_str() == want.kind
                && a.body[q.span.clone()] == want.quote
                && want
                    .speaker
                    .as_ref()
                    .is_none_or(|s| q.speaker.as_ref() == Some(s))
                && want
                    .speaker_mention
                    .as_ref()
                    .is_none_or(|s| q.speaker_mention.as_ref() == Some(s))
                && want.cue.as_ref().is_none_or(|c| q.cue.as_ref() == Some(c))
        });
        if !hit {
            let _ = writeln!(
                problems,
                "    missing {} {:?} speaker={:?} cue={:?}",
                want.kind, want.quote, want.speaker, want.cue
            );
        }
    }
    for words in &case.absent {
        for q in &got {
            let speech = matches!(q.kind.as_str(), "direct" | "partial" | "indirect");
            if speech && a.body[q.span.clone()] == *words {
                let _ = writeln!(problems, "    should not be speech: {}", describe(&a, q));
            }
        }
    }
    if problems.is_empty() {
        return None;
    }
    let _ = writeln!(problems, "    found:");
    for q in &got {
        let _ = writeln!(problems, "      {}", describe(&a, q));
    }
    Some(problems)
}

#[test]
fn quote_cases() {
    let text = include_str!("cases/quotes.toml");
    let cases: Cases = toml::from_str(text).expect("tests/cases/quotes.toml parses");
    assert!(cases.case.len() >= 30, "the case table lost its cases");
    let mut failures = Vec::new();
    for case in &cases.case {
        if let Some(why) = check(case) {
            failures.push(format!("{}:\n{why}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} quote cases failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

#[test]
fn odd_inputs_do_not_panic_and_spans_are_on_char_boundaries() {
    let big_word = "word ".repeat(20_000);
    let big_marks = "“a ‘b” c’ \" ' « » ”“ ".repeat(3_000);
    let inputs: Vec<String> = vec![
        String::new(),
        "“".into(),
        "x".into(),
        "”".into(),
        "\"".into(),
        "'".into(),
        big_word,
        big_marks,
        "“Unclosed quote at the end, he said".into(),
        "Closed before it opened” he said “and then".into(),
        "He said: “".into(),
        "said said said, said “said” said.".into(),
        "Путин заявил: «Мы готовы», — сказал он. 他说：“我们准备好了。” قال: «نعم»".into(),
        "“😀,” 😀 said. “😀”\n\n“é".into(),
        ", , , said , according to , “ ” ‘ ’".into(),
        "According to\n\naccording to".into(),
        "A: B: C: “D: E”".into(),
        "(R-Fla.) said ) ( said".into(),
        "He, she, they, it said that that that.".into(),
        "The the the of of of said that".into(),
        "’90s ‘90s '90s ’’ ‘‘ '' \"\" “” «»".into(),
        format!("“{}”", "a, ".repeat(5_000)),
        format!("{} said.", "Name ".repeat(2_000)),
    ];
    for input in &inputs {
        let a = article(input);
        for q in quotes::extract(&a, &[]) {
            assert!(q.span.start <= q.span.end && q.span.end <= a.body.len());
            assert!(a.body.is_char_boundary(q.span.start) && a.body.is_char_boundary(q.span.end));
        }
        // Mentions that overlap everything must not confuse resolution either.
        let everywhere = vec![Mention {
            span: Some(0..a.body.len()),
            text: a.body.clone(),
            kind: EntityKind::Person,
            canonical: "X".into(),
            role: Some("the minister".into()),
        }];
        for q in quotes::extract(&a, &everywhere) {
            assert!(a.body.is_char_boundary(q.span.start) && a.body.is_char_boundary(q.span.end));
        }
    }
}

/// Seconds per 1,000 articles for `quotes::extract` alone, on the generated 20,000-file corpus
/// (`cargo test --release --test cases_quotes -- --ignored --nocapture`).
#[test]
#[ignore]
fn speed_on_generated_corpus() {
    let root = std::path::Path::new("/tmp/c20k/articles");
    if !root.exists() {
        eprintln!("no corpus at {}", root.display());
        return;
    }
    let mut articles = Vec::new();
    for entry in walk(root) {
        if let Ok(text) = std::fs::read_to_string(&entry) {
            let raw =
                newsdb::parse::parse(&text, newsdb::document::Format::Text, &Default::default());
            articles.push(normalize(raw));
        }
    }
    // CPU time of this thread: the machine is shared, and wall time would count the waits.
    let start = thread_cpu_seconds();
    let wall = std::time::Instant::now();
    let mut n = 0;
    for a in &articles {
        n += quotes::extract(a, &[]).len();
    }
    let secs = thread_cpu_seconds() - start;
    eprintln!(
        "wall {:.3} s, thread CPU {secs:.3} s",
        wall.elapsed().as_secs_f64()
    );
    eprintln!(
        "{} articles, {n} quotes, {:.1} µs per article, {:.3} s per 1,000 articles",
        articles.len(),
        secs * 1e6 / articles.len() as f64,
        secs * 1000.0 / articles.len() as f64
    );
}

#[cfg(unix)]
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

#[cfg(not(unix))]
fn thread_cpu_seconds() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out
}
