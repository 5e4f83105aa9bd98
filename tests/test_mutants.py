"""Tests written for mutants that survived the test suite (bench/mutation.py; the list
is in docs/testing.md). Each pins a behaviour a user relies on that no other test
checked: files in, exact output or bytes out, through the command line where that is
natural."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke

# TL102 at 4:14, SAFE fix (`x` is known to be a tensor).
LEGACY_STR = """\
import torch
def g():
    x = torch.randn(3)
    return x.type("torch.HalfTensor")
"""
LEGACY_STR_FIXED = LEGACY_STR.replace(
    'x.type("torch.HalfTensor")', 'x.to(device="cpu", dtype=torch.float16)'
)
CAST = 'HalfTensor")\n'  # the end of the line of the finding


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ------------------------------------------------------------------- fix.py


def test_diff_of_a_file_with_cr_line_ends_marks_no_missing_newline(tree: Path) -> None:
    """A line ending in a lone CR (old Mac line ends) has its newline."""
    write(tree, {"c.py": LEGACY_STR.replace("\n", "\r")})
    result = invoke("--diff", "c.py")
    assert result.exit_code == 1
    assert result.stdout_bytes == (
        b"--- a/c.py\n+++ b/c.py\n@@ -1,4 +1,4 @@\n"
        b" import torch\r def g():\r     x = torch.randn(3)\r"
        b'-    return x.type("torch.HalfTensor")\r'
        b'+    return x.to(device="cpu", dtype=torch.float16)\r'
    )


def test_a_fix_is_flushed_to_a_hidden_file_beside_the_original_then_renamed(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rename is atomic only within one file system, so the temporary file is in
    the file's own folder; it is hidden and not a .py file (a concurrent run never
    lints it); and its bytes are on disk before the rename replaces the original."""
    write(tree, {"c.py": LEGACY_STR})
    events: list[tuple[str, str, int]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}"), os.fstat(fd).st_size))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append(("replace", os.path.abspath(src), os.path.getsize(src)))
        events.append(("onto", os.path.abspath(dst), 0))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    assert invoke("--fix", "c.py").exit_code == 0
    assert (tree / "c.py").read_text() == LEGACY_STR_FIXED
    size = len(LEGACY_STR_FIXED.encode())
    (_, synced, synced_size), (_, renamed, renamed_size), (_, target, _) = events
    assert [e[0] for e in events] == ["fsync", "replace", "onto"]
    assert synced == renamed and synced_size == renamed_size == size
    assert target == str(tree.resolve() / "c.py")
    assert os.path.dirname(renamed) == str(tree.resolve())
    assert re.fullmatch(r"\.torchlint-[^/]+\.tmp", os.path.basename(renamed))
    assert sorted(p.name for p in tree.iterdir() if p.name != ".torchlint_cache") == ["c.py"]


# ------------------------------------------------------------------- cache.py


def test_a_warm_run_reads_every_field_of_a_finding_from_the_cache(tree: Path) -> None:
    """The entry written by a cold run is the one a warm run reads: edited in the
    cache, its message, fix message and fix text come out as edited. (An entry that
    cannot be read is silently linted again, so equal output alone proves nothing.)"""
    write(tree, {"c.py": LEGACY_STR})
    cold = invoke("--format", "json", "c.py")
    assert cold.exit_code == 1
    (entry,) = [p for p in (tree / ".torchlint_cache").rglob("*.json")]
    text = entry.read_text(encoding="utf-8")
    assert text.count("is a legacy cast") == 1 and text.count("cast with .to(") == 1
    edited = text.replace("is a legacy cast", "IS A CACHED CAST")
    edited = edited.replace("cast with .to(", "CACHED FIX .to(")
    edited = edited.replace('x.to(device=\\"cpu\\"', 'y.to(device=\\"cpu\\"')
    entry.write_text(edited, encoding="utf-8")
    warm = invoke("--format", "json", "c.py")
    expected = cold.stdout.replace("is a legacy cast", "IS A CACHED CAST")
    expected = expected.replace("cast with .to(", "CACHED FIX .to(")
    expected = expected.replace('"content": "x.to(', '"content": "y.to(')
    assert expected != cold.stdout
    assert warm.stdout == expected


