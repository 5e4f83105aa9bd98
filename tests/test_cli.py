"""The command line as a user sees it: a small tree in, the exact stdout, stderr and
exit code out.

Most cases go through ``click.testing.CliRunner`` (stdout and stderr apart); the key
ones also run the installed command in a real subprocess.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest
from conftest import invoke
from rulebook import expected

from torchlint.checks.type_cast import TypeCastWithoutDevice

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

# ---------------------------------------------------------------- the snippets

# One TL101 at 8:27 (the `type` of `x.type`), with a SAFE fix `.type(` -> `.to(`.
MODULE_CAST = """\
import torch
from torch import nn
class M(nn.Module):
    def __init__(self, enc):
        super().__init__()
        self.enc = enc
    def forward(self, x: torch.Tensor):
        return self.enc(x.type(torch.float16))
"""
MODULE_CAST_MSG = (
    "TL101 `.type(torch.float16)` changes the dtype but not the device of the input to "
    "`self.enc`; if the module's weights are on another device the call crashes: use "
    "`.to(device=..., dtype=torch.float16)` with the module's device"
)

# One TL102 at 3:11 with an UNSAFE fix.
LEGACY_CUDA = """\
import torch
def f(x: torch.Tensor):
    y = x.type(torch.cuda.HalfTensor)
    return y
"""
LEGACY_CUDA_MSG = (
    "TL102 `.type(torch.cuda.HalfTensor)` is a legacy cast that also moves a CPU tensor to "
    "the current GPU, not necessarily the model's; say both explicitly with "
    '`.to(device="cuda", dtype=torch.float16)`'
)

# One TL102 at 3:14 with a SAFE fix.
LEGACY_STR = """\
import torch
def g(x: torch.Tensor):
    return x.type("torch.HalfTensor")
"""
LEGACY_STR_MSG = (
    "TL102 `.type('torch.HalfTensor')` is a legacy cast that also moves the tensor to the "
    'CPU; say both explicitly with `.to(device="cpu", dtype=torch.float16)`'
)

# TL103 (opt-in) at 3:14; nothing by default.
PLAIN_CAST = """\
import torch
def to_half(x: torch.Tensor):
    return x.type(torch.float16)
"""

# One TL106 (half-on-cpu), which has no fix.
NO_FIX = """\
import torch
def offline_eval(x):
    net = torch.nn.Linear(4, 4).half()
    net.cpu()
    return net(x)
"""

CLEAN = """\
import torch


def clean(x):
    return x.to(torch.float16)
"""


# ---------------------------------------------------------------- helpers


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))


def locations(stdout: str) -> list[str]:
    """``path:line:col: CODE`` of each finding line."""
    return [
        m.group(0)
        for m in (re.match(r"^\S+:\d+:\d+: TL\d+", line) for line in stdout.splitlines())
        if m
    ]


def command() -> list[str]:
    """The installed ``torchlint`` script of this interpreter's environment."""
    script = Path(sys.executable).with_name("torchlint")
    if script.exists():
        return [str(script)]
    found = shutil.which("torchlint")
    return [found] if found else [sys.executable, "-m", "torchlint"]


def run(
    args: list[str],
    cwd: Path,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    module: bool = False,
) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-m", "torchlint"] if module else command()
    proc = subprocess.run(
        [*cmd, *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder that is also the current directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------- text output


def test_one_finding_is_one_flake8_line_and_a_summary_on_stderr(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST})
    result = invoke("a.py")
    assert result.exit_code == 1
    assert result.stdout == f"a.py:8:27: {MODULE_CAST_MSG}\n"
    assert result.stderr == "torchlint: Found 1 finding in 1 file (1 fixable with --fix).\n"


NON_BLOCKING = """\
import torch
from torch import nn


def run(batch):
    model = nn.Linear(4, 2).half()
    x = batch.cuda(non_blocking=True)
    return model(x)
"""


def test_a_move_is_named_by_its_device_not_by_another_keyword(tree: Path) -> None:
    # `.cuda(non_blocking=True)` moves to the current GPU: its flag is no device.
    write(tree, {"a.py": NON_BLOCKING})
    result = invoke("a.py")
    assert result.exit_code == 1
    assert "while its input `x` was moved to cuda at line 7:" in result.stdout
    assert "`True`" not in result.stdout


def test_each_snippet_gives_its_finding(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST, "b.py": LEGACY_CUDA, "c.py": LEGACY_STR})
    result = invoke("a.py", "b.py", "c.py")
    assert result.exit_code == 1
    assert result.stdout == (
        f"a.py:8:27: {MODULE_CAST_MSG}\nb.py:3:11: {LEGACY_CUDA_MSG}\nc.py:3:14: {LEGACY_STR_MSG}\n"
    )
    assert result.stderr == (
        "torchlint: Found 3 findings in 3 files (2 fixable with --fix); "
        "1 more with --unsafe-fixes.\n"
    )


