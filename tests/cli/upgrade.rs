//! Databases in the field were written by older versions of newsdb. A database frozen at
//! schema V1 (tests/fixtures/v1_database.sql) must take every later migration, have its
//! documents re-derived by the current extractor, and end equal to a fresh ingest.

use std::process::{Command, Stdio};

use crate::util::{Dir, content, n};

#[test]
fn a_v1_database_upgrades_and_ends_equal_to_a_fresh_ingest() {
    let old = Dir::with_seed_corpus();
    let root = std::fs::canonicalize(old.articles()).unwrap();
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/v1_database.sql"
    ))
    .unwrap();
    let sql = fixture.replace("@ROOT@", &root.to_string_lossy());
    let mut shell = Command::new("sqlite3")
        .arg(old.db())
        .stdin(Stdio::piped())
        .spawn()
        .expect("sqlite3 shell");
    std::io::Write::write_all(shell.stdin.as_mut().unwrap(), sql.as_bytes()).unwrap();
    drop(shell.stdin.take());
    assert!(shell.wait().unwrap().success());
    assert_eq!(
        old.count("SELECT max(version) FROM refinery_schema_history"),
        1
    );

    let (code, s) = old.ingest(&[]);
    assert_eq!(code, 0, "{s}");
    assert_eq!(
        (n(&s, "new"), n(&s, "changed"), n(&s, "unchanged")),
        (0, 0, 5),
        "same bytes, new mtimes"
    );
    let stale = if newsdb::EXTRACTOR_VERSION > 1 { 5 } else { 0 };
    assert_eq!(n(&s, "rederived"), stale);
    assert_eq!(old.value("PRAGMA integrity_check"), "ok");
    assert!(old.rows("PRAGMA foreign_key_check").is_empty());
    assert!(old.count("SELECT max(version) FROM refinery_schema_history") >= 1);

    let fresh = Dir::with_seed_corpus();
    fresh.ingest(&[]);
    assert_eq!(content(&old), content(&fresh));
}