# -------------------------------------------------------------------- noqa.py


def test_a_noqa_naming_tl901_does_not_end_the_search_for_unused_ones(tree: Path) -> None:
    write(tree, {"n.py": "import torch  # noqa: TL901\nx = 1  # noqa: TL101\n"})
    result = invoke("--no-cache", "--extend-select", "TL901", "n.py")
    assert result.stdout == "n.py:2:8: TL901 Unused `noqa` directive (unused: `TL101`)\n"


def test_add_noqa_goes_past_an_unused_noqa_finding(tree: Path) -> None:
    """--add-noqa skips TL901's own findings (a noqa for an unused noqa would be
    absurd) and goes on to the findings after them."""
    write(tree, {"a.py": "import torch  # noqa: TL101\n" + LEGACY_STR.split("\n", 1)[1]})
    result = invoke("--no-cache", "--extend-select", "TL901", "--add-noqa", "a.py")
    assert result.exit_code == 0
    assert result.stderr == "torchlint: Added 1 noqa directive.\n"
    assert (tree / "a.py").read_text() == (
        "import torch  # noqa: TL101\n"
        "def g():\n"
        "    x = torch.randn(3)\n"
        '    return x.type("torch.HalfTensor")  # noqa: TL102\n'
    )


def test_add_noqa_goes_past_a_finding_no_line_can_take(tree: Path) -> None:
    # The first finding's only line ends inside a string; the next one still gets
    # its directive.
    head = 'import torch\nfor x in torch.load("""a\nb"""):\n    pass\n'
    body = LEGACY_STR.split("\n", 1)[1]
    write(tree, {"a.py": head + body})
    result = invoke("--no-cache", "--add-noqa", "a.py")
    assert result.exit_code == 0
    assert result.stderr == (
        "torchlint: warning: a.py:2:10: no line can take a `# noqa: TL502`\n"
        "torchlint: Added 1 noqa directive.\n"
    )
    assert (tree / "a.py").read_text() == head + body.replace(CAST, 'HalfTensor")  # noqa: TL102\n')


def test_fixing_an_unused_noqa_alone_on_the_last_line_removes_the_line(tree: Path) -> None:
    write(tree, {"b.py": "import torch\n# noqa: TL101"})
    listed = invoke("--no-cache", "--extend-select", "TL901", "b.py")
    assert listed.stdout == "b.py:2:1: TL901 Unused `noqa` directive (unused: `TL101`)\n"
    fixed = invoke("--no-cache", "--extend-select", "TL901", "--fix", "b.py")
    assert fixed.exit_code == 0
    assert (tree / "b.py").read_bytes() == b"import torch\n"


def test_fixing_an_unused_code_keeps_the_used_codes_of_the_directive(tree: Path) -> None:
    write(tree, {"n.py": LEGACY_STR.replace(CAST, 'HalfTensor")  # noqa: TL102, TL101\n')})
    listed = invoke("--no-cache", "--extend-select", "TL901", "--format", "json", "n.py")
    (finding,) = json.loads(listed.stdout)
    assert (finding["code"], finding["message"]) == (
        "TL901",
        "Unused `noqa` directive (unused: `TL101`)",
    )
    assert finding["fix"]["applicability"] == "safe"
    assert finding["fix"]["message"] == "Remove unused `noqa` directive"
    fixed = invoke("--no-cache", "--extend-select", "TL901", "--fix", "n.py")
    assert fixed.exit_code == 0
    assert (tree / "n.py").read_text() == LEGACY_STR.replace(CAST, 'HalfTensor")  # noqa: TL102\n')


# ------------------------------------------------------------------ engine.py


