"""Positions of the nodes a finding names (torchlint/lint/positions.py) are exactly
LibCST's ``PositionProvider``'s, computed from the statements that hold them only:
for every node of the rule book and of awkward layouts (CRLF, a BOM-less file without
a final line break, decorators with comments, tabs, ``;``, nested classes, bodies the
screen took out), and without falling back to the slow path."""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider
from rulebook import RULES_DIR

from torchlint.lint import positions
from torchlint.lint.traverse import children
from torchlint.screen import without_bodies

BOOK = sorted(RULES_DIR.glob("*/*.py"))

AWKWARD = {
    "crlf": "import torch\r\n\r\nclass A(torch.nn.Module):\r\n    def f(self, x):\r\n"
    "        return x.cuda()\r\n",
    "cr-only": "import torch\rx = torch.zeros(3)\rdef f(y):\r    return y.half()\r",
    "no-final-break": "import torch\ndef f(x):\n    return x.to('cuda')",
    "decorators": "import functools\n\n\n# a comment\n@functools.cache\n# between\n"
    "@functools.wraps(print)\n\ndef f(x):\n    # inside\n    return x\n",
    "tabs": "class A:\n\tdef f(self):\n\t\tif self:\n\t\t\treturn 1\n\t\treturn 2\n",
    "semicolons": "import torch; import numpy as np\nx = 1; y = x.cuda(); z = (\n  y)\n",
    "nested": "class A:\n    class B:\n        x = 1\n\n        def g(self):\n"
    "            return self.x.cuda()\n    y: int = 2\n\n\n# trailing\n",
    "header-comment": "#!/usr/bin/env python\n# coding: utf-8\n\n'''doc'''\nimport os\n",
    "form-feed": "import os\n\x0c\ndef f():\n    return os\n",
    "continuation": "x = 1 + \\\n    2\nif x:\n    y = [\n        1,\n    ]\nelse:\n    y = 0\n",
}


def _everything(module: cst.Module) -> list[cst.CSTNode]:
    out: list[cst.CSTNode] = []
    stack: list[cst.CSTNode] = list(module.body)
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(children(node))
    return out


def _check(text: str) -> None:
    module = cst.parse_module(text)
    tree = ast.parse(text)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    offsets = positions.Offsets(text)
    nodes = _everything(module)
    # One node at a time (the class-member path), then all at once.
    for group in [[n] for n in nodes[:: max(1, len(nodes) // 50)]] + [nodes]:
        found: dict[cst.CSTNode, CodeRange] = {}
        want = {id(n): n for n in group}
        # The fast path itself, so that a silent fallback cannot hide a mismatch.
        assert positions._block(module, offsets, module.body, tree.body, [], want, found)
        assert found == {n: expected[n] for n in group}


@pytest.mark.parametrize("path", BOOK, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_book_positions_are_libcsts(path: Path) -> None:
    _check(path.read_text())


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_awkward_layouts_give_libcsts_positions(name: str) -> None:
    _check(AWKWARD[name])


def test_positions_in_a_text_whose_idle_bodies_were_taken_out() -> None:
    source = (RULES_DIR / "TL202-module-added-after-placement" / "bad.py").read_text()
    tree = ast.parse(source)
    idle = [s for s in tree.body if isinstance(s, ast.ClassDef)]
    text = without_bodies(source, idle)
    assert text != source and text.count("\n") == source.count("\n")
    module = cst.parse_module(text)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    nodes = _everything(module)
    got = positions.positions(module, positions.Offsets(text), tree, nodes)
    assert {n: got[n] for n in nodes} == {n: expected[n] for n in nodes}


def test_a_tree_that_does_not_match_falls_back_to_libcst() -> None:
    text = "x = 1\ny = 2\n"
    module = cst.parse_module(text)
    node = module.body[1]
    wrong = ast.parse("x = 1\n\n\ny = 2\n")  # another text's lines
    got = positions.positions(module, positions.Offsets(text), wrong, [node])
    assert got[node].start.line == 2
