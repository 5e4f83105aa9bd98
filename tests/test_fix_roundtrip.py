"""``--fix``, ``--unsafe-fixes``, ``--diff`` and ``--exit-non-zero-on-fix``: files in,
the exact bytes on disk (or on stdout) out. A fix touches only its edit: line
endings, BOM, encoding, comments and file mode survive, and a file without an
applicable fix is never rewritten."""

from __future__ import annotations

import codecs
import dataclasses
import errno
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest
from conftest import invoke
from rulebook import Case, cases

from torchlint.checks.type_cast import LegacyTypeCast
from torchlint.rules import registry
from torchlint.rules.rule import Replace

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX
    resource = None  # type: ignore[assignment]


# TL101 at 8:27, SAFE fix `.type(` -> `.to(`.
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
MODULE_CAST_FIXED = MODULE_CAST.replace("x.type(torch.float16)", "x.to(torch.float16)")

# TL102 at 3:11, UNSAFE fix.
LEGACY_CUDA = """\
import torch
def f(x: torch.Tensor):
    y = x.type(torch.cuda.HalfTensor)
    return y
"""
LEGACY_CUDA_FIXED = LEGACY_CUDA.replace(
    "x.type(torch.cuda.HalfTensor)", 'x.to(device="cuda", dtype=torch.float16)'
)
LEGACY_CUDA_MSG = (
    "TL102 `.type(torch.cuda.HalfTensor)` is a legacy cast that also moves a CPU tensor to "
    "the current GPU, not necessarily the model's; say both explicitly with "
    '`.to(device="cuda", dtype=torch.float16)`'
)

# TL102 at 3:14, SAFE fix.
LEGACY_STR = """\
import torch
def g(x: torch.Tensor):
    return x.type("torch.HalfTensor")
"""
LEGACY_STR_FIXED = LEGACY_STR.replace(
    'x.type("torch.HalfTensor")', 'x.to(device="cpu", dtype=torch.float16)'
)
LEGACY_STR_MSG = (
    "TL102 `.type('torch.HalfTensor')` is a legacy cast that also moves the tensor to the "
    'CPU; say both explicitly with `.to(device="cpu", dtype=torch.float16)`'
)

CLEAN = "import torch\n\n\ndef clean(x):\n    return x.to(torch.float16)  # fine\n"


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int, int]]:
    """Every source file under root (not torchlint's own cache): bytes, mode, inode
    and mtime."""
    out = {}
    for path in sorted(root.rglob("*")):
        if ".torchlint_cache" in path.parts:
            continue
        if path.is_file() and not path.is_symlink():
            st = path.stat()
            out[path.relative_to(root).as_posix()] = (
                path.read_bytes(),
                stat.S_IMODE(st.st_mode),
                st.st_ino,
                st.st_mtime_ns,
            )
    return out


def contents(root: Path) -> dict[str, bytes]:
    return {rel: data for rel, (data, *_) in snapshot(root).items()}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def mixed(tree: Path) -> Path:
    """a.py and c.py have safe fixes, b.py an unsafe one, clean.py none."""
    write(tree, {"a.py": MODULE_CAST, "b.py": LEGACY_CUDA, "c.py": LEGACY_STR, "clean.py": CLEAN})
    return tree


# ---------------------------------------------------------------- --fix


def test_fix_writes_safe_fixes_only(mixed: Path) -> None:
    result = invoke("--fix", "a.py", "b.py", "c.py", "clean.py")
    assert contents(mixed) == {
        "a.py": MODULE_CAST_FIXED.encode(),
        "b.py": LEGACY_CUDA.encode(),
        "c.py": LEGACY_STR_FIXED.encode(),
        "clean.py": CLEAN.encode(),
    }
    assert result.exit_code == 1  # b.py's finding remains
    assert result.stdout == f"b.py:3:11: {LEGACY_CUDA_MSG}\n"
    assert result.stderr == (
        "torchlint: Fixed 2 findings.\n"
        "torchlint: Found 1 finding in 1 file (0 fixable with --fix); "
        "1 more with --unsafe-fixes.\n"
    )


