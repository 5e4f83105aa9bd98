"""Memoized helpers: ``if key in _CACHE: return _CACHE[key]`` before the code that
builds the value, stores it (``_CACHE[key] = model``) and returns it. The cached
value is one an earlier call of the same helper built and returned, so what the
helper gives is what its other returns give: the read of the cache is left out of
the join of its returns (else the unknown entry makes the whole result unknown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.values import Value
from torchlint.lint.traverse import nodes

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope


def cached_read(scope: Scope, expr: cst.BaseExpression | None, value: Value) -> bool:
    """``expr`` (a returned expression, ``value`` as the walk read it) reads an
    entry of a container that the file's functions fill by key: a memo; or is a
    name last bound to such a read (``hit = _CACHE.get(key)``, ``if hit is not
    None: return hit``)."""
    if value.kind is not None:
        return False
    if isinstance(expr, cst.Name):
        return expr.value in scope.memo_reads
    return _read_of(scope, expr) is not None


def bound(scope: Scope, name: str, stmt: cst.CSTNode, target: cst.BaseExpression) -> None:
    """``name`` (``target``) bound by ``stmt``: remember whether ``name = expr`` reads a
    memo (for ``cached_read``), and forget it when ``name`` is bound to anything else."""
    expr = None
    if isinstance(stmt, cst.Assign) and target is stmt.targets[0].target:
        expr = stmt.value
    if expr is None and not scope.memo_reads:
        return
    container = _read_of(scope, expr)
    if container is not None:
        scope.memo_reads[name] = container
    else:
        scope.memo_reads.pop(name, None)


def _read_of(scope: Scope, expr: cst.BaseExpression | None) -> str | None:
    """The container ``expr`` reads an entry of by key (``_CACHE[key]``,
    ``self._cache.get(key)``), when the file's functions fill it by key; else None."""
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        container = dotted(expr.value)
    elif (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "get"
        and len(expr.args) == 1
        and expr.args[0].keyword is None
    ):
        container = dotted(expr.func.value)
    else:
        return None
    return container if container is not None and container in _stored(scope) else None


def store(scope: Scope, target: cst.Subscript, value: Value) -> None:
    """``_CACHE[key] = model`` in a walk: what the helper put in its memo, which a
    read of the memo later in the same walk gives back (the container itself may be
    another file's global, whose entries the walk does not keep). Kept for every
    container: only a read of a memo (``cached_read``) looks it up, and finding the
    memos here, at every store by key, scanned each file the walk entered again for
    every file linted (docs/performance.md, session 66)."""
    container = dotted(target.value)
    if container is not None:
        scope.memo_stored[container] = value


def stored_read(scope: Scope, expr: cst.BaseExpression | None) -> Value | None:
    """What this walk stored in the memo that ``expr`` (a read of it) reads, if any."""
    if isinstance(expr, cst.Name):
        container = scope.memo_reads.get(expr.value)
    else:
        container = _read_of(scope, expr)
    return None if container is None else scope.memo_stored.get(container)


def _stored(scope: Scope) -> frozenset[str]:
    """The containers (``_CACHE``, ``self._slots``) the functions of the file being
    read store entries in by key."""
    home = scope.w.home
    known = scope.w.memo_stores.get(home)
    if known is None:
        module = home.analysis.module
        found: set[str] = set()
        for fn in nodes(module, cst.FunctionDef) if module is not None else ():
            for assign in nodes(fn, cst.Assign):
                for target in assign.targets:
                    if isinstance(target.target, cst.Subscript):
                        name = dotted(target.target.value)
                        if name is not None:
                            found.add(name)
        known = scope.w.memo_stores[home] = frozenset(found)
    return known
