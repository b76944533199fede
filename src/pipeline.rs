//! The driver: orders the stages, owns the threads, the transactions and the progress bar.
//!
//! A run goes like this. Take the ingest lock (one writer per database). A feeder thread walks
//! every root (`discover`) and compares each path with what the database remembers: a path
//! whose size and modification time are unchanged is not even opened. Every other path becomes
//! a numbered work item as soon as it is found, and so does, after the walk, every stored
//! document derived by an older extractor. `jobs` worker threads run the pure stages (`read` →
//! `decode` → `parse` → `normalize` → `extract`) on them; results come back out of order and
//! the writer (this thread) puts them back in order before writing, so document ids and
//! "earliest copy" decisions are the same whatever the thread timing. The writer writes each
//! item into an open transaction as soon as its turn comes, and commits every `BATCH_ITEMS`
//! items or `BATCH_INTERVAL`, whichever comes first. Last, paths gone from disk are marked
//! removed and the run's summary is recorded.
//!
//! Memory stays bounded: no list of the corpus's files is built (the walk feeds the workers
//! directly), the channel of finished work holds at most `IN_FLIGHT` items (so the workers go
//! on while the writer commits), a batch is in SQLite rather than in memory, and the reorder
//! buffer holds only what the workers have in flight. What grows with the corpus is the
//! database's own bookkeeping, read at the start of a re-run (about 300 bytes a known path: a
//! no-op re-run peaks at 28 MB over 20,000 files and 53 MB over 100,000). The content hashes
//! claimed in this run, which spare the workers deriving a copy twice, are bounded (`Claims`).
//! Workers run at a lower priority than the writer, which every document passes through.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossbeam_channel::{Receiver, Sender, bounded};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::corpus::CorpusKnowledge;
use crate::db::writer::{Derived, FileRecord, StoreItem, Stored, Writer};
use crate::db::{Database, KnownFile, StoredSource};
use crate::discover::{self, Found, Root};
use crate::document::{Format, SourceFile};
use crate::near_dup::Signature;
use crate::{EXTRACTOR_VERSION, decode, extract, normalize, parse, read};

/// Items written per transaction. Large enough that commits are not the bottleneck, small
/// enough that a kill loses little work.
const BATCH_ITEMS: usize = 4096;
/// Longest time written work waits before it is committed.
const BATCH_INTERVAL: Duration = Duration::from_millis(2000);
/// Finished items the workers may have waiting for the writer: enough to go on working while
/// the writer indexes a slice for full-text search or commits. On 20,000 articles, 256 ran as
/// fast as 512 (10.3 and 10.5 s, four interleaved runs each) and peaked up to 8 MB lower;
/// earlier, 64, 256 and 1,024 ran equally fast, and 1,024 peaked 15 MB higher.
const IN_FLIGHT: usize = 256;
/// Stored documents re-derived at once by the recurring-line pass, held in memory together
/// (two chunks at a time: one being written while the next is derived).
const REDERIVE_CHUNK: usize = 128;

/// Everything `ingest` needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    pub roots: Vec<PathBuf>,
    pub db: PathBuf,
    pub jobs: usize,
    pub max_bytes: u64,
    pub prune: bool,
    /// Wait for another ingest to finish instead of failing at once.
    pub wait: bool,
    pub progress: bool,
    /// Print each rejected file on stderr as it is found.
    pub report_rejections: bool,
    /// New near-duplicate threshold to remember; `None` keeps the stored one.
    pub near_threshold: Option<f64>,
}

/// Wall time spent in each stage, summed over all threads, in seconds.
#[derive(Debug, Default, Serialize, serde::Deserialize, Clone)]
#[serde(default)]
pub struct StageSeconds {
    pub discover: f64,
    pub read_hash: f64,
    pub decode: f64,
    pub parse: f64,
    pub normalize: f64,
    pub extract: f64,
    /// Near-duplicate signatures, in the workers.
    pub near_dup: f64,
    pub write: f64,
    /// Near-duplicate band lookups and storage in the writer (included in `write`), and the
    /// cluster assignment after the batches (included in `finish`).
    pub near_dup_store: f64,
    pub finish: f64,
}

