//! Quotes through the real CLI: offsets that cut the quoted words out of the body, speakers on
//! the seed corpus, and the same statement carried by several documents sharing a cluster.

use crate::util::Dir;

#[test]
fn seed_quotes_have_exact_offsets_and_speakers() {
    let dir = Dir::with_seed_corpus();
    let (code, summary) = dir.ingest(&[]);
    assert_eq!(code, 0, "{summary}");
    assert!(dir.count("SELECT count(*) FROM v_quotes WHERE kind = 'direct'") >= 10);
    assert!(dir.count("SELECT count(*) FROM v_quotes WHERE kind = 'indirect'") >= 10);
    assert_eq!(
        dir.count(
            "SELECT count(*) FROM v_quotes q JOIN v_documents d USING (document_id) \
             WHERE substr(d.body, q.char_start + 1, q.char_end - q.char_start) <> q.quote"
        ),
        0,
        "offsets cut exactly the quoted words"
    );
    assert_eq!(
        dir.count("SELECT count(*) FROM v_quotes WHERE kind = 'direct' AND cue IS NOT NULL AND speaker IS NULL"),
        0,
        "a quote with a cue names its speaker"
    );
    // "he said" and "the Russian leader reiterated" resolve to the name introduced earlier.
    assert!(
        dir.count(
            "SELECT count(*) FROM v_quotes WHERE speaker = 'Vladimir Putin' \
             AND speaker_mention IN ('he', 'He', 'the Russian leader')"
        ) >= 2
    );
    // Names in quotation marks are not speech.
    assert_eq!(
        dir.count(
            "SELECT count(*) FROM v_quotes WHERE quote = 'Islamic State' AND kind <> 'scare'"
        ),
        0
    );
}

#[test]
fn the_same_statement_in_several_documents_shares_a_cluster() {
    let dir = Dir::new();
    let statement = "We will rebuild every school and every hospital that was destroyed, and we will do it before winter comes";
    dir.write(
        "articles/a.txt",
        &format!("Mayor promises rebuilding\n\n“{statement},” Mayor Ana Reyes told reporters on Monday.\n"),
    );
    dir.write(
        "articles/b.txt",
        &format!(
            "Reyes: schools first\n\nThe mayor spoke in the square. \"{},\" said Ana Reyes.\n",
            statement
                .replace(", and", " and")
                .to_uppercase()
                .to_lowercase()
        ),
    );
    dir.write(
        "articles/c.txt",
        "An abridged report\n\nReyes said: “We will rebuild every school and every hospital that was destroyed.”\n",
    );
    dir.write(
        "articles/d.txt",
        "Weather\n\n“The rain will stop by the weekend and the rivers will fall again,” the forecaster said.\n",
    );
    let (code, summary) = dir.ingest(&[]);
    assert_eq!(code, 0, "{summary}");
    let documents = dir.count(
        "SELECT max(documents) FROM v_quote_clusters WHERE quote LIKE '%rebuild every school%'",
    );
    assert_eq!(
        documents,
        3,
        "{:?}",
        dir.rows("SELECT * FROM v_quote_clusters")
    );
    assert_eq!(
        dir.count(
            "SELECT count(DISTINCT cluster_id) FROM v_quotes WHERE quote LIKE '%rain will stop%' \
             OR quote LIKE '%rebuild every school%'"
        ),
        2,
        "another statement is another cluster"
    );
    // A no-op re-run keeps the clusters as they were.
    let before = dir.rows("SELECT quote, cluster_id FROM v_quotes ORDER BY quote");
    let (code, _) = dir.ingest(&[]);
    assert_eq!(code, 0);
    assert_eq!(
        dir.rows("SELECT quote, cluster_id FROM v_quotes ORDER BY quote"),
        before
    );
}
