//! What the corpus as a whole knows that one document cannot: read-only knowledge loaded from
//! the database at the start of a run and handed to the pure stages.
//!
//! Today that is one fact: which short lines recur verbatim in many documents (menus, widget
//! labels, a site's standing headings). Stages never query the database themselves; the driver
//! loads this once, shares it, and after the run re-derives the documents whose verdicts a newly
//! recurring line changes (see `pipeline`), so the result does not depend on the order in which
//! files were read.

use std::collections::HashSet;

/// A line is recurring boilerplate once it appears in at least this many distinct documents.
/// Low enough to catch a site's menu after a handful of its pages, high enough that a phrase
/// two articles happen to share is not taken for furniture.
pub const RECURRING_MIN_DOCUMENTS: i64 = 5;

/// Corpus-wide facts the parse stage consults.
#[derive(Debug, Default, Clone)]
pub struct CorpusKnowledge {
    /// Fingerprints (see [`fingerprint`]) of lines that recur across the corpus.
    pub recurring: HashSet<u64>,
}

impl CorpusKnowledge {
    pub fn is_recurring(&self, fp: u64) -> bool {
        self.recurring.contains(&fp)
    }
}

/// A stable 64-bit fingerprint of a line: FNV-1a over its letters and digits, lower-cased, so
/// that spacing, punctuation and quote styles (`'` versus `’`) do not matter. Stable across
/// versions and platforms because it is stored in the database.
pub fn fingerprint(text: &str) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut any = false;
    for c in text.chars() {
        if c.is_ascii() {
            // The common case, without the Unicode case tables.
            if c.is_ascii_alphanumeric() {
                any = true;
                h ^= u64::from(c.to_ascii_lowercase() as u8);
                h = h.wrapping_mul(PRIME);
            }
            continue;
        }
        if !c.is_alphanumeric() {
            continue;
        }
        any = true;
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for b in l.encode_utf8(&mut buf).bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(PRIME);
            }
        }
    }
    if any { h } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_spacing_case_and_quotes() {
        assert_eq!(
            fingerprint("Russia's  president"),
            fingerprint("russia’s president")
        );
        assert_ne!(fingerprint("Home"), fingerprint("News"));
        assert_eq!(fingerprint("  ... "), 0);
    }
}
