//! The one integration test binary: runs the real `newsdb` CLI on temporary corpora and checks
//! the database it writes. Each area has its own module; `util` is the shared harness.

mod entities;
mod ingest;
mod memory;
mod near_dup;
mod numbers;
mod parse;
mod quotes;
mod search;
mod sql;
mod upgrade;
mod util;
