//! The ingest backbone: first run, no-op re-run, changed, duplicate, removed and pruned files,
//! bad input, extractor-version re-derivation, the ingest lock, and a kill -9 mid-run.

use std::time::{Duration, Instant};

use crate::util::{Dir, content, generated_article, n};

#[test]
fn first_run_then_noop_rerun_changes_nothing() {
    let dir = Dir::with_seed_corpus();
    let (code, first) = dir.ingest(&[]);
    assert_eq!(code, 0, "{first}");
    assert_eq!(
        (
            n(&first, "new"),
            n(&first, "unchanged"),
            n(&first, "rejected")
        ),
        (5, 0, 0)
    );
    assert_eq!(dir.count("SELECT count(*) FROM v_documents"), 5);
    assert_eq!(
        dir.count(
            "SELECT count(*) FROM v_files WHERE status = 'ingested' AND document_id IS NOT NULL"
        ),
        5
    );
    let before =
        dir.rows("SELECT document_id, title, outlet, body FROM v_documents ORDER BY document_id");

    let (code, second) = dir.ingest(&[]);
    assert_eq!(code, 0);
    assert_eq!(
        (
            n(&second, "new"),
            n(&second, "changed"),
            n(&second, "unchanged")
        ),
        (0, 0, 5)
    );
    assert_eq!(
        dir.rows("SELECT document_id, title, outlet, body FROM v_documents ORDER BY document_id"),
        before
    );
    assert_eq!(
        dir.count("SELECT count(*) FROM runs WHERE status = 'completed'"),
        2
    );
}

#[test]
fn summary_line_names_every_count() {
    let dir = Dir::with_seed_corpus();
    let out = dir.run(&["ingest", "articles", "--db", "news.db"]);
    let line = String::from_utf8_lossy(&out.stdout);
    for word in [
        "5 new",
        "0 changed",
        "0 unchanged",
        "0 duplicate",
        "0 removed",
        "0 rejected",
        " s",
    ] {
        assert!(line.contains(word), "{line:?} lacks {word:?}");
    }
    let out = dir.run(&["ingest", "articles", "--db", "news.db"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("0 new, 0 changed, 5 unchanged"));
}

#[test]
fn unchanged_size_and_mtime_means_not_read_again() {
    let dir = Dir::new();
    let original = generated_article(1);
    dir.write("articles/a.txt", &original);
    dir.ingest(&[]);
    // Other bytes of the same length, with the old modification time put back: a re-run that
    // read the file would store the new text; one that trusts size and mtime does not.
    let path = dir.articles().join("a.txt");
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, original.replace("The", "THE")).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let (code, s) = dir.ingest(&[]);
    assert_eq!((code, n(&s, "unchanged"), n(&s, "changed")), (0, 1, 0));
    assert!(dir.value("SELECT body FROM v_documents").contains("The "));
}

#[test]
fn changed_file_replaces_its_rows_without_orphans() {
    let dir = Dir::new();
    dir.write(
        "articles/a.txt",
        "First title\n\nThe minister said on Monday that 25 people were hurt.\n",
    );
    dir.write("articles/b.txt", &generated_article(2));
    dir.ingest(&[]);
    let old_id = dir.value("SELECT document_id FROM v_files WHERE path = 'a.txt'");
    std::thread::sleep(Duration::from_millis(20));
    dir.write(
        "articles/a.txt",
        "Second title\n\nThe council said that 40 homes were flooded in 2021.\n",
    );
    let (code, s) = dir.ingest(&[]);
    assert_eq!(
        (code, n(&s, "changed"), n(&s, "unchanged"), n(&s, "new")),
        (0, 1, 1, 0)
    );
    assert_eq!(dir.count("SELECT count(*) FROM documents"), 2);
    assert_eq!(
        dir.value(
            "SELECT title FROM v_documents JOIN v_files USING (document_id) WHERE path = 'a.txt'"
        ),
        "Second title"
    );
    assert_eq!(
        dir.count(&format!(
            "SELECT count(*) FROM documents WHERE id = {old_id}"
        )),
        0
    );
    for table in ["mentions", "quotes", "numbers"] {
        assert_eq!(
            dir.count(&format!(
                "SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)"
            )),
            0,
            "{table} has orphans"
        );
    }
    // Every other table that refers to documents, as SQLite itself checks them.
    assert_eq!(
        dir.rows("PRAGMA foreign_key_check"),
        Vec::<Vec<String>>::new()
    );
}

