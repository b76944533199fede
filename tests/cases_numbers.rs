//! Runs every case in `tests/cases/numbers.toml` through the numbers extractor and reports all
//! failing cases at once; plus a no-panic test over odd inputs.

use newsdb::document::{Article, Number, RawArticle};
use newsdb::extract::numbers::extract;
use newsdb::normalize::normalize;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    #[serde(default)]
    partial: bool,
    expect: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    text: String,
    value: Option<f64>,
    unit: Option<String>,
    kind: Option<String>,
    normalized: Option<String>,
    qualifier: Option<String>,
    sentence: Option<String>,
}

fn article(text: &str, published: Option<&str>) -> Article {
    normalize(RawArticle {
        paragraphs: text.split("\n\n").map(str::to_string).collect(),
        published: published.map(str::to_string),
        ..RawArticle::default()
    })
}

/// What differs between an expected number and the one found with the same text.
fn mismatches(e: &Expected, n: &Number, body: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(v) = e.value {
        let ok = n
            .value
            .is_some_and(|got| (got - v).abs() <= 1e-9 * v.abs().max(1.0));
        if !ok {
            out.push(format!("value {:?}, want {v}", n.value));
        }
    }
    let check =
        |field: &str, got: &Option<String>, want: &Option<String>, out: &mut Vec<String>| {
            if let Some(w) = want {
                let want = (!w.is_empty()).then_some(w.as_str());
                if got.as_deref() != want {
                    out.push(format!("{field} {got:?}, want {want:?}"));
                }
            }
        };
    check("unit", &n.unit, &e.unit, &mut out);
    check("normalized", &n.normalized, &e.normalized, &mut out);
    check("qualifier", &n.qualifier, &e.qualifier, &mut out);
    if let Some(k) = &e.kind
        && &n.kind != k
    {
        out.push(format!("kind {:?}, want {k:?}", n.kind));
    }
    if let Some(s) = &e.sentence {
        let got = body.get(n.sentence.clone()).unwrap_or("");
        if got != s {
            out.push(format!("sentence {got:?}, want {s:?}"));
        }
    }
    out
}

fn run_case(case: &Case) -> Vec<String> {
    let a = article(&case.text, case.published.as_deref());
    let found = extract(&a);
    let text = |n: &Number| {
        a.body
            .get(n.span.clone())
            .unwrap_or("<bad span>")
            .to_string()
    };
    let mut problems = Vec::new();
    let mut used = vec![false; found.len()];
    for e in &case.expect {
        let hit = found
            .iter()
            .enumerate()
            .find(|(i, n)| !used[*i] && text(n) == e.text);
        match hit {
            Some((i, n)) => {
                used[i] = true;
                for m in mismatches(e, n, &a.body) {
                    problems.push(format!("{:?}: {m}", e.text));
                }
            }
            None => problems.push(format!("missed {:?}", e.text)),
        }
    }
    if !case.partial {
        for (i, n) in found.iter().enumerate() {
            if !used[i] {
                problems.push(format!(
                    "extra {:?} = {:?} {:?} ({})",
                    text(n),
                    n.value,
                    n.unit,
                    n.kind
                ));
            }
        }
    }
    problems
}