/// What a run did; printed as one line, or as JSON with `--json`.
#[derive(Debug, Default, Serialize, serde::Deserialize, Clone)]
#[serde(default)]
pub struct RunSummary {
    pub run_id: i64,
    pub new: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub duplicate: u64,
    pub removed: u64,
    pub rejected: u64,
    pub skipped: u64,
    /// Stored documents derived again because the extractor changed.
    pub rederived: u64,
    /// Stored documents derived again because a line of theirs became (or stopped being)
    /// recurring boilerplate after they were derived.
    pub recurring_rederived: u64,
    pub pruned_files: u64,
    pub pruned_documents: u64,
    pub extractor_version: i64,
    pub interrupted: bool,
    /// Roots that could not be walked, with the reason.
    pub missing_roots: Vec<String>,
    pub seconds: f64,
    pub files_per_second: f64,
    pub stages: StageSeconds,
}

impl RunSummary {
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} new, {} changed, {} unchanged, {} duplicate, {} removed, {} rejected, {} skipped in {:.2} s",
            self.new,
            self.changed,
            self.unchanged,
            self.duplicate,
            self.removed,
            self.rejected,
            self.skipped,
            self.seconds
        );
        if self.rederived > 0 {
            s.push_str(&format!(
                "; re-derived {} stored document(s) for extractor version {}",
                self.rederived, self.extractor_version
            ));
        }
        if self.pruned_files + self.pruned_documents > 0 {
            s.push_str(&format!(
                "; pruned {} removed file(s) and {} document(s)",
                self.pruned_files, self.pruned_documents
            ));
        }
        if self.interrupted {
            s.push_str(" (interrupted: run ingest again to finish)");
        }
        s
    }
}

/// Fatal conditions the user can act on, distinguished so `main` can word them.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("another ingest is writing to {0}; wait for it to finish, or run with --wait")]
    Busy(String),
    #[error("none of the given paths could be read: {0}")]
    NoRoots(String),
}

/// Holds the ingest lock on a database for as long as it lives. The lock is the OS's advisory
/// file lock on `<db>.lock`, which the OS releases if the process dies, so a killed run never
/// leaves the database locked.
pub struct IngestLock {
    _file: File,
}

pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    db.with_file_name(name)
}

pub fn acquire_lock(db: &Path, wait: bool) -> Result<IngestLock> {
    let path = lock_path(db);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot create the lock file {}", path.display()))?;
    if wait {
        file.lock()
            .with_context(|| format!("cannot lock {}", path.display()))?;
    } else if let Err(err) = file.try_lock() {
        return match err {
            std::fs::TryLockError::WouldBlock => {
                Err(IngestError::Busy(db.display().to_string()).into())
            }
            std::fs::TryLockError::Error(e) => {
                Err(anyhow::Error::new(e).context(format!("cannot lock {}", path.display())))
            }
        };
    }
    Ok(IngestLock { _file: file })
}

#[derive(Default)]
struct StageClock {
    read_hash: AtomicU64,
    decode: AtomicU64,
    parse: AtomicU64,
    normalize: AtomicU64,
    extract: AtomicU64,
    near_dup: AtomicU64,
}

fn timed<T>(slot: &AtomicU64, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    slot.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
    out
}

fn secs(ns: &AtomicU64) -> f64 {
    ns.load(Ordering::Relaxed) as f64 / 1e9
}

/// One numbered unit of work for the workers.
enum Work {
    File {
        src: SourceFile,
    },
    Skip {
        file: FileRecord,
        reason: String,
    },
    Reject {
        file: FileRecord,
        reason: String,
    },
    Rederive {
        id: i64,
        text: Option<String>,
        format: Format,
    },
}

/// Whether a path was known before this run; decides "new" versus "changed" in the summary.
#[derive(Clone, Copy)]
enum Origin {
    NewPath,
    KnownPath,
    StoredDocument,
}

/// Runs parse → normalize → extract on a text, and signs the body for near-duplicate search.
/// Pure: the same text gives the same result.
pub fn derive(text: &str, format: Format, corpus: &CorpusKnowledge) -> Derived {
    let raw = parse::parse(text, format, corpus);
    let article = normalize::normalize(raw);
    let extractions = extract::extract(&article);
    let signature = signature(&article);
    Derived::new(article, extractions, signature, text)
}