#[test]
fn touched_file_with_the_same_bytes_counts_as_unchanged() {
    let dir = Dir::new();
    dir.write("articles/a.txt", &generated_article(9));
    dir.ingest(&[]);
    let id = dir.value("SELECT document_id FROM v_files");
    std::thread::sleep(Duration::from_millis(20));
    dir.write("articles/a.txt", &generated_article(9)); // new mtime, same bytes
    let (code, s) = dir.ingest(&[]);
    assert_eq!(
        (
            code,
            n(&s, "unchanged"),
            n(&s, "changed"),
            n(&s, "duplicate")
        ),
        (0, 1, 0, 0)
    );
    assert_eq!(
        dir.value("SELECT document_id || status FROM v_files"),
        format!("{id}ingested")
    );
    let (_, s) = dir.ingest(&[]);
    assert_eq!(n(&s, "unchanged"), 1, "the new mtime was recorded");
}

#[test]
fn byte_identical_files_share_one_document() {
    let dir = Dir::new();
    dir.write("articles/a.txt", &generated_article(3));
    dir.write("articles/copy/a.txt", &generated_article(3));
    let (code, s) = dir.ingest(&[]);
    assert_eq!((code, n(&s, "new"), n(&s, "duplicate")), (0, 1, 1));
    assert_eq!(dir.count("SELECT count(*) FROM documents"), 1);
    assert_eq!(
        dir.rows("SELECT path, status FROM v_files ORDER BY path"),
        [["a.txt", "ingested"], ["copy/a.txt", "duplicate"]]
    );
    assert_eq!(
        dir.count("SELECT count(DISTINCT document_id) FROM v_files"),
        1
    );
    // A third copy arriving in a later run is recognised without parsing.
    dir.write("articles/later.txt", &generated_article(3));
    let (_, s) = dir.ingest(&[]);
    assert_eq!((n(&s, "duplicate"), n(&s, "new")), (1, 0));
}

#[test]
fn removed_file_is_marked_and_kept_until_prune() {
    let dir = Dir::new();
    dir.write("articles/a.txt", &generated_article(4));
    dir.write("articles/b.txt", &generated_article(5));
    dir.ingest(&[]);
    std::fs::remove_file(dir.articles().join("b.txt")).unwrap();
    let (code, s) = dir.ingest(&[]);
    assert_eq!((code, n(&s, "removed"), n(&s, "unchanged")), (0, 1, 1));
    assert_eq!(
        dir.value("SELECT status FROM v_files WHERE path = 'b.txt'"),
        "removed"
    );
    assert_eq!(
        dir.count("SELECT count(*) FROM documents"),
        2,
        "document kept until --prune"
    );
    let (_, s) = dir.ingest(&[]);
    assert_eq!(n(&s, "removed"), 0, "already marked");

    let (code, s) = dir.ingest(&["--prune"]);
    assert_eq!(
        (code, n(&s, "pruned_files"), n(&s, "pruned_documents")),
        (0, 1, 1)
    );
    assert_eq!(dir.count("SELECT count(*) FROM documents"), 1);
    assert_eq!(dir.count("SELECT count(*) FROM v_files"), 1);

    // A removed file that comes back is ingested again.
    dir.write("articles/b.txt", &generated_article(5));
    let (_, s) = dir.ingest(&[]);
    assert_eq!(n(&s, "new"), 1);
}