def test_summary_with_unsafe_fixes_counts_them_as_fixable(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST, "b.py": LEGACY_CUDA, "c.py": LEGACY_STR})
    result = invoke("--unsafe-fixes", "a.py", "b.py", "c.py")
    assert result.exit_code == 1
    assert result.stderr == (
        "torchlint: Found 3 findings in 3 files (3 fixable with --fix --unsafe-fixes).\n"
    )


def test_clean_file_exits_0_with_nothing_on_stdout(tree: Path) -> None:
    write(tree, {"clean.py": CLEAN})
    result = invoke("clean.py")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "torchlint: All checks passed (1 file checked).\n"


def test_no_paths_means_the_current_folder(tree: Path) -> None:
    write(tree, {"pkg/c.py": LEGACY_STR, "clean.py": CLEAN})
    result = invoke()
    assert result.exit_code == 1
    assert locations(result.stdout) == ["pkg/c.py:3:14: TL102"]
    assert result.stderr == "torchlint: Found 1 finding in 1 file (1 fixable with --fix).\n"


@pytest.mark.parametrize(
    "args",
    [[], ["."], ["./"], ["./pkg", "./a.py"], ["pkg/./", "pkg/../a.py"]],
    ids=["default", "dot", "dot-slash", "dot-prefixed", "unnormalised"],
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_paths_are_printed_without_a_leading_dot_slash(
    tree: Path, args: list[str], fmt: str
) -> None:
    write(tree, {"pkg/c.py": LEGACY_STR, "a.py": LEGACY_STR})
    result = invoke("--format", fmt, *args)
    assert result.exit_code == 1
    if fmt == "json":
        assert [f["path"] for f in json.loads(result.stdout)] == ["a.py", "pkg/c.py"]
    else:
        assert locations(result.stdout) == ["a.py:3:14: TL102", "pkg/c.py:3:14: TL102"]


def test_stdin_filename_is_printed_without_a_leading_dot_slash(tree: Path) -> None:
    result = invoke("-", "--stdin-filename", "./pkg/m.py", input=LEGACY_STR.encode())
    assert locations(result.stdout) == ["pkg/m.py:3:14: TL102"]


def test_findings_are_sorted_by_path_then_line_then_column(tree: Path) -> None:
    two_on_one_line = (
        "import torch\n"
        "def g(x: torch.Tensor):\n"
        '    return x.type("torch.DoubleTensor"), x.type("torch.HalfTensor")\n'
    )
    write(
        tree,
        {
            "b.py": LEGACY_STR,
            "a.py": LEGACY_STR + "def h(x):\n    return x.type(torch.cuda.HalfTensor)\n",
            "sub/z.py": two_on_one_line,
            "c.py": MODULE_CAST,
        },
    )
    result = invoke("sub", "c.py", "b.py", "a.py")
    assert result.exit_code == 1
    assert locations(result.stdout) == [
        "a.py:3:14: TL102",
        "a.py:5:14: TL102",
        "b.py:3:14: TL102",
        "c.py:8:27: TL101",
        "sub/z.py:3:14: TL102",
        "sub/z.py:3:44: TL102",
    ]


def test_quiet_removes_the_summary(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST, "clean.py": CLEAN})
    result = invoke("--quiet", "a.py")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == f"a.py:8:27: {MODULE_CAST_MSG}\n"
    result = invoke("-q", "clean.py")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_exit_zero_exits_0_despite_findings(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST})
    result = invoke("--exit-zero", "a.py")
    assert result.exit_code == 0
    assert locations(result.stdout) == ["a.py:8:27: TL101"]


def test_rule_book_example_gives_the_marked_findings(tree: Path) -> None:
    bad = RULES / "TL101-type-cast-without-device" / "bad.py"
    text = bad.read_text(encoding="utf-8")
    (tree / "bad.py").write_text(text, encoding="utf-8")
    marked = expected(text)
    assert marked, "the rule book example marks no finding"
    result = invoke("-q", "--select", "TL101", "bad.py")
    assert result.exit_code == 1
    assert locations(result.stdout) == [f"bad.py:{e.line}:{e.column}: {e.code}" for e in marked]


# ---------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "TL999"],
        ["--select", "TL101,NOPE"],
        ["--ignore", "XX1"],
        ["--extend-select", "TL8"],
        ["--ignore", "TL000"],  # engine codes cannot be selected away
        ["--jobs", "0"],
        ["--format", "xml"],
        ["--no-such-option"],
        ["--explain", "NOPE"],
    ],
    ids=lambda a: " ".join(a),
)
def test_usage_error_exits_2_with_nothing_on_stdout(tree: Path, args: list[str]) -> None:
    write(tree, {"a.py": MODULE_CAST})
    result = invoke(*args, "a.py")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Error:" in result.stderr


def test_unknown_select_code_is_named_in_the_error(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST})
    result = invoke("--select", "TL999", "a.py")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--select': unknown rule code or prefix 'TL999' "
        "(see `torchlint --list-rules`)"
    )


def test_missing_path_exits_2_and_the_other_paths_are_still_linted(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST})
    result = invoke("a.py", "missing.py")
    assert result.exit_code == 2
    assert result.stdout == f"a.py:8:27: {MODULE_CAST_MSG}\n"
    assert "torchlint: error: missing.py: No such file or directory\n" in result.stderr


