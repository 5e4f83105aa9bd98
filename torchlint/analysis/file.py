"""A file's analysis as the rules see it: the facts of one pass over its statements
(``facts.py``) and the device/dtype flow derived from them (``flow.py``), computed on
first use. It sits above both so that the flow analysis, which reads the facts, is
not imported by them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Self

import libcst as cst

from torchlint.analysis.facts import FileFacts
from torchlint.analysis.flow import flow
from torchlint.analysis.observations import FlowFacts
from torchlint.analysis.project import Home
from torchlint.analysis.torch_api import mark_modules


@dataclass
class Analysis(FileFacts):
    _flow: FlowFacts | None = field(default=None, repr=False)
    # Files of the project a rule read itself (``project.resolve``), for the lines of
    # them its messages name.
    _read: list[Home] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, module: cst.Module, path: str | None = None) -> Self:
        analysis = super().of(module, path)
        mark_modules(analysis)
        return analysis

    @property
    def flow(self) -> FlowFacts:
        """The device/dtype flow facts, computed on first use (only the rules that
        need them pay for them) and then shared."""
        if self._flow is None:
            assert self.module is not None
            self._flow = flow(self, self.module)
        return self._flow

    @property
    def files(self) -> list[Home]:
        """The other files of the project the flow analysis read (none when it did
        not run), and those a rule read (``read_too``)."""
        walked = self._flow.files if self._flow is not None else []
        return [*walked, *(h for h in self._read if h not in walked)]

    def read_too(self, home: Home) -> None:
        """A rule names a line of ``home``, another file of the project it read."""
        if home not in self._read:
            self._read.append(home)


def analyze(module: cst.Module, path: str | None = None) -> Analysis:
    return Analysis.of(module, path)