def test_unsafe_fixes_applies_the_others_too(mixed: Path) -> None:
    result = invoke("--fix", "--unsafe-fixes", "a.py", "b.py", "c.py", "clean.py")
    assert contents(mixed) == {
        "a.py": MODULE_CAST_FIXED.encode(),
        "b.py": LEGACY_CUDA_FIXED.encode(),
        "c.py": LEGACY_STR_FIXED.encode(),
        "clean.py": CLEAN.encode(),
    }
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "torchlint: Fixed 3 findings.\ntorchlint: All checks passed (4 files checked).\n"
    )


def test_unsafe_fixes_without_fix_writes_nothing(mixed: Path) -> None:
    before = snapshot(mixed)
    result = invoke("--unsafe-fixes", ".")
    assert result.exit_code == 1
    assert snapshot(mixed) == before


@pytest.mark.parametrize("unsafe", [[], ["--unsafe-fixes"]], ids=["safe", "unsafe"])
def test_second_fix_changes_nothing(mixed: Path, unsafe: list[str]) -> None:
    invoke("--fix", *unsafe, ".")
    after_first = snapshot(mixed)
    result = invoke("--fix", *unsafe, ".")
    assert snapshot(mixed) == after_first  # not even rewritten with the same bytes
    assert "Fixed" not in result.stderr


def test_files_without_an_applicable_fix_are_not_rewritten(mixed: Path) -> None:
    before = snapshot(mixed)
    invoke("--fix", ".")
    after = snapshot(mixed)
    assert after["clean.py"] == before["clean.py"]  # bytes, mode, inode, mtime
    assert after["b.py"] == before["b.py"]  # only an unsafe fix
    assert after["a.py"][0] != before["a.py"][0]


def test_fix_with_jobs_gives_the_same_files(tree: Path) -> None:
    files: dict[str, str | bytes] = {}
    for i in range(10):
        files[f"p{i}/a.py"] = MODULE_CAST
        files[f"p{i}/c.py"] = LEGACY_STR
    write(tree, files)
    result = invoke("--fix", "--jobs", "3", ".")
    assert result.exit_code == 0
    assert result.stderr == (
        "torchlint: Fixed 20 findings.\ntorchlint: All checks passed (20 files checked).\n"
    )
    assert set(contents(tree).values()) == {MODULE_CAST_FIXED.encode(), LEGACY_STR_FIXED.encode()}


def test_fix_leaves_suppressed_and_deselected_findings_alone(tree: Path) -> None:
    noqa = MODULE_CAST.replace("float16))\n", "float16))  # noqa: TL101\n")
    write(tree, {"noqa.py": noqa, "ignored.py": LEGACY_STR, "a.py": MODULE_CAST})
    result = invoke("--fix", "--ignore", "TL102", ".")
    assert contents(tree) == {
        "a.py": MODULE_CAST_FIXED.encode(),
        "ignored.py": LEGACY_STR.encode(),
        "noqa.py": noqa.encode(),
    }
    assert (result.exit_code, result.stdout) == (0, "")


def test_fix_leaves_files_it_cannot_read_or_parse_untouched(tree: Path) -> None:
    files = {
        "broken.py": (LEGACY_STR + "def f(:\n").encode(),
        "latin.py": b'x = "caf\xe9"\n' + LEGACY_STR.encode(),
        "blob.py": b"\x00" + LEGACY_STR.encode(),
    }
    write(tree, dict(files))
    before = snapshot(tree)
    result = invoke("--fix", "--unsafe-fixes", ".")
    assert snapshot(tree) == before
    assert result.exit_code == 2  # blob.py and latin.py could not be read
    assert [line.split(" ", 2)[:2] for line in result.stdout.splitlines()] == [
        ["broken.py:4:7:", "TL000"],
    ]
    assert [line.split(": ", 3)[2] for line in result.stderr.splitlines()[:2]] == [
        "blob.py",
        "latin.py",
    ]


