//! Thread priorities for an ingest: the one writer thread, which every document passes
//! through, runs at the normal priority; every other busy thread (the workers, the background
//! checkpointer) asks to run only in the time the writer leaves.
//!
//! On 2 cores, workers competing with the writer as equals slowed it, and the whole run with
//! it, by about 20% against one worker; at a lower priority extra threads never slow the run.

/// Lowers the calling thread's scheduling priority (nice 10). Linux sets a nice value per
/// thread; elsewhere this does nothing.
pub fn yield_to_the_writer() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority and gettid have no memory-safety preconditions; failure only leaves
    // the priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}
