"""What a unit hands to numpy outside numpy's own functions (a mixin of ``Unit``):
an array indexed by a tensor of indices (``names[order[:k]]``, with ``order =
scores.argsort()``), what an axes' plotting method is given (``ax.imshow(img)``,
``analysis/plots.py``) and a scaler's method (``scaler.inverse_transform(y)``,
``analysis/scalers.py``). All make numpy arrays of a tensor: TL501's evidence."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from torchlint.analysis.array_api import SKLEARN_SCALER_DATA_METHODS
from torchlint.analysis.plots import PLOTTING
from torchlint.screen.tags import INDEX_MAKERS
from torchlint.screen.trees import last_name, nodes_under, on_cpu, roots_of, within


class ArrayHandoffs:
    converted: set[str]

    def __init__(self) -> None:
        self.index_roots: set[str] = set()  # what indexes something (x[idx]: idx)
        self.index_made: set[str] = set()  # what an index op made (order = x.argsort())

    def index_parts(self, parts: Sequence[ast.expr]) -> None:
        """The parts of a subscript's index (``names[p.argmax(1)]``: that call)."""
        for part in parts:
            if type(part) is ast.Call and last_name(part.func) in INDEX_MAKERS:
                self.index_made.update(roots_of(part))
            if type(part) in (ast.Call, ast.Name, ast.Subscript, ast.Attribute):
                self.index_roots.update(roots_of(part))

    def index_assigned(self, targets: Sequence[ast.expr], value: ast.expr) -> None:
        """``order = scores.argsort(...)``: ``order`` holds indices."""
        if type(value) is ast.Call and last_name(value.func) in INDEX_MAKERS:
            self.index_made.update(
                n.id for t in targets for n in nodes_under(t) if type(n) is ast.Name
            )

    def plotted(self, node: ast.Call, last: str | None) -> None:
        """``ax.imshow(img)``: the arguments of an axes' plotting method (or of a
        method a scaler may have: ``scaler.transform(x)``)."""
        if (last in PLOTTING or last in SKLEARN_SCALER_DATA_METHODS) and type(
            node.func
        ) is ast.Attribute:
            for arg in (*node.args, *(k.value for k in node.keywords)):
                if not on_cpu(arg):
                    self.converted.update(roots_of(arg))

    def indexes_with_indices(self) -> bool:
        """Something is indexed by what an index op made (in a file with numpy)."""
        return any(within(p, self.index_made) for p in self.index_roots)
