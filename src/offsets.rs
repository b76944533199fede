//! Byte offsets to character offsets.
//!
//! Rust strings are indexed by byte; the database promises Unicode code-point offsets (what
//! SQLite's `substr` and Python's slicing count). The store converts every span of a document
//! through one [`CharOffsets`] table built once per body, instead of counting characters from
//! the start for each span.

/// Maps each byte offset that starts a character (and the end of the text) to its code-point index.
pub struct CharOffsets {
    /// `chars_before[b]` is the number of characters in `text[..b]`, for every byte offset `b`.
    chars_before: Vec<u32>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut chars_before = Vec::with_capacity(text.len() + 1);
        let mut count = 0u32;
        for (i, c) in text.char_indices() {
            debug_assert_eq!(chars_before.len(), i);
            chars_before.extend(std::iter::repeat_n(count, c.len_utf8()));
            count += 1;
        }
        chars_before.push(count);
        CharOffsets { chars_before }
    }

    /// The code-point offset of byte offset `byte` (clamped to the end of the text).
    pub fn char_at(&self, byte: usize) -> usize {
        let last = self.chars_before.len() - 1;
        self.chars_before[byte.min(last)] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_not_bytes() {
        let text = "a “b” c";
        let map = CharOffsets::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(map.char_at(b), 3);
        assert_eq!(map.char_at(text.len()), text.chars().count());
        assert_eq!(map.char_at(0), 0);
    }
}
