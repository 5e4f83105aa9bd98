"""LibCST's parse without its per-node check (``torchlint/lint/parsing.py``): the
same tree, and the check still on for every node built outside a parse."""

from __future__ import annotations

import libcst as cst
import pytest

from torchlint.lint import parsing

SOURCE = """\
import torch as th


class Net(th.nn.Module):  # a comment
    def forward(self, x, *, scale=1.0):
        y = [v ** 2 for v in x if v is not None]
        return (lambda z: z @ x)(y), f"{scale!r:>4}"
"""


def test_the_installed_libcst_only_validates_in_post_init() -> None:
    # Else the parse is LibCST's own, at its own speed.
    assert parsing._HOOK is not None


def test_the_tree_is_libcsts() -> None:
    module = parsing.parse_module(SOURCE)
    assert module.deep_equals(cst.parse_module(SOURCE))
    assert module.code == SOURCE


def test_nodes_built_after_a_parse_are_checked() -> None:
    parsing.parse_module(SOURCE)
    with pytest.raises(cst.CSTValidationError):
        cst.Name("two words")


def test_a_syntax_error_leaves_the_check_on() -> None:
    with pytest.raises(cst.ParserSyntaxError):
        parsing.parse_module("def f(:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("two words")
