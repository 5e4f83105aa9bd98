"""The rule book is the specification: every folder under rules/ runs through the
real engine and must give exactly the marked findings and fix outputs."""

from __future__ import annotations

import pytest
from rulebook import Case, cases, expected, found

from torchlint.lint import engine
from torchlint.rules import registry

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
    if not rule.fixable:
        assert not case.fixed.exists() and not case.fixed_unsafe.exists()
        return
    target = case.fix_output(unsafe)
    bad = case.folder / "bad.py"
    codes = frozenset({case.code})
    outcome = engine.fix_text(str(bad), bad.read_text(), codes, unsafe)
    if target == bad:
        assert outcome.text == bad.read_text(), (
            f"no safe fix changes anything in {bad} (there is no fixed.py): write the output "
            "to fixed.py"
        )
    else:
        assert outcome.text == target.read_text(), target
    # Idempotent: fixing the fixed file changes nothing.
    again = engine.fix_text(str(target), outcome.text, codes, unsafe)
    assert again.fixed == 0 and again.text == outcome.text


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_fix_outputs_are_written_only_where_they_differ(case: Case) -> None:
    """fixed.py only where a safe fix changes bad.py, fixed_unsafe.py only where the
    unsafe fixes change more; and a fixable rule's rule book shows a fix."""
    rule = registry.get(case.code)
    assert rule is not None
    bad = (case.folder / "bad.py").read_text()
    if case.fixed.exists():
        assert case.fixed.read_text() != bad, f"{case.fixed} is bad.py: delete it"
    if case.fixed_unsafe.exists():
        assert case.fixed_unsafe.read_text() != case.fix_output(unsafe=False).read_text(), (
            f"{case.fixed_unsafe} is what the safe fixes give: delete it"
        )
    if rule.fixable:
        assert case.fix_output(unsafe=True).read_text() != bad, (
            f"{case.code} is fixable but no fix changes its bad.py"
        )
