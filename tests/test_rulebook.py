"""The rule book is the specification: every folder under rules/ runs through the
real engine and must give exactly the marked findings and fix outputs."""

from __future__ import annotations

import pytest
from rulebook import Case, cases, expected, found

from torchlint import engine, registry

CASES = cases()


def _ids(case: Case) -> str:
    return case.folder.name


def test_every_rule_has_a_folder_and_every_folder_a_rule() -> None:
    assert sorted(c.code for c in CASES) == sorted(registry.all_rules())


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_bad_examples_give_exactly_the_marked_findings(case: Case) -> None:
    assert case.bad, f"{case.folder} has no bad*.py"
    for path in case.bad:
        text = path.read_text()
        marks = expected(text)
        assert marks, f"{path} marks no expected finding"
        got = engine.lint_text(str(path), text, frozenset({case.code}))
        assert not got.problems
        # The line, the column and every line the message names: what a user reads.
        assert [str(e) for e in found(got.findings)] == [str(e) for e in marks], path
        for finding in got.findings:  # every <line:key> of the message was filled in
            assert "<line:" not in finding.message, f"{path}:{finding.line}: {finding.message}"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_good_examples_are_silent(case: Case) -> None:
    assert case.good, f"{case.folder} has no good*.py"
    for path in case.good:
        got = engine.lint_text(str(path), path.read_text(), frozenset({case.code}))
        assert got.findings == [] and got.problems == [], path


@pytest.mark.parametrize("case", CASES, ids=_ids)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_output(case: Case, unsafe: bool) -> None:
    rule = registry.get(case.code)
    assert rule is not None
    target = case.fixed_unsafe if unsafe else case.fixed
    if not rule.fixable:
        assert not target.exists()
        return
    assert target.exists(), f"{target} is missing"
    bad = case.folder / "bad.py"
    codes = frozenset({case.code})
    outcome = engine.fix_text(str(bad), bad.read_text(), codes, unsafe)
    assert outcome.text == target.read_text()
    # Idempotent: fixing the fixed file changes nothing.
    again = engine.fix_text(str(target), outcome.text, codes, unsafe)
    assert again.fixed == 0 and again.text == outcome.text
