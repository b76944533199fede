//! Quote clusters: the same statement in several documents gets one `quotes.cluster_id`.
//!
//! Outlets reprint a statement whole, abridge it, or change its punctuation. A quote is reduced
//! to keys (see [`keys`]): hashes of four-word shingles of its lower-cased words, winnowed so
//! that any run of seven words two quotes share gives them a key in common. When a quote is
//! written, its keys are looked up in `quote_keys`; the cluster that holds most of them (at
//! least half of the shorter quote's) is its cluster, else it opens a new one. Its keys are then
//! added to the cluster, so a cluster grows by its members' wordings. Everything lives in the
//! database: memory stays flat however many documents are ingested, and a later run (or a
//! re-derived document) finds the clusters of earlier ones. Extraction does not know about
//! clusters; the workers compute each quote's [`keys`] and the writer calls `cluster_for` for
//! each quote it stores.

use std::collections::HashMap;

use rusqlite::{Connection, params};

/// Shingle length in words.
const SHINGLE: usize = 4;
/// Winnowing window: the smallest shingle hash of every `WINDOW` consecutive shingles is a
/// key, so two quotes that share a run of `WINDOW + SHINGLE - 1` words share a key.
const WINDOW: usize = 4;
/// At most this many keys a quote (evenly spread over a longer quote).
const MAX_KEYS: usize = 12;
/// Quotes shorter than this many words are keyed by all their words at once.
const WHOLE_BELOW: usize = 8;
/// Quotes shorter than this are too common to link documents ("No comment").
const MIN_WORDS: usize = 4;

/// FNV-1a: a hash that stays the same across runs, builds and platforms, which the stored
/// keys need (std's hasher promises none of that).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The lower-case words of a quote; apostrophes inside words are dropped so that `don’t` and
/// `don't` are one word.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if matches!(c, '’' | '\'' | '‘') && !cur.is_empty() {
            continue;
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The keys of a quote, sorted; empty when it is too short to cluster.
pub fn keys(text: &str) -> Vec<i64> {
    let words = words(text);
    if words.len() < MIN_WORDS {
        return Vec::new();
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    if words.len() < WHOLE_BELOW {
        return vec![fnv1a(&refs) as i64];
    }
    let hashes: Vec<u64> = refs.windows(SHINGLE).map(fnv1a).collect();
    // Winnowing (Schleimer, Wilkerson & Aiken 2003): the minimum of each window, once.
    let mut picked: Vec<usize> = Vec::new();
    for start in 0..=hashes.len().saturating_sub(WINDOW) {
        let end = (start + WINDOW).min(hashes.len());
        let mut best = start;
        for i in start..end {
            if hashes[i] <= hashes[best] {
                best = i;
            }
        }
        if picked.last() != Some(&best) {
            picked.push(best);
        }
    }
    if picked.len() > MAX_KEYS {
        let step = picked.len() as f64 / MAX_KEYS as f64;
        picked = (0..MAX_KEYS)
            .map(|i| picked[(i as f64 * step) as usize])
            .collect();
    }
    let mut keys: Vec<u64> = picked.into_iter().map(|i| hashes[i]).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter().map(|h| h as i64).collect()
}

/// The cluster of a quote being written, given its [`keys`], creating one when no stored
/// cluster matches. `None` for quotes too short to cluster.
pub(crate) fn cluster_for(
    tx: &Connection,
    keys: &[i64],
    run: i64,
) -> rusqlite::Result<Option<i64>> {
    if keys.is_empty() {
        return Ok(None);
    }
    // One statement finds every cluster holding any of the keys, with its size: the writer
    // runs this for every quote, so it must not cost a statement per key.
    let mut padded = [keys[0]; MAX_KEYS];
    padded[..keys.len()].copy_from_slice(keys);
    let mut found: Vec<(i64, i64, i64)> = Vec::new(); // (key, cluster, n_keys)
    {
        let mut find = tx.prepare_cached(
            "SELECT k.key, k.cluster_id, c.n_keys FROM quote_keys k JOIN quote_clusters c ON c.id = k.cluster_id \
             WHERE k.key IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let rows = find.query_map(rusqlite::params_from_iter(padded.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        for row in rows {
            found.push(row?);
        }
    }
    let mut hits: HashMap<i64, (usize, i64)> = HashMap::new();
    for &(_, cluster, n_keys) in &found {
        hits.entry(cluster).or_insert((0, n_keys)).0 += 1;
    }
    let best = hits.into_iter().max_by_key(|&(id, (n, _))| (n, -id));
    let mut chosen = None;
    if let Some((id, (n, stored))) = best {
        let shorter = keys.len().min(stored.max(1) as usize);
        if n >= keys.len().min(2) && n * 2 >= shorter {
            if keys.len() as i64 > stored {
                tx.prepare_cached("UPDATE quote_clusters SET n_keys = ?2 WHERE id = ?1")?
                    .execute(params![id, keys.len() as i64])?;
            }
            chosen = Some(id);
        }
    }
    let id = match chosen {
        Some(id) => id,
        None => {
            tx.prepare_cached("INSERT INTO quote_clusters (n_keys, created_run) VALUES (?1, ?2)")?
                .execute(params![keys.len() as i64, run])?;
            tx.last_insert_rowid()
        }
    };
    // Only the keys the cluster does not hold yet: a reprinted quote adds nothing.
    let mut add =
        tx.prepare_cached("INSERT OR IGNORE INTO quote_keys (key, cluster_id) VALUES (?1, ?2)")?;
    for key in keys {
        if !found.iter().any(|&(k, c, _)| k == *key && c == id) {
            add.execute(params![key, id])?;
        }
    }
    Ok(Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;

    #[test]
    fn keys_ignore_case_and_punctuation_and_survive_abridging() {
        let full = "We are always ready to respond to any situation, but no one wants this to happen. \
                    At the initiative of the United States we established a special mechanism.";
        let other = "we are always ready to respond to any situation -- but no one wants this to happen; \
                     at the initiative of the united states, we established a special mechanism";
        assert_eq!(keys(full), keys(other));
        let fragment =
            "no one wants this to happen. At the initiative of the United States we established";
        let shared = keys(fragment)
            .iter()
            .filter(|k| keys(full).contains(k))
            .count();
        assert!(
            shared >= 1,
            "a fragment shares sampled shingles with the whole"
        );
        assert!(keys("No comment.").is_empty());
        assert_eq!(
            keys("Don’t do it now, please"),
            keys("don't do it now please")
        );
    }

    #[test]
    fn same_statement_same_cluster_other_statement_new_cluster() -> crate::db::Result<()> {
        let mut db = Database::open_in_memory()?;
        let tx = db.conn.transaction()?;
        let a = "We are always ready to respond to any situation, but no one wants this to happen at all.";
        let b = "“We are always ready to respond to any situation but no one wants this to happen at all”";
        let c =
            "The weather in the capital was unusually warm for the time of year, officials noted.";
        let ca = cluster_for(&tx, &keys(a), 1)?;
        let cb = cluster_for(&tx, &keys(b), 1)?;
        let cc = cluster_for(&tx, &keys(c), 1)?;
        assert!(ca.is_some());
        assert_eq!(ca, cb);
        assert_ne!(ca, cc);
        assert_eq!(cluster_for(&tx, &keys("Yes."), 1)?, None);
        Ok(())
    }
}
