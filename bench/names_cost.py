#!/usr/bin/env python3
"""What name resolution costs: torchlint's analysis pass (alias table and facts)
against LibCST's QualifiedNameProvider, on the same files, one process.

    python bench/names_cost.py DIR [DIR ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, QualifiedNameProvider

from torchlint.analysis import analyze


def main() -> None:
    files = sorted(p for d in sys.argv[1:] for p in Path(d).rglob("*.py"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    t = time.process_time()
    modules = [cst.parse_module(s) for s in texts]
    parse = time.process_time() - t
    t = time.process_time()
    for m in modules:
        analyze(m)
    ours = time.process_time() - t
    t = time.process_time()
    for m in modules:
        MetadataWrapper(m, unsafe_skip_copy=True).resolve(QualifiedNameProvider)
    qnp = time.process_time() - t
    print(
        f"{len(files)} files: parse {parse:.2f} CPU s; torchlint analysis pass {ours:.2f} s "
        f"({ours / parse:.2f}x parse); QualifiedNameProvider {qnp:.2f} s ({qnp / parse:.2f}x parse)"
    )


if __name__ == "__main__":
    main()
