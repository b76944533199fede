//! Near-duplicate articles through the real CLI: syndicated and edited copies point at the
//! earliest document of their cluster, recombined articles do not, an incremental run finds
//! copies of stored documents, the threshold option is remembered and applies to everything
//! stored, deleting an original regroups its copies, templated corpora stay bounded, and the
//! example query telling syndicated quotes from independent ones.

use std::process::Command;

use crate::util::{Dir, generated_article, n};

/// A deterministic story of made-up words: stories of different seeds share (almost) no
/// three-word sequence, like unrelated articles.
pub struct Story {
    pub title: String,
    pub paragraphs: Vec<String>,
}

impl Story {
    pub fn new(seed: u64, paragraphs: usize) -> Story {
        const SYLLABLES: [&str; 24] = [
            "ka", "lo", "mi", "ter", "san", "vo", "ri", "del", "na", "pu", "gor", "e", "sti", "ba",
            "lun", "o", "fre", "di", "mar", "ze", "quo", "ni", "tal", "bu",
        ];
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let word = |next: &mut dyn FnMut(usize) -> usize| -> String {
            (0..2 + next(2))
                .map(|_| SYLLABLES[next(SYLLABLES.len())])
                .collect()
        };
        let sentence = |next: &mut dyn FnMut(usize) -> usize| -> String {
            let words: Vec<String> = (0..12 + next(8)).map(|_| word(next)).collect();
            let mut s = words.join(" ");
            s[..1].make_ascii_uppercase();
            s + "."
        };
        // A headline: a few words, no closing period (a long sentence would be read as prose).
        let title = {
            let words: Vec<String> = (0..6 + next(4)).map(|_| word(&mut next)).collect();
            let mut t = words.join(" ");
            t[..1].make_ascii_uppercase();
            t
        };
        let paragraphs = (0..paragraphs)
            .map(|_| {
                (0..3)
                    .map(|_| sentence(&mut next))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        Story { title, paragraphs }
    }

    /// The file a scraper would save: title, blank line, paragraphs.
    pub fn text(&self) -> String {
        format!("{}\n\n{}\n", self.title, self.paragraphs.join("\n\n"))
    }

    /// The story as another outlet publishes it: page furniture around it and, if `edit`,
    /// one sentence of the second paragraph replaced.
    pub fn syndicated(&self, outlet: &str, edit: bool) -> String {
        let mut paragraphs = self.paragraphs.clone();
        if edit {
            let first_end = paragraphs[1].find(". ").expect("three sentences") + 2;
            let rest = paragraphs[1][first_end..].to_string();
            paragraphs[1] = format!("The {outlet} desk adds a sentence of its own here. {rest}");
        }
        format!(
            "{} — {outlet}\n\nHome » News » World\n\nPhoto: Reuters\n\n{}\n\nShare this article\n\n\
             Related Articles\n\nCopyright 2024 {outlet}. All rights reserved.\n",
            self.title,
            paragraphs.join("\n\n")
        )
    }
}

/// The document id of a file, by its path under articles/.
fn doc(dir: &Dir, path: &str) -> String {
    dir.value(&format!(
        "SELECT document_id FROM v_files WHERE path = '{path}'"
    ))
}

fn duplicate_of(dir: &Dir, path: &str) -> String {
    dir.value(&format!(
        "SELECT d.duplicate_of FROM v_documents d JOIN v_files f ON f.document_id = d.document_id \
         WHERE f.path = '{path}'"
    ))
}

/// Ten unrelated stories under a/, stored first (paths sort first).
fn write_originals(dir: &Dir) -> Vec<Story> {
    (0..10)
        .map(|i| {
            let story = Story::new(i + 1, 5);
            dir.write(&format!("articles/a/{i:02}.txt"), &story.text());
            story
        })
        .collect()
}

#[test]
fn syndicated_copies_point_at_the_earliest_document_and_recombined_articles_do_not() {
    let dir = Dir::new();
    let stories = write_originals(&dir);
    dir.write(
        "articles/b/1.txt",
        &stories[1].syndicated("Metro Wire", false),
    );
    dir.write(
        "articles/b/2.txt",
        &stories[1].syndicated("Harbor News", true),
    );
    dir.write(
        "articles/b/3.txt",
        &stories[2].syndicated("Civic Herald", true),
    );
    dir.write("articles/c/copy.txt", &stories[3].text()); // byte-identical
    let mix: Vec<String> = (4..8).map(|i| stories[i].paragraphs[1].clone()).collect();
    dir.write(
        "articles/m/mix.txt",
        &format!("{}\n\n{}\n", stories[4].title, mix.join("\n\n")),
    );
    let (code, summary) = dir.ingest(&[]);
    assert_eq!(code, 0, "{summary}");
    assert_eq!(n(&summary, "duplicate"), 1, "the byte-identical copy");
    assert!(summary["stages"]["near_dup"].as_f64().is_some());

    let s1 = doc(&dir, "a/01.txt");
    assert_eq!(duplicate_of(&dir, "b/1.txt"), s1);
    assert_eq!(duplicate_of(&dir, "b/2.txt"), s1);
    assert_eq!(duplicate_of(&dir, "b/3.txt"), doc(&dir, "a/02.txt"));
    assert_eq!(
        duplicate_of(&dir, "a/01.txt"),
        "NULL",
        "the earliest is the cluster's name"
    );
    assert_eq!(doc(&dir, "c/copy.txt"), doc(&dir, "a/03.txt"));
    assert_eq!(duplicate_of(&dir, "m/mix.txt"), "NULL");
    assert_eq!(
        dir.count("SELECT count(*) FROM v_documents WHERE duplicate_of IS NOT NULL"),
        3
    );
    // s1 with both its copies, the copies with each other, s2 with its copy.
    assert_eq!(dir.count("SELECT count(*) FROM v_duplicates"), 4);
    assert_eq!(
        dir.count(&format!(
            "SELECT count(*) FROM v_duplicates WHERE cluster_id <> {s1} \
             AND (document_id IN (SELECT document_id FROM v_files WHERE path LIKE 'b/_.txt' AND path <> 'b/3.txt'))"
        )),
        0
    );
    let mix_id = doc(&dir, "m/mix.txt");
    assert_eq!(
        dir.count(&format!(
            "SELECT count(*) FROM near_dup_pairs WHERE {mix_id} IN (document_id, similar_id)"
        )),
        0,
        "one paragraph from each of four stories resembles none of them"
    );
    let (low, high): (f64, f64) = {
        let row = &dir
            .rows("SELECT min(duplicate_similarity), max(duplicate_similarity) FROM v_documents")
            [0];
        (row[0].parse().unwrap(), row[1].parse().unwrap())
    };
    assert!((0.8..=1.0).contains(&low) && high == 1.0, "{low} {high}");

    let before =
        dir.rows("SELECT document_id, duplicate_of, duplicate_similarity FROM v_documents");
    let (code, again) = dir.ingest(&[]);
    assert_eq!((code, n(&again, "new")), (0, 0));
    assert_eq!(
        dir.rows("SELECT document_id, duplicate_of, duplicate_similarity FROM v_documents"),
        before
    );
}

#[test]
fn incremental_run_compares_new_documents_with_stored_ones() {
    let dir = Dir::new();
    let stories = write_originals(&dir);
    assert_eq!(dir.ingest(&[]).0, 0);
    assert_eq!(
        dir.count(
            "SELECT (SELECT count(*) FROM near_dup_bands) + (SELECT count(*) FROM near_dup_bands_recent)"
        ),
        10 * newsdb::near_dup::BANDS as i64
    );
    dir.write(
        "articles/z/late.txt",
        &stories[7].syndicated("Evening Post", true),
    );
    let (code, summary) = dir.ingest(&[]);
    assert_eq!(
        (code, n(&summary, "new"), n(&summary, "unchanged")),
        (0, 1, 10)
    );
    assert_eq!(duplicate_of(&dir, "z/late.txt"), doc(&dir, "a/07.txt"));

    // Re-deriving every document signs each again: same clusters, no stale rows.
    let state = |dir: &Dir| {
        dir.rows(
            "SELECT (SELECT count(*) FROM near_dup_bands) + (SELECT count(*) FROM near_dup_bands_recent), \
             (SELECT count(*) FROM near_dup_signatures), \
             (SELECT group_concat(document_id || '>' || similar_id) FROM near_dup_pairs), \
             (SELECT group_concat(document_id || '>' || duplicate_of) FROM v_documents)",
        )
    };
    let before = state(&dir);
    rusqlite::Connection::open(dir.db())
        .unwrap()
        .execute("UPDATE documents SET extractor_version = 0", [])
        .unwrap();
    let (code, summary) = dir.ingest(&[]);
    assert_eq!((code, n(&summary, "rederived")), (0, 11));
    assert_eq!(state(&dir), before);
}

#[test]
fn threshold_is_an_option_remembered_by_the_database() {
    let dir = Dir::new();
    let stories = write_originals(&dir);
    dir.write(
        "articles/b/same.txt",
        &stories[5].syndicated("Metro Wire", false),
    );
    dir.write(
        "articles/b/edited.txt",
        &stories[6].syndicated("Metro Wire", true),
    );
    let dups =
        |dir: &Dir| dir.count("SELECT count(*) FROM v_documents WHERE duplicate_of IS NOT NULL");

    assert_eq!(dir.ingest(&["--near-threshold", "0.99"]).0, 0);
    assert_eq!(dups(&dir), 1, "only the unedited copy is that similar");
    assert_eq!(
        dir.value("SELECT value FROM near_dup_settings WHERE name = 'threshold'"),
        "0.99"
    );
    assert_eq!(dir.ingest(&[]).0, 0);
    assert_eq!(dups(&dir), 1, "the stored threshold stays");
    let (code, summary) = dir.ingest(&["--near-threshold", "0.8"]);
    assert_eq!((code, n(&summary, "unchanged")), (0, 12));
    assert_eq!(
        dups(&dir),
        2,
        "the new threshold applies to stored documents"
    );

    let out = dir.run(&[
        "ingest",
        "articles",
        "--db",
        "news.db",
        "--near-threshold",
        "0.3",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0.6"));
}

#[test]
fn removing_the_original_regroups_its_copies() {
    let dir = Dir::new();
    let stories = write_originals(&dir);
    dir.write(
        "articles/b/1.txt",
        &stories[4].syndicated("Metro Wire", true),
    );
    dir.write(
        "articles/b/2.txt",
        &stories[4].syndicated("Civic Herald", false),
    );
    assert_eq!(dir.ingest(&[]).0, 0);
    let original = doc(&dir, "a/04.txt");
    assert_eq!(duplicate_of(&dir, "b/2.txt"), original);
    std::fs::remove_file(dir.articles().join("a/04.txt")).unwrap();
    let (code, summary) = dir.ingest(&["--prune"]);
    assert_eq!((code, n(&summary, "pruned_documents")), (0, 1));
    assert_eq!(duplicate_of(&dir, "b/1.txt"), "NULL");
    assert_eq!(duplicate_of(&dir, "b/2.txt"), doc(&dir, "b/1.txt"));
    assert_eq!(
        dir.count(&format!(
            "SELECT (SELECT count(*) FROM near_dup_bands WHERE document_id = {original}) \
             + (SELECT count(*) FROM near_dup_bands_recent WHERE document_id = {original})"
        )),
        0
    );
    assert_eq!(
        dir.count(&format!(
            "SELECT count(*) FROM near_dup_signatures WHERE document_id = {original}"
        )),
        0
    );
}

#[test]
fn templated_articles_keep_pairs_per_document_bounded() {
    // Generated articles share their sentence templates: hundreds look alike. Each document
    // keeps at most 16 pairs, so the run stays linear.
    let dir = Dir::new();
    for i in 0..400 {
        dir.write(&format!("articles/{i:04}.txt"), &generated_article(i));
    }
    assert_eq!(dir.ingest(&[]).0, 0);
    let most: i64 = dir.count(
        "SELECT coalesce(max(n), 0) FROM (SELECT document_id, count(*) AS n FROM near_dup_pairs GROUP BY document_id)",
    );
    assert!(most <= 16, "{most} pairs for one document");
    assert!(dir.count("SELECT count(*) FROM near_dup_pairs") <= 16 * 400);
}

#[test]
fn example_query_tells_syndicated_quotes_from_independent_ones() {
    let dir = Dir::new();
    let stories = write_originals(&dir);
    dir.write(
        "articles/b/copy.txt",
        &stories[1].syndicated("Metro Wire", false),
    );
    assert_eq!(dir.ingest(&[]).0, 0);
    let (s1, copy, s2) = (
        doc(&dir, "a/01.txt"),
        doc(&dir, "b/copy.txt"),
        doc(&dir, "a/02.txt"),
    );
    assert_eq!(duplicate_of(&dir, "b/copy.txt"), s1);
    // Quote clusters as the quotes extractor would make them: cluster 1 only in the story and
    // its copy, cluster 2 in two different stories, cluster 3 in the story, its copy and
    // another story; cluster 4 in one document only.
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    for (doc, cluster, quote) in [
        (&s1, 1, "We will not raise taxes"),
        (&copy, 1, "We will not raise taxes"),
        (&s1, 2, "The bridge opens in May"),
        (&s2, 2, "The bridge opens in May"),
        (&s1, 3, "Talks went well"),
        (&copy, 3, "Talks went well"),
        (&s2, 3, "Talks went well"),
        (&s2, 4, "No comment"),
    ] {
        conn.execute(
            "INSERT INTO quotes (document_id, kind, quote, speaker, char_start, char_end, cluster_id) \
             VALUES (?1, 'direct', ?2, 'The minister', 0, 1, ?3)",
            rusqlite::params![doc.parse::<i64>().unwrap(), quote, cluster],
        )
        .unwrap();
    }
    drop(conn);
    let sql = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sql/quotes_syndicated_vs_independent.sql");
    let out = Command::new("sqlite3")
        .args(["-separator", "|"])
        .arg(dir.db())
        .stdin(std::fs::File::open(sql).unwrap())
        .output()
        .expect("sqlite3 shell");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        rows,
        [
            "3|The minister|Talks went well|3|2|independent",
            "2|The minister|The bridge opens in May|2|2|independent",
            "1|The minister|We will not raise taxes|2|1|syndicated",
        ]
    );
}
