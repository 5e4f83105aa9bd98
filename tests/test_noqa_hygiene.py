"""noqa hygiene through the command line (issue 16, item 6): TL901 reports unused and
unknown ``# noqa: TL...`` codes, as ruff's RUF100, with a fix that removes them;
``--add-noqa`` suppresses every current finding in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import LEGACY_STR, LEGACY_STR_MSG, invoke, run, write

TL102_AT = 'return x.type("torch.HalfTensor")'


def _with(comment: str) -> str:
    """LEGACY_STR (one TL102, at 3:14, with a safe fix) with a comment on line 3."""
    return LEGACY_STR.replace(TL102_AT, f"{TL102_AT}  {comment}")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ------------------------------------------------------------------ TL901


def test_unused_noqa_is_opt_in(tree: Path) -> None:
    write(tree, {"a.py": "x = 1  # noqa: TL102\n"})
    assert invoke("--no-cache", "a.py").exit_code == 0
    result = invoke("--no-cache", "--extend-select", "TL901", "a.py")
    assert result.exit_code == 1
    assert result.stdout == "a.py:1:8: TL901 Unused `noqa` directive (unused: `TL102`)\n"
    assert result.stderr == "torchlint: Found 1 finding in 1 file (1 fixable with --fix).\n"


def test_a_used_code_is_not_reported_and_the_unused_one_is(tree: Path) -> None:
    write(tree, {"a.py": _with("# noqa: TL102, TL101, E501")})
    result = invoke("--no-cache", "--extend-select", "TL901", "a.py")
    assert result.exit_code == 1
    assert result.stdout == "a.py:3:40: TL901 Unused `noqa` directive (unused: `TL101`)\n"


def test_unknown_codes_blanket_and_the_codes_it_does_not_judge(tree: Path) -> None:
    write(
        tree,
        {
            "a.py": (
                "import torch\n"
                "a = 1  # noqa: TL2040, E501\n"  # unknown TL code; E501 is another tool's
                "b = 2  # noqa\n"  # blanket, nothing to suppress
                "c = torch.load('x')  # noqa: TL502\n"  # TL502 not selected: not judged
                "d = 3  # noqa: TLR001, BLE001\n"  # the runtime's and another tool's
                "e = 4  # noqa: TL9, TL101\n"  # names TL901 (a prefix): never reported
                "s = '# noqa: TL101'\n"  # in a string: not a directive
            )
        },
    )
    result = invoke("--no-cache", "--select", "TL1,TL901", "a.py")
    assert result.exit_code == 1
    assert result.stdout == (
        "a.py:2:8: TL901 Unused `noqa` directive (unknown: `TL2040`)\n"
        "a.py:3:8: TL901 Unused blanket `noqa` directive\n"
    )
    assert result.stderr == (
        "torchlint: Found 2 findings in 1 file (1 fixable with --fix); "
        "1 more with --unsafe-fixes.\n"
    )


def test_fix_removes_only_the_unused_codes_and_keeps_the_rest_of_the_line(tree: Path) -> None:
    before = (
        "import torch\n"
        "a = 1  # noqa: TL101, E501\n"
        "b = 2  # noqa: TL101  # type: ignore\n"
        "c = 3  # type: ignore  # noqa: TL101\n"
        "d = 4  # noqa: TL101 kept for the reason\n"
        "# noqa: TL101\n"
        "e = 5  # noqa\n"
    )
    write(tree, {"a.py": before})
    result = invoke("--no-cache", "--extend-select", "TL901", "--fix", "a.py")
    assert result.exit_code == 1  # the blanket one is left: its fix is unsafe
    assert result.stdout == "a.py:6:8: TL901 Unused blanket `noqa` directive\n"
    assert (tree / "a.py").read_text() == (
        "import torch\n"
        "a = 1  # noqa: E501\n"
        "b = 2  # type: ignore\n"
        "c = 3  # type: ignore\n"
        "d = 4  # kept for the reason\n"
        "e = 5  # noqa\n"
    )
    result = invoke("--no-cache", "--extend-select", "TL901", "--fix", "--unsafe-fixes", "a.py")
    assert result.exit_code == 0
    assert result.stderr == (
        "torchlint: Fixed 1 finding.\ntorchlint: All checks passed (1 file checked).\n"
    )
    assert (tree / "a.py").read_text().endswith("d = 4  # kept for the reason\ne = 5\n")


def test_fixing_a_finding_does_not_touch_a_noqa_that_suppresses_it(tree: Path) -> None:
    write(tree, {"a.py": _with("# noqa: TL102")})
    result = invoke("--no-cache", "--extend-select", "TL901", "--fix", "a.py")
    assert result.exit_code == 0
    assert (tree / "a.py").read_text() == _with("# noqa: TL102")


# --------------------------------------------------------------- --add-noqa


def test_add_noqa_suppresses_every_finding_and_a_second_run_adds_nothing(tree: Path) -> None:
    write(tree, {"a.py": LEGACY_STR, "b.py": _with("# noqa: E501")})
    result = invoke("--no-cache", "--add-noqa", ".")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "torchlint: Added 2 noqa directives.\n"
    assert (tree / "a.py").read_text() == _with("# noqa: TL102")
    assert (tree / "b.py").read_text() == _with("# noqa: E501, TL102")
    again = invoke("--no-cache", "--add-noqa", ".")
    assert (again.exit_code, again.stderr) == (0, "torchlint: Added 0 noqa directives.\n")
    # Every finding is suppressed, and TL901 finds every directive used.
    clean = invoke("--no-cache", "--extend-select", "TL901", ".")
    assert clean.exit_code == 0, clean.stdout


def test_add_noqa_puts_several_codes_of_one_line_in_one_directive(tree: Path) -> None:
    write(tree, {"a.py": "import torch\nx = torch.load('a').type('torch.HalfTensor')\n"})
    result = invoke("--no-cache", "--add-noqa", "a.py")
    assert result.stderr == "torchlint: Added 1 noqa directive.\n"
    assert (tree / "a.py").read_text() == (
        "import torch\nx = torch.load('a').type('torch.HalfTensor')  # noqa: TL102, TL502\n"
    )


def test_add_noqa_never_writes_inside_a_multi_line_string_or_after_a_backslash(
    tree: Path,
) -> None:
    # The findings' lines end inside a string and after a continuation: a comment
    # there would be text of the string or a syntax error. The statement's last
    # line, which noqa also reads, takes it.
    write(
        tree,
        {
            "a.py": (
                "import torch\n"
                'state = torch.load("""checkpoints/\n'
                'last.pt""")\n'
                "other = torch.load('b.pt') + \\\n"
                "    1\n"
            )
        },
    )
    result = invoke("--no-cache", "--add-noqa", "a.py")
    assert (result.exit_code, result.stderr) == (0, "torchlint: Added 2 noqa directives.\n")
    assert (tree / "a.py").read_text() == (
        "import torch\n"
        'state = torch.load("""checkpoints/\n'
        'last.pt""")  # noqa: TL502\n'
        "other = torch.load('b.pt') + \\\n"
        "    1  # noqa: TL502\n"
    )
    assert invoke("--no-cache", "a.py").exit_code == 0


