//! The command line, as syntax only: clap's derive structs and their help text. Turning these
//! into a checked configuration is `app`'s job; no stage ever sees a clap type.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turn a folder of scraped news articles into a SQLite database: documents, quotes with their
/// speakers, entities and numbers, ready for `sqlite3 news.db`.
#[derive(Debug, Parser)]
#[command(
    name = "newsdb",
    version,
    after_help = "Examples:\n  newsdb ingest corpus\n  sqlite3 news.db 'SELECT title, outlet FROM v_documents'\n  newsdb status"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Ingest(IngestArgs),
    Status(StatusArgs),
}

/// Read article files (.txt, .text, no extension, .html, .htm) into the database.
///
/// A re-run reads only new and changed files (by size and modification time), marks files gone
/// from disk as removed, and re-derives stored documents when the extractor has changed.
/// Exit status: 0 success; 1 the run completed but some files were rejected; 2 fatal error;
/// 3 another ingest holds the database; 130 interrupted (run again to finish).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdb ingest corpus\n  newsdb ingest scraped/ more/ --db /data/news.db --jobs 4\n  newsdb ingest corpus --json | jq .new\n  newsdb ingest corpus --prune"
)]
pub struct IngestArgs {
    /// Folders (or single files) to ingest.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The database file; created if missing.
    #[arg(long, value_name = "FILE", default_value = "news.db")]
    pub db: PathBuf,

    /// Worker threads for parsing and extraction [default: the number of CPUs].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Files larger than this are rejected unread. Accepts K, M and G suffixes (powers of 1024).
    #[arg(long, value_name = "BYTES", default_value = "10M", value_parser = parse_size)]
    pub max_bytes: u64,

    /// Delete files marked removed, and documents no remaining file refers to.
    #[arg(long)]
    pub prune: bool,

    /// If another ingest is writing to the database, wait for it instead of failing.
    #[arg(long)]
    pub wait: bool,

    /// No progress bar, no per-file messages, no summary line (errors still go to stderr).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Print the run's summary as JSON on stdout (counts and seconds per stage).
    #[arg(long)]
    pub json: bool,
}

/// Show what the database holds: counts, the last runs, and rejected or skipped files.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  newsdb status\n  newsdb status --db /data/news.db --json")]
pub struct StatusArgs {
    /// The database file.
    #[arg(long, value_name = "FILE", default_value = "news.db")]
    pub db: PathBuf,

    /// How many rejected or skipped files to list.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Parses `10M`, `512k`, `1G` or a plain byte count.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let digits_end = lower
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(lower.len());
    let (digits, suffix) = lower.split_at(digits_end);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("not a size: {s:?} (try 10M or 500000)"))?;
    let factor: u64 = match suffix.trim() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown size suffix {other:?} (use K, M or G)")),
    };
    n.checked_mul(factor)
        .ok_or_else(|| format!("size too large: {s}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("3X").is_err());
    }
}
