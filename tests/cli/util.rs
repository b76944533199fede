//! Test harness for the integration tests: a temporary folder to build corpora in, the real
//! `newsdb` binary run inside it, and queries against the database it writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::{Connection, OpenFlags};

/// A temporary folder with a corpus in `articles/` and a database at `news.db`.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A fresh folder holding a copy of the bundled `corpus/` as `articles/`.
    pub fn with_seed_corpus() -> Dir {
        let dir = Dir::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(src).expect("corpus/") {
            let entry = entry.expect("entry");
            dir.write_bytes(
                &format!("articles/{}", entry.file_name().to_string_lossy()),
                &std::fs::read(entry.path()).expect("read"),
            );
        }
        dir
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn articles(&self) -> PathBuf {
        self.path().join("articles")
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("news.db")
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    /// `newsdb ARGS...` run in this folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdb"));
        cmd.current_dir(self.path()).args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run newsdb")
    }

    /// `newsdb ingest articles --json --db news.db`, returning the exit code and the summary.
    pub fn ingest(&self, extra: &[&str]) -> (i32, serde_json::Value) {
        let mut args = vec!["ingest", "articles", "--json", "--db", "news.db"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        let code = out.status.code().unwrap_or(-1);
        let summary = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "ingest printed no JSON ({e}), exit {code}\nstdout: {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (code, summary)
    }

    pub fn connect(&self) -> Connection {
        Connection::open_with_flags(self.db(), OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db")
    }

    /// Every row of a query, each column rendered as text (NULL as "NULL").
    pub fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let conn = self.connect();
        let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        Ok(match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => "NULL".to_string(),
                            rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                            rusqlite::types::ValueRef::Real(v) => v.to_string(),
                            rusqlite::types::ValueRef::Text(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                            rusqlite::types::ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
                        })
                    })
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .expect("query");
        rows.collect::<rusqlite::Result<Vec<_>>>().expect("rows")
    }

    /// The single value of a one-row, one-column query.
    pub fn value(&self, sql: &str) -> String {
        let rows = self.rows(sql);
        assert_eq!(rows.len(), 1, "{sql} returned {} rows", rows.len());
        rows[0][0].clone()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.value(sql)
            .parse()
            .unwrap_or_else(|_| panic!("{sql} is not a count"))
    }
}

/// A number from the ingest summary.
pub fn n(summary: &serde_json::Value, key: &str) -> u64 {
    summary[key]
        .as_u64()
        .unwrap_or_else(|| panic!("summary has no {key}: {summary}"))
}

/// A deterministic, varied article: enough distinct words that no two generated texts are equal.
pub fn generated_article(i: usize) -> String {
    const WORDS: [&str; 24] = [
        "council", "minister", "budget", "river", "election", "market", "harbour", "school",
        "treaty", "factory", "museum", "railway", "hospital", "senator", "festival", "court",
        "village", "border", "airport", "union", "bank", "stadium", "forest", "bridge",
    ];
    let w = |k: usize| WORDS[(i * 7 + k * 13 + i / 24) % WORDS.len()];
    let mut text = format!("The {} and the {} in report {i}\n\n", w(1), w(2));
    for p in 0..4 {
        text.push_str(&format!(
            "The {} said on Monday that the {} would cost {} million pounds, up from {} last year. \
             Officials from the {} met {} times since {}.\n\n",
            w(p + 3),
            w(p + 4),
            (i % 97) + p,
            (i % 53) + 2,
            w(p + 5),
            (i % 11) + 2,
            1990 + (i + p) % 30
        ));
    }
    text
}

/// Content of the database independent of row ids, for comparing two databases.
pub fn content(dir: &Dir) -> Vec<Vec<String>> {
    // The writer enforces no foreign keys while it writes (it takes the schema's delete actions
    // itself), so every comparison also checks that nothing points at a missing row.
    assert_eq!(
        dir.rows("PRAGMA foreign_key_check"),
        Vec::<Vec<String>>::new()
    );
    let mut rows = dir.rows(
        "SELECT 'doc', d.sha256, d.title, d.body, \
           (SELECT count(*) FROM mentions WHERE document_id = d.id), \
           (SELECT count(*) FROM quotes WHERE document_id = d.id), \
           (SELECT count(*) FROM numbers WHERE document_id = d.id) FROM documents d",
    );
    rows.extend(dir.rows("SELECT 'file', path, status, coalesce(sha256, ''), coalesce(reason, ''), '', '' FROM files"));
    rows.sort();
    rows
}
