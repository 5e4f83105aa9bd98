"""Shared by the test modules: the rule-book reader on the path, and ``invoke``, the
command line run in this process (``from conftest import invoke``)."""

import sys
from pathlib import Path

from click.testing import CliRunner, Result

from torchlint.frontends.cli import main

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