def test_missing_path_alone_exits_2(tree: Path) -> None:
    result = invoke("-q", "missing.py")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "torchlint: error: missing.py: No such file or directory\n"


def test_missing_path_summary_does_not_claim_success(tree: Path) -> None:
    result = invoke("missing.py")
    assert result.exit_code == 2
    assert result.stderr == (
        "torchlint: error: missing.py: No such file or directory\n"
        "torchlint: No findings (0 files checked), but 1 path could not be linted "
        "(see above).\n"
    )


# ---------------------------------------------------------------- --format json


def test_json_gives_every_field_of_a_finding_with_a_safe_fix(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST})
    result = invoke("--format", "json", "a.py")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": "a.py",
            "line": 8,
            "column": 27,
            "end_line": 8,
            "end_column": 31,
            "code": "TL101",
            "message": MODULE_CAST_MSG.removeprefix("TL101 "),
            "fix": {
                "applicability": "safe",
                "message": "cast with .to(torch.float16)",
                "edits": [
                    {"line": 8, "column": 27, "end_line": 8, "end_column": 31, "content": "to"},
                ],
            },
        }
    ]


def test_json_unsafe_and_safe_fixes_of_tl102(tree: Path) -> None:
    write(tree, {"b.py": LEGACY_CUDA, "c.py": LEGACY_STR})
    result = invoke("--format", "json", "c.py", "b.py")
    assert result.exit_code == 1
    b, c = json.loads(result.stdout)
    assert (b["path"], b["line"], b["column"], b["code"]) == ("b.py", 3, 11, "TL102")
    assert b["fix"] == {
        "applicability": "unsafe",
        "message": 'cast with .to(device="cuda", dtype=torch.float16)',
        "edits": [
            {
                "line": 3,
                "column": 9,
                "end_line": 3,
                "end_column": 38,
                "content": 'x.to(device="cuda", dtype=torch.float16)',
            }
        ],
    }
    assert (c["path"], c["line"], c["column"], c["code"]) == ("c.py", 3, 14, "TL102")
    assert c["fix"] == {
        "applicability": "safe",
        "message": 'cast with .to(device="cpu", dtype=torch.float16)',
        "edits": [
            {
                "line": 3,
                "column": 12,
                "end_line": 3,
                "end_column": 38,
                "content": 'x.to(device="cpu", dtype=torch.float16)',
            }
        ],
    }


def test_json_finding_without_a_fix_has_fix_null(tree: Path) -> None:
    write(tree, {"broken.py": "def f(:\n    pass\n"})
    result = invoke("--format", "json", "broken.py")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": "broken.py",
            "line": 1,
            "column": 7,
            "end_line": 1,
            "end_column": 7,
            "code": "TL000",
            "message": "syntax error: invalid syntax",
            "fix": None,
        }
    ]


def test_json_of_a_clean_tree_is_an_empty_array(tree: Path) -> None:
    write(tree, {"clean.py": CLEAN})
    result = invoke("--format", "json", "clean.py")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


# ---------------------------------------------------------------- other outputs


def test_statistics_counts_per_rule_most_frequent_first(tree: Path) -> None:
    """TL102: one safe fix (c.py), one unsafe (b.py): [-], only some are fixable
    with --fix; [*] once --unsafe-fixes makes both apply."""
    write(tree, {"a.py": MODULE_CAST, "b.py": LEGACY_CUDA, "c.py": LEGACY_STR})
    result = invoke("--statistics", "a.py", "b.py", "c.py")
    assert result.exit_code == 1
    assert result.stdout == (
        "    2\tTL102\t[-] legacy-type-cast\n    1\tTL101\t[*] type-cast-without-device\n"
    )
    unsafe = invoke("--statistics", "--unsafe-fixes", "a.py", "b.py", "c.py")
    assert unsafe.stdout == (
        "    2\tTL102\t[*] legacy-type-cast\n    1\tTL101\t[*] type-cast-without-device\n"
    )


def test_statistics_fixable_mark_only_for_fixes_that_apply_without_unsafe_fixes(
    tree: Path,
) -> None:
    write(tree, {"b.py": LEGACY_CUDA, "s.py": NO_FIX})
    # TL102 with an unsafe fix; TL106 (half-on-cpu) has no fix.
    result = invoke("--statistics", "b.py", "s.py")
    assert result.stdout == "    1\tTL102\t[ ] legacy-type-cast\n    1\tTL106\t[ ] half-on-cpu\n"
    assert invoke("--statistics", "--unsafe-fixes", "b.py").stdout == (
        "    1\tTL102\t[*] legacy-type-cast\n"
    )


