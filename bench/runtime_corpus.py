#!/usr/bin/env python3
"""The runtime check on real code: no false alarm on correct GPU code, and the real
bugs of bench/realworld/ reproduced at their line.

    python bench/runtime_corpus.py                # the correct corpus: scripts, runs, alarms
    python bench/runtime_corpus.py --buggy        # bench/realworld's runnable buggy cases
    python bench/runtime_corpus.py --all --write-docs   # both, into docs/runtime.md
    python bench/runtime_corpus.py -v [NAMES...]  # one line per run; only these scripts/cases

Every script runs in its own `torchlint run --simulate-cuda --devices N --json`
process, as a user would run it, in its own folder.

The correct corpus is bench/runtime_corpus/*.py (GPU training and inference scripts
from public repositories, shrunk to a few steps; each names its origin in `source:`)
and the look-alikes of bench/realworld/ that need only torch and numpy. Each runs on
one and on two simulated GPUs; a run that exits 1 (a record) is a false alarm, one that
exits 2 (the script crashed) is a simulation that cannot run correct code.

The buggy cases are bench/realworld's cases with `bug-lines:` whose `needs:` are torch
and numpy and whose `cpu:` claim is not `no ...` (runnable here). A case is
*reproduced* when the run exits 1 with a record at one of its bug lines: the record's
own line, or a line its story names (where the mismatched tensor was made, moved, cast
or passed in, or the wrapper or plain list involved). It runs on one simulated GPU,
then on two if one did not reproduce it (a bug of multi-GPU nodes), then, if neither
did, with a plain `torchlint run` on this machine, which has no GPU, with the files
the GPU runs wrote (a bug of loading on a laptop what a GPU saved: the simulation
saves tensors on a simulated GPU with their `cuda:N` location, as a GPU would).
Every run has TMPDIR set to a fresh folder, shared by the runs of one case. Why each
miss is a miss is written by hand in bench/runtime_corpus/realworld_misses.json, with
whether a run on the installed torch would show the bug at all (a bug of older torch
releases would not, nor half precision on a CPU, which torch now runs): the figures
are given over all runnable cases and over those a run would show. realworld_args.json holds the
arguments a case's bug needs, as its thread's user ran it (which GPU).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realworld  # bench/realworld.py: the cases and their headers

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "runtime_corpus"
MISSES = CORPUS / "realworld_misses.json"
# Arguments a case's bug needs, as the user of its thread ran it (say, which GPU).
ARGS = CORPUS / "realworld_args.json"
DOCS = ROOT / "docs" / "runtime.md"
BEGIN, END = "<!-- runtime-corpus:begin -->", "<!-- runtime-corpus:end -->"
RUNNABLE_NEEDS = {"torch", "numpy", "none"}
# The patterns of bench/realworld whose defect is a dtype (the rest are devices).
DTYPE_PATTERNS = {
    "float64-input",
    "input-dtype-mismatch",
    "loss-target-dtype",
    "partial-dtype-cast",
    "half-on-cpu",
}


@dataclass
class Run:
    """One `torchlint run --simulate-cuda --devices N --json` of one script; with
    ``devices`` 0, a plain `torchlint run --json` (this machine, which has no GPU)."""

    script: Path
    devices: int
    exit_code: int
    records: list[dict[str, Any]] = field(default_factory=list)
    crash: dict[str, Any] | None = None
    stderr: str = ""

    def summary(self) -> str:
        if self.records:
            r = self.records[0]
            loc = r["location"] or {}
            more = f" (+{len(self.records) - 1} more)" if len(self.records) > 1 else ""
            return f"{r['code']} at {Path(loc.get('path', '?')).name}:{loc.get('line', 0)}: {r['message'][:90]}{more}"
        if self.crash:
            return f"crashed: {self.crash['type']}: {self.crash['message'][:100]}"
        tail = self.stderr.strip().splitlines()
        return tail[-1] if tail else ""


def torchlint_run(
    script: Path,
    devices: int,
    args: Sequence[str] = (),
    tmpdir: str | None = None,
    timeout: int = 300,
) -> Run:
    """Run it in its own folder, with TMPDIR a fresh folder (or ``tmpdir``, shared by
    the runs of one case, so that a checkpoint the GPU run saved is there for the
    next run, as on the thread's user's disk)."""
    cmd = [sys.executable, "-m", "torchlint", "run"]
    if devices:
        cmd += ["--simulate-cuda", "--devices", str(devices)]
    if tmpdir is None:
        with tempfile.TemporaryDirectory(prefix="torchlint-run-") as fresh:
            return torchlint_run(script, devices, args, fresh, timeout)
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        TMPDIR=tmpdir,
    )
    try:
        proc = subprocess.run(
            [*cmd, "--json", script.name, *args],
            cwd=script.parent,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return Run(script, devices, 124, stderr=f"timed out after {timeout} s")
    run = Run(script, devices, proc.returncode, stderr=proc.stderr)
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return run
    run.records, run.crash = data["records"], data["crash"]
    return run


def run_all(jobs: int, items: Sequence[Any], one: Callable[[Any], Any]) -> list[Any]:
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        return list(pool.map(one, items))


# --- the correct corpus ----------------------------------------------------------------


def needs(case: realworld.Case) -> set[str]:
    return {n.strip() for h in case.headers for n in h.get("needs").split(",") if n.strip()}


def runnable(case: realworld.Case) -> bool:
    return needs(case) <= RUNNABLE_NEEDS and not case.main.get("cpu").startswith("no")


def entry(case: realworld.Case) -> Path:
    """The file to run: the case's file, or the project's script with a __main__."""
    if not case.root.is_dir():
        return case.root
    for h in case.headers:
        if "__main__" in h.path.read_text(encoding="utf-8"):
            return h.path
    return case.main.path


def correct_scripts() -> list[tuple[str, Path]]:
    """(name, path): the corpus, then bench/realworld's runnable look-alikes."""
    out = [(f"runtime_corpus/{p.name}", p) for p in sorted(CORPUS.glob("*.py"))]
    for case in realworld.discover():
        if not case.buggy and runnable(case):
            out.append((f"realworld/{case.id}", entry(case)))
    return out


