//! Stage 1, discover: walk the folders given to `ingest` and turn every entry into either a
//! candidate file or a recorded skip with its reason.
//!
//! This is the one place that decides which files are articles (plain text: `.txt`, `.text`
//! or no extension; HTML: `.html`, `.htm`), so the rest of the pipeline never sees anything
//! else. Hidden files and folders (a name starting with `.`) are passed over silently, as a
//! user expects of `.git` or `.DS_Store`. Symbolic links are followed; walkdir detects link
//! cycles and reports them, and we record such a link as skipped rather than loop. Reading
//! files is left to `read`; nothing here opens a file.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use walkdir::{DirEntry, WalkDir};

use crate::document::{Format, SourceFile};

/// A path under a root that will not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub root: Arc<str>,
    pub rel_path: String,
    pub size: u64,
    pub mtime_ns: i64,
    pub reason: String,
}

/// What discover makes of one walk entry.
#[derive(Debug, Clone)]
pub enum Found {
    File(SourceFile),
    /// Not an article file; recorded as skipped.
    Skipped(Skipped),
    /// An entry that cannot even be looked at (dangling link, no permission); recorded as rejected.
    Unreadable(Skipped),
}

/// A folder (or single file) the user asked to ingest, resolved to an absolute path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// Absolute path of the folder; paths are stored relative to it.
    pub dir: PathBuf,
    /// When the user named a single file, only that file is walked.
    pub only_file: Option<PathBuf>,
}

impl Root {
    /// Resolves a user-given path. A file becomes its parent folder, restricted to that file.
    pub fn resolve(path: &Path) -> std::io::Result<Root> {
        let abs = std::fs::canonicalize(path)?;
        if abs.is_file() {
            let dir = abs
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| abs.clone());
            Ok(Root {
                dir,
                only_file: Some(abs),
            })
        } else {
            Ok(Root {
                dir: abs,
                only_file: None,
            })
        }
    }

    /// The key stored in `files.root`.
    pub fn key(&self) -> String {
        self.dir.to_string_lossy().into_owned()
    }
}

/// The format a file name promises, or why it is not an article.
pub fn classify_name(name: &str) -> Result<Format, String> {
    match Path::new(name).extension() {
        None => Ok(Format::Text),
        Some(ext) => {
            let ext = ext.to_string_lossy().to_ascii_lowercase();
            match ext.as_str() {
                "txt" | "text" => Ok(Format::Text),
                "html" | "htm" => Ok(Format::Html),
                other => Err(format!(
                    "not an article file: .{other} (newsdb reads .txt, .text, .html, .htm and files without an extension)"
                )),
            }
        }
    }
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.depth() > 0
        && entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with('.'))
}

fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Walks one root in a stable (sorted) order and calls `visit` for every entry found, until
/// `visit` breaks. Returns `Break` if it did (the walk is then incomplete).
pub fn walk(root: &Root, mut visit: impl FnMut(Found) -> ControlFlow<()>) -> ControlFlow<()> {
    let key: Arc<str> = root.key().into();
    let dir: Arc<Path> = root.dir.as_path().into();
    let start = root.only_file.clone().unwrap_or_else(|| root.dir.clone());
    let walker = WalkDir::new(&start)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_dir() {
                    continue;
                }
                let rel_path = relative(&root.dir, entry.path());
                let meta = match entry.metadata() {
                    Ok(meta) => meta,
                    Err(err) => {
                        visit(Found::Unreadable(Skipped {
                            root: key.clone(),
                            rel_path,
                            size: 0,
                            mtime_ns: 0,
                            reason: format!("cannot read: {}", io_reason(&err)),
                        }))?;
                        continue;
                    }
                };
                let size = meta.len();
                let mtime_ns = mtime_ns(&meta);
                if !meta.is_file() {
                    visit(Found::Skipped(Skipped {
                        root: key.clone(),
                        rel_path,
                        size,
                        mtime_ns,
                        reason: "not a regular file (device, socket or pipe)".into(),
                    }))?;
                    continue;
                }
                let name = entry.file_name().to_string_lossy();
                match classify_name(&name) {
                    Ok(format) => visit(Found::File(SourceFile {
                        root: key.clone(),
                        exact_path: (dir.join(&rel_path) != entry.path())
                            .then(|| entry.path().to_path_buf()),
                        rel_path,
                        dir: dir.clone(),
                        size,
                        mtime_ns,
                        format,
                    }))?,
                    Err(reason) => visit(Found::Skipped(Skipped {
                        root: key.clone(),
                        rel_path,
                        size,
                        mtime_ns,
                        reason,
                    }))?,
                }
            }
            Err(err) => {
                let Some(path) = err.path().map(Path::to_path_buf) else {
                    continue;
                };
                let entry = |reason| Skipped {
                    root: key.clone(),
                    rel_path: relative(&root.dir, &path),
                    size: 0,
                    mtime_ns: 0,
                    reason,
                };
                if err.loop_ancestor().is_some() {
                    let reason = "symbolic link loop: the link points back into a folder above it";
                    visit(Found::Skipped(entry(reason.to_string())))?;
                } else {
                    visit(Found::Unreadable(entry(format!(
                        "cannot read: {}",
                        io_reason(&err)
                    ))))?;
                }
            }
        }
    }
    ControlFlow::Continue(())
}