def test_statistics_follows_format_json(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST, "b.py": LEGACY_CUDA, "c.py": LEGACY_STR})
    result = invoke("--statistics", "--format", "json", "a.py", "b.py", "c.py")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "code": "TL102",
            "name": "legacy-type-cast",
            "count": 2,
            "fixable": False,
            "fixable_count": 1,
        },
        {
            "code": "TL101",
            "name": "type-cast-without-device",
            "count": 1,
            "fixable": True,
            "fixable_count": 1,
        },
    ]
    clean = invoke("--statistics", "--format", "json", "a.py", "--select", "TL2")
    assert (clean.exit_code, clean.stdout) == (0, "[]\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "sarif"], "--statistics prints text or JSON, not --format sarif"),
        (["--format", "junit"], "--statistics prints text or JSON, not --format junit"),
        (["--diff"], "--statistics cannot be used with --diff"),
    ],
)
def test_statistics_with_a_format_it_cannot_follow_is_a_usage_error(
    tree: Path, args: list[str], message: str
) -> None:
    write(tree, {"a.py": MODULE_CAST})
    result = invoke("--statistics", *args, "a.py")
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"Error: {message}" in result.stderr


def test_statistics_of_a_clean_tree_is_empty(tree: Path) -> None:
    write(tree, {"clean.py": CLEAN})
    result = invoke("--statistics", "clean.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_show_source_prints_the_line_and_a_caret_under_the_column(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST})
    result = invoke("--show-source", "a.py")
    assert result.exit_code == 1
    assert result.stdout == (
        f"a.py:8:27: {MODULE_CAST_MSG}\n"
        "        return self.enc(x.type(torch.float16))\n"
        "                          ^\n"
    )


def test_show_source_caret_copies_tabs_so_it_lines_up(tree: Path) -> None:
    write(
        tree,
        {"t.py": 'import torch\ndef g(x: torch.Tensor):\n\treturn x.type("torch.HalfTensor")\n'},
    )
    result = invoke("--show-source", "t.py")
    assert result.stdout == (
        f't.py:3:11: {LEGACY_STR_MSG}\n\treturn x.type("torch.HalfTensor")\n\t         ^\n'
    )


def test_show_fixes_prints_each_fix_under_its_finding(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST, "b.py": LEGACY_CUDA, "s.py": NO_FIX})
    result = invoke("--show-fixes", ".")
    assert result.exit_code == 1
    assert result.stdout == (
        f"a.py:8:27: {MODULE_CAST_MSG}\n"
        "    fix (safe): cast with .to(torch.float16)\n"
        "    -         return self.enc(x.type(torch.float16))\n"
        "    +         return self.enc(x.to(torch.float16))\n"
        f"b.py:3:11: {LEGACY_CUDA_MSG}\n"
        "    fix (unsafe: applied with --fix --unsafe-fixes): "
        'cast with .to(device="cuda", dtype=torch.float16)\n'
        "    -     y = x.type(torch.cuda.HalfTensor)\n"
        '    +     y = x.to(device="cuda", dtype=torch.float16)\n'
        + "".join(line + "\n" for line in invoke("s.py").stdout.splitlines())  # no fix
    )
    # What --show-fixes shows is what --fix --unsafe-fixes then writes.
    invoke("--fix", "--unsafe-fixes", "a.py", "b.py")
    assert "x.to(torch.float16)" in (tree / "a.py").read_text()
    assert 'y = x.to(device="cuda", dtype=torch.float16)' in (tree / "b.py").read_text()


def test_show_fixes_with_fix_lists_what_was_fixed_per_file_and_rule(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST, "b.py": LEGACY_CUDA, "c.py": LEGACY_STR * 2})
    result = invoke("--fix", "--show-fixes", ".")
    assert result.exit_code == 1  # b.py's fix is unsafe: its finding remains
    assert locations(result.stdout) == ["b.py:3:11: TL102"]
    assert result.stderr == (
        "torchlint: Fixed 3 findings:\n"
        "- a.py:\n"
        "    1 × TL101 (type-cast-without-device)\n"
        "- c.py:\n"
        "    2 × TL102 (legacy-type-cast)\n"
        "torchlint: Found 1 finding in 1 file (0 fixable with --fix); 1 more with "
        "--unsafe-fixes.\n"
    )
    quiet = invoke("-q", "--fix", "--unsafe-fixes", "--show-fixes", ".")
    assert quiet.exit_code == 0
    assert (
        quiet.stderr == "torchlint: Fixed 1 finding:\n- b.py:\n    1 × TL102 (legacy-type-cast)\n"
    )


def test_stdin_fix_shows_the_remaining_finding_in_the_fixed_text(tree: Path) -> None:
    """With - and --fix, findings go to stderr and are positions in the fixed text:
    --show-source quotes that text, not the input."""
    line = '    return x.type("torch.HalfTensor"), x.type(torch.cuda.HalfTensor)\n'
    source = "import torch\ndef g(x: torch.Tensor):\n" + line
    result = invoke("-q", "--fix", "--show-source", "-", input=source.encode())
    fixed = line.replace('x.type("torch.HalfTensor")', 'x.to(device="cpu", dtype=torch.float16)')
    assert result.stdout == source.replace(line, fixed)
    (finding, quoted, caret) = result.stderr.splitlines()
    assert finding.startswith(f"-:3:{fixed.index('x.type') + 3}: TL102 ")
    assert (quoted, caret) == (fixed.rstrip("\n"), " " * (fixed.index("x.type") + 2) + "^")


