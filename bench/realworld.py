#!/usr/bin/env python3
"""Recall on real bugs: run linters on bench/realworld/ as a user would, and score them.

    python bench/realworld.py [--select CODES] [--jobs N] [--json OUT] [--markdown]
    python bench/realworld.py --validate          # every header well-formed
    python bench/realworld.py --check-expected    # today's outcomes against expected.json
    python bench/realworld.py --update-expected   # rewrite expected.json (deliberately)
    python bench/realworld.py --cpu               # run the `cpu:` claims under torch
    python bench/realworld.py --anchors           # TorchFix 0.7.0 and ruff, side by side
    python bench/realworld.py --bench DIR         # a held-out set of cases in this layout

A case is one file under cases/<pattern>/ or one folder under projects/. Each is
linted from its own folder with `torchlint --isolated --no-cache --format json -j 1`,
by worker processes that run that command in-process (`--per-process`: one
`torchlint` process per case, as a user runs it; the outcomes are the same). A buggy case is
*caught* when a finding lands on one of its `bug-lines:`, *wrong-line* when it draws
findings but none there, *missed* when it draws none; a look-alike is *silent* or
*flagged*. The header format is in bench/realworld/README.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "realworld"
EXPECTED = BENCH / "expected.json"
BENCH_VENV = ROOT / ".bench-venv"

KEYS = ("source", "error", "pattern", "shape", "bug-lines", "looks-like", "cpu", "needs")
SHAPES = ("helper", "loader-loop", "batch-dict", "class", "multi-file", "top-level")
# The shapes that cross a boundary the analysis must follow (docs/audits.md states
# the share of cases with at least one of them).
CROSSING = ("helper", "loader-loop", "class", "multi-file")
_HEADER_LINE = re.compile(r"#\s?([a-z-]+):\s*(.*)$")
_FINDING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) ")


# --- the cases ---------------------------------------------------------------------


@dataclass
class Header:
    path: Path
    fields: dict[str, str]
    bug_lines: tuple[int, ...] = ()

    def get(self, key: str) -> str:
        return self.fields.get(key, "")


@dataclass
class Case:
    """One file under cases/, or one project folder (several headers)."""

    id: str
    root: Path  # the file, or the project folder
    headers: list[Header]

    @property
    def main(self) -> Header:
        # The project's training script (the file with a cpu claim, else the first
        # file with bug lines, else the first) speaks for the case.
        for h in self.headers:
            if h.get("cpu") and not h.get("cpu").startswith("no"):
                return h
        for h in self.headers:
            if h.bug_lines:
                return h
        return self.headers[0]

    @property
    def pattern(self) -> str:
        return self.main.get("looks-like") or self.main.get("pattern")

    @property
    def buggy(self) -> bool:
        return any(h.bug_lines for h in self.headers)

    @property
    def shapes(self) -> set[str]:
        out: set[str] = set()
        for h in self.headers:
            out.update(s.strip() for s in h.get("shape").split(",") if s.strip())
        if len(self.headers) > 1:
            out.add("multi-file")
        return out

    @property
    def sources(self) -> set[str]:
        return {u for h in self.headers for u in h.get("source").split() if u.startswith("http")}

    def bug_spots(self) -> set[tuple[str, int]]:
        """(path relative to the case root's folder, line) of every bug line."""
        return {(self.rel(h.path), n) for h in self.headers for n in h.bug_lines}

    def rel(self, path: Path) -> str:
        base = self.root if self.root.is_dir() else self.root.parent
        return path.resolve().relative_to(base.resolve()).as_posix()


def read_header(path: Path) -> Header:
    fields: dict[str, str] = {}
    last = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line.startswith("#"):
            break
        m = _HEADER_LINE.match(line)
        if m and m.group(1) in KEYS:
            last = m.group(1)
            fields[last] = m.group(2).strip()
        elif last and re.match(r"#\s{2,}\S", line):
            fields[last] += " " + line[1:].strip()
        else:
            last = ""
    bug_lines: tuple[int, ...] = ()
    if fields.get("bug-lines"):
        bug_lines = tuple(int(n) for n in re.findall(r"\d+", fields["bug-lines"]))
    return Header(path, fields, bug_lines)


def discover(base: Path = BENCH) -> list[Case]:
    cases: list[Case] = []
    for path in sorted((base / "cases").glob("*/*.py")):
        cases.append(Case(path.relative_to(base).as_posix(), path, [read_header(path)]))
    for folder in sorted(p for p in (base / "projects").glob("*") if p.is_dir()):
        files = sorted(folder.rglob("*.py"))
        headers = [read_header(p) for p in files if p.stat().st_size and p.name != "__init__.py"]
        cases.append(Case(folder.relative_to(base).as_posix(), folder, headers))
    return cases


def validate(cases: Sequence[Case]) -> list[str]:
    errors: list[str] = []
    for case in cases:
        if not case.headers:
            errors.append(f"{case.id}: no files with a header")
            continue
        kinds = set()
        for h in case.headers:
            where = f"{case.id}:{case.rel(h.path)}" if case.root.is_dir() else case.id
            for key in ("source", "error", "shape", "needs", "cpu"):
                if not h.get(key):
                    errors.append(f"{where}: no `{key}:`")
            if not any(u.startswith("http") for u in h.get("source").split()):
                errors.append(f"{where}: `source:` is not a URL")
            if not h.get("pattern") and not h.get("looks-like"):
                errors.append(f"{where}: needs `pattern:` (or `looks-like:` for a look-alike)")
            if h.get("pattern") and h.get("looks-like") and h.get("pattern") != h.get("looks-like"):
                errors.append(f"{where}: `pattern:` and `looks-like:` disagree")
            if h.get("looks-like") and h.bug_lines:
                errors.append(f"{where}: a look-alike has no `bug-lines:`")
            if not h.get("looks-like") and not case.root.is_dir() and not h.bug_lines:
                errors.append(f"{where}: a buggy case needs `bug-lines:`")
            unknown = [s for s in h.get("shape").replace(",", " ").split() if s not in SHAPES]
            if unknown:
                errors.append(f"{where}: unknown shape {unknown} (one of {', '.join(SHAPES)})")
            cpu = h.get("cpu")
            if cpu and not re.fullmatch(r'raises ".+"|clean|no\b.*', cpu):
                errors.append(f'{where}: `cpu:` is `raises "..."`, `clean` or `no <reason>`')
            if cpu.startswith("raises") and not h.bug_lines and not case.buggy:
                errors.append(f"{where}: a look-alike should not raise")
            lines = h.path.read_text(encoding="utf-8").splitlines()
            for n in h.bug_lines:
                text = lines[n - 1].strip() if 0 < n <= len(lines) else ""
                if not text or text.startswith("#"):
                    errors.append(f"{where}: bug line {n} is not code: {text!r}")
            kinds.add("ok" if h.get("looks-like") else "bug")
            if not case.root.is_dir():
                folder = case.root.parent.name
                if (h.get("pattern") or h.get("looks-like")) != folder:
                    errors.append(f"{where}: pattern/looks-like is not its folder `{folder}`")
        if case.root.is_dir():
            if len(kinds) > 1:
                errors.append(f"{case.id}: mixes buggy files and look-alike files")
            if kinds == {"bug"} and not case.buggy:
                errors.append(f"{case.id}: a buggy project needs `bug-lines:` in some file")
            if len(case.headers) < 2:
                errors.append(f"{case.id}: a project has at least two files")
    return errors


# --- running a linter ----------------------------------------------------------------


@dataclass
class Result:
    case: Case
    findings: list[tuple[str, int, str, str]] = field(default_factory=list)  # rel, line, code, msg
    error: str = ""

    @property
    def on_bug_lines(self) -> list[tuple[str, int, str, str]]:
        spots = self.case.bug_spots()
        return [f for f in self.findings if (f[0], f[1]) in spots]

    @property
    def outcome(self) -> str:
        if self.error:
            return "error"
        if not self.case.buggy:
            return "flagged" if self.findings else "silent"
        if self.on_bug_lines:
            return "caught"
        return "wrong-line" if self.findings else "missed"


def torchlint_command() -> list[str]:
    exe = Path(sys.executable).parent / "torchlint"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "torchlint"]


