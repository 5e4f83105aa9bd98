#!/usr/bin/env python3
"""Mutation testing of torchlint's core: does the test suite fail when the code is
wrong? Each mutant is one small change to one module (an operator, a constant, a
condition, a removed statement...); a mutant is *killed* when a test fails on it and
*survives* when every test still passes. Results and the survivors' list: docs/testing.md.

    python bench/mutation.py map                  # which tests run which lines (once, ~15 min)
    python bench/mutation.py map tests/test_x.py  # add or refresh those tests in the map
    python bench/mutation.py run                  # every mutant not yet in the results
    python bench/mutation.py run --module torchlint/lint/fix.py --budget 600
    python bench/mutation.py run --rerun-survivors --prefer tests/test_mutants.py  # after adding tests
    python bench/mutation.py status               # which modules changed since their run
    python bench/mutation.py list [--survivors] [--module M]   # mutants, with their status
    python bench/mutation.py show ID              # one mutant as a diff
    python bench/mutation.py --write-docs         # docs/testing.md from the saved results
    python bench/mutation.py --check-docs         # exit 1 if the docs do not show them

Run it under ``nice -n 19``: it runs one mutant at a time.

How it works (why a mutator of our own rather than mutmut, cosmic-ray or
pytest-gremlins: docs/testing.md):

* ``map`` copies the working tree (tracked and untracked, not ignored, files) to
  ``.mutation/tree`` and runs the test suite there under coverage, with each test's
  node id as the coverage context, in the pytest process and in every torchlint
  subprocess the test starts (a ``sitecustomize`` on ``PYTHONPATH`` starts coverage
  there), and records each test's duration.
* ``run`` writes one mutant at a time into that copy and runs, in a process forked
  from a parent that has already imported pytest and LibCST, only the tests that
  executed the mutated lines (all tests that executed the module, for lines run when
  the module is imported), shortest first, stopping at the first failure
  (``pytest -x``), under a time limit of three times their mapped duration plus 20
  seconds; a mutant that runs past it is counted as killed (a timeout), as every
  mutation tool does. Subprocesses see the mutant too: ``PYTHONPATH`` puts the copy
  first.
* Results are saved after every mutant in ``bench/mutation_results.json``, keyed by
  the module's hash and the mutant's id (a hash of the function it is in, the
  operator and the changed text), so an interrupted run resumes where it stopped and
  an edited module is mutated again. The analysis modules are sampled (``SAMPLE``
  mutants drawn with ``SEED`` from all of theirs); the others are run whole.
* ``bench/mutation_notes.json`` holds, for each surviving mutant, "equivalent: why"
  or "not killed: why there is no test for it yet" (keyed by mutant id).
"""

from __future__ import annotations

import argparse
import ast
import bisect
import contextlib
import datetime
import hashlib
import io
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tokenize
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"
TREE = WORK / "tree"
SITE = WORK / "site"
COVERAGE_DIR = WORK / "coverage"
MAP = WORK / "map.json"
RESULTS = ROOT / "bench" / "mutation_results.json"
NOTES = ROOT / "bench" / "mutation_notes.json"
DOC = ROOT / "docs" / "testing.md"
BEGIN, END = "<!-- mutation-score:begin -->", "<!-- mutation-score:end -->"
SURVIVORS_BEGIN, SURVIVORS_END = (
    "<!-- mutation-survivors:begin -->",
    "<!-- mutation-survivors:end -->",
)

# The core modules: PER_MODULE mutants of each drawn with SEED (all of a module
# that has fewer); the analysis: SAMPLE mutants drawn with SEED from all of its
# modules' mutants together. Both can be raised: a larger sample keeps the smaller
# one's mutants (and results) and adds more. (On 2 cores shared with other work, at
# nice 19, a mutant takes about 30 s: all of the core's ~890 would take a day.)
CORE = (
    "torchlint/lint/engine.py",
    "torchlint/lint/fix.py",
    "torchlint/batch/cache.py",
    "torchlint/lint/noqa.py",
    "torchlint/config.py",
    "torchlint/batch/discovery.py",
)
SAMPLED = (
    "torchlint/analysis/__init__.py",
    "torchlint/analysis/effects.py",
    "torchlint/analysis/expressions.py",
    "torchlint/analysis/facts.py",
    "torchlint/analysis/file.py",
    "torchlint/analysis/flow.py",
    "torchlint/analysis/gates.py",
    "torchlint/analysis/loss_api.py",
    "torchlint/analysis/names.py",
    "torchlint/analysis/observations.py",
    "torchlint/analysis/optimizers.py",
    "torchlint/analysis/order.py",
    "torchlint/analysis/receivers.py",
    "torchlint/analysis/saves.py",
    "torchlint/analysis/scope.py",
    "torchlint/analysis/torch_api.py",
    "torchlint/analysis/values.py",
)
PER_MODULE = 20
WHOLE_UP_TO = 40  # a core module with no more mutants than this is run whole
SAMPLE = 160
SEED = 17