def test_fix_applies_an_opt_in_rule_only_when_selected(tree: Path) -> None:
    text = "import torch\ndef to_half(x: torch.Tensor):\n    return x.type(torch.float16)\n"
    write(tree, {"h.py": text})
    invoke("--fix", "h.py")
    assert (tree / "h.py").read_text() == text
    invoke("--fix", "--extend-select", "TL103", "h.py")
    assert (tree / "h.py").read_text() == text.replace(".type(", ".to(")


def test_fix_respects_per_file_ignores(tree: Path) -> None:
    write(
        tree,
        {
            "pyproject.toml": '[tool.torchlint]\nper-file-ignores = { "legacy/*" = ["TL102"] }\n',
            "legacy/c.py": LEGACY_STR,
            "new/c.py": LEGACY_STR,
        },
    )
    invoke("--fix", "legacy", "new")
    assert (tree / "legacy" / "c.py").read_text() == LEGACY_STR
    assert (tree / "new" / "c.py").read_text() == LEGACY_STR_FIXED


# ---------------------------------------------------------------- what survives a fix


PRESERVED = {
    "crlf": (
        LEGACY_STR.replace("\n", "\r\n").encode(),
        LEGACY_STR_FIXED.replace("\n", "\r\n").encode(),
    ),
    "cr": (LEGACY_STR.replace("\n", "\r").encode(), LEGACY_STR_FIXED.replace("\n", "\r").encode()),
    "bom": (codecs.BOM_UTF8 + LEGACY_STR.encode(), codecs.BOM_UTF8 + LEGACY_STR_FIXED.encode()),
    "bom-crlf": (
        codecs.BOM_UTF8 + MODULE_CAST.replace("\n", "\r\n").encode(),
        codecs.BOM_UTF8 + MODULE_CAST_FIXED.replace("\n", "\r\n").encode(),
    ),
    "latin-1": (
        b"# -*- coding: latin-1 -*-\n" + b'NAME = "Se\xf1or caf\xe9"\n' + LEGACY_STR.encode(),
        b"# -*- coding: latin-1 -*-\n" + b'NAME = "Se\xf1or caf\xe9"\n' + LEGACY_STR_FIXED.encode(),
    ),
    "utf-8-text": (
        ('s = "日本語"  # café\n' + LEGACY_STR).encode(),
        ('s = "日本語"  # café\n' + LEGACY_STR_FIXED).encode(),
    ),
    "comments": (
        (
            b"# header comment\nimport torch  # why\n\n\ndef g(x: torch.Tensor):\n"
            b"    # explain the cast\n"
            b'    return x.type("torch.HalfTensor")  # trailing comment\n'
            b"    # after\n"
        ),
        (
            b"# header comment\nimport torch  # why\n\n\ndef g(x: torch.Tensor):\n"
            b"    # explain the cast\n"
            b'    return x.to(device="cpu", dtype=torch.float16)  # trailing comment\n'
            b"    # after\n"
        ),
    ),
    "no-final-newline": (LEGACY_STR.rstrip("\n").encode(), LEGACY_STR_FIXED.rstrip("\n").encode()),
    "tabs-and-trailing-space": (
        b'import torch   \ndef g(x: torch.Tensor):\n\treturn x.type("torch.HalfTensor")\t\n',
        b'import torch   \ndef g(x: torch.Tensor):\n\treturn x.to(device="cpu", dtype=torch.float16)\t\n',
    ),
    "mixed-line-endings": (
        b'import torch\r\ndef g(x: torch.Tensor):\n    return x.type("torch.HalfTensor")\r\n# end\n',
        b'import torch\r\ndef g(x: torch.Tensor):\n    return x.to(device="cpu", dtype=torch.float16)\r\n# end\n',
    ),
}


