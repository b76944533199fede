//! The command line, as syntax only: clap's derive structs and their help text. Turning these
//! into a checked configuration is `app`'s job; no stage ever sees a clap type.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::db::near_dup::MIN_THRESHOLD;

/// Turn a folder of scraped news articles into a SQLite database: documents, quotes with their
/// speakers, entities and numbers, ready for `sqlite3 news.db`.
#[derive(Debug, Parser)]
#[command(
    name = "newsdb",
    version,
    after_help = "Examples:\n  newsdb ingest corpus\n  sqlite3 news.db 'SELECT title, outlet FROM v_documents'\n  newsdb search 'nato finland'\n  newsdb status"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Ingest(IngestArgs),
    Search(SearchArgs),
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

    /// Estimated similarity (0.6 to 1) from which two documents count as near-duplicates
    /// (v_documents.duplicate_of, v_duplicates). The similarity is the share of word
    /// 3-shingles the bodies have in common (Jaccard), estimated by MinHash. At 0.8, copies
    /// of one story with other page furniture or a changed sentence are found, and articles
    /// that merely share a paragraph are not. Remembered by the database: the new value
    /// applies to all stored documents, and later runs keep it. [default: 0.8]
    #[arg(long, value_name = "SIMILARITY", value_parser = parse_threshold)]
    pub near_threshold: Option<f64>,
}

/// Find articles and quotes by their words: full-text search with stemming ("election" finds
/// "elections"), without accents or case.
///
/// Every word must occur, in any order. Words joined by punctuation (COVID-19, al-Assad,
/// U.S.-led) match as a phrase; "quoted words" match as a phrase; OR between two terms
/// accepts either; a leading - excludes a word; a trailing * matches any ending (minist*).
/// Any other punctuation is taken literally, so no input is a syntax error.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdb search 'nato finland'\n  newsdb search 'COVID-19 vaccine' --limit 5\n  newsdb search '\"interest rates\" -mortgage' --db /data/news.db\n  newsdb search 'al-Assad OR Assad'"
)]
pub struct SearchArgs {
    /// The words to look for.
    #[arg(required = true, value_name = "TERMS")]
    pub terms: Vec<String>,

    /// The database file.
    #[arg(long, value_name = "FILE", default_value = "news.db")]
    pub db: PathBuf,

    /// Most articles, and most quotes, to print.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
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

/// Parses a near-duplicate threshold: a similarity from `MIN_THRESHOLD` to 1.
pub fn parse_threshold(s: &str) -> Result<f64, String> {
    let value: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("not a number: {s:?} (try 0.8)"))?;
    if (MIN_THRESHOLD..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{value} is outside {MIN_THRESHOLD}..1 (below {MIN_THRESHOLD}, articles on one \
             subject look like copies)"
        ))
    }
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

    #[test]
    fn documented_threshold_default_is_the_real_one() {
        let help = Cli::command()
            .find_subcommand_mut("ingest")
            .expect("ingest")
            .render_long_help()
            .to_string();
        let default = crate::db::near_dup::DEFAULT_THRESHOLD;
        assert!(help.contains(&format!("[default: {default}]")), "{help}");
        assert!(help.contains(&format!("({MIN_THRESHOLD} to 1)")), "{help}");
    }

    #[test]
    fn thresholds() {
        assert_eq!(parse_threshold("0.8"), Ok(0.8));
        assert_eq!(parse_threshold("1"), Ok(1.0));
        assert!(parse_threshold("0.3").is_err());
        assert!(parse_threshold("0.59").is_err());
        assert!(parse_threshold("1.5").is_err());
        assert!(parse_threshold("NaN").is_err());
        assert!(parse_threshold("high").is_err());
    }
}