def _lint_args(case: Case, select: str | None) -> tuple[Path, list[str]]:
    """Where a user would stand to lint ``case`` and what they would type after
    ``torchlint``: the case's folder, one process, no cache, no configuration."""
    base = case.root if case.root.is_dir() else case.root.parent
    target = "." if case.root.is_dir() else case.root.name
    args = ["--isolated", "--no-cache", "--format", "json", "-j", "1"]
    if select:
        args += ["--select", select]
    return base, [*args, target]


def _scored(case: Case, code: int, stdout: str, stderr: str) -> Result:
    result = Result(case)
    if code not in (0, 1):
        result.error = stderr.strip() or f"exit {code}"
        return result
    for f in json.loads(stdout or "[]"):
        rel = Path(f["path"]).as_posix().removeprefix("./")
        result.findings.append((rel, f["line"], f["code"], f["message"]))
    return result


def run_torchlint(case: Case, select: str | None) -> Result:
    """``case`` linted by its own ``torchlint`` process, exactly as a user runs it."""
    base, args = _lint_args(case, select)
    proc = subprocess.run(
        [*torchlint_command(), *args], cwd=base, capture_output=True, text=True, timeout=300
    )
    return _scored(case, proc.returncode, proc.stdout, proc.stderr)


def lint_in_process(case: Case, select: str | None = None) -> Result:
    """The same command, run by this process's own ``torchlint`` entry point (click's
    runner, from the case's folder): the outcome of ``run_torchlint`` without a
    process start per case. Changes the working directory while it runs, so it is
    for the workers of ``run_in_workers``, one case at a time each."""
    from click.testing import CliRunner

    from torchlint.frontends.cli import main

    base, args = _lint_args(case, select)
    here = os.getcwd()
    os.chdir(base)
    try:
        out = CliRunner().invoke(main, args, catch_exceptions=True)
    finally:
        os.chdir(here)
    stderr = out.stderr
    if out.exception is not None and not isinstance(out.exception, SystemExit):
        stderr += f"{type(out.exception).__name__}: {out.exception}"
    return _scored(case, out.exit_code, out.stdout, stderr)