def test_show_fixes_with_diff_is_a_usage_error(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST})
    result = invoke("--show-fixes", "--diff", "a.py")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--show-fixes cannot be used with --diff" in result.stderr


def test_list_rules_prints_a_table_of_all_rules(tree: Path) -> None:
    result = invoke("--list-rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "FIX", "DEFAULT", "SUMMARY"]
    rows = {line.split()[0]: line.split()[1:4] for line in lines[1:]}
    assert rows["TL101"] == ["type-cast-without-device", "yes", "on"]
    assert rows["TL102"] == ["legacy-type-cast", "yes", "on"]
    assert rows["TL103"] == ["type-cast", "yes", "off"]


@pytest.mark.parametrize(
    "code", ["TL101", "tl101", "type-cast-without-device", "Type_Cast_Without_Device"]
)
def test_explain_prints_the_rule_documentation(code: str) -> None:
    result = invoke("--explain", code)
    assert result.exit_code == 0
    assert result.stdout.startswith("# TL101 `type-cast-without-device`\n")
    assert "## What it does" in result.stdout


def test_explain_unknown_rule_exits_2() -> None:
    result = invoke("--explain", "NOPE")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no rule 'NOPE' (see --list-rules)" in result.stderr
    assert "did you mean" not in result.stderr


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("type-cast-without-devise", "type-cast-without-device"), ("TL1O1", "TL101")],
)
def test_explain_a_typo_suggests_the_rule(typo: str, meant: str) -> None:
    result = invoke("--explain", typo)
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"no rule {typo!r} (see --list-rules); did you mean {meant!r}?" in result.stderr


@pytest.mark.parametrize("key", ["TL204", "inputs-not-moved"])
def test_rule_subcommand_prints_what_explain_prints(key: str) -> None:
    result = invoke("rule", key)
    assert result.exit_code == 0
    assert result.stdout == invoke("--explain", "TL204").stdout
    assert result.stdout.startswith("# TL204 `inputs-not-moved`\n")


def test_rule_subcommand_unknown_or_missing_name_exits_2() -> None:
    unknown = invoke("rule", "stale-alia")
    assert (unknown.exit_code, unknown.stdout) == (2, "")
    assert "did you mean 'stale-alias'?" in unknown.stderr
    missing = invoke("rule")
    assert missing.exit_code == 2
    assert "Missing argument 'NAME'" in missing.stderr


def test_help_lists_the_subcommands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    commands = result.stdout.split("Commands", 1)[1].split("Options:", 1)[0]
    names = [m.group(1) for m in re.finditer(r"^    (\w+)", commands, re.MULTILINE)]
    assert names == ["run", "lsp", "rule"]
    assert "--explain RULE" in result.stdout


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"torchlint, version \S+\n", result.stdout)


# ---------------------------------------------------------------- rule selection


SELECTION_TREE = {
    "a.py": MODULE_CAST,  # TL101
    "b.py": LEGACY_CUDA,  # TL102
    "c.py": LEGACY_STR,  # TL102
    "h.py": PLAIN_CAST,  # TL103 (opt-in)
}


SELECTION_CASES: list[tuple[list[str], list[str]]] = [
    ([], ["a.py:8:27: TL101", "b.py:3:11: TL102", "c.py:3:14: TL102"]),
    (["--select", "TL101"], ["a.py:8:27: TL101"]),
    (["--select", "TL101,TL102"], ["a.py:8:27: TL101", "b.py:3:11: TL102", "c.py:3:14: TL102"]),
    (["--select", "TL101", "--select", "TL103"], ["a.py:8:27: TL101", "h.py:3:14: TL103"]),
    (["--select", "tl102"], ["b.py:3:11: TL102", "c.py:3:14: TL102"]),
    (
        ["--select", "TL1"],
        ["a.py:8:27: TL101", "b.py:3:11: TL102", "c.py:3:14: TL102", "h.py:3:14: TL103"],
    ),
    (
        ["--select", "ALL"],
        ["a.py:8:27: TL101", "b.py:3:11: TL102", "c.py:3:14: TL102", "h.py:3:14: TL103"],
    ),
    (["--select", "TL103"], ["h.py:3:14: TL103"]),
    (
        ["--extend-select", "TL103"],
        ["a.py:8:27: TL101", "b.py:3:11: TL102", "c.py:3:14: TL102", "h.py:3:14: TL103"],
    ),
    (
        ["--extend-select", "TL1"],
        ["a.py:8:27: TL101", "b.py:3:11: TL102", "c.py:3:14: TL102", "h.py:3:14: TL103"],
    ),
    (["--ignore", "TL102"], ["a.py:8:27: TL101"]),
    (["--ignore", "TL1"], []),
    (["--ignore", "TL101,TL102"], []),
    (["--select", "TL1", "--ignore", "TL102"], ["a.py:8:27: TL101", "h.py:3:14: TL103"]),
    # The more specific selector wins.
    (["--select", "TL102", "--ignore", "TL1"], ["b.py:3:11: TL102", "c.py:3:14: TL102"]),
    # The most specific of the selectors that match a code counts (TL102, not TL1).
    (
        ["--select", "TL1,TL102", "--ignore", "TL10"],
        ["b.py:3:11: TL102", "c.py:3:14: TL102"],
    ),
    # Equally specific: ignore wins.
    (["--ignore", "TL102", "--extend-select", "TL102"], ["a.py:8:27: TL101"]),
]


