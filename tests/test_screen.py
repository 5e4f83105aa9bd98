"""The screen (torchlint/screen/) may only skip files that cannot hold a finding:
every rule-book file gives the same findings with and without it, and the evidence
tags follow values the way the flow analysis does (module level into functions, self
attributes across methods, import aliases)."""

from __future__ import annotations

import ast
import functools
import textwrap
from pathlib import Path

import libcst as cst
import pytest
from rulebook import RULES_DIR

from torchlint import screen
from torchlint.lint import engine
from torchlint.lint.bodies import without_lines
from torchlint.rules import registry
from torchlint.screen import Evidence
from torchlint.screen.file import File
from torchlint.screen.units import Unit

ALL = frozenset(registry.all_rules())
DEFAULT = frozenset(c for c, r in registry.all_rules().items() if r.default_enabled)
BOOK = sorted(p for p in RULES_DIR.glob("*/*.py"))


Found = list[tuple[int, int, str, str, object]]


def _findings(path: Path, codes: frozenset[str] = ALL, *, screen: bool) -> Found:
    result = engine.lint_text(str(path), path.read_text(), codes, screen=screen)
    return [(f.line, f.column, f.code, f.message, f.fix) for f in result.findings]


@functools.cache
def _unscreened(path: Path) -> Found:
    """Every rule's findings in ``path`` without the screen. One rule alone finds
    exactly its own of these (``test_rules_are_independent_without_the_screen``), so
    the tests of one rule at a time read them from here instead of linting the whole
    rule book again per rule."""
    return _findings(path, screen=False)


