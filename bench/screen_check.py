#!/usr/bin/env python3
"""Is the screen sound on real code? Lint every file without the screen
(``torchlint/screen/``; every rule parses and runs on the whole file), then with it,
once with every rule on and once per rule that passes the screen on its own (where
it leaves the most code unparsed), and compare the findings. Also reports how much of
the code the default rules send to the LibCST parse.

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

from torchlint import screen
from torchlint.lint import engine
from torchlint.lint.source import SourceError, read
from torchlint.rules import registry

ALL = frozenset(registry.all_rules())
DEFAULT = frozenset(c for c, r in registry.all_rules().items() if r.default_enabled)

Key = tuple[int, int, str, str]


def _keys(result: engine.LintResult) -> list[Key]:
    return [(f.line, f.column, f.code, f.message) for f in result.findings]


def check(path: str) -> tuple[str, int, int, list[str]]:
    """(path, lines, lines parsed for the default rules, differences)"""
    try:
        text = read(path, max_size=0).text
    except (OSError, SourceError):
        return path, 0, 0, []
    lines = text.count("\n") + 1
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return path, lines, lines, []
    full = _keys(engine.lint_text(path, text, ALL, screen=False))
    runs = [(ALL, full)]
    for code in sorted(ALL):
        expected = [k for k in full if k[2] == code]
        if engine.rules_for(text, frozenset({code}), tree, path) or expected:
            runs.append((frozenset({code}), expected))
    diff = []
    for codes, expected in runs:
        got = _keys(engine.lint_text(path, text, codes, screen=True))
        which = "every rule" if codes == ALL else "alone"
        diff += [
            f"{path}:{k[0]}:{k[1] + 1}: {k[2]} hidden ({which})" for k in expected if k not in got
        ]
        diff += [
            f"{path}:{k[0]}:{k[1] + 1}: {k[2]} only with the screen ({which})"
            for k in got
            if k not in expected
        ]
    rules, idle = engine.screen_units(text, DEFAULT, tree, path)
    parsed = 0
    if rules:
        kept = screen.without_bodies(text, idle).splitlines()
        blanked = sum(
            1
            for a, b in zip(text.splitlines(), kept, strict=False)
            if a != b and b.strip() in ("", '"""')  # (left out: blank or the filler string)
        )
        parsed = lines - blanked
    return path, lines, parsed, diff


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
        for _, lines, parsed, diff in pool.map(check, files, chunksize=4):
            total += lines
            through += parsed
            n_through += parsed > 0
            differences.extend(diff)
    print(
        f"{len(files)} files, {total} lines; for the default rules the screen sends "
        f"{n_through} files to LibCST, {through / max(total, 1):.1%} of the lines (bodies the "
        f"screen leaves out not counted); "
        f"{len(differences)} differences; {time.perf_counter() - start:.0f} s"
    )
    for line in differences:
        print(line)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