/// The near-duplicate signature of an article's body, read paragraph by paragraph.
fn signature(article: &crate::document::Article) -> Option<Signature> {
    Signature::of_paragraphs(
        article
            .paragraphs
            .iter()
            .filter_map(|p| article.body.get(p.clone())),
    )
}

struct Shared<'a> {
    max_bytes: u64,
    corpus: &'a CorpusKnowledge,
    stored_hashes: &'a HashMap<[u8; 32], i64>,
    claims: Claims,
    clock: StageClock,
}

/// Content claimed in this run, so that a file with the same bytes as one found earlier is not
/// derived again: hash → lowest work number that claimed it.
///
/// Only a saving, never needed for correctness: the writer looks every new document's hash up
/// and stores a later copy as another path of the first. So the map is bounded: past
/// `CLAIMS_LIMIT` entries it forgets the claims of items already written, and a copy found
/// that far after its original is derived a second time and then recognised by the writer.
/// Unbounded, it held about 60 bytes a file for the whole run (6 MB on 100,000 files).
#[derive(Default)]
struct Claims {
    by_hash: Mutex<HashMap<[u8; 32], u64>>,
    /// Work numbers below this one have been written.
    written: AtomicU64,
}

/// Claims kept before those of written items are forgotten: under 1 MB.
const CLAIMS_LIMIT: usize = 14_000;

impl Claims {
    /// Whether work number `seq` is the first of this run to have these bytes (so far).
    fn first(&self, sha256: [u8; 32], seq: u64) -> bool {
        let mut by_hash = self.by_hash.lock().expect("claims lock");
        if by_hash.len() >= CLAIMS_LIMIT && !by_hash.contains_key(&sha256) {
            let written = self.written.load(Ordering::Acquire);
            by_hash.retain(|_, claimed| *claimed >= written);
            // Work waiting behind a slow item can hold many claims; forgetting them costs
            // only derivations, and keeps each clean-up from running again at the next file.
            if by_hash.len() >= CLAIMS_LIMIT / 2 {
                by_hash.clear();
            }
        }
        let first = by_hash.entry(sha256).or_insert(seq);
        if *first < seq {
            return false;
        }
        *first = seq;
        true
    }

    /// Work numbers below `seq` are written.
    fn written_below(&self, seq: u64) {
        self.written.store(seq, Ordering::Release);
    }
}

impl Shared<'_> {
    fn process(&self, seq: u64, work: Work) -> StoreItem {
        match work {
            Work::Skip { file, reason } => StoreItem::Skipped { file, reason },
            Work::Reject { file, reason } => StoreItem::Rejected {
                file,
                sha256: None,
                reason,
            },
            Work::Rederive {
                id,
                text: Some(text),
                format,
            } => match self.derive_guarded(&text, format) {
                Ok(derived) => StoreItem::Rederived {
                    document_id: id,
                    derived: Box::new(derived),
                },
                // The previous derivation stays; the next run tries again.
                Err(message) => StoreItem::Failed {
                    reason: format!("document {id}: {message}"),
                },
            },
            // Replaced by a changed file earlier in this run: nothing left to derive.
            Work::Rederive { text: None, .. } => StoreItem::Failed {
                reason: String::new(),
            },
            Work::File { src } => self.process_file(seq, src),
        }
    }

    fn process_file(&self, seq: u64, src: SourceFile) -> StoreItem {
        let file = FileRecord {
            root: src.root.clone(),
            path: src.rel_path.clone(),
            size: src.size,
            mtime_ns: src.mtime_ns,
        };
        let raw = match timed(&self.clock.read_hash, || {
            read::read_file(&src, self.max_bytes)
        }) {
            Ok(raw) => raw,
            Err(rejection) => {
                return StoreItem::Rejected {
                    file,
                    sha256: None,
                    reason: rejection.to_string(),
                };
            }
        };
        if self.stored_hashes.contains_key(&raw.sha256) {
            return StoreItem::SameBytes {
                file,
                sha256: raw.sha256,
            };
        }
        if !self.claims.first(raw.sha256, seq) {
            return StoreItem::SameBytes {
                file,
                sha256: raw.sha256,
            };
        }
        let decoded = match timed(&self.clock.decode, || decode::decode(&raw.bytes)) {
            Ok(decoded) => decoded,
            Err(rejection) => {
                return StoreItem::Rejected {
                    file,
                    sha256: Some(raw.sha256),
                    reason: rejection.to_string(),
                };
            }
        };
        drop(raw.bytes);
        match self.derive_guarded(&decoded.text, src.format) {
            Ok(derived) => StoreItem::Document {
                file,
                sha256: raw.sha256,
                format: src.format,
                decoded,
                derived: Box::new(derived),
            },
            Err(message) => StoreItem::Rejected {
                file,
                sha256: Some(raw.sha256),
                reason: format!("newsdb failed on this file (a bug, please report it): {message}"),
            },
        }
    }

    /// Runs the stages, turning a panic in one of them into an error for this file alone.
    fn derive_guarded(&self, text: &str, format: Format) -> std::result::Result<Derived, String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let raw = timed(&self.clock.parse, || {
                parse::parse(text, format, self.corpus)
            });
            let article = timed(&self.clock.normalize, || normalize::normalize(raw));
            let extractions = timed(&self.clock.extract, || extract::extract(&article));
            let signature = timed(&self.clock.near_dup, || signature(&article));
            Derived::new(article, extractions, signature, text)
        }))
        .map_err(|panic| {
            panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into())
        })
    }
}

