//! Parse, then resolve, then run: turns the command line into a configuration, runs the
//! command, prints its result and maps the outcome to an exit code.
//!
//! Exit codes live in [`Exit`] and nowhere else. Errors are printed once, here, with their
//! whole chain of causes; a closed stdout (`newsdb status | head`) is not an error.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use clap::Parser;

use crate::cli::{Cli, Command, IngestArgs, SearchArgs, StatusArgs};
use crate::db::Database;
use crate::pipeline::{self, IngestConfig, IngestError};
use crate::search;

/// The process's exit status. Documented in README.md and `newsdb ingest --help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done.
    Success = 0,
    /// The run completed, but some files were rejected (see `newsdb status`).
    SomeRejected = 1,
    /// Nothing useful could be done: bad arguments, an unusable database.
    Fatal = 2,
    /// Another ingest holds the database.
    Busy = 3,
    /// Interrupted by Ctrl-C; what was written is consistent and the next run completes it.
    Interrupted = 130,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(exit) => exit.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return Exit::Success.into();
            }
            eprintln!("newsdb: {err:#}");
            if err
                .downcast_ref::<IngestError>()
                .is_some_and(|e| matches!(e, IngestError::Busy(_)))
            {
                Exit::Busy.into()
            } else {
                Exit::Fatal.into()
            }
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn run(cli: Cli) -> Result<Exit> {
    match cli.command {
        Command::Ingest(args) => ingest(args),
        Command::Search(args) => search(args),
        Command::Status(args) => status(args),
    }
}

fn ingest(args: IngestArgs) -> Result<Exit> {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    if jobs == 0 {
        anyhow::bail!("--jobs must be at least 1");
    }
    let config = IngestConfig {
        roots: args.paths,
        db: args.db,
        jobs,
        max_bytes: args.max_bytes,
        prune: args.prune,
        wait: args.wait,
        progress: !args.quiet && !args.json && std::io::stderr().is_terminal(),
        report_rejections: !args.quiet,
        near_threshold: args.near_threshold,
    };
    let interrupt = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&interrupt);
    // First Ctrl-C: stop handing out work, commit what is done, record the run as interrupted.
    // Second: leave at once (every committed batch is still consistent).
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(Exit::Interrupted as i32);
        }
    });
    let summary = pipeline::ingest(&config, &interrupt)?;
    for missing in &summary.missing_roots {
        eprintln!("newsdb: cannot read {missing}");
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &summary)?;
        writeln!(out)?;
    } else if !args.quiet {
        writeln!(out, "{}", summary.line())?;
    }
    Ok(if summary.interrupted {
        Exit::Interrupted
    } else if summary.rejected > 0 || !summary.missing_roots.is_empty() {
        Exit::SomeRejected
    } else {
        Exit::Success
    })
}

fn search(args: SearchArgs) -> Result<Exit> {
    let query = search::fts_query(&args.terms.join(" "))?;
    if !args.db.exists() {
        anyhow::bail!(
            "no database at {} (create one with: newsdb ingest FOLDER --db {})",
            args.db.display(),
            args.db.display()
        );
    }
    let db = Database::open_read_only(&args.db)?;
    if !db.has_search_index()? {
        anyhow::bail!(
            "{} has no search index yet: run `newsdb ingest` on it once with this version",
            args.db.display()
        );
    }
    let results = db
        .search(&query, args.limit)
        .with_context(|| format!("cannot search {}", args.db.display()))?;
    search::print_results(&mut std::io::stdout().lock(), &results)?;
    Ok(Exit::Success)
}

fn status(args: StatusArgs) -> Result<Exit> {
    if !args.db.exists() {
        anyhow::bail!(
            "no database at {} (create one with: newsdb ingest FOLDER --db {})",
            args.db.display(),
            args.db.display()
        );
    }
    let db = Database::open_read_only(&args.db)?;
    let report = db
        .status(args.limit)
        .with_context(|| format!("cannot read {}", args.db.display()))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
        return Ok(Exit::Success);
    }
    writeln!(out, "database: {}", args.db.display())?;
    let files: Vec<String> = report
        .files
        .iter()
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    writeln!(
        out,
        "files: {}",
        if files.is_empty() {
            "none".into()
        } else {
            files.join(", ")
        }
    )?;
    writeln!(
        out,
        "documents: {} ({} near-duplicates); entities: {}; mentions: {}; quotes: {}; numbers: {}",
        report.documents,
        report.near_duplicates,
        report.entities,
        report.mentions,
        report.quotes,
        report.numbers
    )?;
    writeln!(out, "last runs:")?;
    for run in &report.last_runs {
        let when = jiff::Timestamp::from_second(run.started_at)
            .map(|t| t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string())
            .unwrap_or_default();
        let line = run
            .summary
            .as_ref()
            .and_then(|s| serde_json::from_value::<pipeline::RunSummary>(s.clone()).ok())
            .map(|s| s.line())
            .unwrap_or_else(|| "no summary (the run did not finish)".into());
        writeln!(out, "  #{} {when} {}: {line}", run.id, run.status)?;
    }
    if report.rejected_total > 0 {
        writeln!(
            out,
            "rejected and skipped files ({} of {}):",
            report.rejected.len(),
            report.rejected_total
        )?;
        for r in &report.rejected {
            writeln!(out, "  {} [{}]: {}", r.path, r.status, r.reason)?;
        }
    }
    Ok(Exit::Success)
}
