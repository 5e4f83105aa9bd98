"""Run a script (``runpy``) or a module (``-m``) under the runtime check, in this
process, and say what happened: the records, and a crash that no record explains."""

from __future__ import annotations

import os
import runpy
import sys
import traceback
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from torchlint.runtime.records import OP_ERROR, Frame, Record, RecordLog


@dataclass
class Crash:
    """The exception the script stopped with."""

    type: str
    message: str
    location: Frame | None
    traceback: str
    # The record made of it: a device or dtype mismatch (then the crash is that
    # finding), or the op that raised for another reason (which names the op and the
    # module it ran in).
    record: Record | None = None

    @property
    def recorded(self) -> bool:
        """A device or dtype mismatch reports it: the script stopped on the finding."""
        return self.record is not None and self.record.kind != OP_ERROR

    def where(self) -> str:
        """` in Net.fc (torch.nn.functional.linear)`, for an op that raised."""
        r = self.record
        if r is None or r.kind != OP_ERROR:
            return ""
        return f" in {r.module} ({r.op})" if r.module else f" in {r.op}"

    def to_json(self) -> dict[str, Any]:
        r = self.record
        return {
            "type": self.type,
            "message": self.message,
            "location": self.location.to_json() if self.location else None,
            "recorded": self.recorded,
            "op": r.op if r is not None else None,
            "module": r.module if r is not None else None,
            "traceback": self.traceback,
        }


@dataclass
class RunResult:
    log: RecordLog
    exit_status: int = 0  # the script's own sys.exit() status
    crash: Crash | None = None
    # Of the lines ``run(watch=...)`` was asked to watch, those the run executed, per
    # real path; None when it could not watch (another tracer, a debugger, was on).
    executed: dict[str, set[int]] | None = None

    @property
    def records(self) -> list[Any]:
        return self.log.records


def _exit_status(code: Any) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message"), as Python prints it
    return 1


def _crash(exc: BaseException) -> Crash:
    from torchlint.runtime.simulate import traceback_frames

    location, _ = traceback_frames(exc.__traceback__)
    record: Record | None = None
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen and record is None:
        seen.add(id(e))
        record = getattr(e, "_torchlint_record", None)
        e = e.__cause__ or e.__context__
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    frames = [
        fs
        for fs in traceback.extract_tb(exc.__traceback__)
        if not os.path.abspath(fs.filename).startswith(here)
        and os.path.basename(fs.filename) != "runpy.py"
        and not fs.filename.startswith("<frozen ")
    ]
    text = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames))
    text += "".join(traceback.format_exception_only(type(exc), exc))
    return Crash(type(exc).__name__, str(exc), location, text, record)


class _LineWatch:
    """A ``sys.settrace`` tracer that notes which of some lines run: it traces only
    the frames of the files those lines are in."""

    def __init__(self, watch: Mapping[str, set[int]]) -> None:
        self.wanted = {path: frozenset(lines) for path, lines in watch.items()}
        self.executed: dict[str, set[int]] = {path: set() for path in watch}
        self._paths: dict[types.CodeType, str | None] = {}

    def __call__(self, frame: types.FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        code = frame.f_code
        if code in self._paths:
            path = self._paths[code]
        else:
            real = os.path.realpath(os.path.abspath(code.co_filename))
            path = self._paths[code] = real if real in self.wanted else None
        if path is None:
            return None
        wanted, executed = self.wanted[path], self.executed[path]

        def line(frame: types.FrameType, event: str, arg: Any) -> Callable[..., Any]:
            if event == "line" and frame.f_lineno in wanted:
                executed.add(frame.f_lineno)
            return line

        return line


def run(
    target: str,
    args: list[str] | tuple[str, ...] = (),
    *,
    module: bool = False,
    simulate_cuda: bool = True,
    device_count: int = 1,
    watch: Mapping[str, set[int]] | None = None,
) -> RunResult:
    """Run ``target`` (a script path, or a module name with ``module=True``) as
    ``__main__`` with ``sys.argv = [target, *args]``, under ``check()``.

    ``watch``: lines (per real path) to note whether the run executes them
    (``RunResult.executed``). ``sys.argv``, ``sys.path`` and the check's patches are
    restored afterwards."""
    from torchlint.runtime.simulate import check

    tracer = _LineWatch(watch) if watch and sys.gettrace() is None else None
    saved_argv, saved_path = sys.argv[:], sys.path[:]
    sys.argv = [target, *args]
    # As `python script.py` / `python -m module` do: the script's folder (or the
    # current one) comes first on sys.path.
    sys.path.insert(0, os.getcwd() if module else os.path.dirname(os.path.abspath(target)))
    try:
        context = check(simulate_cuda=simulate_cuda, device_count=device_count)
        log = context.__enter__()
        result = RunResult(log)
        if tracer is not None:
            sys.settrace(tracer)
        try:
            try:
                if module:
                    runpy.run_module(target, run_name="__main__", alter_sys=True)
                else:
                    runpy.run_path(target, run_name="__main__")
            except SystemExit as exc:
                result.exit_status = _exit_status(exc.code)
            finally:
                if tracer is not None:
                    sys.settrace(None)
                    result.executed = tracer.executed
        except BaseException as exc:
            context.__exit__(type(exc), exc, exc.__traceback__)  # records what escaped
            if not isinstance(exc, Exception):
                raise  # KeyboardInterrupt and friends
            result.exit_status = 1
            result.crash = _crash(exc)
        else:
            context.__exit__(None, None, None)
        return result
    finally:
        sys.argv[:] = saved_argv
        sys.path[:] = saved_path
