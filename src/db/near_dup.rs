//! Near-duplicate documents in the database: storing signatures and their LSH band keys,
//! finding the stored documents a new one resembles, and deriving `documents.duplicate_of`.
//!
//! The writer calls `record` for every document it stores, inside its batch transaction:
//! the document's 16 band keys are looked up in the band index (one indexed query), the
//! signatures of the documents found are read one by one by primary key and compared, and
//! pairs at or above [`MIN_THRESHOLD`] go to `near_dup_pairs`. Keys that no stored document
//! has are not looked up: a fixed-size bit filter ([`BandFilter`]) tells them apart. Nothing
//! else about the corpus is kept in memory, so a run's memory does not grow with the database
//! and an incremental run compares new documents with all earlier ones without reading them
//! again. The band index
//! has two levels: new rows go to a small table that stays in the page cache, and
//! `end_batch` moves them to the main table in key order once there are enough, because
//! random keys inserted one by one into a large index cost a page read and write each.
//!
//! Clusters are not maintained pair by pair. After the batches, [`Database::assign_near_duplicates`]
//! reads the pairs at or above the threshold (a few per duplicated document, none for the rest),
//! joins them into connected components and sets `duplicate_of` to each component's earliest
//! (lowest id) document wherever that differs from what is stored. Deleting, replacing or
//! re-deriving a document therefore never leaves a stale cluster behind, and a new threshold
//! applies to the whole database at once. Computing signatures is `crate::near_dup`'s job.

use std::collections::HashMap;
use std::sync::LazyLock;

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::{Database, Result};
use crate::near_dup::{BANDS, Signature};

/// Threshold used until `ingest --near-threshold` sets another.
pub const DEFAULT_THRESHOLD: f64 = 0.8;
/// The lowest threshold allowed, and the similarity from which pairs are stored. Below it
/// the LSH bands miss too many pairs (see `crate::near_dup::BANDS`), and such pairs are
/// stories on one subject rather than copies of one story.
pub const MIN_THRESHOLD: f64 = 0.6;

/// Band rows read per document at most. Ordinary documents share a band with a handful of
/// others; a corpus of templated texts (weather reports, share prices) can put thousands in
/// one band, and this keeps each lookup, and so the whole run, from growing with them.
const MAX_BAND_ROWS: usize = 4096;
/// Candidates compared per document at most, those sharing the most bands first.
const MAX_CANDIDATES: usize = 64;
/// Pairs stored per document at most, the most similar first: enough to join any cluster.
const MAX_PAIRS: usize = 16;

/// Band rows collected in `near_dup_bands_recent` before they move to `near_dup_bands` (see
/// migration V5): about 800 KB of index, well inside the writer's page cache.
const RECENT_BAND_ROWS: i64 = 65_536;

static CANDIDATES_SQL: LazyLock<String> = LazyLock::new(|| {
    let placeholders: Vec<String> = (1..=BANDS).map(|i| format!("?{i}")).collect();
    let keys = placeholders.join(", ");
    format!(
        "SELECT document_id FROM near_dup_bands WHERE band_key IN ({keys}) \
         UNION ALL SELECT document_id FROM near_dup_bands_recent WHERE band_key IN ({keys})"
    )
});

/// Moves the recent band rows into the main band index once there are enough of them, in key
/// order, so that each page of the main index is written once per move rather than once per
/// row. Called by the writer at the end of each batch.
pub(crate) fn end_batch(conn: &Connection) -> Result<()> {
    move_recent_bands(conn, RECENT_BAND_ROWS)
}

fn move_recent_bands(conn: &Connection, at_least: i64) -> Result<()> {
    let recent: i64 = conn
        .prepare_cached("SELECT count(*) FROM near_dup_bands_recent")?
        .query_row([], |r| r.get(0))?;
    if recent >= at_least {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO near_dup_bands (band_key, document_id) \
             SELECT band_key, document_id FROM near_dup_bands_recent ORDER BY band_key, document_id",
        )?
        .execute([])?;
        conn.prepare_cached("DELETE FROM near_dup_bands_recent")?
            .execute([])?;
    }
    Ok(())
}

