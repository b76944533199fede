//! Checkpoints on a thread of their own while an ingest writes.
//!
//! In WAL mode every committed page is written twice: to the write-ahead log at commit, and
//! later from the log into the database file by a checkpoint. SQLite runs that checkpoint in
//! whichever connection commits past `wal_autocheckpoint` pages, which during an ingest is the
//! one writer thread every document passes through: about a tenth of its time went to copying
//! pages it had already written. A [`Checkpointer`] takes that copy over. It owns a second
//! connection and runs a PASSIVE checkpoint whenever the writer tells it a batch was committed
//! (and at least every second), while the writer's connection stops checkpointing itself. It
//! runs at the workers' lower priority (`crate::priority`): the copy is work the writer no
//! longer waits for, not work that may slow it down.
//! PASSIVE never blocks the writer and never waits for readers, so correctness is SQLite's as
//! before: a page is in the log, the file, or both, and a crash at any moment recovers from the
//! log. When the checkpointer stops, the writer's connection checkpoints as it did before.
//! One thing PASSIVE alone cannot do is let the log start over (see
//! [`Checkpointer::committed`]): past 256 MB of log, the writer waits for one complete
//! checkpoint between two transactions.

use std::cell::Cell;
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

#[cfg(test)]
use super::Database;
use super::Result;

/// Longest wait between checkpoints when no commit is signalled.
const IDLE_INTERVAL: Duration = Duration::from_secs(1);
/// Log size, in pages, past which the writer has the log emptied (see [`Checkpointer::committed`]):
/// 256 MB of 4 KB pages.
const RESTART_PAGES: i64 = 65_536;

#[derive(Default)]
struct Signal {
    /// Commits signalled since the last checkpoint.
    pending: bool,
    stop: bool,
    /// The thread is checkpointing now.
    running: bool,
    /// The writer is checkpointing: the thread waits (two checkpoints at once fail).
    paused: bool,
}

/// A running background checkpointer; stopping it (or dropping it) waits for the thread.
pub struct Checkpointer {
    signal: Arc<(Mutex<Signal>, Condvar)>,
    thread: Option<JoinHandle<()>>,
    /// Pages in the log at the thread's last checkpoint.
    log_pages: Arc<AtomicI64>,
    restart_pages: i64,
    /// Size of the log the writer last had emptied: until its next transaction writes, the
    /// thread still reports that size, which is then no reason to empty it again.
    emptied_at: Cell<i64>,
}

impl Checkpointer {
    /// Starts checkpointing `path` on a new thread and stops `writer` (the connection that
    /// writes it) from checkpointing itself. On any failure to start, `db` keeps checkpointing itself and
    /// `None` is returned: the run is then slower, never wrong.
    pub fn start(writer: &Connection, path: &Path) -> Option<Checkpointer> {
        let conn = Connection::open(path).ok()?;
        conn.busy_timeout(Duration::from_secs(10)).ok()?;
        writer.pragma_update(None, "wal_autocheckpoint", 0).ok()?;
        let signal = Arc::new((Mutex::new(Signal::default()), Condvar::new()));
        let theirs = Arc::clone(&signal);
        let log_pages = Arc::new(AtomicI64::new(0));
        let counted = Arc::clone(&log_pages);
        let thread = std::thread::Builder::new()
            .name("checkpoint".into())
            .spawn(move || run(conn, &theirs, &counted));
        match thread {
            Ok(thread) => Some(Checkpointer {
                signal,
                thread: Some(thread),
                log_pages,
                restart_pages: RESTART_PAGES,
                emptied_at: Cell::new(-1),
            }),
            Err(_) => {
                let _ = restore(writer);
                None
            }
        }
    }

    /// Tells the checkpointer that `writer` committed a transaction, and empties the log
    /// first if it has grown past `restart_pages`.
    ///
    /// SQLite starts the log over only when a write transaction begins while every page in it
    /// has been copied to the database file. The writer begins its next transaction as soon
    /// as it has committed, before this thread has copied the last batch, so the log would
    /// never start over: on 100,000 articles it grew to 2.75 GB, larger than the database, and
    /// its index (the `-shm` file, mapped into each connection) to 5.5 MB. Past the limit,
    /// the writer therefore waits for a complete checkpoint (FULL: it waits for this thread's
    /// copy, then copies what is left), so that its next transaction starts the log over.
    /// On those 100,000 articles the log file then stopped at 414 MB and its index at
    /// 832 KB, and the run took no longer (81 s against 86 s; on 20,000, 12.7 s both).
    pub fn committed(&self, writer: &Connection) {
        let pages = self.log_pages.load(Ordering::Relaxed);
        if pages >= self.restart_pages
            && pages != self.emptied_at.get()
            && let Some(log) = self.empty_log(writer)
        {
            self.emptied_at.set(log);
            return;
        }
        let (lock, wake) = &*self.signal;
        if let Ok(mut s) = lock.lock() {
            s.pending = true;
            wake.notify_all();
        }
    }