# "error 3"/"error 4": pytest could not start (the mutant breaks the import of the
# pytest plugin torchlint registers): every test run fails, so it is killed.
KILLED = ("killed", "timeout", "error 3", "error 4")
# Tests slower than this (in the map, under coverage) are never selected: the one
# above it, the real-world benchmark's docs check (~100 s), runs what the
# benchmark's faster tests already run.
MAX_TEST_SECONDS = 30.0
# A mutant runs its selected tests, shortest first, until their mapped durations add
# up to this: a line run at import (a module-level constant) is run by every test
# that uses the module, several minutes of tests for one mutant.
MAX_MUTANT_SECONDS = 60.0
NO_MUTATE = "pragma: no mutate"


# ------------------------------------------------------------------ the mutants


@dataclass(frozen=True)
class Mutant:
    module: str
    id: str
    line: int
    op: str  # the operator's name
    scope: str  # the function or class it is in
    statement: int  # the first line of the statement it is in
    start: int  # character offsets of the replaced text in the module's source
    end: int
    replacement: str

    def apply(self, source: str) -> str:
        return source[: self.start] + self.replacement + source[self.end :]

    def lines(self, source: str) -> tuple[str, str]:
        """The changed line(s), before and after, whitespace collapsed."""
        first = source.rfind("\n", 0, self.start) + 1
        last = source.find("\n", self.end)
        last = len(source) if last < 0 else last
        before = source[first:last]
        after = source[first : self.start] + self.replacement + source[self.end : last]
        return " ".join(before.split()), " ".join(after.split())


_CMP_SWAP = {
    "<": "<=",
    "<=": "<",
    ">": ">=",
    ">=": ">",
    "==": "!=",
    "!=": "==",
    "is": "is not",
    "is not": "is",
    "in": "not in",
    "not in": "in",
}
_BIN_SWAP = {
    "+": "-",
    "-": "+",
    "*": "/",
    "/": "*",
    "//": "/",
    "%": "/",
    "**": "*",
    "|": "&",
    "&": "|",
    "^": "&",
    "<<": ">>",
    ">>": "<<",
    "@": "*",
}
_CALL_SWAP = {"any": "all", "all": "any", "min": "max", "max": "min"}
# A negated condition repeats these: their operator's swap already negates it.
_NEGATING_CMP = (ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot)


