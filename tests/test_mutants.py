"""Tests written for mutants that survived the test suite (bench/mutation.py; the list
is in docs/testing.md). Each pins a behaviour a user relies on that no other test
checked: files in, exact output or bytes out, through the command line where that is
natural."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import invoke

if TYPE_CHECKING:
    from click.testing import Result

# TL102 at 4:14, SAFE fix (`x` is known to be a tensor).
LEGACY_STR = """\
import torch
def g(device):
    x = torch.randn(3, device=device)
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
        b" import torch\r def g(device):\r     x = torch.randn(3, device=device)\r"
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
        "def g(device):\n"
        "    x = torch.randn(3, device=device)\n"
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
    passes the fix loop stops and what is left is reported, still fixable. (On a
    parameter, of unknown place: a legacy CPU type on a tensor the fix already put on
    the CPU would be no move, and no finding.)"""
    nested = "x" + '.type("torch.HalfTensor")' * 11
    head = "import torch\ndef g(x):\n"
    write(tree, {"d.py": f"{head}    return {nested}\n"})
    result = invoke("--no-cache", "--fix", "--unsafe-fixes", "d.py")
    assert result.exit_code == 1
    assert result.stderr == (
        "torchlint: Fixed 10 findings.\n"
        "torchlint: Found 1 finding in 1 file (1 fixable with --fix --unsafe-fixes).\n"
    )
    fixed = "x" + '.to(device="cpu", dtype=torch.float16)' * 10 + '.type("torch.HalfTensor")'
    assert (tree / "d.py").read_text() == f"{head}    return {fixed}\n"


def test_edits_are_applied_in_text_order_whatever_the_findings_order() -> None:
    """An insertion at the end of another fix's span goes after that span's new text
    (the two do not overlap, so both are applied in one pass)."""
    from torchlint.lint.engine import apply_fixes
    from torchlint.lint.findings import Applicability, Edit, Finding, Fix

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
    # (reported at the cast, the line to change: torch_dtype=torch.float16)
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == [
        "h.py:7:15:",
        "h.py:14:15:",
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


@pytest.mark.parametrize("peft", ["peft", "peft.mapping"])
def test_moving_the_base_model_moves_its_peft_wrapper(tree: Path, peft: str) -> None:
    write(
        tree,
        {
            "p.py": "import torch\n"
            f"from {peft} import get_peft_model\n"
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


def places(result: Result) -> list[str]:
    """``path:line:column:`` of each finding printed."""
    return [line.split(" ", 1)[0] for line in result.stdout.splitlines()]


def test_a_cpu_tensor_added_to_a_device_tensor_meets_it(tree: Path) -> None:
    """Arithmetic of two tensors is where a CPU tensor meets a device one (TL204
    reports the factory); a tensor times a plain number is no meeting."""
    write(
        tree,
        {
            "m.py": "import torch\nfrom torch import nn\n\n\n"
            "class Noisy(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.lin = nn.Linear(4, 4)\n\n"
            "    def forward(self, x):\n"
            "        noise = torch.randn(x.shape)\n"
            "        return self.lin(x + noise)\n\n\n"
            "def main(device):\n"
            "    model = Noisy().to(device)\n"
            "    return model(torch.randn(2, 4).to(device) * 2.0)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "m.py")
    assert places(result) == ["m.py:11:17:"]
    assert "meets `x`, on `device` (line 17), at line 12" in result.stdout


def test_a_checkpoint_under_tmp_path_through_three_local_names_was_written_by_the_run(
    tree: Path,
) -> None:
    """TL502 trusts a load from pytest's ``tmp_path`` (the same run wrote it), also
    through locals built from it one on another."""
    load = (
        "    run = {root} / 'run'\n"
        "    ckpt = run / 'ckpt'\n"
        "    path = ckpt / 'model.pt'\n"
        "    return torch.load(path, weights_only=True)\n"
    )
    write(
        tree,
        {
            "test_s.py": "import torch\n\n\n"
            "def test_resume(tmp_path):\n" + load.format(root="tmp_path") + "\n\n"
            "def test_resume_from(out_dir):\n" + load.format(root="out_dir")
        },
    )
    result = invoke("--no-cache", "--select", "TL502", "test_s.py")
    assert places(result) == ["test_s.py:15:12:"]


def test_a_checkpoint_the_function_writes_with_save_checkpoint_is_its_own(tree: Path) -> None:
    """A load of the file the same function has just written with a ``save_checkpoint``
    helper restores what this run saved (no TL502); a load alone is reported."""
    write(
        tree,
        {
            "c.py": "import torch\nfrom trainer import save_checkpoint\n\n\n"
            "def resume(model, path):\n"
            "    save_checkpoint(model.state_dict(), path)\n"
            "    return torch.load(path, weights_only=True)\n\n\n"
            "def resume_from(model, path):\n"
            "    return torch.load(path, weights_only=True)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL502", "c.py")
    assert places(result) == ["c.py:11:12:"]


@pytest.mark.parametrize(
    "test",
    [
        'torch.__version__.startswith("1.")',
        'version.parse(torch.version.cuda) < version.parse("11.0")',
    ],
)
def test_a_branch_under_a_test_of_torch_version_keeps_the_old_api(tree: Path, test: str) -> None:
    """A test of which torch runs gates both of its branches, whether it reads
    ``torch.__version__`` (no ``version.parse``) or compares versions with
    ``version.parse`` (here the CUDA version torch was built with): TL601 leaves the
    old API there alone."""
    write(
        tree,
        {
            "g.py": "import torch\nfrom packaging import version\n\n"
            f"if {test}:\n"
            "    scaler = torch.cuda.amp.GradScaler()\n"
            "else:\n"
            '    scaler = torch.amp.GradScaler("cuda")\n\n'
            "legacy = torch.cuda.amp.GradScaler()\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL601", "g.py")
    assert places(result) == ["g.py:9:10:"]


SAVES = """\
import os

import torch


def save_stats(stats, args, path):
    torch.save({"step": stats.step}, args.stats_file)
    torch.save({"step": stats.step}, path)


def load_stats(args):
    return torch.load(args.stats_file, weights_only=True)


def load_from(path):
    return torch.load(path, weights_only=True)


def save_and_resume(model):
    torch.save(model.state_dict(), os.environ["OUT"])
    return torch.load(os.environ["RESUME"], weights_only=True)
"""


def test_a_load_of_the_file_another_function_of_the_module_writes_is_its_own(
    tree: Path,
) -> None:
    """TL502 trusts a load of the path another function saves host state to
    (``args.stats_file``), but not a plain name (``path`` is any file in each
    function); nor, in a function that saves, a load of another environment
    variable's file (``os.environ`` is not a path both are built from)."""
    write(tree, {"s.py": SAVES})
    result = invoke("--no-cache", "--select", "TL502", "s.py")
    assert places(result) == ["s.py:16:12:", "s.py:21:12:"]


@pytest.mark.parametrize(
    "annotation, fixed",
    [('"torch.Tensor"', True), ('"Tensor"', True), ('"np.ndarray"', False), ("", False)],
)
def test_a_parameter_annotated_with_the_string_torch_tensor_is_a_tensor(
    tree: Path, annotation: str, fixed: bool
) -> None:
    """The cast of a parameter known to be a tensor is fixed safely; the annotation
    may be a string (a forward reference)."""
    typed = f"x: {annotation}" if annotation else "x"
    source = f"import torch\n\n\ndef half({typed}):\n    return x.type(torch.float16)\n"
    write(tree, {"r.py": source})
    invoke("--no-cache", "--select", "TL103", "--fix", "r.py")
    cast = "x.to(torch.float16)" if fixed else "x.type(torch.float16)"
    assert (tree / "r.py").read_text() == source.replace("x.type(torch.float16)", cast)


