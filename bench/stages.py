"""Where a cold run's CPU time goes, stage by stage (docs/performance.md).

    python bench/stages.py --corpus DIR [--every 2] [--start 0]

Lints every Nth Python file of DIR in this one process, as a pool worker of the
batch runner does (largest file first, the runner's collector thresholds, the
default rules), and times each stage in place: CPython's parse, the screen (and in
it the evidence of other files of the project), LibCST's parse of the file's kept
units, the flow analysis and the rules (and in them the reads and outlines of other
files). CPU seconds of this process; the stages nest as printed. Compare the shares
within one run: the host's speed drifts between runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from torchlint.analysis import project
from torchlint.lint import engine
from torchlint.rules.registry import defaults
from torchlint.screen import evidence

# (module, function, label): each call's CPU time is added to its label.
STAGES = [
    (engine, "_python_parse", "ast.parse (the file)"),
    (engine, "screen_units", "screen"),
    (evidence, "_defs_of", "  other files' evidence"),
    (engine, "parse_module", "LibCST parse (the file's kept units)"),
    (engine, "walk", "flow analysis and rules"),
    (project, "_outline", "  other files' outlines"),
    (project, "_read", "  other files' reads"),
    (project, "parse_module", "    their LibCST parse"),
]


def timed(fn: Callable[..., Any], label: str, spent: Counter[str]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--every", type=int, default=2, help="lint every Nth file")
    parser.add_argument("--start", type=int, default=0, help="from the Kth file")
    args = parser.parse_args()
    files = sorted(str(p) for p in args.corpus.rglob("*.py"))[args.start :: args.every]
    files.sort(key=os.path.getsize, reverse=True)
    gc.set_threshold(50_000, 50, 100)  # batch/runner.py's
    codes = frozenset(code for code, on in defaults().items() if on)
    spent: Counter[str] = Counter()
    for module, name, label in STAGES:
        setattr(module, name, timed(getattr(module, name), label, spent))
    start = time.process_time()
    findings = 0
    for path in files:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        findings += len(engine.lint_text(path, text, codes).findings)
    total = time.process_time() - start
    print(f"{len(files)} files, {findings} findings, {total:.1f} CPU s in one process")
    for _, _, label in STAGES:
        print(f"{label:40s} {spent[label]:7.1f} s  {spent[label] / total:4.0%}")


if __name__ == "__main__":
    main()
