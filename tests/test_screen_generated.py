"""The screen hides nothing, on generated torch-shaped programs that do have findings.

Each program is one of the bugs the rules are about, written with a spelling drawn
from the ones the analysis knows (import aliases, ``torch.half``/``float16``/
``bfloat16``, ``.half()`` or ``.to(dtype=...)``, ``torch.double`` or numpy data,
``.to``/``.cuda``/``.to_empty``, keyword or positional forms), in one of the shapes
real code has (inline, a helper that makes the value, a helper that uses it, a model
built at module level, a method of a large class that another method calls on self,
the helper in another file of the project). With the screen and without it, every
rule, and each rule that finds something alone, must give the same findings and
fixes; and most programs must give some, or the comparison says little.
"""

from __future__ import annotations

import random
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from torchlint.lint import engine
from torchlint.lint.findings import Fix
from torchlint.rules import registry

ALL = frozenset(registry.all_rules())
SEED = 1729
PROGRAMS = 80


@dataclass(frozen=True)
class Spelling:
    imports: str
    torch: str  # how the file names torch
    nn: str  # how it names torch.nn
    functional: str  # how it names torch.nn.functional


SPELLINGS = (
    Spelling("import torch\nfrom torch import nn", "torch", "nn", "torch.nn.functional"),
    Spelling(
        "import torch as th\nimport torch.nn as tnn\nimport torch.nn.functional as F",
        "th",
        "tnn",
        "F",
    ),
    Spelling("import torch\nimport torch.nn", "torch", "torch.nn", "torch.nn.functional"),
    Spelling(
        "import torch\nfrom torch import nn\nfrom torch.nn import functional as fn",
        "torch",
        "nn",
        "fn",
    ),
)


def _half(r: random.Random, s: Spelling) -> str:
    return r.choice([f"{s.torch}.half", f"{s.torch}.float16", f"{s.torch}.bfloat16"])


def _cast(r: random.Random, s: Spelling, receiver: str) -> str:
    half = _half(r, s)
    return r.choice(
        [f"{receiver}.half()", f"{receiver}.to({half})", f"{receiver}.to(dtype={half})"]
    )


def _move(r: random.Random, receiver: str) -> str:
    return r.choice([f"{receiver}.to(device)", f"{receiver}.cuda()", f'{receiver}.to("cuda")'])


def _float64(r: random.Random, s: Spelling) -> tuple[str, str]:
    """(extra import, an expression of float64 data)."""
    t = s.torch
    return r.choice(
        [
            ("", f"{t}.zeros(2, 4, dtype={t}.double)"),
            ("", f"{t}.zeros(2, 4, dtype={t}.float64)"),
            ("", f"{t}.randn(2, 4).double()"),
            ("import numpy as np", f"{t}.from_numpy(np.zeros((2, 4)))"),
            ("import numpy as np", f"{t}.tensor(np.random.rand(2, 4))"),
        ]
    )


