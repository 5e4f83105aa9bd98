#!/usr/bin/env python3
"""Speed, side by side, in one run on one machine (issue: "fast and unbreakable").

    python bench/run.py [--corpus DIR] [--packages timm,peft,accelerate] [--jobs N]
                        [--skip-torchfix]

Builds the real corpus with ../shared/bench/make_corpus.sh, then times on the same
files and the same number of processes:

  torchlint cold        --no-cache, the default rules (every file read, screened with
                        CPython's ast, parsed with LibCST where a rule may match);
                        and once more with every rule (--select TL)
  torchlint warm        cache filled by the previous run, nothing changed
  torchlint touched     one file edited, the rest cached
  LibCST parse floor    read + libcst.parse_module of every file, same process count
  TorchFix 0.7.0        `torchfix` on the same files (installed in .bench-venv)
  ruff                  `ruff check --no-cache` (the speed users know)

and prints wall seconds, CPU seconds (the command and its workers), files/s and
peak RSS of its largest process; then the warm single-file case (the file closest to
2,000 lines, linted in a process that has linted it once: the editor/LSP case). Record the table in docs/performance.md together with the machine.
TorchFix and ruff are installed into `.bench-venv/` next to this repository's root,
never into the project's environment.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
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


# Runs one command and reports its own children's usage: RUSAGE_CHILDREN of this
# benchmark process would keep the largest RSS of every earlier row.
MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([wall, use.ru_utime + use.ru_stime, use.ru_maxrss // 1024, rc]))
"""


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int, int]:
    """(wall s, CPU s of the command and its workers, peak RSS in MB of its largest
    process, exit code)"""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, env=env, check=True
    )
    wall, cpu, rss, rc = json.loads(out.stdout)
    return wall, cpu, rss, rc


SINGLE_FILE = r"""
import sys, time
from torchlint.lint import engine
from torchlint.rules import registry
text = open(sys.argv[1], encoding="utf-8").read()
codes = frozenset(c for c, r in registry.all_rules().items() if r.default_enabled)
engine.lint_text(sys.argv[1], text, codes)  # warm-up: imports, first parse
out = []
for screen in (True, False):
    times = []
    for _ in range(5):
        start = time.perf_counter()
        engine.lint_text(sys.argv[1], text, codes, screen=screen)
        times.append(time.perf_counter() - start)
    out.append(sorted(times)[2] * 1000)
print(*out)
"""


def single_file_ms(path: str) -> tuple[float, float]:
    """Median time to lint one file in a warm process (the editor / language server
    case): as the language server runs it (``engine.lint_text``, screen on), and
    with every default rule forced to run on the whole file (no screen)."""
    out = subprocess.run(
        [sys.executable, "-c", SINGLE_FILE, path], capture_output=True, text=True, check=True
    )
    screened, forced = out.stdout.split()
    return float(screened), float(forced)


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

    # pip compiles an installed package's modules; an editable install under
    # PYTHONDONTWRITEBYTECODE (as on the benchmark machine) never gets them compiled
    # and would pay ~70 ms of compiling at every start, a warm run's largest cost.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "torchlint")], check=True)

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
        # As users run it: the default rules (what `torchlint src/` enables).
        torchlint = [py, "-m", "torchlint", "--isolated", "-q", "--jobs", str(args.jobs)]

        rows: dict[str, tuple[float, float, int, int]] = {}
        rows["torchlint cold (--no-cache)"] = timed([*torchlint, "--no-cache", str(work)])
        rows["  every rule (--select TL)"] = timed(
            [*torchlint, "--no-cache", "--select", "TL", str(work)]
        )
        timed([*torchlint, str(work)])  # fill the cache
        rows["torchlint warm (cache)"] = timed([*torchlint, str(work)])
        with open(files[len(files) // 2], "a", encoding="utf-8") as fh:
            fh.write("\n# touched\n")
        rows["torchlint, one file touched"] = timed([*torchlint, str(work)])
        rows["LibCST parse floor"] = timed([py, str(floor_script), str(args.jobs), str(listing)])
        tools = bench_venv()
        if not args.skip_torchfix:
            rows["TorchFix 0.7.0"] = timed([str(tools / "torchfix"), str(work)])
        rows["ruff check --no-cache"] = timed(
            [str(tools / "ruff"), "check", "--no-cache", "--exit-zero", str(work)]
        )

        # The editor case: the file closest to 2,000 lines.
        lines = {
            f: Path(f).read_text(encoding="utf-8", errors="replace").count("\n") for f in files
        }
        editor_file = min(files, key=lambda f: abs(lines[f] - 2000))
        editor_ms = single_file_ms(editor_file)

    n = len(files)
    print(f"{n} files ({args.packages}), {args.jobs} processes, Python {sys.version.split()[0]}")
    print(f"{'':32} {'wall s':>8} {'CPU s':>8} {'files/s':>8} {'peak MB':>8}")
    for name, (wall, cpu, rss, rc) in rows.items():
        note = "" if rc in (0, 1) else f"  (exit {rc})"
        print(f"{name:32} {wall:8.1f} {cpu:8.1f} {n / wall:8.0f} {rss:8d}{note}")
    cold = rows["torchlint cold (--no-cache)"][0]
    floor = rows["LibCST parse floor"][0]
    print(
        f"cold / parse floor: {cold / floor:.2f}x (every rule: "
        f"{rows['  every rule (--select TL)'][0] / floor:.2f}x); "
        f"warm / cold: {rows['torchlint warm (cache)'][0] / cold:.1%}"
    )
    if "TorchFix 0.7.0" in rows:
        print(f"TorchFix / torchlint cold: {rows['TorchFix 0.7.0'][0] / cold:.1f}x")
    name = Path(editor_file).relative_to(work)
    print(
        f"one file in a warm process ({name}, {lines[editor_file]} lines): "
        f"{editor_ms[0]:.0f} ms as the language server lints it, "
        f"{editor_ms[1]:.0f} ms with every default rule forced to run on all of it"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
