//! Memory must not grow with the corpus: the ingest of 5,000 files may use only a little more
//! memory than the ingest of 1,000. A regression that holds every document (or every
//! extraction) until the end of the run adds tens of megabytes between the two and fails here.
//! Measured as the child's peak resident set size, reported by the kernel through wait4(2).

use crate::util::{Dir, generated_article};

/// Peak RSS in MB of `newsdb ingest` over `files` generated articles.
#[cfg(target_os = "linux")]
fn peak_rss_mb(files: usize) -> f64 {
    let dir = Dir::new();
    for i in 0..files {
        dir.write(
            &format!("articles/{:02}/{i:05}.txt", i % 50),
            &generated_article(i),
        );
    }
    // Reaped by wait4 below, which std's Child cannot see.
    #[allow(clippy::zombie_processes)]
    let child = dir
        .command(&[
            "ingest", "articles", "--db", "news.db", "--quiet", "--jobs", "2",
        ])
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for the kernel to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own unreaped child; wait4 reaps it and fills `usage` for it alone
    // (unlike RUSAGE_CHILDREN, which would mix in children of tests running in parallel).
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "ingest failed: {status}"
    );
    assert_eq!(dir.count("SELECT count(*) FROM documents"), files as i64);
    usage.ru_maxrss as f64 / 1024.0 // Linux reports kilobytes
}

#[cfg(target_os = "linux")]
#[test]
fn peak_memory_does_not_grow_with_the_corpus() {
    let small = peak_rss_mb(1_000);
    let large = peak_rss_mb(5_000);
    eprintln!("peak RSS: {small:.1} MB for 1,000 files, {large:.1} MB for 5,000");
    // Measured (debug build): 4 to 5 MB of growth and a 41 MB peak; the growth is SQLite's
    // page cache filling up to its fixed 8 MB. Keeping a copy of every document's derived
    // data until the end of the run (an injected regression) grew it by 32 MB.
    assert!(
        large - small < 16.0,
        "peak RSS grew from {small:.1} MB (1,000 files) to {large:.1} MB (5,000 files)"
    );
    assert!(
        large < 300.0,
        "peak RSS {large:.1} MB over the 300 MB budget"
    );
}
