#!/usr/bin/env python3
"""Is the screen sound on real code? Lint every file twice, with the screen
(``torchlint/screen.py``) and without it (every enabled rule parses and runs), with
every rule on, and compare the findings. Also reports how much of the code the screen
lets through to the LibCST parse.

    python bench/screen_check.py PATH... [--jobs N] [--sample N]

Exit 1 if any file gives different findings (a finding the screen would hide)."""

from __future__ import annotations

import argparse
import ast
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from torchlint import engine, registry
from torchlint.source import SourceError, read

ALL = frozenset(registry.all_rules())
DEFAULT = frozenset(c for c, r in registry.all_rules().items() if r.default_enabled)


def check(path: str) -> tuple[str, int, bool, list[str]]:
    """(path, lines, passed the screen with the default rules, differences)"""
    try:
        text = read(path, max_size=0).text
    except (OSError, SourceError):
        return path, 0, False, []
    lines = text.count("\n")
    screened = engine.lint_text(path, text, ALL, screen=True)
    full = engine.lint_text(path, text, ALL, screen=False)
    a = [(f.line, f.column, f.code, f.message) for f in screened.findings]
    b = [(f.line, f.column, f.code, f.message) for f in full.findings]
    diff = [f"{path}:{f[0]}:{f[1] + 1}: {f[2]} hidden by the screen" for f in b if f not in a]
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return path, lines, True, diff
    passed = bool(engine.rules_for(text, DEFAULT, tree))
    return path, lines, passed, diff


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, default=0, help="check N random files only")
    args = parser.parse_args()
    files = sorted(str(p) for root in args.paths for p in root.rglob("*.py") if p.is_file())
    if args.sample:
        files = sorted(random.Random(0).sample(files, min(args.sample, len(files))))
    start = time.perf_counter()
    total = through = n_through = 0
    differences: list[str] = []
    with ProcessPoolExecutor(args.jobs) as pool:
        for _, lines, passed, diff in pool.map(check, files, chunksize=4):
            total += lines
            if passed:
                through += lines
                n_through += 1
            differences.extend(diff)
    print(
        f"{len(files)} files, {total} lines; the screen lets through {n_through} files "
        f"({through / max(total, 1):.1%} of the lines) for the default rules; "
        f"{len(differences)} findings hidden by the screen; {time.perf_counter() - start:.0f} s"
    )
    for line in differences:
        print(line)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
