"""The README's first two commands are what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_commands_are_the_ci_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    install, test = blocks[0].strip(), blocks[1].strip()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert install in ci
    assert test in ci
    assert "torchlint" in install and "examples/" in install


def test_readme_example_output_is_what_torchlint_prints(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from torchlint.cli import main

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["--no-cache", "--isolated", "examples/"])
    printed = result.stdout.splitlines()
    shown = [
        line
        for line in (ROOT / "README.md").read_text().splitlines()
        if line.startswith("examples/vlm_finetune.py:")
    ]
    assert shown and shown == printed
