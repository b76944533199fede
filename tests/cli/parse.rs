//! Parse through the real CLI: line verdicts, sentences and credits in their views, metadata on
//! the seed corpus, HTML input, and the recurring-line rule across incremental runs.

use crate::util::{Dir, n};

#[test]
fn seed_corpus_lines_sentences_and_metadata() {
    let dir = Dir::with_seed_corpus();
    let (code, _) = dir.ingest(&[]);
    assert_eq!(code, 0);
    // Every source line is accounted for, kept or dropped with a reason.
    assert_eq!(
        dir.count("SELECT count(*) FROM v_lines WHERE kept = 0 AND reason IS NULL"),
        0
    );
    assert!(dir.count("SELECT count(*) FROM v_lines WHERE reason = 'title'") >= 4);
    // The file that starts mid-sentence has no title, and its credit line became data.
    let untitled = dir.value(
        "SELECT d.document_id FROM v_documents d JOIN v_files f USING (document_id) \
         WHERE f.path LIKE '004_%'",
    );
    assert_eq!(
        dir.value(&format!(
            "SELECT title IS NULL FROM v_documents WHERE document_id = {untitled}"
        )),
        "1"
    );
    assert_eq!(
        dir.value(&format!(
            "SELECT group_concat(credit) FROM v_credits WHERE document_id = {untitled}"
        )),
        "Reuters"
    );
    // Sentences cut exactly their text out of the body.
    assert_eq!(
        dir.count(
            "SELECT count(*) FROM v_sentences s JOIN v_documents d USING (document_id) \
             WHERE substr(d.body, s.char_start + 1, s.char_end - s.char_start) <> s.text \
             OR s.text = ''"
        ),
        0
    );
    assert!(dir.count("SELECT count(*) FROM v_sentences") > 50);
    // 'St. Petersburg' does not end a sentence.
    assert_eq!(
        dir.count("SELECT count(*) FROM v_sentences WHERE text GLOB '*St.'"),
        0
    );
}

#[test]
fn html_input_takes_the_text_path() {
    let dir = Dir::new();
    dir.write(
        "articles/page.html",
        r#"<html><head><title>Bridge to reopen in June | River Courier</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge to reopen in June</h1>
<p>The old river bridge will reopen to traffic in June after two years of repairs, the county council said on Monday.</p>
<p>Engineers replaced the deck and strengthened the piers, and the work came in under budget, according to the council.</p>
<p>Buses will return to their old routes across the river from the first week of July, the operator confirmed.</p>
</article><footer>Copyright 2024 River Courier</footer></body></html>"#,
    );
    let (code, summary) = dir.ingest(&[]);
    assert_eq!(code, 0);
    assert_eq!(n(&summary, "new"), 1);
    let row = dir.rows("SELECT title, body FROM v_documents");
    assert_eq!(row[0][0], "Bridge to reopen in June");
    assert!(row[0][1].contains("Engineers replaced the deck"));
    assert!(!row[0][1].contains("Copyright"));
}

fn article(i: usize, shared_line: &str) -> String {
    format!(
        "Story number {i} about the harbour\n\n\
         The harbour authority said on day {i} that ships would be able to dock again after the repairs.\n\n\
         {shared_line}\n\n\
         Officials added on day {i} that the new cranes would be working before the end of the month.\n"
    )
}

#[test]
fn recurring_lines_do_not_depend_on_file_order() {
    let line = "Harbour Weekend Picks";
    let all = Dir::new();
    for i in 0..6 {
        all.write(&format!("articles/{i}.txt"), &article(i, line));
    }
    all.ingest(&[]);
    let in_steps = Dir::new();
    for i in 0..3 {
        in_steps.write(&format!("articles/{i}.txt"), &article(i, line));
    }
    in_steps.ingest(&[]);
    // Three documents are too few for the line to count as recurring: it stays.
    assert_eq!(
        in_steps.count(
            "SELECT count(*) FROM v_lines WHERE text = 'Harbour Weekend Picks' AND kept = 1"
        ),
        3
    );
    for i in 3..6 {
        in_steps.write(&format!("articles/{i}.txt"), &article(i, line));
    }
    let (_, summary) = in_steps.ingest(&[]);
    // All six: the three stored earlier and the three just read before the line was known to recur.
    assert_eq!(n(&summary, "recurring_rederived"), 6);
    let snapshot = "SELECT f.path, l.line_no, l.kept, l.reason FROM v_lines l \
                    JOIN v_files f USING (document_id) ORDER BY f.path, l.line_no";
    assert_eq!(all.rows(snapshot), in_steps.rows(snapshot));
    assert_eq!(
        all.count("SELECT count(*) FROM v_lines WHERE text = 'Harbour Weekend Picks' AND reason = 'recurring'"),
        6
    );
    let bodies = "SELECT f.path, d.body FROM v_documents d JOIN v_files f USING (document_id) ORDER BY f.path";
    assert_eq!(all.rows(bodies), in_steps.rows(bodies));
    // A run that changes nothing re-derives nothing.
    let (_, again) = in_steps.ingest(&[]);
    assert_eq!(n(&again, "recurring_rederived"), 0);
}
