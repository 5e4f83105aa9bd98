"""Lint (and fix) many files: read each one, run the engine, write fixes, in a
process pool when there is more than one file. Results come back sorted by path, so
output does not depend on the number of workers."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from torchlint.batch.cache import Cache, key
from torchlint.lint import notebook as nb
from torchlint.lint.findings import Finding, Problem
from torchlint.lint.fix import WriteError, digest, unified_diff, write_atomic
from torchlint.lint.source import SourceError, SourceFile, TooLarge, decode, read_bytes


@dataclass(frozen=True)
class Options:
    codes: frozenset[str]
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    max_file_size: int = 0
    cache_root: str | None = None  # where .torchlint_cache lives; None: no cache
    add_noqa: bool = False  # suppress every finding in place (a noqa comment) instead


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fixed: int = 0
    fixed_codes: dict[str, int] = field(default_factory=dict)  # code -> findings fixed
    diff: str = ""
    # For stdin with --fix: the source to print, in its own encoding (and BOM); the
    # input unchanged when it could not be decoded, so an editor never loses a buffer.
    fixed_bytes: bytes | None = None
    # The other files of the project the findings depend on, with their digests.
    depends: dict[str, str] = field(default_factory=dict)
    # Why the file was not linted although it could have been read (its size): the
    # caller decides whether that is an error (a file named on the command line) or a
    # warning (one a folder's walk found).
    skipped: str = ""
    # A skip that is a warning even for a file named on the command line: a notebook
    # in another language holds nothing torchlint reads, which is no error.
    skip_is_warning: bool = False
    noqa_added: int = 0  # --add-noqa: lines given (or extended) a noqa directive
    # Findings on lines of other files of the project, theirs when the run lints them
    # (``torchlint.lint.forward``; ``run`` hands them over).
    forwarded: list[Finding] = field(default_factory=list)


def process_text(path: str, data: bytes, options: Options, write: bool) -> FileResult:
    from torchlint.lint import engine  # LibCST and the rules: only once a file is linted

    if nb.is_notebook(path):
        return _process_notebook(path, data, options, write)
    result = FileResult(path)
    try:
        source = decode(path, data)
    except SourceError as exc:
        # Like a file that cannot be opened: torchlint could not lint it (exit 2), which
        # is not a finding in code it read.
        result.problems.append(Problem(path, str(exc)))
        result.fixed_bytes = data
        return result
    if options.add_noqa:
        return _add_noqa(result, source, data, options)
    if not (options.fix or options.diff):
        lint = engine.lint_text(path, source.text, options.codes)
        result.findings, result.problems = lint.findings, lint.problems
        result.depends, result.forwarded = lint.depends, lint.forwarded
        return result
    outcome = engine.fix_text(path, source.text, options.codes, options.unsafe_fixes)
    result.findings, result.problems = outcome.remaining.findings, outcome.remaining.problems
    result.forwarded = outcome.remaining.forwarded
    if not write:
        try:
            result.fixed_bytes = source.encode(outcome.text)
        except UnicodeEncodeError:
            result.fixed_bytes = data
    if outcome.fixed and outcome.text != source.text:
        result.fixed, result.fixed_codes = outcome.fixed, outcome.fixed_codes
        if options.diff:
            result.diff = unified_diff(path, source.text, outcome.text)
        elif write:
            try:
                write_atomic(source, outcome.text, digest(data))
            except WriteError as exc:
                result.problems.append(Problem(path, str(exc)))
                result.fixed, result.fixed_codes = 0, {}
    return result


def _add_noqa(result: FileResult, source: SourceFile, data: bytes, options: Options) -> FileResult:
    """--add-noqa: suppress every finding in place, written as --fix writes. The
    findings left in the result are those no line could take a directive for."""
    from torchlint.lint import engine, noqa

    lint = engine.lint_text(result.path, source.text, options.codes)
    result.problems = lint.problems
    new, added, result.findings = noqa.add_noqa(source.text, lint.findings)
    if not added or new == source.text:
        return result
    if not engine.parses(new):
        result.problems.append(
            Problem(result.path, "adding noqa directives broke the file; it was left unchanged")
        )
        return result
    try:
        write_atomic(source, new, digest(data))
    except WriteError as exc:
        result.problems.append(Problem(result.path, str(exc)))
    else:
        result.noqa_added = added
    return result


def _process_notebook(path: str, data: bytes, options: Options, write: bool) -> FileResult:
    """``process_text`` for a Jupyter notebook: its code cells are linted as one
    program (``torchlint.lint.notebook``); fixes and noqa directives are written back into
    the cells they belong to, the rest of the file unchanged."""
    from torchlint.lint import engine, noqa

    result = FileResult(path, fixed_bytes=data)
    try:
        book = nb.load(path, data)
    except SourceError as exc:
        result.problems.append(Problem(path, str(exc)))
        return result
    if book.language != "python":
        result.skipped = f"not a Python notebook (its kernel's language is {book.language!r})"
        result.skip_is_warning = True
        return result
    size = sum(len(cell.text.encode("utf-8", "surrogatepass")) for cell in book.cells)
    if options.max_file_size and size > options.max_file_size:
        result.skipped = (
            f"too large (code cells: {size} bytes > max-file-size {options.max_file_size})"
        )
        return result
    program = nb.Program(path, book.cells)
    labels = nb.line_labels
    if options.add_noqa:
        lint = engine.lint_text(path, program.text, options.codes, line_labels=labels)
        result.problems = lint.problems
        new, added, unplaced = noqa.add_noqa(program.text, lint.findings)
        result.findings = program.errors + nb.to_cells(unplaced, program.text)
        if added and new != program.text:
            if not engine.parses(new):
                result.problems.append(
                    Problem(
                        path, "adding noqa directives broke the notebook; it was left unchanged"
                    )
                )
            elif _write_notebook(result, book, program, new, data):
                result.noqa_added = added
        return result
    if not (options.fix or options.diff):
        lint = engine.lint_text(path, program.text, options.codes, line_labels=labels)
        result.findings = program.errors + nb.to_cells(lint.findings, program.text)
        result.findings.sort(key=Finding.sort_key)
        result.problems = lint.problems
        result.depends = lint.depends
        return result
    outcome = engine.fix_text(
        path, program.text, options.codes, options.unsafe_fixes, line_labels=labels
    )
    result.findings = program.errors + nb.to_cells(outcome.remaining.findings, outcome.text)
    result.findings.sort(key=Finding.sort_key)
    result.problems = outcome.remaining.problems
    if not outcome.fixed or outcome.text == program.text:
        return result
    if options.diff:
        try:
            texts = program.cell_texts(outcome.text)
        except SourceError as exc:
            result.problems.append(Problem(path, str(exc)))
            return result
        result.diff = "".join(
            unified_diff(f"{path}:cell {cell.number}", cell.text, texts[cell.number])
            for cell in book.cells
            if texts.get(cell.number, cell.text) != cell.text
        )
        result.fixed, result.fixed_codes = outcome.fixed, outcome.fixed_codes
    elif _write_notebook(result, book, program, outcome.text, data, write):
        result.fixed, result.fixed_codes = outcome.fixed, outcome.fixed_codes
    return result


def _write_notebook(
    result: FileResult,
    book: nb.NotebookFile,
    program: nb.Program,
    text: str,
    data: bytes,
    write: bool = True,
) -> bool:
    """Write the program ``text`` back into the notebook's cells (with ``write=False``,
    only into ``result.fixed_bytes``: stdin). False, with a problem, when it cannot."""
    try:
        new = book.updated(program.cell_texts(text))
        if write:
            write_atomic(book.source, new, digest(data))
        else:
            result.fixed_bytes = book.source.encode(new)
    except (SourceError, WriteError) as exc:
        result.problems.append(Problem(result.path, f"{exc}; the notebook was left unchanged"))
        return False
    return True


def _read_limit(path: str, options: Options) -> int:
    """A notebook's bytes are mostly its outputs (images): ``max-file-size`` limits
    its code cells instead (``_process_notebook``)."""
    return 0 if nb.is_notebook(path) else options.max_file_size


def _uses_cache(options: Options) -> bool:
    return options.cache_root is not None and not (options.fix or options.diff or options.add_noqa)


def cached_result(path: str, options: Options) -> FileResult | None:
    """The file's result from the cache, or None: a cheap read and hash, done in the
    main process so that a warm run never starts the process pool."""
    if not _uses_cache(options):
        return None
    assert options.cache_root is not None
    try:
        data = read_bytes(path, _read_limit(path, options))
    except SourceError:
        return None  # reported by process_file
    found = Cache(options.cache_root).get(key(data, path, options.codes))
    return None if found is None else FileResult(path, found.findings, forwarded=found.forwarded)


def process_file(path: str, options: Options) -> FileResult:
    try:
        data = read_bytes(path, _read_limit(path, options))
    except TooLarge as exc:
        return FileResult(path, skipped=str(exc))
    except SourceError as exc:
        return FileResult(path, problems=[Problem(path, str(exc))])
    if not _uses_cache(options):
        return process_text(path, data, options, write=True)
    # run() asked the cache already (cached_result): this file missed; store it.
    assert options.cache_root is not None
    result = process_text(path, data, options, write=False)
    if not result.problems and not result.skipped:
        Cache(options.cache_root).put(
            key(data, path, options.codes), result.findings, result.depends, result.forwarded
        )
    return result


def _safe_process(args: tuple[str, Options]) -> FileResult:
    path, options = args
    try:
        return process_file(path, options)
    except RecursionError:
        return FileResult(path, problems=[Problem(path, "not analysed: nested too deeply")])
    except MemoryError:
        return FileResult(path, problems=[Problem(path, "not analysed: out of memory")])
    except Exception as exc:  # noqa: BLE001 - a bug must not stop the other files
        return FileResult(
            path, problems=[Problem(path, f"internal error: {type(exc).__name__}: {exc}")]
        )


def run(files: list[str], options_for: Callable[[str], Options], jobs: int) -> list[FileResult]:
    # Linting allocates millions of short-lived nodes: at Python's default threshold
    # (700 allocations) the cycle collector runs thousands of times per large file and
    # walks what is alive each time. Measured on 600 library files in one process:
    # 12% of the run. (Set before the pool starts: its workers inherit it.)
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 50, 100)
    try:
        return _hand_over(_run(files, options_for, jobs), options_for)
    finally:
        gc.set_threshold(*thresholds)


def _hand_over(
    results: list[FileResult], options_for: Callable[[str], Options]
) -> list[FileResult]:
    """Each finding on a line of another file of the project goes to that file when
    the run lints it with that rule on (once, however many files led there, and not
    where that file found it itself), and
    the finding its file made at the line that led there is dropped; else that one
    stays."""
    linted = {os.path.realpath(r.path): r for r in results if not r.skipped}

    def takes(real: str, code: str) -> bool:
        target = linted.get(real)
        return target is not None and code in options_for(target.path).codes

    # (A file may have found on that line what another file's walk found there too.)
    seen = {(real, f.line, f.column, f.code) for real, r in linted.items() for f in r.findings}
    changed: set[str] = set()
    for result in results:
        for finding in result.forwarded:
            real = os.path.realpath(finding.path)
            spot = (real, finding.line, finding.column, finding.code)
            if spot in seen or not takes(real, finding.code):
                continue
            seen.add(spot)
            target = linted[real]
            target.findings.append(replace(finding, path=target.path))
            changed.add(target.path)
        if any(f.fallback and takes(f.fallback, f.code) for f in result.findings):
            result.findings = [
                f for f in result.findings if not (f.fallback and takes(f.fallback, f.code))
            ]
    for result in results:
        if result.path in changed:
            result.findings.sort(key=Finding.sort_key)
    return results


def _run(files: list[str], options_for: Callable[[str], Options], jobs: int) -> list[FileResult]:
    results: list[FileResult] = []
    work = []
    for path in files:
        options = options_for(path)
        hit = cached_result(path, options)
        if hit is not None:
            results.append(hit)
        else:
            work.append((path, options))
    if jobs <= 1 or len(work) <= 1:
        results += [_safe_process(w) for w in work]
    else:
        # Largest files first, in small chunks: the few files that pass the screen
        # cost a hundred times the others and sit together in a folder, so chunks
        # of neighbours in path order leave one worker with most of the work.
        work.sort(key=lambda w: _size(w[0]), reverse=True)
        chunk = max(1, min(4, len(work) // (jobs * 16)))
        # Imported here: multiprocessing costs 20 ms of start-up that a warm run (all
        # cache hits) or a single file never needs.
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            results += pool.map(_safe_process, work, chunksize=chunk)
    return sorted(results, key=lambda r: r.path)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
