"""Which static findings a runtime record confirms (no torch needed)."""

from __future__ import annotations

from pathlib import Path

from torchlint.findings import Finding
from torchlint.runtime.confirm import CONFIRMED, mark
from torchlint.runtime.records import DEVICE_MISMATCH, Frame, Record

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


def other():
    return 1
"""


def _record(path: Path, *lines: int, module_source: tuple[int, int] | None = None) -> Record:
    frames = tuple(Frame(str(path), line, 0, "f") for line in lines)
    return Record(
        kind=DEVICE_MISMATCH,
        op="torch.mul",
        message="",
        location=frames[0],
        stack=frames,
        module_sources=((str(path), *module_source),) if module_source else (),
    )


def _finding(path: Path, line: int) -> Finding:
    return Finding(str(path), line, 4, "TL205", "message")


def test_line_function_and_module_class(tmp_path: Path) -> None:
    path = tmp_path / "train.py"
    path.write_text(SOURCE)
    at_line = _record(path, 12)
    in_function = _record(path, 13)
    in_class = _record(path, 6, module_source=(1, 6))
    elsewhere = _record(path, 17)
    findings = [_finding(path, 3), _finding(path, 11), _finding(path, 12), _finding(path, 17)]

    marked, unmatched = mark(findings, [at_line])
    assert [f.message.endswith(CONFIRMED) for f in marked] == [False, True, True, False]
    assert unmatched == []

    marked, _ = mark(findings, [in_function])  # same function as the finding
    assert [f.message.endswith(CONFIRMED) for f in marked] == [False, True, True, False]

    marked, _ = mark(findings, [in_class])  # inside the running module's class
    assert [f.message.endswith(CONFIRMED) for f in marked] == [True, False, False, False]

    marked, unmatched = mark(findings[:3], [elsewhere])
    assert not any(f.message.endswith(CONFIRMED) for f in marked)
    assert unmatched == [elsewhere]


def test_module_level_findings_need_the_exact_line(tmp_path: Path) -> None:
    path = tmp_path / "script.py"
    path.write_text("a = 1\nb = 2\nc = 3\n")
    marked, _ = mark([_finding(path, 2)], [_record(path, 3)])
    assert not marked[0].message.endswith(CONFIRMED)
    marked, _ = mark([_finding(path, 2)], [_record(path, 2)])
    assert marked[0].message.endswith(CONFIRMED)


def test_other_files_never_confirm(tmp_path: Path) -> None:
    path, other = tmp_path / "a.py", tmp_path / "b.py"
    path.write_text(SOURCE)
    other.write_text(SOURCE)
    marked, _ = mark([_finding(path, 12)], [_record(other, 12)])
    assert not marked[0].message.endswith(CONFIRMED)