/// Removes what was stored for a document's signature, before it is signed again.
pub(crate) fn forget(conn: &Connection, document_id: i64) -> Result<()> {
    for sql in [
        "DELETE FROM near_dup_bands WHERE document_id = ?1",
        "DELETE FROM near_dup_bands_recent WHERE document_id = ?1",
        "DELETE FROM near_dup_pairs WHERE document_id = ?1",
        "DELETE FROM near_dup_pairs WHERE similar_id = ?1",
        "DELETE FROM near_dup_signatures WHERE document_id = ?1",
    ] {
        conn.prepare_cached(sql)?.execute([document_id])?;
    }
    Ok(())
}

/// Bits of the band keys stored, so that a key no document has is not looked up: most keys of
/// most documents are in no other document, and the look-up of the 16 keys in two indexes
/// took 1.1 s of the writer's 11 s on 20,000 articles. A fixed 2 MB whatever the corpus: at
/// 100,000 documents (1.6 million keys) about one absent key in ten passes and is looked up
/// for nothing. A key removed from the index keeps its bit, which costs only a look-up.
/// Read from the tables when first needed, so a run that stores no new document never does.
#[derive(Default)]
pub(crate) struct BandFilter {
    bits: Option<Box<[u64]>>,
}

const FILTER_BITS: usize = 1 << 24;

impl BandFilter {
    fn slot(key: i64) -> (usize, u64) {
        let bit = key as u64 as usize & (FILTER_BITS - 1);
        (bit / 64, 1 << (bit % 64))
    }

    fn loaded(&mut self, conn: &Connection) -> Result<&mut [u64]> {
        if self.bits.is_none() {
            let mut bits = vec![0u64; FILTER_BITS / 64].into_boxed_slice();
            let mut stmt = conn.prepare(
                "SELECT band_key FROM near_dup_bands UNION ALL \
                 SELECT band_key FROM near_dup_bands_recent",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let (word, bit) = Self::slot(row.get(0)?);
                bits[word] |= bit;
            }
            self.bits = Some(bits);
        }
        Ok(self.bits.as_deref_mut().expect("just loaded"))
    }
}

/// Compares a document with every stored one through the band index, stores the pairs found
/// similar, then stores its signature and bands. A document without a signature (no words)
/// is nobody's near-duplicate.
pub(crate) fn record(
    conn: &Connection,
    filter: &mut BandFilter,
    document_id: i64,
    signature: Option<&Signature>,
) -> Result<()> {
    let Some(signature) = signature else {
        return Ok(());
    };
    let keys = signature.band_keys();
    let bits = filter.loaded(conn)?;
    let mut stored_keys = [0i64; BANDS];
    let mut n_stored = 0;
    for &key in &keys {
        let (word, bit) = BandFilter::slot(key);
        if bits[word] & bit != 0 {
            stored_keys[n_stored] = key;
            n_stored += 1;
        }
    }

    // Candidates: every document sharing a band, counted by how many bands it shares.
    let mut shared: HashMap<i64, u32> = HashMap::new();
    if n_stored > 0 {
        // The statement takes exactly BANDS keys; repeating one changes nothing it finds.
        for i in n_stored..BANDS {
            stored_keys[i] = stored_keys[0];
        }
        let mut stmt = conn.prepare_cached(&CANDIDATES_SQL)?;
        let mut rows = stmt.query(params_from_iter(stored_keys.iter()))?;
        let mut read = 0;
        while let Some(row) = rows.next()? {
            let other: i64 = row.get(0)?;
            if other != document_id {
                *shared.entry(other).or_default() += 1;
            }
            read += 1;
            if read >= MAX_BAND_ROWS {
                break;
            }
        }
    }
    let mut candidates: Vec<(i64, u32)> = shared.into_iter().collect();
    candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(MAX_CANDIDATES);

    let mut similar: Vec<(i64, f64)> = Vec::new();
    for (other, _) in candidates {
        let Some(other_signature) = stored_signature(conn, other)? else {
            continue;
        };
        let similarity = signature.similarity(&other_signature);
        if similarity >= MIN_THRESHOLD {
            similar.push((other, similarity));
        }
    }
    similar.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    similar.truncate(MAX_PAIRS);
    for (other, similarity) in similar {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO near_dup_pairs (document_id, similar_id, similarity) \
             VALUES (?1, ?2, ?3)",
        )?
        .execute(params![
            document_id.max(other),
            document_id.min(other),
            similarity
        ])?;
    }

    conn.prepare_cached(
        "INSERT OR REPLACE INTO near_dup_signatures (document_id, signature) VALUES (?1, ?2)",
    )?
    .execute(params![document_id, signature.to_bytes()])?;
    let mut insert_band = conn.prepare_cached(
        "INSERT OR IGNORE INTO near_dup_bands_recent (band_key, document_id) VALUES (?1, ?2)",
    )?;
    for key in keys {
        insert_band.execute(params![key, document_id])?;
        let (word, bit) = BandFilter::slot(key);
        bits[word] |= bit;
    }
    Ok(())
}