def run_in_workers(cases: Sequence[Case], select: str | None, jobs: int) -> list[Result]:
    """``lint_in_process`` over the cases in ``jobs`` worker processes (each starts
    Python and imports torchlint once), in the order of ``cases``."""
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(functools.partial(lint_in_process, select=select), cases, chunksize=4))


def run_text_linter(cmd: list[str], case: Case, codes: Callable[[str], bool]) -> Result:
    """A linter that prints `path:line:col: CODE message` (TorchFix, ruff)."""
    base = case.root if case.root.is_dir() else case.root.parent
    target = "." if case.root.is_dir() else case.root.name
    proc = subprocess.run([*cmd, target], cwd=base, capture_output=True, text=True, timeout=300)
    result = Result(case)
    for line in proc.stdout.splitlines():
        m = _FINDING_LINE.match(line)
        if m and codes(m.group("code")):
            rel = Path(m.group("path")).as_posix().removeprefix("./")
            result.findings.append((rel, int(m.group("line")), m.group("code"), line))
    return result


def run_all(cases: Sequence[Case], one: Callable[[Case], Result], jobs: int) -> list[Result]:
    with ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(one, cases))


# --- the tables ----------------------------------------------------------------------


def summary_line(results: Sequence[Result], name: str = "torchlint") -> str:
    buggy = [r for r in results if r.case.buggy]
    ok = [r for r in results if not r.case.buggy]
    out = Counter(r.outcome for r in results)
    pct = 100.0 * out["caught"] / len(buggy) if buggy else 0.0
    return (
        f"{name}: caught {out['caught']}/{len(buggy)} buggy cases at a right line ({pct:.1f}%), "
        f"{out['wrong-line']} only at a wrong line, {out['missed']} missed; "
        f"look-alikes flagged {out['flagged']}/{len(ok)}"
        + (f"; {out['error']} errors" if out["error"] else "")
    )


