"""Dump ``briefing extract`` JSON of a fixed sample of articles, to diff one tree's output against another's.

    python bench/extract_sample.py OUT.jsonl --tree /work/wt-x [--corpus bbc.jsonl --every 75] [ARTICLES...]
    python bench/extract_sample.py --compare BEFORE.jsonl AFTER.jsonl     (which fields changed, per article)

The sample: the given article files or folders (say, ``content/articles``) and, from a JSON-lines corpus
of ``{"id", "title", "text"}`` rows, every ``--every``-th row written as a text file (the title on its
first line, a blank line, then the text). The same arguments give the same sample, so two runs (before
and after a change) diff line by line: ``diff <(jq -c . a.jsonl) <(jq -c . b.jsonl)``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def compare(before: str, after: str) -> int:
    """Print each article whose output differs, with the fields that do; 1 when any differ."""
    def read(path):
        return {row["path"]: row for row in map(json.loads, open(path, encoding="utf-8"))}
    a, b = read(before), read(after)
    changed = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for k in changed:
        print(k, sorted(f for f in (a.get(k) or {}).keys() | (b.get(k) or {}).keys()
                        if (a.get(k) or {}).get(f) != (b.get(k) or {}).get(f)))
    print(f"{len(changed)} of {len(a.keys() | b.keys())} articles differ")
    return 1 if changed else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--compare"]:
        return compare(*argv[1:3])
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--tree", default=".", help="the source tree whose generator runs (PYTHONPATH)")
    ap.add_argument("--corpus", help="a JSON-lines corpus to sample from")
    ap.add_argument("--every", type=int, default=75, help="take every N-th corpus row")
    ap.add_argument("--extra", action="append", default=[], help="a corpus row id to add to the sample")
    args = ap.parse_intermixed_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        files = [str(Path(p).resolve()) for p in args.paths]
        if args.corpus:
            for i, line in enumerate(open(args.corpus, encoding="utf-8")):
                row = json.loads(line)
                if i % args.every == 0 or row["id"] in args.extra:
                    path = Path(tmp) / f"{row['id']}.txt"
                    path.write_text(f"{row['title']}\n\n{row['text']}\n", encoding="utf-8")
                    files.append(str(path))
        env = dict(os.environ, PYTHONPATH=str(Path(args.tree).resolve()))
        out = subprocess.run([sys.executable, "-m", "generator.cli", "extract", "--format", "jsonl", *files],
                             env=env, capture_output=True, text=True, cwd=tmp)
        if out.returncode:
            sys.stderr.write(out.stderr)
            return out.returncode
        rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        with open(args.out, "w", encoding="utf-8") as f:
            for row in rows:
                row["path"] = Path(row["path"]).name  # the temporary folder differs from run to run, and
                if row["path"].endswith(".txt"):  # so do the ids made from it for the corpus rows
                    row["id"] = row["path"]
                f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
