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

use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

#[cfg(test)]
use super::Database;
use super::Result;

/// Longest wait between checkpoints when no commit is signalled.
const IDLE_INTERVAL: Duration = Duration::from_secs(1);

#[derive(Default)]
struct Signal {
    /// Commits signalled since the last checkpoint.
    pending: bool,
    stop: bool,
}

/// A running background checkpointer; stopping it (or dropping it) waits for the thread.
pub struct Checkpointer {
    signal: Arc<(Mutex<Signal>, Condvar)>,
    thread: Option<JoinHandle<()>>,
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
        let thread = std::thread::Builder::new()
            .name("checkpoint".into())
            .spawn(move || run(conn, &theirs));
        match thread {
            Ok(thread) => Some(Checkpointer {
                signal,
                thread: Some(thread),
            }),
            Err(_) => {
                let _ = restore(writer);
                None
            }
        }
    }

    /// Tells the checkpointer that a transaction was committed.
    pub fn committed(&self) {
        let (lock, wake) = &*self.signal;
        if let Ok(mut s) = lock.lock() {
            s.pending = true;
            wake.notify_one();
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
            wake.notify_one();
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

fn run(conn: Connection, signal: &(Mutex<Signal>, Condvar)) {
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
            if s.stop && !s.pending {
                return;
            }
            s.pending = false;
        }
        // A failed or partial checkpoint is retried at the next signal; the log only grows
        // meanwhile.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
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
            checkpointer.committed();
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
}