def pattern_table(results: Sequence[Result]) -> list[list[str]]:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        rows[r.case.pattern][r.outcome] += 1
        rows[r.case.pattern]["bug" if r.case.buggy else "ok"] += 1
    table = [["pattern", "cases", "caught", "wrong line", "missed", "look-alikes", "flagged"]]
    total: Counter[str] = Counter()
    for pattern in sorted(rows):
        c = rows[pattern]
        total.update(c)
        table.append(_row(pattern, c))
    table.append(_row("**all**", total))
    return table


def _row(name: str, c: Counter[str]) -> list[str]:
    return [
        name,
        str(c["bug"]),
        str(c["caught"]),
        str(c["wrong-line"]),
        str(c["missed"]),
        str(c["ok"]),
        str(c["flagged"]),
    ]


def rule_table(results: Sequence[Result]) -> list[list[str]]:
    hit: Counter[str] = Counter()  # buggy cases a rule catches at a right line
    elsewhere: Counter[str] = Counter()  # findings in buggy cases off the bug lines
    fp: Counter[str] = Counter()  # findings on look-alikes
    for r in results:
        if r.case.buggy:
            right = r.on_bug_lines
            for code in {f[2] for f in right}:
                hit[code] += 1
            for f in r.findings:
                if f not in right:
                    elsewhere[f[2]] += 1
        else:
            for f in r.findings:
                fp[f[2]] += 1
    table = [["rule", "cases caught", "findings off the bug lines", "findings on look-alikes"]]
    for code in sorted(set(hit) | set(elsewhere) | set(fp)):
        table.append([code, str(hit[code]), str(elsewhere[code]), str(fp[code])])
    return table


def shape_table(cases: Sequence[Case]) -> list[list[str]]:
    buggy = [c for c in cases if c.buggy]
    table = [["shape the defect crosses", "buggy cases", "share"]]
    for shape in SHAPES:
        n = sum(shape in c.shapes for c in buggy)
        table.append([shape, str(n), f"{100.0 * n / len(buggy):.0f}%"])
    n = sum(bool(c.shapes & set(CROSSING)) for c in buggy)
    table.append(
        [
            "**a helper, a loader loop, a class or a file**",
            str(n),
            f"{100.0 * n / len(buggy):.0f}%",
        ]
    )
    return table


def corpus_line(cases: Sequence[Case]) -> str:
    buggy = [c for c in cases if c.buggy]
    projects = [c for c in cases if c.root.is_dir()]
    threads = set().union(*(c.sources for c in cases))
    bug_threads = set().union(*(c.sources for c in buggy))
    return (
        f"{len(buggy)} buggy cases ({sum(c.root.is_dir() for c in buggy)} multi-file projects), "
        f"{len(cases) - len(buggy)} look-alikes ({len(projects) - sum(c.root.is_dir() for c in buggy)}"
        f" projects), from {len(threads)} threads ({len(bug_threads)} behind the buggy cases)"
    )


def markdown(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(table[0])]
    lines += ["| " + " | ".join(row) + " |" for row in table[1:]]
    return "\n".join(lines)


def plain(table: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in table
    )


# --- expected outcomes (the CI guard) --------------------------------------------------


def load_expected() -> dict[str, dict[str, str]]:
    if not EXPECTED.exists():
        return {}
    data: dict[str, dict[str, str]] = json.loads(EXPECTED.read_text())
    return data