/// Ingests the configured roots into the database. `interrupt` is set by Ctrl-C.
pub fn ingest(cfg: &IngestConfig, interrupt: &AtomicBool) -> Result<RunSummary> {
    let started = Instant::now();
    let mut summary = RunSummary {
        extractor_version: EXTRACTOR_VERSION,
        ..RunSummary::default()
    };

    let mut roots = Vec::new();
    for path in &cfg.roots {
        match Root::resolve(path) {
            Ok(root) => roots.push(root),
            Err(err) => summary.missing_roots.push(format!(
                "{}: {}",
                path.display(),
                discover::describe_io(&err)
            )),
        }
    }
    if roots.is_empty() {
        return Err(IngestError::NoRoots(summary.missing_roots.join("; ")).into());
    }

    let _lock = acquire_lock(&cfg.db, cfg.wait)?;
    let db = Database::open(&cfg.db)?;
    db.close_dead_runs()?;
    // Rows another program inserted into documents or quotes (migration V11).
    db.index_missing_rows()?;
    if let Some(threshold) = cfg.near_threshold {
        db.set_near_dup_threshold(threshold)?;
    }
    let root_keys: Vec<String> = roots.iter().map(Root::key).collect();
    let run = db.begin_run(&root_keys, EXTRACTOR_VERSION)?;
    summary.run_id = run;

    // What the walk compares each path with. The walk itself runs on the feeder thread, so
    // that the first files are being read while the rest are still being listed.
    let t = Instant::now();
    let known = db.known_files(&root_keys)?;
    let stale = db.stale_documents(EXTRACTOR_VERSION)?;
    let stored_hashes = db.document_hashes()?;
    let loading = t.elapsed();

    // The number of files to read is known only when the walk ends: the bar's length grows as
    // work is found, and it is drawn from the first work item on (a run with nothing to do
    // draws nothing).
    let progress = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
    progress.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files {per_sec} {msg}",
        )
        .expect("valid template"),
    );

    let corpus = CorpusKnowledge {
        recurring: db.recurring_lines()?,
    };
    let shared = Shared {
        max_bytes: cfg.max_bytes,
        corpus: &corpus,
        stored_hashes: &stored_hashes,
        claims: Claims::default(),
        clock: StageClock::default(),
    };
    let mut writer = Writer::new(db, run, EXTRACTOR_VERSION)?;
    writer.checkpoint_in_background(&cfg.db);
    let jobs = cfg.jobs.max(1);
    let mut write_seconds = 0.0;
    let outcome: Result<Walked> = std::thread::scope(|scope| {
        let (work_tx, work_rx) = bounded::<(u64, Origin, Work)>(jobs * 8);
        // Room for what the workers finish while the writer commits: without it they stop
        // after a few items and the writer waits for them afterwards, which ran the two one
        // after the other.
        let (done_tx, done_rx) = bounded::<(u64, Origin, StoreItem)>(IN_FLIGHT.max(jobs * 8));
        let feed = Feed {
            roots: &roots,
            known,
            excluded: database_files(&cfg.db),
            stale,
            db_path: &cfg.db,
            progress: cfg.progress.then_some(&progress),
            interrupt,
        };
        let feeder = scope.spawn(move || feed.run(work_tx));
        for _ in 0..jobs {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            let shared = &shared;
            scope.spawn(move || {
                crate::priority::yield_to_the_writer();
                for (seq, origin, item) in work_rx {
                    if done_tx
                        .send((seq, origin, shared.process(seq, item)))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(work_rx);
        drop(done_tx);
        let written = write_in_order(
            &mut writer,
            done_rx,
            &mut summary,
            &progress,
            cfg.report_rejections,
            &shared.claims,
        );
        write_seconds = written.as_ref().map(|s| *s).unwrap_or(0.0);
        let fed = feeder.join().expect("feeder thread");
        written.and(fed)
    });
    let walked = outcome?;
    summary.unchanged += walked.unchanged;
    summary.stages.discover = (loading + walked.walking).as_secs_f64();
    progress.finish_and_clear();

    let t = Instant::now();
    summary.stages.near_dup_store = writer.near_dup_seconds();
    let mut db = writer.into_database()?;
    summary.interrupted = interrupt.load(Ordering::SeqCst);
    if !summary.interrupted {
        summary.removed = db.mark_removed(run, &walked.gone)? as u64;
        if cfg.prune {
            let (files, documents) = db.prune()?;
            summary.pruned_files = files as u64;
            summary.pruned_documents = documents as u64;
        }
    }
    if !summary.interrupted {
        let (rederived, db_back) = recurring_pass(db, &cfg.db, run, interrupt)?;
        summary.recurring_rederived = rederived;
        db = db_back;
    }
    // Also after an interrupted run: the pairs written so far are complete and consistent.
    // After the recurring pass, whose re-derivations change bodies and so signatures.
    let t_clusters = Instant::now();
    db.assign_near_duplicates()?;
    summary.stages.near_dup_store += t_clusters.elapsed().as_secs_f64();
    summary.stages.finish = t.elapsed().as_secs_f64();
    summary.stages.read_hash = secs(&shared.clock.read_hash);
    summary.stages.decode = secs(&shared.clock.decode);
    summary.stages.parse = secs(&shared.clock.parse);
    summary.stages.normalize = secs(&shared.clock.normalize);
    summary.stages.extract = secs(&shared.clock.extract);
    summary.stages.near_dup = secs(&shared.clock.near_dup);
    summary.stages.write = write_seconds;
    summary.seconds = started.elapsed().as_secs_f64();
    let read = summary.new + summary.changed + summary.duplicate + summary.rejected;
    summary.files_per_second = if summary.seconds > 0.0 {
        read as f64 / summary.seconds
    } else {
        0.0
    };
    let status = if summary.interrupted {
        "interrupted"
    } else {
        "completed"
    };
    db.finish_run(run, status, &serde_json::to_string(&summary)?)?;
    Ok(summary)
}

/// The post-pass of the recurring-line rule: documents derived before one of their lines was
/// known to recur (earlier in this run, or in a run that was killed) are derived again from
/// their stored text with the final counts, so the database ends the same whatever the order
/// files were read in. Re-deriving changes no fingerprint, so one pass reaches the fixed point.
fn recurring_pass(
    db: Database,
    db_path: &Path,
    run: i64,
    interrupt: &AtomicBool,
) -> Result<(u64, Database)> {
    use rayon::prelude::*;
    let ids = db.inconsistent_documents()?;
    if ids.is_empty() {
        return Ok((0, db));
    }
    let corpus = CorpusKnowledge {
        recurring: db.recurring_lines()?,
    };
    let reader = Database::open_read_only(db_path)?;
    let mut writer = Writer::new(db, run, EXTRACTOR_VERSION)?;
    writer.checkpoint_in_background(db_path);
    let mut done = 0u64;
    let mut uncommitted = 0;
    // One thread derives the next chunk (in parallel, through rayon) while this one writes the
    // last: alternating the two left a core idle during every write.
    let written: Result<()> = std::thread::scope(|scope| {
        let (chunks_tx, chunks_rx) = bounded::<Vec<StoreItem>>(0);
        let corpus = &corpus;
        let deriver = scope.spawn(move || -> Result<()> {
            for chunk in ids.chunks(REDERIVE_CHUNK) {
                if interrupt.load(Ordering::SeqCst) {
                    break;
                }
                let sources = chunk
                    .iter()
                    .map(|&id| reader.stored_source(id))
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                let items: Vec<StoreItem> = sources
                    .into_par_iter()
                    .flatten()
                    .map(|src| rederive(src, corpus))
                    .collect();
                if chunks_tx.send(items).is_err() {
                    break;
                }
            }
            Ok(())
        });
        for items in chunks_rx {
            for item in items {
                if writer.write(item)? == Stored::Rederived {
                    done += 1;
                }
                uncommitted += 1;
            }
            if uncommitted >= BATCH_ITEMS {
                writer.commit()?;
                uncommitted = 0;
            }
        }
        deriver.join().expect("deriver thread")
    });
    written?;
    writer.commit()?;
    Ok((done, writer.into_database()?))
}

/// The row to record for a path that is not read, and why.
fn file_record(s: discover::Skipped) -> (FileRecord, String) {
    let file = FileRecord {
        root: s.root,
        path: s.rel_path,
        size: s.size,
        mtime_ns: s.mtime_ns,
    };
    (file, s.reason)
}

/// Derives a stored document again, turning a panic into a failure for this document alone.
fn rederive(src: StoredSource, corpus: &CorpusKnowledge) -> StoreItem {
    let derived = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        derive(&src.raw_text, src.format, corpus)
    }))
    .map_err(|_| "panic while re-deriving".to_string());
    match derived {
        Ok(derived) => StoreItem::Rederived {
            document_id: src.id,
            derived: Box::new(derived),
        },
        Err(message) => StoreItem::Failed {
            reason: format!("document {}: {message}", src.id),
        },
    }
}

