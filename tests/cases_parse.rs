//! Runs every named case in `tests/cases/lines.toml` through parse and normalize, and reports
//! all failing cases at once.

use newsdb::corpus::CorpusKnowledge;
use newsdb::document::Format;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Case {
    name: String,
    text: String,
    title: Option<String>,
    title_none: bool,
    outlet: Option<String>,
    outlet_none: bool,
    dateline: Option<String>,
    byline: Option<String>,
    published: Option<String>,
    credits: Option<Vec<String>>,
    kept: Vec<String>,
    absent: Vec<String>,
    once: Vec<String>,
    dropped: Vec<(String, String)>,
}

fn check(case: &Case) -> Vec<String> {
    let raw = newsdb::parse::parse(&case.text, Format::Text, &CorpusKnowledge::default());
    let a = newsdb::normalize::normalize(raw);
    let mut errors = Vec::new();
    let mut expect = |what: &str, got: &Option<String>, want: &Option<String>| {
        if want.is_some() && got != want {
            errors.push(format!("{what}: got {got:?}, want {want:?}"));
        }
    };
    expect("title", &a.title, &case.title);
    expect("outlet", &a.outlet, &case.outlet);
    expect("dateline", &a.dateline, &case.dateline);
    expect("byline", &a.byline, &case.byline);
    expect("published", &a.published, &case.published);
    if case.title_none && a.title.is_some() {
        errors.push(format!("title: got {:?}, want none", a.title));
    }
    if case.outlet_none && a.outlet.is_some() {
        errors.push(format!("outlet: got {:?}, want none", a.outlet));
    }
    if let Some(want) = &case.credits
        && &a.credits != want
    {
        errors.push(format!("credits: got {:?}, want {want:?}", a.credits));
    }
    for s in &case.kept {
        if !a.body.contains(s.as_str()) {
            errors.push(format!("body lost {s:?}"));
        }
    }
    for s in &case.absent {
        if a.body.contains(s.as_str()) {
            errors.push(format!("body kept {s:?}"));
        }
    }
    for s in &case.once {
        let n = a.body.matches(s.as_str()).count();
        if n != 1 {
            errors.push(format!("{s:?} appears {n} times"));
        }
    }
    for (line, reason) in &case.dropped {
        let found = a.lines.iter().find(|l| l.text.trim() == line.trim());
        match found {
            None => errors.push(format!("no line {line:?}")),
            Some(l) => {
                let got = l.dropped.map(|r| r.as_str()).unwrap_or("kept");
                if got != reason {
                    errors.push(format!("line {line:?}: {got}, want {reason}"));
                }
            }
        }
    }
    errors
}

#[test]
fn line_cases() {
    let text = include_str!("cases/lines.toml");
    let file: File = toml::from_str(text).expect("tests/cases/lines.toml parses");
    let mut failures = Vec::new();
    for case in &file.case {
        let errors = check(case);
        if !errors.is_empty() {
            failures.push(format!("{}:\n    {}", case.name, errors.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        file.case.len(),
        failures.join("\n")
    );
}