@pytest.mark.parametrize(("before", "after"), list(PRESERVED.values()), ids=list(PRESERVED))
def test_fix_changes_only_the_edited_span(tree: Path, before: bytes, after: bytes) -> None:
    write(tree, {"x.py": before})
    result = invoke("--fix", "x.py")
    assert result.exit_code == 0, result.output
    assert (tree / "x.py").read_bytes() == after
    # and the fixed file is clean and stable
    again = invoke("--fix", "x.py")
    assert (again.exit_code, again.stdout) == (0, "")
    assert (tree / "x.py").read_bytes() == after


def test_fix_is_not_offered_when_it_would_drop_a_comment(tree: Path) -> None:
    text = 'import torch\ndef g(x: torch.Tensor):\n    return x.type(\n        "torch.HalfTensor"  # keep me\n    )\n'
    write(tree, {"x.py": text})
    result = invoke("--fix", "--unsafe-fixes", "x.py")
    assert (tree / "x.py").read_text() == text
    assert result.exit_code == 1
    assert result.stdout == f"x.py:3:14: {LEGACY_STR_MSG}\n"


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o755, 0o754, 0o640])
def test_fix_keeps_the_file_mode(tree: Path, mode: int) -> None:
    write(tree, {"x.py": LEGACY_STR})
    (tree / "x.py").chmod(mode)
    invoke("--fix", "x.py")
    assert (tree / "x.py").read_text() == LEGACY_STR_FIXED
    assert stat.S_IMODE((tree / "x.py").stat().st_mode) == mode


