//! Stage 2, read and hash: the bytes of one file and their SHA-256, or the reason the file
//! cannot be an article before it is even decoded (too large, unreadable, changed while read).
//!
//! The size limit is checked against the file's metadata first, so a 2 GB log file is never
//! loaded. A file whose size or modification time differs after reading from what discover
//! saw was being written to: it is rejected for this run (and read again by the next), rather
//! than stored half-written. Decoding the bytes is `decode`'s job.

use std::io::Read;
use std::time::UNIX_EPOCH;

use sha2::{Digest, Sha256};

use crate::discover::describe_io;
use crate::document::{RawFile, SourceFile};

/// Why a file is not stored as a document. `Display` is the reason users read in `v_files`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("too large: {size} bytes, over the limit of {limit} bytes (raise it with --max-bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read: {0}")]
    Unreadable(String),
    #[error("changed while being read (it will be read again on the next run)")]
    ChangedWhileReading,
    #[error("binary file: {0}")]
    Binary(String),
    #[error("empty file")]
    Empty,
    #[error("contains only white space")]
    WhitespaceOnly,
}

/// SHA-256 of the raw bytes: the identity of a document's content.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Reads a discovered file, refusing it if it is over `max_bytes` or changes under us.
pub fn read_file(src: &SourceFile, max_bytes: u64) -> Result<RawFile, Rejection> {
    if src.size > max_bytes {
        return Err(Rejection::TooLarge {
            size: src.size,
            limit: max_bytes,
        });
    }
    let unreadable = |e: std::io::Error| Rejection::Unreadable(describe_io(&e));
    let path = src.abs_path();
    let file = std::fs::File::open(&path).map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(usize::try_from(src.size).unwrap_or(0));
    // Read one byte past the limit so a file that grew past it is caught without reading it all.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Rejection::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    let after = std::fs::metadata(&path).map_err(unreadable)?;
    let mtime_after = after
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    if after.len() != src.size || bytes.len() as u64 != src.size || mtime_after != src.mtime_ns {
        return Err(Rejection::ChangedWhileReading);
    }
    let sha256 = sha256(&bytes);
    Ok(RawFile { bytes, sha256 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::{Found, Root, walk};

    fn source(dir: &std::path::Path) -> SourceFile {
        let mut out = None;
        let _ = walk(&Root::resolve(dir).unwrap(), |f| {
            if let Found::File(s) = f {
                out = Some(s);
            }
            std::ops::ControlFlow::Continue(())
        });
        out.expect("one file")
    }

    #[test]
    fn hashes_known_bytes() {
        assert_eq!(
            hex::encode(sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn reads_and_refuses_oversized() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.txt"), "hello world")?;
        let src = source(dir.path());
        let raw = read_file(&src, 100).unwrap();
        assert_eq!(raw.bytes, b"hello world");
        assert_eq!(
            read_file(&src, 5).unwrap_err(),
            Rejection::TooLarge { size: 11, limit: 5 }
        );
        Ok(())
    }

    #[test]
    fn notices_a_file_that_changed_since_discovery() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.txt"), "hello")?;
        let src = source(dir.path());
        std::fs::write(dir.path().join("a.txt"), "hello, longer now")?;
        assert_eq!(
            read_file(&src, 1000).unwrap_err(),
            Rejection::ChangedWhileReading
        );
        Ok(())
    }

    #[test]
    fn missing_file_is_unreadable() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.txt"), "hello")?;
        let src = source(dir.path());
        std::fs::remove_file(dir.path().join("a.txt"))?;
        assert_eq!(
            read_file(&src, 1000).unwrap_err(),
            Rejection::Unreadable("no longer exists".into())
        );
        Ok(())
    }
}