    /// Runs a FULL checkpoint on `writer` once the thread is idle, holding the thread off
    /// meanwhile (SQLite fails a checkpoint while another runs). Returns the pages the log
    /// held when every one of them was copied, `None` when the checkpoint could not complete
    /// (the log then grows until the next try).
    fn empty_log(&self, writer: &Connection) -> Option<i64> {
        let (lock, wake) = &*self.signal;
        {
            let mut s = lock.lock().ok()?;
            s.paused = true;
            while s.running {
                s = wake.wait(s).ok()?;
            }
        }
        // The row is (busy, pages in the log, pages copied).
        let full = writer.query_row("PRAGMA wal_checkpoint(FULL)", [], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        });
        if let Ok(mut s) = lock.lock() {
            s.paused = false;
            wake.notify_all();
        }
        match full {
            Ok((0, log, copied)) if copied >= log => Some(log),
            _ => None,
        }
    }

    /// Stops the thread and gives checkpointing back to the writer's connection.
    pub fn stop(mut self, writer: &Connection) -> Result<()> {
        self.halt();
        restore(writer)
    }

    fn halt(&mut self) {
        let (lock, wake) = &*self.signal;
        if let Ok(mut s) = lock.lock() {
            s.stop = true;
            wake.notify_all();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.halt();
    }
}

fn restore(writer: &Connection) -> Result<()> {
    // SQLite's default: checkpoint once the log holds 1,000 pages.
    writer.pragma_update(None, "wal_autocheckpoint", 1000)?;
    Ok(())
}

fn run(conn: Connection, signal: &(Mutex<Signal>, Condvar), log_pages: &AtomicI64) {
    crate::priority::yield_to_the_writer();
    let (lock, wake) = signal;
    loop {
        {
            let Ok(mut s) = lock.lock() else { return };
            if !s.pending && !s.stop {
                s = match wake.wait_timeout(s, IDLE_INTERVAL) {
                    Ok((s, _)) => s,
                    Err(_) => return,
                };
            }
            while s.paused && !s.stop {
                s = match wake.wait(s) {
                    Ok(s) => s,
                    Err(_) => return,
                };
            }
            if s.stop && !s.pending {
                return;
            }
            s.pending = false;
            s.running = true;
        }
        // A failed or partial checkpoint is retried at the next signal; the log only grows
        // meanwhile. The row is (busy, pages in the log, pages copied).
        if let Ok(pages) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1)) {
            log_pages.store(pages, Ordering::Relaxed);
        }
        let Ok(mut s) = lock.lock() else { return };
        s.running = false;
        wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_size(path: &Path) -> u64 {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }

    #[test]
    fn copies_committed_pages_while_the_writer_does_not() -> Result<()> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.db");
        let db = Database::open(&path)?;
        db.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        let checkpointer = Checkpointer::start(&db.conn, &path).expect("starts");
        let autocheckpoint: i64 = db
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
        assert_eq!(autocheckpoint, 0, "the writer no longer checkpoints itself");
        let before = file_size(&path);
        let long_root = "x".repeat(20_000);
        for i in 0..50 {
            db.begin_run(&[format!("{long_root}{i}")], 1)?;
            checkpointer.committed(&db.conn);
        }
        checkpointer.stop(&db.conn)?;
        assert!(
            file_size(&path) > before + 50 * 20_000,
            "the committed pages reached the database file: {} bytes, {before} before",
            file_size(&path)
        );
        let autocheckpoint: i64 = db
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
        assert_eq!(autocheckpoint, 1000, "the writer checkpoints itself again");
        let runs: i64 =
            Connection::open(&path)?.query_row("SELECT count(*) FROM runs", [], |r| r.get(0))?;
        assert_eq!(runs, 50);
        Ok(())
    }

    #[test]
    fn the_log_starts_over_once_it_passes_the_limit() -> Result<()> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.db");
        let wal = dir.path().join("a.db-wal");
        let db = Database::open(&path)?;
        db.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        let mut checkpointer = Checkpointer::start(&db.conn, &path).expect("starts");
        checkpointer.restart_pages = 64;
        let long_root = "x".repeat(20_000);
        // Commits come faster than the thread copies them, as in an ingest: without the
        // limit, the log never starts over and 1,000 commits left it at 18 MB.
        for i in 0..1000 {
            db.begin_run(&[format!("{long_root}{i}")], 1)?;
            checkpointer.committed(&db.conn);
        }
        let log_bytes = file_size(&wal);
        checkpointer.stop(&db.conn)?;
        // Started over past 64 pages (256 KB) as soon as the thread has reported that size:
        // 0.4 to 0.6 MB measured. The bound leaves room for a thread slowed by a busy machine.
        assert!(
            log_bytes < 6 << 20,
            "the log file grew to {log_bytes} bytes"
        );
        let runs: i64 =
            Connection::open(&path)?.query_row("SELECT count(*) FROM runs", [], |r| r.get(0))?;
        assert_eq!(runs, 1000);
        Ok(())
    }
}
