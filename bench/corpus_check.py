#!/usr/bin/env python3
"""Run torchlint over the real corpus and report what a developer needs to know:
files, findings per rule, crashes/internal errors, seconds; with --fix, also check
that every fixed file still parses, a second --fix changes nothing, and files
without fixes stay byte-identical.

    python bench/corpus_check.py [--corpus DIR] [--fix] [--jobs N]

Without --corpus, the corpus is built (or brought up to date) in .corpus/ with
../shared/bench/make_corpus.sh (transformers, timm, peft, diffusers, accelerate at
pinned versions); --corpus DIR lints DIR as it is, without building anything.
Exit 1 on any crash or broken fix."""

from __future__ import annotations

import argparse
import collections
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import libcst as cst

ROOT = Path(__file__).resolve().parent.parent
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.sh"


def build_corpus(dest: Path) -> None:
    if not MAKE_CORPUS.exists():
        sys.exit(f"{MAKE_CORPUS} not found: pass --corpus DIR with an existing corpus")
    subprocess.run(["bash", str(MAKE_CORPUS), str(dest)], check=True)


def torchlint(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "torchlint", "--select", "TL", *args]
    return subprocess.run(cmd, capture_output=True, text=True)


def digests(tree: Path) -> dict[str, str]:
    return {
        str(p.relative_to(tree)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(tree.rglob("*.py"))
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--corpus", type=Path, help="an existing corpus, used as is (default: build .corpus/)"
    )
    parser.add_argument("--fix", action="store_true")
    parser.add_argument("--jobs", default=str(os.cpu_count() or 1))
    args = parser.parse_args()
    if args.corpus is None:
        args.corpus = ROOT / ".corpus"
        build_corpus(args.corpus)
    elif not args.corpus.is_dir():
        sys.exit(f"{args.corpus}: not a folder")
    pkgs = [p for p in sorted(args.corpus.iterdir()) if p.is_dir() and not p.name.startswith(".")]
    n_files = sum(1 for p in pkgs for _ in p.rglob("*.py"))

    t0 = time.perf_counter()
    run = torchlint("--jobs", args.jobs, "-q", *map(str, pkgs))
    seconds = time.perf_counter() - t0
    counts = collections.Counter(line.split()[1] for line in run.stdout.splitlines() if line)
    print(f"files: {n_files}  seconds: {seconds:.1f}  exit: {run.returncode}")
    print("findings: " + (", ".join(f"{c} {n}" for c, n in sorted(counts.items())) or "none"))
    failed = False
    if run.returncode not in (0, 1) or run.stderr.strip() or "Traceback" in run.stdout:
        print("PROBLEMS:\n" + run.stderr[:4000])
        failed = True

    if args.fix:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "corpus"
            shutil.copytree(args.corpus, copy, ignore=shutil.ignore_patterns(".stamps"))
            before = digests(copy)
            fix = torchlint("--jobs", args.jobs, "-q", "--fix", "--unsafe-fixes", str(copy))
            after = digests(copy)
            changed = [p for p in before if before[p] != after[p]]
            broken = []
            for rel in changed:
                try:
                    cst.parse_module((copy / rel).read_text())
                except cst.ParserSyntaxError:
                    broken.append(rel)
            again = torchlint("--jobs", args.jobs, "-q", "--fix", "--unsafe-fixes", str(copy))
            second = [p for p, d in digests(copy).items() if after[p] != d]
            print(
                f"--fix: {len(changed)} files changed, {len(broken)} no longer parse, "
                f"second --fix changed {len(second)}; exit {fix.returncode}"
            )
            if broken or second or fix.returncode not in (0, 1) or fix.stderr.strip():
                print(fix.stderr[:4000], again.stderr[:2000])
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