def _bug(r: random.Random, s: Spelling) -> tuple[str, list[str], list[str]]:
    """(extra import, helper lines at module level, the body of ``main(device)``)."""
    t, nn = s.torch, s.nn
    kind = r.choice(["cast", "float64", "late", "cpu-input", "loss", "numpy", "discard"])
    shape = r.choice(["inline", "make-helper", "use-helper", "method", "module"])
    extra = ""
    if kind == "cast":
        made = _cast(r, s, f"{nn}.Linear(4, 4)")
        if r.random() < 0.3:
            extra = "from transformers import AutoModel"
            made = f'AutoModel.from_pretrained("m", torch_dtype={_half(r, s)})'
        use = f"model({_move(r, 'x')})"
        setup = [f"model = {made}", f"x = {t}.randn(2, 4)"]
    elif kind == "float64":
        extra, data = _float64(r, s)
        use = "model(x)"
        setup = [f"model = {nn}.Linear(4, 4)", f"x = {data}"]
    elif kind == "late":
        move = r.choice(
            [_move(r, "model"), "model.to_empty(device=device)", "model.to(device=device)"]
        )
        attach = r.choice(
            [
                f"model.head = {nn}.Linear(4, 2)",
                f'setattr(model, "head", {nn}.Linear(4, 2))',
                f'model.add_module("head", {nn}.Linear(4, 2))',
            ]
        )
        setup = [f"model = {nn}.Sequential({nn}.Linear(4, 4))", move]
        use = attach
    elif kind == "cpu-input":
        data = r.choice([f"{t}.randn(2, 4)", f"{t}.tensor([[0.5, 1.0, 1.5, 2.0]])"])
        setup = [f"model = {_move(r, f'{nn}.Linear(4, 4)')}", f"x = {data}"]
        use = "model(x)"
    elif kind == "loss":
        narrow = r.choice([".int()", f".to({t}.int32)", ".short()"])
        loss = r.choice([f"{s.functional}.cross_entropy", f"{nn}.CrossEntropyLoss()"])
        setup = [f"logits = {t}.randn(4, 3)", f"labels = {t}.randint(0, 3, (4,)){narrow}"]
        use = f"{loss}(logits, labels)"
    elif kind == "numpy":
        extra = "import numpy as np" if r.random() < 0.5 else ""
        convert = "np.asarray(y)" if extra else "y.numpy()"
        setup = [
            f"model = {nn}.Linear(4, 4).to(device)",
            f"y = model({t}.randn(2, 4).to(device))",
        ]
        use = convert
    else:  # discard
        setup = [f"model = {nn}.Linear(4, 4).to(device)", f"x = {t}.randn(2, 4)", "x.to(device)"]
        use = "model(x)"
    helpers: list[str] = []
    body: list[str] = []
    if shape == "make-helper" and kind != "late":
        # the value is made (and whatever goes with it) in a helper that returns it
        names = sorted(
            {"model", "x", "logits", "labels", "y"} & set(re.findall(r"\w+", " ".join(setup)))
        )
        helpers = ["def make(device):", *(f"    {line}" for line in setup)]
        helpers.append(f"    return {', '.join(names)}")
        body = [f"{', '.join(names)} = make(device)", f"return {use}"]
    elif shape == "method" and kind not in ("late", "discard"):
        # made in one method of a large class, used in another that calls it on self
        # (a class nothing else reaches: the screen may take out its methods one by one)
        names = sorted(
            {"model", "x", "logits", "labels", "y"} & set(re.findall(r"\w+", " ".join(setup)))
        )
        made = ", ".join(names)
        helpers = [
            "class Job:",
            "    def __init__(self, accelerator):",
            "        self.accelerator = accelerator",
            "",
            "    def make(self):",
            "        device = self.accelerator.device",
            *(f"        {line}" for line in setup),
            f"        return {made}",
            "",
            "    def run(self):",
            f"        {made} = self.make()",
            f"        return {use}",
            *(
                f"\n    def step_{i}(self, n):\n" + "\n".join(["        n = n + 1"] * 6)
                for i in range(10)
            ),
        ]
        body = ["return device"]
    elif shape == "module" and kind not in ("late", "discard"):
        # made by the module body, used in a function (which sees those names)
        helpers = ['device = "cuda"', *setup]
        body = [f"return {use}"]
    elif shape == "use-helper" and kind not in ("late", "discard"):
        # the use is in a helper the value is handed to
        params = sorted({"model", "x", "logits", "labels", "y"} & set(re.findall(r"\w+", use)))
        helpers = [f"def use({', '.join(params)}):", f"    return {use}"]
        body = [*setup, f"return use({', '.join(params)})"]
    else:
        body = [*setup, use if kind == "late" else f"return {use}"]
    return extra, helpers, body


