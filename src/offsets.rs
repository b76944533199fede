//! Byte offsets to character offsets.
//!
//! Rust strings are indexed by byte; the database promises Unicode code-point offsets (what
//! SQLite's `substr` and Python's slicing count). The store converts every span of a document
//! through one [`CharOffsets`] table built once per body, instead of counting characters from
//! the start for each span.
//!
//! News text is mostly ASCII, where the two offsets agree. So the table records only the
//! multi-byte characters (where each ends and how many extra bytes the text has by then), and
//! a lookup subtracts the extra bytes before the offset: building it costs one scan of the
//! bytes, and memory is proportional to the non-ASCII characters, not to the text.

/// Maps a byte offset that starts a character (or the end of the text) to its code-point index.
pub struct CharOffsets {
    /// For each multi-byte character, in order: (byte offset just after it, extra bytes so far),
    /// where "extra" counts the bytes beyond the first of every multi-byte character.
    extra_after: Vec<(u32, u32)>,
    len: usize,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut extra_after = Vec::new();
        let mut extra = 0u32;
        if !text.is_ascii() {
            for (i, c) in text.char_indices() {
                let width = c.len_utf8();
                if width > 1 {
                    extra += width as u32 - 1;
                    extra_after.push(((i + width) as u32, extra));
                }
            }
        }
        CharOffsets {
            extra_after,
            len: text.len(),
        }
    }

    /// The code-point offset of byte offset `byte` (clamped to the end of the text).
    pub fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        // Multi-byte characters that end at or before `byte` are wholly before it.
        let before = self
            .extra_after
            .partition_point(|&(end, _)| end as usize <= byte);
        let extra = if before == 0 {
            0
        } else {
            self.extra_after[before - 1].1 as usize
        };
        byte - extra
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

    #[test]
    fn agrees_with_counting_at_every_char_boundary() {
        for text in [
            "",
            "plain ascii",
            "é",
            "Café “quoted” 𝄞 end",
            "日本語のテキスト and ASCII",
            "x€y£z",
        ] {
            let map = CharOffsets::new(text);
            for (i, _) in text
                .char_indices()
                .chain(std::iter::once((text.len(), ' ')))
            {
                assert_eq!(
                    map.char_at(i),
                    text[..i].chars().count(),
                    "{text:?} at byte {i}"
                );
            }
        }
    }
}
