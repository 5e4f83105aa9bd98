"""What another file of the project binds at module level, for its functions
(``MEAN = np.array([...], dtype=np.float32)`` read by ``image2tensor`` in
``transform.py``): the module-level assignments ``project.py`` kept, because a kept
function reads them, walked once per loaded file. Only data comes out (arrays,
tensors, devices, dtypes, numbers, datasets and loaders, dicts of settings): the walk of the linted file owns the modules and
optimizers it follows, and a module built at the top of another file is not one."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from torchlint.analysis.calls import Calls
from torchlint.analysis.dicts import SETTINGS
from torchlint.analysis.project import Home
from torchlint.analysis.values import Kind, Value

_DATA = frozenset(
    {Kind.TENSOR, Kind.NDARRAY, Kind.DEVICE, Kind.DTYPE, Kind.NUMBER, Kind.DATASET, Kind.LOADER}
)


def of(
    home: Home, new_scope: Callable[[], Calls], bound: dict[Home, dict[str, Value]]
) -> dict[str, Value]:
    """The data ``home``'s kept module-level assignments bind, walked in a scope
    ``new_scope`` makes, once per walk (``bound``). Not kept on the Home, which a
    process keeps for the next file: the walk records what the assignments do (a
    device a move names, the GPU it picks) in its own tables."""
    if home not in bound:
        bound[home] = {}  # (while walked: a function they call sees none)
        module = home.analysis.module
        assigned = [
            stmt
            for stmt in (module.body if module is not None else ())
            if isinstance(stmt, cst.SimpleStatementLine)
            and all(isinstance(s, (cst.Assign, cst.AnnAssign)) for s in stmt.body)
        ]
        scope = new_scope()
        scope.body(assigned)
        bound[home] = {
            k: v
            for k, v in scope.env.items()
            if v.kind in _DATA or (v.kind == Kind.OPTIONS and v.origin == SETTINGS)
        }
    return bound[home]