def check_correct(jobs: int, only: Sequence[str], verbose: bool) -> tuple[str, list[str]]:
    scripts = [s for s in correct_scripts() if not only or any(o in s[0] for o in only)]
    pairs = [(name, path, devices) for name, path in scripts for devices in (1, 2)]
    runs = run_all(jobs, pairs, lambda p: (p[0], torchlint_run(p[1], p[2])))
    alarms = [(n, r) for n, r in runs if r.exit_code == 1]
    crashes = [(n, r) for n, r in runs if r.exit_code not in (0, 1)]
    if verbose:
        for name, r in runs:
            print(f"{r.exit_code}  {name} --devices {r.devices}  {r.summary()}")
    corpus = sum(name.startswith("runtime_corpus/") for name, _ in scripts)
    line = (
        f"correct corpus: {len(scripts)} scripts ({corpus} shrunk from public repositories, "
        f"{len(scripts) - corpus} look-alikes of bench/realworld), {len(runs)} runs (each on 1 "
        f"and on 2 simulated GPUs): {len(alarms)} false alarms, {len(crashes)} crashes"
    )
    problems = [
        f"- `{n}` --devices {r.devices}: exit {r.exit_code}: {r.summary()}"
        for n, r in alarms + crashes
    ]
    return line, problems


# --- the buggy cases -------------------------------------------------------------------


@dataclass
class Outcome:
    case: realworld.Case
    runs: list[Run]

    @property
    def kind(self) -> str:
        return "dtype" if self.case.pattern in DTYPE_PATTERNS else "device"

    @property
    def cpu_reproducible(self) -> bool:
        return any(h.get("cpu").startswith("raises") for h in self.case.headers)

    def hits(self, run: Run) -> list[tuple[str, int]]:
        """The bug lines a record of the run names: its own line or its story's."""
        base = self.case.root if self.case.root.is_dir() else self.case.root.parent
        spots = self.case.bug_spots()

        def rel(path: str) -> str:
            full = (run.script.parent / path).resolve()
            try:
                return full.relative_to(base.resolve()).as_posix()
            except ValueError:
                return path

        found = []
        for r in run.records:
            frames = [r["location"]] if r["location"] else []
            frames += [o["location"] for o in r.get("origins", [])]
            found += [
                (rel(f["path"]), f["line"]) for f in frames if (rel(f["path"]), f["line"]) in spots
            ]
        return found

    @property
    def reproduced(self) -> Run | None:
        for run in self.runs:
            if run.exit_code == 1 and self.hits(run):
                return run
        return None

    @property
    def at_own_line(self) -> bool:
        """Reproduced with a record whose own line is a bug line."""
        run = self.reproduced
        if run is None:
            return False
        spots = self.case.bug_spots()
        return any(
            r["location"]
            and (Path(r["location"]["path"]).name, r["location"]["line"])
            in {(Path(p).name, n) for p, n in spots}
            for r in run.records
        )

    def describe(self) -> str:
        # The run that says most: one with records (elsewhere), else the last one.
        run = next((r for r in self.runs if r.exit_code == 1), self.runs[-1])
        if run.exit_code == 0:
            return "the run hit no mismatch"
        if run.exit_code == 1:
            lines = ", ".join(f"{Path(p).name}:{n}" for p, n in sorted(self.case.bug_spots()))
            return f"reported elsewhere ({run.summary()}), bug lines {lines}"
        return run.summary()