class _Collector(ast.NodeVisitor):
    """Finds the mutation sites of one module. Operators:

    compare   ``<`` -> ``<=``, ``<=`` -> ``<`` (off by one), ``==`` <-> ``!=``,
              ``is`` <-> ``is not``, ``in`` <-> ``not in``
    boolean   ``and`` <-> ``or`` (each operator of a chain on its own)
    not       ``not x`` -> ``x``
    negate    the condition of ``if``/``elif``/``while``/``x if c else y``/a
              comprehension's ``if`` -> ``not (c)`` (unless a compare or ``not``
              operator already negates it)
    arith     ``+`` <-> ``-``, ``*`` <-> ``/``, ``//`` -> ``/``, ``%`` -> ``/``,
              ``|`` <-> ``&``, ``<<`` <-> ``>>``..., in expressions and ``x op= y``
    number    ``n`` -> ``n + 1`` (off by one; ``-1`` becomes ``-2``)
    bool      ``True`` <-> ``False``
    string    ``"s"`` -> ``"XXsXX"``, ``""`` -> ``"XX"`` (not docstrings)
    return    ``return expr`` -> ``return None`` (``expr`` not a constant)
    remove    an expression statement (a call), ``x.a = ...``, ``x[k] = ...``,
              ``x op= ...`` or ``del`` -> ``pass``
    keyword   a call's keyword argument removed (``f(a, k=v)`` -> ``f(a)``)
    call      ``any`` <-> ``all``, ``min`` <-> ``max``
    loop      ``break`` <-> ``continue``

    Not mutated: docstrings, annotations, ``if TYPE_CHECKING:`` blocks, f-strings,
    ``__all__``, and lines marked ``# pragma: no mutate``.
    """

    def __init__(self, module: str, source: str) -> None:
        self.module = module
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.tokens = [
            (self.offset(t.start[0], t.start[1], chars=True), t)
            for t in tokenize.generate_tokens(io.StringIO(source).readline)
        ]
        self.offsets = [off for off, _ in self.tokens]
        self.scope: list[str] = []
        self.statements: list[int] = []
        self.found: list[tuple[int, str, str, int, int, str, int]] = []

    def visit(self, node: ast.AST) -> None:
        if not isinstance(node, ast.stmt):
            super().visit(node)
            return
        self.statements.append(node.lineno)
        try:
            super().visit(node)
        finally:
            self.statements.pop()

    # positions: ast columns count UTF-8 bytes, tokenize columns characters
    def offset(self, line: int, col: int, chars: bool = False) -> int:
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        if not chars and not text.isascii():
            col = len(text.encode("utf-8")[:col].decode("utf-8", "replace"))
        return self.starts[line - 1] + col

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (
            self.offset(node.lineno, node.col_offset),  # type: ignore[attr-defined]
            self.offset(node.end_lineno, node.end_col_offset),  # type: ignore[attr-defined]
        )

    def text(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.source[start:end]

    def add(self, node: ast.AST, op: str, start: int, end: int, replacement: str) -> None:
        line = node.lineno  # type: ignore[attr-defined]
        if NO_MUTATE in self.lines[line - 1]:
            return
        scope = ".".join(self.scope) or "<module>"
        statement = self.statements[-1] if self.statements else line
        self.found.append((line, op, scope, start, end, replacement, statement))

    def operator_between(self, a: ast.AST, b: ast.AST) -> tuple[int, int, str] | None:
        """The operator token(s) between two operands: (start, end, text)."""
        lo, hi = self.span(a)[1], self.span(b)[0]
        picked: list[tuple[int, tokenize.TokenInfo]] = []
        for off, t in self.tokens[bisect.bisect_left(self.offsets, lo) :]:
            if off >= hi:
                break
            if t.type in (tokenize.OP, tokenize.NAME) and t.string not in ("(", ")"):
                picked.append((off, t))
        if not picked:
            return None
        last = picked[-1]
        end = last[0] + len(last[1].string)
        return picked[0][0], end, " ".join(t.string for _, t in picked)

    # ------------------------------------------------------------- skipped parts
    def body(self, statements: list[ast.stmt]) -> None:
        for i, stmt in enumerate(statements):
            if (
                i == 0
                and isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            ):
                continue  # a docstring
            self.visit(stmt)

    def visit_Module(self, node: ast.Module) -> None:
        self.body(node.body)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self.scope.append(node.name)
        self.body(node.body)
        self.scope.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.visit(node.body)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.scope.append(node.name)
        self.body(node.body)
        self.scope.pop()

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        pass

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return
        if any(isinstance(t, ast.Attribute | ast.Subscript) for t in node.targets):
            self.add(node, "remove", *self.span(node), "pass")
        self.generic_visit(node)

    def visit_If(self, node: ast.If) -> None:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return
        self.negate(node.test)
        self.visit(node.test)
        for stmt in [*node.body, *node.orelse]:
            self.visit(stmt)

    # ------------------------------------------------------------------ operators
    def negate(self, test: ast.expr) -> None:
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return
        if (
            isinstance(test, ast.Compare)
            and len(test.ops) == 1
            and isinstance(test.ops[0], _NEGATING_CMP)
        ):
            return
        start, end = self.span(test)
        self.add(test, "negate", start, end, f"not ({self.source[start:end]})")

    def visit_While(self, node: ast.While) -> None:
        self.negate(node.test)
        self.generic_visit(node)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self.negate(node.test)
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        for cond in node.ifs:
            self.negate(cond)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        left: ast.expr = node.left
        for right in node.comparators:
            found = self.operator_between(left, right)
            if found and found[2] in _CMP_SWAP:
                self.add(node, "compare", found[0], found[1], _CMP_SWAP[found[2]])
            left = right
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        for a, b in zip(node.values, node.values[1:], strict=False):
            found = self.operator_between(a, b)
            if found and found[2] in ("and", "or"):
                swapped = "or" if found[2] == "and" else "and"
                self.add(node, "boolean", found[0], found[1], swapped)
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        is_format = isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant)
        found = self.operator_between(node.left, node.right)
        if found and found[2] in _BIN_SWAP and not is_format:
            self.add(node, "arith", found[0], found[1], _BIN_SWAP[found[2]])
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        found = self.operator_between(node.target, node.value)
        if found and found[2].endswith("=") and found[2][:-1] in _BIN_SWAP:
            self.add(node, "arith", found[0], found[1], _BIN_SWAP[found[2][:-1]] + "=")
        self.add(node, "remove", *self.span(node), "pass")
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            start, end = self.span(node)
            self.add(node, "not", start, end, f"({self.text(node.operand)})")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        start, end = self.span(node)
        if isinstance(value, bool):
            self.add(node, "bool", start, end, str(not value))
        elif isinstance(value, int | float) and not isinstance(value, complex):
            self.add(node, "number", start, end, repr(value + 1))
        elif isinstance(value, str | bytes):
            self.add(node, "string", start, end, repr(value[:0].join(_xx(value))))

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and not isinstance(node.value, ast.Constant):
            self.add(node, "return", *self.span(node.value), "None")
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        if not isinstance(node.value, ast.Constant):
            self.add(node, "remove", *self.span(node), "pass")
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        self.add(node, "remove", *self.span(node), "pass")

    def visit_Break(self, node: ast.Break) -> None:
        self.add(node, "loop", *self.span(node), "continue")

    def visit_Continue(self, node: ast.Continue) -> None:
        self.add(node, "loop", *self.span(node), "break")

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in _CALL_SWAP:
            self.add(node, "call", *self.span(node.func), _CALL_SWAP[node.func.id])
        for i, keyword in enumerate(node.keywords):
            if keyword.arg is None:
                continue
            call = ast.Call(node.func, node.args, node.keywords[:i] + node.keywords[i + 1 :])
            self.add(node, "keyword", *self.span(node), f"({ast.unparse(call)})")
        self.generic_visit(node)


def _xx(value: str | bytes) -> tuple[Any, Any, Any]:
    xx = b"XX" if isinstance(value, bytes) else "XX"
    return (xx, value, xx) if value else (xx, value[:0], value[:0])