@pytest.mark.parametrize(
    ("args", "expected"),
    SELECTION_CASES,
    ids=[" ".join(args) or "defaults" for args, _ in SELECTION_CASES],
)
def test_select_ignore_extend_select(tree: Path, args: list[str], expected: list[str]) -> None:
    write(tree, SELECTION_TREE)
    result = invoke("-q", *args, "a.py", "b.py", "c.py", "h.py")
    assert locations(result.stdout) == expected
    assert result.exit_code == (1 if expected else 0)


def test_opt_in_rule_is_off_by_default(tree: Path) -> None:
    write(tree, {"h.py": PLAIN_CAST})
    assert invoke("h.py").exit_code == 0
    result = invoke("--extend-select", "TL103", "h.py")
    assert result.exit_code == 1
    assert result.stdout == (
        "h.py:3:14: TL103 `.type(torch.float16)` cast: use `.to(torch.float16)`, "
        "and pass `device=` there if the result must follow a module\n"
    )


def test_engine_codes_are_reported_whatever_is_selected(tree: Path) -> None:
    write(tree, {"broken.py": "def f(:\n    pass\n"})
    result = invoke("-q", "--select", "TL103", "broken.py")
    assert result.exit_code == 1
    assert locations(result.stdout) == ["broken.py:1:7: TL000"]