def test_fix_leaves_no_temporary_files(mixed: Path) -> None:
    invoke("--fix", "--unsafe-fixes", ".")
    assert sorted(p.name for p in mixed.iterdir()) == ["a.py", "b.py", "c.py", "clean.py"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_fix_does_not_write_through_a_symlink(tree: Path) -> None:
    write(tree, {"outside/c.py": LEGACY_STR, "proj/a.py": LEGACY_STR})
    os.symlink("../outside/c.py", tree / "proj" / "link.py")
    result = invoke("--fix", "proj")
    assert (tree / "outside" / "c.py").read_text() == LEGACY_STR
    assert (tree / "proj" / "a.py").read_text() == LEGACY_STR_FIXED
    assert result.exit_code == 2
    assert (
        "torchlint: error: proj/link.py: is a symbolic link; not fixed "
        "(fix the file it points to)\n"
    ) in result.stderr


def test_fix_does_not_overwrite_a_file_changed_since_it_was_read(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor saves the file while torchlint is fixing it: the save wins."""
    from torchlint.lint import engine

    write(tree, {"a.py": LEGACY_STR, "b.py": LEGACY_STR})
    edited = LEGACY_STR + "# saved by the editor meanwhile\n"
    real_fix_text = engine.fix_text

    def fix_text_during_a_save(path: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        outcome = real_fix_text(path, *args, **kwargs)
        if path.endswith("a.py"):
            (tree / "a.py").write_text(edited)
        return outcome

    monkeypatch.setattr(engine, "fix_text", fix_text_during_a_save)
    result = invoke("--fix", "-j", "1", ".")
    assert (tree / "a.py").read_text() == edited
    assert (tree / "b.py").read_text() == LEGACY_STR_FIXED
    assert result.exit_code == 2
    assert "torchlint: error: a.py: changed on disk while being linted; not fixed\n" in (
        result.stderr
    )


# ---------------------------------------------------------------- safety nets


class _FixWithAKeyword(LegacyTypeCast):
    """TL102 with a bug in its fix generator: it renames `.type` to `.lambda`, which
    does not parse. The engine must refuse the whole result, not write it."""

    def report(self, node, message, fix=None, related=None):  # type: ignore[no-untyped-def]
        if fix is not None:
            fix = dataclasses.replace(fix, replacements=(Replace(node, cst.Name("lambda")),))
        super().report(node, message, fix, related)


NOT_PARSED = (
    "torchlint: error: {}: a fix produced code that does not parse; the file was left unchanged\n"
)


def test_a_fix_that_would_not_parse_leaves_the_file_byte_for_byte_unchanged(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from torchlint.lint import engine

    rules = {**registry.all_rules(), "TL102": _FixWithAKeyword}
    monkeypatch.setattr(engine, "all_rules", lambda: rules)
    write(tree, {"a.py": MODULE_CAST, "c.py": LEGACY_STR})
    before = snapshot(tree)
    result = invoke("--fix", "-j", "1", "a.py", "c.py")
    after = snapshot(tree)
    assert after["c.py"] == before["c.py"]  # bytes, mode, inode, mtime: never rewritten
    assert after["a.py"][0] == MODULE_CAST_FIXED.encode()  # the other file is still fixed
    assert result.exit_code == 2
    assert result.stdout == f"c.py:3:14: {LEGACY_STR_MSG}\n"
    assert result.stderr == (
        NOT_PARSED.format("c.py") + "torchlint: Fixed 1 finding.\n"
        "torchlint: Found 1 finding in 1 file (1 fixable with --fix).\n"
    )


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="PEP 701: from Python 3.12 on, the fixed f-string parses"
)
def test_a_fix_that_python_cannot_parse_but_libcst_can_is_rolled_back(tree: Path) -> None:
    """LibCST parses 3.12's f-strings on any Python; the file must parse for the
    Python that runs torchlint (before 3.12, no `"` inside a `"`-quoted f-string)."""
    text = "import torch\ndef g(x: torch.Tensor):\n    print(f\"{x.type('torch.HalfTensor')}\")\n"
    write(tree, {"f.py": text})
    before = snapshot(tree)
    result = invoke("--fix", "f.py")
    assert snapshot(tree) == before
    assert result.exit_code == 2
    assert result.stdout == f"f.py:3:16: {LEGACY_STR_MSG}\n"
    assert result.stderr.startswith(NOT_PARSED.format("f.py"))


# Two TL102 casts, one inside the other: each fix rewrites its whole call, so the
# outer fix's edit contains the inner one's.
NESTED = 'import torch\ndef g(x: torch.Tensor):\n    return x.type("torch.HalfTensor").type("torch.FloatTensor")\n'
NESTED_ONE_PASS = NESTED.replace(
    'x.type("torch.HalfTensor")', 'x.to(device="cpu", dtype=torch.float16)'
)
NESTED_FIXED = NESTED_ONE_PASS.replace(
    '.type("torch.FloatTensor")', '.to(device="cpu", dtype=torch.float32)'
)


def test_overlapping_edits_are_refused_and_left_to_the_next_pass() -> None:
    from torchlint.lint import engine

    findings = engine.lint_text("n.py", NESTED, frozenset({"TL102"})).findings
    spans = [(e.column, e.end_column) for f in findings if f.fix for e in f.fix.edits]
    assert spans == [(11, 37), (11, 63)]  # the outer edit contains the inner one
    # (The second cast's fix overlaps the first's: it waits for the next pass.)
    assert engine.apply_fixes(NESTED, findings, unsafe=False) == (NESTED_ONE_PASS, ["TL102"])


def test_two_insertions_at_the_same_place_are_refused() -> None:
    from torchlint.lint import engine
    from torchlint.lint.findings import Applicability, Edit, Finding, Fix

    def insert(text: str) -> Finding:
        fix = Fix(Applicability.SAFE, (Edit(1, 4, 1, 4, text),), "insert")
        return Finding("i.py", 1, 4, "TL999", "m", fix=fix)

    assert engine.apply_fixes("x = y\n", [insert("a"), insert("b")], unsafe=False) == (
        "x = ay\n",
        ["TL999"],
    )


def test_nested_casts_are_both_fixed(tree: Path) -> None:
    write(tree, {"n.py": NESTED})
    result = invoke("--fix", "n.py")
    assert (tree / "n.py").read_text() == NESTED_FIXED
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "torchlint: Fixed 2 findings.\ntorchlint: All checks passed (1 file checked).\n"
    )


def test_a_failed_replace_leaves_the_original_file_and_no_temporary_file(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tree, {"a.py": LEGACY_STR, "b.py": LEGACY_STR})
    real_replace = os.replace

    def disk_full_for_a(src: str, dst: str) -> None:
        if os.path.basename(dst) == "a.py":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", disk_full_for_a)
    before = snapshot(tree)
    result = invoke("--fix", "-j", "1", ".")
    assert snapshot(tree)["a.py"] == before["a.py"]
    assert contents(tree) == {"a.py": LEGACY_STR.encode(), "b.py": LEGACY_STR_FIXED.encode()}
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"torchlint: error: a.py: cannot write: {os.strerror(errno.ENOSPC)}\n"
    )


@pytest.mark.skipif(resource is None, reason="needs setrlimit")
def test_a_full_disk_in_the_middle_of_the_write_leaves_the_original_file(tree: Path) -> None:
    """A real write that fails half-way: the process may write no file beyond 4 KiB
    (RLIMIT_FSIZE), and the fixed file is over 8 KiB. The original must survive whole."""
    padding = "".join(
        f"# line {i:03d} of a long file, to make it larger than the limit\n" for i in range(160)
    )
    text = LEGACY_STR + padding
    assert len(text.encode()) > 2 * 4096
    write(tree, {"x.py": text})

    def limit_file_size() -> None:
        assert resource is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    proc = subprocess.run(
        [sys.executable, "-m", "torchlint", "--fix", "x.py"],
        cwd=tree,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=limit_file_size,
    )
    assert (tree / "x.py").read_bytes() == text.encode()
    assert sorted(p.name for p in tree.iterdir()) == ["x.py"]  # no temporary file left
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith(
        f"torchlint: error: x.py: cannot write: {os.strerror(errno.EFBIG)}\n"
    )


# ---------------------------------------------------------------- --diff


def test_diff_prints_a_unified_diff_exits_1_and_writes_nothing(mixed: Path) -> None:
    before = snapshot(mixed)
    result = invoke("--diff", "a.py", "b.py", "c.py", "clean.py")
    assert snapshot(mixed) == before
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/a.py\n"
        "+++ b/a.py\n"
        "@@ -5,4 +5,4 @@\n"
        "         super().__init__()\n"
        "         self.enc = enc\n"
        "     def forward(self, x: torch.Tensor):\n"
        "-        return self.enc(x.type(torch.float16))\n"
        "+        return self.enc(x.to(torch.float16))\n"
        "--- a/c.py\n"
        "+++ b/c.py\n"
        "@@ -1,3 +1,3 @@\n"
        " import torch\n"
        " def g(x: torch.Tensor):\n"
        '-    return x.type("torch.HalfTensor")\n'
        '+    return x.to(device="cpu", dtype=torch.float16)\n'
    )
    assert result.stderr == ""


def test_diff_with_unsafe_fixes_includes_them(mixed: Path) -> None:
    before = snapshot(mixed)
    result = invoke("--diff", "--unsafe-fixes", "b.py")
    assert snapshot(mixed) == before
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/b.py\n"
        "+++ b/b.py\n"
        "@@ -1,4 +1,4 @@\n"
        " import torch\n"
        " def f(x: torch.Tensor):\n"
        "-    y = x.type(torch.cuda.HalfTensor)\n"
        '+    y = x.to(device="cuda", dtype=torch.float16)\n'
        "     return y\n"
    )


def test_diff_marks_a_missing_final_newline(tree: Path) -> None:
    write(tree, {"x.py": LEGACY_STR.rstrip("\n")})
    result = invoke("--diff", "x.py")
    assert result.stdout.endswith(
        '-    return x.type("torch.HalfTensor")\n\\ No newline at end of file\n'
        '+    return x.to(device="cpu", dtype=torch.float16)\n\\ No newline at end of file\n'
    )


def test_diff_of_a_clean_tree_is_empty_and_exits_0(tree: Path) -> None:
    write(tree, {"clean.py": CLEAN})
    result = invoke("--diff", "clean.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_fix_and_diff_together_write_nothing(mixed: Path) -> None:
    before = snapshot(mixed)
    result = invoke("--fix", "--diff", "c.py")
    assert snapshot(mixed) == before
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/c.py\n+++ b/c.py\n")


# ---------------------------------------------------------------- exit codes with --fix


def test_fix_that_fixes_everything_exits_0(tree: Path) -> None:
    write(tree, {"c.py": LEGACY_STR})
    assert invoke("--fix", "c.py").exit_code == 0


def test_exit_non_zero_on_fix_exits_1_when_a_file_changed(tree: Path) -> None:
    write(tree, {"c.py": LEGACY_STR})
    result = invoke("--fix", "--exit-non-zero-on-fix", "c.py")
    assert result.exit_code == 1
    assert (tree / "c.py").read_text() == LEGACY_STR_FIXED
    assert result.stdout == ""
    assert result.stderr == (
        "torchlint: Fixed 1 finding.\ntorchlint: All checks passed (1 file checked).\n"
    )


def test_exit_non_zero_on_fix_exits_0_when_nothing_changed(tree: Path) -> None:
    write(tree, {"clean.py": CLEAN})
    assert invoke("--fix", "--exit-non-zero-on-fix", "clean.py").exit_code == 0


# ---------------------------------------------------------------- stdin


def test_stdin_fix_prints_the_fixed_source_and_findings_go_to_stderr(tree: Path) -> None:
    source = LEGACY_STR + LEGACY_CUDA.replace("import torch\n", "")
    result = invoke("--fix", "-", "--stdin-filename", "pkg/m.py", input=source.encode())
    assert result.exit_code == 1
    assert result.stdout == LEGACY_STR_FIXED + LEGACY_CUDA.replace("import torch\n", "")
    assert result.stderr == (
        "pkg/m.py:5:11: " + LEGACY_CUDA_MSG + "\n"
        "torchlint: Fixed 1 finding.\n"
        "torchlint: Found 1 finding in 1 file (0 fixable with --fix); "
        "1 more with --unsafe-fixes.\n"
    )


def test_stdin_fix_of_clean_source_prints_it_unchanged(tree: Path) -> None:
    result = invoke("--fix", "-", input=CLEAN.encode())
    assert (result.exit_code, result.stdout) == (0, CLEAN)


def test_stdin_fix_never_writes_the_named_file(tree: Path) -> None:
    write(tree, {"c.py": LEGACY_STR})
    result = invoke(
        "--fix", "--unsafe-fixes", "-", "--stdin-filename", "c.py", input=LEGACY_CUDA.encode()
    )
    assert result.stdout == LEGACY_CUDA_FIXED
    assert (tree / "c.py").read_text() == LEGACY_STR


def test_stdin_fix_keeps_crlf(tree: Path) -> None:
    result = invoke("--fix", "-", input=LEGACY_STR.replace("\n", "\r\n").encode())
    assert result.stdout_bytes == LEGACY_STR_FIXED.replace("\n", "\r\n").encode()


def test_stdin_diff(tree: Path) -> None:
    result = invoke("--diff", "-", "--stdin-filename", "x.py", input=LEGACY_STR.encode())
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/x.py\n+++ b/x.py\n@@ -1,3 +1,3 @@\n import torch\n def g(x: torch.Tensor):\n"
        '-    return x.type("torch.HalfTensor")\n'
        '+    return x.to(device="cpu", dtype=torch.float16)\n'
    )


@pytest.mark.parametrize(
    "data", [b'x = "caf\xe9"\n', b"\x00\x01binary"], ids=["not-utf8", "binary"]
)
def test_stdin_fix_of_undecodable_input_echoes_it(tree: Path, data: bytes) -> None:
    result = invoke("--fix", "-", input=data)
    assert result.stdout_bytes == data


def test_stdin_fix_keeps_a_declared_encoding(tree: Path) -> None:
    head = b"# -*- coding: latin-1 -*-\n" + b's = "caf\xe9"\n'
    result = invoke("--fix", "-", input=head + LEGACY_STR.encode())
    assert result.stdout_bytes == head + LEGACY_STR_FIXED.encode()


def test_stdin_fix_keeps_a_bom(tree: Path) -> None:
    result = invoke("--fix", "-", input=codecs.BOM_UTF8 + LEGACY_STR.encode())
    assert result.stdout_bytes == codecs.BOM_UTF8 + LEGACY_STR_FIXED.encode()


# ---------------------------------------------------------------- the rule book


def _fixable_cases() -> list[Case]:
    fixable = {code for code, rule in registry.all_rules().items() if rule.fixable}
    return [case for case in cases() if case.code in fixable]


@pytest.mark.parametrize("case", _fixable_cases(), ids=lambda c: c.folder.name)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_rule_book_bad_py_fixes_to_fixed_py(tree: Path, case: Case, unsafe: bool) -> None:
    code = case.code
    expected = case.fix_output(unsafe)
    shutil.copyfile(case.folder / "bad.py", tree / "bad.py")
    flags = ["--unsafe-fixes"] if unsafe else []
    invoke("--fix", *flags, "--select", code, "bad.py")
    assert (tree / "bad.py").read_bytes() == expected.read_bytes()
    before = snapshot(tree)
    again = invoke("--fix", *flags, "--select", code, "bad.py")
    assert snapshot(tree) == before
    assert "Fixed" not in again.stderr


# ---------------------------------------------------------------- a real process


def _process(
    args: list[str], cwd: Path, input: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run(
        [sys.executable, "-m", "torchlint", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        timeout=120,
        env=os.environ.copy(),
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc


def test_process_fix_roundtrip_keeps_bytes(tree: Path) -> None:
    before = {
        "crlf_bom.py": codecs.BOM_UTF8 + LEGACY_STR.replace("\n", "\r\n").encode(),
        "latin.py": b"# coding: latin-1\n# \xe9\n" + MODULE_CAST.encode(),
        "unsafe.py": LEGACY_CUDA.encode(),
        "clean.py": CLEAN.encode(),
    }
    write(tree, dict(before))
    (tree / "latin.py").chmod(0o751)
    proc = _process(["--fix", "--jobs", "2", "."], tree)
    assert proc.returncode == 1
    assert proc.stdout.decode() == f"unsafe.py:3:11: {LEGACY_CUDA_MSG}\n"
    assert contents(tree) == {
        "clean.py": CLEAN.encode(),
        "crlf_bom.py": codecs.BOM_UTF8 + LEGACY_STR_FIXED.replace("\n", "\r\n").encode(),
        "latin.py": b"# coding: latin-1\n# \xe9\n" + MODULE_CAST_FIXED.encode(),
        "unsafe.py": LEGACY_CUDA.encode(),
    }
    assert stat.S_IMODE((tree / "latin.py").stat().st_mode) == 0o751
    again = _process(["--fix", "."], tree)
    assert again.stdout == proc.stdout
    assert b"Fixed" not in again.stderr


def test_process_stdin_fix(tree: Path) -> None:
    proc = _process(["--fix", "--unsafe-fixes", "-"], tree, input=LEGACY_CUDA.encode())
    assert proc.returncode == 0
    assert proc.stdout == LEGACY_CUDA_FIXED.encode()


def test_process_diff_writes_nothing(tree: Path) -> None:
    write(tree, {"c.py": LEGACY_STR})
    proc = _process(["--diff", "c.py"], tree)
    assert proc.returncode == 1
    assert proc.stdout.startswith(b"--- a/c.py\n+++ b/c.py\n")
    assert (tree / "c.py").read_text() == LEGACY_STR
