"""``torchlint lsp``: a language server over stdio (needs ``torchlint[lsp]``, i.e. pygls).

It lints each open document's text with the same engine and the same configuration as
the CLI (the nearest ``pyproject.toml`` with ``[tool.torchlint]`` above the document,
its ``select``/``extend-select``/``ignore`` and ``per-file-ignores``), and publishes
the findings as diagnostics on open, change and save. Every finding with a fix gets a
quick fix (unsafe ones are offered too, marked " (unsafe)"), and the source action
"Fix all torchlint (safe)" does what ``torchlint --fix`` would do to the document.

Notebooks (LSP 3.17 ``notebookDocument/*``, advertised when the client can sync
them): the code cells of an open notebook are linted as one program, as the CLI lints
an ``.ipynb`` file (``torchlint.lint.notebook``), on open, change and save, and each cell
gets its own diagnostics, in its own coordinates. A cell's quick fixes edit the cell;
"Fix all torchlint (safe)" on a cell fixes that cell, and the notebook source action
(``notebook.source.fixAll.torchlint``) every cell.

Positions: findings count 1-based lines and 0-based columns in code points; LSP counts
0-based lines and columns in the negotiated encoding's code units (UTF-16 unless the
client offers another), so a character outside the BMP is two columns for LSP. Lines
end at CRLF, CR or LF, as both Python and LSP define them.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from torchlint import __version__
from torchlint.config import Config, ConfigError, enabled_codes, per_file_codes, resolve_config
from torchlint.lint import engine, notebook
from torchlint.lint.findings import Applicability, Edit, Finding, Problem
from torchlint.lint.source import LINE_BREAK, SourceError
from torchlint.report.sarif import help_uri
from torchlint.rules import registry

SOURCE = "torchlint"
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.torchlint"
FIX_ALL_TITLE = "Fix all torchlint (safe)"
NOTEBOOK_FIX_ALL_KIND = f"notebook.{lsp.CodeActionKind.SourceFixAll.value}.torchlint"
NOTEBOOK_FIX_ALL_TITLE = "Fix all torchlint in the notebook (safe)"
# The notebooks whose cells the server wants: any notebook, its Python cells.
NOTEBOOK_SYNC = lsp.NotebookDocumentSyncOptions(
    notebook_selector=[
        lsp.NotebookDocumentFilterWithCells(cells=[lsp.NotebookCellLanguage(language="python")])
    ],
    save=True,
)


# ------------------------------------------------------------------ positions


class Positions:
    """Engine positions (1-based line, 0-based code-point column) -> LSP positions."""

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16.value) -> None:
        self.lines = LINE_BREAK.split(text)
        self.encoding = encoding

    def _units(self, s: str) -> int:
        if self.encoding == lsp.PositionEncodingKind.Utf32.value:
            return len(s)
        if self.encoding == lsp.PositionEncodingKind.Utf8.value:
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, line: int, column: int) -> lsp.Position:
        index = min(max(line - 1, 0), len(self.lines) - 1)
        text = self.lines[index]
        if line - 1 > index:  # past the end: the end of the document
            column = len(text)
        return lsp.Position(line=index, character=self._units(text[: max(column, 0)]))

    def range(self, line: int, column: int, end_line: int, end_column: int) -> lsp.Range:
        return lsp.Range(self.position(line, column), self.position(end_line, end_column))

    def end(self) -> lsp.Position:
        return lsp.Position(line=len(self.lines) - 1, character=self._units(self.lines[-1]))


# ------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    codes: frozenset[str]
    error: str | None = None  # a configuration mistake, reported once per change


def settings_for(path: str | None) -> Settings:
    """The CLI's selection for a document at ``path`` (None: an unsaved buffer, which
    gets the configuration of the current folder)."""
    start = path if path is not None else os.getcwd()
    error = None
    try:
        config = resolve_config(start, registry.codes())
    except ConfigError as exc:
        config, error = Config(root=os.getcwd()), str(exc)
    codes = enabled_codes(registry.defaults(), config.select, config.extend_select, config.ignore)
    if path is not None:
        codes = per_file_codes(config, codes)(path)
    return Settings(codes, error)


# ---------------------------------------------------------------- diagnostics


def diagnostic(finding: Finding, positions: Positions) -> lsp.Diagnostic:
    end_line, end_column = (
        (finding.end_line, finding.end_column)
        if finding.end_line
        else (finding.line, finding.column)
    )
    return lsp.Diagnostic(
        range=positions.range(finding.line, finding.column, end_line, end_column),
        message=finding.message,
        severity=(
            lsp.DiagnosticSeverity.Error
            if finding.code == registry.SYNTAX_ERROR
            else lsp.DiagnosticSeverity.Warning
        ),
        code=finding.code,
        code_description=lsp.CodeDescription(href=help_uri(finding.code)),
        source=SOURCE,
    )


def problem_diagnostic(problem: Problem) -> lsp.Diagnostic:
    """A file the engine could not analyse (e.g. syntax LibCST does not know yet)."""
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
        message=problem.message,
        severity=lsp.DiagnosticSeverity.Information,
        source=SOURCE,
    )


def diagnostics(
    findings: list[Finding], problems: list[Problem], positions: Positions
) -> list[lsp.Diagnostic]:
    return [diagnostic(f, positions) for f in findings] + [problem_diagnostic(p) for p in problems]


# --------------------------------------------------------------- code actions


def text_edits(edits: tuple[Edit, ...], positions: Positions) -> list[lsp.TextEdit]:
    return [
        lsp.TextEdit(
            range=positions.range(e.line, e.column, e.end_line, e.end_column), new_text=e.content
        )
        for e in edits
    ]


def _wanted(kind: str, only: list[str] | None) -> bool:
    return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def quick_fixes(
    uri: str, findings: list[Finding], wanted: lsp.Range, positions: Positions
) -> list[lsp.CodeAction]:
    """A quick fix for each finding with a fix whose range meets ``wanted``."""
    out: list[lsp.CodeAction] = []
    for finding in findings:
        if finding.fix is None:
            continue
        diag = diagnostic(finding, positions)
        if not _overlaps(diag.range, wanted):
            continue
        unsafe = finding.fix.applicability is Applicability.UNSAFE
        title = f"Fix {finding.code}"
        if finding.fix.message:
            title += f": {finding.fix.message}"
        if unsafe:
            title += " (unsafe)"
        out.append(
            lsp.CodeAction(
                title=title,
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=not unsafe,
                edit=lsp.WorkspaceEdit(changes={uri: text_edits(finding.fix.edits, positions)}),
            )
        )
    return out


def code_actions(
    uri: str,
    path: str,
    text: str,
    codes: frozenset[str],
    findings: list[Finding],
    wanted: lsp.Range,
    only: list[str] | None,
    encoding: str,
) -> list[lsp.CodeAction]:
    positions = Positions(text, encoding)
    out: list[lsp.CodeAction] = []
    if _wanted(lsp.CodeActionKind.QuickFix.value, only):
        out += quick_fixes(uri, findings, wanted, positions)
    if _wanted(FIX_ALL_KIND, only) and any(
        engine.applicable(f.fix, unsafe=False) for f in findings
    ):
        outcome = engine.fix_text(path, text, codes, unsafe=False)
        if outcome.fixed and outcome.text != text:
            whole = lsp.Range(lsp.Position(0, 0), positions.end())
            out.append(
                lsp.CodeAction(
                    title=FIX_ALL_TITLE,
                    kind=FIX_ALL_KIND,
                    edit=lsp.WorkspaceEdit(
                        changes={uri: [lsp.TextEdit(range=whole, new_text=outcome.text)]}
                    ),
                )
            )
    return out


@dataclass
class _LintedNotebook:
    path: str  # the notebook's path (its URI when it has none)
    codes: frozenset[str]
    cells: dict[str, tuple[int, str]]  # code cell URI -> (cell number, text), in order
    program: notebook.Program
    findings: list[Finding]  # in cell coordinates (Finding.cell)


def notebook_code_actions(
    linted: _LintedNotebook,
    cell_uri: str,
    wanted: lsp.Range,
    only: list[str] | None,
    encoding: str,
) -> list[lsp.CodeAction]:
    """``code_actions`` for a cell of a notebook: the quick fixes of its findings, and
    the fixes of every finding of the program, for this cell (``source.fixAll``) or
    for every cell (``notebook.source.fixAll``)."""
    number, text = linted.cells[cell_uri]
    out: list[lsp.CodeAction] = []
    if _wanted(lsp.CodeActionKind.QuickFix.value, only):
        mine = [f for f in linted.findings if f.cell == number]
        out += quick_fixes(cell_uri, mine, wanted, Positions(text, encoding))
    kinds = [
        (kind, title, whole)
        for kind, title, whole in (
            (FIX_ALL_KIND, FIX_ALL_TITLE, False),
            (NOTEBOOK_FIX_ALL_KIND, NOTEBOOK_FIX_ALL_TITLE, True),
        )
        if _wanted(kind, only)
    ]
    if not kinds or not any(engine.applicable(f.fix, unsafe=False) for f in linted.findings):
        return out
    program = linted.program
    outcome = engine.fix_text(
        linted.path, program.text, linted.codes, unsafe=False, line_labels=notebook.line_labels
    )
    try:
        texts = program.cell_texts(outcome.text) if outcome.fixed else {}
    except SourceError:
        return out
    for kind, title, whole in kinds:
        changes = {
            uri: [
                lsp.TextEdit(
                    range=lsp.Range(lsp.Position(0, 0), Positions(old, encoding).end()),
                    new_text=texts[n],
                )
            ]
            for uri, (n, old) in linted.cells.items()
            if texts.get(n, old) != old and (whole or uri == cell_uri)
        }
        if changes:
            out.append(
                lsp.CodeAction(title=title, kind=kind, edit=lsp.WorkspaceEdit(changes=changes))
            )
    return out


# --------------------------------------------------------------------- server


@dataclass
class _Linted:
    text: str
    codes: frozenset[str]
    findings: list[Finding]


class TorchlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "torchlint",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Full,
            notebook_document_sync=NOTEBOOK_SYNC,
        )
        self.linted: dict[str, _Linted] = {}
        self.notebooks: dict[str, _LintedNotebook] = {}
        self.reported_errors: set[str] = set()

    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding
        return str(getattr(enc, "value", enc or lsp.PositionEncodingKind.Utf16.value))

    def settings(self, path: str | None) -> Settings:
        settings = settings_for(path)
        if settings.error and settings.error not in self.reported_errors:
            self.reported_errors.add(settings.error)
            self.window_show_message(
                lsp.ShowMessageParams(
                    type=lsp.MessageType.Error, message=f"torchlint: {settings.error}"
                )
            )
        return settings

    def publish(self, uri: str, diags: list[lsp.Diagnostic], version: int | None = None) -> None:
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diags)
        )

    def lint_notebook(self, uri: str, fresh: bool = False) -> _LintedNotebook | None:
        """Lint an open notebook's code cells as one program and publish each cell's
        diagnostics (an empty list for a cell that left it). ``fresh``: even when
        nothing changed (the configuration may have)."""
        document = self.workspace.get_notebook_document(notebook_uri=uri)
        if document is None:
            return None
        cells: dict[str, tuple[int, str]] = {}
        versions: dict[str, int | None] = {}
        for i, cell in enumerate(document.cells):
            if cell.kind != lsp.NotebookCellKind.Code:
                continue
            cell_document = self.workspace.get_text_document(cell.document)
            if cell_document.language_id not in (None, "", "python"):
                continue
            cells[cell.document] = (i + 1, cell_document.source)
            versions[cell.document] = cell_document.version
        path = to_fs_path(uri) if uri.startswith("file:") else None
        settings = self.settings(path)
        cached = self.notebooks.get(uri)
        if cached is not None and not fresh:
            if cached.cells == cells and cached.codes == settings.codes:
                return cached
        name = path or uri
        program = notebook.Program(name, [notebook.Cell(n, t) for n, t in cells.values()])
        result = engine.lint_text(
            name, program.text, settings.codes, line_labels=notebook.line_labels
        )
        findings = program.errors + notebook.to_cells(result.findings, program.text)
        findings.sort(key=Finding.sort_key)
        linted = _LintedNotebook(name, settings.codes, cells, program, findings)
        self.notebooks[uri] = linted
        for gone in set(cached.cells if cached is not None else ()) - set(cells):
            self.publish(gone, [])
        problems = result.problems  # on the first code cell
        for cell_uri, (number, text) in cells.items():
            mine = [f for f in findings if f.cell == number]
            self.publish(
                cell_uri,
                diagnostics(mine, problems, Positions(text, self.encoding)),
                versions[cell_uri],
            )
            problems = []
        return linted

    def close_notebook(self, uri: str, cells: list[str]) -> None:
        linted = self.notebooks.pop(uri, None)
        for cell_uri in dict.fromkeys([*cells, *(linted.cells if linted is not None else ())]):
            self.publish(cell_uri, [])

    def lint(self, uri: str) -> _Linted:
        document = self.workspace.get_text_document(uri)
        text = document.source
        cached = self.linted.get(uri)
        path = to_fs_path(uri) if uri.startswith("file:") else None
        settings = self.settings(path)
        if cached is not None and cached.text == text and cached.codes == settings.codes:
            return cached
        if notebook.is_notebook(path or uri):
            # A notebook's JSON, opened as text by a client that does not sync notebook
            # documents: not Python, and its lines are not the cells'. Nothing to say.
            result = engine.LintResult()
        else:
            result = engine.lint_text(path or uri, text, settings.codes)
        linted = _Linted(text, settings.codes, result.findings)
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri,
                version=document.version,
                diagnostics=diagnostics(
                    result.findings, result.problems, Positions(text, self.encoding)
                ),
            )
        )
        return linted


def make_server() -> TorchlintServer:
    server = TorchlintServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TorchlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.linted.pop(params.text_document.uri, None)
        ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TorchlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TorchlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        # The configuration may have changed meanwhile: lint afresh.
        ls.linted.pop(params.text_document.uri, None)
        ls.lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TorchlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.linted.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_OPEN)
    def notebook_did_open(ls: TorchlintServer, params: lsp.DidOpenNotebookDocumentParams) -> None:
        ls.lint_notebook(params.notebook_document.uri, fresh=True)

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def notebook_did_change(
        ls: TorchlintServer, params: lsp.DidChangeNotebookDocumentParams
    ) -> None:
        ls.lint_notebook(params.notebook_document.uri)

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_SAVE)
    def notebook_did_save(ls: TorchlintServer, params: lsp.DidSaveNotebookDocumentParams) -> None:
        ls.lint_notebook(params.notebook_document.uri, fresh=True)

    @server.feature(lsp.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_did_close(ls: TorchlintServer, params: lsp.DidCloseNotebookDocumentParams) -> None:
        ls.close_notebook(params.notebook_document.uri, [c.uri for c in params.cell_text_documents])

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND]
        ),
    )
    def code_action(ls: TorchlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        only = [str(getattr(k, "value", k)) for k in params.context.only or []] or None
        book = ls.workspace.get_notebook_document(cell_uri=uri)
        if book is not None:  # a notebook's cell
            linted_book = ls.lint_notebook(book.uri)
            if linted_book is None or uri not in linted_book.cells:
                return []
            return notebook_code_actions(linted_book, uri, params.range, only, ls.encoding)
        linted = ls.lint(uri)
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return code_actions(
            uri,
            path or uri,
            linted.text,
            linted.codes,
            linted.findings,
            params.range,
            only,
            ls.encoding,
        )

    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="torchlint lsp",
        description="Run the torchlint language server (see docs/editors.md).",
    )
    parser.add_argument(
        "--stdio", action="store_true", help="Talk over stdin/stdout (the default and only mode)."
    )
    parser.parse_args(argv)
    make_server().start_io()
    return 0