def compare_expected(results: Iterable[Result], expected: dict[str, dict[str, str]]) -> list[str]:
    """Regressions only: a caught case no longer caught, a silent look-alike flagged, a
    case with no expectation. Improvements are reported by --check-expected too, but
    they are the next --update-expected, not a failure."""
    problems = []
    for r in results:
        want = expected.get(r.case.id, {}).get("outcome")
        if want is None:
            problems.append(f"{r.case.id}: not in expected.json (run --update-expected)")
        elif r.outcome == "error":
            problems.append(f"{r.case.id}: torchlint failed: {r.error}")
        elif want in ("caught", "silent") and r.outcome != want:
            extra = "; ".join(f"{p}:{n} {c}" for p, n, c, _ in r.findings)
            problems.append(f"{r.case.id}: expected {want}, now {r.outcome} {extra}".rstrip())
    return problems


def improvements(results: Iterable[Result], expected: dict[str, dict[str, str]]) -> list[str]:
    return [
        f"{r.case.id}: {expected[r.case.id]['outcome']} -> {r.outcome}"
        for r in results
        if r.case.id in expected
        and expected[r.case.id]["outcome"] != r.outcome
        and r.outcome in ("caught", "silent")
    ]


def write_expected(results: Sequence[Result], old: dict[str, dict[str, str]]) -> None:
    data = {}
    for r in sorted(results, key=lambda r: r.case.id):
        entry = {"outcome": r.outcome}
        if r.outcome not in ("caught", "silent"):
            # Why a case is missed is written by hand, and kept while the outcome stays.
            why = old.get(r.case.id, {}).get("why", "")
            if old.get(r.case.id, {}).get("outcome") == r.outcome or why:
                entry["why"] = why
            else:
                entry["why"] = ""
        data[r.case.id] = entry
    EXPECTED.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


def misses_by_reason(results: Sequence[Result], expected: dict[str, dict[str, str]]) -> str:
    groups: dict[str, list[str]] = defaultdict(list)
    for r in results:
        if r.outcome in ("missed", "wrong-line", "flagged"):
            why = expected.get(r.case.id, {}).get("why", "") or "(no reason written yet)"
            capability, _, rest = why.partition(":")
            groups[capability.strip()].append(f"- `{r.case.id}` ({r.outcome}): {rest.strip()}")
    out = []
    for capability in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        out.append(f"**{capability}** ({len(groups[capability])})\n")
        out += sorted(groups[capability])
        out.append("")
    return "\n".join(out)


# --- cpu claims ------------------------------------------------------------------------


def check_cpu(case: Case, python: str) -> str:
    """'' when the case's `cpu:` claims hold, else what happened."""
    problems = []
    for h in case.headers:
        claim = h.get("cpu")
        if not claim or claim.startswith("no"):
            continue
        try:
            proc = subprocess.run(
                [python, h.path.name],
                cwd=h.path.parent,
                capture_output=True,
                text=True,
                timeout=300,
                env={**os.environ, "CUDA_VISIBLE_DEVICES": "", "HF_HUB_OFFLINE": "1"},
            )
        except subprocess.TimeoutExpired:
            problems.append(f"{case.rel(h.path)}: timed out")
            continue
        tail = (proc.stderr.strip().splitlines() or [""])[-1]
        if claim == "clean" and proc.returncode != 0:
            problems.append(f"{case.rel(h.path)}: claims clean, exit {proc.returncode}: {tail}")
        elif claim.startswith("raises"):
            text = claim.split('"')[1]
            if proc.returncode == 0 or text not in proc.stderr:
                problems.append(f"{case.rel(h.path)}: claims {claim}, got: {tail or 'exit 0'}")
    return "; ".join(problems)


# --- the command ---------------------------------------------------------------------


