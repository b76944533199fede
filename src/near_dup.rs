//! Near-duplicate detection, the pure half: a MinHash signature of an article's body, the
//! similarity two signatures estimate, and the LSH band keys that find candidate pairs.
//!
//! A document is the set of its word shingles (runs of [`SHINGLE_WORDS`] consecutive words,
//! lower-cased, punctuation ignored). The Jaccard similarity of two such sets is what
//! "near-duplicate" means here: a syndicated copy with other page furniture and a changed
//! sentence shares most shingles with its original; two stories on the same subject share few.
//! A [`Signature`] estimates that similarity in 256 small numbers, and 16 bands of 4 of them
//! turn "similar" into "shares at least one band key", which the store looks up in an index
//! (`db::near_dup`). Storing, comparing and clustering are the store's business; this
//! module neither reads nor writes anything.
//!
//! Written by hand rather than taken from a crate, for two reasons. The signature is stored
//! in the database and compared with signatures computed by later builds, so its exact bits
//! must not change with a dependency update (a test pins them). And the crates that fit are
//! heavy or young: `probminhash`, which implements the variant used here (one permutation
//! hashing with optimal densification: Li, Owen & Zhang 2012; Shrivastava 2017), pulls in
//! some 140 crates for about sixty lines of arithmetic; `datasketch-minhash-lsh` (0.0.1, "use
//! at your own risk") offers classic MinHash, which evaluates one hash per shingle for each of
//! the 256 values where this module evaluates one per shingle, and an in-memory LSH index
//! where this program needs one in SQLite.

/// Number of values in a signature. The standard error of a similarity estimate is about
/// `sqrt(J (1 - J) / BINS)`: ±0.025 at J = 0.8, which keeps pairs just under the threshold
/// from flickering over it.
pub const BINS: usize = 256;
/// Values per LSH band.
pub const ROWS: usize = 4;
/// Number of LSH bands, taken from the first `BANDS * ROWS` values. A pair of similarity `J`
/// shares at least one band with probability `1 - (1 - J^ROWS)^BANDS`: 0.89 at 0.6, 0.99 at
/// 0.7, 0.9998 at 0.8, while a pair of unrelated articles (J < 0.1) almost never does. Each
/// band is one index row per document in the database, the main cost of storing a document
/// for near-duplicate search, so there are no more bands than the lowest useful threshold
/// (0.6) needs.
pub const BANDS: usize = 16;
/// Words per shingle. Three keeps a changed number or word from spoiling more than three
/// shingles, while common phrases ("said on Monday") stay rare enough not to make unrelated
/// articles look alike.
pub const SHINGLE_WORDS: usize = 3;
/// Paragraphs with fewer words than this do not count when the text has longer ones.
pub const MIN_PARAGRAPH_WORDS: usize = 10;
/// Size of a signature in bytes, as stored.
pub const SIGNATURE_BYTES: usize = BINS * 2;

/// A MinHash signature of a text's shingle set.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    bins: [u16; BINS],
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signature({:04x}…)", self.bins[0])
    }
}

/// The 64-bit finalizer of SplitMix64: turns structured input into well-mixed bits.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Pushes the hash of every word of `text` onto `out`. A word is a run of letters and digits,
/// compared lower-cased; everything else separates words.
fn push_word_hashes(text: &str, out: &mut Vec<u64>) {
    let bytes = text.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let letter = if b < 0x80 {
            i += 1;
            b.is_ascii_alphanumeric()
                .then(|| b.to_ascii_lowercase() as u32)
        } else {
            // Slow path for the rare non-ASCII character; `i` is always on a char boundary.
            let c = text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    hash = (hash ^ lower as u64).wrapping_mul(FNV_PRIME);
                }
                in_word = true;
                continue;
            }
            None
        };
        match letter {
            Some(l) => {
                hash = (hash ^ l as u64).wrapping_mul(FNV_PRIME);
                in_word = true;
            }
            None if in_word => {
                out.push(mix(hash));
                hash = FNV_OFFSET;
                in_word = false;
            }
            None => {}
        }
    }
    if in_word {
        out.push(mix(hash));
    }
}

/// The hash of one shingle from the hashes of its words; each word's position rotates it
/// differently, so "a b c" and "c b a" differ.
#[inline]
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h = words.len() as u64;
    for (k, w) in words.iter().enumerate() {
        h ^= w.rotate_left(21 * k as u32);
    }
    mix(h)
}

