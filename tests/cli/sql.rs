//! Every example query in `sql/` runs in the system `sqlite3` shell, as a user would run it, on
//! the database built from the bundled `corpus/` (plus one rejected and one skipped file, so
//! the queries about bad input have something to show). Results are snapshots: a change in
//! what newsdb extracts shows up here as a reviewable diff.

use std::path::Path;
use std::process::Command;

use crate::util::Dir;

fn sql_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sql");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("sql/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_query_is_commented_and_runs_in_the_sqlite3_shell() {
    let dir = Dir::with_seed_corpus();
    dir.write("articles/empty.txt", "");
    dir.write("articles/photo.jpg", "not an article");
    let (code, _) = dir.ingest(&[]);
    assert_eq!(code, 1, "one file is rejected");
    let files = sql_files();
    assert!(files.len() >= 6, "sql/ holds at least six example queries");
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        if !text.starts_with("--") {
            failures.push(format!(
                "{name}: does not open with a comment saying what it answers"
            ));
        }
        let out = Command::new("sqlite3")
            .arg("-header")
            .arg("-separator")
            .arg(" | ")
            .arg(dir.db())
            .stdin(std::fs::File::open(file).unwrap())
            .output()
            .expect("the sqlite3 shell is required by the tests");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || !stderr.is_empty() {
            failures.push(format!("{name}: {stderr}"));
            continue;
        }
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        insta::with_settings!({
            snapshot_suffix => name.clone(),
            filters => vec![(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "[time]")],
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!("sql", stdout);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
