"""``[tool.torchlint]``: where it is found, what it changes, how the command line
overrides it, and the one-line error (exit 2) for every kind of mistake in it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke

# TL101 at 8:27.
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

# TL102 at 3:14.
LEGACY_STR = """\
import torch
def g(x: torch.Tensor):
    return x.type("torch.HalfTensor")
"""

# TL103 (opt-in) at 3:14.
PLAIN_CAST = """\
import torch
def to_half(x: torch.Tensor):
    return x.type(torch.float16)
"""

ALLOWED_KEYS = (
    "exclude, extend-exclude, extend-select, force-exclude, ignore, max-file-size, "
    "per-file-ignores, respect-gitignore, select"
)


def write(root: Path, files: dict[str, str]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def locations(stdout: str) -> list[str]:
    return [
        m.group(0)
        for m in (re.match(r"^\S+:\d+:\d+: TL\d+", line) for line in stdout.splitlines())
        if m
    ]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """proj/ with src/a.py (TL101), src/c.py (TL102), src/h.py (TL103, opt-in) and
    tests/test_c.py (TL102); the current folder is proj/."""
    root = tmp_path / "proj"
    write(
        root,
        {
            "src/a.py": MODULE_CAST,
            "src/c.py": LEGACY_STR,
            "src/h.py": PLAIN_CAST,
            "tests/test_c.py": LEGACY_STR,
        },
    )
    monkeypatch.chdir(root)
    return root


ALL_DEFAULT = ["src/a.py:8:27: TL101", "src/c.py:3:14: TL102", "tests/test_c.py:3:14: TL102"]


def pyproject(root: Path, body: str) -> Path:
    path = root / "pyproject.toml"
    path.write_text("[project]\nname = 'demo'\n\n[tool.torchlint]\n" + body, encoding="utf-8")
    return path


# ---------------------------------------------------------------- finding it


def test_without_config_the_defaults_apply(project: Path) -> None:
    result = invoke("-q", "src", "tests")
    assert locations(result.stdout) == ALL_DEFAULT


def test_pyproject_in_the_current_folder_is_used(project: Path) -> None:
    pyproject(project, 'ignore = ["TL102"]\n')
    result = invoke("-q", "src", "tests")
    assert (result.exit_code, locations(result.stdout)) == (1, ["src/a.py:8:27: TL101"])


def test_pyproject_is_found_from_the_linted_folder_not_the_cwd(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pyproject(project, 'ignore = ["TL102"]\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke("-q", str(project / "src"))
    assert locations(result.stdout) == [f"{project}/src/a.py:8:27: TL101"]


def test_pyproject_is_found_from_a_linted_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pyproject(project, 'extend-select = ["TL103"]\n')
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "proj/src/h.py")
    assert locations(result.stdout) == ["proj/src/h.py:3:14: TL103"]


def test_pyproject_is_found_from_a_subfolder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyproject(project, 'ignore = ["TL102"]\n')
    monkeypatch.chdir(project / "src")
    result = invoke("-q", ".")
    assert locations(result.stdout) == ["a.py:8:27: TL101"]


def test_pyproject_without_a_torchlint_table_is_passed_over(project: Path) -> None:
    pyproject(project, 'ignore = ["TL102"]\n')
    (project / "src" / "pyproject.toml").write_text(
        "[tool.black]\nline-length = 100\n", encoding="utf-8"
    )
    result = invoke("-q", "src")
    assert locations(result.stdout) == ["src/a.py:8:27: TL101"]


def test_nearest_torchlint_table_wins(project: Path) -> None:
    pyproject(project, 'ignore = ["TL102"]\n')
    (project / "src" / "pyproject.toml").write_text(
        '[tool.torchlint]\nignore = ["TL101"]\n', encoding="utf-8"
    )
    result = invoke("-q", "src")
    assert locations(result.stdout) == ["src/c.py:3:14: TL102"]


def test_config_option_uses_that_file(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text('[tool.torchlint]\nselect = ["TL103"]\n', encoding="utf-8")
    pyproject(project, 'ignore = ["TL1"]\n')  # not used
    result = invoke("-q", "--config", str(other), "src", "tests")
    assert locations(result.stdout) == ["src/h.py:3:14: TL103"]


def test_config_option_accepts_a_bare_torchlint_toml(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "torchlint.toml"
    other.write_text('select = ["TL102"]\n', encoding="utf-8")
    result = invoke("-q", "--config", str(other), "src", "tests")
    assert locations(result.stdout) == ["src/c.py:3:14: TL102", "tests/test_c.py:3:14: TL102"]


def test_isolated_ignores_the_pyproject(project: Path) -> None:
    pyproject(project, 'ignore = ["TL1"]\n')
    result = invoke("-q", "--isolated", "src", "tests")
    assert locations(result.stdout) == ALL_DEFAULT


def test_isolated_ignores_even_a_broken_pyproject(project: Path) -> None:
    pyproject(project, "select = \n")
    result = invoke("-q", "--isolated", "src", "tests")
    assert (result.exit_code, locations(result.stdout)) == (1, ALL_DEFAULT)


# ---------------------------------------------------------------- what it changes


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('select = ["TL101"]\n', ["src/a.py:8:27: TL101"]),
        ('select = ["TL1"]\n', [*ALL_DEFAULT[:2], "src/h.py:3:14: TL103", ALL_DEFAULT[2]]),
        ('extend-select = ["TL103"]\n', [*ALL_DEFAULT[:2], "src/h.py:3:14: TL103", ALL_DEFAULT[2]]),
        ('ignore = ["TL101"]\n', ALL_DEFAULT[1:]),
        ('per-file-ignores = { "tests/*" = ["TL102"] }\n', ALL_DEFAULT[:2]),
        ('per-file-ignores = { "tests/**" = ["TL1"] }\n', ALL_DEFAULT[:2]),
        (
            'per-file-ignores = { "src/a.py" = ["TL101"], "test_*.py" = ["TL102"] }\n',
            ["src/c.py:3:14: TL102"],
        ),
        ('per-file-ignores = { "tests/*" = ["TL101"] }\n', ALL_DEFAULT),
    ],
    ids=[
        "select",
        "select-prefix",
        "extend-select",
        "ignore",
        "per-file-ignores",
        "per-file-ignores-prefix",
        "per-file-ignores-two-globs",
        "per-file-ignores-other-code",
    ],
)
def test_config_settings(project: Path, body: str, expected: list[str]) -> None:
    pyproject(project, body)
    result = invoke("-q", "src", "tests")
    assert locations(result.stdout) == expected
    assert result.exit_code == (1 if expected else 0)


def test_per_file_ignores_are_relative_to_the_config_not_the_cwd(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyproject(project, 'per-file-ignores = { "tests/*" = ["TL102"] }\n')
    monkeypatch.chdir(project / "tests")
    result = invoke("-q", ".")
    assert (result.exit_code, result.stdout) == (0, "")


def test_per_file_ignores_apply_to_stdin_filename(project: Path) -> None:
    pyproject(project, 'per-file-ignores = { "tests/*" = ["TL102"] }\n')
    named = invoke("-q", "-", "--stdin-filename", "tests/test_new.py", input=LEGACY_STR.encode())
    assert (named.exit_code, named.stdout) == (0, "")
    other = invoke("-q", "-", "--stdin-filename", "src/new.py", input=LEGACY_STR.encode())
    assert locations(other.stdout) == ["src/new.py:3:14: TL102"]


def test_config_is_found_from_stdin_filename(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pyproject(project, 'ignore = ["TL102"]\n')
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "-", "--stdin-filename", "proj/src/c.py", input=LEGACY_STR.encode())
    assert (result.exit_code, result.stdout) == (0, "")


def test_config_is_found_from_stdin_filename_of_a_new_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pyproject(project, 'ignore = ["TL102"]\n')
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "-", "--stdin-filename", "proj/src/new.py", input=LEGACY_STR.encode())
    assert (result.exit_code, result.stdout) == (0, "")


def test_exclude_globs_are_relative_to_the_config_not_the_cwd(
    excluded_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyproject(excluded_tree, 'extend-exclude = ["src/vendored"]\n')
    monkeypatch.chdir(excluded_tree / "src")
    result = invoke("-q", ".")
    assert locations(result.stdout) == ["a.py:8:27: TL101", "c.py:3:14: TL102"]


def test_max_file_size_named_file_is_an_error(project: Path) -> None:
    """A file named on the command line that torchlint will not lint: exit 2."""
    pyproject(project, "max-file-size = 100\n")
    result = invoke("-q", "src/a.py", "src/c.py")
    size = len(MODULE_CAST.encode())
    assert result.exit_code == 2
    assert len(LEGACY_STR.encode()) <= 100 < size
    assert locations(result.stdout) == ["src/c.py:3:14: TL102"]
    assert result.stderr == (
        f"torchlint: error: src/a.py: not linted: too large ({size} bytes > max-file-size 100)\n"
    )


def test_max_file_size_in_a_folder_is_a_warning_counted_in_the_summary(project: Path) -> None:
    """Found by a folder's walk, the file is left out as configured: a warning, and the
    exit code comes from the findings alone."""
    pyproject(project, "max-file-size = 100\n")
    result = invoke("src")
    size = len(MODULE_CAST.encode())
    assert result.exit_code == 1
    assert locations(result.stdout) == ["src/c.py:3:14: TL102"]
    assert result.stderr == (
        f"torchlint: warning: src/a.py: skipped: too large ({size} bytes > max-file-size 100)\n"
        "torchlint: Found 1 finding in 1 file (1 fixable with --fix); 1 file skipped.\n"
    )


def test_max_file_size_in_a_folder_of_clean_files_exits_0(project: Path) -> None:
    pyproject(project, "max-file-size = 100\n")
    (project / "src" / "c.py").write_text("x = 1\n")
    result = invoke("src")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines() == [
        f"torchlint: warning: src/a.py: skipped: too large ({len(MODULE_CAST.encode())} bytes "
        "> max-file-size 100)",
        "torchlint: All checks passed (2 files checked, 1 file skipped).",
    ]
    quiet = invoke("-q", "src")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_max_file_size_zero_means_no_limit(project: Path) -> None:
    pyproject(project, "max-file-size = 0\n")
    result = invoke("-q", "src")
    assert locations(result.stdout) == ["src/a.py:8:27: TL101", "src/c.py:3:14: TL102"]


# ---------------------------------------------------------------- the command line wins


def test_cli_ignore_adds_to_the_config_ignore(project: Path) -> None:
    pyproject(project, 'ignore = ["TL101"]\n')
    result = invoke("-q", "--ignore", "TL102", "src", "tests")
    assert (result.exit_code, result.stdout) == (0, "")


def test_cli_extend_select_adds_to_the_config_select(project: Path) -> None:
    pyproject(project, 'select = ["TL101"]\n')
    result = invoke("-q", "--extend-select", "TL103", "src", "tests")
    assert locations(result.stdout) == ["src/a.py:8:27: TL101", "src/h.py:3:14: TL103"]


def test_cli_select_replaces_the_config_select(project: Path) -> None:
    pyproject(project, 'select = ["TL101"]\n')
    result = invoke("-q", "--select", "TL102", "src", "tests")
    assert locations(result.stdout) == ["src/c.py:3:14: TL102", "tests/test_c.py:3:14: TL102"]


def test_cli_ignore_overrides_the_config_select(project: Path) -> None:
    pyproject(project, 'select = ["TL101", "TL102"]\n')
    result = invoke("-q", "--ignore", "TL101", "src", "tests")
    assert locations(result.stdout) == ["src/c.py:3:14: TL102", "tests/test_c.py:3:14: TL102"]


def test_cli_select_overrides_the_config_ignore(project: Path) -> None:
    pyproject(project, 'ignore = ["TL102"]\n')
    result = invoke("-q", "--select", "TL102", "src", "tests")
    assert locations(result.stdout) == ["src/c.py:3:14: TL102", "tests/test_c.py:3:14: TL102"]


def test_cli_select_overrides_the_config_extend_select(project: Path) -> None:
    pyproject(project, 'extend-select = ["TL103"]\n')
    result = invoke("-q", "--select", "TL101", "src", "tests")
    assert locations(result.stdout) == ["src/a.py:8:27: TL101"]


# ---------------------------------------------------------------- mistakes: exit 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("bogus = 1\n", f"tool.torchlint.bogus: unknown key; allowed keys are {ALLOWED_KEYS}"),
        (
            "per_file_ignores = {}\n",
            "tool.torchlint.per_file_ignores: unknown key; did you mean `per-file-ignores`? "
            f"Allowed keys are {ALLOWED_KEYS}",
        ),
        (
            'selct = ["TL1"]\n',
            "tool.torchlint.selct: unknown key; did you mean `select`? "
            f"Allowed keys are {ALLOWED_KEYS}",
        ),
        (
            "force_exclude = true\n",
            "tool.torchlint.force_exclude: unknown key; did you mean `force-exclude`? "
            f"Allowed keys are {ALLOWED_KEYS}",
        ),
        (
            # (closer to max-file-size once written with a dash)
            "max_size = 10\n",
            "tool.torchlint.max_size: unknown key; did you mean `max-file-size`? "
            f"Allowed keys are {ALLOWED_KEYS}",
        ),
        (
            'exlude = ["build"]\n',
            "tool.torchlint.exlude: unknown key; did you mean `exclude`? "
            f"Allowed keys are {ALLOWED_KEYS}",
        ),
        ('select = "TL101"\n', "tool.torchlint.select: expected a list of strings, got 'TL101'"),
        ("ignore = [101]\n", "tool.torchlint.ignore: expected a list of strings, got [101]"),
        (
            'extend-exclude = "build2"\n',
            "tool.torchlint.extend-exclude: expected a list of strings, got 'build2'",
        ),
        (
            'per-file-ignores = ["tests/*"]\n',
            "tool.torchlint.per-file-ignores: expected table of glob = [codes], got ['tests/*']",
        ),
        (
            'per-file-ignores = { "tests/*" = "TL101" }\n',
            "tool.torchlint.per-file-ignores.'tests/*': expected a list of strings, got 'TL101'",
        ),
        (
            'max-file-size = "10MB"\n',
            "tool.torchlint.max-file-size: expected integer number of bytes (0: no limit), "
            "got '10MB'",
        ),
        (
            "max-file-size = -1\n",
            "tool.torchlint.max-file-size: expected integer number of bytes (0: no limit), got -1",
        ),
        (
            "max-file-size = true\n",
            "tool.torchlint.max-file-size: expected integer number of bytes (0: no limit), "
            "got True",
        ),
        (
            'respect-gitignore = "yes"\n',
            "tool.torchlint.respect-gitignore: expected boolean, got 'yes'",
        ),
        (
            'select = ["TL999"]\n',
            "tool.torchlint.select: unknown rule code or prefix 'TL999' "
            "(see `torchlint --list-rules`)",
        ),
        (
            'ignore = ["E501"]\n',
            "tool.torchlint.ignore: unknown rule code or prefix 'E501' "
            "(see `torchlint --list-rules`)",
        ),
        (
            'extend-select = ["TL101", "XX"]\n',
            "tool.torchlint.extend-select: unknown rule code or prefix 'XX' "
            "(see `torchlint --list-rules`)",
        ),
        (
            'per-file-ignores = { "tests/*" = ["TL8"] }\n',
            "tool.torchlint.per-file-ignores.'tests/*': unknown rule code or prefix 'TL8' "
            "(see `torchlint --list-rules`)",
        ),
    ],
    ids=[
        "unknown-key",
        "underscore-key",
        "typo-select",
        "underscore-force-exclude",
        "underscore-typo-max-file-size",
        "typo-exclude",
        "select-str",
        "ignore-int",
        "extend-exclude-str",
        "per-file-ignores-list",
        "per-file-ignores-value",
        "max-file-size-str",
        "max-file-size-negative",
        "max-file-size-bool",
        "respect-gitignore-str",
        "select-unknown-code",
        "ignore-unknown-code",
        "extend-select-unknown-code",
        "per-file-ignores-unknown-code",
    ],
)
def test_config_mistake_is_one_line_naming_file_and_key(
    project: Path, body: str, message: str
) -> None:
    path = pyproject(project, body)
    result = invoke("src")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"torchlint: error: {path}: {message}\n"


def test_invalid_toml_is_one_line_naming_the_file(project: Path) -> None:
    path = pyproject(project, 'select = ["TL101"\n')
    result = invoke("src")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"torchlint: error: {path}: invalid TOML: ")
    assert result.stderr.count("\n") == 1


def test_invalid_toml_in_a_pyproject_not_meant_for_torchlint_is_passed_over(
    project: Path,
) -> None:
    (project / "pyproject.toml").write_text("[tool.black\nline-length = 1\n", encoding="utf-8")
    result = invoke("-q", "src", "tests")
    assert (result.exit_code, locations(result.stdout)) == (1, ALL_DEFAULT)


def test_torchlint_table_that_is_not_a_table(project: Path) -> None:
    path = project / "pyproject.toml"
    path.write_text("[tool]\ntorchlint = 3\n", encoding="utf-8")
    result = invoke("src")
    assert result.exit_code == 2
    assert result.stderr == f"torchlint: error: {path}: [tool.torchlint] must be a table\n"


def test_config_option_with_a_missing_file(project: Path) -> None:
    result = invoke("--config", "nope.toml", "src")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "torchlint: error: nope.toml: cannot read: No such file or directory\n"


def test_config_option_with_a_pyproject_without_a_torchlint_table(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.black]\nx = 1\n", encoding="utf-8")
    result = invoke("--config", "pyproject.toml", "src")
    assert result.exit_code == 2
    assert result.stderr == "torchlint: error: pyproject.toml: no [tool.torchlint] table\n"


def test_config_error_in_a_real_process(project: Path) -> None:
    path = pyproject(project, "bogus = 1\n")
    proc = subprocess.run(
        [sys.executable, "-m", "torchlint", "src"],
        cwd=project,
        capture_output=True,
        timeout=120,
        env=os.environ.copy(),
    )
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.decode() == (
        f"torchlint: error: {path}: tool.torchlint.bogus: unknown key; "
        f"allowed keys are {ALLOWED_KEYS}\n"
    )


# ---------------------------------------------------------------- excludes


@pytest.fixture
def excluded_tree(project: Path) -> Path:
    write(
        project,
        {
            "build/gen.py": LEGACY_STR,
            "generated/g.py": LEGACY_STR,
            "src/vendored/v.py": LEGACY_STR,
        },
    )
    return project


def test_default_excludes_skip_build(excluded_tree: Path) -> None:
    result = invoke("-q", ".")
    assert locations(result.stdout) == [
        "generated/g.py:3:14: TL102",
        "src/a.py:8:27: TL101",
        "src/c.py:3:14: TL102",
        "src/vendored/v.py:3:14: TL102",
        "tests/test_c.py:3:14: TL102",
    ]


def test_extend_exclude_adds_to_the_defaults(excluded_tree: Path) -> None:
    pyproject(excluded_tree, 'extend-exclude = ["generated", "src/vendored/"]\n')
    result = invoke("-q", ".")
    assert locations(result.stdout) == [
        "src/a.py:8:27: TL101",
        "src/c.py:3:14: TL102",
        "tests/test_c.py:3:14: TL102",
    ]


def test_exclude_replaces_the_defaults(excluded_tree: Path) -> None:
    pyproject(excluded_tree, 'exclude = ["generated", "tests/*.py"]\n')
    result = invoke("-q", ".")
    assert locations(result.stdout) == [
        "build/gen.py:3:14: TL102",
        "src/a.py:8:27: TL101",
        "src/c.py:3:14: TL102",
        "src/vendored/v.py:3:14: TL102",
    ]


def test_excluded_file_named_on_the_command_line_is_still_linted(excluded_tree: Path) -> None:
    pyproject(excluded_tree, 'extend-exclude = ["generated"]\n')
    result = invoke("-q", "generated/g.py", "build/gen.py")
    assert locations(result.stdout) == [
        "build/gen.py:3:14: TL102",
        "generated/g.py:3:14: TL102",
    ]


# ---------------------------------------------------------------- force-exclude

NAMED = ["generated/g.py", "build/gen.py", "src/vendored/v.py", "src/c.py", "tests"]


def test_force_exclude_applies_the_excludes_to_named_files(excluded_tree: Path) -> None:
    """What pre-commit does: every file named. With --force-exclude, exclude and
    extend-exclude (and the default excludes: build/) apply to them as in a folder."""
    pyproject(excluded_tree, 'extend-exclude = ["generated", "src/vendored/", "tests/*.py"]\n')
    result = invoke("--force-exclude", *NAMED)
    assert result.exit_code == 1
    assert locations(result.stdout) == ["src/c.py:3:14: TL102"]
    assert result.stderr == "torchlint: Found 1 finding in 1 file (1 fixable with --fix).\n"


def test_force_exclude_in_the_config_and_no_force_exclude_wins(excluded_tree: Path) -> None:
    pyproject(excluded_tree, 'extend-exclude = ["generated"]\nforce-exclude = true\n')
    assert locations(invoke("-q", "generated/g.py", "src/c.py").stdout) == ["src/c.py:3:14: TL102"]
    assert locations(invoke("-q", "--no-force-exclude", "generated/g.py").stdout) == [
        "generated/g.py:3:14: TL102"
    ]


def test_force_exclude_with_only_excluded_files_passes(excluded_tree: Path) -> None:
    pyproject(excluded_tree, 'extend-exclude = ["generated"]\n')
    result = invoke("--force-exclude", "generated/g.py", "build/gen.py")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "torchlint: All checks passed (0 files checked).\n"


def test_force_exclude_is_relative_to_the_config_from_a_subfolder(
    excluded_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyproject(excluded_tree, 'extend-exclude = ["src/vendored"]\n')
    monkeypatch.chdir(excluded_tree / "src")
    result = invoke("-q", "--force-exclude", "vendored/v.py", "c.py")
    assert locations(result.stdout) == ["c.py:3:14: TL102"]


def test_force_exclude_applies_to_stdin_filename(excluded_tree: Path) -> None:
    """An editor's buffer of an excluded file: no findings; --fix gives it back."""
    pyproject(excluded_tree, 'extend-exclude = ["generated"]\n')
    args = ["-", "--force-exclude", "--stdin-filename", "generated/g.py"]
    result = invoke("-q", *args, input=LEGACY_STR.encode())
    assert (result.exit_code, result.stdout) == (0, "")
    fixed = invoke("-q", "--fix", *args, input=LEGACY_STR.encode())
    assert (fixed.exit_code, fixed.stdout) == (0, LEGACY_STR)
    linted = invoke("-q", *args[:-1], "src/new.py", input=LEGACY_STR.encode())
    assert locations(linted.stdout) == ["src/new.py:3:14: TL102"]


def test_force_exclude_is_a_boolean(excluded_tree: Path) -> None:
    pyproject(excluded_tree, 'force-exclude = "yes"\n')
    result = invoke("src")
    assert result.exit_code == 2
    assert "tool.torchlint.force-exclude: expected boolean, got 'yes'" in result.stderr


def test_respect_gitignore_false_lints_gitignored_files(excluded_tree: Path) -> None:
    (excluded_tree / ".git").mkdir()
    (excluded_tree / ".gitignore").write_text("generated/\n", encoding="utf-8")
    assert "generated/g.py" not in invoke("-q", ".").stdout
    pyproject(excluded_tree, "respect-gitignore = false\n")
    assert "generated/g.py:3:14: TL102" in locations(invoke("-q", ".").stdout)
