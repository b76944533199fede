//! Numbers through the real CLI: `v_numbers` on the bundled corpus and on a written article,
//! with the sentence each number came from, its exact offsets, and relative dates resolved
//! against the article date when the text states one.

use crate::util::Dir;

#[test]
fn numbers_of_the_seed_corpus_cut_exactly_and_keep_their_sentence() {
    let dir = Dir::with_seed_corpus();
    let (code, _) = dir.ingest(&[]);
    assert_eq!(code, 0);
    assert!(dir.count("SELECT count(*) FROM v_numbers") >= 10);
    // The offsets cut the number's text, and the sentence holds it.
    let bad = dir.rows(
        "SELECT n.text, n.char_start, n.sentence_start, n.sentence_end FROM v_numbers n \
         JOIN v_documents d USING (document_id) \
         WHERE substr(d.body, n.char_start + 1, n.char_end - n.char_start) <> n.text \
            OR n.sentence_start > n.char_start OR n.sentence_end < n.char_end \
            OR instr(n.sentence, n.text) = 0",
    );
    assert!(
        bad.is_empty(),
        "numbers whose offsets or sentence are off: {bad:?}"
    );
    let row = dir.rows(
        "SELECT value, unit, kind, sentence FROM v_numbers WHERE text = '23 dangerous incidents'",
    );
    assert_eq!(row.len(), 1);
    assert_eq!(row[0][..3], ["23", "incidents", "cardinal"]);
    assert!(
        row[0][3].starts_with("Since the beginning of 2023"),
        "{}",
        row[0][3]
    );
    assert_eq!(
        dir.value("SELECT unit FROM v_numbers WHERE text LIKE '25,000%'"),
        "troops"
    );
    // Not numbers: the channel in `Rossiya 1`, the `3D` in `3D-printed`.
    assert_eq!(
        dir.count("SELECT count(*) FROM v_numbers WHERE text IN ('1', '3', '3D')"),
        0
    );
}

#[test]
fn dates_resolve_against_a_stated_publication_date_or_stay_as_written() {
    let dir = Dir::new();
    dir.write(
        "articles/a.txt",
        "Talks resume\n\nThe ministers met on Saturday, five years after the treaty of \
         4 April 1949 was last revised. About 200 delegates attended.\n",
    );
    let (code, _) = dir.ingest(&[]);
    assert_eq!(code, 0);
    let rows =
        dir.rows("SELECT text, kind, normalized, qualifier FROM v_numbers ORDER BY char_start");
    let published = dir.value("SELECT ifnull(published, '') FROM v_documents");
    let saturday = &rows[0];
    assert_eq!(saturday[..2], ["Saturday", "date"]);
    // Without a publication date a weekday keeps no date of its own.
    if published.is_empty() {
        assert_eq!(saturday[2], "NULL");
    } else {
        assert_eq!(saturday[2].len(), 10, "{saturday:?}");
    }
    assert!(rows.contains(&vec![
        "4 April 1949".to_string(),
        "date".into(),
        "1949-04-04".into(),
        "NULL".into()
    ]));
    assert!(rows.contains(&vec![
        "200 delegates".to_string(),
        "cardinal".into(),
        "NULL".into(),
        "about".into()
    ]));
}
