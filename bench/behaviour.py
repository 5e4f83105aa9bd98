#!/usr/bin/env python3
"""A snapshot of what torchlint says and writes, to show a restructuring changed nothing.

    python bench/behaviour.py save SNAPSHOT_DIR [--corpus DIR ...]
    python bench/behaviour.py compare SNAPSHOT_DIR [--corpus DIR ...]

For the rule book (rules/), the real-bug benchmark (bench/realworld/) and each
``--corpus`` folder (say the library corpus of bench/make_corpus.sh), it records the
findings of every rule (``--select TL --format json``, paths relative to the folder)
and the fixes (``--diff``, then ``--diff --unsafe-fixes``). ``compare`` reruns them
and prints a unified diff of each output that changed; exit 1 if any did.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREES = {"rules": ROOT / "rules", "realworld": ROOT / "bench" / "realworld"}
RUNS = {
    "findings.json": ["--select", "TL", "--format", "json"],
    "safe.diff": ["--select", "TL", "--diff"],
    "unsafe.diff": ["--select", "TL", "--diff", "--unsafe-fixes"],
}


def lint(folder: Path, args: list[str]) -> str:
    cmd = [sys.executable, "-m", "torchlint", "--isolated", "--no-cache", *args, "."]
    proc = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} in {folder}: exit {proc.returncode}\n{proc.stderr}")
    if args[-1] == "json":  # stable order and layout, whatever the run's order
        data = json.loads(proc.stdout or "[]")
        return json.dumps(data, indent=1, sort_keys=True) + "\n"
    return proc.stdout


def outputs(corpora: list[Path]) -> dict[str, str]:
    trees = dict(TREES)
    trees.update({f"corpus-{p.name}": p for p in corpora})
    return {
        f"{tree}.{name}": lint(folder, args)
        for tree, folder in trees.items()
        for name, args in RUNS.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    now = outputs([p.resolve() for p in args.corpus])
    if args.action == "save":
        args.snapshot.mkdir(parents=True, exist_ok=True)
        for name, text in now.items():
            (args.snapshot / name).write_text(text)
        print(f"saved {len(now)} outputs to {args.snapshot}")
        return 0
    changed = 0
    for name, text in now.items():
        before = (args.snapshot / name).read_text() if (args.snapshot / name).exists() else ""
        if before != text:
            changed += 1
            sys.stdout.writelines(
                difflib.unified_diff(
                    before.splitlines(True), text.splitlines(True), f"before/{name}", f"now/{name}"
                )
            )
    print(f"{changed} of {len(now)} outputs changed", file=sys.stderr)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