/// The database and its companion files, which must never be ingested as articles.
fn database_files(db: &Path) -> Vec<PathBuf> {
    let Ok(db) = std::path::absolute(db) else {
        return Vec::new();
    };
    let dir = db
        .parent()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .unwrap_or_default();
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ["", "-wal", "-shm", "-journal", ".lock"]
        .iter()
        .map(|suffix| dir.join(format!("{name}{suffix}")))
        .collect()
}

/// Whether a known path belongs to what this run walked (a single-file root walks one path).
fn within_walk(roots: &[Root], (root_key, path): &(String, String)) -> bool {
    roots.iter().any(|root| {
        root.key() == *root_key
            && match &root.only_file {
                None => true,
                Some(file) => root.dir.join(path) == *file,
            }
    })
}

/// What the feeder found while walking.
#[derive(Default)]
struct Walked {
    /// Paths whose size and modification time are unchanged: not read again.
    unchanged: u64,
    /// Known paths the walk did not find, with their roots. Empty unless the walk completed.
    gone: Vec<(String, String)>,
    /// Time spent walking and comparing, not counting time waiting for the workers.
    walking: Duration,
}

/// The feeder: walks the roots and sends numbered work to the workers as it is found (files
/// first, in walk order, then stored documents to re-derive), so that no list of the whole
/// corpus is ever held in memory.
struct Feed<'a> {
    roots: &'a [Root],
    known: HashMap<(String, String), KnownFile>,
    /// The database and its companion files, never ingested.
    excluded: Vec<PathBuf>,
    stale: Vec<i64>,
    db_path: &'a Path,
    /// The bar to draw once there is work, if progress is shown.
    progress: Option<&'a ProgressBar>,
    interrupt: &'a AtomicBool,
}

