"""Name resolution without LibCST's QualifiedNameProvider: one import alias table per
file, built in the analysis pass, and helpers that turn ``th.cuda.HalfTensor`` into
``torch.cuda.HalfTensor``.

The table is file-wide: an import inside a function is recorded too. That is looser
than Python's scoping, but a name bound to ``torch`` in one function and to something
unrelated in another is rare enough that the speed is worth it (see
docs/architecture.md for the measurement)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import libcst as cst


def dotted(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, None for anything else."""
    # (type() checks: LibCST's node classes are ABCs, slow in a failed isinstance)
    if type(node) is cst.Name:
        return node.value
    parts: list[str] = []
    while type(node) is cst.Attribute:
        parts.append(node.attr.value)
        node = node.value
    if type(node) is not cst.Name:
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def called_name(node: cst.CSTNode) -> str:
    """The last name of what ``node`` calls (``th.zeros(...)``: ``zeros``); "" when
    it is no call. (For a call the flow already knows makes a tensor.)"""
    return (dotted(node.func) or "").rsplit(".", 1)[-1] if isinstance(node, cst.Call) else ""


# SimpleString.evaluated_value runs ast.literal_eval (a compile) each time; the walk
# reads the same few device strings ("cuda", "cpu") over and over.
_STRINGS: dict[str, str | bytes] = {}


def string_value(node: cst.SimpleString) -> str | bytes:
    """``node.evaluated_value``, remembered by the literal's text."""
    raw = node.value
    found = _STRINGS.get(raw)
    if found is None:
        if len(_STRINGS) > 4096:
            _STRINGS.clear()
        found = _STRINGS[raw] = node.evaluated_value
    return found


def root_name(node: cst.BaseExpression) -> str | None:
    """The leftmost name of an attribute/call/subscript chain: ``self`` for
    ``self.vpm.blocks[0].attn(x)``."""
    while True:
        if isinstance(node, cst.Name):
            return node.value
        if isinstance(node, cst.Attribute):
            node = node.value
        elif isinstance(node, cst.Call):
            node = node.func
        elif isinstance(node, cst.Subscript):
            node = node.value
        else:
            return None


class ImportTable:
    """Maps local names to the qualified names they were imported as."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        # ``from .utils import encode``: local name -> (level, "utils.encode"), kept
        # apart so that a relative name is never taken for a library's.
        self.relative: dict[str, tuple[int, str]] = {}

    def add_import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = dotted(alias.name)
            if full is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.names[alias.asname.name.value] = full
            else:
                # ``import torch.nn`` binds ``torch``.
                head = full.split(".", 1)[0]
                self.names[head] = head

    def add_import_from(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        if node.relative:
            self._add_relative(node, len(node.relative))
            return
        if node.module is None:
            return
        module = dotted(node.module)
        if module is None:
            return
        for alias in node.names:
            if not isinstance(alias.name, cst.Name):
                continue
            local = alias.name.value
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.names[local] = f"{module}.{alias.name.value}"

    def _add_relative(self, node: cst.ImportFrom, level: int) -> None:
        module = dotted(node.module) if node.module is not None else ""
        if module is None:
            return
        assert not isinstance(node.names, cst.ImportStar)
        for alias in node.names:
            if not isinstance(alias.name, cst.Name):
                continue
            local = alias.name.value
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.relative[local] = (
                level,
                f"{module}.{alias.name.value}" if module else alias.name.value,
            )

    def qualify(self, node: cst.BaseExpression) -> str | None:
        """The qualified name of an imported Name/Attribute chain, or None when its
        root was not imported (a local variable, a parameter, a builtin)."""
        text = dotted(node)
        if text is None:
            return None
        head, _, rest = text.partition(".")
        full = self.names.get(head)
        if full is None:
            return None
        return f"{full}.{rest}" if rest else full

    def local_names_for(self, qualified: str) -> list[str]:
        """How the file spells an imported module: ``["th"]`` for ``torch`` after
        ``import torch as th``. The plain name first when it is bound, then sorted,
        for deterministic fixes."""
        names = sorted(k for k, v in self.names.items() if v == qualified)
        return sorted(names, key=lambda k: k != qualified)


def literal_str(node: cst.BaseExpression) -> str | None:
    """The text of a plain string literal (``"pos_embed"``), else None."""
    value = string_value(node) if isinstance(node, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def attribute_name(node: cst.BaseExpression) -> str | None:
    """The attribute ``setattr``/``getattr`` name: a literal's text, or for an
    f-string (``f"pos_embed{i}"``) its pattern, ``pos_embed{}``: every name it may
    spell, one key (not an identifier, so no written attribute shares it)."""
    if not isinstance(node, cst.FormattedString):
        return literal_str(node)
    parts = []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            parts.append(part.value)
        else:
            parts.append("{}")
    pattern = "".join(parts)
    return pattern if pattern.replace("{}", "") else None


def unzipped_rows(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """``rows`` of ``zip(*rows)``, else None."""
    if (
        isinstance(node, cst.Call)
        and dotted(node.func) == "zip"
        and len(node.args) == 1
        and node.args[0].star == "*"
    ):
        return node.args[0].value
    return None


def string_key(node: cst.Subscript | cst.Call) -> str | None:
    """The string literal of ``batch["x"]`` or ``batch.get("x")``."""
    if isinstance(node, cst.Subscript):
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return None
        key: cst.BaseExpression = node.slice[0].slice.value
    else:
        if not node.args:
            return None
        key = node.args[0].value
    value = key.evaluated_value if isinstance(key, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def entry_name(node: cst.Subscript) -> str:
    """How a message names a module read out of a container: ``parts["controlnet"]``
    by its key, ``self.blocks`` for any other index."""
    key = string_key(node)
    owner = dotted(node.value) or "module"
    return f'{owner}["{key}"]' if key is not None else owner


def is_super(node: cst.BaseExpression) -> bool:
    """``super()``."""
    return type(node) is cst.Call and not node.args and dotted(node.func) == "super"


def passes_true(args: Iterable[cst.Arg], keyword: str) -> bool:
    """``keyword=True`` is among a call's arguments (``return_complex=True``)."""
    return any(
        a.keyword is not None
        and a.keyword.value == keyword
        and isinstance(a.value, cst.Name)
        and a.value.value == "True"
        for a in args
    )


def written_default(fn: cst.FunctionDef | None, name: cst.BaseExpression) -> str | None:
    """The string the parameter ``name`` of ``fn`` defaults to (``window=
    "hann_window"``), for a walk that does not know what a caller passed; None for
    anything else."""
    if fn is None or not isinstance(name, cst.Name):
        return None
    for param in (*fn.params.params, *fn.params.kwonly_params):
        if param.name.value == name.value and isinstance(param.default, cst.SimpleString):
            value = param.default.evaluated_value
            return value if isinstance(value, str) else None
    return None


def getattr_name(
    call: cst.Call, owner: str, qualify: Callable[[cst.BaseExpression], str | None]
) -> cst.BaseExpression | None:
    """The name expression of ``getattr(<owner>, name)`` (``owner`` qualified:
    ``"torch"``); None for any other call."""
    if len(call.args) != 2 or dotted(call.func) != "getattr":
        return None
    return call.args[1].value if qualify(call.args[0].value) == owner else None


def attribute_like(name: str) -> bool:
    """``pos_embed`` or the pattern ``pos_embed{}``: a name setattr may bind."""
    return name.replace("{}", "0").isidentifier()