/// An error's message without walkdir's path prefix, in a person's words.
fn io_reason(err: &walkdir::Error) -> String {
    match err.io_error() {
        Some(io) => describe_io(io),
        None => err.to_string(),
    }
}

/// Names the common I/O failures plainly; the rest keep the system's wording.
pub fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "no longer exists".into(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(root: &Root) -> Vec<Found> {
        let mut out = Vec::new();
        let _ = walk(root, |f| {
            out.push(f);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn classifies_extensions() {
        assert_eq!(classify_name("a.txt"), Ok(Format::Text));
        assert_eq!(classify_name("A.TXT"), Ok(Format::Text));
        assert_eq!(classify_name("README"), Ok(Format::Text));
        assert_eq!(classify_name("page.htm"), Ok(Format::Html));
        assert!(classify_name("photo.jpg").unwrap_err().contains(".jpg"));
    }

    #[test]
    fn walks_sorted_skips_hidden_and_records_other_files() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir_all(dir.path().join("b/.git"))?;
        std::fs::write(dir.path().join("b/2.txt"), "x")?;
        std::fs::write(dir.path().join("a.txt"), "x")?;
        std::fs::write(dir.path().join(".hidden.txt"), "x")?;
        std::fs::write(dir.path().join("b/.git/HEAD"), "x")?;
        std::fs::write(dir.path().join("pic.png"), "x")?;
        let root = Root::resolve(dir.path())?;
        let found = collect(&root);
        let files: Vec<&str> = found
            .iter()
            .filter_map(|f| match f {
                Found::File(s) => Some(s.rel_path.as_str()),
                Found::Skipped(_) | Found::Unreadable(_) => None,
            })
            .collect();
        assert_eq!(files, ["a.txt", "b/2.txt"]);
        let skipped: Vec<&Skipped> = found
            .iter()
            .filter_map(|f| match f {
                Found::Skipped(s) => Some(s),
                Found::File(_) | Found::Unreadable(_) => None,
            })
            .collect();
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].rel_path, "pic.png");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlink_cycle_is_skipped_not_followed_forever() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join("sub"))?;
        std::fs::write(dir.path().join("sub/a.txt"), "x")?;
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop"))?;
        let found = collect(&Root::resolve(dir.path())?);
        assert!(
            found
                .iter()
                .any(|f| matches!(f, Found::Skipped(s) if s.reason.contains("loop")))
        );
        assert_eq!(
            found.iter().filter(|f| matches!(f, Found::File(_))).count(),
            1
        );
        Ok(())
    }

    #[test]
    fn single_file_root_walks_only_that_file() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.txt"), "x")?;
        std::fs::write(dir.path().join("b.txt"), "x")?;
        let root = Root::resolve(&dir.path().join("b.txt"))?;
        let found = collect(&root);
        assert_eq!(found.len(), 1);
        assert!(matches!(&found[0], Found::File(s) if s.rel_path == "b.txt"));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_exact_path() -> std::io::Result<()> {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir()?;
        let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(dir.path().join(odd), "odd")?;
        std::fs::create_dir(dir.path().join("sub"))?;
        std::fs::write(dir.path().join("sub/plain.txt"), "plain")?;
        let files: Vec<SourceFile> = collect(&Root::resolve(dir.path())?)
            .into_iter()
            .filter_map(|f| match f {
                Found::File(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(files.len(), 2);
        for f in &files {
            let text = std::fs::read_to_string(f.abs_path())?;
            if f.rel_path == "sub/plain.txt" {
                assert!(f.exact_path.is_none(), "root and rel_path name it");
                assert_eq!(text, "plain");
            } else {
                assert_eq!(f.rel_path, "caf\u{fffd}.txt");
                assert!(
                    f.exact_path.is_some(),
                    "the lossy rel_path does not name it"
                );
                assert_eq!(text, "odd");
            }
        }
        Ok(())
    }
}
