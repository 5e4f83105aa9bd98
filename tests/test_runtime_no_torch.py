"""Static linting never imports torch (nor does loading the pytest plugin, or the
runtime package's CLI and records): only running code under the check does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROGRAM = """
import sys
import torchlint.frontends.cli
import torchlint.runtime
import torchlint.runtime.command
import torchlint.runtime.confirm
import torchlint.runtime.pytest_plugin
from click.testing import CliRunner

assert "torch" not in sys.modules, "imported by the modules"
for args in (
    ["--isolated", "--no-cache", "-j", "1", "examples", "rules"],
    ["--isolated", "--no-cache", "--fix", "--diff", "-j", "1", "examples"],
    ["--list-rules"],
    ["--explain", "TL201"],
):
    result = CliRunner().invoke(torchlint.frontends.cli.main, args)
    assert result.exit_code in (0, 1), (args, result.output)
    assert "torch" not in sys.modules, f"imported by: torchlint {' '.join(args)}"
print("ok")
"""


def test_static_linting_never_imports_torch() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "ok"
