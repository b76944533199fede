//! Entities across the whole database: one canonical entity per real-world thing, with every
//! surface form in `aliases`, and people who merely share a surname kept apart.

use crate::util::Dir;

#[test]
fn seeds_have_one_vladimir_putin_with_his_short_name_as_alias() {
    let dir = Dir::with_seed_corpus();
    let (code, _) = dir.ingest(&[]);
    assert_eq!(code, 0);
    assert_eq!(
        dir.count(
            "SELECT count(*) FROM entities WHERE name = 'Vladimir Putin' AND kind = 'person'"
        ),
        1
    );
    assert_eq!(
        dir.count("SELECT count(*) FROM entities WHERE name = 'Putin'"),
        0,
        "the full name is known, so no entity is called Putin"
    );
    let aliases = dir.rows(
        "SELECT a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id \
         WHERE e.name = 'Vladimir Putin' ORDER BY a.alias",
    );
    let aliases: Vec<&str> = aliases.iter().map(|r| r[0].as_str()).collect();
    assert!(aliases.contains(&"Putin"), "aliases: {aliases:?}");
    assert!(aliases.contains(&"Vladimir Putin"), "aliases: {aliases:?}");
    let documents = dir.count(
        "SELECT count(DISTINCT document_id) FROM v_entities WHERE entity = 'Vladimir Putin'",
    );
    assert!(
        documents >= 4,
        "Putin is in most seed articles, found in {documents}"
    );
    // Every spelling of the United States is one place.
    assert_eq!(
        dir.count("SELECT count(*) FROM v_entities WHERE entity IN ('US', 'U.S.', 'USA')"),
        0
    );
    // Mentions' offsets cut their own words out of the body.
    assert_eq!(
        dir.count(
            "SELECT count(*) FROM v_mentions m JOIN v_documents d USING (document_id) \
             WHERE m.char_start IS NOT NULL \
             AND substr(d.body, m.char_start + 1, m.char_end - m.char_start) <> m.mention"
        ),
        0
    );
}

#[test]
fn surnames_merge_across_documents_only_when_unambiguous() {
    let dir = Dir::new();
    dir.write(
        "articles/a.txt",
        "Talks resume in Vienna\n\nForeign Minister Anna Lindqvist arrived in Vienna on \
         Monday.\n\nLindqvist said the Kremlin had not replied.\n",
    );
    dir.write(
        "articles/b.txt",
        "Minister speaks\n\nSpeaking in Stockholm, Lindqvist told reporters that the talks \
         would go on. Kremlin officials declined to comment.\n",
    );
    dir.write(
        "articles/c.txt",
        "Two Smiths\n\nJohn Smith, a farmer from Leeds, met the mayor on Tuesday.\n",
    );
    dir.write(
        "articles/d.txt",
        "Another Smith\n\nMary Smith opened a bakery in York on Friday.\n",
    );
    let (code, _) = dir.ingest(&[]);
    assert_eq!(code, 0);
    // A lone surname in another document joins the only full name with that surname.
    assert_eq!(
        dir.count("SELECT count(*) FROM entities WHERE kind = 'person' AND name LIKE '%Lindqvist'"),
        1
    );
    assert_eq!(
        dir.count(
            "SELECT count(DISTINCT document_id) FROM v_entities WHERE entity = 'Anna Lindqvist'"
        ),
        2
    );
    // Two people who share a surname stay two.
    assert_eq!(
        dir.count(
            "SELECT count(*) FROM entities WHERE kind = 'person' \
             AND name IN ('John Smith', 'Mary Smith')"
        ),
        2
    );
    // `the Kremlin` and `Kremlin` are one organization.
    assert_eq!(
        dir.count("SELECT count(*) FROM entities WHERE name LIKE '%Kremlin%'"),
        1
    );
}