def anchors(cases: Sequence[Case], jobs: int) -> list[tuple[str, list[Result]]]:
    bin_ = BENCH_VENV / "bin"
    if not (bin_ / "torchfix").exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
        subprocess.run(
            [str(bin_ / "python"), "-m", "pip", "install", "-q", "torchfix==0.7.0", "ruff"],
            check=True,
        )
    torchfix = [str(bin_ / "torchfix"), "--select", "ALL"]
    ruff = [str(bin_ / "ruff"), "check", "--isolated", "--no-cache", "--select", "ALL"]
    ruff += ["--output-format", "concise", "--exit-zero"]
    runs = [
        ("TorchFix 0.7.0 --select ALL", torchfix, lambda code: True),
        ("ruff --select ALL, any code", ruff, lambda code: True),
        # ruff's rules that speak of torch, numpy or dtypes at all: its NumPy rules
        # (NPY) and pandas-vet (PD); none is about devices.
        ("ruff, NPY/PD codes only", ruff, lambda code: code.startswith(("NPY", "PD"))),
    ]
    out = []
    for name, cmd, codes in runs:
        out.append(
            (
                name,
                run_all(
                    cases, lambda c, cmd=cmd, codes=codes: run_text_linter(cmd, c, codes), jobs
                ),
            )
        )
    return out


DOCS = ROOT / "docs" / "audits.md"
BEGIN, END = "<!-- realworld:begin -->", "<!-- realworld:end -->"
ANCHORS_BEGIN, ANCHORS_END = "<!-- realworld-anchors:begin -->", "<!-- realworld-anchors:end -->"


def docs_section(cases: Sequence[Case], results: Sequence[Result]) -> str:
    """The generated part of docs/audits.md's "Recall on real bugs" (the test keeps it true)."""
    expected = load_expected()
    return "\n\n".join(
        [
            BEGIN,
            f"The benchmark: {corpus_line(cases)}.",
            f"**{summary_line(results)}.**",
            "Per pattern (the default rules):",
            markdown(pattern_table(results)),
            "Per rule:",
            markdown(rule_table(results)),
            "What the defects cross (`shape:`), over the buggy cases:",
            markdown(shape_table(cases)),
            "Every case not caught, grouped by the fact the analysis lacks (from "
            "`bench/realworld/expected.json`):",
            misses_by_reason(results, expected).rstrip(),
            END,
        ]
    )