/// One permutation MinHash: the top bits of a shingle's hash choose its bin, and each bin
/// keeps the smallest low 32 bits it saw. One hash per shingle thus does the work of the
/// `BINS` hash functions of classic MinHash.
fn sketch(words: &[u64]) -> Option<Signature> {
    if words.is_empty() {
        return None;
    }
    let mut bins = [u32::MAX; BINS];
    let mut filled = [0u64; BINS / 64];
    let mut add = |hash: u64| {
        let bin = (hash >> (64 - BINS.trailing_zeros())) as usize;
        // Bins start at u32::MAX, so `min` is right for the first value too; `filled` tells
        // an empty bin from one whose minimum happens to be u32::MAX.
        bins[bin] = bins[bin].min(hash as u32);
        filled[bin / 64] |= 1 << (bin % 64);
    };
    if words.len() < SHINGLE_WORDS {
        // A text shorter than one shingle is the one shingle of its words.
        add(shingle_hash(words));
    } else {
        for window in words.windows(SHINGLE_WORDS) {
            add(shingle_hash(window));
        }
    }
    // Optimal densification: an empty bin borrows the value of the first filled bin on a
    // pseudo-random probe sequence that depends only on the bin's index, so two documents
    // with the same shingles fill their empty bins the same way and the chance that a bin
    // agrees stays the Jaccard similarity.
    let is_filled = |bin: usize| filled[bin / 64] & (1 << (bin % 64)) != 0;
    let mut values = [0u16; BINS];
    for (bin, value) in values.iter_mut().enumerate() {
        let source = if is_filled(bin) {
            bin
        } else {
            let mut attempt = 0u64;
            loop {
                attempt += 1;
                let probe = (mix(((bin as u64) << 32) | attempt) % BINS as u64) as usize;
                if is_filled(probe) {
                    break probe;
                }
                if attempt > 64 * BINS as u64 {
                    // Practically unreachable; keeps the loop finite whatever happens.
                    break (0..BINS).find(|&b| is_filled(b)).unwrap_or(0);
                }
            }
        };
        // The low 16 bits of a minimum are as uniform as its 32; two different minima agree
        // on them once in 65,536 bins, a bias too small to matter, for half the storage.
        *value = bins[source] as u16;
    }
    Some(Signature { bins: values })
}

impl Signature {
    /// The signature of an article body given as its paragraphs. Paragraphs of fewer than
    /// [`MIN_PARAGRAPH_WORDS`] words are left out when longer ones exist: they are mostly
    /// page furniture (captions, share buttons, related links) that differs between copies of
    /// one story and is alike across different stories. The kept paragraphs are read as one
    /// text, so a line of furniture between two paragraphs does not break their shingles.
    /// `None` when there is not a single word (letters or digits) in the text.
    pub fn of_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Option<Signature> {
        let mut words = Vec::new();
        let mut long_words = Vec::new();
        for paragraph in paragraphs {
            let start = words.len();
            push_word_hashes(paragraph, &mut words);
            if words.len() - start >= MIN_PARAGRAPH_WORDS {
                long_words.extend_from_slice(&words[start..]);
            }
        }
        if long_words.is_empty() {
            sketch(&words)
        } else {
            sketch(&long_words)
        }
    }

    /// The signature of one text taken as a single paragraph.
    pub fn of_text(text: &str) -> Option<Signature> {
        Signature::of_paragraphs([text])
    }

    /// The estimated Jaccard similarity of the two shingle sets, 0 to 1.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .bins
            .iter()
            .zip(&other.bins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / BINS as f64
    }

