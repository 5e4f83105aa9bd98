"""torchlint inside flake8: ``flake8 --select TL`` reports exactly what ``torchlint``
reports (codes, lines, columns, messages), flake8 applies ``# noqa`` itself, and
torchlint's own text output is in flake8's default format.

Everything goes through the real ``flake8`` command (``python -m flake8``) of this
environment, which finds the plugin through its ``flake8.extension`` entry point.
"""

from __future__ import annotations

import argparse
import ast
import functools
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from rulebook import cases

from torchlint import __version__
from torchlint.frontends.flake8_plugin import Plugin

ROOT = Path(__file__).resolve().parent.parent
# flake8's default --format, as its documentation gives it.
FLAKE8_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<message>.*)$"
)
# TL901 judges noqa directives, which flake8 applies itself: under flake8 it reports
# nothing (docs/flake8.md; test_unused_noqa_is_not_reported_under_flake8).
BAD_FILES = sorted(str(p.relative_to(ROOT)) for c in cases() if c.code != "TL901" for p in c.bad)

Row = tuple[str, int, int, str, str]  # path, line, col, code, message


def run(cmd: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        cmd, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=300, encoding="utf-8"
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def flake8(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> list[Row]:
    """The TL lines of ``flake8 --isolated ARGS`` (no config file of the user's)."""
    proc = run([sys.executable, "-m", "flake8", "--isolated", *args], cwd, stdin)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    return [r for r in parse(proc.stdout) if r[3].startswith("TL")]


def torchlint(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> list[Row]:
    proc = run([sys.executable, "-m", "torchlint", "--isolated", "-q", *args], cwd, stdin)
    assert proc.returncode in (0, 1), proc.stderr
    return parse(proc.stdout)


def parse(stdout: str) -> list[Row]:
    rows = []
    for line in stdout.splitlines():
        m = FLAKE8_LINE.match(line)
        assert m, f"not in flake8's format: {line!r}"
        rows.append(
            (m["path"], int(m["line"]), int(m["col"]), m["code"], m["message"]),
        )
    return rows


@functools.cache
def rule_book(tool: str, *args: str) -> dict[str, set[Row]]:
    """One run of the tool over every rule-book bad file; rows grouped by file."""
    rows = (flake8 if tool == "flake8" else torchlint)(*args, *BAD_FILES)
    out: dict[str, set[Row]] = {path: set() for path in BAD_FILES}
    for row in rows:
        out[row[0]].add(row)
    return out


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


LEGACY = 'x.type("torch.HalfTensor")'


# ---------------------------------------------------------------- registration


def test_plugin_is_registered_under_the_tl_prefix() -> None:
    (ep,) = [ep for ep in entry_points(group="flake8.extension") if ep.name == "TL"]
    assert ep.value == "torchlint.frontends.flake8_plugin:Plugin"
    assert ep.load() is Plugin


def test_flake8_version_lists_the_plugin() -> None:
    proc = run([sys.executable, "-m", "flake8", "--version"], ROOT)
    assert f"torchlint: {__version__}" in proc.stdout


# ---------------------------------------------------------------- same findings


@pytest.mark.parametrize("path", BAD_FILES)
def test_flake8_select_tl_reports_what_torchlint_reports(path: str) -> None:
    # The same rules on both sides: every TL rule, opt-in ones included. flake8 runs
    # the files in parallel (--jobs 2), so its worker processes are covered too.
    ours = rule_book("torchlint", "--select", "TL")[path]
    theirs = rule_book("flake8", "--select", "TL", "--jobs", "2")[path]
    assert theirs == ours
    code = Path(path).parent.name.split("-")[0]
    assert any(row[3] == code for row in ours), "the rule book's own rule fires"


@pytest.mark.parametrize("path", BAD_FILES)
def test_flake8_default_selection_is_torchlints_default(path: str) -> None:
    # flake8 selects every TL code by default; torchlint's opt-in rules still stay off.
    assert rule_book("flake8")[path] == rule_book("torchlint")[path]


def test_opt_in_rule_needs_an_explicit_flake8_selection() -> None:
    (case,) = [c for c in cases() if c.code == "TL103"]
    path = str(case.bad[0].relative_to(ROOT))
    assert not [r for r in flake8(path) if r[3] == "TL103"]
    for args in (["--extend-select", "TL103"], ["--select", "TL1"], ["--select", "TL103"]):
        found = flake8(*args, path)
        assert found == torchlint(*args, path)
        assert any(r[3] == "TL103" for r in found)


def test_flake8_ignore_drops_the_rule() -> None:
    (case,) = [c for c in cases() if c.code == "TL101"]
    path = str(case.bad[0].relative_to(ROOT))
    assert flake8("--select", "TL", "--ignore", "TL101", path) == torchlint(
        "--select", "TL", "--ignore", "TL101", path
    )
    assert not [r for r in flake8("--extend-ignore", "TL1", path) if r[3].startswith("TL1")]


def test_flake8_select_of_other_codes_reports_no_tl_and_never_loads_the_engine() -> None:
    assert flake8("--select", "E,W", BAD_FILES[0]) == []
    proc = run(
        [sys.executable, "-X", "importtime", "-m", "flake8", "--isolated", "--select", "E,W"]
        + ["--jobs", "1", BAD_FILES[0]],
        ROOT,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    assert "torchlint.lint.findings" in imported  # the plugin module was loaded
    assert not {m for m in imported if m.startswith(("libcst", "torchlint.lint.engine"))}


# ---------------------------------------------------------------- positions


@pytest.mark.parametrize(
    "name, data",
    [
        ("lf.py", f"import torch\ndef g(x: torch.Tensor):\n    return {LEGACY}\n".encode()),
        ("crlf.py", f"import torch\r\ndef g(x: torch.Tensor):\r\n    return {LEGACY}\r\n".encode()),
        (
            "bom.py",
            b"\xef\xbb\xbf"
            + f"import torch\ndef g(x: torch.Tensor):\n    return {LEGACY}\n".encode(),
        ),
        # Columns count characters, not bytes: two non-ASCII characters before it.
        (
            "utf8.py",
            f'import torch\ndef g(x: torch.Tensor):\n    return {{"ü€": {LEGACY}}}\n'.encode(),
        ),
        ("tab.py", f"import torch\ndef g(x: torch.Tensor):\n\treturn {LEGACY}\n".encode()),
        (
            "latin1.py",
            f"# -*- coding: latin-1 -*-\nimport torch\ndef g(x: torch.Tensor):\n    return ('\xe9', {LEGACY})\n".encode(
                "latin-1"
            ),
        ),
    ],
)
def test_columns_are_identical_whatever_the_encoding_or_line_ends(
    tmp_path: Path, name: str, data: bytes
) -> None:
    write(tmp_path, name, data)
    ours = torchlint(name, cwd=tmp_path)
    assert len(ours) == 1 and ours[0][3] == "TL102"
    assert flake8("--select", "TL", name, cwd=tmp_path) == ours


def test_stdin_is_linted_the_same(tmp_path: Path) -> None:
    text = f"import torch\ndef g(x: torch.Tensor):\n    return {LEGACY}\n"
    theirs = flake8("--select", "TL", "--stdin-display-name", "s.py", "-", stdin=text)
    ours = torchlint("--stdin-filename", "s.py", "-", stdin=text)
    assert theirs == ours and len(ours) == 1


# ---------------------------------------------------------------- noqa

NOQA_CASES = f"""\
import torch


def g(x: torch.Tensor):
    a = {LEGACY}  # noqa: TL102
    b = {LEGACY}  # noqa
    c = {LEGACY}  # noqa: E501
    d = dict(  # noqa: TL102
        k={LEGACY},
    )
    e = dict(
        k={LEGACY},
    )  # noqa:TL1
    return a, b, c, d, e
"""


def test_noqa_suppresses_in_flake8_as_in_torchlint(tmp_path: Path) -> None:
    write(tmp_path, "nq.py", NOQA_CASES.encode())
    ours = torchlint("nq.py", cwd=tmp_path)
    # Only `c` (its noqa names another code) is reported; `d` and `e` are multi-line
    # statements with the comment on their first / last line.
    assert [r[1] for r in ours] == [7]
    assert flake8("--select", "TL", "nq.py", cwd=tmp_path) == ours


def test_flake8_disable_noqa_shows_every_finding(tmp_path: Path) -> None:
    write(tmp_path, "nq.py", NOQA_CASES.encode())
    rows = flake8("--select", "TL", "--disable-noqa", "nq.py", cwd=tmp_path)
    assert [r[1] for r in rows] == [5, 6, 7, 9, 12]
    assert {r[3] for r in rows} == {"TL102"}


def test_a_comment_on_the_findings_own_line_is_judged_by_flake8(tmp_path: Path) -> None:
    # torchlint also reads a noqa with no space after the hash, and lower-case codes;
    # flake8 reads neither. Under flake8, flake8's reading decides: the
    # plugin hands these findings over instead of filtering them itself.
    write(
        tmp_path,
        "own.py",
        f"import torch\ndef g(x: torch.Tensor):\n    a = {LEGACY}  #noqa\n    b = {LEGACY}  # NOQA:tl102\n".encode(),
    )
    assert torchlint("own.py", cwd=tmp_path) == []
    assert [r[1] for r in flake8("--select", "TL", "own.py", cwd=tmp_path)] == [3, 4]


def test_flake8_file_level_noqa_and_torchlint_skip_file(tmp_path: Path) -> None:
    body = f"import torch\ndef g(x: torch.Tensor):\n    return {LEGACY}\n"
    write(tmp_path, "a.py", ("# flake8: noqa\n" + body).encode())
    write(tmp_path, "b.py", ("# torchlint: skip-file\n" + body).encode())
    assert flake8("--select", "TL", "a.py", "b.py", cwd=tmp_path) == []


# ---------------------------------------------------------------- the text format


def test_torchlint_text_output_matches_flake8s_default_format() -> None:
    proc = run([sys.executable, "-m", "torchlint", "--select", "TL", "-q", *BAD_FILES], ROOT)
    lines = proc.stdout.splitlines()
    assert len(lines) > 50
    for line in lines:
        assert FLAKE8_LINE.match(line), line
    # ... and it parses to what flake8's own output parses to.
    flat = {
        row
        for rows in rule_book("flake8", "--select", "TL", "--jobs", "2").values()
        for row in rows
    }
    assert set(parse(proc.stdout)) == flat


# ---------------------------------------------------------------- the class itself


def _plugin_rows(text: str, options: argparse.Namespace | None) -> list[tuple[int, int, str]]:
    Plugin._options, Plugin._codes = None, None
    try:
        if options is not None:
            Plugin.parse_options(options)
        plugin = Plugin(ast.parse(text), "x.py", text.splitlines(keepends=True))
        return [(line, col, msg.split(" ")[0]) for line, col, msg, kind in plugin.run()]
    finally:
        Plugin._options, Plugin._codes = None, None


def test_plugin_yields_flake8_tuples_with_0_based_columns() -> None:
    text = f"import torch\ndef g(x: torch.Tensor):\n    return {LEGACY}\n"
    # flake8 prints col + 1, so 13 here is torchlint's 14.
    assert _plugin_rows(text, None) == [(3, 13, "TL102")]


def test_plugin_without_flake8_options_runs_the_default_rules() -> None:
    text = "import torch\ndef to_half(x: torch.Tensor):\n    return x.type(torch.float16)\n"  # TL103: opt-in
    assert _plugin_rows(text, None) == []


def test_unused_noqa_is_not_reported_under_flake8(tmp_path: Path) -> None:
    body = f"import torch\ndef g(x: torch.Tensor):\n    return {LEGACY}\nx = 1  # noqa: TL2040\ny = 2  # noqa\n"
    write(tmp_path, "a.py", body.encode())
    # The plugin runs (TL102 is reported), TL901 has nothing to say.
    assert [r[3] for r in flake8("--select", "TL102,TL901", "a.py", cwd=tmp_path)] == ["TL102"]


def test_plugin_does_nothing_when_flake8_selects_no_tl_code() -> None:
    text = f"import torch\ndef g(x: torch.Tensor):\n    return {LEGACY}\n"
    options = argparse.Namespace(select=["E"], extend_select=None, disable_noqa=False)
    assert _plugin_rows(text, options) == []
