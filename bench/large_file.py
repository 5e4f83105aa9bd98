#!/usr/bin/env python3
"""Time and memory against the size of one file with many findings (issue: linear time).

    python bench/large_file.py [--lines 8000,16000,32000,64000] [--every 10]

Generates files of the given sizes made of small functions, each with a finding
every ``--every`` lines (an input built on the CPU for a model moved to a
device), lints each with
`torchlint --isolated --no-cache -j 1` in its own process, and prints wall seconds,
peak RSS, findings, and seconds per 1,000 lines: linear time keeps the last column
flat as the file grows.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# 10 lines, 1 finding (TL204: an input built on the CPU for a model moved to a device).
UNIT = """
def step_{i}(features, device):
    model = nn.Linear(4, 2).to(device)
    x = torch.tensor(features, dtype=torch.float32)
    scale = 2.0
    shift = 0.5
    out = model(x)
    out = out * scale + shift
    return out

"""


def generate(path: Path, lines: int, every: int) -> None:
    units = max(1, lines // 10)
    body = UNIT if every == 10 else UNIT + "\n" * (every - 10)
    with path.open("w") as fh:
        fh.write("import torch\nfrom torch import nn\n")
        for i in range(units):
            fh.write(body.format(i=i))


def lint(path: Path) -> tuple[float, int, int]:
    exe = Path(sys.executable).parent / "torchlint"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "torchlint"]
    start = time.perf_counter()
    proc = subprocess.run(
        [*command, "--isolated", "--no-cache", "-j", "1", "--statistics", str(path)],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024  # MB, cumulative max
    count = sum(int(line.split()[0]) for line in proc.stdout.splitlines() if line.strip())
    return wall, rss, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", default="8000,16000,32000,64000")
    parser.add_argument("--every", type=int, default=10)
    args = parser.parse_args()
    sizes = [int(n) for n in args.lines.split(",")]
    print(f"{'lines':>7} {'seconds':>8} {'peak MB':>8} {'findings':>9} {'s/1k lines':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(sizes):
            path = Path(tmp) / f"gen_{n}.py"
            generate(path, n, args.every)
            real = sum(1 for _ in path.open())
            wall, rss, count = lint(path)
            print(f"{real:>7} {wall:>8.2f} {rss:>8} {count:>9} {1000 * wall / real:>11.3f}")
            os.remove(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