def check_buggy(jobs: int, only: Sequence[str], verbose: bool) -> tuple[list[str], list[str]]:
    cases = [c for c in realworld.discover() if c.buggy and runnable(c)]
    cases = [c for c in cases if not only or any(o in c.id for o in only)]

    case_args: dict[str, list[str]] = json.loads(ARGS.read_text()) if ARGS.exists() else {}

    def one(case: realworld.Case) -> Outcome:
        args = case_args.get(case.id, [])
        outcome = Outcome(case, [])
        with tempfile.TemporaryDirectory(prefix="torchlint-case-") as tmp:
            # One simulated GPU, then two (a bug of multi-GPU nodes), then this machine
            # without a GPU, after the GPU runs (a bug of loading what a GPU saved).
            for devices in (1, 2, 0):
                outcome.runs.append(torchlint_run(entry(case), devices, args, tmp))
                if outcome.reproduced is not None:
                    break
        return outcome

    outcomes: list[Outcome] = run_all(jobs, cases, one)
    why: dict[str, dict[str, Any]] = json.loads(MISSES.read_text()) if MISSES.exists() else {}

    def gpu_shows(o: Outcome) -> bool:
        return bool(why.get(o.case.id, {}).get("a run shows it", True))

    if verbose:
        for o in outcomes:
            got = o.reproduced
            state = f"reproduced --devices {got.devices}" if got else "missed"
            print(f"{state:24} {o.kind:6} {o.case.id}  {o.describe() if not got else ''}")
    lines = []
    for kind in ("device", "dtype"):
        mine = [o for o in outcomes if o.kind == kind]
        done = [o for o in mine if o.reproduced]
        two = sum(o.reproduced is not None and o.reproduced.devices == 2 for o in done)
        none = sum(o.reproduced is not None and o.reproduced.devices == 0 for o in done)
        own = sum(o.at_own_line for o in done)
        pct = 100.0 * len(done) / len(mine) if mine else 0.0
        shown = [o for o in mine if gpu_shows(o)]
        lines.append(
            f"{kind} bugs: reproduced {len(done)}/{len(mine)} runnable ({pct:.0f}%) at a bug line, "
            f"exit 1 ({own} at the record's own line, {len(done) - own} at a line its story names; "
            f"{two} needed two simulated GPUs, {none} a run without a GPU after the GPU run); "
            f"{len(done)}/{len(shown)} "
            f"({100.0 * len(done) / len(shown) if shown else 0.0:.0f}%) of those a run on this "
            "torch would show at all"
        )
        if kind == "dtype":
            cpu = [o for o in mine if o.cpu_reproducible]
            cpu_done = [o for o in cpu if o.reproduced]
            pct = 100.0 * len(cpu_done) / len(cpu) if cpu else 0.0
            lines.append(
                f"dtype bugs that reproduce on a CPU (`cpu: raises`): reproduced "
                f"{len(cpu_done)}/{len(cpu)} ({pct:.0f}%)"
            )
    misses = [
        f"- `{o.case.id}` ({o.kind}): "
        f"{why.get(o.case.id, {}).get('why') or '(no reason written yet)'} [{o.describe()}]"
        for o in outcomes
        if not o.reproduced
    ]
    return lines, misses


# --- the command -------------------------------------------------------------------------


CORRECT_HEAD = "**Correct corpus:"


def docs_block(
    correct: tuple[str, list[str]] | None,
    buggy: tuple[list[str], list[str]] | None,
    previous: str = "",
) -> str:
    """The generated block; a part not rerun (``--buggy`` alone) is kept from the
    ``previous`` block."""
    parts = [BEGIN, "Generated by `python bench/runtime_corpus.py --all --write-docs`."]
    if correct is not None:
        line, problems = correct
        parts.append(f"**{line[0].upper()}{line[1:]}.**")
        if problems:
            parts.append("\n".join(problems))
    else:
        kept = previous.partition(CORRECT_HEAD)[2].partition("\n- **")[0]
        if kept:
            parts.append((CORRECT_HEAD + kept).strip())
    if buggy is not None:
        lines, misses = buggy
        parts.append("\n".join(f"- **{line[0].upper()}{line[1:]}.**" for line in lines))
        if misses:
            parts.append("Every miss, and why (`bench/runtime_corpus/realworld_misses.json`):")
            parts.append("\n".join(misses))
    else:
        kept = previous.partition("\n- **")[2]
        if kept:
            parts.append(("- **" + kept).strip())
    parts.append(END)
    return "\n\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--buggy", action="store_true", help="bench/realworld's buggy cases instead"
    )
    parser.add_argument("--all", action="store_true", help="the correct corpus and the buggy cases")
    parser.add_argument("--write-docs", action="store_true", help="rewrite docs/runtime.md's block")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "names", nargs="*", help="only the scripts or cases whose name has one of these"
    )
    args = parser.parse_args(argv)

    correct = buggy = None
    if args.all or not args.buggy:
        correct = check_correct(args.jobs, args.names, args.verbose)
        print(correct[0])
        print("\n".join(correct[1]))
    if args.all or args.buggy:
        buggy = check_buggy(args.jobs, args.names, args.verbose)
        print("\n".join(buggy[0]))
        print("\n".join(buggy[1]))
    if args.write_docs:
        if args.names:
            print(
                "--write-docs writes the figures of every script and case: drop NAMES",
                file=sys.stderr,
            )
            return 2
        text = DOCS.read_text()
        previous = text.partition(BEGIN)[2].partition(END)[0]
        block = docs_block(correct, buggy, previous)
        DOCS.write_text(realworld.replace_block(text, BEGIN, END, block))
        print(f"wrote {DOCS.relative_to(ROOT)}")
    alarms = correct is not None and (correct[1] != [])
    return 1 if alarms else 0


if __name__ == "__main__":
    sys.exit(main())
