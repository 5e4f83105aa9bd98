"""Property tests: on any program the grammar can produce, the engine never raises,
and every fix it applies leaves code that parses and that a second fix leaves alone.

CI runs a bounded number of examples; for a longer run:
    HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os

import hypothesmith
import libcst as cst
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from torchlint.lint import engine
from torchlint.lint.findings import Problem
from torchlint.rules import registry

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "long", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ALL = frozenset(registry.all_rules())

# Grammar-generated programs rarely mention torch; splice torch-shaped statements in
# so that the rules (and their fixes) actually run on odd surroundings.
TORCH_LINES = st.sampled_from(
    [
        "import torch",
        "x = x.type(torch.cuda.HalfTensor)",
        'y = y.type("torch.FloatTensor")',
        "m = torch.nn.Linear(2, 2).half()",
        "m(z.to('cuda'))",
        "t = torch.zeros(3)\nt.to('cuda')",
        "s = torch.load(p)",
        "with torch.cuda.amp.autocast():\n    pass",
        "l = torch.nn.functional.cross_entropy(a, b.int())",
        "m(*z, x.type(torch.float16))",
    ]
)


def _no_internal_error(problems: list[Problem]) -> None:
    # A rule that raises is caught and reported, never an exception: without this
    # check the property tests would pass with a rule that crashes on every file.
    assert [p for p in problems if "internal error" in p.message] == []


def _check(path: str, source: str) -> None:
    result = engine.lint_text(path, source, ALL)
    assert all(f.code in ALL or f.code.startswith("TL0") for f in result.findings)
    _no_internal_error(result.problems)
    fixed = engine.fix_text(path, source, ALL, unsafe=True)
    _no_internal_error(fixed.remaining.problems)
    if fixed.text != source:
        compile(fixed.text, path, "exec")  # still parses, for this Python
        cst.parse_module(fixed.text)  # and for LibCST
        again = engine.fix_text(path, fixed.text, ALL, unsafe=True)
        assert again.text == fixed.text  # idempotent


@given(hypothesmith.from_grammar())
def test_engine_never_raises_on_generated_programs(source: str) -> None:
    _check("gen.py", source)


@given(hypothesmith.from_grammar(), st.lists(TORCH_LINES, min_size=1, max_size=4))
# Every run, whatever the generator draws: a call with *args and a cast argument (TL101 reads it).
@example(
    "def f(model, x, rest):\n    return model(*rest, x.type(torch.float16))\n", ["import torch"]
)
def test_fixes_on_generated_programs_parse_and_are_idempotent(
    source: str, extra: list[str]
) -> None:
    try:
        compile(source, "gen.py", "exec")
    except (SyntaxError, ValueError):
        return
    text = "\n".join(extra) + "\n" + source
    try:
        compile(text, "gen.py", "exec")
    except (SyntaxError, ValueError):
        return  # e.g. `from __future__` no longer first
    _check("gen.py", text)


@given(hypothesmith.from_node())
def test_engine_never_raises_on_libcst_generated_modules(source: str) -> None:
    _check("node.py", source)


@given(
    hypothesmith.from_grammar(),
    st.lists(TORCH_LINES, min_size=1, max_size=4),
    st.sampled_from(sorted(ALL)),
)
def test_the_screen_hides_nothing_on_generated_programs(
    source: str, extra: list[str], code: str
) -> None:
    # The generated program's own top-level units sit next to a function of
    # torch-shaped lines: the screen may take bodies out of the former only if the
    # rule cannot match there; with it and without it, the findings and fixes agree.
    body = "\n".join("    " + line for chunk in extra for line in chunk.split("\n"))
    text = f"import torch\n{source}\n\ndef torch_unit(x, y, z, a, b, p, device):\n{body}\n"
    try:
        compile(text, "gen.py", "exec")
    except (SyntaxError, ValueError):
        return
    codes = frozenset({code})
    screened = engine.lint_text("gen.py", text, codes, screen=True)
    full = engine.lint_text("gen.py", text, codes, screen=False)
    _no_internal_error(screened.problems + full.problems)
    assert [(f.line, f.column, f.code, f.message, f.fix) for f in screened.findings] == [
        (f.line, f.column, f.code, f.message, f.fix) for f in full.findings
    ]