def test_fixes_that_unlock_each_other_stop_after_ten_passes_and_the_rest_is_reported(
    tree: Path,
) -> None:
    """Nested fixes overlap, so each pass fixes one of them (the innermost left); after ten
    passes the fix loop stops and what is left is reported, still fixable."""
    nested = "x" + '.type("torch.HalfTensor")' * 11
    head = "import torch\ndef g():\n    x = torch.randn(3)\n"
    write(tree, {"d.py": f"{head}    return {nested}\n"})
    result = invoke("--no-cache", "--fix", "d.py")
    assert result.exit_code == 1
    assert result.stderr == (
        "torchlint: Fixed 10 findings.\n"
        "torchlint: Found 1 finding in 1 file (1 fixable with --fix).\n"
    )
    fixed = "x" + '.to(device="cpu", dtype=torch.float16)' * 10 + '.type("torch.HalfTensor")'
    assert (tree / "d.py").read_text() == f"{head}    return {fixed}\n"


def test_edits_are_applied_in_text_order_whatever_the_findings_order() -> None:
    """An insertion at the end of another fix's span goes after that span's new text
    (the two do not overlap, so both are applied in one pass)."""
    from torchlint.engine import apply_fixes
    from torchlint.findings import Applicability, Edit, Finding, Fix

    def finding(edit: Edit) -> Finding:
        return Finding(
            "a.py", 1, edit.column, "TL999", "m", fix=Fix(Applicability.SAFE, (edit,), "f")
        )

    insert = finding(Edit(1, 5, 1, 5, "!"))
    replace = finding(Edit(1, 0, 1, 5, "HELLO"))
    assert apply_fixes("hello world\n", [insert, replace], unsafe=False) == (
        "HELLO! world\n",
        ["TL999", "TL999"],
    )


# ------------------------------------------------------------------ config.py


def test_a_pyproject_toml_without_a_tool_table_given_as_config_is_an_error(tree: Path) -> None:
    """A file named pyproject.toml is read as one even when it has no [tool] table
    at all (not as a torchlint.toml-style document, whose keys would be unknown)."""
    write(tree, {"pyproject.toml": '[project]\nname = "x"\n', "a.py": "import torch\n"})
    result = invoke("--config", "pyproject.toml", "a.py")
    assert result.exit_code == 2
    assert result.stderr == "torchlint: error: pyproject.toml: no [tool.torchlint] table\n"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("per-file-ignores", "table of glob = [codes]"),
        ("max-file-size", "integer number of bytes (0: no limit)"),
        ("respect-gitignore", "boolean"),
        ("force-exclude", "boolean"),
    ],
)
def test_a_wrong_value_names_what_the_key_expects(tree: Path, key: str, expected: str) -> None:
    write(tree, {"pyproject.toml": f"[tool.torchlint]\n{key} = 1.5\n", "a.py": "import torch\n"})
    result = invoke("a.py")
    assert result.exit_code == 2
    assert result.stderr == (
        f"torchlint: error: {tree / 'pyproject.toml'}: tool.torchlint.{key}:"
        f" expected {expected}, got 1.5\n"
    )


DEFAULT_EXCLUDED = [
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    "__pypackages__",
    "build",
    "dist",
    ".eggs",
    "demo.egg-info",
    "node_modules",
    "site-packages",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".torchlint_cache",
    ".ipynb_checkpoints",
]


def test_every_default_excluded_folder_is_skipped(tree: Path) -> None:
    """The default excludes (written out here: a test that read
    them from the code would follow the code when it is wrong)."""
    write(tree, {f"{folder}/x.py": LEGACY_STR for folder in DEFAULT_EXCLUDED})
    write(tree, {"keep.py": LEGACY_STR})
    result = invoke("--no-cache", "-q", ".")
    assert result.stdout.splitlines() == [
        "keep.py:4:14: TL102 `.type('torch.HalfTensor')` is a legacy cast that also moves the"
        ' tensor to the CPU; say both explicitly with `.to(device="cpu", dtype=torch.float16)`'
    ]


# --------------------------------------------------------------- discovery.py