impl Feed<'_> {
    fn run(mut self, tx: Sender<(u64, Origin, Work)>) -> Result<Walked> {
        let started = Instant::now();
        let waited = std::cell::Cell::new(Duration::ZERO);
        let mut seq = 0u64;
        // Sends one item; breaks when the run is interrupted or the workers are gone.
        let mut send = |origin: Origin, item: Work| {
            if self.interrupt.load(Ordering::SeqCst) {
                return ControlFlow::Break(());
            }
            if let Some(bar) = self.progress {
                if seq == 0 {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                }
                bar.inc_length(1);
            }
            let t = Instant::now();
            let sent = tx.send((seq, origin, item));
            waited.set(waited.get() + t.elapsed());
            seq += 1;
            match sent {
                Ok(()) => ControlFlow::Continue(()),
                Err(_) => ControlFlow::Break(()),
            }
        };
        let mut walked = Walked::default();
        let known = &mut self.known;
        for root in self.roots {
            let flow = discover::walk(root, |found| {
                let (key, size, mtime_ns) = match &found {
                    Found::File(s) => {
                        ((s.root.to_string(), s.rel_path.clone()), s.size, s.mtime_ns)
                    }
                    Found::Skipped(s) | Found::Unreadable(s) => {
                        ((s.root.to_string(), s.rel_path.clone()), s.size, s.mtime_ns)
                    }
                };
                if self.excluded.iter().any(|p| root.dir.join(&key.1) == *p) {
                    return ControlFlow::Continue(()); // the database's own files
                }
                let origin = match known.get_mut(&key) {
                    Some(k) => {
                        k.found = true;
                        if k.size == size && k.mtime_ns == mtime_ns && k.status != "removed" {
                            walked.unchanged += 1;
                            return ControlFlow::Continue(());
                        }
                        Origin::KnownPath
                    }
                    None => Origin::NewPath,
                };
                let item = match found {
                    Found::File(src) => Work::File { src },
                    Found::Skipped(s) => {
                        let (file, reason) = file_record(s);
                        Work::Skip { file, reason }
                    }
                    Found::Unreadable(s) => {
                        let (file, reason) = file_record(s);
                        Work::Reject { file, reason }
                    }
                };
                send(origin, item)
            });
            if flow.is_break() {
                walked.walking = started.elapsed().saturating_sub(waited.get());
                return Ok(walked);
            }
        }
        walked.gone = std::mem::take(known)
            .into_iter()
            .filter(|(key, k)| k.status != "removed" && !k.found && within_walk(self.roots, key))
            .map(|(key, _)| key)
            .collect();
        walked.walking = started.elapsed().saturating_sub(waited.get());
        if self.stale.is_empty() {
            return Ok(walked);
        }
        let reader = Database::open_read_only(self.db_path)?;
        for &id in &self.stale {
            // A document may have been replaced by a changed file earlier in this run.
            let item = match reader.stored_source(id)? {
                Some(src) => Work::Rederive {
                    id,
                    text: Some(src.raw_text),
                    format: src.format,
                },
                None => Work::Rederive {
                    id,
                    text: None,
                    format: Format::Text,
                },
            };
            if send(Origin::StoredDocument, item).is_break() {
                break;
            }
        }
        Ok(walked)
    }
}