def program(seed: int) -> str:
    r = random.Random(seed)
    s = r.choice(SPELLINGS)
    extra, helpers, body = _bug(r, s)
    lines = [s.imports, *([extra] if extra else []), ""]
    # an unrelated unit the screen may take out, next to the buggy one
    lines += ["", "def unrelated(a, b):", "    return [a, b] * 2", ""]
    for line in helpers:
        lines.append(line)
    lines += ["", "", "def main(device):", *(f"    {line}" for line in body), ""]
    if r.random() < 0.3:
        lines += ['if __name__ == "__main__":', '    main("cuda")', ""]
    return "\n".join(lines)


SOURCES = [program(SEED + i) for i in range(PROGRAMS)]


def two_files(seed: int) -> tuple[str, str] | None:
    """(main.py, helpers.py): the helper that makes or uses the value in another
    file of the project, imported by name; None where the bug has no helper."""
    r = random.Random(seed)
    s = r.choice(SPELLINGS)
    extra, helpers, body = _bug(r, s)
    if not helpers or not helpers[0].startswith("def "):
        return None
    name = helpers[0][len("def ") : helpers[0].index("(")]
    head = [s.imports, *([extra] if extra else [])]
    helper_file = "\n".join([*head, "", "", *helpers, ""])
    main = [*head, f"from helpers import {name}", "", "", "def main(device):"]
    return "\n".join([*main, *(f"    {line}" for line in body), ""]), helper_file


PAIRS = [pair for i in range(3 * PROGRAMS) if (pair := two_files(SEED + i)) is not None][:40]


def _findings(
    text: str, screen: bool, codes: frozenset[str] = ALL, path: str = "gen.py"
) -> list[tuple[int, int, str, str, Fix | None]]:
    result = engine.lint_text(path, text, codes, screen=screen)
    assert not result.problems, result.problems
    return [(f.line, f.column, f.code, f.message, f.fix) for f in result.findings]


@pytest.mark.parametrize("index", range(PROGRAMS))
def test_the_screen_hides_no_finding_of_a_generated_bug(index: int) -> None:
    text = SOURCES[index]
    compile(text, "gen.py", "exec")
    full = _findings(text, screen=False)
    assert _findings(text, screen=True) == full, text
    # Each rule that finds something, alone: the screen leaves out the most where
    # only one rule runs (with every rule, another one's evidence keeps a unit).
    for code in sorted({found[2] for found in full}):
        alone = frozenset({code})
        assert _findings(text, True, alone) == _findings(text, False, alone), (code, text)


@pytest.mark.parametrize("index", range(len(PAIRS)))
def test_the_screen_hides_no_finding_of_a_generated_bug_across_files(
    index: int, tmp_path: Path
) -> None:
    # The flow analysis follows the call into helpers.py (and the screen reads that
    # file's evidence): each file, linted on its own, finds the same either way.
    texts = dict(zip(("main.py", "helpers.py"), PAIRS[index], strict=True))
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    for name, text in texts.items():
        path = str(tmp_path / name)
        full = _findings(text, False, ALL, path)
        assert _findings(text, True, ALL, path) == full, (name, texts)
        for code in sorted({found[2] for found in full}):
            alone = frozenset({code})
            assert _findings(text, True, alone, path) == _findings(text, False, alone, path)


def test_most_generated_bugs_are_found() -> None:
    # The comparison above means something only where there is something to hide.
    found = sum(1 for text in SOURCES if _findings(text, screen=False))
    assert found >= PROGRAMS // 2, f"only {found} of {PROGRAMS} generated programs have findings"
    # Across files: main.py's findings that name helpers.py come from the followed call.
    across = 0
    with tempfile.TemporaryDirectory() as folder:
        for main, helpers in PAIRS:
            Path(folder, "helpers.py").write_text(helpers)
            Path(folder, "main.py").write_text(main)
            across += bool(_findings(main, False, ALL, str(Path(folder, "main.py"))))
    assert across >= len(PAIRS) // 4, f"only {across} of {len(PAIRS)} main.py files have findings"