@pytest.mark.parametrize("how", ["named", "in-a-folder"])
def test_binary_and_unreadable_files_get_the_same_answer(
    tree: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Neither can be linted: an error on stderr and exit 2 (not a finding), however
    the file was found; the other files are still linted. (Unreadable is simulated: the
    tests may run as root, who reads mode-000 files.)"""
    from torchlint.batch import runner
    from torchlint.lint import source

    write(tree, {"bin.py": b"import torch\x00\n", "secret.py": LEGACY_STR, "ok.py": LEGACY_STR})
    real_read_bytes = runner.read_bytes

    def read_bytes(path: str, *args: int) -> bytes:
        if path.endswith("secret.py"):
            raise source.SourceError("Permission denied")
        return real_read_bytes(path, *args)

    monkeypatch.setattr(runner, "read_bytes", read_bytes)
    args = ["bin.py", "ok.py", "secret.py"] if how == "named" else ["."]
    for extra in ([], ["--exit-zero"], ["--fix"]):
        result = invoke("-j", "1", *extra, *args)
        assert result.exit_code == 2
        assert locations(result.stdout) == ([] if extra == ["--fix"] else ["ok.py:3:14: TL102"])
        errors = [line for line in result.stderr.splitlines() if "error" in line]
        assert errors == [
            "torchlint: error: bin.py: binary file (contains NUL bytes), not Python source",
            "torchlint: error: secret.py: Permission denied",
        ]


# ---------------------------------------------------------------- noqa


def _module_cast_with(comment: str) -> str:
    lines = MODULE_CAST.splitlines(keepends=True)
    lines[7] = lines[7].rstrip("\n") + comment + "\n"
    return "".join(lines)


@pytest.mark.parametrize(
    ("comment", "reported"),
    [
        ("", True),
        ("  # noqa", False),
        ("  # noqa: TL101", False),
        ("  # noqa:TL101", False),
        ("  # NOQA: tl101", False),
        ("  # noqa: TL102,TL101", False),
        ("  # noqa: TL1", False),  # a prefix
        ("  # noqa: TL102", True),  # another rule's code does not suppress TL101
        ("  # noqa: E501", True),
        ("  # a comment, no suppression", True),
    ],
)
def test_noqa_on_the_finding_line(tree: Path, comment: str, reported: bool) -> None:
    write(tree, {"a.py": _module_cast_with(comment)})
    result = invoke("-q", "a.py")
    assert locations(result.stdout) == (["a.py:8:27: TL101"] if reported else [])
    assert result.exit_code == int(reported)


MULTI_LINE = """\
import torch
from torch import nn
class M(nn.Module):
    def __init__(self, enc):
        super().__init__()
        self.enc = enc
    def forward(self, x: torch.Tensor):
        return self.enc({first}
            x.type(torch.float16),{middle}
        ){last}
"""


@pytest.mark.parametrize(
    ("where", "reported"),
    [
        ({}, True),
        ({"first": "  # noqa: TL101"}, False),  # first line of the statement
        ({"last": "  # noqa: TL101"}, False),  # last line of the statement
        ({"middle": "  # noqa: TL101"}, False),  # the finding's own line
        ({"first": "  # noqa: TL102"}, True),
        ({"last": "  # noqa: TL102"}, True),
    ],
    ids=["none", "first", "last", "own-line", "first-other-code", "last-other-code"],
)
def test_noqa_on_a_multi_line_statement(tree: Path, where: dict[str, str], reported: bool) -> None:
    text = MULTI_LINE.format(**{"first": "", "middle": "", "last": "", **where})
    write(tree, {"m.py": text})
    result = invoke("-q", "m.py")
    assert locations(result.stdout) == (["m.py:9:15: TL101"] if reported else [])
    assert result.exit_code == int(reported)


def test_noqa_on_an_unrelated_line_does_not_suppress(tree: Path) -> None:
    write(tree, {"c.py": "# noqa\n" + LEGACY_STR})
    assert locations(invoke("-q", "c.py").stdout) == ["c.py:4:14: TL102"]


@pytest.mark.parametrize(
    "text",
    [
        "# torchlint: skip-file\n" + LEGACY_STR,
        LEGACY_STR + "# torchlint: skip-file\n",
        "#torchlint:skip-file\n" + LEGACY_STR,
    ],
    ids=["first-line", "last-line", "no-spaces"],
)
def test_skip_file_comment_skips_the_whole_file(tree: Path, text: str) -> None:
    write(tree, {"c.py": text})
    result = invoke("c.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_skip_file_must_be_a_comment_line_of_its_own(tree: Path) -> None:
    write(tree, {"c.py": LEGACY_STR.replace(")\n", ")  # torchlint: skip-file\n")})
    assert locations(invoke("-q", "c.py").stdout) == ["c.py:3:14: TL102"]


# ---------------------------------------------------------------- stdin


def test_stdin_is_reported_as_dash(tree: Path) -> None:
    result = invoke("-", input=LEGACY_STR.encode())
    assert result.exit_code == 1
    assert result.stdout == f"-:3:14: {LEGACY_STR_MSG}\n"


def test_stdin_filename_names_the_finding(tree: Path) -> None:
    result = invoke("-", "--stdin-filename", "pkg/model.py", input=LEGACY_STR.encode())
    assert result.exit_code == 1
    assert result.stdout == f"pkg/model.py:3:14: {LEGACY_STR_MSG}\n"


def test_stdin_clean_exits_0(tree: Path) -> None:
    result = invoke("-", input=CLEAN.encode())
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "torchlint: All checks passed (1 file checked).\n"


@pytest.mark.parametrize("name", [[], ["--stdin-filename", "model.py"]], ids=["dash", "named"])
def test_show_source_for_stdin_shows_the_stdin_line(tree: Path, name: list[str]) -> None:
    write(tree, {"model.py": CLEAN})  # the saved file differs from the editor buffer
    result = invoke("--show-source", "-", *name, input=LEGACY_STR.encode())
    shown = "model.py" if name else "-"
    assert result.stdout == (
        f'{shown}:3:14: {LEGACY_STR_MSG}\n    return x.type("torch.HalfTensor")\n             ^\n'
    )


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (
            codecs.BOM_UTF8 + b'import torch; y = torch.zeros(2).cuda().type("torch.HalfTensor")\n',
            'import torch; y = torch.zeros(2).cuda().type("torch.HalfTensor")',
        ),
        (
            b'# coding: latin-1\nimport torch; y = "\xe9"; z = y.type("torch.HalfTensor")\n',
            'import torch; y = "é"; z = y.type("torch.HalfTensor")',
        ),
    ],
    ids=["bom", "latin-1"],
)
def test_show_source_for_stdin_decodes_like_the_linter(tree: Path, data: bytes, line: str) -> None:
    result = invoke("--show-source", "-", input=data)
    assert result.stdout.splitlines()[1] == line


# ---------------------------------------------------------------- determinism


def _many_files() -> dict[str, str]:
    files: dict[str, str] = {}
    for i in range(12):
        files[f"pkg{i % 3}/m{i}.py"] = MODULE_CAST
        files[f"pkg{i % 3}/n{i}.py"] = LEGACY_CUDA
        files[f"pkg{i % 3}/sub/c{i}.py"] = LEGACY_STR
        files[f"pkg{i % 3}/clean{i}.py"] = CLEAN
    return files


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_does_not_depend_on_the_number_of_jobs(tree: Path, fmt: str) -> None:
    write(tree, _many_files())
    one = invoke("--jobs", "1", "--format", fmt, ".")
    two = invoke("--jobs", "2", "--format", fmt, ".")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout_bytes == two.stdout_bytes
    assert one.stderr_bytes == two.stderr_bytes
    if fmt == "text":
        assert len(locations(one.stdout)) == 36


def test_output_does_not_depend_on_the_hash_seed(tree: Path) -> None:
    write(tree, _many_files())
    outs = [
        run(["--jobs", jobs, "."], tree, env={"PYTHONHASHSEED": seed})
        for seed in ("0", "123")
        for jobs in ("1", "2")
    ]
    assert {p.returncode for p in outs} == {1}
    assert len({p.stdout for p in outs}) == 1
    assert len({p.stderr for p in outs}) == 1
    assert len(outs[0].stdout.splitlines()) == 36


# ---------------------------------------------------------------- internal errors


class _CrashingTypeCastRule(TypeCastWithoutDevice):
    """TL101 with a bug: it raises on every call it visits."""

    def visit_Call(self, node: cst.Call) -> None:
        raise RuntimeError("boom")


# A TL101 case (the rule that crashes) and a TL102 finding at 10:11 (a rule that works).
TWO_RULES = MODULE_CAST + LEGACY_CUDA.replace("import torch\n", "")


def test_a_crash_inside_a_rule_is_an_internal_error_and_the_other_rules_still_report(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from torchlint.lint import engine
    from torchlint.rules import registry

    rules = {**registry.all_rules(), "TL101": _CrashingTypeCastRule}
    monkeypatch.setattr(engine, "all_rules", lambda: rules)
    write(tree, {"a.py": TWO_RULES})
    result = invoke("a.py")
    assert result.exit_code == 2
    assert result.stdout == f"a.py:10:11: {LEGACY_CUDA_MSG}\n"
    assert result.stderr == (
        "torchlint: error: a.py: internal error in TL101: RuntimeError: boom\n"
        "torchlint: Found 1 finding in 1 file (0 fixable with --fix); 1 more with --unsafe-fixes.\n"
    )


# Loaded at the start of every interpreter (the command and each pool worker, however
# the pool starts them): linting a file named crash.py raises.
CRASH_ON_ONE_FILE = """\
from torchlint.lint import engine

lint_text = engine.lint_text


def crashing(path, *args, **kwargs):
    if path.endswith("crash.py"):
        raise RuntimeError("boom")
    return lint_text(path, *args, **kwargs)


engine.lint_text = crashing
"""


def test_a_crash_in_a_worker_is_an_internal_error_and_the_other_files_still_report(
    tree: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site = tmp_path_factory.mktemp("site")
    (site / "sitecustomize.py").write_text(CRASH_ON_ONE_FILE)
    write(tree, {"a.py": LEGACY_STR, "crash.py": LEGACY_STR, "z.py": MODULE_CAST})
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH")) if p)
    proc = run(["--no-cache", "-j", "2", "."], tree, env={"PYTHONPATH": path})
    assert proc.returncode == 2
    assert proc.stdout.decode() == f"a.py:3:14: {LEGACY_STR_MSG}\nz.py:8:27: {MODULE_CAST_MSG}\n"
    assert proc.stderr.decode() == (
        "torchlint: error: crash.py: internal error: RuntimeError: boom\n"
        "torchlint: Found 2 findings in 2 files (2 fixable with --fix).\n"
    )


# ---------------------------------------------------------------- a real process


def test_process_findings_exit_1(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST, "c.py": LEGACY_STR})
    proc = run(["a.py", "c.py"], tree)
    assert proc.returncode == 1
    assert proc.stdout.decode() == (f"a.py:8:27: {MODULE_CAST_MSG}\nc.py:3:14: {LEGACY_STR_MSG}\n")
    assert proc.stderr.decode() == (
        "torchlint: Found 2 findings in 2 files (2 fixable with --fix).\n"
    )


def test_process_quiet_clean_exit_0(tree: Path) -> None:
    write(tree, {"clean.py": CLEAN})
    proc = run(["-q", "clean.py"], tree)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")


@pytest.mark.parametrize(
    "args",
    [["--select", "TL999", "."], ["missing.py"], ["--explain", "NOPE"]],
    ids=["unknown-code", "missing-path", "explain-unknown"],
)
def test_process_usage_errors_exit_2(tree: Path, args: list[str]) -> None:
    proc = run(args, tree)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr


def test_process_json(tree: Path) -> None:
    write(tree, {"a.py": MODULE_CAST})
    proc = run(["--format", "json", "a.py"], tree)
    assert proc.returncode == 1
    [finding] = json.loads(proc.stdout)
    assert finding["code"] == "TL101"
    assert finding["fix"]["applicability"] == "safe"


def test_process_stdin_and_python_dash_m(tree: Path) -> None:
    proc = run(["-", "--stdin-filename", "x.py"], tree, input=LEGACY_STR.encode(), module=True)
    assert proc.returncode == 1
    assert proc.stdout.decode() == f"x.py:3:14: {LEGACY_STR_MSG}\n"


def test_process_explain_and_list_rules(tree: Path) -> None:
    explain = run(["--explain", "TL101"], tree)
    assert explain.returncode == 0
    assert explain.stdout.startswith(b"# TL101 `type-cast-without-device`\n")
    rule = run(["rule", "type-cast-without-device"], tree)
    assert (rule.returncode, rule.stdout) == (0, explain.stdout)
    helped = run(["--help"], tree)
    assert b"  run SCRIPT [ARGS]..." in helped.stdout and b"  lsp  " in helped.stdout
    listing = run(["--list-rules"], tree)
    assert listing.returncode == 0
    codes = [line.split()[0] for line in listing.stdout.decode().splitlines()]
    assert codes[0] == "CODE"
    assert {"TL101", "TL102", "TL103"} <= set(codes[1:])