/// Receives finished work in any order and writes it in work order, committing every
/// `BATCH_ITEMS` items or `BATCH_INTERVAL`. Returns the seconds spent inside the database.
fn write_in_order(
    writer: &mut Writer,
    done: Receiver<(u64, Origin, StoreItem)>,
    summary: &mut RunSummary,
    progress: &ProgressBar,
    report: bool,
    claims: &Claims,
) -> Result<f64> {
    let mut out = InOrder {
        writer,
        summary,
        progress,
        report,
        in_db: Duration::ZERO,
    };
    let mut pending: BTreeMap<u64, (Origin, StoreItem)> = BTreeMap::new();
    let mut next = 0u64;
    let mut uncommitted = 0usize;
    let mut last_commit = Instant::now();
    for (seq, origin, item) in done {
        pending.insert(seq, (origin, item));
        while let Some((origin, item)) = pending.remove(&next) {
            out.write(origin, item)?;
            next += 1;
            uncommitted += 1;
        }
        claims.written_below(next);
        if uncommitted >= BATCH_ITEMS
            || (uncommitted > 0 && last_commit.elapsed() >= BATCH_INTERVAL)
        {
            out.commit()?;
            uncommitted = 0;
            last_commit = Instant::now();
        }
    }
    // Items after a gap can only remain if the run was cut short; they are written all the same,
    // since each is complete on its own.
    for (origin, item) in pending.into_values() {
        out.write(origin, item)?;
    }
    out.commit()?;
    Ok(out.in_db.as_secs_f64())
}