@pytest.mark.parametrize("path", BOOK, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_book_gives_the_same_findings_with_and_without_the_screen(path: Path) -> None:
    assert _findings(path, screen=True) == _unscreened(path)


@pytest.mark.parametrize("code", sorted(ALL))
def test_rules_are_independent_without_the_screen(code: str) -> None:
    # A rule enabled alone finds what it finds among all the rules (no rule's
    # findings depend on which others run), checked on the rule's own folder.
    for path in (p for p in BOOK if p.parent.name.split("-", 1)[0] == code):
        alone = _findings(path, frozenset({code}), screen=False)
        assert alone == [f for f in _unscreened(path) if f[2] == code], path


def _rules(source: str) -> set[str]:
    text = textwrap.dedent(source)
    return {r.code for r in engine.rules_for(text, DEFAULT, ast.parse(text))}


def _tags(source: str) -> list[frozenset[str]]:
    evidence = Evidence(ast.parse(textwrap.dedent(source)))
    return [evidence.module_level, *evidence.units]


def test_a_file_without_torch_evidence_needs_no_parse() -> None:
    assert _rules("def f(x: torch.Tensor):\n    return x + 1\n") == set()


def test_modeling_code_moving_tensors_only_is_screened_out() -> None:
    # The shape of most library code: tensors follow each other's device; no module
    # is placed, nothing is discarded, no alias goes stale.
    rules = _rules(
        """
        import torch
        from torch import nn

        class Attention(nn.Module):
            def __init__(self, dim):
                super().__init__()
                self.proj = nn.Linear(dim, dim)
                self.weight = nn.Parameter(torch.ones(dim))

            def forward(self, hidden_states, mask):
                mask = mask.to(hidden_states.device)
                hidden_states = hidden_states.to(self.proj.weight.dtype)
                return self.proj(hidden_states) * mask
        """
    )
    assert rules == set()


def test_a_module_created_at_module_level_is_seen_in_functions() -> None:
    source = """
        import torch
        model = torch.nn.Linear(2, 2).half()

        def run(x, device):
            return model(x.to(device))
        """
    assert "TL201" in _rules(source)


def test_self_attributes_are_followed_across_methods() -> None:
    source = """
        import torch

        class Runner:
            def __init__(self, device):
                self.model = torch.nn.Linear(2, 2)
                self.model.to(device)

            def step(self):
                return self.model(torch.zeros(1, 2))
        """
    assert screen.PLACED_MODULE in _tags(source)[1]
    assert "TL204" in _rules(source)


def test_module_aliases_are_followed_to_the_end_whatever_the_walk_order() -> None:
    # The walk meets `d = c` before `c = b` (it is in no order): a module reached
    # through a chain of names is still a module, and moving it places a module.
    text = textwrap.dedent(
        """\
        import torch


        def f(device):
            a = torch.nn.Linear(2, 2)
            b = a
            c = b
            d = c
            return d.to(device)
        """
    )
    tree = ast.parse(text)
    unit = Unit(File(tree))
    unit.walk(tree.body[1])
    unit.finish()
    assert unit.modules == {"a", "b", "c", "d"}
    assert screen.PLACED_MODULE in unit.tags


def test_import_aliases_are_resolved() -> None:
    source = """
        import torch as th
        from torch import nn as tnn, float16 as f16

        def build(device):
            net = tnn.Conv2d(3, 8, 3).to(f16)
            return net(th.zeros(1, 3, 8, 8).to(device))
        """
    tags = _tags(source)[1]
    assert {screen.MODULE_SOURCE, screen.HALF_CAST, screen.ACCELERATOR} <= tags


def test_a_bare_move_of_an_unknown_name_is_a_placed_module() -> None:
    # flow.py takes `model.to(device)` as a statement for a module moved in place
    tags = _tags("def f(model, device):\n    model.to(device)\n")[1]
    assert {screen.PLACED_MODULE, screen.CALLABLE_MODULE} <= tags


def test_a_dtype_variable_counts_as_half_only_if_set_to_one() -> None:
    half = _tags(
        """
        import torch
        def f(model, x):
            dtype = torch.float16
            return model.to(dtype)
        """
    )[1]
    unknown = _tags("def f(model, dtype):\n    return model.to(dtype)\n")[1]
    assert screen.HALF_CAST in half
    assert screen.HALF_CAST not in unknown


def test_an_alias_of_a_parameter_attribute_shares_nothing() -> None:
    unknown = _tags(
        """
        def f(outputs, model, device):
            features = outputs.pooler_output
            features = features.to(device)
            return model(features)
        """
    )[1]
    known = _tags(
        """
        import torch
        def f(model, device):
            x = torch.zeros(3)
            alias = x
            x = x.to(device)
            return model(alias)
        """
    )[1]
    assert screen.STALE_ALIAS not in unknown
    assert screen.STALE_ALIAS in known


def test_numpy_of_a_tensor_brought_to_the_cpu_is_not_evidence() -> None:
    made = "def f(batch):\n    x = batch.to('cuda')\n"
    assert screen.NUMPY_CALL not in _tags(made + "    return x.detach().cpu().numpy()\n")[1]
    assert screen.NUMPY_CALL in _tags(made + "    return x.detach().numpy()\n")[1]
    # a parameter: the flow analysis knows nothing of where it is
    assert (
        screen.NUMPY_CALL
        not in _tags("def f(x: torch.Tensor):\n    return x.detach().numpy()\n")[1]
    )


def test_a_device_type_is_evidence_only_where_it_goes_as_a_device() -> None:
    # TL210 reads `dev = x.device.type` where `dev` is then a device in the same
    # function (.to(dev), torch.device(dev), device=dev); a type compared or passed
    # to a helper cannot be one of its findings.
    taken = "def f(x, n):\n    dev = x.device.type\n"
    for use in ("torch.zeros(n, device=dev)", "x.to(dev)", "torch.device(dev)"):
        assert screen.INDEXLESS_TYPE in _tags(taken + f"    return {use}\n")[1]
    for use in ('dev == "cuda"', "empty_cache(dev)", "torch.autocast(device_type=dev)"):
        assert screen.INDEXLESS_TYPE not in _tags(taken + f"    return {use}\n")[1]
    # written where the device goes, it is a finding's own line
    assert screen.INDEXLESS_TYPE in _tags("def f(x, y):\n    return y.to(x.device.type)\n")[1]
    assert (
        screen.INDEXLESS_TYPE
        not in _tags("def f(x):\n    return torch.get_device_module(x.device.type)\n")[1]
    )


def test_the_class_of_a_value_is_a_legacy_constructor_only_if_it_may_be_a_tensor() -> None:
    # type(t) of a tensor is torch.Tensor: called, the legacy CPU constructor (TL402)
    assert screen.LEGACY_CONSTRUCTOR in _tags("def f(t):\n    return type(t)(t.size())\n")[1]
    assert screen.LEGACY_CONSTRUCTOR in _tags("def f(t):\n    return g(type(t))\n")[1]
    # the class of a literal is no tensor's; a class used as a key is never called
    assert screen.LEGACY_CONSTRUCTOR not in _tags("TYPES = (int, type(None))\n")[0]
    assert screen.LEGACY_CONSTRUCTOR not in _tags("def f(v):\n    return NAMES[type(v)]\n")[1]


def test_too_deep_to_screen_falls_back_to_the_text_triggers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def too_deep(tree: ast.Module, *args: object) -> None:
        raise RecursionError

    monkeypatch.setattr(engine, "Evidence", too_deep)
    text = "import torch\ndef f(m, x):\n    m.to('cuda')\n"
    assert "TL204" in {r.code for r in engine.rules_for(text, DEFAULT, ast.parse(text))}


@pytest.mark.parametrize("code", sorted(ALL))
def test_each_rule_alone_finds_the_same_in_the_whole_rule_book_with_and_without_the_screen(
    code: str,
) -> None:
    # One rule at a time is where the screen skips the most: every unit of a file in
    # which that rule cannot match is left out of the parse.
    # (Without the screen, the rule alone finds its own of all the rules' findings:
    # test_rules_are_independent_without_the_screen.)
    for path in BOOK:
        with_screen = _findings(path, frozenset({code}), screen=True)
        assert with_screen == [f for f in _unscreened(path) if f[2] == code], path


def test_idle_units_keep_their_headers_and_lines_and_lose_their_bodies() -> None:
    text = textwrap.dedent(
        """\
        import torch
        from torch import nn


        @torch.no_grad()
        class Block(nn.Module):  # the header stays: a module class of the file
            '''doc'''

            def forward(self, x: torch.Tensor):
                return x * 2


        def one_liner(x): return x.cuda()


        def caller(model, device):
            model.to(device)
            model.head = Block()
        """
    )
    tree = ast.parse(text)
    idle = [s for s in tree.body if isinstance(s, (ast.ClassDef, ast.FunctionDef))][:2]
    out = screen.without_bodies(text, idle)
    assert out.splitlines()[4:11] == [
        "@torch.no_grad()",
        "class Block(nn.Module):  # the header stays: a module class of the file",
        "    pass",
        '    """',  # the rest of the body: one string literal over its lines
        "",
        '"""',
        "",
    ]
    assert "def one_liner(x): return x.cuda()" in out  # a body on its header's line stays
    assert out.count("\n") == text.count("\n")
    assert out.splitlines()[14:] == text.splitlines()[14:]
    ast.parse(out)


def test_without_bodies_empties_a_body_that_starts_with_a_decorated_def() -> None:
    # The body starts at the decorator: emptied from `def` on, the decorator would
    # be left with nothing to decorate (LibCST refuses it; the file was parsed whole).
    text = textwrap.dedent(
        """\
        def skip_if(test_func):
            @functools.wraps(test_func)
            def wrapper(*args):
                return test_func(*args)

            return wrapper
        y = 2
        """
    )
    out = screen.without_bodies(text, [ast.parse(text).body[0]])
    assert out.splitlines() == [
        "def skip_if(test_func):",
        "    pass",
        '    """',
        "",
        "",
        '"""',
        "y = 2",
    ]
    cst.parse_module(out)


def test_without_bodies_keeps_crlf_and_cr_line_breaks() -> None:
    for brk in ("\r\n", "\r"):
        text = brk.join(["def f():", "    x = 1", "    return x", "y = 2", ""])
        out = screen.without_bodies(text, [ast.parse(text).body[0]])
        assert out == brk.join(["def f():", "    pass", "", "y = 2", ""])


def test_a_class_the_file_calls_is_screened_with_its_caller() -> None:
    # The flow analysis follows a call of a class of the file into its __init__ (and
    # a module's forward): Block is parsed with caller. Unused's body cannot hold a
    # TL202 finding and is not parsed; its header still says it is a module.
    text = textwrap.dedent(
        """\
        from torch import nn

        class Block(nn.Module):
            def __init__(self):
                super().__init__()
                self.proj = nn.Linear(4, 4)

        class Unused(nn.Module):
            def __init__(self):
                super().__init__()
                self.proj = nn.Linear(4, 4)

        def caller(model, device):
            model.to(device)
            model.head = Block()
            model.tail = Unused
        """
    )
    rules, idle = engine.screen_units(text, frozenset({"TL202"}), ast.parse(text))
    assert [r.code for r in rules] == ["TL202"]
    assert [u.name for u in idle] == ["Unused"]  # type: ignore[attr-defined]
    found = engine.lint_text("x.py", text, frozenset({"TL202"}))
    assert [(f.line, f.code) for f in found.findings] == [(15, "TL202")]


_HANDS_OVER = """\
import torch
from torch import nn
{imports}

def {helper}(model):
    {body}
    return model

def main():
    model = nn.Linear(4, 4).to("cuda")
    model = {helper}(model)
    return model(torch.randn(2, 4, device="cuda"))
"""


def test_a_module_handed_to_a_helper_is_late_only_if_something_can_attach() -> None:
    # A helper that only reads its module cannot attach a submodule to it: no
    # statement of the file can (setattr, add_module, `m.x = ...` off self).
    reads = _HANDS_OVER.format(imports="", helper="count", body="print(model)")
    assert engine.screen_units(reads, frozenset({"TL202"}), ast.parse(reads))[0] == []
    for body in ("model.head = nn.Linear(4, 2)", 'setattr(model, "head", nn.Linear(4, 2))'):
        attaches = _HANDS_OVER.format(imports="", helper="patch", body=body)
        rules, _ = engine.screen_units(attaches, frozenset({"TL202"}), ast.parse(attaches))
        assert [r.code for r in rules] == ["TL202"]
        found = engine.lint_text("x.py", attaches, frozenset({"TL202"}))
        assert [f.code for f in found.findings] == ["TL202"]


def test_a_module_handed_to_another_files_helper_is_late_if_that_file_attaches(
    tmp_path: Path,
) -> None:
    for body, expected in (("print(m)", []), ('m.add_module("head", nn.Linear(4, 2))', ["TL202"])):
        (tmp_path / "helpers.py").write_text(
            f"from torch import nn\n\ndef patch(m):\n    {body}\n    return m\n"
        )
        text = _HANDS_OVER.format(imports="from helpers import patch", helper="wrap", body="")
        text = text.replace("    \n    return model", "    return patch(model)")
        path = tmp_path / "train.py"
        path.write_text(text)
        found = engine.lint_text(str(path), text, frozenset({"TL202"}))
        assert [f.code for f in found.findings] == expected
        off = engine.lint_text(str(path), text, frozenset({"TL202"}), screen=False)
        assert [f.code for f in off.findings] == expected


def test_a_fix_after_idle_units_in_a_crlf_file_changes_only_its_span() -> None:
    text = (
        "import torch\r\n\r\n\r\nclass Helper:\r\n    '''Nothing to find here.'''\r\n\r\n"
        "    def size(self):\r\n        return 1  # keep\r\n\r\n\r\n"
        'def g(x: torch.Tensor):\r\n    return x.type("torch.HalfTensor")\r\n'
    )
    _, idle = engine.screen_units(text, frozenset({"TL102"}), ast.parse(text))
    assert [u.name for u in idle] == ["Helper"]  # type: ignore[attr-defined]
    outcome = engine.fix_text("x.py", text, frozenset({"TL102"}), unsafe=False)
    assert outcome.fixed == 1
    assert outcome.text == text.replace(
        'x.type("torch.HalfTensor")', 'x.to(device="cpu", dtype=torch.float16)'
    )


def test_a_load_of_a_file_another_function_writes_is_judged_with_the_saver_kept(
    tmp_path: Path,
) -> None:
    """TL502 trusts a load of the file another function of the module writes: the
    screen keeps the body of the function that saves."""
    path = tmp_path / "s.py"
    path.write_text(
        "import torch\n\n\n"
        "def save_stats(stats, args):\n"
        '    torch.save({"step": stats.step}, args.stats_file)\n\n\n'
        "def load_stats(args):\n"
        "    return torch.load(args.stats_file, weights_only=True)\n"
    )
    assert _findings(path, screen=True) == _findings(path, screen=False) == []


def test_a_function_named_without_a_call_is_screened_with_its_caller(tmp_path: Path) -> None:
    """``make = batch`` then ``make()``: the flow analysis follows ``batch`` from
    ``main``, so the screen groups the two."""
    path = tmp_path / "f.py"
    path.write_text(
        "import torch\n\n\n"
        "def batch():\n"
        "    return torch.randn(3, 4)\n\n\n"
        "def main(model):\n"
        "    model.cuda()\n"
        "    make = batch\n"
        "    return model(make())\n"
    )
    found = _findings(path, screen=True)
    assert found == _findings(path, screen=False)
    assert [(line, code) for line, _, code, *_ in found] == [(11, "TL204")]


def test_a_dataset_class_of_the_file_is_cpu_data_for_the_loops_over_its_loader(
    tmp_path: Path,
) -> None:
    """Whatever a Dataset class of the file returns, a DataLoader over it yields CPU
    batches (default collate): TL204 is screened in."""
    path = tmp_path / "d.py"
    path.write_text(
        "from torch.utils.data import DataLoader, Dataset\n\n\n"
        "class Rows(Dataset):\n"
        "    def __init__(self, rows):\n"
        "        self.rows = rows\n\n"
        "    def __getitem__(self, i):\n"
        "        return self.rows[i]\n\n\n"
        "def train(model, device, rows):\n"
        "    model.to(device)\n"
        "    for x in DataLoader(Rows(rows), batch_size=8):\n"
        "        model(x)\n"
    )
    found = _findings(path, screen=True)
    assert found == _findings(path, screen=False)
    assert [(line, code) for line, _, code, *_ in found] == [(15, "TL204")]


def test_a_torchvision_dataset_is_cpu_data(tmp_path: Path) -> None:
    path = tmp_path / "v.py"
    path.write_text(
        "from torch.utils.data import DataLoader\nfrom torchvision import datasets\n\n\n"
        "def train(model, device, root):\n"
        "    model.to(device)\n"
        "    for x, y in DataLoader(datasets.MNIST(root), batch_size=8):\n"
        "        model(x)\n"
    )
    found = _findings(path, screen=True)
    assert found == _findings(path, screen=False)
    assert [(line, code) for line, _, code, *_ in found] == [(8, "TL204")]


def _large_class(extra: str = "", name: str = "Pipeline") -> str:
    """A class of 80 lines and more (screened method by method) with one method
    that discards a move (TL205), one that reaches another on self, and filler."""
    filler = "".join(
        f"\n    def step_{i}(self, n):\n"
        + "".join(f"        n = n + {k}\n" for k in range(6))
        + "        return n\n"
        for i in range(10)
    )
    return (
        textwrap.dedent(
            f"""\
            import torch


            class {name}:
                def __init__(self, size):
                    self.size = size

                def prepare(self):
                    x = torch.zeros(self.size)
                    x.to("cuda")
                    return x

                def run(self):
                    return self.helper()

                def helper(self):
                    y = torch.ones(3)
                    y.cuda()
                    return y
            """
        )
        + filler
        + extra
    )


def test_a_large_class_nothing_else_reaches_is_screened_one_method_at_a_time() -> None:
    # The flow analysis walks such a class one method at a time (with __init__ and
    # the methods it calls on self): the methods no rule can match in lose their
    # bodies; run is kept for the helper it calls.
    text = _large_class()
    rules, idle = engine.screen_units(text, frozenset({"TL205"}), ast.parse(text))
    assert [r.code for r in rules] == ["TL205"]
    assert sorted(u.name for u in idle) == [f"step_{i}" for i in range(10)]  # type: ignore[attr-defined]
    found = engine.lint_text("x.py", text, frozenset({"TL205"}))
    assert [(f.line, f.code) for f in found.findings] == [(10, "TL205"), (18, "TL205")]
    every = engine.lint_text("x.py", text, frozenset({"TL205"}), screen=False)
    assert found.findings == every.findings


def test_a_method_a_kept_method_calls_on_self_is_kept_with_it() -> None:
    # setup() alone can match no rule (a move, no numpy), but run() calls it and the
    # flow analysis follows the call: emptied, setup() would hide TL501 in run().
    text = _large_class().replace(
        "    def run(self):\n        return self.helper()\n",
        "    def setup(self):\n"
        "        self.t = torch.zeros(self.size).to(self.accelerator.device)\n\n"
        "    def run(self):\n"
        "        self.setup()\n"
        "        return self.t.numpy()\n",
    )
    assert "self.t.numpy()" in text
    rules, idle = engine.screen_units(text, frozenset({"TL501"}), ast.parse(text))
    assert [r.code for r in rules] == ["TL501"]
    assert "setup" not in {u.name for u in idle}  # type: ignore[attr-defined]
    found = engine.lint_text("x.py", text, frozenset({"TL501"}))
    assert [(f.line, f.code) for f in found.findings] == [(18, "TL501")]
    every = engine.lint_text("x.py", text, frozenset({"TL501"}), screen=False)
    assert found.findings == every.findings


def test_a_large_class_the_file_names_or_a_whole_class_rule_reads_is_kept_whole() -> None:
    # Made by the module body: the flow analysis follows the instance's calls.
    made = _large_class("\n\npipe = Pipeline(4)\n")
    assert engine.screen_units(made, frozenset({"TL205"}), ast.parse(made))[1] == []
    # TL301 reads attributes set in __init__ of a module class wherever they are used.
    attrs = _large_class().replace("self.size = size", "self.table = torch.zeros(size)")
    module = attrs.replace("class Pipeline:", "class Pipeline(torch.nn.Module):")
    rules, idle = engine.screen_units(module, frozenset({"TL205", "TL301"}), ast.parse(module))
    assert [r.code for r in rules] == ["TL205", "TL301"]
    assert idle == []
    # A class that is no module (a scheduler) has no module state to screen for.
    rules, idle = engine.screen_units(attrs, frozenset({"TL205", "TL301"}), ast.parse(attrs))
    assert [r.code for r in rules] == ["TL205"]
    # TL502 trusts a load of what the class's own saver method writes.
    methods = """
        def save(self, path):
            torch.save({"step": 1}, path)

        def load(self, path):
            return torch.load(path)
    """
    saver = _large_class(textwrap.indent(textwrap.dedent(methods), "    "))
    rules, idle = engine.screen_units(saver, frozenset({"TL205", "TL502"}), ast.parse(saver))
    assert [r.code for r in rules] == ["TL205", "TL502"]
    assert idle == []
    assert engine.lint_text("x.py", saver, frozenset({"TL502"})).findings == []


def test_a_helper_that_returns_no_tensor_is_no_tensor_attribute() -> None:
    # TL301 follows self.x = helper(...) to what the helper returns: a vocabulary
    # loaded from a file is no tensor, a table built with torch is.
    text = textwrap.dedent(
        """\
        import torch
        from torch import nn

        def load_vocab(path):
            vocab = {}
            with open(path) as f:
                for i, line in enumerate(f):
                    vocab[line.strip()] = i
            return vocab

        def table(n):
            t = torch.arange(n)
            return t[:, None] * t[None, :]

        class Tokenizing(nn.Module):
            def __init__(self, path):
                super().__init__()
                self.vocab = load_vocab(path)

            def forward(self, x):
                return x + len(self.vocab)

        class Tabled(nn.Module):
            def __init__(self, n):
                super().__init__()
                self.table = self.build(n)

            def build(self, n):
                return table(n)

            def forward(self, x):
                return x + self.table
        """
    )
    evidence = Evidence(ast.parse(text))
    tagged = [screen.INIT_TENSOR_ATTR in tags for tags in evidence.units]
    # (table() carries the tag too: the class that calls it keeps it in the parse.)
    assert tagged == [False, True, False, True]
    found = engine.lint_text("x.py", text, frozenset({"TL301"}))
    assert [(f.line, f.code) for f in found.findings] == [(26, "TL301")]


def test_without_lines_keeps_imports_and_the_units_asked_for() -> None:
    # Another file of the project, as a followed call reads it: its imports, the
    # units asked for, lines and line breaks where they were; the rest one string
    # literal per run of lines.
    for brk in ("\n", "\r\n", "\r"):
        text = brk.join(
            [
                '"""doc"""',
                "import torch",
                "X = 1; import os",
                "LOGGER = make(",
                "    1)",
                "",
                "def helper(x):",
                "    return x.cuda()",
                "",
                "@wrap",
                "def unused(y):",
                "    return y",
                "",
            ]
        )
        tree = ast.parse(text)
        spans = [(s.lineno, s.end_lineno or s.lineno) for s in tree.body]
        spans[6] = (10, 12)  # (from its decorator)
        keep = [spans[1], spans[3], spans[5]]
        drop = [spans[0], spans[2], spans[4], spans[6]]
        out = without_lines(text, drop, keep)
        lines = out.split(brk)
        assert len(lines) == len(text.split(brk))
        assert lines[1:4] == ["import torch", "X = 1; import os", '"""']
        assert lines[4] == '"""' and lines[6:8] == ["def helper(x):", "    return x.cuda()"]
        assert lines[9:12] == ['"""', "", '"""']
        assert [type(s).__name__ for s in ast.parse(out).body] == [
            "Import",
            "Assign",
            "Import",
            "Expr",
            "FunctionDef",
            "Expr",
        ]


def test_a_rule_whose_trigger_is_in_a_module_imported_whole_is_kept(tmp_path: Path) -> None:
    # ``import networks``, then ``networks.build(gpus)``: the DataParallel is in
    # networks.py, and the trainer (a class with no base, walked as script code)
    # reaches it. TL203 alone finds it, as with every rule on and without the screen.
    (tmp_path / "networks.py").write_text(
        "import torch.nn as nn\n\n\n"
        "def build(gpus):\n"
        "    net = nn.Linear(4, 2)\n"
        "    return nn.DataParallel(net, gpus)\n"
    )
    text = (
        "import networks\n\n\n"
        "class Trainer:\n"
        "    def __init__(self, gpus):\n"
        "        self.net = networks.build(gpus)\n"
    )
    path = tmp_path / "trainer.py"
    path.write_text(text)
    for codes in (frozenset({"TL203"}), DEFAULT):
        for screened in (True, False):
            found = engine.lint_text(str(path), text, codes, screen=screened)
            assert [(f.line, f.code) for f in found.findings] == [(6, "TL203")]