def test_the_bce_loss_module_is_named_in_the_message(tree: Path) -> None:
    write(
        tree,
        {
            "l.py": "import torch\nfrom torch import nn\n\n\n"
            "def train(logits, labels):\n"
            "    criterion = nn.BCELoss()\n"
            "    return criterion(torch.sigmoid(logits), labels.long())\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL104", "l.py")
    assert result.stdout == (
        "l.py:7:45: TL104 `labels.long()` is int64 (made at line 7), but BCELoss needs"
        " floating targets: 'Found dtype Long but expected Float'; pass"
        " `labels.long().float()`\n"
    )


def test_a_plain_list_of_group_norms_loses_their_weights_one_of_activations_nothing(
    tree: Path,
) -> None:
    write(
        tree,
        {
            "b.py": "import torch\nfrom torch import nn\n\n\n"
            "class Block(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.norms = [nn.GroupNorm(4, 16), nn.GroupNorm(4, 16)]\n"
            "        self.acts = [nn.ReLU(), nn.GELU()]\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL302", "b.py")
    assert places(result) == ["b.py:8:9:"]


def test_the_type_cast_of_a_model_another_library_made_is_not_fixed_safely(
    tree: Path,
) -> None:
    """``timm.create_model(...)`` makes a module, whose ``.type(dtype)`` casts integer
    buffers too (``.to(dtype)`` does not): only the unsafe fix rewrites it."""
    source = (
        "import timm\nimport torch\n\n\n"
        "def half():\n"
        '    net = timm.create_model("resnet18")\n'
        "    return net.type(torch.float16)\n"
    )
    write(tree, {"t.py": source})
    result = invoke("--no-cache", "--select", "TL103", "--fix", "t.py")
    assert places(result) == ["t.py:7:16:"]
    assert (tree / "t.py").read_text() == source
    invoke("--no-cache", "--select", "TL103", "--fix", "--unsafe-fixes", "t.py")
    assert (tree / "t.py").read_text() == source.replace("net.type(", "net.to(")


def test_a_load_given_its_file_by_keyword_under_tmp_path_was_written_by_the_run(
    tree: Path,
) -> None:
    write(
        tree,
        {
            "test_l.py": "import torch\n\n\n"
            "def test_load(tmp_path):\n"
            '    return torch.load(f=tmp_path / "model.pt", weights_only=True)\n\n\n'
            "def test_load_from(out_dir):\n"
            '    return torch.load(f=out_dir / "model.pt", weights_only=True)\n'
        },
    )
    result = invoke("--no-cache", "--select", "TL502", "test_l.py")
    assert places(result) == ["test_l.py:9:12:"]


def test_two_paths_read_off_self_by_name_are_different_files(tree: Path) -> None:
    """``self`` alone is not a path both are built from: the method saves one file
    and loads another (TL502)."""
    write(
        tree,
        {
            "t.py": "import torch\n\n\n"
            "class Trainer:\n"
            "    def checkpoint(self, model, kind):\n"
            '        torch.save(model.state_dict(), getattr(self, "last_path"))\n'
            '        return torch.load(getattr(self, f"{kind}_path"), weights_only=True)\n'
        },
    )
    result = invoke("--no-cache", "--select", "TL502", "t.py")
    assert places(result) == ["t.py:7:16:"]


def test_a_type_cast_to_a_float8_dtype_is_fixed_to_a_to_cast(tree: Path) -> None:
    source = (
        "import torch\n\n\n"
        "def quantize():\n"
        "    x = torch.randn(3)\n"
        "    return x.type(torch.float8_e5m2), x.type(torch.float8_e4m3fn)\n"
    )
    write(tree, {"q.py": source})
    result = invoke("--no-cache", "--select", "TL103", "--fix", "q.py")
    assert result.exit_code == 0
    assert (tree / "q.py").read_text() == source.replace(".type(", ".to(")


def test_a_path_under_tmp_path_through_an_attribute_of_an_expression(tree: Path) -> None:
    """``(tmp_path / "run").parent`` is still under pytest's temporary directory:
    the names inside the expression an attribute is read from count (TL502)."""
    write(
        tree,
        {
            "test_p.py": "import torch\n\n\n"
            "def test_load(tmp_path):\n"
            '    return torch.load((tmp_path / "run").parent / "m.pt", weights_only=True)\n\n\n'
            "def test_load_from(out_dir):\n"
            '    return torch.load((out_dir / "run").parent / "m.pt", weights_only=True)\n'
        },
    )
    result = invoke("--no-cache", "--select", "TL502", "test_p.py")
    assert places(result) == ["test_p.py:9:12:"]


def test_a_handler_of_an_error_old_torch_raises_keeps_the_old_api(tree: Path) -> None:
    """``except AttributeError`` (here spelled ``builtins.AttributeError``) around the
    new API is a fallback for older torch: TL601 leaves its old API alone, but not
    in a handler of another error."""
    body = (
        "try:\n"
        '    scaler = torch.amp.GradScaler("cuda")\n'
        "except {error}:\n"
        "    scaler = torch.cuda.amp.GradScaler()\n"
    )
    write(
        tree,
        {
            "f.py": "import builtins\n\nimport torch\n\n"
            + body.format(error="builtins.AttributeError")
            + "\n"
            + body.format(error="RuntimeError")
        },
    )
    result = invoke("--no-cache", "--select", "TL601", "f.py")
    assert places(result) == ["f.py:13:14:"]


def test_a_function_called_through_another_name_is_followed(tree: Path) -> None:
    """``make = batch; x = make()``: the flow follows ``batch`` and sees the CPU
    tensor it returns reach the model on the GPU (TL204). Called with ``*sizes`` it
    is not followed: ``x`` is then unknown, not the tensor it was before."""
    write(
        tree,
        {
            "f.py": "import torch\n\n\n"
            "def batch(*sizes):\n"
            "    return torch.randn(*sizes)\n\n\n"
            "def main(model):\n"
            "    model.cuda()\n"
            "    make = batch\n"
            "    x = make(3, 4)\n"
            "    return model(x)\n\n\n"
            "def main_sized(model, sizes):\n"
            "    model.cuda()\n"
            "    make = batch\n"
            "    x = torch.randn(3, 4)\n"
            "    x = make(*sizes)\n"
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "f.py")
    assert result.stdout == (
        "f.py:12:18: TL204 `x` was made on the CPU at line 5 and never moved, but `model`"
        " was moved to cuda at line 9: move the input to the model's device\n"
    )
    assert result.exit_code == 1


def test_a_model_cast_with_the_dtype_keyword_of_to_has_that_dtype(tree: Path) -> None:
    write(
        tree,
        {
            "d.py": "import torch\nfrom torch import nn\n\n\n"
            "def f():\n"
            '    model = nn.Linear(4, 2).to(device="cuda", dtype=torch.float16)\n'
            '    x = torch.randn(3, 4, device="cuda")\n'
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "d.py")
    assert result.stdout == (
        "d.py:7:9: TL107 `x` is float32 from here, and `model` at line 8 is float16 (since line"
        " 6): 'expected scalar type' / 'Input type and bias type should be the same'; pass"
        " `x.half()` there"
        " (or run under torch.autocast)\n"
    )


def test_a_dataset_of_the_file_that_never_says_a_device_yields_cpu_batches(
    tree: Path,
) -> None:
    """TL204 follows a Dataset class of the file into the DataLoader's batches when
    the class never mentions a device; one that makes its items on a device is not
    a CPU dataset."""
    write(
        tree,
        {
            "d.py": "import torch\nfrom torch.utils.data import DataLoader, Dataset\n\n\n"
            "class Pairs(Dataset):\n"
            "    def __len__(self):\n"
            "        return 100\n\n"
            "    def __getitem__(self, i):\n"
            "        return torch.randn(4), torch.tensor(i % 2)\n\n\n"
            "class GpuPairs(Dataset):\n"
            "    def __init__(self, device):\n"
            "        self.device = device\n\n"
            "    def __len__(self):\n"
            "        return 100\n\n"
            "    def __getitem__(self, i):\n"
            "        return torch.randn(4, device=self.device), torch.tensor(i % 2)\n\n\n"
            "def train(model, device):\n"
            "    model.to(device)\n"
            "    for x, y in DataLoader(Pairs(), batch_size=8):\n"
            "        model(x)\n"
            "    for x, y in DataLoader(GpuPairs(device), batch_size=8):\n"
            "        model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "d.py")
    assert places(result) == ["d.py:27:15:"]
    assert "`x` was made on the CPU at line 10" in result.stdout


@pytest.mark.parametrize("tqdm_module", ["tqdm", "tqdm.auto"])
def test_a_loader_read_through_tqdm_gives_its_batches_through_another_function_not(
    tree: Path, tqdm_module: str
) -> None:
    """``tqdm(loader)`` yields the loader's CPU batches; ``prefetch(loader)``, a
    function torchlint cannot see, may move them (TL204 reports only the first)."""
    write(
        tree,
        {
            "t.py": "import torch\n"
            "from torch.utils.data import DataLoader, TensorDataset\n"
            f"from {tqdm_module} import tqdm\n\n\n"
            "def train(model, device, prefetch):\n"
            "    model.to(device)\n"
            "    loader = DataLoader(TensorDataset(torch.randn(64, 4)), batch_size=8)\n"
            "    for (x,) in tqdm(loader):\n"
            "        model(x)\n"
            "    for (x,) in prefetch(loader):\n"
            "        model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "t.py")
    assert places(result) == ["t.py:10:15:"]


def test_a_starred_target_holds_an_unknown_value_afterwards(tree: Path) -> None:
    """``first, *rest = batches``: ``rest`` is no longer the CPU tensor it was."""
    write(
        tree,
        {
            "s.py": "import torch\n\n\n"
            "def run(model, batches):\n"
            "    model.cuda()\n"
            "    rest = torch.zeros(2, 4)\n"
            "    first, *rest = batches\n"
            "    return model(rest[0])\n"
        },
    )
    result = invoke("--no-cache", "s.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_config_loaded_with_from_pretrained_is_not_a_model(tree: Path) -> None:
    write(
        tree,
        {
            "c.py": "import torch\n"
            "from transformers import AutoConfig, AutoModelForCausalLM\n\n\n"
            "def load(path, device):\n"
            "    config = AutoConfig.from_pretrained(path)\n"
            "    model = AutoModelForCausalLM.from_pretrained(path, config=config).to(device)\n"
            "    return model.generate(torch.tensor([[1, 2]]))\n"
        },
    )
    result = invoke("--no-cache", "c.py")
    assert result.stdout == (
        "c.py:8:27: TL204 `torch.tensor([[1, 2]])` was made on the CPU at line 8 and never"
        " moved, but `model` was moved to `device` at line 7: move the input to the model's"
        " device (`torch.tensor([[1, 2]]).to(device)`)\n"
    )


def test_an_attribute_a_method_sets_on_an_object_is_seen_by_its_next_method(
    tree: Path,
) -> None:
    write(
        tree,
        {
            "o.py": "import torch\nfrom torch import nn\n\n\n"
            "class Runner:\n"
            "    def __init__(self):\n"
            "        self.model = None\n\n"
            "    def setup(self):\n"
            "        self.model = nn.Linear(4, 2).cuda()\n\n"
            "    def run(self, x):\n"
            "        return self.model(x)\n\n\n"
            "def main():\n"
            "    runner = Runner()\n"
            "    runner.setup()\n"
            "    x = torch.randn(3, 4)\n"
            "    return runner.run(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "o.py")
    assert result.stdout == (
        "o.py:20:23: TL204 `x` was made on the CPU at line 19 and is passed to `run()`, which"
        " calls `self.model` with it at line 13, but `self.model` was moved to cuda at line"
        " 10: move it to the model's device before the call\n"
    )


def test_a_layer_made_on_the_cpu_gives_cpu_outputs(tree: Path) -> None:
    """``nn.Linear(..., device="cpu")``: its output converts to numpy; made on a
    device variable, it does not (TL501)."""
    write(
        tree,
        {
            "l.py": "import torch\nfrom torch import nn\n\n\n"
            "def predict():\n"
            '    model = nn.Linear(4, 2, device="cpu")\n'
            "    out = model(torch.randn(3, 4))\n"
            "    return out.detach().numpy()\n\n\n"
            "def predict_on(device):\n"
            "    model = nn.Linear(4, 2, device=device)\n"
            "    out = model(torch.randn(3, 4, device=device))\n"
            "    return out.detach().numpy()\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL501", "l.py")
    assert places(result) == ["l.py:14:12:"]


def test_a_parallel_wrap_names_the_model_it_wraps(tree: Path) -> None:
    write(
        tree,
        {
            "p.py": "import torch\nfrom torch import nn\n\n\n"
            "def build():\n"
            "    return nn.Linear(4, 2)\n\n\n"
            "def main():\n"
            "    torch.cuda.set_device(0)\n"
            "    net = build()\n"
            "    model = nn.DataParallel(net)\n"
            "    other = nn.DataParallel(build())\n"
            "    return model, other\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL203", "p.py")
    tail = (
        " while it is on the CPU (made at line 6, never moved), in code that uses a GPU"
        " (torch.cuda.set_device at line 10): move the module to its device before wrapping\n"
    )
    assert result.stdout == (
        "p.py:12:13: TL203 DataParallel wraps `net`"
        + tail
        + "p.py:13:13: TL203 DataParallel wraps the model"
        + tail
    )


def test_batch_encode_plus_makes_cpu_inputs(tree: Path) -> None:
    write(
        tree,
        {
            "t.py": "from transformers import AutoModel, AutoTokenizer\n\n\n"
            "def embed(texts):\n"
            '    tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")\n'
            '    model = AutoModel.from_pretrained("bert-base-uncased").cuda()\n'
            '    inputs = tokenizer.batch_encode_plus(texts, padding=True, return_tensors="pt")\n'
            "    return model(**inputs)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "t.py")
    assert places(result) == ["t.py:8:20:"]


def test_an_array_from_np_asarray_keeps_the_dtype_it_is_cast_to(tree: Path) -> None:
    write(
        tree,
        {
            "n.py": "import numpy as np\nimport torch\nfrom torch import nn\n\n\n"
            "def predict(rows):\n"
            "    model = nn.Linear(4, 2)\n"
            "    batch = np.asarray(rows).astype(np.float64)\n"
            "    return model(torch.from_numpy(batch))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL105", "n.py")
    # (reported at the .astype that chose float64, naming the call)
    assert places(result) == ["n.py:8:13:"]
    assert "`torch.from_numpy(batch)` is float64 from here, and `model` at line 9" in result.stdout


def test_a_tensor_of_negative_float_literals_is_float32(tree: Path) -> None:
    write(
        tree,
        {
            "n.py": "import torch\nfrom torch import nn\n\n\n"
            "def f():\n"
            "    model = nn.Linear(2, 2).half().cuda()\n"
            '    x = torch.tensor([[-0.5, -1.0]], device="cuda")\n'
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "n.py")
    assert places(result) == ["n.py:7:9:"]
    assert "`x` is float32 from here, and `model` at line 8 is float16" in result.stdout


def test_moving_a_model_moves_a_part_moved_before(tree: Path) -> None:
    """``model.head.cpu()`` then ``model.cuda()``: the head is on the GPU again."""
    write(
        tree,
        {
            "m.py": "import torch\nfrom torch import nn\n\n\n"
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.head = nn.Linear(4, 2)\n\n\n"
            "def main():\n"
            "    model = Net()\n"
            "    model.head.cpu()\n"
            "    model.cuda()\n"
            "    x = torch.randn(3, 4)\n"
            "    return model.head(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "m.py")
    assert places(result) == ["m.py:16:23:"]


def test_ddp_of_a_quantized_model_without_device_map_names_no_device_map(
    tree: Path,
) -> None:
    """Loading in 8 bits places the weights (the model is not on the CPU), but no
    device_map was given: TL203 neither says so nor reports a CPU wrap; with
    ``device_map="auto"`` it does report."""
    train = (
        "def train{n}(path, rank):\n"
        "    torch.cuda.set_device(rank)\n"
        "    model = AutoModelForCausalLM.from_pretrained(path, {how})\n"
        "    return DDP(model)\n"
    )
    write(
        tree,
        {
            "q.py": "import torch\n"
            "from torch.nn.parallel import DistributedDataParallel as DDP\n"
            "from transformers import AutoModelForCausalLM\n\n\n"
            + train.format(n=8, how="load_in_8bit=True")
            + "\n\n"
            + train.format(n="", how='device_map="auto"')
        },
    )
    result = invoke("--no-cache", "--select", "TL203", "q.py")
    assert result.stdout == (
        "q.py:15:12: TL203 `model` was loaded with device_map at line 14 and is already"
        " spread over devices; DistributedDataParallel cannot wrap it: load it without"
        " device_map, move it to this process's GPU, then wrap\n"
    )


def test_a_module_attached_after_placement_in_the_script_body_is_reported(
    tree: Path,
) -> None:
    """TL202 judges the module body of a script as it judges a function's."""
    write(
        tree,
        {
            "s.py": "import torch\nfrom torch import nn\n\n"
            "model = nn.Sequential(nn.Linear(4, 4)).cuda()\n"
            "model.head = nn.Linear(4, 2)\n"
            "out = model(torch.randn(3, 4).cuda())\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL202", "s.py")
    assert result.stdout == (
        "s.py:5:1: TL202 a new module is attached to `model` after `model` was moved to cuda"
        " at line 4, and `model` is not moved again: the new weights stay on the CPU; create"
        " it before the move, or move it too\n"
    )


def test_a_dataloader_turns_numpy_items_of_a_dataset_into_cpu_tensors(tree: Path) -> None:
    write(
        tree,
        {
            "d.py": "import numpy as np\n"
            "from torch.utils.data import DataLoader, Dataset\n\n\n"
            "class Rows(Dataset):\n"
            "    def __len__(self):\n"
            "        return 100\n\n"
            "    def __getitem__(self, i):\n"
            "        return np.zeros(4, dtype=np.float32), i % 2\n\n\n"
            "def train(model, device):\n"
            "    model.to(device)\n"
            "    for x, y in DataLoader(Rows(), batch_size=8):\n"
            "        model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "d.py")
    assert places(result) == ["d.py:16:15:"]
    assert "`x` was made on the CPU at line 10" in result.stdout


def test_a_model_cast_by_to_with_a_positional_dtype_after_the_device(tree: Path) -> None:
    """``.to("cuda", torch.float16)`` moves and casts."""
    write(
        tree,
        {
            "m.py": "import torch\nfrom torch import nn\n\n\n"
            "def f():\n"
            '    model = nn.Linear(4, 2).to("cuda", torch.float16)\n'
            '    x = torch.randn(3, 4, device="cuda")\n'
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "m.py")
    assert places(result) == ["m.py:7:9:"]
    assert "`x` is float32 from here, and `model` at line 8 is float16" in result.stdout


def test_np_asarray_of_float_literals_is_float64(tree: Path) -> None:
    """... and of anything else, of a dtype not known (no TL105)."""
    write(
        tree,
        {
            "a.py": "import numpy as np\nimport torch\nfrom torch import nn\n\n\n"
            "def f():\n"
            "    model = nn.Linear(2, 2)\n"
            "    return model(torch.from_numpy(np.asarray([[0.5, 1.0]])))\n\n\n"
            "def g(rows):\n"
            "    model = nn.Linear(2, 2)\n"
            "    return model(torch.from_numpy(np.asarray(rows)))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL105", "a.py")
    assert places(result) == ["a.py:8:18:"]


def test_a_value_cast_inside_the_callee_is_reported_there(tree: Path) -> None:
    """A CPU tensor handed to ``run()`` and cast there (``x.half()``) is a new value of
    ``run``: TL204 points at the call inside it, not at the caller's argument."""
    write(
        tree,
        {
            "r.py": "import torch\nfrom torch import nn\n\n\n"
            "def run(model, x):\n"
            "    x = x.half()\n"
            "    return model(x)\n\n\n"
            "def main():\n"
            "    model = nn.Linear(4, 2).half().cuda()\n"
            "    x = torch.randn(3, 4)\n"
            "    return run(model, x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "r.py")
    assert places(result) == ["r.py:7:18:"]


def test_torch_sigmoid_of_a_cpu_tensor_is_a_cpu_tensor(tree: Path) -> None:
    write(
        tree,
        {
            "s.py": "import torch\n\n\n"
            "def f(model):\n"
            "    model.cuda()\n"
            "    x = torch.randn(3, 4)\n"
            "    return model(torch.sigmoid(x))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "s.py")
    assert places(result) == ["s.py:7:18:"]


def test_a_dataset_class_with_a_mixin_base_is_still_a_dataset(tree: Path) -> None:
    write(
        tree,
        {
            "d.py": "from torch.utils.data import DataLoader, Dataset\n\n\n"
            "class Indexed:\n"
            "    pass\n\n\n"
            "class Rows(Dataset, Indexed):\n"
            "    def __init__(self, rows):\n"
            "        self.rows = rows\n\n"
            "    def __getitem__(self, i):\n"
            "        return self.rows[i]\n\n\n"
            "def train(model, device, rows):\n"
            "    model.to(device)\n"
            "    for x in DataLoader(Rows(rows), batch_size=8):\n"
            "        model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "d.py")
    assert places(result) == ["d.py:19:15:"]


def test_a_model_cast_in_one_branch_only_is_that_dtype_on_the_run_that_takes_it(
    tree: Path,
) -> None:
    """After ``if use_half: model.half()`` the model is float16 on the run with
    ``use_half``: a float32 input fails there (TL107 names the branch; the fix, a
    cast on every path, is unsafe)."""
    write(
        tree,
        {
            "h.py": "import torch\nfrom torch import nn\n\n\n"
            "def f(use_half):\n"
            "    model = nn.Linear(4, 2).cuda()\n"
            "    if use_half:\n"
            "        model.half()\n"
            '    return model(torch.randn(3, 4, device="cuda"))\n'
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "h.py")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        'h.py:9:18: TL107 `torch.randn(3, 4, device="cuda")` is float32 (line 9) but '
        "`model` is float16 on the branch of line 8: "
    )
    result = invoke("--no-cache", "--select", "TL107", "--fix", "h.py")
    assert "1 more with --unsafe-fixes" in result.output


def test_a_parameter_left_to_its_default_device_has_that_device(tree: Path) -> None:
    """``predict(x)`` with ``device="cpu"`` by default: followed there, the model is on
    the CPU with its input (no TL204 at the call)."""
    write(
        tree,
        {
            "p.py": "import torch\nfrom torch import nn\n\n\n"
            'def predict(x, device="cpu"):\n'
            "    model = nn.Linear(4, 2).to(device)\n"
            "    return model(x).detach().numpy()\n\n\n"
            "def main():\n"
            "    return predict(torch.randn(3, 4))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "p.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_module_attached_by_a_call_in_an_if_test_is_reported_where_attached(
    tree: Path,
) -> None:
    """TL202 reports a call that attaches a module at the call when it is a statement
    of its own; a call in an ``if`` test is reported at the attachment instead."""
    write(
        tree,
        {
            "h.py": "import torch\nfrom torch import nn\n\n\n"
            "def add_head(model):\n"
            "    model.head = nn.Linear(4, 2)\n"
            "    return True\n\n\n"
            "def main():\n"
            "    model = nn.Sequential(nn.Linear(4, 4)).cuda()\n"
            "    if add_head(model):\n"
            '        print("head added")\n'
            "    return model(torch.randn(3, 4).cuda())\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL202", "h.py")
    assert places(result) == ["h.py:6:5:"]
    assert "after `model` was moved to cuda at line 11" in result.stdout


def test_a_loss_whose_arguments_start_with_a_starred_one_has_no_known_target(
    tree: Path,
) -> None:
    """``loss(*extra, labels)``: which argument is the target is unknown (TL104 says
    nothing); ``loss(logits, labels)`` is reported."""
    write(
        tree,
        {
            "l.py": "import torch\nimport torch.nn.functional as F\n\n\n"
            "def loss(logits, extra):\n"
            "    labels = torch.tensor([0, 1, 1, 0])\n"
            "    a = F.binary_cross_entropy_with_logits(*extra, labels)\n"
            "    return a + F.binary_cross_entropy_with_logits(logits, labels)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL104", "l.py")
    assert places(result) == ["l.py:8:59:"]


def test_np_log1p_keeps_the_float64_of_its_array(tree: Path) -> None:
    write(
        tree,
        {
            "f.py": "import numpy as np\nimport torch\nfrom torch import nn\n\n\n"
            "def predict(rows):\n"
            "    model = nn.Linear(4, 2)\n"
            "    features = np.log1p(np.asarray(rows, dtype=np.float64))\n"
            "    return model(torch.from_numpy(features))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL105", "f.py")
    assert places(result) == ["f.py:9:18:"]


def test_a_model_wrapped_in_one_branch_then_moved_is_a_module_moved(tree: Path) -> None:
    """``if distributed: model = nn.DataParallel(model)``: the model may or may not be
    wrapped; moved to the GPU afterwards and called with a CPU tensor, it fails when
    it is not (TL204)."""
    write(
        tree,
        {
            "w.py": "import torch\nfrom torch import nn\n\n\n"
            "def train(distributed):\n"
            "    model = nn.Linear(4, 2)\n"
            "    if distributed:\n"
            "        model = nn.DataParallel(model)\n"
            "    model.cuda()\n"
            "    x = torch.randn(3, 4)\n"
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "w.py")
    assert places(result) == ["w.py:11:18:"]


def test_argmax_gives_int64_indices(tree: Path) -> None:
    write(
        tree,
        {
            "a.py": "import torch\nimport torch.nn.functional as F\n\n\n"
            "def loss(probs):\n"
            "    scores = torch.rand(8, 4)\n"
            "    targets = torch.argmax(scores, dim=1)\n"
            "    return F.binary_cross_entropy(probs, targets)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL104", "a.py")
    assert places(result) == ["a.py:8:42:"]
    assert "`targets` is int64" in result.stdout


def test_a_branch_under_device_type_cuda_is_the_gpu_runs(tree: Path) -> None:
    """``if device.type == "cuda": model.half()``: on the GPU run the model is float16,
    and a float32 input fails there (TL107)."""
    write(
        tree,
        {
            "g.py": "import torch\nfrom torch import nn\n\n\n"
            "def f(device):\n"
            "    model = nn.Linear(4, 2).to(device)\n"
            '    if device.type == "cuda":\n'
            "        model.half()\n"
            "    x = torch.randn(3, 4, device=device)\n"
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "g.py")
    assert places(result) == ["g.py:9:9:"]


def test_a_name_rebound_to_a_torch_nn_utils_object_is_unknown(tree: Path) -> None:
    write(
        tree,
        {
            "p.py": "import torch\nfrom torch import nn\n\n\n"
            "def main(batch_sizes):\n"
            "    model = nn.LSTM(4, 4).cuda()\n"
            "    seq = torch.randn(3, 4)\n"
            "    seq = nn.utils.rnn.PackedSequence(seq, batch_sizes)\n"
            "    return model(seq)\n"
        },
    )
    result = invoke("--no-cache", "p.py")
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize("holder", ["Parameter", "Buffer"])
def test_a_parameter_of_a_module_moves_with_it(tree: Path, holder: str) -> None:
    """``self.weight = nn.Parameter(...)`` (or ``nn.Buffer``) is on the GPU once the
    module is: a CPU tensor made in forward meets it there (TL204)."""
    write(
        tree,
        {
            "s.py": "import torch\nfrom torch import nn\n\n\n"
            "class Scale(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            f"        self.weight = nn.{holder}(torch.ones(4))\n\n"
            "    def forward(self, x):\n"
            "        noise = torch.randn(4)\n"
            "        return x * (self.weight * noise)\n\n\n"
            "def main():\n"
            "    model = Scale().cuda()\n"
            "    return model(torch.ones(4).cuda())\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "s.py")
    assert result.stdout == (
        "s.py:11:17: TL204 this tensor is made on the CPU (no `device=`) and meets"
        " `self.weight`, on cuda (line 16), at line 12: 'Expected all tensors to be on the"
        " same device'; create it there with `device=self.weight.device`\n"
    )


def test_rows_of_a_forward_are_tensors_rows_of_another_module_method_are_not(
    tree: Path,
) -> None:
    """Iterating a model's output gives tensors (a bare ``row.cpu()`` is TL205);
    what another method of a model returns (``transcribe_batch``: texts, lists) is
    not known to be a tensor."""
    write(
        tree,
        {
            "r.py": "import torch\n\n\n"
            "def run(model, batch):\n"
            "    model.cuda()\n"
            "    for row in model(batch):\n"
            "        row.cpu()\n"
            "    for text in model.transcribe_batch(batch):\n"
            "        text.cpu()\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL205", "r.py")
    assert places(result) == ["r.py:7:9:"]


def test_a_cpu_tensor_meets_the_output_of_a_submodule(tree: Path) -> None:
    """The output of ``self.lin(x)`` is on the model's device: a tensor made on the
    CPU in forward meets it there (TL204)."""
    write(
        tree,
        {
            "s.py": "import torch\nfrom torch import nn\n\n\n"
            "class Scaled(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.lin = nn.Linear(4, 4)\n\n"
            "    def forward(self, x):\n"
            "        scale = torch.ones(4)\n"
            "        return self.lin(x) * scale\n\n\n"
            "def main(device):\n"
            "    model = Scaled().to(device)\n"
            "    return model(torch.randn(2, 4).to(device))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "s.py")
    assert result.stdout == (
        "s.py:11:17: TL204 this tensor is made on the CPU (no `device=`) and meets"
        " `self.lin(x)`, on the model's device (line 16), at line 12: 'Expected all tensors"
        " to be on the same device'; create it there with `device=self.lin(x).device`\n"
    )


def test_a_load_of_a_file_the_module_saves_host_state_to_is_its_own_not_one_of_weights(
    tree: Path,
) -> None:
    """TL502 trusts a load of the file another function saves host state to (what
    ``summarize(stats)`` returns), not one it saves a ``state_dict()`` to: every
    process would restore those tensors onto the GPU they were saved from."""
    write(
        tree,
        {
            "s.py": "import torch\n\n\n"
            "def save_stats(stats, args):\n"
            "    torch.save(summarize(stats), args.stats_file)\n\n\n"
            "def save_model(model, args):\n"
            "    torch.save(model.state_dict(), args.model_file)\n\n\n"
            "def load_stats(args):\n"
            "    return torch.load(args.stats_file, weights_only=True)\n\n\n"
            "def load_model(args):\n"
            "    return torch.load(args.model_file, weights_only=True)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL502", "s.py")
    assert places(result) == ["s.py:17:12:"]


def test_int16_class_indices_are_reported(tree: Path) -> None:
    write(
        tree,
        {
            "l.py": "import torch\nimport torch.nn.functional as F\n\n\n"
            "def loss(logits, labels):\n"
            "    return F.cross_entropy(logits, labels.to(torch.int16))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL104", "l.py")
    assert result.stdout == (
        "l.py:6:36: TL104 `labels.to(torch.int16)` is int16 (made at line 6), but"
        " cross_entropy needs int64 class indices: 'expected target dtype to be Long or"
        " Byte, but got Short'; pass `labels.to(torch.int16).long()`\n"
    )


def test_an_attribute_the_class_sets_only_to_the_cpu_device_is_the_cpu(tree: Path) -> None:
    """``self.dev = torch.device("cpu")``: an output moved there converts to numpy
    (no TL501), whatever the attribute is called; so does one moved to a name that
    says cpu (``args.cpu_device``)."""
    write(
        tree,
        {
            "e.py": "import torch\n\n\n"
            "class Evaluator:\n"
            "    def __init__(self, model):\n"
            "        self.model = model.cuda()\n"
            '        self.dev = torch.device("cpu")\n\n'
            "    def predict(self, x):\n"
            "        out = self.model(x).to(self.dev)\n"
            "        return out.detach().numpy()\n\n\n"
            "def predict(model, x, args):\n"
            "    model.cuda()\n"
            "    out = model(x).to(args.cpu_device)\n"
            "    return out.detach().numpy()\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL501", "e.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_receiver_known_through_local_names_and_indexing_is_fixed_safely(
    tree: Path,
) -> None:
    """The cast of a tensor reached through four local names, or indexed, is fixed
    safely (TL103); through a chain from an unannotated parameter it is not known."""
    source = (
        "import torch\n\n\n"
        "def half(p):\n"
        "    a = p\n    b = a\n    c = b\n    d = c\n    e = d\n    f = e\n"
        "    return f.type(torch.float16)\n\n\n"
        "def half_of():\n"
        "    a = torch.randn(3)\n    b = a\n    c = b\n    d = c\n"
        "    return d.type(torch.float16)\n\n\n"
        "def half_row():\n"
        "    x = torch.randn(3, 4)\n"
        "    return x[:, 0].type(torch.float16)\n"
    )
    write(tree, {"r.py": source})
    invoke("--no-cache", "--select", "TL103", "--fix", "r.py")
    fixed = source.replace("d.type(", "d.to(").replace("x[:, 0].type(", "x[:, 0].to(")
    assert (tree / "r.py").read_text() == fixed


def test_a_model_cast_then_wrapped_by_peft_says_so(tree: Path) -> None:
    write(
        tree,
        {
            "p.py": "import torch\n"
            "from peft import get_peft_model\n"
            "from transformers import AutoModel\n\n\n"
            "def main(cfg, ids):\n"
            '    device = torch.device("cuda")\n'
            '    model = AutoModel.from_pretrained("m").half()\n'
            "    model = get_peft_model(model, cfg)\n"
            "    return model(ids.to(device))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL201", "p.py")
    # (at the cast, the line to change)
    assert places(result) == ["p.py:8:13:"]
    assert (
        "`model` is cast to float16 here, wrapped by get_peft_model at line 9, but never"
        " moved to a device, while its input `ids.to(device)` was moved to `device` at line 10"
    ) in result.stdout


def test_a_branch_under_device_type_not_cuda_is_the_cpu_runs(tree: Path) -> None:
    """``if device.type != "cuda": ... else: model.half()``: the GPU run takes the
    ``else`` (TL107 there)."""
    write(
        tree,
        {
            "g.py": "import torch\nfrom torch import nn\n\n\n"
            "def f(device):\n"
            "    model = nn.Linear(4, 2).to(device)\n"
            '    if device.type != "cuda":\n'
            "        model.float()\n"
            "    else:\n"
            "        model.half()\n"
            "    x = torch.randn(3, 4, device=device)\n"
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "g.py")
    assert places(result) == ["g.py:11:9:"]


def test_the_cross_entropy_loss_module_is_named_in_the_message(tree: Path) -> None:
    write(
        tree,
        {
            "l.py": "import torch\nfrom torch import nn\n\n\n"
            "def train(logits, labels):\n"
            "    criterion = nn.CrossEntropyLoss()\n"
            "    return criterion(logits, labels.to(torch.int16))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL104", "l.py")
    assert "but CrossEntropyLoss needs int64 class indices" in result.stdout
    assert places(result) == ["l.py:7:30:"]


def test_a_list_of_cpu_tensors_that_a_branch_may_empty_is_still_one(tree: Path) -> None:
    """A list made by a comprehension and emptied in one branch (or filled in one)
    still holds CPU tensors; two branches filling it on different devices leave
    its members' device unknown (TL204)."""
    head = "    model.cuda()\n"
    call = "    return model(torch.stack(outs))\n"
    write(
        tree,
        {
            "l.py": "import torch\n\n\n"
            "def f(model, flag):\n" + head + "    outs = [torch.randn(4) for _ in range(3)]\n"
            "    if flag:\n"
            "        outs = []\n" + call + "\n\n"
            "def g(model, flag):\n" + head + "    outs = []\n"
            "    if flag:\n"
            "        outs = [torch.randn(4) for _ in range(3)]\n" + call + "\n\n"
            "def h(model, flag):\n" + head + "    if flag:\n"
            "        outs = [torch.randn(4) for _ in range(3)]\n"
            "    else:\n"
            "        outs = [torch.randn(4).cuda() for _ in range(3)]\n" + call
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "l.py")
    assert places(result) == ["l.py:9:18:", "l.py:17:18:"]


def test_a_cast_spelled_only_bfloat16tensor_is_seen(tree: Path) -> None:
    """The text screen lets TL107 run on a file whose only half-precision word is
    ``BFloat16Tensor``."""
    write(
        tree,
        {
            "b.py": "import torch\nfrom torch import nn\n\n\n"
            "def f():\n"
            "    model = nn.Linear(4, 2)\n"
            "    x = torch.randn(3, 4).type(torch.BFloat16Tensor)\n"
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "b.py")
    assert places(result) == ["b.py:7:9:"]


def test_the_weight_of_a_layer_on_the_gpu_is_a_tensor_there(tree: Path) -> None:
    write(
        tree,
        {
            "w.py": "import torch\nfrom torch import nn\n\n\n"
            "def inspect():\n"
            "    layer = nn.Linear(4, 4).cuda()\n"
            "    return layer.weight.detach().numpy()\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL501", "w.py")
    assert places(result) == ["w.py:7:12:"]


def test_a_dtype_read_off_a_tensor_is_that_tensors_dtype(tree: Path) -> None:
    """``kind = ref.dtype`` with ``ref`` float16: a tensor made with ``dtype=kind`` is
    float16 (TL107 against a float32 model)."""
    write(
        tree,
        {
            "d.py": "import torch\nfrom torch import nn\n\n\n"
            "def g():\n"
            "    model = nn.Linear(4, 2).cuda()\n"
            '    ref = torch.randn(3, 4, device="cuda").half()\n'
            "    kind = ref.dtype\n"
            '    x = torch.randn(3, 4, device="cuda", dtype=kind)\n'
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "d.py")
    assert places(result) == ["d.py:9:9:"]
    assert "`x` is float16 from here, and `model` at line 10 is float32" in result.stdout


def test_a_comprehension_over_a_loader_binds_its_batches(tree: Path) -> None:
    write(
        tree,
        {
            "c.py": "import torch\n"
            "from torch.utils.data import DataLoader, TensorDataset\n\n\n"
            "def evaluate(model, device):\n"
            "    model.to(device)\n"
            "    loader = DataLoader(TensorDataset(torch.randn(64, 4)), batch_size=8)\n"
            "    return [model(x) for (x,) in loader]\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "c.py")
    assert places(result) == ["c.py:8:19:"]


def test_casting_a_part_of_a_placed_model_leaves_it_placed(tree: Path) -> None:
    """``model.head.half()`` changes the head's dtype, not where the model is."""
    write(
        tree,
        {
            "p.py": "import torch\nfrom torch import nn\n\n\n"
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.head = nn.Linear(4, 2)\n\n\n"
            "def main():\n"
            "    model = Net().cuda()\n"
            "    model.head.half()\n"
            "    x = torch.randn(3, 4)\n"
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "p.py")
    assert places(result) == ["p.py:15:18:"]


def test_a_tensor_made_three_calls_deep_is_followed_back(tree: Path) -> None:
    write(
        tree,
        {
            "d.py": "import torch\n\n\n"
            "def c():\n    return torch.randn(3, 4)\n\n\n"
            "def b():\n    return c()\n\n\n"
            "def a():\n    return b()\n\n\n"
            "def main(model):\n"
            "    model.cuda()\n"
            "    return model(a())\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "d.py")
    assert places(result) == ["d.py:18:18:"]
    assert "`a()` was made on the CPU at line 5" in result.stdout


def test_device_ids_are_the_gpu_evidence_of_a_ddp_wrap(tree: Path) -> None:
    write(
        tree,
        {
            "w.py": "import torch\nfrom torch import nn\n"
            "from torch.nn.parallel import DistributedDataParallel as DDP\n\n\n"
            "def wrap(rank):\n"
            "    model = nn.Linear(4, 2)\n"
            "    return DDP(model, device_ids=[rank])\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL203", "w.py")
    assert result.stdout == (
        "w.py:8:12: TL203 DistributedDataParallel wraps `model` while it is on the CPU (made"
        " at line 7, never moved), in code that uses a GPU (device_ids at line 8): move the"
        " module to its device before wrapping\n"
    )


def test_short_class_indices_are_int16(tree: Path) -> None:
    write(
        tree,
        {
            "l.py": "import torch.nn.functional as F\n\n\n"
            "def loss(logits, labels):\n"
            "    return F.cross_entropy(logits, labels.short())\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL104", "l.py")
    assert places(result) == ["l.py:5:36:"]
    assert "'expected target dtype to be Long or Byte, but got Short'" in result.stdout


@pytest.mark.parametrize("join", ["cat", "concat", "concatenate", "stack"])
def test_tensors_joined_keep_the_dtype_they_share(tree: Path, join: str) -> None:
    write(
        tree,
        {
            "j.py": "import torch\nfrom torch import nn\n\n\n"
            "def f():\n"
            "    model = nn.Linear(4, 2).cuda()\n"
            '    a = torch.randn(2, 4, device="cuda").half()\n'
            '    b = torch.randn(2, 4, device="cuda").half()\n'
            f"    return model(torch.{join}([a, b]))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "j.py")
    assert places(result) == ["j.py:7:9:"]
    assert f"`torch.{join}([a, b])` is float16" in result.stdout


def test_a_device_guard_in_a_conditional_expression_takes_the_gpu_runs_branch(
    tree: Path,
) -> None:
    write(
        tree,
        {
            "g.py": "import torch\nfrom torch import nn\n\n\n"
            "def f(device):\n"
            "    model = nn.Linear(4, 2).to(device)\n"
            "    x = (\n"
            "        torch.randn(3, 4, device=device)\n"
            '        if device.type == "cpu"\n'
            "        else torch.randn(3, 4, device=device).half()\n"
            "    )\n"
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL107", "g.py")
    assert places(result) == ["g.py:10:14:"]


def test_a_ddp_wrap_given_the_module_by_keyword(tree: Path) -> None:
    write(
        tree,
        {
            "w.py": "import torch\nfrom torch import nn\n"
            "from torch.nn.parallel import DistributedDataParallel as DDP\n\n\n"
            "def wrap(rank):\n"
            "    torch.cuda.set_device(rank)\n"
            "    model = nn.Linear(4, 2)\n"
            "    return DDP(module=model, device_ids=[rank])\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL203", "w.py")
    assert places(result) == ["w.py:9:12:"]
    assert "DistributedDataParallel wraps `model` while it is on the CPU" in result.stdout


def test_a_loop_over_enumerate_of_a_loader_binds_its_batches(tree: Path) -> None:
    write(
        tree,
        {
            "e.py": "import torch\n"
            "from torch.utils.data import DataLoader, TensorDataset\n\n\n"
            "def train(model, device):\n"
            "    model.to(device)\n"
            "    loader = DataLoader(TensorDataset(torch.randn(64, 4)), batch_size=8)\n"
            "    for step, (x,) in enumerate(loader):\n"
            "        model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "e.py")
    assert places(result) == ["e.py:9:15:"]


def test_a_model_moved_then_cast_in_a_branch_keeps_its_device_expression(
    tree: Path,
) -> None:
    """``if fp16: model.half()`` does not move the model: TL204's fix still names
    ``device``."""
    write(
        tree,
        {
            "m.py": "import torch\nfrom torch import nn\n\n\n"
            "def f(device, fp16):\n"
            "    model = nn.Linear(4, 2).to(device)\n"
            "    if fp16:\n"
            "        model.half()\n"
            "    x = torch.randn(3, 4)\n"
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "m.py")
    assert result.stdout == (
        "m.py:10:18: TL204 `x` was made on the CPU at line 9 and never moved, but `model` was"
        " moved to `device` at line 6: move the input to the model's device"
        " (`x.to(device)`)\n"
    )


def test_a_name_moved_away_stays_stale_across_a_call_of_the_files_function(
    tree: Path,
) -> None:
    """TL206 after ``log(...)``, a function of the file the flow follows."""
    write(
        tree,
        {
            "s.py": "import torch\n\n\n"
            "def log(message):\n"
            "    print(message)\n\n\n"
            "def evaluate(model, batch, device):\n"
            "    model.to(device)\n"
            '    pixel_values = torch.as_tensor(batch["pixel_values"])\n'
            "    original = pixel_values\n"
            "    pixel_values = pixel_values.to(device)\n"
            '    log("moved")\n'
            "    features = model(pixel_values)\n"
            "    recon = model(original)\n"
            "    return features, recon\n"
        },
    )
    result = invoke("--no-cache", "s.py")
    assert places(result) == ["s.py:15:19:"]
    assert "TL206 `original` still holds `pixel_values`" in result.stdout


def test_a_model_rebound_forgets_what_was_known_of_its_old_parts(tree: Path) -> None:
    write(
        tree,
        {
            "r.py": "import torch\nfrom torch import nn\n\n\n"
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        super().__init__()\n"
            "        self.head = nn.Linear(4, 2)\n\n\n"
            "def main():\n"
            "    model = Net()\n"
            "    model.head.cpu()\n"
            "    model = Net().cuda()\n"
            "    x = torch.randn(3, 4)\n"
            "    return model.head(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "r.py")
    assert places(result) == ["r.py:16:23:"]


def test_zeros_like_a_cpu_tensor_is_on_the_cpu(tree: Path) -> None:
    write(
        tree,
        {
            "z.py": "import torch\n\n\n"
            "def f(model):\n"
            "    model.cuda()\n"
            "    x = torch.randn(3, 4)\n"
            "    return model(torch.zeros_like(x))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "z.py")
    assert places(result) == ["z.py:7:18:"]


def test_np_transpose_keeps_the_float64_of_its_array(tree: Path) -> None:
    write(
        tree,
        {
            "t.py": "import numpy as np\nimport torch\nfrom torch import nn\n\n\n"
            "def predict(rows):\n"
            "    model = nn.Linear(4, 2)\n"
            "    arr = np.asarray(rows, dtype=np.float64)\n"
            "    return model(torch.from_numpy(np.transpose(arr)))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL105", "t.py")
    assert places(result) == ["t.py:9:18:"]


def test_a_cpu_tensor_meeting_a_tensor_the_code_moved_itself_is_tl204s_on_a_gpu_only(
    tree: Path,
) -> None:
    """TL204 reports a CPU tensor meeting a placed model's output, weights or
    inputs, or a tensor surely on a GPU (``a = torch.randn(...).cuda()``); one moved
    to a device variable alone (``.to(device)``, maybe the CPU) is none of those."""
    body = (
        "import torch\n\n\n"
        "def f(model, device):\n"
        "    model.cuda()\n"
        "    a = torch.randn(3, 4).cuda()\n"
        "    b = torch.randn(3, 4)\n"
        "    return model(a + b)\n"
    )
    write(tree, {"m.py": body, "v.py": body.replace(".cuda()\n    b", ".to(device)\n    b")})
    result = invoke("--no-cache", "--select", "TL204", "m.py", "v.py")
    assert result.exit_code == 1
    assert [line.split(" TL204 ")[0] for line in result.stdout.splitlines()] == ["m.py:7:9:"]


def test_a_batch_of_a_loader_handed_to_a_function_is_reported_where_it_is_used(
    tree: Path,
) -> None:
    """The batches are made in the loop, inside ``run()``: TL204 points there, not at
    the call that handed ``run()`` the loader."""
    write(
        tree,
        {
            "r.py": "from torch import nn\nfrom torch.utils.data import DataLoader, Dataset\n\n\n"
            "class Rows(Dataset):\n"
            "    def __init__(self, rows):\n"
            "        self.rows = rows\n\n"
            "    def __getitem__(self, i):\n"
            "        return self.rows[i]\n\n\n"
            "def run(model, loader):\n"
            "    for x in loader:\n"
            "        model(x)\n\n\n"
            "def main(rows, device):\n"
            "    model = nn.Linear(4, 2).to(device)\n"
            "    loader = DataLoader(Rows(rows), batch_size=8)\n"
            "    return run(model, loader)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "r.py")
    assert places(result) == ["r.py:15:15:"]


def test_a_function_the_script_body_calls_sees_the_model_built_above_the_call(
    tree: Path,
) -> None:
    write(
        tree,
        {
            "s.py": "import torch\nfrom torch import nn\n\n"
            "model = nn.Linear(4, 2).cuda()\n\n\n"
            "def run(x):\n"
            "    return model(x)\n\n\n"
            "run(torch.randn(3, 4))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "s.py")
    assert places(result) == ["s.py:11:5:"]
    assert "is passed to `run()`, which calls `model` with it at line 8" in result.stdout


def test_a_loop_over_an_empty_list_is_walked(tree: Path) -> None:
    write(
        tree,
        {
            "e.py": "import torch\n\n\n"
            "def f(model):\n"
            "    model.cuda()\n"
            "    outs = []\n"
            "    for o in outs:\n"
            "        print(o)\n"
            "    return model(torch.randn(3, 4))\n"
        },
    )
    result = invoke("--no-cache", "e.py")
    assert places(result) == ["e.py:9:18:"]


@pytest.mark.parametrize(
    "make",
    [
        'timm.create_model("resnet18")',  # a module made by another library: float32
        "nn.Linear(3, 2)",
    ],
)
def test_float64_data_into_a_float32_model(tree: Path, make: str) -> None:
    """``np.zeros(...)`` is float64, and so is ``dtype=np.float_``."""
    write(
        tree,
        {
            "p.py": "import numpy as np\nimport timm\nimport torch\nfrom torch import nn\n\n\n"
            "def predict():\n"
            f"    model = {make}\n"
            "    x = torch.from_numpy(np.zeros((1, 3), dtype=np.float_))\n"
            "    return model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL105", "p.py")
    assert places(result) == ["p.py:9:9:"]
    assert "`x` is float64 from here, and `model` at line 10 computes in float32" in result.stdout


def test_fsdp_imported_from_its_module_with_a_device_id_places_the_model(
    tree: Path,
) -> None:
    write(
        tree,
        {
            "f.py": "import torch\nfrom torch import nn\n"
            "from torch.distributed.fsdp.fully_sharded_data_parallel import (\n"
            "    FullyShardedDataParallel as FSDP,\n"
            ")\n\n\n"
            "def wrap(rank):\n"
            "    torch.cuda.set_device(rank)\n"
            "    model = nn.Linear(4, 2)\n"
            "    return FSDP(model, device_id=rank)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL203", "f.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_model_handed_to_a_method_torchlint_cannot_see_may_be_moved_there(
    tree: Path,
) -> None:
    """``trainer.fit(model)``, a method the class inherits from another library:
    the model may come back anywhere (no TL204 for what follows)."""
    write(
        tree,
        {
            "t.py": "import torch\nfrom torch import nn\n\nfrom trainers import BaseTrainer\n\n\n"
            "class Trainer(BaseTrainer):\n"
            "    def __init__(self):\n"
            "        self.steps = 0\n\n\n"
            "def main():\n"
            "    trainer = Trainer()\n"
            "    model = nn.Linear(4, 2).cuda()\n"
            "    trainer.fit(model)\n"
            "    return model(torch.randn(3, 4))\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "t.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_torchvision_dataset_yields_cpu_batches(tree: Path) -> None:
    write(
        tree,
        {
            "v.py": "from torch.utils.data import DataLoader\nfrom torchvision import datasets\n\n\n"
            "def train(model, device, root):\n"
            "    model.to(device)\n"
            "    data = datasets.MNIST(root, download=True)\n"
            "    for x, y in DataLoader(data, batch_size=8):\n"
            "        model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "v.py")
    assert places(result) == ["v.py:9:15:"]


@pytest.mark.parametrize(
    "use",
    ["    while score(model) < 0.9:\n        pass\n", "    return 1 if score(model) else 0\n"],
)
def test_a_call_in_a_loop_or_conditional_test_is_followed(tree: Path, use: str) -> None:
    write(
        tree,
        {
            "w.py": "import torch\n\n\n"
            "def score(model):\n"
            "    return model(torch.randn(8, 4)).mean()\n\n\n"
            "def train(model):\n"
            "    model.cuda()\n" + use
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "w.py")
    assert places(result) == ["w.py:5:18:"]


def test_a_move_with_a_starred_argument_is_a_move_somewhere(tree: Path) -> None:
    write(
        tree,
        {
            "m.py": "import torch\n\n\n"
            "def place(model, args):\n"
            "    model.to(*args)\n"
            "    return model(torch.randn(3, 4))\n"
        },
    )
    result = invoke("--no-cache", "m.py")
    assert (result.exit_code, result.stdout) == (0, "")


def test_each_module_attached_after_placement_is_judged(tree: Path) -> None:
    """``a`` is moved again after its new head (nothing to say), ``b`` is not."""
    write(
        tree,
        {
            "l.py": "from torch import nn\n\n\n"
            "def main():\n"
            "    a = nn.Sequential(nn.Linear(4, 4)).cuda()\n"
            "    a.head = nn.Linear(4, 2)\n"
            "    a.cuda()\n"
            "    b = nn.Sequential(nn.Linear(4, 4)).cuda()\n"
            "    b.head = nn.Linear(4, 2)\n"
            "    return a, b\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL202", "l.py")
    assert places(result) == ["l.py:9:5:"]


def test_a_dataset_that_moves_its_items_with_cuda_is_not_a_cpu_dataset(
    tree: Path,
) -> None:
    write(
        tree,
        {
            "d.py": "import torch\nfrom torch.utils.data import DataLoader, Dataset\n\n\n"
            "class GpuRows(Dataset):\n"
            "    def __len__(self):\n"
            "        return 100\n\n"
            "    def __getitem__(self, i):\n"
            "        return torch.randn(4).cuda()\n\n\n"
            "def train(model):\n"
            "    model.cuda()\n"
            "    for x in DataLoader(GpuRows(), batch_size=8):\n"
            "        model(x)\n"
        },
    )
    result = invoke("--no-cache", "--select", "TL204", "d.py")
    assert (result.exit_code, result.stdout) == (0, "")
