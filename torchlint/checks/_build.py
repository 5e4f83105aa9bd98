"""Small LibCST node builders shared by the rules' fixes (no rules here)."""

from __future__ import annotations

import libcst as cst

_NO_SPACE = cst.SimpleWhitespace("")


def kwarg(name: str, value: cst.BaseExpression) -> cst.Arg:
    """``name=value``, spelled without spaces around ``=`` (PEP 8)."""
    return cst.Arg(
        value=value,
        keyword=cst.Name(name),
        equal=cst.AssignEqual(whitespace_before=_NO_SPACE, whitespace_after=_NO_SPACE),
    )


def as_keyword(name: str, arg: cst.Arg) -> cst.Arg:
    """A positional argument turned into ``name=`` (its comma and spacing kept)."""
    return arg.with_changes(
        keyword=cst.Name(name),
        equal=cst.AssignEqual(whitespace_before=_NO_SPACE, whitespace_after=_NO_SPACE),
    )


def comma_separated(*args: cst.Arg) -> list[cst.Arg]:
    """Arguments joined with ``, ``."""
    out = list(args)
    for i in range(len(out) - 1):
        out[i] = out[i].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return out


def attribute_base(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` as the base of ``node.attr``: parenthesised where precedence needs it
    (``(target != pad).device``, ``(a / n).cpu()``)."""
    if isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) or node.lpar:
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def method_call(node: cst.BaseExpression, method: str, *args: cst.BaseExpression) -> cst.Call:
    """``node.method(args)``, parenthesising ``node`` where precedence needs it."""
    return cst.Call(
        func=cst.Attribute(value=attribute_base(node), attr=cst.Name(method)),
        args=comma_separated(*(cst.Arg(a) for a in args)),
    )


def renamed_method(call: cst.Call, method: str, args: list[cst.Arg] | None = None) -> cst.Call:
    """``x.type(a)`` -> ``x.to(...)``: the same receiver, another method."""
    assert isinstance(call.func, cst.Attribute)
    changed = call.with_changes(func=call.func.with_changes(attr=cst.Name(method)))
    return changed if args is None else changed.with_changes(args=args)
