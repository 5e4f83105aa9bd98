"""LibCST's parse, without the check LibCST runs on every node it builds.

Each node's ``__post_init__`` calls ``_validate()``: a check meant for trees that
code builds by hand (a missing space in ``notx``, a lone ``lambda`` parameter). The
parser's nodes are valid by construction; LibCST's own comment on the method says as
much ("... would allow us to avoid validating the tree when parsing a file"). On every
twelfth file of the library corpus the check is 10-16% of the parse.

The check is skipped only while validation is all ``__post_init__`` does and no node
class has one of its own (a LibCST version where that changed parses as before). The
nodes that fixes build are still checked: the skip lasts for one parse.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

_BASE = cst.CSTNode


def _validating_hook() -> Callable[[cst.CSTNode], None] | None:
    """``CSTNode.__post_init__`` when it only validates, and no node class overrides it."""
    hook = _BASE.__dict__.get("__post_init__")
    code = getattr(hook, "__code__", None)
    if code is None or code.co_names != ("_validate",):
        return None
    todo: list[type] = list(_BASE.__subclasses__())
    while todo:
        cls = todo.pop()
        if "__post_init__" in cls.__dict__:
            return None
        todo.extend(cls.__subclasses__())
    return hook  # type: ignore[no-any-return]


def _unchecked(self: cst.CSTNode) -> None:
    pass


_HOOK = _validating_hook()


def parse_module(text: str) -> cst.Module:
    """``libcst.parse_module(text)``, a tenth faster."""
    if _HOOK is None:
        return cst.parse_module(text)
    _BASE.__post_init__ = _unchecked  # type: ignore[method-assign]
    try:
        return cst.parse_module(text)
    finally:
        _BASE.__post_init__ = _HOOK  # type: ignore[method-assign, assignment]