fn stored_signature(conn: &Connection, document_id: i64) -> Result<Option<Signature>> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT signature FROM near_dup_signatures WHERE document_id = ?1")?
        .query_row([document_id], |r| r.get(0))
        .optional()?;
    Ok(bytes.as_deref().and_then(Signature::from_bytes))
}

/// What [`Database::assign_near_duplicates`] changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ClusterChanges {
    /// Documents whose `duplicate_of` or `duplicate_similarity` was set or changed.
    pub assigned: usize,
    /// Documents that are no longer anyone's near-duplicate.
    pub cleared: usize,
}

impl Database {
    /// The similarity from which two documents count as near-duplicates.
    pub fn near_dup_threshold(&self) -> Result<f64> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM near_dup_settings WHERE name = 'threshold'",
                [],
                |r| r.get::<_, f64>(0),
            )
            .optional()?
            .unwrap_or(DEFAULT_THRESHOLD))
    }

    /// Remembers a new threshold; it applies to the whole database from the next
    /// [`Database::assign_near_duplicates`] on.
    pub fn set_near_dup_threshold(&self, threshold: f64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO near_dup_settings (name, value) VALUES ('threshold', ?1) \
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [threshold],
        )?;
        Ok(())
    }

    /// Sets `duplicate_of` (and `duplicate_similarity`, the estimated similarity to it) of
    /// every document from the stored pairs at or above the threshold: the members of each
    /// connected component point at its lowest id. Writes only rows that change.
    pub fn assign_near_duplicates(&mut self) -> Result<ClusterChanges> {
        let threshold = self.near_dup_threshold()?;
        let tx = self.conn.transaction()?;
        let mut parent: HashMap<i64, i64> = HashMap::new();
        let mut direct: HashMap<(i64, i64), f64> = HashMap::new();
        {
            let mut stmt = tx.prepare(
                "SELECT document_id, similar_id, similarity FROM near_dup_pairs \
                 WHERE similarity >= ?1",
            )?;
            let mut rows = stmt.query([threshold])?;
            while let Some(row) = rows.next()? {
                let (later, earlier, similarity): (i64, i64, f64) =
                    (row.get(0)?, row.get(1)?, row.get(2)?);
                direct.insert((later, earlier), similarity);
                let (a, b) = (find(&mut parent, later), find(&mut parent, earlier));
                if a != b {
                    // The lower id stays the root, so a root is its component's minimum.
                    parent.insert(a.max(b), a.min(b));
                }
            }
        }
        let members: Vec<i64> = parent.keys().copied().collect();
        let mut wanted: HashMap<i64, (i64, f64)> = HashMap::new();
        for member in members {
            let root = find(&mut parent, member);
            if root == member {
                continue;
            }
            let similarity = match direct.get(&(member, root)) {
                Some(&s) => s,
                None => match (stored_signature(&tx, member)?, stored_signature(&tx, root)?) {
                    (Some(a), Some(b)) => a.similarity(&b),
                    _ => 0.0,
                },
            };
            wanted.insert(member, (root, similarity));
        }

        let mut changes = ClusterChanges::default();
        let mut current: HashMap<i64, (i64, Option<f64>)> = HashMap::new();
        {
            let mut stmt = tx.prepare(
                "SELECT id, duplicate_of, duplicate_similarity FROM documents \
                 WHERE duplicate_of IS NOT NULL",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
            for row in rows {
                let (id, state) = row?;
                current.insert(id, state);
            }
        }
        {
            let mut set = tx.prepare(
                "UPDATE documents SET duplicate_of = ?2, duplicate_similarity = ?3 WHERE id = ?1",
            )?;
            for (&id, _) in current.iter().filter(|(id, _)| !wanted.contains_key(id)) {
                set.execute(params![id, None::<i64>, None::<f64>])?;
                changes.cleared += 1;
            }
            for (&id, &(root, similarity)) in &wanted {
                let unchanged = current.get(&id).is_some_and(|&(r, s)| {
                    r == root && s.is_some_and(|s| (s - similarity).abs() < 1e-9)
                });
                if !unchanged {
                    set.execute(params![id, root, similarity])?;
                    changes.assigned += 1;
                }
            }
        }
        tx.commit()?;
        Ok(changes)
    }
}

