"""pytest plugin: ``pytest --torchlint-simulate-cuda`` runs the test suite under
simulated CUDA (docs/runtime.md).

The simulation is installed in ``pytest_configure``, before collection, so tests
marked ``skipif(not torch.cuda.is_available())`` run. A test during which a device or
dtype mismatch was recorded fails with the record's attribution, even when the test
itself caught the error.

Registered through the ``pytest11`` entry point; without the option it does nothing
and imports nothing (not torch).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from torchlint.runtime.records import Report

_SECTION = "torchlint runtime check"


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
        self.failed: list[tuple[str, Report]] = []

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        self._simulate.release(self.sim)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, Any, Any]:
        report = Report(simulate_cuda=True)
        self.sim.reports.append(report)
        try:
            try:
                result = yield
            except BaseException as exc:
                self.sim.escaped(exc)
                if report.records:
                    item.add_report_section("call", _SECTION, report.format())
                    self.failed.append((item.nodeid, report))
                raise
            if report.records:
                self.failed.append((item.nodeid, report))
                pytest.fail(
                    "torchlint: device/dtype mismatch recorded under simulated CUDA "
                    "(the test did not fail on it by itself):\n" + report.format(),
                    pytrace=False,
                )
            return result
        finally:
            self.sim.reports.remove(report)

    def pytest_report_header(self, config: pytest.Config) -> str:
        n = self.sim.device_count
        return f"torchlint: simulating {n} CUDA device{'s' * (n != 1)} on the CPU"

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.failed:
            return
        terminalreporter.section(_SECTION)
        for nodeid, report in self.failed:
            terminalreporter.write_line(nodeid)
            for record in report.records:
                terminalreporter.write_line("    " + record.format())