    /// One key per band: two signatures that agree on all the values of a band share its key.
    /// The band's number is part of the key, so keys of different bands (practically) never
    /// meet. Keys have 31 bits: SQLite stores them in 4 bytes instead of 8, which keeps the
    /// band index small, and a chance meeting of unrelated keys only adds a candidate that
    /// the signature comparison then rejects.
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut keys = [0i64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let mut h = mix(band as u64 ^ 0x6e65_6172_6475_7021);
            for &value in &self.bins[band * ROWS..(band + 1) * ROWS] {
                h = mix(h ^ value as u64);
            }
            *key = (h >> 33) as i64;
        }
        keys
    }

    /// The stored form: the values as little-endian 16-bit integers.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SIGNATURE_BYTES);
        for value in &self.bins {
            out.extend_from_slice(&value.to_le_bytes());
        }
        out
    }

    /// Reads the stored form; `None` when the bytes are not a signature.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != SIGNATURE_BYTES {
            return None;
        }
        let mut bins = [0u16; BINS];
        for (value, chunk) in bins.iter_mut().zip(bytes.chunks_exact(2)) {
            *value = u16::from_le_bytes(chunk.try_into().ok()?);
        }
        Some(Signature { bins })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exact Jaccard similarity of the word-shingle sets, for checking the estimate.
    fn jaccard(a: &str, b: &str) -> f64 {
        use std::collections::HashSet;
        let shingles = |t: &str| -> HashSet<Vec<String>> {
            let words: Vec<String> = t
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            words.windows(SHINGLE_WORDS).map(|w| w.to_vec()).collect()
        };
        let (a, b) = (shingles(a), shingles(b));
        a.intersection(&b).count() as f64 / a.union(&b).count() as f64
    }

    /// A text of `n` distinct words drawn from a deterministic sequence starting at `seed`.
    fn text(seed: usize, n: usize) -> String {
        (0..n)
            .map(|i| format!("w{}", (seed + i) * 7919 % 100_003))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn identical_texts_are_identical_whatever_the_case_and_punctuation() {
        let a = Signature::of_text("The Minister said: \"No new taxes\", on Monday.").unwrap();
        let b = Signature::of_text("the minister said no new taxes on monday").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.similarity(&b), 1.0);
        assert_eq!(a.band_keys(), b.band_keys());
    }

    #[test]
    fn paragraph_breaks_do_not_matter() {
        let one = Signature::of_paragraphs(["alpha beta gamma", "delta epsilon"]).unwrap();
        let two = Signature::of_text("alpha beta gamma delta epsilon").unwrap();
        assert_eq!(one, two);
    }

    #[test]
    fn estimate_tracks_the_exact_jaccard_similarity() {
        let base = text(1, 400);
        for keep in [100, 200, 300, 380] {
            let other = format!("{} {}", text(1, keep), text(50_000, 400 - keep));
            let exact = jaccard(&base, &other);
            let estimate = Signature::of_text(&base)
                .unwrap()
                .similarity(&Signature::of_text(&other).unwrap());
            assert!(
                (exact - estimate).abs() < 0.12,
                "kept {keep}: exact {exact:.3}, estimate {estimate:.3}"
            );
        }
    }

    #[test]
    fn unrelated_texts_share_no_band() {
        let a = Signature::of_text(&text(1, 300)).unwrap();
        let b = Signature::of_text(&text(70_000, 300)).unwrap();
        assert!(a.similarity(&b) < 0.1);
        let keys: std::collections::HashSet<i64> = a.band_keys().into_iter().collect();
        assert!(b.band_keys().iter().all(|k| !keys.contains(k)));
    }

    #[test]
    fn near_copies_share_a_band() {
        let original = text(3, 500);
        let copy = format!("Home News World {original} Share this article Copyright 2024");
        let a = Signature::of_text(&original).unwrap();
        let b = Signature::of_text(&copy).unwrap();
        assert!(a.similarity(&b) > 0.9, "{}", a.similarity(&b));
        let keys: std::collections::HashSet<i64> = a.band_keys().into_iter().collect();
        assert!(b.band_keys().iter().any(|k| keys.contains(k)));
    }

    #[test]
    fn short_and_empty_texts() {
        assert_eq!(Signature::of_text(""), None);
        assert_eq!(Signature::of_text(" — !! …"), None);
        let one = Signature::of_text("Hello").unwrap();
        assert_eq!(one, Signature::of_text("hello!").unwrap());
        assert_ne!(one, Signature::of_text("goodbye").unwrap());
        let two = Signature::of_text("Hello there").unwrap();
        assert_ne!(one, two);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let huge = "word ".repeat(100_000);
        let inputs = [
            "x",
            "é",
            huge.as_str(),
            "Ünïcödé 東京 Москва مرحبا 123 ½ ⅓",
            "\"unbalanced «quotes",
            "İstanbul ǅ ß ﬁ",
        ];
        for input in inputs {
            let sig = Signature::of_text(input).expect("has words");
            assert_eq!(Signature::from_bytes(&sig.to_bytes()), Some(sig));
        }
    }

    #[test]
    fn bytes_round_trip_and_reject_wrong_lengths() {
        let sig = Signature::of_text(&text(9, 50)).unwrap();
        let bytes = sig.to_bytes();
        assert_eq!(bytes.len(), SIGNATURE_BYTES);
        assert_eq!(Signature::from_bytes(&bytes), Some(sig));
        assert_eq!(Signature::from_bytes(&bytes[1..]), None);
        assert_eq!(Signature::from_bytes(&[]), None);
    }

    #[test]
    fn signature_bits_are_stable() {
        // Stored signatures are compared with ones computed by later builds: a change here
        // must come with an EXTRACTOR_VERSION bump so stored documents are signed again.
        let sig = Signature::of_text("The quick brown fox jumps over the lazy dog").unwrap();
        let bytes = sig.to_bytes();
        let sum = bytes
            .iter()
            .fold(0u64, |h, &b| h.wrapping_mul(31).wrapping_add(b as u64));
        assert_eq!(
            sum, 5418993157718399501,
            "update this value only together with EXTRACTOR_VERSION"
        );
    }
}