def test_a_broken_symlink_is_reported_and_the_walk_goes_on(tree: Path) -> None:
    (tree / "src").mkdir()
    os.symlink("nowhere.py", tree / "src" / "a.py")
    write(tree, {"src/b.py": LEGACY_STR})
    result = invoke("--no-cache", "src")
    assert result.exit_code == 2
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["src/b.py:4:14:"]
    assert result.stderr == (
        "torchlint: error: src/a.py: broken symbolic link or symlink loop\n"
        "torchlint: Found 1 finding in 1 file (1 fixable with --fix).\n"
    )


def test_as_in_git_a_file_in_an_excluded_folder_cannot_be_re_included(tree: Path) -> None:
    """``build/`` excludes the folder itself, so ``!build/keep.py`` has nothing to
    re-include (git: "it is not possible to re-include a file if a parent directory
    of that file is excluded")."""
    write(
        tree,
        {
            "pyproject.toml": '[tool.torchlint]\nexclude = ["build/", "!build/keep.py"]\n',
            "build/keep.py": LEGACY_STR,
            "build/other.py": LEGACY_STR,
            "top.py": LEGACY_STR,
        },
    )
    result = invoke("--no-cache", "-q", ".")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["top.py:4:14:"]


def test_as_in_git_a_gitignored_folder_cannot_be_re_included(tree: Path) -> None:
    (tree / ".git").mkdir()
    write(
        tree,
        {
            ".gitignore": "gen/\n!gen/keep.py\n",
            "gen/keep.py": LEGACY_STR,
            "top.py": LEGACY_STR,
        },
    )
    result = invoke("--no-cache", "-q", ".")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["top.py:4:14:"]


def test_a_named_path_that_is_not_a_regular_file_is_skipped_with_an_error(tree: Path) -> None:
    os.mkfifo(tree / "pipe.py")
    write(tree, {"a.py": "import torch\n"})
    result = invoke("--no-cache", "pipe.py", "a.py")
    assert result.exit_code == 2
    assert result.stderr == (
        "torchlint: error: pipe.py: not a regular file; skipped\n"
        "torchlint: No findings (1 file checked), but 1 path could not be linted (see above).\n"
    )


