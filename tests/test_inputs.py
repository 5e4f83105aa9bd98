"""What gets linted and what happens with awkward files: discovery (recursion,
excludes, .gitignore, symlinks) and bad input (syntax errors, encodings, binary,
unreadable, line endings). Never a traceback, never a hang."""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke

# TL102 at 3:14 (safe fix).
LEGACY_STR = """\
import torch
def g(x: torch.Tensor):
    return x.type("torch.HalfTensor")
"""
LEGACY_STR_MSG = (
    "TL102 `.type('torch.HalfTensor')` is a legacy cast that also moves the tensor to the "
    'CPU; say both explicitly with `.to(device="cpu", dtype=torch.float16)`'
)

CLEAN = "import torch\n\n\ndef clean(x):\n    return x.to(torch.float16)\n"


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def locations(stdout: str) -> list[str]:
    return [
        m.group(0)
        for m in (re.match(r"^\S+:\d+:\d+: TL\d+", line) for line in stdout.splitlines())
        if m
    ]


def run(args: list[str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "torchlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ.copy(),
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ================================================================ discovery


def test_folders_are_searched_recursively_for_py_and_pyi(tree: Path) -> None:
    write(
        tree,
        {
            "pkg/a.py": LEGACY_STR,
            "pkg/stubs.pyi": LEGACY_STR,
            "pkg/sub/deeper/b.py": LEGACY_STR,
            "pkg/notes.txt": LEGACY_STR,
            "pkg/script": LEGACY_STR,
            "pkg/c.pyx": LEGACY_STR,
            "pkg/clean.py": CLEAN,
        },
    )
    result = invoke("-q", "pkg")
    assert locations(result.stdout) == [
        "pkg/a.py:3:14: TL102",
        "pkg/stubs.pyi:3:14: TL102",
        "pkg/sub/deeper/b.py:3:14: TL102",
    ]


def test_files_checked_count_in_the_summary(tree: Path) -> None:
    write(tree, {"pkg/a.py": CLEAN, "pkg/b.pyi": CLEAN, "pkg/sub/c.py": CLEAN, "pkg/d.txt": ""})
    assert invoke("pkg").stderr == "torchlint: All checks passed (3 files checked).\n"


@pytest.mark.parametrize(
    "folder",
    [
        ".git",
        ".hg",
        ".venv",
        "venv",
        ".tox",
        "__pycache__",
        "build",
        "dist",
        "node_modules",
        "site-packages",
        "demo.egg-info",
        ".mypy_cache",
        ".ipynb_checkpoints",
        "pkg/build",
        "pkg/__pycache__",
    ],
)
def test_default_excluded_folders_are_skipped(tree: Path, folder: str) -> None:
    write(tree, {f"{folder}/x.py": LEGACY_STR, "keep.py": LEGACY_STR})
    result = invoke("-q", ".")
    assert locations(result.stdout) == ["keep.py:3:14: TL102"]


def test_any_folder_with_pyvenv_cfg_is_a_virtualenv_and_skipped(tree: Path) -> None:
    write(
        tree,
        {
            "myenv/pyvenv.cfg": "home = /usr/bin\n",
            "myenv/lib/python3.11/site.py": LEGACY_STR,
            "myenv2/lib/x.py": LEGACY_STR,
        },
    )
    result = invoke("-q", ".")
    assert locations(result.stdout) == ["myenv2/lib/x.py:3:14: TL102"]


def test_gitignore_in_a_repository_is_honoured(tree: Path) -> None:
    (tree / ".git").mkdir()
    write(
        tree,
        {
            ".gitignore": "/generated/\n*_pb2.py\n/top_only.py\n",
            "generated/g.py": LEGACY_STR,
            "pkg/model_pb2.py": LEGACY_STR,
            "top_only.py": LEGACY_STR,
            "pkg/top_only.py": LEGACY_STR,  # /top_only.py is anchored to the root
            "pkg/sub/.gitignore": "local.py\n",
            "pkg/sub/local.py": LEGACY_STR,
            "pkg/local.py": LEGACY_STR,  # the nested .gitignore does not reach up
            "pkg/a.py": LEGACY_STR,
        },
    )
    result = invoke("-q", ".")
    assert locations(result.stdout) == [
        "pkg/a.py:3:14: TL102",
        "pkg/local.py:3:14: TL102",
        "pkg/top_only.py:3:14: TL102",
    ]


def test_gitignore_applies_when_linting_a_subfolder(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / ".git").mkdir()
    write(
        tree, {".gitignore": "pkg/gen_*.py\n", "pkg/gen_a.py": LEGACY_STR, "pkg/a.py": LEGACY_STR}
    )
    monkeypatch.chdir(tree / "pkg")
    assert locations(invoke("-q", ".").stdout) == ["a.py:3:14: TL102"]


def test_gitignore_above_the_repository_does_not_apply(tree: Path) -> None:
    write(tree, {".gitignore": "*.py\n", "repo/a.py": LEGACY_STR})
    (tree / "repo" / ".git").mkdir()
    assert locations(invoke("-q", "repo").stdout) == ["repo/a.py:3:14: TL102"]


def test_gitignore_negation(tree: Path) -> None:
    (tree / ".git").mkdir()
    write(tree, {".gitignore": "*.py\n!keep.py\n", "a.py": LEGACY_STR, "keep.py": LEGACY_STR})
    assert locations(invoke("-q", ".").stdout) == ["keep.py:3:14: TL102"]


def test_nested_gitignore_negation_overrides_the_parent(tree: Path) -> None:
    (tree / ".git").mkdir()
    write(tree, {".gitignore": "*.py\n", "pkg/.gitignore": "!b.py\n", "pkg/b.py": LEGACY_STR})
    assert locations(invoke("-q", ".").stdout) == ["pkg/b.py:3:14: TL102"]


def test_file_named_on_the_command_line_is_linted_even_if_excluded(tree: Path) -> None:
    (tree / ".git").mkdir()
    write(
        tree,
        {
            ".gitignore": "ignored.py\n",
            "ignored.py": LEGACY_STR,
            "build/gen.py": LEGACY_STR,
            ".venv/v.py": LEGACY_STR,
        },
    )
    assert invoke("-q", ".").stdout == ""
    result = invoke("-q", "ignored.py", "build/gen.py", ".venv/v.py")
    assert locations(result.stdout) == [
        ".venv/v.py:3:14: TL102",
        "build/gen.py:3:14: TL102",
        "ignored.py:3:14: TL102",
    ]


def test_the_same_file_named_twice_is_linted_once(tree: Path) -> None:
    write(tree, {"pkg/a.py": LEGACY_STR})
    result = invoke("-q", "pkg/a.py", "pkg", "./pkg/a.py")
    assert locations(result.stdout) == ["pkg/a.py:3:14: TL102"]


def test_a_folder_named_x_py_is_a_folder(tree: Path) -> None:
    write(tree, {"x.py/inner.py": LEGACY_STR, "x.py/notes.txt": "hi\n"})
    assert locations(invoke("-q", ".").stdout) == ["x.py/inner.py:3:14: TL102"]
    result = invoke("-q", "x.py")
    assert result.exit_code == 1
    assert locations(result.stdout) == ["x.py/inner.py:3:14: TL102"]


def test_project_inside_a_folder_named_like_an_exclude(tree: Path) -> None:
    write(tree, {"build/proj/a.py": LEGACY_STR})
    result = invoke("-q", "build/proj")
    assert locations(result.stdout) == ["build/proj/a.py:3:14: TL102"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_to_the_parent_does_not_hang(tree: Path) -> None:
    write(tree, {"pkg/a.py": LEGACY_STR, "pkg/sub/b.py": LEGACY_STR})
    os.symlink("..", tree / "pkg" / "sub" / "up")
    os.symlink(".", tree / "pkg" / "self")
    proc = run(["-q", "pkg"], tree, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == (
        f"pkg/a.py:3:14: {LEGACY_STR_MSG}\npkg/sub/b.py:3:14: {LEGACY_STR_MSG}\n"
    )
    assert proc.stderr == ""


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_named_on_the_command_line_does_not_hang(tree: Path) -> None:
    write(tree, {"pkg/a.py": LEGACY_STR})
    os.symlink("..", tree / "pkg" / "up")
    proc = run(["-q", "pkg/up"], tree, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == f"pkg/up/pkg/a.py:3:14: {LEGACY_STR_MSG}\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_broken_symlink_is_an_error_and_the_rest_is_linted(tree: Path) -> None:
    write(tree, {"pkg/a.py": LEGACY_STR})
    os.symlink("gone.py", tree / "pkg" / "broken.py")
    os.symlink("self_loop.py", tree / "pkg" / "self_loop.py")
    result = invoke("-q", "pkg")
    assert result.exit_code == 2
    assert locations(result.stdout) == ["pkg/a.py:3:14: TL102"]
    assert result.stderr == (
        "torchlint: error: pkg/broken.py: broken symbolic link or symlink loop\n"
        "torchlint: error: pkg/self_loop.py: broken symbolic link or symlink loop\n"
    )
    named = invoke("-q", "pkg/broken.py")
    assert named.exit_code == 2
    assert named.stderr == (
        "torchlint: error: pkg/broken.py: broken symbolic link or symlink loop\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_named_py_does_not_hang(tree: Path) -> None:
    write(tree, {"pkg/a.py": LEGACY_STR})
    os.mkfifo(tree / "pkg" / "pipe.py")
    proc = subprocess.Popen(
        [sys.executable, "-m", "torchlint", "-q", "--jobs", "1", "pkg"],
        cwd=tree,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("torchlint hung on a FIFO")
    assert f"pkg/a.py:3:14: {LEGACY_STR_MSG}\n" in out


# ================================================================ bad input


def test_syntax_error_is_tl000_and_other_files_are_still_linted(tree: Path) -> None:
    write(tree, {"a.py": LEGACY_STR, "broken.py": "def f(:\n    pass\n", "z.py": LEGACY_STR})
    result = invoke("a.py", "broken.py", "z.py")
    assert result.exit_code == 1
    assert result.stdout == (
        f"a.py:3:14: {LEGACY_STR_MSG}\n"
        "broken.py:1:7: TL000 syntax error: invalid syntax\n"
        f"z.py:3:14: {LEGACY_STR_MSG}\n"
    )
    assert result.stderr == ("torchlint: Found 3 findings in 3 files (2 fixable with --fix).\n")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # A file a rule would look at (it has `.type(`) and one no rule looks at.
        (LEGACY_STR + "def f(:\n    pass\n", "broken.py:4:7: TL000 syntax error: invalid syntax"),
        ("x = (1,\n", "broken.py:1:5: TL000 syntax error: '(' was never closed"),
        (
            'x = """\n',
            "broken.py:1:5: TL000 syntax error: unterminated triple-quoted string "
            "literal (detected at line 1)",
        ),
        (
            "import torch\ndef g(x: torch.Tensor):\n    if x:\n\treturn x.type(torch.cuda.HalfTensor)\n"
            "    return x\n",
            "broken.py:4:1: TL000 syntax error: inconsistent use of tabs and spaces in indentation",
        ),
    ],
    ids=["invalid", "never-closed", "unterminated-string", "tab-error"],
)
def test_syntax_errors(tree: Path, content: str, expected: str) -> None:
    write(tree, {"broken.py": content})
    result = invoke("-q", "broken.py")
    assert (result.exit_code, result.stdout) == (1, expected + "\n")


def test_file_python_rejects_is_a_syntax_error(tree: Path) -> None:
    write(
        tree,
        {
            "nested.py": "import torch\nx = "
            + "(" * 300
            + "1"
            + ")" * 300
            + '\ny = x.type("torch.HalfTensor")\n'
        },
    )
    result = invoke("-q", "nested.py")
    assert result.stdout == "nested.py:2:205: TL000 syntax error: too many nested parentheses\n"


def test_non_utf8_without_a_cookie_is_an_error_and_the_rest_is_linted(tree: Path) -> None:
    write(
        tree,
        {"latin.py": b'import torch\ns = "caf\xe9"\n' + LEGACY_STR.encode(), "ok.py": LEGACY_STR},
    )
    result = invoke("latin.py", "ok.py")
    assert result.exit_code == 2
    assert result.stdout == f"ok.py:3:14: {LEGACY_STR_MSG}\n"
    assert result.stderr.splitlines()[0] == (
        "torchlint: error: latin.py: cannot decode as utf-8 (byte 21: invalid "
        "continuation byte); add a PEP 263 coding line or re-save as UTF-8"
    )


def test_unknown_encoding_cookie_is_an_error(tree: Path) -> None:
    write(tree, {"bogus.py": "# -*- coding: bogus -*-\n" + LEGACY_STR})
    result = invoke("-q", "bogus.py")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "torchlint: error: bogus.py: bad encoding declaration: unknown encoding: bogus\n",
    )


def test_latin1_with_a_coding_cookie_is_linted(tree: Path) -> None:
    write(
        tree,
        {
            "latin.py": b"# -*- coding: latin-1 -*-\nimport torch\ndef g(x: torch.Tensor):\n"
            b'    s = "\xe9\xe9"; return x.type("torch.HalfTensor")\n'
        },
    )
    result = invoke("-q", "--show-source", "latin.py")
    assert result.exit_code == 1
    assert result.stdout == (
        f"latin.py:4:24: {LEGACY_STR_MSG}\n"
        '    s = "éé"; return x.type("torch.HalfTensor")\n'
        "                       ^\n"
    )


def test_columns_count_characters_not_bytes(tree: Path) -> None:
    write(
        tree,
        {
            "u.py": 'import torch\ndef g(x: torch.Tensor):\n    s = "日本"; return x.type("torch.HalfTensor")\n'
        },
    )
    assert locations(invoke("-q", "u.py").stdout) == ["u.py:3:24: TL102"]


def test_utf8_bom_does_not_shift_columns(tree: Path) -> None:
    # (a tensor on the GPU: a legacy CPU type moves it; one on the CPU it would not)
    line = 'import torch; y = torch.zeros(2).cuda().type("torch.HalfTensor")\n'
    write(tree, {"bom.py": codecs.BOM_UTF8 + line.encode(), "plain.py": line})
    result = invoke("-q", "--show-source", "bom.py", "plain.py")
    assert result.exit_code == 1
    assert result.stdout == (
        f"bom.py:1:41: {LEGACY_STR_MSG}\n"
        f"{line}"
        "                                        ^\n"
        f"plain.py:1:41: {LEGACY_STR_MSG}\n"
        f"{line}"
        "                                        ^\n"
    )


def test_binary_file_named_py_is_an_error_like_an_unreadable_one(tree: Path) -> None:
    write(tree, {"blob.py": b"\x7fELF\x02\x01\x01\x00\x00\x00import torch\n", "ok.py": CLEAN})
    result = invoke("blob.py", "ok.py")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "torchlint: error: blob.py: binary file (contains NUL bytes), not Python source\n"
        "torchlint: No findings (2 files checked), but 1 path could not be linted (see above).\n"
    )


def test_undecodable_stdin_is_an_error_and_fix_gives_it_back_unchanged(tree: Path) -> None:
    data = b'import torch\ns = "caf\xe9"\n'
    result = invoke("-q", "--fix", "-", "--stdin-filename", "m.py", input=data)
    assert result.exit_code == 2
    assert result.stdout_bytes == data
    assert result.stderr.startswith("torchlint: error: m.py: cannot decode as utf-8")


def test_unreadable_file_is_an_error_and_the_rest_is_linted(tree: Path) -> None:
    write(tree, {"secret.py": LEGACY_STR, "ok.py": LEGACY_STR})
    secret = tree / "secret.py"
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("running as a user that can read mode-000 files (root)")
        result = invoke(".")
        assert result.exit_code == 2
        assert locations(result.stdout) == ["ok.py:3:14: TL102"]
        assert "torchlint: error: secret.py: Permission denied\n" in result.stderr
    finally:
        secret.chmod(0o644)


def test_missing_path_is_an_error_and_the_rest_is_linted(tree: Path) -> None:
    write(tree, {"ok.py": LEGACY_STR})
    result = invoke("-q", "ok.py", "nope.py", "nodir/")
    assert result.exit_code == 2
    assert locations(result.stdout) == ["ok.py:3:14: TL102"]
    assert result.stderr == (
        "torchlint: error: nodir: No such file or directory\n"
        "torchlint: error: nope.py: No such file or directory\n"
    )


def test_file_deleted_during_the_run_is_an_error_and_the_rest_is_linted(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by discovery, gone when its turn comes (a branch switch, a build step)."""
    from torchlint.batch import runner

    write(tree, {"a.py": LEGACY_STR, "b.py": LEGACY_STR, "c.py": LEGACY_STR})
    real_read_bytes = runner.read_bytes

    def read_after_deletion(path: str, *args: object) -> bytes:
        if path.endswith("b.py") and os.path.exists(path):
            os.unlink(path)
        return real_read_bytes(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "read_bytes", read_after_deletion)
    result = invoke("-q", "-j", "1", ".")
    assert result.exit_code == 2
    assert locations(result.stdout) == ["a.py:3:14: TL102", "c.py:3:14: TL102"]
    assert result.stderr == "torchlint: error: b.py: No such file or directory\n"


def test_a_50_mb_file_is_skipped_as_too_large_quickly(tree: Path) -> None:
    line = "x = [1, 2, 3]  # padding padding padding padding padding padding padding\n"
    with open(tree / "huge.py", "w") as fh:
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    write(tree, {"ok.py": LEGACY_STR})
    proc = run(["."], cwd=tree, timeout=60)
    assert proc.returncode == 1  # the finding in ok.py; the skipped file is a warning
    assert locations(proc.stdout) == ["ok.py:3:14: TL102"]
    size = (tree / "huge.py").stat().st_size
    assert proc.stderr == (
        f"torchlint: warning: huge.py: skipped: too large ({size} bytes > max-file-size "
        f"{10 * 1024 * 1024})\n"
        "torchlint: Found 1 finding in 1 file (1 fixable with --fix); 1 file skipped.\n"
    )
    named = run(["-q", "huge.py", "ok.py"], cwd=tree, timeout=60)
    assert named.returncode == 2
    assert named.stderr == (
        f"torchlint: error: huge.py: not linted: too large ({size} bytes > max-file-size "
        f"{10 * 1024 * 1024})\n"
    )


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\n",
        b"# only a comment\n# and another\n",
        b"# no newline at the end",
        b'"""A docstring."""\n',
        b"\xef\xbb\xbf",
        b"\r\n\r\n",
    ],
    ids=["empty", "newline", "comments", "no-final-newline", "docstring", "bom-only", "crlf-blank"],
)
def test_files_with_no_code_are_clean(tree: Path, content: bytes) -> None:
    write(tree, {"x.py": content})
    result = invoke("x.py")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "torchlint: All checks passed (1 file checked).\n"


@pytest.mark.parametrize(
    "newline",
    ["\n", "\r\n", "\r"],
    ids=["lf", "crlf", "cr"],
)
def test_line_endings_give_the_same_findings(tree: Path, newline: str) -> None:
    text = (
        LEGACY_STR.replace("\n", newline)
        + "def h(x):"
        + newline
        + ("    return x.type(torch.cuda.HalfTensor)  # noqa: TL101" + newline)
    )
    write(tree, {"x.py": text.encode()})
    result = invoke("-q", "--show-source", "x.py")
    assert result.exit_code == 1
    assert locations(result.stdout) == ["x.py:3:14: TL102", "x.py:5:14: TL102"]
    assert result.stdout.splitlines()[1:3] == [
        '    return x.type("torch.HalfTensor")',
        "             ^",
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_noqa_with_other_line_endings(tree: Path, newline: str) -> None:
    text = LEGACY_STR.replace('")\n', '")  # noqa: TL102\n').replace("\n", newline)
    write(tree, {"x.py": text.encode()})
    assert invoke("-q", "x.py").stdout == ""


def test_skip_file_with_cr_line_endings(tree: Path) -> None:
    text = ("# torchlint: skip-file\n" + LEGACY_STR).replace("\n", "\r")
    write(tree, {"x.py": text.encode()})
    assert invoke("-q", "x.py").stdout == ""


@pytest.mark.parametrize("separator", ["\x0c", "\u2028"], ids=["form-feed", "line-separator"])
def test_noqa_after_a_form_feed_or_line_separator(tree: Path, separator: str) -> None:
    text = (
        f"import torch  # section {separator}\n"
        + LEGACY_STR.splitlines(True)[1]
        + ('    return x.type("torch.HalfTensor")  # noqa: TL102\n')
    )
    write(tree, {"x.py": text})
    assert invoke("-q", "x.py").stdout == ""


def test_show_source_after_a_form_feed(tree: Path) -> None:
    write(
        tree,
        {
            "x.py": "import torch\n\x0c\ndef g(x: torch.Tensor):\n    return x.type('torch.HalfTensor')\n"
        },
    )
    result = invoke("-q", "--show-source", "x.py")
    assert result.stdout.splitlines()[1:] == [
        "    return x.type('torch.HalfTensor')",
        "             ^",
    ]


def test_deeply_nested_but_valid_code_is_linted(tree: Path) -> None:
    write(
        tree,
        {
            "nested.py": "import torch\nx = "
            + "(" * 150
            + "1"
            + ")" * 150
            + '\ny = x.type("torch.HalfTensor")\n'
        },
    )
    assert locations(invoke("-q", "nested.py").stdout) == ["nested.py:3:7: TL102"]


def test_long_flat_expression_is_linted(tree: Path) -> None:
    write(
        tree,
        {
            "long.py": "import torch\nx = "
            + "+".join(["a"] * 1000)
            + '\ndef f(x: torch.Tensor):\n    return x.type("torch.HalfTensor")\n'
        },
    )
    result = invoke("-q", "long.py")
    assert (result.exit_code, result.stderr) == (1, "")
    assert locations(result.stdout) == ["long.py:4:14: TL102"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_absurdly_nested_expression_does_not_crash(tree: Path, jobs: str) -> None:
    write(
        tree,
        {
            "deep.py": "import torch\nx = " + "-" * 50_000 + '1\ny = x.type("torch.HalfTensor")\n',
            "ok.py": LEGACY_STR,
        },
    )
    proc = subprocess.run(
        [sys.executable, "-m", "torchlint", "-q", "--jobs", jobs, "."],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (1, 2)
    assert f"ok.py:3:14: {LEGACY_STR_MSG}\n" in proc.stdout
    assert "deep.py" in proc.stdout + proc.stderr


def test_a_tree_of_bad_inputs_never_gives_a_traceback(tree: Path) -> None:
    """All of the above at once, in a real process, with the process pool."""
    write(
        tree,
        {
            "ok.py": LEGACY_STR,
            "broken.py": "def f(:\n",
            "latin.py": b'x = "caf\xe9"\n',
            "cookie.py": b"# coding: latin-1\nx = '\xe9'\n" + LEGACY_STR.encode(),
            "bogus.py": "# coding: bogus\n",
            "bin.py": b"\x00\x01\x02",
            "bom.py": codecs.BOM_UTF8 + LEGACY_STR.encode(),
            "empty.py": b"",
            "crlf.py": LEGACY_STR.replace("\n", "\r\n"),
            "cr.py": LEGACY_STR.replace("\n", "\r"),
            "x.py/inner.py": LEGACY_STR,
            "build/skipped.py": "def f(:\n",
        },
    )
    proc = run(["--jobs", "3", "."], tree)
    assert proc.returncode == 2  # bin.py, bogus.py and latin.py could not be read
    assert [line.split(": ", 1)[0] for line in proc.stdout.splitlines()] == [
        "bom.py:3:14",
        "broken.py:1:7",
        "cookie.py:5:14",
        "cr.py:3:14",
        "crlf.py:3:14",
        "ok.py:3:14",
        "x.py/inner.py:3:14",
    ]
    assert [line.split(": ", 3)[1:3] for line in proc.stderr.splitlines()] == [
        ["error", "bin.py"],
        ["error", "bogus.py"],
        ["error", "latin.py"],
        ["Found 7 findings in 7 files (6 fixable with --fix)."],
    ]
