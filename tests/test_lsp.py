"""``torchlint lsp``, driven as an editor would: a subprocess speaking JSON-RPC with
Content-Length framing over stdio."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

from torchlint.frontends import lsp

TIMEOUT = 30

# The emoji before the finding is two UTF-16 code units: LSP columns differ from
# the CLI's (code points) by one on that line.
BAD = 'import torch\n\n\ndef f(x: torch.Tensor):\n    s, y = "\N{GRINNING FACE}", x.type(torch.FloatTensor)\n    return s, y\n'
CLEAN = "import torch\n\n\ndef f(x: torch.Tensor):\n    return x.to(torch.float32)\n"


class Client:
    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "torchlint", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        message = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in message, message
        return message["result"]

    def wait(self, match: Any) -> dict[str, Any]:
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            assert message is not None, "the server exited; stderr:\n" + self._stderr()
            if "method" in message and "id" in message:  # a request to the client
                self.send({"id": message["id"], "result": None})
            if match(message):
                return message

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        return list(message["params"]["diagnostics"])

    def _stderr(self) -> str:
        self.proc.kill()
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode(errors="replace")


def offset(text: str, position: dict[str, int]) -> int:
    """An LSP position (UTF-16 columns) -> an index into ``text``."""
    lines = text.splitlines(keepends=True)
    index = sum(len(line) for line in lines[: position["line"]])
    units = 0
    line = lines[position["line"]] if position["line"] < len(lines) else ""
    for i, ch in enumerate(line):
        if units >= position["character"]:
            return index + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return index + len(line)


def apply(text: str, edits: list[dict[str, Any]]) -> str:
    spans = sorted(
        ((offset(text, e["range"]["start"]), offset(text, e["range"]["end"]), e["newText"]))
        for e in edits
    )
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def cli_fix(tmp_path: Path, text: str) -> str:
    path = tmp_path / "cli" / "x.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "torchlint", "--fix", "--no-cache", "-q", str(path)],
        check=False,
        capture_output=True,
    )
    return path.read_text(encoding="utf-8")


def test_language_server_session(tmp_path: Path) -> None:
    doc = tmp_path / "x.py"
    uri = doc.as_uri()
    client = Client(tmp_path)
    try:
        init = client.request(
            "initialize",
            {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
        )
        assert init["capabilities"]["codeActionProvider"]
        assert init["serverInfo"]["name"] == "torchlint"
        client.notify("initialized", {})

        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": BAD}},
        )
        (diag,) = client.diagnostics(uri)
        assert diag["code"] == "TL102"
        assert diag["source"] == "torchlint"
        assert diag["severity"] == 2  # Warning
        assert diag["codeDescription"]["href"].endswith("/docs/rules/TL102.md")
        assert "legacy cast" in diag["message"]
        # The CLI says 5:19 (1-based code points); LSP: line 4, UTF-16 column 19.
        assert diag["range"] == {
            "start": {"line": 4, "character": 19},
            "end": {"line": 4, "character": 23},
        }

        actions = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": diag["range"],
                "context": {"diagnostics": [diag]},
            },
        )
        titles = [a["title"] for a in actions]
        quick = next(a for a in actions if a["kind"] == "quickfix")
        assert quick["title"].startswith("Fix TL102: ")
        assert not quick["title"].endswith("(unsafe)")
        expected = cli_fix(tmp_path, BAD)
        assert expected != BAD
        assert apply(BAD, quick["edit"]["changes"][uri]) == expected
        fix_all = next(a for a in actions if a["title"] == lsp.FIX_ALL_TITLE)
        assert fix_all["kind"] == "source.fixAll.torchlint", titles
        assert apply(BAD, fix_all["edit"]["changes"][uri]) == expected

        only = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": diag["range"],
                "context": {"diagnostics": [], "only": ["source.fixAll"]},
            },
        )
        assert [a["title"] for a in only] == [lsp.FIX_ALL_TITLE]

        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"text": CLEAN}],
            },
        )
        assert client.diagnostics(uri) == []

        client.request("shutdown", None)
        client.notify("exit", None)
        assert client.proc.wait(timeout=TIMEOUT) == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
        client.proc.wait()


def test_language_server_uses_the_nearest_config(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "pkg").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[tool.torchlint]\nignore = ["TL102"]\n')
    uri = (project / "pkg" / "x.py").as_uri()
    syntax_uri = (project / "pkg" / "broken.py").as_uri()
    client = Client(tmp_path)
    try:
        client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        client.notify("initialized", {})
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": BAD}},
        )
        assert client.diagnostics(uri) == []
        client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": syntax_uri,
                    "languageId": "python",
                    "version": 1,
                    "text": "def f(:\n",
                }
            },
        )
        (diag,) = client.diagnostics(syntax_uri)
        assert diag["code"] == "TL000"
        assert diag["severity"] == 1  # Error
        client.request("shutdown", None)
        client.notify("exit", None)
        assert client.proc.wait(timeout=TIMEOUT) == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
        client.proc.wait()


def test_positions_count_utf16_units_and_clamp() -> None:
    positions = lsp.Positions("a\N{GRINNING FACE}b\r\nc\rd\n")
    assert positions.position(1, 2).character == 3
    assert positions.position(2, 1).line == 1
    assert positions.position(3, 1).line == 2
    end = positions.end()
    assert (end.line, end.character) == (3, 0)
    utf8 = lsp.Positions("\N{GRINNING FACE}x", "utf-8")
    assert utf8.position(1, 1).character == 4


def test_lsp_is_a_subcommand_and_paths_still_lint(tmp_path: Path) -> None:
    from conftest import invoke

    result = invoke("lsp", "--help")
    assert result.exit_code == 0
    assert "usage: torchlint lsp" in result.output
    (tmp_path / "x.py").write_text(BAD, encoding="utf-8")
    result = invoke("--no-cache", str(tmp_path / "x.py"))
    assert result.exit_code == 1
    assert "TL102" in result.output


# ------------------------------------------------------------------ notebooks

# Cell 1 is markdown; the model is placed in cell 2 and called in cell 3.
CELL_2 = '%matplotlib inline\nimport torch\nfrom torch import nn\nmodel = nn.Linear(4, 2)\nmodel.to("cuda")'
CELL_3 = "x = torch.randn(8, 4)\ny = model(x)"


def test_notebook_cells_are_one_program_with_diagnostics_per_cell(tmp_path: Path) -> None:
    nb_uri = (tmp_path / "nb.ipynb").as_uri()
    cells = [f"vscode-notebook-cell:{tmp_path}/nb.ipynb#C{i}" for i in (1, 2, 3)]
    client = Client(tmp_path)
    try:
        init = client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": tmp_path.as_uri(),
                "capabilities": {"notebookDocument": {"synchronization": {}}},
            },
        )
        sync = init["capabilities"]["notebookDocumentSync"]
        assert sync == {"notebookSelector": [{"cells": [{"language": "python"}]}], "save": True}
        assert (
            "notebook.source.fixAll.torchlint"
            in (init["capabilities"]["codeActionProvider"]["codeActionKinds"])
        )
        client.notify("initialized", {})

        def item(uri: str, language: str, text: str) -> dict[str, Any]:
            return {"uri": uri, "languageId": language, "version": 1, "text": text}

        client.notify(
            "notebookDocument/didOpen",
            {
                "notebookDocument": {
                    "uri": nb_uri,
                    "notebookType": "jupyter-notebook",
                    "version": 1,
                    "cells": [
                        {"kind": 1, "document": cells[0]},
                        {"kind": 2, "document": cells[1]},
                        {"kind": 2, "document": cells[2]},
                    ],
                },
                "cellTextDocuments": [
                    item(cells[0], "markdown", "# Notes"),
                    item(cells[1], "python", CELL_2),
                    item(cells[2], "python", CELL_3),
                ],
            },
        )
        assert client.diagnostics(cells[1]) == []
        (diag,) = client.diagnostics(cells[2])
        assert diag["code"] == "TL204"
        # Lines and columns of the cell, and the message names the cells.
        assert diag["range"] == {
            "start": {"line": 1, "character": 10},
            "end": {"line": 1, "character": 11},
        }
        assert "at cell 3, line 1" in diag["message"]
        assert "at cell 2, line 5" in diag["message"]

        actions = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": cells[2]},
                "range": diag["range"],
                "context": {"diagnostics": [diag]},
            },
        )
        quick = next(a for a in actions if a["kind"] == "quickfix")
        fixed = 'x = torch.randn(8, 4)\ny = model(x.to("cuda"))'
        assert apply(CELL_3, quick["edit"]["changes"][cells[2]]) == fixed
        (whole,) = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": cells[1]},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "context": {"diagnostics": [], "only": ["notebook.source.fixAll"]},
            },
        )
        assert whole["title"] == lsp.NOTEBOOK_FIX_ALL_TITLE
        changes = whole["edit"]["changes"]
        assert list(changes) == [cells[2]]
        assert apply(CELL_3, changes[cells[2]]) == fixed
        # "Fix all" on cell 2 fixes cell 2 only: nothing there.
        assert not client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": cells[1]},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "context": {"diagnostics": [], "only": ["source.fixAll"]},
            },
        )

        # The placement goes: the call in cell 3 is fine.
        client.notify(
            "notebookDocument/didChange",
            {
                "notebookDocument": {"uri": nb_uri, "version": 2},
                "change": {
                    "cells": {
                        "textContent": [
                            {
                                "document": {"uri": cells[1], "version": 2},
                                "changes": [
                                    {"text": "import torch\nmodel = torch.nn.Linear(4, 2)"}
                                ],
                            }
                        ]
                    }
                },
            },
        )
        assert client.diagnostics(cells[1]) == []
        assert client.diagnostics(cells[2]) == []
        client.notify("notebookDocument/didSave", {"notebookDocument": {"uri": nb_uri}})
        assert client.diagnostics(cells[1]) == []
        assert client.diagnostics(cells[2]) == []
        client.notify(
            "notebookDocument/didClose",
            {
                "notebookDocument": {"uri": nb_uri},
                "cellTextDocuments": [{"uri": uri} for uri in cells],
            },
        )
        closed = {
            client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")["params"][
                "uri"
            ]
            for _ in cells
        }
        assert closed == set(cells)

        client.request("shutdown", None)
        client.notify("exit", None)
        assert client.proc.wait(timeout=TIMEOUT) == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
        client.proc.wait()


def test_a_cell_removed_from_a_notebook_loses_its_diagnostics(tmp_path: Path) -> None:
    nb_uri = (tmp_path / "nb.ipynb").as_uri()
    cells = [f"vscode-notebook-cell:{tmp_path}/nb.ipynb#C{i}" for i in (1, 2)]
    client = Client(tmp_path)
    try:
        client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": None,
                "capabilities": {"notebookDocument": {"synchronization": {}}},
            },
        )
        client.notify("initialized", {})
        client.notify(
            "notebookDocument/didOpen",
            {
                "notebookDocument": {
                    "uri": nb_uri,
                    "notebookType": "jupyter-notebook",
                    "version": 1,
                    "cells": [{"kind": 2, "document": uri} for uri in cells],
                },
                "cellTextDocuments": [
                    {"uri": cells[0], "languageId": "python", "version": 1, "text": CELL_2},
                    {"uri": cells[1], "languageId": "python", "version": 1, "text": CELL_3},
                ],
            },
        )
        assert client.diagnostics(cells[0]) == []
        assert [d["code"] for d in client.diagnostics(cells[1])] == ["TL204"]
        client.notify(
            "notebookDocument/didChange",
            {
                "notebookDocument": {"uri": nb_uri, "version": 2},
                "change": {
                    "cells": {
                        "structure": {
                            "array": {"start": 1, "deleteCount": 1},
                            "didClose": [{"uri": cells[1]}],
                        }
                    }
                },
            },
        )
        assert client.diagnostics(cells[1]) == []
        # A client that does not sync notebooks may open one as text: JSON, not Python.
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": nb_uri, "languageId": "json", "version": 1, "text": "{"}},
        )
        assert client.diagnostics(nb_uri) == []
        client.request("shutdown", None)
        client.notify("exit", None)
        assert client.proc.wait(timeout=TIMEOUT) == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
        client.proc.wait()
