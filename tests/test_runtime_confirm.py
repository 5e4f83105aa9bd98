"""What a runtime record says of a static finding (no torch needed): confirmed only by a
record of the rule's kind whose frames reached the finding's statement or a line its
message names; otherwise not confirmed, not reached or not confirmable."""

from __future__ import annotations

from pathlib import Path

from torchlint.lint.findings import Finding
from torchlint.rules.registry import all_rules
from torchlint.runtime.confirm import (
    CLAIMS,
    CONFIRMED,
    NOT_CONFIRMABLE,
    NOT_CONFIRMED,
    NOT_REACHED,
    mark,
)
from torchlint.runtime.records import DEVICE_MISMATCH, DTYPE_MISMATCH, Frame, Origin, Record

SOURCE = """\
class Net:
    def __init__(self):
        self.mask = make_mask()

    def forward(self, x):
        return x * self.mask


def step(model, batch):
    labels = batch["labels"]
    labels.to("cuda")
    logits = model(batch["x"])
    return loss(logits, labels)
"""


def _record(
    path: Path, *lines: int, kind: str = DEVICE_MISMATCH, origin: int | None = None
) -> Record:
    frames = tuple(Frame(str(path), line, 0, "f") for line in lines)
    origins = (
        Origin("the cpu tensor", "the cpu tensor was made", Frame(str(path), origin, 0, "f")),
    )
    return Record(
        kind=kind,
        op="torch.mul",
        message="",
        location=frames[0],
        stack=frames,
        origins=origins if origin else (),
    )


def _finding(path: Path, line: int, code: str = "TL205", message: str = "message") -> Finding:
    return Finding(str(path), line, 4, code, message)


def _states(findings: list[Finding], records: list[Record], executed=None) -> list[str | None]:  # type: ignore[no-untyped-def]
    marked, _ = mark(findings, records, executed)
    return [f.confirmation for f in marked]


def test_a_record_confirms_the_lines_its_frames_reached(tmp_path: Path) -> None:
    path = tmp_path / "train.py"
    path.write_text(SOURCE)
    findings = [_finding(path, 11), _finding(path, 12), _finding(path, 13)]
    # The loss at line 13 failed, called from nowhere else: only line 13 is reached;
    # being in the same function as line 11 is no longer enough.
    assert _states(findings, [_record(path, 13)]) == [NOT_REACHED, NOT_REACHED, CONFIRMED]
    # The model's forward failed (line 6), called from line 12.
    assert _states(findings, [_record(path, 6, 12)]) == [NOT_REACHED, CONFIRMED, NOT_REACHED]


def test_the_records_story_reaches_too_but_not_a_line_the_message_names(tmp_path: Path) -> None:
    path = tmp_path / "train.py"
    path.write_text(SOURCE)
    # The tensor attribute made in __init__ (line 3) met the input in forward (line 6).
    assert _states([_finding(path, 3, "TL301")], [_record(path, 6, origin=3)]) == [CONFIRMED]
    # A message naming the forward (line 6) that a record failed in: that forward is
    # called from everywhere, so it says nothing of this finding's own line.
    named = _finding(path, 12, "TL204", message="`x` meets the weights at line 6")
    assert _states([named], [_record(path, 6, 100)]) == [NOT_REACHED]


def test_the_records_kind_must_be_the_rules_claim(tmp_path: Path) -> None:
    path = tmp_path / "train.py"
    path.write_text(SOURCE)
    dtype = _record(path, 13, kind=DTYPE_MISMATCH)
    findings = [_finding(path, 13, "TL205"), _finding(path, 13, "TL104")]
    marked, unmatched = mark(findings, [dtype])
    assert [f.confirmation for f in marked] == [NOT_REACHED, CONFIRMED]
    assert unmatched == []


def test_executed_lines_tell_not_confirmed_from_not_reached(tmp_path: Path) -> None:
    path = tmp_path / "train.py"
    path.write_text(SOURCE)
    findings = [_finding(path, 11), _finding(path, 13)]
    executed = {str(path.resolve()): {11}}
    assert _states(findings, [], executed) == [NOT_CONFIRMED, NOT_REACHED]


def test_rules_no_run_can_confirm(tmp_path: Path) -> None:
    path = tmp_path / "train.py"
    path.write_text(SOURCE)
    findings = [_finding(path, 13, "TL601"), _finding(path, 13, "TL503")]
    marked, unmatched = mark(findings, [_record(path, 13)])
    assert [f.confirmation for f in marked] == [NOT_CONFIRMABLE, NOT_CONFIRMABLE]
    assert len(unmatched) == 1  # printed on its own, once


def test_other_files_never_confirm(tmp_path: Path) -> None:
    path, other = tmp_path / "a.py", tmp_path / "b.py"
    path.write_text(SOURCE)
    other.write_text(SOURCE)
    assert _states([_finding(path, 12)], [_record(other, 12)]) == [NOT_REACHED]


def test_every_rule_states_what_a_run_can_show() -> None:
    """A rule whose rule book has runnable companions says which record kind confirms
    it: CLAIMS in torchlint/runtime/confirm.py. A rule without them (a runtime.md, or
    nothing: a new rule) claims nothing a run can show, and needs no entry."""
    codes = set(all_rules())
    assert set(CLAIMS) <= codes
    rules_dir = Path(__file__).resolve().parent.parent / "rules"
    folders = [d for d in rules_dir.glob("TL*-*") if d.is_dir()]
    assert {d.name.split("-", 1)[0] for d in folders} == codes
    for folder in folders:
        code = folder.name.split("-", 1)[0]
        companions = (folder / "runtime_bad.py").is_file()
        assert companions == (CLAIMS.get(code) is not None), folder.name
