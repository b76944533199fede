//! The one hash function of the entity tagger: lowercase words, features and phrases.
//!
//! Written by hand rather than taken from a crate because the trained weights are indexed by
//! these hashes: the function must never change under the model, which a dependency's
//! version bump (or std's unspecified `DefaultHasher`) could do silently. It is an FxHash-style
//! multiply-rotate over bytes with a final avalanche, fast on short words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Mixes the bits so that nearby inputs land far apart (the fmix64 finalizer of MurmurHash3).
#[inline]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hash of two hashes (order matters).
#[inline]
pub fn combine(a: u64, b: u64) -> u64 {
    finish(step(step(0x9e37_79b9_7f4a_7c15, a), b))
}

/// Hash of the lowercase form of `s`, computed without building it.
pub fn lower(s: &str) -> u64 {
    lower_chars(s.chars())
}

/// Hash of the lowercase form of some characters.
pub fn lower_chars(chars: impl Iterator<Item = char>) -> u64 {
    let mut h = Lower::new();
    for c in chars {
        h.push(c);
    }
    h.finish()
}

/// [`lower`] fed a character at a time, so that a pass over a word that reads its characters
/// for other ends can hash it too, and hashes of a word's prefixes share their work.
#[derive(Clone, Copy)]
pub struct Lower(u64);

impl Lower {
    pub fn new() -> Lower {
        Lower(0xcbf2_9ce4_8422_2325)
    }

    #[inline]
    pub fn push(&mut self, c: char) {
        if c.is_ascii() {
            self.0 = step(self.0, c.to_ascii_lowercase() as u64);
        } else {
            for l in c.to_lowercase() {
                self.0 = step(self.0, l as u64);
            }
        }
    }

    /// [`push`](Self::push) for an ASCII character.
    #[inline]
    pub fn push_ascii(&mut self, b: u8) {
        self.0 = step(self.0, b.to_ascii_lowercase() as u64);
    }

    /// The hash of the characters pushed so far.
    #[inline]
    pub fn finish(self) -> u64 {
        finish(self.0)
    }
}

impl Default for Lower {
    fn default() -> Lower {
        Lower::new()
    }
}

/// Passes a key that is already a good hash through unchanged.
#[derive(Default, Clone, Copy)]
pub struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = step(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by hashes from this module.
pub type IdentityMap<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_folds_and_is_stable() {
        assert_eq!(lower("Putin"), lower("PUTIN"));
        assert_ne!(lower("Putin"), lower("Putina"));
        assert_eq!(lower("Ärzte"), lower("äRZTE"));
    }
}