/// Union-find lookup with path halving; an id not seen yet is its own root.
fn find(parent: &mut HashMap<i64, i64>, id: i64) -> i64 {
    let mut x = id;
    loop {
        let p = *parent.entry(x).or_insert(x);
        if p == x {
            return x;
        }
        let grandparent = *parent.entry(p).or_insert(p);
        parent.insert(x, grandparent);
        x = grandparent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words `range` of the endless text number `seed`: the same words for the same seed.
    fn text(seed: usize, range: std::ops::Range<usize>) -> String {
        range
            .map(|i| format!("w{}", (seed * 1000 + i) * 7919 % 1_000_003))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn words(seed: usize, n: usize) -> String {
        text(seed, 0..n)
    }

    /// Stores a document and its signature, with a band filter read afresh.
    fn insert_document(conn: &Connection, body: &str) -> i64 {
        insert_document_with(conn, &mut BandFilter::default(), body)
    }

    fn insert_document_with(conn: &Connection, filter: &mut BandFilter, body: &str) -> i64 {
        conn.execute(
            "INSERT INTO documents (sha256, raw_text, encoding, body, extractor_version) \
             VALUES (hex(randomblob(32)), ?1, 'UTF-8', ?1, 1)",
            [body],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        record(conn, filter, id, Signature::of_text(body).as_ref()).unwrap();
        id
    }

    fn duplicate_of(db: &Database) -> Vec<(i64, Option<i64>)> {
        let mut stmt = db
            .conn
            .prepare("SELECT id, duplicate_of FROM documents ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn copies_join_the_earliest_document_and_others_stay_apart() -> Result<()> {
        let mut db = Database::open_in_memory()?;
        let story = words(1, 300);
        let a = insert_document(&db.conn, &story);
        let b = insert_document(&db.conn, &words(2, 300));
        let c = insert_document(&db.conn, &format!("Home Politics {story} Share this"));
        let d = insert_document(&db.conn, &format!("{story} Copyright 2024 Herald"));
        let changes = db.assign_near_duplicates()?;
        assert_eq!(changes.assigned, 2);
        assert_eq!(
            duplicate_of(&db),
            [(a, None), (b, None), (c, Some(a)), (d, Some(a))]
        );
        let pairs: i64 = db
            .conn
            .query_row("SELECT count(*) FROM v_duplicates", [], |r| r.get(0))?;
        assert_eq!(pairs, 3, "a-c, a-d and c-d");
        assert_eq!(db.assign_near_duplicates()?, ClusterChanges::default());
        Ok(())
    }

    #[test]
    fn deleting_the_bridge_splits_the_cluster() -> Result<()> {
        let mut db = Database::open_in_memory()?;
        // b resembles a and c (J = 0.88 each); a and c resemble each other less (0.76).
        let a = insert_document(&db.conn, &words(1, 300));
        let b = insert_document(&db.conn, &format!("{} {}", words(1, 300), words(3, 40)));
        let c = insert_document(&db.conn, &format!("{} {}", text(1, 40..300), words(3, 40)));
        db.set_near_dup_threshold(0.8)?;
        db.assign_near_duplicates()?;
        assert_eq!(duplicate_of(&db), [(a, None), (b, Some(a)), (c, Some(a))]);
        db.conn
            .execute("DELETE FROM documents WHERE id = ?1", [a])?;
        let changes = db.assign_near_duplicates()?;
        assert_eq!(duplicate_of(&db), [(b, None), (c, Some(b))]);
        assert_eq!(changes.assigned, 1);
        let bands: i64 = db.conn.query_row(
            "SELECT (SELECT count(*) FROM near_dup_bands WHERE document_id = ?1) \
                  + (SELECT count(*) FROM near_dup_bands_recent WHERE document_id = ?1)",
            [a],
            |r| r.get(0),
        )?;
        assert_eq!(bands, 0, "the trigger removes a deleted document's bands");
        Ok(())
    }

    #[test]
    fn bands_found_in_either_table_and_moved_in_bulk() -> Result<()> {
        let mut db = Database::open_in_memory()?;
        let count = |db: &Database, table: &str| -> i64 {
            db.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        let a = insert_document(&db.conn, &words(1, 300));
        move_recent_bands(&db.conn, 1)?;
        assert_eq!(
            (
                count(&db, "near_dup_bands"),
                count(&db, "near_dup_bands_recent")
            ),
            (BANDS as i64, 0)
        );
        let b = insert_document(&db.conn, &words(1, 300));
        end_batch(&db.conn)?;
        assert_eq!(
            count(&db, "near_dup_bands_recent"),
            BANDS as i64,
            "too few to move"
        );
        let c = insert_document(&db.conn, &words(1, 300));
        db.assign_near_duplicates()?;
        assert_eq!(duplicate_of(&db), [(a, None), (b, Some(a)), (c, Some(a))]);
        assert_eq!(
            count(&db, "v_duplicates"),
            3,
            "c met a in the main table, b in recent"
        );
        forget(&db.conn, a)?;
        forget(&db.conn, b)?;
        assert_eq!(
            count(&db, "near_dup_bands") + count(&db, "near_dup_bands_recent"),
            BANDS as i64
        );
        Ok(())
    }

    #[test]
    fn one_band_filter_sees_bands_stored_before_and_after_it_was_read() -> Result<()> {
        let mut db = Database::open_in_memory()?;
        let story = words(1, 300);
        // Read from empty tables: b finds a only through the bits a's record added, and c
        // finds both after the move to the main table. d reads a filter of its own from the
        // tables. e shares nothing.
        let mut filter = BandFilter::default();
        let a = insert_document_with(&db.conn, &mut filter, &story);
        let b = insert_document_with(&db.conn, &mut filter, &format!("Home {story}"));
        move_recent_bands(&db.conn, 1)?;
        let c = insert_document_with(&db.conn, &mut filter, &format!("{story} Share"));
        let d = insert_document(&db.conn, &format!("Top {story}"));
        let e = insert_document_with(&db.conn, &mut filter, &words(2, 300));
        db.assign_near_duplicates()?;
        assert_eq!(
            duplicate_of(&db),
            [
                (a, None),
                (b, Some(a)),
                (c, Some(a)),
                (d, Some(a)),
                (e, None)
            ]
        );
        let pairs: i64 = db
            .conn
            .query_row("SELECT count(*) FROM v_duplicates", [], |r| r.get(0))?;
        assert_eq!(pairs, 6, "every two of a, b, c and d");
        // The filter holds the bands of the documents it saw and nothing else.
        let bits = filter.bits.as_deref().expect("read");
        let set: u32 = bits.iter().map(|w| w.count_ones()).sum();
        assert!(set as usize <= 4 * BANDS, "{set} bits for four documents");
        Ok(())
    }

    #[test]
    fn threshold_is_remembered_and_applies_to_stored_pairs() -> Result<()> {
        let mut db = Database::open_in_memory()?;
        assert_eq!(db.near_dup_threshold()?, DEFAULT_THRESHOLD);
        let a = insert_document(&db.conn, &words(1, 200));
        // About 0.7 of the shingles in common.
        let b = insert_document(&db.conn, &format!("{} {}", words(1, 170), words(5, 40)));
        db.assign_near_duplicates()?;
        assert_eq!(duplicate_of(&db), [(a, None), (b, None)]);
        db.set_near_dup_threshold(0.65)?;
        db.assign_near_duplicates()?;
        assert_eq!(duplicate_of(&db), [(a, None), (b, Some(a))]);
        assert_eq!(db.near_dup_threshold()?, 0.65);
        Ok(())
    }

    #[test]
    fn re_signing_replaces_the_old_pairs() -> Result<()> {
        let mut db = Database::open_in_memory()?;
        let a = insert_document(&db.conn, &words(1, 200));
        let b = insert_document(&db.conn, &words(1, 200));
        db.assign_near_duplicates()?;
        assert_eq!(duplicate_of(&db), [(a, None), (b, Some(a))]);
        forget(&db.conn, b)?;
        let mut filter = BandFilter::default();
        record(
            &db.conn,
            &mut filter,
            b,
            Signature::of_text(&words(9, 200)).as_ref(),
        )?;
        db.assign_near_duplicates()?;
        assert_eq!(duplicate_of(&db), [(a, None), (b, None)]);
        Ok(())
    }
}
