"""``bench/stages.py``: where a cold run's time goes. It lints as the engine does
(the same findings) and prints every stage it times."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from torchlint.lint import engine
from torchlint.rules.registry import defaults

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "stages.py"


def test_stages_lints_as_the_engine_does_and_prints_every_stage() -> None:
    example = ROOT / "examples" / "vlm_finetune.py"
    codes = frozenset(code for code, on in defaults().items() if on)
    expected = len(engine.lint_text(str(example), example.read_text(), codes).findings)
    assert expected > 0
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--corpus", str(example.parent), "--every", "1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out[0].startswith(f"1 files, {expected} findings, ")
    spec = importlib.util.spec_from_file_location("stages", SCRIPT)
    assert spec is not None and spec.loader is not None
    stages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stages)
    assert [line[:40].rstrip() for line in out[1:]] == [label for _, _, label in stages.STAGES]