def mutants_of(module: str, source: str) -> list[Mutant]:
    collector = _Collector(module, source)
    collector.visit(ast.parse(source))
    out: list[Mutant] = []
    seen: dict[str, int] = {}
    for line, op, scope, start, end, replacement, statement in sorted(collector.found):
        before = source[start:end]
        if before == replacement:
            continue
        basis = f"{module}\0{scope}\0{op}\0{before}\0{replacement}"
        n = seen[basis] = seen.get(basis, 0) + 1
        digest = hashlib.sha1(f"{basis}\0{n}".encode()).hexdigest()[:10]
        out.append(Mutant(module, digest, line, op, scope, statement, start, end, replacement))
    return out


def module_hash(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def sample(mutants: list[Any], n: int, seed: int) -> list[Any]:
    """``n`` of ``mutants``, in their order: the first ``n`` of a shuffle fixed by
    ``seed``, so a larger ``n`` draws the same mutants and more (the results of a
    smaller sample stay valid)."""
    order = list(range(len(mutants)))
    random.Random(seed).shuffle(order)
    return [mutants[i] for i in sorted(order[:n])]


def rank(mutants: list[Any], seed: int) -> dict[int, int]:
    """Each index's place in the shuffle of ``sample``."""
    order = list(range(len(mutants)))
    random.Random(seed).shuffle(order)
    return {i: place for place, i in enumerate(order)}


def draw(mutants: list[Mutant], n: int, seed: int) -> list[Mutant]:
    """``n`` of ``mutants``, in their order: those whose ids hash lowest with
    ``seed``. Whether a mutant is drawn depends on its own id (the function it is
    in, the operator, the changed text), not on its place among the others: an edit
    of one module leaves the draw of the other modules' mutants as it was, but for
    the few the new mutants displace at the margin (a draw by place in a shuffle of
    the pooled list redraws them all). A larger ``n`` draws the same mutants and
    more."""

    def key(m: Mutant) -> str:
        return hashlib.sha1(f"{seed}\0{m.id}".encode()).hexdigest()

    chosen = {m.id for m in sorted(mutants, key=key)[:n]}
    return [m for m in mutants if m.id in chosen]


def selected(modules: Iterable[str] | None = None) -> dict[str, list[Mutant]]:
    """The mutants to run, per module: PER_MODULE of each core module's, SAMPLE of
    the analysis modules' together."""
    wanted = set(modules or (*CORE, *SAMPLED))
    out: dict[str, list[Mutant]] = {}
    pool: list[Mutant] = []
    for module in (*CORE, *SAMPLED):
        mutants = mutants_of(module, (ROOT / module).read_text(encoding="utf-8"))
        if module in CORE:
            small = len(mutants) <= WHOLE_UP_TO
            out[module] = mutants if small else sample(mutants, PER_MODULE, SEED)
        else:
            pool += mutants
    drawn = draw(pool, SAMPLE, SEED)
    for module in SAMPLED:
        out[module] = [m for m in drawn if m.module == module]
    return {m: v for m, v in out.items() if m in wanted}


def population() -> dict[str, int]:
    return {
        module: len(mutants_of(module, (ROOT / module).read_text(encoding="utf-8")))
        for module in (*CORE, *SAMPLED)
    }


# ------------------------------------------------------------- the working copy


def sync_tree() -> None:
    """Copy the working tree to TREE (only files that changed), then byte-compile it
    with hash-checked .pyc files: a mutant's source no longer matches its .pyc and
    is compiled afresh, the restored file matches again."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    files = {f for f in listed.split("\0") if f and (ROOT / f).is_file()}
    TREE.mkdir(parents=True, exist_ok=True)
    if not (TREE / ".git").exists():
        # A repository of its own: torchlint reads .gitignore files up to the first
        # folder with a .git, and the working tree's ignores .mutation/.
        subprocess.run(["git", "init", "-q", str(TREE)], check=True)
    for rel in files:
        src, dst = ROOT / rel, TREE / rel
        data = src.read_bytes()
        if not dst.is_file() or dst.read_bytes() != data:
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(data)
            shutil.copymode(src, dst)
    for path in list(TREE.rglob("*")):
        rel = path.relative_to(TREE).as_posix()
        if path.is_file() and "__pycache__" not in rel and rel not in files:
            if not rel.startswith((".git/", ".hypothesis/", ".pytest_cache/", ".torchlint_cache/")):
                path.unlink()
    import compileall
    import py_compile

    for folder in ("torchlint", "tests"):
        compileall.compile_dir(
            TREE / folder,
            quiet=2,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH,
        )


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("COVERAGE_PROCESS_START", None)
    env.update(PYTHONPATH=str(TREE), PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


# -------------------------------------------------------------- the coverage map

_SITECUSTOMIZE = """\
import os
if os.environ.get("COVERAGE_PROCESS_START"):
    import coverage
    coverage.process_startup()
"""

_PLUGIN = """\
import json, os, time
import coverage

durations, failed = {}, []

def pytest_runtest_protocol(item, nextitem):
    os.environ["TORCHLINT_MUT_CONTEXT"] = item.nodeid
    cov = coverage.Coverage.current()
    if cov is not None:
        cov.switch_context(item.nodeid)

def pytest_runtest_logreport(report):
    durations[report.nodeid] = durations.get(report.nodeid, 0.0) + report.duration
    if report.failed:
        failed.append(report.nodeid)

def pytest_sessionfinish(session):
    os.environ["TORCHLINT_MUT_CONTEXT"] = ""
    with open(os.environ["TORCHLINT_MUT_TESTS"], "w") as fh:
        json.dump({"durations": durations, "failed": failed}, fh)
"""


def build_map(tests: Sequence[str]) -> None:
    """Run ``tests`` (default: the whole suite) under coverage in TREE and merge,
    per module and line, the node ids of the tests that ran it into MAP."""
    sync_tree()
    shutil.rmtree(COVERAGE_DIR, ignore_errors=True)
    COVERAGE_DIR.mkdir(parents=True)
    SITE.mkdir(parents=True, exist_ok=True)
    (SITE / "sitecustomize.py").write_text(_SITECUSTOMIZE)
    (SITE / "mutation_map_plugin.py").write_text(_PLUGIN)
    rc = COVERAGE_DIR / "coveragerc"
    include = ",".join(str(TREE / m) for m in (*CORE, *SAMPLED))
    rc.write_text(
        "[run]\n"
        f"data_file = {COVERAGE_DIR / '.coverage'}\n"
        "parallel = true\n"
        "concurrency = thread,multiprocessing\n"
        f"include = {include}\n"
        "context = ${TORCHLINT_MUT_CONTEXT}\n"
        "disable_warnings = no-data-collected, module-not-measured, module-not-imported\n"
    )
    report = COVERAGE_DIR / "tests.json"
    env = _env(
        COVERAGE_PROCESS_START=str(rc),
        TORCHLINT_MUT_CONTEXT="",
        TORCHLINT_MUT_TESTS=str(report),
    )
    env["PYTHONPATH"] = f"{TREE}{os.pathsep}{SITE}"
    cmd = [sys.executable, "-m", "pytest", "-p", "mutation_map_plugin", "-q", "-o", "addopts="]
    cmd += ["-p", "no:cacheprovider", *(tests or ["tests"])]
    cmd += ["-o", "addopts=-rf --tb=line"]
    print("mapping:", " ".join(cmd[3:]), flush=True)
    started = time.monotonic()
    subprocess.run(cmd, cwd=TREE, env=env, check=False)
    print(f"tests ran in {time.monotonic() - started:.0f} s; combining coverage", flush=True)
    import coverage

    cov = coverage.Coverage(config_file=str(rc))
    cov.combine(data_paths=[str(COVERAGE_DIR)])
    data = cov.get_data()
    ran = json.loads(report.read_text())
    old: dict[str, Any] = json.loads(MAP.read_text()) if MAP.exists() and tests else {}
    replaced = set(ran["durations"])
    lines: dict[str, dict[str, list[str]]] = {}
    for module in (*CORE, *SAMPLED):
        keep = {
            line: [t for t in ids if t not in replaced]
            for line, ids in old.get("lines", {}).get(module, {}).items()
        }
        new = data.contexts_by_lineno(str(TREE / module))
        for line, contexts in new.items():
            ids = {c.rsplit("|", 1)[-1] for c in contexts}
            keep[str(line)] = sorted(set(keep.get(str(line), [])) | ids)
        lines[module] = {k: v for k, v in sorted(keep.items(), key=lambda kv: int(kv[0])) if v}
    durations = {**old.get("durations", {}), **ran["durations"]}
    failed = sorted(set(old.get("failed", [])) - replaced | set(ran["failed"]))
    MAP.write_text(json.dumps({"durations": durations, "failed": failed, "lines": lines}))
    print(f"map: {len(durations)} tests, {len(failed)} failed (never selected): {MAP}")


# ------------------------------------------------------------------ the results


def load_results() -> dict[str, Any]:
    if RESULTS.exists():
        data: dict[str, Any] = json.loads(RESULTS.read_text())
        return data
    return {"modules": {}}


def save_results(results: dict[str, Any]) -> None:
    tmp = RESULTS.with_suffix(".tmp")
    modules = results["modules"]
    lines = ["{", f'  "meta": {json.dumps(results.get("meta", {}), sort_keys=True)},']
    lines.append('  "modules": {')
    for i, (module, entry) in enumerate(sorted(modules.items())):
        lines.append(f"    {json.dumps(module)}: {{")
        lines.append(f'      "hash": {json.dumps(entry["hash"])},')
        lines.append(f'      "population": {json.dumps(entry.get("population"))},')
        lines.append(f'      "drawn": {json.dumps(entry.get("drawn", []))},')
        lines.append('      "mutants": {')
        items = sorted(entry["mutants"].items(), key=lambda kv: (kv[1]["line"], kv[0]))
        for j, (mid, result) in enumerate(items):
            comma = "," if j < len(items) - 1 else ""
            lines.append(f"        {json.dumps(mid)}: {json.dumps(result, sort_keys=True)}{comma}")
        lines.append("      }")
        lines.append("    }" + ("," if i < len(modules) - 1 else ""))
    lines += ["  }", "}", ""]
    tmp.write_text("\n".join(lines))
    os.replace(tmp, RESULTS)


def module_entry(results: dict[str, Any], module: str, source: str) -> dict[str, Any]:
    """The results of ``module``, emptied when its source changed since they were run."""
    entry: dict[str, Any] = results["modules"].setdefault(module, {"hash": "", "mutants": {}})
    digest = module_hash(source)
    if entry["hash"] != digest:
        entry["hash"], entry["mutants"] = digest, {}
    return entry


# ------------------------------------------------------------------- running


def tests_for(
    mutant: Mutant, source: str, cov: dict[str, Any], prefer: Sequence[str] = ()
) -> list[str]:
    lines = cov["lines"].get(mutant.module, {})
    first = min(mutant.line, mutant.statement)
    last = source.count("\n", 0, mutant.end) + 1
    ids: set[str] = set()
    for n in range(first, last + 1):
        ids.update(lines.get(str(n), []))
    if "" in ids:  # run when the module is imported: every test that uses the module
        ids = {t for line_ids in lines.values() for t in line_ids}
    ids.discard("")
    failed = set(cov["failed"])
    durations = cov["durations"]
    ordered = sorted(
        (t for t in ids if t not in failed and durations.get(t, 0) <= MAX_TEST_SECONDS),
        key=lambda t: (not any(p in t for p in prefer), durations.get(t, 0), t),
    )
    out: list[str] = []
    total = 0.0
    for test in ordered:
        if total > MAX_MUTANT_SECONDS:
            break
        out.append(test)
        total += durations.get(test, 0)
    return out


class _FirstFailure:
    def __init__(self, path: str) -> None:
        self.path = path
        self.done = False

    def _record(self, nodeid: str) -> None:
        if not self.done:
            self.done = True
            Path(self.path).write_text(nodeid)

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed:
            self._record(report.nodeid)

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            self._record(f"collecting {report.nodeid}")


def run_one(tests: list[str], timeout: float) -> tuple[str, str, float]:
    """Run ``tests`` in a forked child (the mutant already on disk): its status, the
    test that failed first, and the seconds it took."""
    import pytest

    killer = WORK / "first_failure.txt"
    killer.unlink(missing_ok=True)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        code = 3
        try:
            os.setpgid(0, 0)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            args = ["-x", "-q", "-o", "addopts=", "-p", "no:cacheprovider", "--no-header"]
            code = int(pytest.main([*args, *tests], plugins=[_FirstFailure(str(killer))]))
        finally:
            os._exit(code)
    status = ""
    while True:
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(wait_status)
            break
        if time.monotonic() - started > timeout:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            status = "timeout"
            break
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)  # leftovers of the test run
    seconds = time.monotonic() - started
    if not status:
        status = {0: "survived", 1: "killed", 2: "killed"}.get(code, f"error {code}")
    first = killer.read_text() if killer.exists() else ""
    if status in ("error 3", "error 4"):
        first = "pytest could not start"
    return status, first, seconds


def run(args: argparse.Namespace) -> int:
    if not MAP.exists():
        sys.exit("no coverage map: run `python bench/mutation.py map` first")
    cov = json.loads(MAP.read_text())
    sync_tree()
    os.environ.update(_env())
    os.chdir(TREE)
    sys.path.insert(0, str(TREE))
    sys.dont_write_bytecode = True
    import click  # noqa: F401  (imported once, in the parent of every child)
    import libcst  # noqa: F401
    import pathspec  # noqa: F401
    import pytest  # noqa: F401

    assert "torchlint" not in sys.modules
    results = load_results()
    results["meta"] = {
        "per_module": PER_MODULE,
        "sample": SAMPLE,
        "seed": SEED,
        "date": datetime.date.today().isoformat(),
    }
    pop = population()
    deadline = time.monotonic() + args.budget if args.budget else math.inf
    chosen = selected(args.module)
    todo: list[tuple[Mutant, str]] = []
    for module, mutants in chosen.items():
        source = (ROOT / module).read_text(encoding="utf-8")
        entry = module_entry(results, module, source)
        entry["population"] = pop[module]
        entry["drawn"] = [m.id for m in mutants]
        for mutant in mutants:
            old = entry["mutants"].get(mutant.id)
            if args.id:
                if mutant.id in args.id:
                    todo.append((mutant, source))
            elif old is None or (args.rerun_survivors and old["status"] == "survived"):
                todo.append((mutant, source))
    save_results(results)
    # Module by module in turn, each in its shuffled order: a run stopped early has
    # run the first mutants of each module's sample.
    places: dict[str, int] = {}
    for module in chosen:
        everything = mutants_of(module, (ROOT / module).read_text(encoding="utf-8"))
        ranks = rank(everything, SEED)
        places.update({m.id: ranks[i] for i, m in enumerate(everything)})
    todo.sort(key=lambda item: (places[item[0].id], item[0].module))
    print(f"{len(todo)} mutants to run", flush=True)
    for n, (mutant, source) in enumerate(todo, 1):
        if time.monotonic() > deadline:
            print("time budget spent; run again to resume")
            break
        entry = results["modules"][mutant.module]
        old = entry["mutants"].get(mutant.id)
        tests = tests_for(mutant, source, cov, args.prefer or ())
        before, after = mutant.lines(source)
        record: dict[str, Any] = {
            "line": mutant.line,
            "op": mutant.op,
            "scope": mutant.scope,
            "before": before,
            "after": after,
        }
        mutated = mutant.apply(source)
        try:
            compile(mutated, mutant.module, "exec")
        except SyntaxError:
            record.update(status="invalid", tests=0, killer="", seconds=0.0)
            tests = []
        if record.get("status"):
            pass
        elif not tests:
            record.update(status="survived", tests=0, killer="", seconds=0.0)
        else:
            path = TREE / mutant.module
            timeout = 3 * sum(cov["durations"].get(t, 1.0) for t in tests) + 20
            try:
                path.write_text(mutated, encoding="utf-8")
                status, killer, seconds = run_one(tests, timeout)
            finally:
                path.write_text(source, encoding="utf-8")
            record.update(status=status, tests=len(tests), killer=killer, seconds=round(seconds, 1))
        if (old is not None and old["status"] == "survived") or (old or {}).get("first"):
            record["first"] = "survived"
        entry["mutants"][mutant.id] = record
        save_results(results)
        print(
            f"[{n}/{len(todo)}] {mutant.module}:{mutant.line} {mutant.op:8} {record['status']:9}"
            f" {record['tests']:4} tests {record['seconds']:6.1f}s  {after[:70]}",
            flush=True,
        )
    return 0


# ------------------------------------------------------------------ reporting


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def _chosen(results: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per module, the saved results of the mutants drawn when it was last run. From
    the saved file alone (not from the sources, which move on): the docs show what
    was run, and ``status`` says which modules changed since."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for module in (*CORE, *SAMPLED):
        entry = results["modules"].get(module, {"mutants": {}, "drawn": []})
        saved = entry["mutants"]
        out[module] = {mid: saved[mid] for mid in entry.get("drawn", []) if mid in saved}
    return out


def _counts(rows: Iterable[dict[str, Any]]) -> tuple[int, int]:
    statuses = [r["status"] for r in rows]
    killed = sum(s in KILLED for s in statuses)
    return killed, killed + sum(s == "survived" for s in statuses)


def _pct(k: int, n: int, interval: bool) -> str:
    if not n:
        return "-"
    if not interval:
        return f"{100 * k / n:.1f}%"
    lo, hi = wilson(k, n)
    return f"{100 * k / n:.1f}% ({100 * lo:.0f}-{100 * hi:.0f}%)"


def score_table(results: dict[str, Any]) -> str:
    chosen = _chosen(results)
    pop = {m: int(results["modules"].get(m, {}).get("population") or 0) for m in (*CORE, *SAMPLED)}
    rows = [
        "| module | mutants | drawn | run | killed | survived | score (95% CI) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    drawn = {m: len(results["modules"].get(m, {}).get("drawn", [])) for m in (*CORE, *SAMPLED)}
    for module in CORE:
        k, n = _counts(chosen[module].values())
        name = f"`{module.removeprefix('torchlint/')}`"
        sampled = drawn[module] < pop[module]
        rows.append(
            f"| {name} | {pop[module]} | {drawn[module]} | {n} | {k} | {n - k} |"
            f" {_pct(k, n, sampled)} |"
        )
    k, n = _counts(r for m in CORE for r in chosen[m].values())
    rows.append(f"| **core** | | | {n} | {k} | {n - k} | **{_pct(k, n, False)}** |")
    k, n = _counts(r for m in SAMPLED for r in chosen[m].values())
    total = sum(pop[m] for m in SAMPLED)
    analysis = sum(drawn[m] for m in SAMPLED)
    rows.append(
        f"| **analysis** (`analysis/*.py`) | {total} | {analysis} | {n} | {k} | {n - k} |"
        f" **{_pct(k, n, True)}** |"
    )
    for module in SAMPLED:
        if pop[module]:  # (a module none of whose mutants was drawn shows as such)
            k, n = _counts(chosen[module].values())
            name = f"`{module.removeprefix('torchlint/')}`"
            rows.append(
                f"| &nbsp;&nbsp;{name} | {pop[module]} | {drawn[module]} | {n} | {k} | {n - k} |"
                f" {_pct(k, n, False)} |"
            )
    note = (
        f"*mutants*: all of the module's; *drawn*: the sample run ({PER_MODULE} per core"
        f" module, all of a module with fewer; {SAMPLE} from the analysis modules together;"
        f" seed {SEED}); *run*: those with a result (a mutant that does not compile is left"
        " out). A timeout counts as killed, and so does a mutant pytest cannot start on (it"
        " breaks the import of the pytest plugin torchlint registers). The interval"
        " (Wilson's) is given where the mutants run are a sample of the module's; the"
        " *core* row adds the six modules' samples up."
    )
    return "\n".join(rows) + "\n\n" + note


def _code(text: str) -> str:
    text = text if len(text) <= 90 else text[:87] + "..."
    return "`` " + text.replace("|", "\\|") + " ``"


def survivors_list(results: dict[str, Any], notes: dict[str, str]) -> str:
    rows = ["| mutant | where | change | now |", "|---|---|---|---|"]
    for module, saved in _chosen(results).items():
        for mid, r in sorted(saved.items(), key=lambda kv: (kv[1]["line"], kv[0])):
            if r["status"] != "survived" and not r.get("first"):
                continue
            if r["status"] != "survived":
                now = f"killed by `{r['killer']}`"
            elif mid in notes:
                now = notes[mid]  # "equivalent: why", or "not killed: why no test"
            else:
                now = "**open**"
            where = f"`{module.removeprefix('torchlint/')}:{r['line']}` ({r['op']})"
            change = f"{_code(r['before'])} → {_code(r['after'])}"
            rows.append(f"| `{mid}` | {where} | {change} | {now} |")
    return "\n".join(rows)


def _replace(text: str, begin: str, end: str, body: str) -> str:
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{body}\n{end}{tail}"


def docs_text(results: dict[str, Any], notes: dict[str, str], text: str) -> str:
    text = _replace(text, BEGIN, END, score_table(results))
    return _replace(text, SURVIVORS_BEGIN, SURVIVORS_END, survivors_list(results, notes))


def load_notes() -> dict[str, str]:
    data: dict[str, str] = json.loads(NOTES.read_text()) if NOTES.exists() else {}
    return data


def stale_docs() -> list[str]:
    """What is out of date in docs/testing.md ([] when nothing)."""
    text = DOC.read_text(encoding="utf-8")
    if docs_text(load_results(), load_notes(), text) != text:
        return [f"{DOC.relative_to(ROOT)}: run python bench/mutation.py --write-docs"]
    return []


def status() -> int:
    """Which modules changed since their saved results were run (a changed module is
    mutated again from scratch by the next ``run``)."""
    results = load_results()
    stale = 0
    for module in (*CORE, *SAMPLED):
        entry = results["modules"].get(module)
        current = module_hash((ROOT / module).read_text(encoding="utf-8"))
        if entry is None:
            state = "not run"
        elif entry["hash"] == current:
            state = f"up to date ({len(entry.get('drawn', []))} drawn)"
        else:
            state = "changed since the run"
            stale += 1
        print(f"{module:34} {state}")
    return 1 if stale else 0


def show(mid: str) -> int:
    for module in (*CORE, *SAMPLED):
        source = (ROOT / module).read_text(encoding="utf-8")
        for mutant in mutants_of(module, source):
            if mutant.id == mid:
                import difflib

                diff = difflib.unified_diff(
                    source.splitlines(keepends=True),
                    mutant.apply(source).splitlines(keepends=True),
                    f"a/{module}",
                    f"b/{module}",
                    n=3,
                )
                sys.stdout.writelines(diff)
                result = load_results()["modules"].get(module, {}).get("mutants", {}).get(mid)
                print(json.dumps(result, indent=1))
                return 0
    print(f"no mutant {mid}", file=sys.stderr)
    return 1


def listing(args: argparse.Namespace) -> int:
    """The saved results of the current selection."""
    notes = load_notes()
    for module, saved in _chosen(load_results()).items():
        if args.module and module not in args.module:
            continue
        for mid, r in sorted(saved.items(), key=lambda kv: kv[1]["line"]):
            if args.survivors and r["status"] != "survived":
                continue
            if args.open and (r["status"] != "survived" or mid in notes):
                continue
            print(f"{mid} {module}:{r['line']} {r['op']} {r['status']} [{r['scope']}]")
            print(f"    - {r['before']}\n    + {r['after']}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--check-docs", action="store_true")
    sub = parser.add_subparsers(dest="command")
    p_map = sub.add_parser("map")
    p_map.add_argument("tests", nargs="*")
    p_run = sub.add_parser("run")
    p_run.add_argument("--module", action="append")
    p_run.add_argument("--budget", type=float, default=0, help="seconds; 0: no limit")
    p_run.add_argument("--rerun-survivors", action="store_true")
    p_run.add_argument("--id", action="append", help="run this mutant (again)")
    p_run.add_argument(
        "--prefer",
        action="append",
        help="run the selected tests whose node id contains this first (new tests)",
    )
    p_list = sub.add_parser("list")
    p_list.add_argument("--module", action="append")
    p_list.add_argument("--survivors", action="store_true")
    p_list.add_argument("--open", action="store_true", help="survivors without a note")
    p_show = sub.add_parser("show")
    p_show.add_argument("id")
    sub.add_parser("count")
    sub.add_parser("status")
    args = parser.parse_args(argv)
    if args.check_docs:
        stale = stale_docs()
        print("\n".join(stale) or "docs/testing.md shows bench/mutation_results.json")
        return 1 if stale else 0
    if args.write_docs:
        text = DOC.read_text(encoding="utf-8")
        DOC.write_text(docs_text(load_results(), load_notes(), text), encoding="utf-8")
        return 0
    if args.command == "map":
        build_map(args.tests)
        return 0
    if args.command == "run":
        return run(args)
    if args.command == "list":
        return listing(args)
    if args.command == "show":
        return show(args.id)
    if args.command == "status":
        return status()
    if args.command == "count":
        chosen = selected()
        for module, n in population().items():
            by_op: dict[str, int] = {}
            for m in chosen[module]:
                by_op[m.op] = by_op.get(m.op, 0) + 1
            print(f"{module:34} {n:5} {len(chosen[module]):5}  {by_op}")
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