def replace_block(text: str, begin: str, end: str, block: str) -> str:
    if begin in text:
        head, _, rest = text.partition(begin)
        _, _, tail = rest.partition(end)
        return head + block.strip() + tail
    return text.rstrip() + "\n\n" + block.strip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", help="rule codes or prefixes, as torchlint --select")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", metavar="OUT", help="write every case's outcome and findings")
    parser.add_argument("--markdown", action="store_true", help="tables as Markdown (for docs)")
    parser.add_argument("--validate", action="store_true")
    parser.add_argument("--check-expected", action="store_true")
    parser.add_argument("--update-expected", action="store_true")
    parser.add_argument("--cpu", action="store_true", help="check the `cpu:` claims")
    parser.add_argument("--anchors", action="store_true", help="also TorchFix and ruff")
    parser.add_argument(
        "--write-docs", action="store_true", help="rewrite the generated part of docs/audits.md"
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per case")
    parser.add_argument(
        "--per-process",
        action="store_true",
        help="start one torchlint process per case, as a user would (the default lints "
        "the cases with the same command in --jobs worker processes: the same outcomes, "
        "without a start-up per case)",
    )
    parser.add_argument(
        "--bench",
        type=Path,
        default=BENCH,
        help="another folder of cases in this layout (a held-out set)",
    )
    parser.add_argument("cases", nargs="*", help="only these case ids (cases/x/y.py, projects/z)")
    args = parser.parse_args(argv)
    if args.bench.resolve() != BENCH.resolve() and (
        args.check_expected or args.update_expected or args.write_docs
    ):
        parser.error("--check-expected, --update-expected, --write-docs: bench/realworld only")

    cases = discover(args.bench)
    if args.cases:
        cases = [
            c for c in cases if c.id in args.cases or any(c.id.startswith(p) for p in args.cases)
        ]
    if not cases:
        print(f"no cases under {args.bench} (cases/<pattern>/*.py, projects/*/)", file=sys.stderr)
        return 2
    errors = validate(cases)
    if args.validate or errors:
        for e in errors:
            print(e, file=sys.stderr)
        print(f"{len(cases)} cases, {len(errors)} header problems", file=sys.stderr)
        print(corpus_line(cases), file=sys.stderr)
        if errors or args.validate:
            return 1 if errors else 0

    if args.cpu:
        claims = [
            c
            for c in cases
            if any(
                h.get("cpu") in ("clean",) or h.get("cpu").startswith("raises") for h in c.headers
            )
        ]
        found = run_all(claims, lambda c: Result(c, error=check_cpu(c, sys.executable)), args.jobs)
        bad = [r for r in found if r.error]
        for r in bad:
            print(f"{r.case.id}: {r.error}")
        raises = sum(any(h.get("cpu").startswith("raises") for h in c.headers) for c in claims)
        print(
            f"cpu claims: {len(claims)} cases run ({raises} that raise, {len(claims) - raises} clean), {len(bad)} wrong"
        )
        return 1 if bad else 0

    select = args.select
    if args.check_expected or args.update_expected:
        select = None  # the guard is on the default rules, as users run them
    if args.per_process:
        results = run_all(cases, lambda c: run_torchlint(c, select), args.jobs)
    else:
        results = run_in_workers(cases, select, args.jobs)
    fmt = markdown if args.markdown else plain

    if args.update_expected:
        write_expected(results, load_expected())
        print(f"wrote {EXPECTED.relative_to(ROOT)}")
    if args.check_expected:
        expected = load_expected()
        problems = compare_expected(results, expected)
        for p in problems:
            print("REGRESSION", p)
        for p in improvements(results, expected):
            print("better (update expected.json):", p)
        print(summary_line(results))
        return 1 if problems else 0

    if args.verbose:
        for r in results:
            spots = ", ".join(f"{p}:{n} {c}" for p, n, c, _ in r.findings)
            print(f"{r.outcome:10} {r.case.id}  {spots}{r.error}")
        print()
    print(corpus_line(cases))
    print()
    print(fmt(pattern_table(results)))
    print()
    print(fmt(rule_table(results)))
    print()
    print(fmt(shape_table(cases)))
    print()
    if args.markdown:
        print(misses_by_reason(results, load_expected()))
    print(summary_line(results))
    if args.anchors:
        rows = [
            ["tool", "caught at a right line", "wrong line only", "missed", "look-alikes flagged"]
        ]
        notes = []
        for name, res in [("torchlint (default rules)", results), *anchors(cases, args.jobs)]:
            out = Counter(r.outcome for r in res)
            buggy = sum(r.case.buggy for r in res)
            rows.append(
                [
                    name,
                    f"{out['caught']}/{buggy} ({100.0 * out['caught'] / buggy:.0f}%)",
                    str(out["wrong-line"]),
                    str(out["missed"]),
                    f"{out['flagged']}/{len(res) - buggy}",
                ]
            )
            codes = Counter(f[2] for r in res for f in r.on_bug_lines)
            notes.append(
                f"- {name}: codes on bug lines: "
                + (
                    ", ".join(f"{c} {n}" for c, n in sorted(codes.items(), key=lambda kv: -kv[1]))
                    or "none"
                )
            )
        print()
        print(fmt(rows))
        print("\n".join(notes))
        if args.write_docs and not args.select and not args.cases:
            block = "\n\n".join([ANCHORS_BEGIN, markdown(rows), "\n".join(notes), ANCHORS_END])
            DOCS.write_text(replace_block(DOCS.read_text(), ANCHORS_BEGIN, ANCHORS_END, block))
    if args.write_docs and not args.select and not args.cases:
        DOCS.write_text(replace_block(DOCS.read_text(), BEGIN, END, docs_section(cases, results)))
        print(f"wrote {DOCS.relative_to(ROOT)}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                [
                    {
                        "case": r.case.id,
                        "pattern": r.case.pattern,
                        "buggy": r.case.buggy,
                        "outcome": r.outcome,
                        "findings": [
                            {"path": p, "line": n, "code": c, "message": m}
                            for p, n, c, m in r.findings
                        ],
                        "error": r.error,
                    }
                    for r in results
                ],
                indent=1,
            )
        )
    return 2 if any(r.outcome == "error" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