#[test]
fn number_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/numbers.toml");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(path).expect("numbers.toml"))
        .expect("numbers.toml parses");
    let mut failures = Vec::new();
    for case in &cases.case {
        let problems = run_case(case);
        if !problems.is_empty() {
            failures.push(format!("{}:\n    {}", case.name, problems.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} number cases failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

/// Odd inputs: no panic, and every span lies on character boundaries inside the body, within
/// its sentence.
#[test]
fn odd_inputs_never_panic() {
    let long_word = "a".repeat(100_000);
    let long_digits = "9".repeat(5_000);
    let many_numbers = "1, 2 3-4 5/6 7.8.9 10% $11 ".repeat(2_000);
    let inputs: Vec<String> = vec![
        String::new(),
        "1".into(),
        "½".into(),
        "-".into(),
        "$".into(),
        long_word,
        long_digits,
        many_numbers,
        "Ünïcödé 3 ünits, 数字 ٣ and 四 — 5 km … “quoted 7”".into(),
        "“unbalanced 5 quote and ‘another 6".into(),
        "1.2.3.4.5 1,,2 ,3 .4. 5.. --6 −7 ^8 x10^ 1e 1e+ 2^ 3/ /4 5/0".into(),
        "April 31, 2023 and 31/02/2024 and 2023-13-45 and 99:99".into(),
        "one hundred and and and two thousand thousand a a a half of of".into(),
        "twenty- -one fifty - - two point point five".into(),
        "Monday Tuesday May June 1st 2nd 3rd 4th 0th 100000000000000000000th".into(),
        "£ € $ US$ Rs. ₹5 5₹ 5 € 5€ €5bn 5bnbn".into(),
        "a\u{0301}1\u{200b}2\u{202f}345 6\u{a0}789".into(),
        "\n\n\n5\n\n\n".into(),
        "999999999999999999999999999999 and 1e999 and 1e-999".into(),
        "Ⅻ ① ² ³ ¼¼ ½½½ 2½½".into(),
    ];
    for (k, text) in inputs.iter().enumerate() {
        for published in [
            None,
            Some("2024-02-29"),
            Some("garbage"),
            Some("0000-01-01"),
        ] {
            let a = article(text, published);
            let found = extract(&a);
            for n in &found {
                assert!(
                    n.span.start < n.span.end
                        && n.span.end <= a.body.len()
                        && a.body.is_char_boundary(n.span.start)
                        && a.body.is_char_boundary(n.span.end),
                    "input {k}: bad span {:?}",
                    n.span
                );
                assert!(
                    n.sentence.start <= n.span.start
                        && n.span.end <= n.sentence.end
                        && n.sentence.end <= a.body.len()
                        && a.body.is_char_boundary(n.sentence.start)
                        && a.body.is_char_boundary(n.sentence.end),
                    "input {k}: sentence {:?} does not hold {:?}",
                    n.sentence,
                    n.span
                );
                if let Some(v) = n.value {
                    assert!(v.is_finite(), "input {k}: value {v}");
                }
            }
        }
    }
    // Random mixes of the pieces numbers are made of (a fixed-seed generator, so a failure
    // reproduces).
    const PIECES: &[&str] = &[
        "1",
        "25",
        "2023",
        "1,000",
        "0.5",
        "½",
        "-",
        "–",
        "/",
        ".",
        ",",
        ":",
        "%",
        "$",
        "£",
        "€",
        "US$",
        "m",
        "bn",
        "k",
        "th",
        "st",
        "s",
        "am",
        "pm",
        "km",
        "in",
        "ft",
        "°C",
        "(",
        ")",
        "[",
        "]",
        "'",
        "’",
        "“",
        "”",
        "^",
        "x",
        "×",
        "e",
        "one",
        "two",
        "hundred",
        "and",
        "a",
        "half",
        "quarter",
        "thirds",
        "first",
        "second",
        "dozen",
        "million",
        "point",
        "minus",
        "between",
        "to",
        "or",
        "of",
        "over",
        "in",
        "out",
        "April",
        "May",
        "Monday",
        "yesterday",
        "ago",
        "years",
        "per",
        "cent",
        "times",
        "doubled",
        "G",
        "F",
        "COVID",
        "Rossiya",
        "No",
        "+44",
        "0800",
        "www",
        "http",
        "#",
        "@",
        "_",
        "ü",
        "数",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..3_000 {
        let len = (next() % 40) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            if next() % 3 == 0 {
                text.push(' ');
            }
        }
        let published = if round % 2 == 0 {
            Some("2024-02-29")
        } else {
            None
        };
        let a = article(&text, published);
        for n in extract(&a) {
            assert!(
                n.span.start < n.span.end
                    && a.body.is_char_boundary(n.span.start)
                    && a.body.is_char_boundary(n.span.end)
                    && n.sentence.start <= n.span.start
                    && n.span.end <= n.sentence.end
                    && n.sentence.end <= a.body.len(),
                "random input {text:?}: bad span {:?} / sentence {:?}",
                n.span,
                n.sentence
            );
        }
    }
    // A hand-built article with no sentences or paragraphs still works.
    let bare = Article {
        body: "It cost $5m on 4 April 2024.".into(),
        ..Article::default()
    };
    assert_eq!(extract(&bare).len(), 2);
}

/// Time of the numbers stage alone, per article of a generated corpus (release build, one
/// core): `cargo test --release --test cases_numbers -- --ignored --nocapture`, with the
/// corpus folder in `NEWSDB_BENCH_CORPUS` (default `/tmp/c20k/articles`).
#[test]
#[ignore]
fn numbers_stage_speed() {
    let root = std::env::var("NEWSDB_BENCH_CORPUS").unwrap_or("/tmp/c20k/articles".into());
    let mut articles = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt")
                && let Ok(text) = std::fs::read_to_string(&p)
            {
                let raw = newsdb::parse::parse(
                    &text,
                    newsdb::document::Format::Text,
                    &newsdb::corpus::CorpusKnowledge::default(),
                );
                articles.push(normalize(raw));
            }
        }
    }
    assert!(!articles.is_empty(), "no corpus to time");
    // CPU time of this thread (Linux), so that other processes on a busy machine do not count;
    // wall-clock time elsewhere.
    let cpu_ns = || -> Option<f64> {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        s.split_whitespace().next()?.parse().ok()
    };
    let wall = std::time::Instant::now();
    let mut best = f64::INFINITY;
    let mut count = 0;
    for _ in 0..3 {
        let (cpu0, wall0) = (cpu_ns(), wall.elapsed().as_secs_f64());
        count = articles.iter().map(|a| extract(a).len()).sum::<usize>();
        let secs = match (cpu0, cpu_ns()) {
            (Some(a), Some(b)) => (b - a) / 1e9,
            _ => wall.elapsed().as_secs_f64() - wall0,
        };
        best = best.min(secs);
    }
    let per = best * 1e6 / articles.len() as f64;
    println!(
        "numbers: {} articles, {count} numbers, {per:.1} µs CPU per article ({per:.1} ms per 1,000)",
        articles.len(),
    );
}
