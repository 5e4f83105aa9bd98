#!/usr/bin/env python3
"""Speed, side by side, in one run on one machine (issue: "fast and unbreakable").

    python bench/run.py [--corpus DIR] [--packages timm,peft,accelerate] [--jobs N]
                        [--skip-torchfix]

Builds the real corpus with ../shared/bench/make_corpus.sh, then times on the same
files and the same number of processes:

  torchlint cold        --no-cache (every file read, screened, parsed where a rule may match)
  torchlint warm        cache filled by the previous run, nothing changed
  torchlint touched     one file edited, the rest cached
  LibCST parse floor    read + libcst.parse_module of every file, same process count
  TorchFix 0.7.0        `torchfix` on the same files (installed in .bench-venv)
  ruff                  `ruff check --no-cache` (the speed users know)

and prints wall seconds, CPU seconds (children), files/s and peak RSS of the largest
process. Record the table in docs/performance.md together with the machine.
TorchFix and ruff are installed into `.bench-venv/` next to this repository's root,
never into the project's environment.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.sh"
BENCH_VENV = ROOT / ".bench-venv"

PARSE_FLOOR = r"""
import sys
from concurrent.futures import ProcessPoolExecutor
import libcst

def parse(path):
    with open(path, encoding="utf-8") as fh:
        libcst.parse_module(fh.read())
    return 1

if __name__ == "__main__":
    jobs = int(sys.argv[1])
    files = [l.strip() for l in open(sys.argv[2]) if l.strip()]
    with ProcessPoolExecutor(jobs) as pool:
        print(sum(pool.map(parse, files, chunksize=8)))
"""


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int, int]:
    """(wall s, CPU s of the children, peak RSS in MB of the largest child, exit code)"""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024, proc.returncode


def bench_venv() -> Path:
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "torchfix==0.7.0", "ruff"], check=True
        )
    return BENCH_VENV / "bin"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT / ".corpus")
    parser.add_argument("--packages", default="transformers,timm,peft,diffusers,accelerate")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-torchfix", action="store_true")
    args = parser.parse_args()
    if not (args.corpus / ".stamps").exists() and MAKE_CORPUS.exists():
        subprocess.run(["bash", str(MAKE_CORPUS), str(args.corpus)], check=True)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "corpus"
        for pkg in args.packages.split(","):
            shutil.copytree(args.corpus / pkg, work / pkg)
        files = sorted(str(p) for p in work.rglob("*.py"))
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(files))
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(PARSE_FLOOR)
        py = sys.executable
        torchlint = [py, "-m", "torchlint", "--select", "TL", "-q", "--jobs", str(args.jobs)]

        rows: list[tuple[str, tuple[float, float, int, int]]] = []
        rows.append(("torchlint cold (--no-cache)", timed([*torchlint, "--no-cache", str(work)])))
        timed([*torchlint, str(work)])  # fill the cache
        rows.append(("torchlint warm (cache)", timed([*torchlint, str(work)])))
        with open(files[len(files) // 2], "a", encoding="utf-8") as fh:
            fh.write("\n# touched\n")
        rows.append(("torchlint, one file touched", timed([*torchlint, str(work)])))
        rows.append(
            ("LibCST parse floor", timed([py, str(floor_script), str(args.jobs), str(listing)]))
        )
        tools = bench_venv()
        if not args.skip_torchfix:
            rows.append(("TorchFix 0.7.0", timed([str(tools / "torchfix"), str(work)])))
        rows.append(
            (
                "ruff check --no-cache",
                timed([str(tools / "ruff"), "check", "--no-cache", "--exit-zero", str(work)]),
            )
        )

    n = len(files)
    print(f"{n} files ({args.packages}), {args.jobs} processes, Python {sys.version.split()[0]}")
    print(f"{'':32} {'wall s':>8} {'CPU s':>8} {'files/s':>8} {'peak MB':>8}")
    for name, (wall, cpu, rss, rc) in rows:
        note = "" if rc in (0, 1) else f"  (exit {rc})"
        print(f"{name:32} {wall:8.1f} {cpu:8.1f} {n / wall:8.0f} {rss:8d}{note}")
    cold, floor = rows[0][1][0], rows[3][1][0]
    print(f"cold / parse floor: {cold / floor:.2f}x; warm / cold: {rows[1][1][0] / cold:.1%}")
    if not args.skip_torchfix:
        print(f"TorchFix / torchlint cold: {rows[4][1][0] / cold:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
