#!/usr/bin/env bash
# Benchmark an ingest: a first run into a new database, a no-op re-run, and a re-run after
# touching 1% of the files. Prints files/s, MB/s, peak RSS (from /usr/bin/time -v) and the
# seconds each stage took (from `ingest --json`; worker stages are summed over threads).
#
#   scripts/bench.sh CORPUS [JOBS]
#   NEWSDB_BIN=/path/to/older/newsdb scripts/bench.sh CORPUS   # bench another build as is
#   python3 ../shared/tools/mkcorpus.py --src ../shared/corpora/bbc --out /tmp/c20k --docs 20000
#   scripts/bench.sh /tmp/c20k/articles
#
# Touching changes modification times only, so the touched files are read and hashed again
# and recognised as unchanged. The corpus itself is not otherwise modified.
set -euo pipefail
corpus=${1:?usage: scripts/bench.sh CORPUS [JOBS]}
jobs=${2:-}
[ -x /usr/bin/time ] || { echo "bench needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cd "$(dirname "$0")/.."
if [ -n "${NEWSDB_BIN:-}" ]; then
  bin=$(realpath "$NEWSDB_BIN")
else
  cargo build --release --quiet
  bin=$PWD/target/release/newsdb
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/bench.db

run() { # label
  local status=0
  /usr/bin/time -v "$bin" ingest "$corpus" --db "$db" --json --quiet ${jobs:+--jobs "$jobs"} \
    >"$work/$1.json" 2>"$work/$1.time" || status=$?
  if [ "$status" -ge 2 ]; then
    echo "ingest failed ($1), exit $status:" >&2
    cat "$work/$1.time" >&2
    exit "$status"
  fi
}

run first
run noop
find "$corpus" -type f | sort | awk 'NR % 100 == 0' | xargs -r touch
run touched

python3 - "$work" "$corpus" "$(du -sb "$db" | cut -f1)" <<'PY'
import json, os, re, sys
work, corpus, db_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sum(len(f) for _, _, f in os.walk(corpus))
size = sum(os.path.getsize(os.path.join(r, n)) for r, _, fs in os.walk(corpus) for n in fs)
print(f"corpus: {corpus}: {files} files, {size / 1e6:.1f} MB; database {db_bytes / 1e6:.1f} MB; cores {os.cpu_count()}")
stages = ["discover", "read_hash", "decode", "parse", "normalize", "extract", "write", "finish"]
print("| run | seconds | files/s | MB/s | peak RSS MB | new | unchanged | " + " | ".join(stages) + " |")
print("|---" * (7 + len(stages)) + "|")
first = None
for label in ("first", "noop", "touched"):
    s = json.load(open(f"{work}/{label}.json"))
    t = open(f"{work}/{label}.time").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    secs = s["seconds"]
    first = first or secs
    rate = files / secs if secs else 0
    mbs = size / 1e6 / secs if secs else 0
    cells = [label, f"{secs:.2f}", f"{rate:,.0f}", f"{mbs:.1f}", f"{rss:.0f}", str(s["new"]), str(s["unchanged"])]
    cells += [f"{s['stages'].get(k, 0):.2f}" for k in stages]
    print("| " + " | ".join(cells) + " |")
t = json.load(open(f"{work}/touched.json"))["seconds"]
print(f"touched re-run: {100 * t / first:.1f}% of the first run")
PY
