"""bench/mutation.py, the mutation score of docs/testing.md: the page shows the saved
results, and the mutator makes the changes it documents (and only valid Python)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def mutation() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    import mutation

    return mutation


def changes(mutation: ModuleType, source: str) -> list[tuple[str, str]]:
    """(operator, changed line) of every mutant of ``source``."""
    out = []
    for mutant in mutation.mutants_of("m.py", source):
        mutated = mutant.apply(source)
        ast.parse(mutated)
        out.append((mutant.op, mutant.lines(source)[1]))
    return out


def test_the_docs_show_the_saved_results(mutation: ModuleType) -> None:
    assert mutation.stale_docs() == [], "python bench/mutation.py --write-docs"


def test_every_equivalence_note_names_a_surviving_mutant(mutation: ModuleType) -> None:
    results = mutation.load_results()
    survivors = {
        mid
        for entry in results["modules"].values()
        for mid, r in entry["mutants"].items()
        if r["status"] == "survived"
    }
    assert set(mutation.load_notes()) <= survivors


def test_no_survivor_is_left_without_a_test_or_a_reason(mutation: ModuleType) -> None:
    assert "**open**" not in mutation.survivors_list(mutation.load_results(), mutation.load_notes())


def test_compare_boolean_and_negated_conditions(mutation: ModuleType) -> None:
    source = "def f(a, b):\n    if a < b and a:\n        return a\n"
    assert changes(mutation, source) == [
        ("boolean", "if a < b or a:"),
        ("compare", "if a <= b and a:"),
        ("negate", "if not (a < b and a):"),
        ("return", "return None"),
    ]


def test_membership_identity_and_not(mutation: ModuleType) -> None:
    source = "x = a not in b\ny = c is not None\nz = not d\n"
    assert changes(mutation, source) == [
        ("compare", "x = a in b"),
        ("compare", "y = c is None"),
        ("not", "z = (d)"),
    ]


def test_constants_arithmetic_and_calls(mutation: ModuleType) -> None:
    source = 'n = f(x[-1] + 2, key="k", flag=True)\n'
    assert sorted(changes(mutation, source)) == [
        ("arith", 'n = f(x[-1] - 2, key="k", flag=True)'),
        ("bool", 'n = f(x[-1] + 2, key="k", flag=False)'),
        ("keyword", "n = (f(x[-1] + 2, flag=True))"),
        ("keyword", "n = (f(x[-1] + 2, key='k'))"),
        ("number", 'n = f(x[-1] + 3, key="k", flag=True)'),
        ("number", 'n = f(x[-2] + 2, key="k", flag=True)'),
        ("string", "n = f(x[-1] + 2, key='XXkXX', flag=True)"),
    ]


def test_removed_statements_loops_and_swapped_calls(mutation: ModuleType) -> None:
    source = "for x in y:\n    self.a = max(x)\n    g(x)\n    break\n"
    assert changes(mutation, source) == [
        ("call", "self.a = min(x)"),
        ("remove", "pass"),
        ("remove", "pass"),
        ("loop", "continue"),
    ]


def test_docstrings_annotations_and_type_checking_are_left_alone(
    mutation: ModuleType,
) -> None:
    source = (
        '"""Doc."""\n'
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    import os\n"
        "def f(a: 'int' = 1) -> 'str':\n"
        '    """Doc."""\n'
        "    b: 'int' = 2\n"
        '    return f"{a + b}"\n'
    )
    # (the f-string may still be replaced as a whole: ``return None``)
    assert changes(mutation, source) == [
        ("number", "def f(a: 'int' = 2) -> 'str':"),
        ("number", "b: 'int' = 3"),
        ("return", "return None"),
    ]


def test_mutant_ids_do_not_depend_on_the_line(mutation: ModuleType) -> None:
    source = "def f(a):\n    return a + 1\n"
    ids = [m.id for m in mutation.mutants_of("m.py", source)]
    shifted = [m.id for m in mutation.mutants_of("m.py", "\n\n" + source)]
    assert ids == shifted and len(set(ids)) == len(ids)


def test_the_sample_is_fixed_by_the_seed(mutation: ModuleType) -> None:
    items = list(range(100))
    assert mutation.sample(items, 10, 17) == mutation.sample(items, 10, 17)
    assert mutation.sample(items, 10, 17) != mutation.sample(items, 10, 18)
    assert mutation.sample(items, 200, 17) == items


def test_wilson_interval(mutation: ModuleType) -> None:
    lo, hi = mutation.wilson(85, 100)
    assert round(lo, 3) == 0.767 and round(hi, 3) == 0.907


def test_the_analysis_draw_depends_on_each_mutant_not_on_its_place(
    mutation: ModuleType,
) -> None:
    """An edit that adds mutants to one module leaves the others' draw as it was, but
    for those the new mutants displace; a larger draw keeps the smaller one."""
    source = "".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(40))
    pool = mutation.mutants_of("a.py", source)
    edited = mutation.mutants_of("b.py", "def g(y):\n    return y * 4 - 5\n") + pool
    drawn = {m.id for m in mutation.draw(pool, 30, 17)}
    after = {m.id for m in mutation.draw(edited, 30, 17)}
    added = len(edited) - len(pool)
    assert len(drawn) == len(after) == 30
    assert after - drawn <= {m.id for m in edited[:added]}
    assert len(drawn - after) == len(after - drawn) <= added
    assert drawn <= {m.id for m in mutation.draw(pool, 60, 17)}
    assert drawn != {m.id for m in mutation.draw(pool, 30, 18)}
    assert [m.id for m in mutation.draw(pool, 30, 17)] == [m.id for m in pool if m.id in drawn]