def test_a_folder_that_cannot_be_listed_is_an_error_naming_why(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Simulated: the tests run as root, whom chmod does not stop.)"""
    write(tree, {"src/locked/a.py": LEGACY_STR, "src/b.py": LEGACY_STR})
    write(tree, {"src/more/c.py": LEGACY_STR})  # walked after the folder that failed
    real_scandir = os.scandir

    def scandir(path: str = ".") -> Any:
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke("--no-cache", "src")
    assert result.exit_code == 2
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == [
        "src/b.py:4:14:",
        "src/more/c.py:4:14:",
    ]
    assert result.stderr == (
        "torchlint: error: src/locked: Permission denied\n"
        "torchlint: Found 2 findings in 2 files (2 fixable with --fix).\n"
    )


# ------------------------------------------------------------------- analysis


def test_a_dataloader_with_a_collate_fn_may_move_its_batches(tree: Path) -> None:
    """TL204 trusts a DataLoader over CPU tensors to yield CPU batches, but not when
    a collate function may move or convert them."""
    loop = (
        "    model.cuda()\n"
        "    data = TensorDataset(torch.randn(100, 4), torch.randint(0, 2, (100,)))\n"
        "    loader = DataLoader(data, batch_size=8{collate})\n"
        "    for x, y in loader:\n"
        "        model(x)\n"
    )
    write(
        tree,
        {
            "train.py": "import torch\n"
            "from torch.utils.data import DataLoader, TensorDataset\n\n\n"
            "def train(model, collate):\n"
            + loop.format(collate=", collate_fn=collate")
            + "\n\ndef train_plain(model):\n"
            + loop.format(collate="")
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "train.py")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["train.py:18:15:"]


def test_a_to_argument_named_like_a_dtype_is_a_cast_not_a_move(tree: Path) -> None:
    run = "    model.to({arg})\n    x = torch.randn(3, 4)\n    return model(x)\n"
    write(
        tree,
        {
            "r.py": "import torch\n\n\n"
            "def run(model, dev):\n" + run.format(arg="dev") + "\n\n"
            "def run_in(model, amp_dtype):\n" + run.format(arg="amp_dtype")
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "r.py")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["r.py:7:18:"]


def test_a_device_map_that_puts_everything_on_the_cpu_places_the_model_there(
    tree: Path,
) -> None:
    """``device_map={"": "cpu"}`` is ``device_map="cpu"`` written as a mapping."""
    load = (
        "    model = AutoModelForCausalLM.from_pretrained(\n"
        "        path, torch_dtype=torch.float16, device_map={device_map}\n"
        "    )\n"
        "    return model.generate(torch.tensor([[1, 2]]))\n"
    )
    write(
        tree,
        {
            "h.py": "import torch\nfrom transformers import AutoModelForCausalLM\n"
            + "".join(
                f"\n\ndef load_{i}(path):\n" + load.format(device_map=device_map)
                for i, device_map in enumerate(['{"": "cpu"}', '"cpu"', '{"": 0}', '"auto"'])
            )
        },
    )
    result = invoke("--no-cache", "--select", "TL106", "h.py")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == [
        "h.py:9:12:",
        "h.py:16:12:",
    ]


def test_a_comparison_of_a_cpu_tensor_is_a_cpu_tensor(tree: Path) -> None:
    write(
        tree,
        {
            "c.py": "import torch\n\n\ndef f(model):\n    model.cuda()\n"
            "    x = torch.randn(3, 4)\n    return model(x > 0)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "c.py")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["c.py:7:18:"]
    assert "`x > 0` was made on the CPU at line 6" in result.stdout


def test_a_bool_input_is_not_a_float_dtype_mismatch(tree: Path) -> None:
    """TL107 compares floating dtypes; a boolean input (a mask) is not one, whether
    made with `.bool()` or `.to(torch.bool)`."""
    head = '    model = nn.Linear(4, 2).half().cuda()\n    x = torch.randn(3, 4, device="cuda")\n'
    write(
        tree,
        {
            "b.py": "import torch\nfrom torch import nn\n"
            + "".join(
                f"\n\ndef f{i}():\n{head}    return model({arg})\n"
                for i, arg in enumerate(["x.bool()", "x.to(torch.bool)", "x.float()"])
            )
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "b.py")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["b.py:20:18:"]


def test_an_object_of_a_plain_class_keeps_what_its_init_placed(tree: Path) -> None:
    write(
        tree,
        {
            "o.py": "import torch\nfrom torch import nn\n\n\n"
            "class Runner:\n"
            "    def __init__(self, model):\n"
            "        self.model = model.cuda()\n\n"
            "    def run(self, x):\n"
            "        return self.model(x)\n\n\n"
            "def main():\n"
            "    runner = Runner(nn.Linear(4, 2))\n"
            "    x = torch.randn(3, 4)\n"
            "    return runner.run(x)\n\n\n"
            'if __name__ == "__main__":\n'
            "    main()\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "o.py")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["o.py:16:23:"]
    assert "which calls `self.model` with it at line 10" in result.stdout
    assert "`self.model` was moved to cuda at line 7" in result.stdout


def test_moving_the_base_model_moves_its_peft_wrapper(tree: Path) -> None:
    write(
        tree,
        {
            "p.py": "import torch\n"
            "from peft import get_peft_model\n"
            "from transformers import AutoModelForCausalLM\n\n\n"
            "def main(path, cfg):\n"
            "    model = AutoModelForCausalLM.from_pretrained(path)\n"
            "    peft_model = get_peft_model(model, cfg)\n"
            '    model.to("cuda")\n'
            "    x = torch.tensor([[1, 2]])\n"
            "    return peft_model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "p.py")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["p.py:11:23:"]
    assert '`peft_model` was moved to `"cuda"` at line 9' in result.stdout
