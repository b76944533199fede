#!/usr/bin/env python3
"""Check near-duplicate detection against the truth files of a generated corpus.

    python3 ../shared/tools/mkcorpus.py --src ../shared/corpora/bbc --out /tmp/c20k --docs 20000
    newsdb ingest /tmp/c20k/articles --db /tmp/c20k.db
    scripts/check_near_dups.py --db /tmp/c20k.db --truth /tmp/c20k/truth

mkcorpus writes truth/near.tsv (syndicated copy <TAB> original), truth/exact.tsv (groups of
byte-identical files) and truth/bad.tsv; files under mix/ are distinct stories recombined from
paragraphs of other articles. Paths are relative to the folder given to ingest. Reports:

  recall         share of near.tsv pairs whose two documents share a cluster
                 (v_documents.duplicate_of), and share found as a direct pair (v_duplicates)
  false pairs    share of v_duplicates pairs that involve a mix/ document
  exact groups   groups whose files all point at one document

Exits 1 when recall < --min-recall or the mix share >= --max-mix-share, or an exact group is
split: usable as a regression check.
"""
import argparse
import collections
import sqlite3
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--truth", required=True, help="the corpus's truth/ folder")
    ap.add_argument("--min-recall", type=float, default=0.97)
    ap.add_argument("--max-mix-share", type=float, default=1 / 200)
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and mix pairs")
    a = ap.parse_args()

    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    doc_of = {}
    paths_of = collections.defaultdict(list)
    for path, doc in db.execute(
        "SELECT path, document_id FROM v_files WHERE status IN ('ingested', 'duplicate')"
    ):
        doc_of[path] = doc
        paths_of[doc].append(path)
    cluster = {d: c for d, c in db.execute(
        "SELECT document_id, coalesce(duplicate_of, document_id) FROM v_documents")}
    pairs = db.execute("SELECT document_id, similar_id, similarity FROM v_duplicates").fetchall()
    direct = {(min(a_, b_), max(a_, b_)) for a_, b_, _ in pairs}
    threshold = db.execute("SELECT value FROM near_dup_settings WHERE name = 'threshold'").fetchone()[0]

    def is_mix(doc):
        return any(p.startswith("mix/") for p in paths_of.get(doc, ()))

    near = [line.rstrip("\n").split("\t") for line in open(f"{a.truth}/near.tsv") if line.strip()]
    in_cluster = found_direct = unknown = 0
    misses = []
    for copy, original in near:
        dc, do = doc_of.get(copy), doc_of.get(original)
        if dc is None or do is None:
            unknown += 1
            misses.append((copy, original, "not ingested"))
            continue
        if dc == do or cluster.get(dc) == cluster.get(do):
            in_cluster += 1
        else:
            sim = db.execute(
                "SELECT similarity FROM near_dup_pairs WHERE document_id = ? AND similar_id = ?",
                (max(dc, do), min(dc, do))).fetchone()
            misses.append((copy, original, f"similarity {sim[0]:.3f}" if sim else "no stored pair"))
        if (min(dc, do), max(dc, do)) in direct:
            found_direct += 1
    recall = in_cluster / len(near) if near else 1.0
    mix_pairs = [(a_, b_, s) for a_, b_, s in pairs if is_mix(a_) or is_mix(b_)]
    mix_share = len(mix_pairs) / len(pairs) if pairs else 0.0

    # Pairs implied by the clusters (every two members of a cluster), for completeness.
    members = collections.defaultdict(list)
    for d, c in cluster.items():
        members[c].append(d)
    implied = sum(len(m) * (len(m) - 1) // 2 for m in members.values() if len(m) > 1)
    implied_mix = sum(len(m) * (len(m) - 1) // 2 for m in members.values()
                      if len(m) > 1 and any(is_mix(d) for d in m))

    groups = [line.rstrip("\n").split("\t") for line in open(f"{a.truth}/exact.tsv") if line.strip()]
    split = [g for g in groups if len({doc_of.get(p) for p in g}) != 1 or doc_of.get(g[0]) is None]

    print(f"threshold {threshold}")
    print(f"recall (same cluster) {recall:.4f} ({in_cluster}/{len(near)}); "
          f"as a direct pair {found_direct / len(near) if near else 1:.4f}; not ingested {unknown}")
    print(f"flagged pairs {len(pairs)}; involving mix/ {len(mix_pairs)} "
          f"(share {mix_share:.4f}, 1 in {len(pairs) / len(mix_pairs) if mix_pairs else float('inf'):.0f})")
    print(f"cluster pairs {implied}; in clusters with a mix/ document {implied_mix}; "
          f"clusters {sum(1 for m in members.values() if len(m) > 1)}")
    print(f"exact groups {len(groups)}: {len(groups) - len(split)} are one document, {len(split)} split")
    if a.verbose:
        for copy, original, why in misses:
            print(f"  missed {copy} ~ {original}: {why}")
        for a_, b_, s in sorted(mix_pairs, key=lambda p: -p[2]):
            print(f"  mix pair {s:.3f} {paths_of[a_][0]} ~ {paths_of[b_][0]}")
        for g in split:
            print(f"  split exact group {g}")
    ok = recall >= a.min_recall and mix_share < a.max_mix_share and not split
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
