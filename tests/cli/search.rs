//! Full-text search through the real CLI: `newsdb search` finds articles and quotes by
//! punctuated terms and never passes user input to FTS5 as syntax, and the FTS5 indexes stay
//! exact (FTS5's own integrity-check) while documents and quotes are inserted, changed,
//! re-derived, deleted and pruned.

use std::process::Command;

use rusqlite::Connection;

use crate::near_dup::Story;
use crate::util::Dir;

/// A story with some words of `extra` put into its second paragraph.
fn article(seed: u64, extra: &str) -> String {
    let mut story = Story::new(seed, 4);
    story.paragraphs[1] = format!("{} {extra}", story.paragraphs[1]);
    story.text()
}

fn search(dir: &Dir, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--db", "news.db"]);
    let out = dir.run(&all);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Both FTS5 tables pass their integrity checks, in the bundled SQLite (with the content
/// tables compared too) and in the system sqlite3 shell.
fn assert_indexes_exact(dir: &Dir) {
    let conn = Connection::open(dir.db()).unwrap();
    for table in ["documents_fts", "quotes_fts"] {
        conn.execute(
            &format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"),
            [],
        )
        .unwrap_or_else(|e| panic!("{table}: {e}"));
    }
    let queued: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM fts_queue) + (SELECT count(*) FROM fts_deferred)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        queued, 0,
        "deferred indexing is finished before every commit"
    );
    drop(conn);
    let out = Command::new("sqlite3")
        .arg(dir.db())
        .arg(
            "INSERT INTO documents_fts(documents_fts) VALUES('integrity-check'); \
             INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check');",
        )
        .output()
        .expect("sqlite3 shell");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Inserts a quote as another program would, with SQL: not indexed for search until the next
/// ingest (migration V11).
fn add_quote(dir: &Dir, document: i64, quote: &str, speaker: &str) {
    let conn = Connection::open(dir.db()).unwrap();
    conn.execute(
        "INSERT INTO quotes (document_id, kind, quote, speaker, char_start, char_end) \
         VALUES (?1, 'direct', ?2, ?3, 0, 1)",
        rusqlite::params![document, quote, speaker],
    )
    .unwrap();
}

#[test]
fn search_finds_punctuated_terms_in_articles_and_quotes() {
    let dir = Dir::new();
    dir.write(
        "articles/1.txt",
        &article(1, "COVID-19 cases rose in the U.S.-led coalition."),
    );
    dir.write(
        "articles/2.txt",
        &article(2, "Bashar al-Assad met elected officials."),
    );
    dir.write(
        "articles/3.txt",
        &article(3, "The covid report ran to 19 pages; Assad stayed away."),
    );
    assert_eq!(dir.ingest(&[]).0, 0);
    add_quote(
        &dir,
        2,
        "The elections of COVID-19 times were fair",
        "Bashar al-Assad",
    );
    let (_, out, _) = search(&dir, &["elections"]);
    assert!(
        out.contains("quotes: 0 of 0 matching"),
        "not indexed yet: {out}"
    );
    assert_eq!(dir.ingest(&[]).0, 0, "a run indexes what it lacks");

    let (code, out, err) = search(&dir, &["COVID-19"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("articles: 1 of 1 matching"), "{out}");
    assert!(out.contains("#1 ") && out.contains("[COVID-19]"), "{out}");
    assert!(out.contains("quotes: 1 of 1 matching"), "{out}");
    assert!(out.contains("#2 Bashar al-Assad:"), "{out}");

    let (_, out, _) = search(&dir, &["covid", "19"]);
    assert!(
        out.contains("articles: 2 of 2 matching"),
        "words in any order: {out}"
    );
    let (_, out, _) = search(&dir, &["U.S.-led"]);
    assert!(out.contains("articles: 1 of 1"), "{out}");
    let (_, out, _) = search(&dir, &["al-Assad"]);
    assert!(
        out.contains("articles: 1 of 1") && out.contains("quotes: 1 of 1"),
        "{out}"
    );
    let (_, out, _) = search(&dir, &["election"]);
    assert!(out.contains("articles: 1 of 1"), "stemmed: {out}");
    let (_, out, _) = search(&dir, &["assad -coalition", "--limit", "1"]);
    assert!(out.contains("articles: 1 of 2 matching"), "{out}");

    for odd in [
        "NEAR(",
        "title:x",
        "\"unbalanced",
        "a*b*",
        "x OR",
        "(x",
        "'; DROP TABLE documents",
    ] {
        let (code, _, err) = search(&dir, &[odd]);
        assert_eq!(code, 0, "{odd}: {err}");
    }
    let (code, _, err) = search(&dir, &["\" - *"]);
    assert_eq!(code, 2);
    assert!(err.contains("nothing to search for"), "{err}");
    let out = dir.run(&["search", "x", "--db", "missing.db"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn full_text_indexes_stay_exact_through_every_change() {
    let dir = Dir::new();
    for i in 0..30 {
        dir.write(&format!("articles/{i:02}.txt"), &article(i + 10, "zebra"));
    }
    dir.write("articles/gone.txt", &article(99, "quokka"));
    dir.write("articles/changing.txt", &article(98, "wombat"));
    assert_eq!(dir.ingest(&[]).0, 0);
    assert_indexes_exact(&dir);
    let hits = |dir: &Dir, word: &str| {
        dir.count(&format!(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '{word}'"
        ))
    };
    assert_eq!(
        (
            hits(&dir, "zebra"),
            hits(&dir, "quokka"),
            hits(&dir, "wombat")
        ),
        (30, 1, 1)
    );

    for d in 1..=5 {
        add_quote(&dir, d, "A quote about otters", "Someone");
    }
    assert_eq!(dir.ingest(&[]).0, 0);
    assert_indexes_exact(&dir);

    // A changed file replaces its document; a removed one goes with --prune.
    dir.write("articles/changing.txt", &article(97, "platypus"));
    std::fs::remove_file(dir.articles().join("gone.txt")).unwrap();
    assert_eq!(dir.ingest(&["--prune"]).0, 0);
    assert_indexes_exact(&dir);
    assert_eq!(
        (
            hits(&dir, "quokka"),
            hits(&dir, "wombat"),
            hits(&dir, "platypus")
        ),
        (0, 0, 1)
    );

    // Re-derivation rewrites every document (and deletes its quotes).
    let conn = Connection::open(dir.db()).unwrap();
    conn.execute(
        "UPDATE documents SET extractor_version = 0, title = 'stale'",
        [],
    )
    .unwrap();
    conn.execute("DELETE FROM documents WHERE id = 3", [])
        .unwrap();
    drop(conn);
    assert_indexes_exact(&dir);
    let (code, summary) = dir.ingest(&[]);
    assert_eq!(code, 0, "{summary}");
    assert_indexes_exact(&dir);
    assert_eq!(hits(&dir, "stale"), 0);
    assert_eq!(
        dir.count("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'otters'"),
        dir.count("SELECT count(*) FROM quotes WHERE quote LIKE '%otters%'")
    );
}

#[test]
fn rows_that_take_the_ids_of_deleted_rows_are_indexed() {
    let dir = Dir::new();
    let quoted = |word: &str| {
        format!(
            "Harbour talks resume\n\n\"The {word} agreement is close, and we expect to sign it this week,\" the minister told reporters on Monday.\n\n\"Nobody wants the {word} talks to fail,\" she said after the meeting.\n"
        )
    };
    dir.write("articles/a.txt", &quoted("zebra"));
    dir.write("articles/b.txt", &quoted("quokka"));
    assert_eq!(dir.ingest(&[]).0, 0);
    let last_quote = |dir: &Dir| dir.count("SELECT max(id) FROM quotes");
    let before = last_quote(&dir);
    // Re-deriving b.txt, the last document, deletes its quotes (the highest ids) and writes
    // new ones in the same batch: SQLite gives the new rows the freed ids. Its stored text
    // is edited first, so the new quotes differ from what the index held under those ids.
    let conn = Connection::open(dir.db()).unwrap();
    conn.execute(
        "UPDATE documents SET extractor_version = 0, raw_text = replace(raw_text, 'quokka', 'wombat') \
         WHERE id = (SELECT max(id) FROM documents)",
        [],
    )
    .unwrap();
    drop(conn);
    assert_eq!(dir.ingest(&[]).0, 0);
    assert_eq!(
        last_quote(&dir),
        before,
        "the test needs the ids to be taken again"
    );
    assert_indexes_exact(&dir);
    for word in ["zebra", "quokka", "wombat"] {
        assert_eq!(
            dir.count(&format!(
                "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH '{word}'"
            )),
            dir.count(&format!(
                "SELECT count(*) FROM quotes WHERE quote LIKE '%{word}%'"
            )),
            "{word}"
        );
    }
    assert!(dir.count("SELECT count(*) FROM quotes WHERE quote LIKE '%wombat%'") >= 2);
}

#[test]
fn a_database_from_before_search_gets_its_index_and_signatures() {
    let dir = Dir::with_seed_corpus();
    let root = std::fs::canonicalize(dir.articles()).unwrap();
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/v1_database.sql"
    ))
    .unwrap()
    .replace("@ROOT@", &root.to_string_lossy());
    let mut shell = Command::new("sqlite3")
        .arg(dir.db())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("sqlite3 shell");
    std::io::Write::write_all(shell.stdin.as_mut().unwrap(), fixture.as_bytes()).unwrap();
    drop(shell.stdin.take());
    assert!(shell.wait().unwrap().success());
    assert_eq!(dir.ingest(&[]).0, 0);
    assert_indexes_exact(&dir);
    assert_eq!(
        dir.count("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'nato'"),
        5
    );
    assert_eq!(
        dir.count("SELECT count(*) FROM near_dup_signatures"),
        dir.count("SELECT count(*) FROM documents")
    );
}
