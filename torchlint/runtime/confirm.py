"""``torchlint --confirm SCRIPT``: what a run of SCRIPT says of each static finding.

Each rule claims a kind of failure a run would show (``CLAIMS``): a device mismatch, a
dtype mismatch, or nothing a run can show (a deprecation, a security default, a bug
of machines without a GPU). A finding is

- ``confirmed`` when a runtime record of the claimed kind *reached* the finding: one
  of the record's frames is on the finding's statement: its stack (the op failed
  there, or in a call made from there), or a step of the story of the tensor the
  rule blames (made, moved, cast or passed in there): of a CPU-GPU mismatch, the CPU
  tensor (a GPU program left it behind), or for ``GPU_SIDE`` rules the GPU one when
  the code kept the CPU one there on purpose. The other lines a finding's
  message names are not enough by themselves: a line such as a ``forward`` that every
  call goes through is reached by calls from anywhere;
- ``not confirmed`` when the run executed the finding's statement and no such record
  reached it (the code ran there without that mismatch);
- ``not reached`` when the run never executed the finding's statement (it stopped
  earlier, or took another path);
- ``not confirmable`` when its rule claims nothing a run can show.

No torch here: the records come from ``torchlint.runtime.execute``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence

from torchlint.lint.findings import Finding
from torchlint.runtime.records import DEVICE_MISMATCH, DTYPE_MISMATCH, Record

CONFIRMED = "confirmed"
NOT_CONFIRMED = "not confirmed"
NOT_REACHED = "not reached"
NOT_CONFIRMABLE = "not confirmable"
STATUSES = (CONFIRMED, NOT_CONFIRMED, NOT_REACHED, NOT_CONFIRMABLE)

# The record kind a rule's finding predicts, or None: no run can show it (the
# rule's runtime.md in the rule book says why).
CLAIMS: dict[str, str | None] = {
    "TL101": DEVICE_MISMATCH,
    "TL102": DEVICE_MISMATCH,
    "TL103": None,  # style: `.type(dtype)` works
    "TL104": DTYPE_MISMATCH,
    "TL105": DTYPE_MISMATCH,
    "TL106": None,  # half precision runs on the CPU on current PyTorch
    "TL107": DTYPE_MISMATCH,
    "TL108": DTYPE_MISMATCH,
    "TL109": DTYPE_MISMATCH,
    "TL110": DTYPE_MISMATCH,
    "TL201": DEVICE_MISMATCH,
    "TL202": DEVICE_MISMATCH,
    "TL203": DEVICE_MISMATCH,
    "TL204": DEVICE_MISMATCH,
    "TL205": DEVICE_MISMATCH,
    "TL206": DEVICE_MISMATCH,
    "TL207": DEVICE_MISMATCH,
    "TL208": DEVICE_MISMATCH,
    "TL209": DEVICE_MISMATCH,
    "TL210": DEVICE_MISMATCH,
    "TL211": DEVICE_MISMATCH,
    "TL212": None,  # fails only where CUDA is not available: the opposite of a simulation
    "TL301": DEVICE_MISMATCH,
    "TL302": DEVICE_MISMATCH,
    "TL401": DEVICE_MISMATCH,
    "TL402": DEVICE_MISMATCH,
    "TL403": DEVICE_MISMATCH,
    "TL501": DEVICE_MISMATCH,
    "TL502": None,  # fails only where CUDA is not available: the opposite of a simulation
    "TL503": None,  # security: nothing goes wrong in a run
    "TL601": None,  # deprecation
    "TL602": None,  # needless work
    "TL901": None,  # hygiene of suppression comments
}


# Rules that blame the GPU side of a CPU-GPU mismatch when the code kept the CPU side
# there on purpose (``.to(device)`` with a CPU device): a tensor sent to the GPU by
# code that otherwise follows its device variable.
GPU_SIDE = frozenset({"TL403"})
# Rules reported at the move of the GPU side, whose CPU side stayed behind on purpose
# of nobody (TL207: the model moved away from its optimizer's CPU state): the GPU
# tensor's story reaches the finding.
MOVED_SIDE = frozenset({"TL207"})


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(path))


def statement_lines(finding: Finding) -> set[int]:
    """The lines of the finding's statement (as far as the finding knows them)."""
    lines = {*(finding.noqa_lines or ()), finding.line, finding.end_line or finding.line}
    return set(range(min(lines), max(lines) + 1))


def reaches(record: Record, finding: Finding) -> bool:
    """A frame of the record (its stack or its story) is on the finding's statement,
    in the finding's file."""
    path = _real(finding.path)
    lines = statement_lines(finding)
    sides = {o.side for o in record.origins if o.side}
    blamed = sides
    if record.kind == DEVICE_MISMATCH and "cpu" in sides and len(sides) > 1:
        blamed = {"cpu"}
        kept = any(o.side == "cpu" and " kept on the CPU" in o.text for o in record.origins)
        if (finding.code in GPU_SIDE and kept) or finding.code in MOVED_SIDE:
            blamed = sides - {"cpu"}
    frames = [*record.stack, *(o.frame for o in record.origins if not o.side or o.side in blamed)]
    if record.location is not None:
        frames.append(record.location)
    return any(f.line in lines and _real(f.path) == path for f in frames)


def status(
    finding: Finding,
    records: Sequence[Record],
    executed: Mapping[str, set[int]] | None,
) -> tuple[str, list[int]]:
    """The finding's status, and the indexes of the records that confirm it.

    ``executed``: the lines of interest the run executed, per real path (None when
    the run could not watch them: then a finding no record reached is "not reached")."""
    claim = CLAIMS.get(finding.code)
    if claim is None:
        return NOT_CONFIRMABLE, []
    hits = [i for i, r in enumerate(records) if r.kind == claim and reaches(r, finding)]
    if hits:
        return CONFIRMED, hits
    if executed is not None and executed.get(_real(finding.path), set()) & statement_lines(finding):
        return NOT_CONFIRMED, []
    return NOT_REACHED, []


def lines_to_watch(findings: Sequence[Finding]) -> dict[str, set[int]]:
    """Per real path, the statement lines of the findings a run could confirm: the
    run (``execute.run``) notes which of them execute."""
    out: dict[str, set[int]] = {}
    for f in findings:
        if CLAIMS.get(f.code) is not None:
            out.setdefault(_real(f.path), set()).update(statement_lines(f))
    return out


def mark(
    findings: Sequence[Finding],
    records: Sequence[Record],
    executed: Mapping[str, set[int]] | None = None,
) -> tuple[list[Finding], list[Record]]:
    """The findings with their ``confirmation``; and the records that confirmed
    none (mismatches the static rules did not see), each once."""
    used: set[int] = set()
    out = []
    for f in findings:
        state, hits = status(f, records, executed)
        used.update(hits)
        out.append(dataclasses.replace(f, confirmation=state))
    return out, [r for i, r in enumerate(records) if i not in used]
