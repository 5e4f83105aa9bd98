"""Jupyter notebooks through the public command line: the code cells are one program,
findings name their cell, fixes are written back into the cells they belong to and
nothing else of the file changes (docs/notebooks.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import conftest
import nbformat
import pytest
from click.testing import Result
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from torchlint.lint.notebook import Cell, Program, load
from torchlint.lint.source import SourceError

# A notebook as people write them: magics and a shell line, markdown between the
# code, outputs; the model is placed in cell 2 and called in cell 5.
CELLS: list[Any] = [
    new_markdown_cell("# Fine-tune the classifier"),
    new_code_cell(
        '%matplotlib inline\nimport torch\nfrom torch import nn\n\nmodel = nn.Linear(4, 2)\nmodel.to("cuda")',
        execution_count=1,
        outputs=[
            new_output(
                "execute_result",
                data={"text/plain": "Linear(in_features=4, out_features=2, bias=True)"},
                execution_count=1,
            )
        ],
    ),
    new_code_cell(
        "!nvidia-smi\nbatch = torch.randn(8, 4)\nhalf = batch.type(torch.cuda.HalfTensor)",
        execution_count=2,
        outputs=[new_output("stream", name="stdout", text="| NVIDIA-SMI 550.54 |\n")],
    ),
    new_markdown_cell("Run the model on the batch."),
    new_code_cell("out = model(batch)\nprint(out)", execution_count=3),
    new_code_cell('state = torch.load("ckpt.pt")', execution_count=4),
]

TL204 = (
    "nb.ipynb:cell 5:1:13: TL204 `batch` was made on the CPU at cell 3, line 2 and never "
    'moved, but `model` was moved to `"cuda"` at cell 2, line 6: move the input to the '
    'model\'s device (`batch.to("cuda")`)'
)
TL102 = (
    "nb.ipynb:cell 3:3:14: TL102 `.type(torch.cuda.HalfTensor)` is a legacy cast that also "
    "moves a CPU tensor to the current GPU, not necessarily the model's; say both explicitly "
    'with `.to(device="cuda", dtype=torch.float16)`'
)
TL502 = (
    "nb.ipynb:cell 6:1:9: TL502 `torch.load` without `map_location` puts every tensor back on "
    "the device it was saved from: a GPU checkpoint fails on a CPU-only machine and lands on "
    'GPU 0 in every process; pass `map_location="cpu"` (or the target device)'
)


def notebook(cells: list[Any], **metadata: Any) -> Any:
    nb = new_notebook(cells=cells)
    nb.metadata.update(
        {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.9"},
            **metadata,
        }
    )
    return nb


def write_notebook(path: Path, cells: list[Any], **metadata: Any) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook(cells, **metadata), str(path))
    return path.read_bytes()


def invoke(*args: str, input: bytes | str | None = None) -> Result:
    return conftest.invoke("--no-cache", *args, input=input)


def sources(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(str(path), as_version=4).cells]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ------------------------------------------------------------------ findings


def test_findings_in_three_cells_name_the_cell_and_the_line_in_it(tree: Path) -> None:
    write_notebook(tree / "nb.ipynb", CELLS)
    result = invoke("nb.ipynb")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [TL102, TL204, TL502]
    assert "Found 3 findings in 1 file" in result.stderr


def test_the_flow_runs_across_cells_and_messages_name_the_cells(tree: Path) -> None:
    # Placed in cell 2, the input made in cell 3, the call in cell 5: the finding is in
    # cell 5 and its message points to cells 2 and 3.
    write_notebook(tree / "nb.ipynb", CELLS)
    (finding,) = json.loads(invoke("--format", "json", "--select", "TL204", "nb.ipynb").stdout)
    assert (finding["cell"], finding["line"], finding["column"]) == (5, 1, 13)
    assert "at cell 3, line 2" in finding["message"]
    assert "at cell 2, line 6" in finding["message"]


def test_json_gives_the_cell_and_lines_counted_in_the_cell(tree: Path) -> None:
    write_notebook(tree / "nb.ipynb", CELLS)
    findings = json.loads(invoke("--format", "json", "nb.ipynb").stdout)
    assert [(f["code"], f["cell"], f["line"], f["column"]) for f in findings] == [
        ("TL102", 3, 3, 14),
        ("TL204", 5, 1, 13),
        ("TL502", 6, 1, 9),
    ]
    tl204 = findings[1]
    assert list(tl204) == [
        "path",
        "cell",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "message",
        "fix",
    ]
    assert tl204["fix"]["edits"] == [
        {
            "cell": 5,
            "line": 1,
            "column": 13,
            "end_line": 1,
            "end_column": 18,
            "content": 'batch.to("cuda")',
        }
    ]


def test_show_source_prints_the_line_of_the_cell(tree: Path) -> None:
    write_notebook(tree / "nb.ipynb", CELLS)
    result = invoke("--show-source", "--select", "TL204", "nb.ipynb")
    assert result.stdout.splitlines() == [TL204, "out = model(batch)", "            ^"]


def test_show_fixes_shows_the_lines_of_the_cell(tree: Path) -> None:
    write_notebook(tree / "nb.ipynb", CELLS)
    result = invoke("--show-fixes", "--select", "TL204", "nb.ipynb")
    assert result.stdout.splitlines()[1:] == [
        '    fix (safe): move it at the call with .to("cuda")',
        "    - out = model(batch)",
        '    + out = model(batch.to("cuda"))',
    ]


def test_ci_formats_name_the_cell(tree: Path) -> None:
    write_notebook(tree / "nb.ipynb", CELLS)
    sarif = json.loads(invoke("--format", "sarif", "--select", "TL204", "nb.ipynb").stdout)
    (result,) = sarif["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "nb.ipynb"
    assert location["region"] == {
        "startLine": 1,
        "startColumn": 13,
        "endLine": 1,
        "endColumn": 18,
        "properties": {"cell": 5},
    }
    github = invoke("--format", "github", "--select", "TL204", "nb.ipynb").stdout
    assert github.startswith(
        "::error file=nb.ipynb,title=TL204::cell 5, line 1, column 13: `batch` was made"
    )
    junit = invoke("--format", "junit", "--select", "TL204", "nb.ipynb").stdout
    assert ">nb.ipynb:cell 5:1:13: TL204 `batch` was made" in junit


def test_sarif_of_a_notebook_is_valid(tree: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(
        (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    write_notebook(tree / "nb.ipynb", CELLS)
    jsonschema.validate(json.loads(invoke("--format", "sarif", "nb.ipynb").stdout), schema)


def test_a_warm_cache_gives_the_same_findings(tree: Path) -> None:
    write_notebook(tree / "nb.ipynb", CELLS)
    cold = conftest.invoke("--format", "json", "nb.ipynb")
    warm = conftest.invoke("--format", "json", "nb.ipynb")
    assert (tree / ".torchlint_cache").is_dir()
    assert cold.stdout == warm.stdout
    assert [f["cell"] for f in json.loads(warm.stdout)] == [3, 5, 6]


# ---------------------------------------------------------------------- --fix


def test_fix_writes_the_cells_back_and_nothing_else(tree: Path) -> None:
    path = tree / "nb.ipynb"
    before = write_notebook(path, CELLS)
    old = nbformat.read(str(path), as_version=4)
    result = invoke("--fix", "nb.ipynb")
    assert result.exit_code == 1  # TL102's and TL502's fixes are unsafe: they are left
    lines = result.stdout.splitlines()
    assert lines[0] == TL102
    assert lines[1].startswith("nb.ipynb:cell 6:1:9: TL502 `torch.load` without `map_location`")
    assert len(lines) == 2
    assert "Fixed 1 finding." in result.stderr

    new = nbformat.read(str(path), as_version=4)
    nbformat.validate(new)
    assert new.metadata == old.metadata
    assert [c.get("outputs") for c in new.cells] == [c.get("outputs") for c in old.cells]
    assert [c.metadata for c in new.cells] == [c.metadata for c in old.cells]
    assert [c.get("execution_count") for c in new.cells] == [
        c.get("execution_count") for c in old.cells
    ]
    assert sources(path) == [
        CELLS[0].source,
        CELLS[1].source,  # the magic line is kept
        CELLS[2].source,
        CELLS[3].source,
        'out = model(batch.to("cuda"))\nprint(out)',
        CELLS[5].source,
    ]
    # The file is the old one with two source lines replaced: the JSON layout, key
    # order and final newline are untouched.
    changed = [
        (a, b)
        for a, b in zip(
            before.decode().splitlines(), path.read_bytes().decode().splitlines(), strict=True
        )
        if a != b
    ]
    assert changed == [
        ('    "out = model(batch)\\n",', '    "out = model(batch.to(\\"cuda\\"))\\n",'),
    ]
    assert path.read_bytes().endswith(b"}\n")

    again = path.read_bytes()
    assert invoke("--fix", "nb.ipynb").exit_code == 1
    assert path.read_bytes() == again  # a second --fix changes nothing


def test_unsafe_fixes_in_a_cell_with_magics_keep_the_magics(tree: Path) -> None:
    path = tree / "nb.ipynb"
    write_notebook(path, CELLS)
    invoke("--fix", "--unsafe-fixes", "--select", "TL102", "nb.ipynb")
    assert sources(path)[2] == (
        "!nvidia-smi\n"
        "batch = torch.randn(8, 4)\n"
        'half = batch.to(device="cuda", dtype=torch.float16)'
    )


def test_diff_shows_each_changed_cell_and_writes_nothing(tree: Path) -> None:
    path = tree / "nb.ipynb"
    before = write_notebook(path, CELLS)
    result = invoke("--diff", "nb.ipynb")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/nb.ipynb:cell 5\n"
        "+++ b/nb.ipynb:cell 5\n"
        "@@ -1,2 +1,2 @@\n"
        "-out = model(batch)\n"
        '+out = model(batch.to("cuda"))\n'
        " print(out)\n"
        "\\ No newline at end of file\n"
    )
    assert path.read_bytes() == before


def test_fix_from_stdin_prints_the_fixed_notebook(tree: Path) -> None:
    data = write_notebook(tree / "nb.ipynb", CELLS)
    result = invoke("--fix", "-q", "--stdin-filename", "nb.ipynb", "-", input=data)
    fixed = nbformat.reads(result.stdout, as_version=4)
    assert fixed.cells[4].source == 'out = model(batch.to("cuda"))\nprint(out)'


def test_a_string_source_stays_a_string_and_crlf_stays(tree: Path) -> None:
    path = tree / "nb.ipynb"
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": 'import torch\r\nstate = torch.load("a.pt")\r\nprint(state)',
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 2,
    }
    text = json.dumps(nb)  # one line, ", " and ": " separators: not nbformat's layout
    path.write_text(text, encoding="utf-8")
    assert invoke("nb.ipynb").stdout.startswith("nb.ipynb:cell 1:2:9: TL502 ")
    invoke("--fix", "--unsafe-fixes", "nb.ipynb")  # TL502's fix is unsafe
    assert path.read_text(encoding="utf-8") == text.replace(
        'torch.load(\\"a.pt\\")', 'torch.load(\\"a.pt\\", map_location=\\"cpu\\")'
    )


def test_fix_keeps_an_ascii_only_file_ascii_and_unchanged_lines_as_spelled(tree: Path) -> None:
    path = tree / "nb.ipynb"
    source = ['s = "café"\n', "import torch\n", 'state = torch.load("a.pt")']
    elements = ",\n    ".join(json.dumps(line) for line in source)  # "caf\u00e9"
    text = (
        '{\n "cells": [\n  {\n   "cell_type": "code",\n   "metadata": {},\n'
        f'   "outputs": [],\n   "source": [\n    {elements}\n   ]\n  }}\n ],\n'
        ' "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n'
    )
    assert text.isascii()
    path.write_text(text, encoding="utf-8")
    assert json.loads(text)["cells"][0]["source"][0] == 's = "café"\n'
    invoke("--fix", "--unsafe-fixes", "nb.ipynb")  # TL502's fix is unsafe
    assert path.read_text(encoding="utf-8") == text.replace(
        'load(\\"a.pt\\")', 'load(\\"a.pt\\", map_location=\\"cpu\\")'
    )


# -------------------------------------------------------------- noqa, add-noqa


def test_noqa_in_a_cell_suppresses_and_skip_file_skips_the_notebook(tree: Path) -> None:
    cells = [
        new_code_cell("import torch"),
        new_code_cell('state = torch.load("a.pt")  # noqa: TL502\nx = 1  # noqa: TL101'),
    ]
    write_notebook(tree / "nb.ipynb", cells)
    assert invoke("nb.ipynb").exit_code == 0
    unused = invoke("--extend-select", "TL901", "nb.ipynb")
    assert unused.stdout == (
        "nb.ipynb:cell 2:2:8: TL901 Unused `noqa` directive (unused: `TL101`)\n"
    )
    cells = [
        new_code_cell("# torchlint: skip-file"),
        new_code_cell('import torch\nstate = torch.load("a.pt")'),
    ]
    write_notebook(tree / "nb.ipynb", cells)
    assert invoke("nb.ipynb").exit_code == 0


def test_add_noqa_writes_the_directives_into_the_cells(tree: Path) -> None:
    path = tree / "nb.ipynb"
    write_notebook(path, CELLS)
    result = invoke("--add-noqa", "nb.ipynb")
    assert (result.exit_code, result.stderr) == (0, "torchlint: Added 3 noqa directives.\n")
    assert sources(path)[2].endswith("half = batch.type(torch.cuda.HalfTensor)  # noqa: TL102")
    assert sources(path)[4] == "out = model(batch)  # noqa: TL204\nprint(out)"
    assert invoke("nb.ipynb").exit_code == 0
    assert invoke("--add-noqa", "nb.ipynb").stderr == "torchlint: Added 0 noqa directives.\n"


# ---------------------------------------------------------- IPython and cells


def test_magics_shell_and_help_lines_are_not_python_and_keep_their_lines(tree: Path) -> None:
    cells = [
        new_code_cell(
            "%load_ext autoreload\n"
            "%autoreload 2\n"
            "!pip install -q \\\n"
            "    transformers\n"
            "import torch\n"
            "torch.zeros?\n"
            "?torch.load\n"
            "files = !ls *.pt\n"
            "for f in files:\n"
            "    !echo $f\n"
            'state = torch.load("a.pt")'
        ),
        new_code_cell("%%bash\necho 'torch.load(\"x\")'"),
        new_code_cell('%%time\nstate = torch.load("b.pt")'),
        new_code_cell('x = (1\n% 2)\ns = """\n%not a magic\n"""\nstate = torch.load("c.pt")'),
    ]
    write_notebook(tree / "nb.ipynb", cells)
    result = invoke("--select", "TL502", "nb.ipynb")
    assert [line.split(" TL502")[0] for line in result.stdout.splitlines()] == [
        "nb.ipynb:cell 1:11:9:",
        "nb.ipynb:cell 3:2:9:",  # a %%time cell is Python; a %%bash cell is not
        "nb.ipynb:cell 4:6:9:",
    ]
    invoke("--fix", "--unsafe-fixes", "nb.ipynb")  # TL502's fix is unsafe
    new = sources(tree / "nb.ipynb")
    assert new[0] == cells[0].source.replace('"a.pt")', '"a.pt", map_location="cpu")')
    assert new[1] == cells[1].source
    assert new[2] == cells[2].source.replace('"b.pt")', '"b.pt", map_location="cpu")')


def test_a_cell_that_does_not_parse_is_reported_once_and_the_others_linted(tree: Path) -> None:
    cells = [
        new_code_cell("import torch"),
        new_code_cell("def broken(:\n    pass\nx = ("),
        new_code_cell('state = torch.load("a.pt")'),
    ]
    write_notebook(tree / "nb.ipynb", cells)
    result = invoke("nb.ipynb")
    assert result.exit_code == 1
    assert [line.split(": ", 1)[0] for line in result.stdout.splitlines()] == [
        "nb.ipynb:cell 2:1:12",
        "nb.ipynb:cell 3:1:9",
    ]
    assert result.stdout.splitlines()[0] == (
        "nb.ipynb:cell 2:1:12: TL000 syntax error: invalid syntax "
        "(cell 2 is left out; the other cells are linted)"
    )


@pytest.mark.parametrize(
    "cells",
    [[], [new_markdown_cell("# Notes"), new_raw_cell("torch.load('x')")], [new_code_cell("")]],
    ids=["empty", "no-code-cells", "one-empty-cell"],
)
def test_a_notebook_without_code_is_clean(tree: Path, cells: list[Any]) -> None:
    write_notebook(tree / "nb.ipynb", cells)
    result = invoke("nb.ipynb")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "All checks passed (1 file checked)" in result.stderr


@pytest.mark.parametrize("minor", [0, 4, 5])
def test_nbformat_4_minor_versions(tree: Path, minor: int) -> None:
    nb = notebook([new_markdown_cell("x"), new_code_cell('import torch\ntorch.load("a.pt")')])
    nb.nbformat_minor = minor
    if minor < 5:
        for cell in nb.cells:
            cell.pop("id", None)
    (tree / "nb.ipynb").write_text(nbformat.writes(nb, version=4), encoding="utf-8")
    assert invoke("nb.ipynb").stdout.startswith("nb.ipynb:cell 2:2:1: TL502 ")


def test_invalid_notebooks_are_errors_and_the_other_files_are_linted(tree: Path) -> None:
    (tree / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    (tree / "old.ipynb").write_text('{"nbformat": 3, "worksheets": []}', encoding="utf-8")
    (tree / "list.ipynb").write_text("[]", encoding="utf-8")
    write_notebook(tree / "nb.ipynb", CELLS)
    result = invoke(".")
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [TL102, TL204, TL502]
    assert result.stderr.splitlines()[:3] == [
        "torchlint: error: broken.ipynb: not a valid notebook: invalid JSON at line 1, "
        "column 12: Expecting value",
        "torchlint: error: list.ipynb: not a valid notebook: no list of `cells` in the JSON",
        "torchlint: error: old.ipynb: nbformat 3 notebooks are not supported, only nbformat 4: "
        "convert it with `jupyter nbconvert --to notebook --inplace`",
    ]


def test_a_notebook_in_another_language_is_skipped_with_a_warning(tree: Path) -> None:
    write_notebook(
        tree / "r.ipynb",
        [new_code_cell("library(torch)")],
        kernelspec={"display_name": "R", "language": "R", "name": "ir"},
        language_info={"name": "R"},
    )
    result = invoke("r.ipynb")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "torchlint: warning: r.ipynb: skipped: not a Python notebook (its kernel's language "
        "is 'r')",
        "torchlint: All checks passed (0 files checked, 1 file skipped).",
    ]


# ------------------------------------------------------------------ discovery


def test_folders_find_notebooks_and_the_excludes_apply(tree: Path) -> None:
    write_notebook(tree / "nb.ipynb", CELLS)
    write_notebook(tree / ".ipynb_checkpoints" / "nb-checkpoint.ipynb", CELLS)
    result = invoke(".")
    assert result.stdout.splitlines() == [TL102, TL204, TL502]
    (tree / "pyproject.toml").write_text('[tool.torchlint]\nextend-exclude = ["*.ipynb"]\n')
    result = invoke(".")
    assert (result.exit_code, result.stdout) == (0, "")


# ---------------------------------------------------------------- the module


def test_updated_rewrites_an_empty_source_in_nbformat_layout(tmp_path: Path) -> None:
    text = (
        '{\n "cells": [\n  {\n   "cell_type": "code",\n   "metadata": {},\n'
        '   "outputs": [],\n   "source": []\n  }\n ],\n "metadata": {},\n'
        ' "nbformat": 4,\n "nbformat_minor": 5\n}\n'
    )
    book = load("nb.ipynb", text.encode())
    new = book.updated({1: "import torch\nx = 1"})
    assert new == text.replace(
        '"source": []', '"source": [\n    "import torch\\n",\n    "x = 1"\n   ]'
    )


def test_program_lines_map_back_to_their_cells() -> None:
    program = Program("nb.ipynb", [Cell(2, "a = 1\n%time a\nb = 2"), Cell(5, "c = 3\n")])
    assert program.text == (
        "#<torchlint cell 2>\na = 1\npass  #<torchlint: IPython>\nb = 2\n"
        "#<torchlint cell 5>\nc = 3\n"
    )
    assert program.cell_texts(program.text) == {2: "a = 1\n%time a\nb = 2", 5: "c = 3\n"}


def test_a_program_whose_ipython_lines_changed_is_not_written_back() -> None:
    program = Program("nb.ipynb", [Cell(1, "!ls\nx = 1\n")])
    changed = program.text.replace("pass  #", "x = 2  #")
    with pytest.raises(SourceError, match="a fix changed an IPython line in cell 1"):
        program.cell_texts(changed)
    with pytest.raises(SourceError, match="lost its cell markers"):
        program.cell_texts(program.text.replace("#<torchlint cell 1>", "#"))


def test_max_file_size_limits_the_code_cells_not_the_outputs(tree: Path) -> None:
    image = new_output("display_data", data={"image/png": "iVBORw0KGgo" * 2000})
    cells = [new_code_cell('import torch\nstate = torch.load("a.pt")', outputs=[image])]
    size = len(write_notebook(tree / "nb.ipynb", cells))
    assert size > 20_000
    (tree / "pyproject.toml").write_text("[tool.torchlint]\nmax-file-size = 10000\n")
    assert invoke("nb.ipynb").stdout.startswith("nb.ipynb:cell 1:2:9: TL502 ")
    (tree / "pyproject.toml").write_text("[tool.torchlint]\nmax-file-size = 20\n")
    result = invoke(".")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines()[0] == (
        "torchlint: warning: nb.ipynb: skipped: too large (code cells: 39 bytes > max-file-size 20)"
    )