def test_add_noqa_keeps_crlf_line_endings(tree: Path) -> None:
    (tree / "a.py").write_bytes(LEGACY_STR.replace("\n", "\r\n").encode())
    assert invoke("--no-cache", "--add-noqa", "a.py").exit_code == 0
    assert (tree / "a.py").read_bytes() == _with("# noqa: TL102").replace("\n", "\r\n").encode()


@pytest.mark.parametrize("other", [["--fix"], ["--diff"], ["--statistics"], ["-"]])
def test_add_noqa_with_an_option_that_writes_or_reads_otherwise_is_a_usage_error(
    tree: Path, other: list[str]
) -> None:
    write(tree, {"a.py": LEGACY_STR})
    result = invoke("--add-noqa", *other, "a.py")
    assert result.exit_code == 2
    assert "--add-noqa cannot be used with" in result.stderr
    assert (tree / "a.py").read_text() == LEGACY_STR


def test_add_noqa_in_a_real_process(tree: Path) -> None:
    write(tree, {"a.py": LEGACY_STR})
    proc = run(["--add-noqa", "a.py"], tree)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0,
        b"",
        b"torchlint: Added 1 noqa directive.\n",
    )
    proc = run(["a.py"], tree)
    assert proc.returncode == 0


def test_the_finding_before_add_noqa(tree: Path) -> None:
    write(tree, {"a.py": LEGACY_STR})
    assert invoke("--no-cache", "a.py").stdout == f"a.py:3:14: {LEGACY_STR_MSG}\n"


def test_add_noqa_warns_about_a_finding_no_line_can_take(tree: Path) -> None:
    # A compound statement's header that ends inside a string: noqa is read on the
    # header's first line only, and a comment there would be text of the string.
    text = 'import torch\nfor x in torch.load("""a\nb"""):\n    pass\n'
    write(tree, {"a.py": text})
    result = invoke("--no-cache", "--add-noqa", "a.py")
    assert result.exit_code == 0
    assert result.stderr == (
        "torchlint: warning: a.py:2:10: no line can take a `# noqa: TL502`\n"
        "torchlint: Added 0 noqa directives.\n"
    )
    assert (tree / "a.py").read_text() == text