/// What `write_in_order` writes through, and what it counts.
struct InOrder<'a> {
    writer: &'a mut Writer,
    summary: &'a mut RunSummary,
    progress: &'a ProgressBar,
    report: bool,
    /// Time spent inside the database.
    in_db: Duration,
}

impl InOrder<'_> {
    fn write(&mut self, origin: Origin, item: StoreItem) -> Result<()> {
        match &item {
            StoreItem::Rejected { file, reason, .. } if self.report => self
                .progress
                .println(format!("newsdb: rejected {}: {reason}", file.path)),
            StoreItem::Failed { reason } if self.report && !reason.is_empty() => self
                .progress
                .println(format!("newsdb: could not re-derive {reason}")),
            _ => {}
        }
        let t = Instant::now();
        let stored = self
            .writer
            .write(item)
            .context("cannot write to the database")?;
        self.in_db += t.elapsed();
        count(self.summary, stored, origin);
        self.progress.inc(1);
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        let t = Instant::now();
        self.writer
            .commit()
            .context("cannot write to the database")?;
        self.in_db += t.elapsed();
        self.progress.set_message(format!(
            "{} new, {} rejected",
            self.summary.new, self.summary.rejected
        ));
        Ok(())
    }
}

fn count(summary: &mut RunSummary, stored: Stored, origin: Origin) {
    match (stored, origin) {
        (Stored::Document, Origin::NewPath) => summary.new += 1,
        (Stored::Document, _) => summary.changed += 1,
        (Stored::Duplicate, _) => summary.duplicate += 1,
        (Stored::Rejected, _) => summary.rejected += 1,
        (Stored::Skipped, _) => summary.skipped += 1,
        (Stored::Rederived, _) => summary.rederived += 1,
        (Stored::Touched, _) => summary.unchanged += 1,
        (Stored::Nothing, _) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(n: u64) -> [u8; 32] {
        let mut h = [0u8; 32];
        h[..8].copy_from_slice(&n.to_le_bytes());
        h
    }

    #[test]
    fn the_first_to_claim_bytes_derives_them_and_later_copies_do_not() {
        let claims = Claims::default();
        assert!(claims.first(hash(1), 5));
        assert!(!claims.first(hash(1), 9));
        // A lower work number that arrives late takes the claim over: it is written first.
        assert!(claims.first(hash(1), 2));
        assert!(!claims.first(hash(1), 5));
    }

    #[test]
    fn claims_of_written_items_are_forgotten_past_the_limit() {
        let claims = Claims::default();
        let files = 5 * CLAIMS_LIMIT as u64;
        for seq in 0..files {
            assert!(claims.first(hash(seq), seq));
            // The writer keeps up to 100 items behind the workers.
            claims.written_below(seq.saturating_sub(100));
            assert!(claims.by_hash.lock().unwrap().len() <= CLAIMS_LIMIT);
        }
        // Copies of recent items are still caught; a copy of an item forgotten long ago is
        // derived again (the writer then stores it as another path of the first).
        assert!(!claims.first(hash(files - 1), files + 1));
        assert!(!claims.first(hash(files - 50), files + 2));
        assert!(claims.first(hash(0), files + 3));
    }

    #[test]
    fn claims_are_bounded_even_when_the_writer_waits() {
        let claims = Claims::default();
        for seq in 1..(3 * CLAIMS_LIMIT as u64) {
            claims.first(hash(seq), seq);
            assert!(claims.by_hash.lock().unwrap().len() <= CLAIMS_LIMIT);
        }
    }
}