#[test]
fn bad_input_is_recorded_and_the_run_goes_on() {
    let dir = Dir::new();
    dir.write("articles/good.txt", &generated_article(6));
    dir.write_bytes(
        "articles/binary.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3],
    );
    dir.write("articles/empty.txt", "");
    dir.write("articles/blank.txt", "\n\n   \n\t\n");
    dir.write(
        "articles/huge.txt",
        &"All work and no play makes a dull article. ".repeat(30_000),
    );
    dir.write_bytes("articles/latin1.txt", b"Caf\xe9 owners say prices rose\n\nThe caf\xe9 association said prices rose by 5% in \xa3 terms.\n");
    let mut truncated = "Title\n\nThe minister said \u{201c}no\u{201d}"
        .as_bytes()
        .to_vec();
    truncated.truncate(truncated.len() - 2);
    dir.write_bytes("articles/truncated.txt", &truncated);
    dir.write("articles/photo.jpg", "not an article");

    let (code, s) = dir.ingest(&["--max-bytes", "1M"]);
    assert_eq!(code, 1, "some files rejected: {s}");
    assert_eq!(
        (n(&s, "new"), n(&s, "rejected"), n(&s, "skipped")),
        (3, 4, 1)
    );
    let reason = |path: &str| {
        dir.value(&format!(
            "SELECT status || ': ' || reason FROM v_files WHERE path = '{path}'"
        ))
    };
    assert!(
        reason("binary.txt").starts_with("rejected: binary file"),
        "{}",
        reason("binary.txt")
    );
    assert_eq!(reason("empty.txt"), "rejected: empty file");
    assert_eq!(reason("blank.txt"), "rejected: contains only white space");
    assert!(
        reason("huge.txt").starts_with("rejected: too large: 1290000 bytes"),
        "{}",
        reason("huge.txt")
    );
    assert!(reason("photo.jpg").starts_with("skipped: not an article file: .jpg"));
    assert_eq!(
        dir.count(
            "SELECT count(*) FROM v_files WHERE status = 'rejected' AND document_id IS NOT NULL"
        ),
        0
    );

    let (encoding, body) = {
        let row = &dir.rows("SELECT f.encoding, d.body FROM v_files f JOIN v_documents d USING (document_id) WHERE path = 'latin1.txt'")[0];
        (row[0].clone(), row[1].clone())
    };
    assert_eq!(encoding, "windows-1252");
    assert!(
        body.contains("café association") && body.contains("£ terms"),
        "{body}"
    );
    let note = dir.value("SELECT encoding_note FROM v_files WHERE path = 'truncated.txt'");
    assert!(note.contains("middle of a UTF-8 character"), "{note}");

    // The status command lists them, and a re-run does not read them again.
    let out = dir.run(&["status", "--db", "news.db"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("binary.txt [rejected]: binary file"),
        "{text}"
    );
    let (code, s) = dir.ingest(&["--max-bytes", "1M"]);
    assert_eq!((code, n(&s, "unchanged"), n(&s, "rejected")), (0, 8, 0));
}

#[cfg(unix)]
#[test]
fn unreadable_paths_are_rejected_with_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    dir.write("articles/good.txt", &generated_article(7));
    std::os::unix::fs::symlink(
        dir.path().join("gone.txt"),
        dir.articles().join("dangling.txt"),
    )
    .unwrap();
    dir.write("articles/secret.txt", &generated_article(8));
    let secret = dir.articles().join("secret.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root_reads_anything = std::fs::read(&secret).is_ok();
    let (code, s) = dir.ingest(&[]);
    assert_eq!(code, 1, "{s}");
    assert_eq!(
        dir.value("SELECT status || ': ' || reason FROM v_files WHERE path = 'dangling.txt'"),
        "rejected: cannot read: no longer exists"
    );
    if !root_reads_anything {
        assert_eq!(
            dir.value("SELECT status || ': ' || reason FROM v_files WHERE path = 'secret.txt'"),
            "rejected: cannot read: permission denied"
        );
    }
    assert_eq!(
        dir.count("SELECT count(*) FROM v_files WHERE path = 'good.txt' AND status = 'ingested'"),
        1
    );
}

#[test]
fn missing_path_is_reported_and_other_paths_still_ingested() {
    let dir = Dir::with_seed_corpus();
    let out = dir.run(&[
        "ingest", "articles", "nowhere", "--db", "news.db", "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
    assert_eq!(dir.count("SELECT count(*) FROM documents"), 5);
    let out = dir.run(&["ingest", "nowhere", "--db", "news.db"]);
    assert_eq!(out.status.code(), Some(2), "nothing readable is fatal");
}

#[test]
fn extractor_change_rederives_every_document() {
    let dir = Dir::with_seed_corpus();
    dir.ingest(&[]);
    let before = dir.rows("SELECT document_id, title, body FROM v_documents ORDER BY 1");
    // What a database written by an older newsdb looks like: derived by an earlier extractor.
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    conn.execute(
        "UPDATE documents SET extractor_version = 0, body = 'stale', title = 'stale'",
        [],
    )
    .unwrap();
    drop(conn);
    let (code, s) = dir.ingest(&[]);
    assert_eq!((code, n(&s, "rederived"), n(&s, "unchanged")), (0, 5, 5));
    assert_eq!(
        dir.rows("SELECT document_id, title, body FROM v_documents ORDER BY 1"),
        before
    );
    let out = dir.run(&["ingest", "articles", "--db", "news.db"]);
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("re-derived"),
        "nothing stale the second time"
    );
    conn_set_stale(&dir);
    let out = dir.run(&["ingest", "articles", "--db", "news.db"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("re-derived 5 stored document(s)"));
}

fn conn_set_stale(dir: &Dir) {
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    conn.execute("UPDATE documents SET extractor_version = 0", [])
        .unwrap();
}

#[test]
fn second_ingest_fails_at_once_while_the_lock_is_held_or_waits() {
    let dir = Dir::with_seed_corpus();
    let lock = std::fs::File::create(dir.path().join("news.db.lock")).unwrap();
    lock.lock().unwrap();
    let started = Instant::now();
    let out = dir.run(&["ingest", "articles", "--db", "news.db"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("another ingest is writing"));
    assert!(started.elapsed() < Duration::from_secs(5), "fails at once");

    let mut waiting = dir
        .command(&["ingest", "articles", "--db", "news.db", "--wait", "--quiet"])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "--wait waits for the lock"
    );
    lock.unlock().unwrap();
    assert_eq!(waiting.wait().unwrap().code(), Some(0));
    assert_eq!(dir.count("SELECT count(*) FROM documents"), 5);
}

#[test]
fn database_is_readable_by_the_system_sqlite3_shell() {
    let dir = Dir::with_seed_corpus();
    dir.ingest(&[]);
    let Ok(out) = std::process::Command::new("sqlite3")
        .arg(dir.db())
        .arg("SELECT count(*) FROM v_documents; PRAGMA integrity_check;")
        .output()
    else {
        panic!("the sqlite3 shell is required by the tests (apt-get install sqlite3)");
    };
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "5\nok\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn kill_9_mid_run_then_rerun_equals_a_clean_run() {
    let killed = Dir::new();
    let clean = Dir::new();
    for i in 0..3000 {
        let text = generated_article(i);
        killed.write(&format!("articles/{:02}/{i:05}.txt", i % 40), &text);
        clean.write(&format!("articles/{:02}/{i:05}.txt", i % 40), &text);
    }
    killed.write("articles/bad.txt", "");
    clean.write("articles/bad.txt", "");

    let mut child = killed
        .command(&[
            "ingest", "articles", "--db", "news.db", "--quiet", "--jobs", "2",
        ])
        .spawn()
        .unwrap();
    // Kill once some batches are committed, so the kill lands mid-run.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        std::thread::sleep(Duration::from_millis(20));
        if child.try_wait().unwrap().is_some() {
            panic!("the run finished before it could be killed; make the corpus larger");
        }
        let committed = rusqlite::Connection::open_with_flags(
            killed.db(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .and_then(|c| c.query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0)))
        .unwrap_or(0);
        if committed > 0 || Instant::now() > deadline {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let partial = killed.count("SELECT count(*) FROM files");
    assert!(
        partial > 0 && partial < 3001,
        "killed mid-run ({partial} files committed)"
    );
    assert_eq!(killed.value("PRAGMA integrity_check"), "ok");

    let (code, s) = killed.ingest(&[]);
    assert_eq!(code, 1, "{s}");
    assert_eq!(
        n(&s, "new") as i64 + n(&s, "rejected") as i64 + partial,
        3001
    );
    assert_eq!(
        killed.value("SELECT status FROM runs WHERE id = 1"),
        "interrupted"
    );
    clean.ingest(&[]);
    assert_eq!(content(&killed), content(&clean));
}
