//! Runs every named case of `tests/cases/entities.toml` through the entity extractor and
//! reports all failing cases at once; also feeds the extractor odd inputs to show it neither
//! panics nor returns a span that is not on character boundaries.

use newsdb::document::{Article, Mention, RawArticle};
use newsdb::extract::entities;
use newsdb::normalize::normalize;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    title: Option<String>,
    body: String,
    #[serde(default)]
    mention: Vec<Expected>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    same: Vec<(String, String)>,
    #[serde(default)]
    different: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct Expected {
    text: String,
    kind: String,
    canonical: Option<String>,
    role: Option<String>,
    #[serde(default)]
    in_title: bool,
}

fn article(title: Option<&str>, body: &str) -> Article {
    normalize(RawArticle {
        title: title.map(str::to_string),
        paragraphs: body.split("\n\n").map(str::to_string).collect(),
        ..RawArticle::default()
    })
}

fn show(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| {
            format!(
                "{:?}[{}]→{}{}{}",
                m.text,
                m.kind.as_str(),
                m.canonical,
                m.role
                    .as_ref()
                    .map_or(String::new(), |r| format!(" role={r:?}")),
                if m.span.is_none() { " (title)" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn check(case: &Case) -> Vec<String> {
    let a = article(case.title.as_deref(), &case.body);
    let ms = entities::extract(&a);
    let mut problems = Vec::new();
    for e in &case.mention {
        let found = ms.iter().find(|m| {
            m.text == e.text && m.kind.as_str() == e.kind && m.span.is_none() == e.in_title
        });
        let Some(m) = found else {
            problems.push(format!("no {:?} [{}]", e.text, e.kind));
            continue;
        };
        if let Some(c) = &e.canonical
            && &m.canonical != c
        {
            problems.push(format!(
                "{:?} canonical {:?}, want {c:?}",
                e.text, m.canonical
            ));
        }
        if let Some(r) = &e.role
            && m.role.as_ref() != Some(r)
        {
            problems.push(format!("{:?} role {:?}, want {r:?}", e.text, m.role));
        }
    }
    let core = |k: &str| matches!(k, "person" | "organization" | "location");
    for text in &case.absent {
        if ms.iter().any(|m| &m.text == text && core(m.kind.as_str())) {
            problems.push(format!(
                "{text:?} should not be a person, organization or place"
            ));
        }
    }
    let canonical_of = |t: &str| ms.iter().find(|m| m.text == t).map(|m| m.canonical.clone());
    for (a, b) in &case.same {
        if canonical_of(a).is_none() || canonical_of(a) != canonical_of(b) {
            problems.push(format!("{a:?} and {b:?} should share a canonical name"));
        }
    }
    for (a, b) in &case.different {
        if canonical_of(a).is_some() && canonical_of(a) == canonical_of(b) {
            problems.push(format!("{a:?} and {b:?} should be different entities"));
        }
    }
    // No words are two mentions at once.
    for (i, a) in ms.iter().enumerate() {
        for b in &ms[i + 1..] {
            if let (Some(x), Some(y)) = (&a.span, &b.span)
                && x.start < y.end
                && y.start < x.end
            {
                problems.push(format!("{:?} and {:?} overlap", a.text, b.text));
            }
        }
    }
    if !problems.is_empty() {
        problems.push(format!("got: {}", show(&ms)));
    }
    problems
}

#[test]
fn entity_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/entities.toml");
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string(path).expect("read cases")).expect("parse cases");
    let mut failures = Vec::new();
    for case in &cases.case {
        let problems = check(case);
        if !problems.is_empty() {
            failures.push(format!("{}:\n    {}", case.name, problems.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} entity cases failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

#[test]
fn odd_inputs_do_not_panic_and_spans_are_char_boundaries() {
    let long_word = "Putin".repeat(20_000);
    let many_caps = "Moscow ".repeat(15_000);
    let inputs: Vec<(Option<&str>, String)> = vec![
        (None, String::new()),
        (Some(""), "x".into()),
        (Some("É"), "É".into()),
        (None, long_word),
        (None, many_caps),
        (
            Some("“Unbalanced"),
            "“He said ‘so. ” ( [ Mr. . . U.S.-".into(),
        ),
        (
            None,
            "Путин и Зеленский встретились в Москве. 習近平 مرحبا Vladimir Путин".into(),
        ),
        (None, "'s 's ' - — – ... ' ( ) & of the and".into()),
        // Hyphens next to characters of several bytes (`’s-`, `é-É`) inside one token.
        (None, "Ali’s-led Élysée-É -’- ’-’s Jean--Paul".into()),
        (
            None,
            "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z".into(),
        ),
        (
            None,
            "\u{200b}\u{feff}Zero\u{200b}width Nato\u{0301}".into(),
        ),
        (
            Some("ALL CAPS HEADLINE ABOUT PUTIN"),
            "PUTIN SAID. \n\n\n\n RUSSIA".into(),
        ),
        (
            None,
            "Mr. Mr. Mr. President President Vladimir , , , Putin , the minister ,".into(),
        ),
    ];
    for (title, body) in &inputs {
        let a = article(*title, body);
        for m in entities::extract(&a) {
            if let Some(s) = &m.span {
                assert!(
                    s.start < s.end
                        && a.body.is_char_boundary(s.start)
                        && a.body.is_char_boundary(s.end),
                    "bad span {s:?} for {:?}",
                    m.text
                );
                assert_eq!(&a.body[s.clone()], m.text.as_str());
            }
        }
    }
}
