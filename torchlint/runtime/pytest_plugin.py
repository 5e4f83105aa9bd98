"""pytest plugin: ``pytest --torchlint-simulate-cuda`` runs the test suite under
simulated CUDA (docs/runtime.md).

The simulation is installed in ``pytest_configure``, before collection, so tests
marked ``skipif(not torch.cuda.is_available())`` run. A test during which a device or
dtype mismatch was recorded fails with the record's attribution, even when the test
itself caught the error; ``@pytest.mark.torchlint_skip`` opts a test out (one that
provokes a mismatch on purpose). A failure's traceback keeps the test's own frames:
torch's and the simulator's are left out.

Registered through the ``pytest11`` entry point; without the option it does nothing
and imports nothing (not torch).
"""

from __future__ import annotations

import os
import types
from collections.abc import Generator
from typing import Any

import pytest

from torchlint.runtime.records import RecordLog

_SECTION = "torchlint runtime check"
MARKER = "torchlint_skip"
_TORCHLINT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("torchlint", "torchlint runtime check")
    group.addoption(
        "--torchlint-simulate-cuda",
        action="store_true",
        default=False,
        help="Run the tests under simulated CUDA (torch.cuda.is_available() is True, "
        "tensors stay on the CPU) and fail a test on a device/dtype mismatch.",
    )
    group.addoption(
        "--torchlint-devices",
        type=int,
        default=1,
        metavar="N",
        help="How many CUDA devices to simulate (default: 1).",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}: the torchlint runtime check does not fail this test on the device or "
        "dtype mismatches it hits (say, a test that provokes one on purpose); it still runs "
        "under simulated CUDA.",
    )
    if not config.getoption("torchlint_simulate_cuda", default=False):
        return
    config.pluginmanager.register(
        _Simulation(config.getoption("torchlint_devices", default=1)), "torchlint-runtime"
    )


class _Simulation:
    def __init__(self, devices: int) -> None:
        from torchlint.runtime import simulate

        self._simulate = simulate
        self.sim = simulate.acquire(True, devices)
        self.failed: list[tuple[str, RecordLog]] = []
        # torch's files and torchlint's: not the test's frames.
        self._skip = (simulate.TORCH_DIR, _TORCHLINT)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        self._simulate.release(self.sim)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, Any, Any]:
        log = RecordLog(simulate_cuda=True)
        if item.get_closest_marker(MARKER) is not None:
            try:
                return (yield)
            except BaseException as exc:
                _trim(exc, self._skip)
                raise
        self.sim.logs.append(log)
        try:
            try:
                result = yield
            except BaseException as exc:
                self.sim.escaped(exc)
                _trim(exc, self._skip)
                if log.records:
                    item.add_report_section("call", _SECTION, log.format())
                    self.failed.append((item.nodeid, log))
                raise
            if log.records:
                self.failed.append((item.nodeid, log))
                pytest.fail(
                    "torchlint: device/dtype mismatch recorded under simulated CUDA "
                    "(the test did not fail on it by itself; if it provokes the mismatch on "
                    f"purpose, mark it @pytest.mark.{MARKER}):\n" + log.format(),
                    pytrace=False,
                )
            return result
        finally:
            self.sim.logs.remove(log)

    def pytest_report_header(self, config: pytest.Config) -> str:
        n = self.sim.device_count
        return f"torchlint: simulating {n} CUDA device{'s' * (n != 1)} on the CPU"

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.failed:
            return
        terminalreporter.section(_SECTION)
        for nodeid, log in self.failed:
            terminalreporter.write_line(nodeid)
            for record in log.records:
                terminalreporter.write_line("    " + record.format())


def _trim(exc: BaseException, skip: tuple[str, ...]) -> None:
    """Leave torch's and torchlint's frames out of ``exc``'s traceback (and of the
    exceptions it was raised from), so pytest shows the test's own frames; a traceback
    with nothing else is kept whole."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        kept = []
        tb = e.__traceback__
        while tb is not None:
            if not tb.tb_frame.f_code.co_filename.startswith(skip):
                kept.append(tb)
            tb = tb.tb_next
        if kept:
            new: types.TracebackType | None = None
            for t in reversed(kept):
                new = types.TracebackType(new, t.tb_frame, t.tb_lasti, t.tb_lineno)
            e.__traceback__ = new
        e = e.__cause__ or e.__context__
