"""Shared by the test modules: the rule-book reader on the path, ``invoke``, the
command line run in this process (``from conftest import invoke``), and
``same_without_screen``, the screen's soundness on one file."""

import sys
from pathlib import Path

from click.testing import CliRunner, Result

from torchlint.frontends.cli import main
from torchlint.lint import engine
from torchlint.lint.source import read
from torchlint.rules import registry

# The rule-book reader is a test helper, importable as `rulebook`.
sys.path.insert(0, str(Path(__file__).resolve().parent))


def invoke(*args: str, input: bytes | str | None = None, tracebacks: bool = False) -> Result:
    """``torchlint ARGS``, stdout and stderr apart. Every outcome is an exit code, never
    an exception escaping ``main()``; and no traceback is printed, unless
    ``tracebacks``: a script run under the runtime check may print its own."""
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    if not tracebacks:
        assert "Traceback" not in result.output, result.output
    return result


def same_without_screen(path: Path) -> None:
    """The default rules give the file the same findings with the screen on and off."""
    default = frozenset(c for c, r in registry.all_rules().items() if r.default_enabled)
    text = read(str(path), max_size=0).text
    on = engine.lint_text(str(path), text, default).findings
    off = engine.lint_text(str(path), text, default, screen=False).findings
    assert [(f.line, f.code) for f in on] == [(f.line, f.code) for f in off]
