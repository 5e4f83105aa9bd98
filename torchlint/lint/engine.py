"""The per-file pipeline: screen -> parse -> analyse -> rules -> findings, and the
fix loop. Pure functions of (path, text, enabled codes), so the process pool, the
flake8 plugin and the language server all share them."""

from __future__ import annotations

import ast
import contextlib
import os
import sys
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import libcst as cst
from libcst.metadata import CodeRange

from torchlint.analysis import analyze
from torchlint.analysis.project import Home
from torchlint.lint import forward, noqa
from torchlint.lint.findings import Applicability, Edit, Finding, Fix, Problem
from torchlint.lint.parsing import parse_module
from torchlint.lint.positions import Offsets
from torchlint.lint.positions import positions as locate
from torchlint.lint.source import file_digest
from torchlint.lint.traverse import nodes, walk
from torchlint.rules.registry import ENGINE_CODES, SYNTAX_ERROR, all_rules
from torchlint.rules.rule import LintContext, Report, Rule, ScopeTracker, name_line
from torchlint.screen import Evidence, project_imports, without_bodies

MAX_FIX_PASSES = 10

# How a message names a line of the text being linted: given the text, a function of
# the line number ("line 12"; in a notebook's program, "cell 2, line 3").
LineLabels = Callable[[str], Callable[[int], str]]


def _line(n: int) -> str:
    return f"line {n}"


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The other files of the project the analysis read, with a digest of the text
    # it read: the findings hold only while they are unchanged.
    depends: dict[str, str] = field(default_factory=dict)
    # The files the screen read for it (their digests join ``depends``).
    consulted: set[str] = field(default_factory=set)
    # Findings on lines of other files of the project (``torchlint.lint.forward``):
    # theirs when the same run lints them.
    forwarded: list[Finding] = field(default_factory=list)


def rules_for(
    text: str, codes: frozenset[str], tree: ast.Module | None = None, path: str | None = None
) -> list[type[Rule]]:
    """The enabled rules that can match the file: first the text triggers (a
    substring search), then, given CPython's tree, the evidence each rule needs
    (``torchlint.screen``). What is screened out is never parsed with LibCST."""
    return screen_units(text, codes, tree, path)[0]


def screen_units(
    text: str,
    codes: frozenset[str],
    tree: ast.Module | None,
    path: str | None = None,
    consulted: set[str] | None = None,
) -> tuple[list[type[Rule]], list[ast.stmt]]:
    """``rules_for``, and the top-level units none of those rules can match in
    (their bodies are not parsed)."""
    candidates = [
        rule for code, rule in all_rules().items() if code in codes and not rule.engine_rule
    ]

    def triggered(rule: type[Rule], elsewhere: Collection[str] = ()) -> bool:
        return not rule.triggers or any(t in text or t in elsewhere for t in rule.triggers)

    if tree is None:
        return [rule for rule in candidates if triggered(rule)], []
    if not any(rule.needs and not rule.triggers for rule in candidates):
        # The text alone may spare the screen. (Where a rule without triggers needs
        # evidence, the screen runs anyway, and the triggers are searched for only
        # for the rules it lets through: a search that misses reads the whole text.)
        out = [rule for rule in candidates if triggered(rule)]
        if not (
            any(rule.needs for rule in out) or (path is not None and project_imports(tree, path))
        ):
            return out, []
    try:
        evidence = Evidence(tree, path, {t for rule in candidates for t in rule.triggers})
    except RecursionError:
        # too deep to screen: let the analysis decide
        return [rule for rule in candidates if triggered(rule)], []
    if consulted is not None:
        consulted |= evidence.consulted
    # (What the code calls in other files of the project is followed: their text may
    # hold a rule's triggers.)
    rules = [
        rule
        for rule in candidates
        if any(evidence.may_match(needs) for needs in rule.evidence())
        and triggered(rule, evidence.elsewhere)
    ]
    if not rules:
        return rules, []
    whole = [needs for rule in rules if rule.whole_class for needs in rule.evidence()]
    kept = frozenset(tag for rule in rules for tag in rule.keeps)
    return rules, evidence.idle([n for rule in rules for n in rule.evidence()], whole, kept)


def _on_disk(path: str) -> str | None:
    """The path the other files of the project are looked for from: the file's own,
    when there is one (not stdin, not an editor's unsaved buffer)."""
    return path if path != "-" and os.path.isfile(path) else None


def _python_parse(text: str) -> ast.Module | SyntaxError:
    try:
        return ast.parse(text)
    except SyntaxError as exc:
        return exc
    except (RecursionError, MemoryError):
        return SyntaxError("nested too deeply for Python's parser")
    except ValueError as exc:  # e.g. source code string cannot contain null bytes
        return SyntaxError(str(exc) or type(exc).__name__)


def _syntax_finding(path: str, exc: SyntaxError) -> Finding:
    line = exc.lineno or 1
    col = max((exc.offset or 1) - 1, 0)
    return Finding(path, line, col, SYNTAX_ERROR, f"syntax error: {exc.msg}")


def lint_text(
    path: str,
    text: str,
    codes: frozenset[str],
    *,
    apply_noqa: bool = True,
    screen: bool = True,
    line_labels: LineLabels | None = None,
) -> LintResult:
    """Lint one file's text. With ``apply_noqa=False`` findings that a ``# noqa``
    comment suppresses are kept (each still carries its ``noqa_lines``): for a host
    such as flake8 that applies noqa itself. ``screen=False`` runs every enabled
    rule whatever the screen says (the tests' and ``bench/corpus_check.py``'s
    reference for the screen's soundness). ``line_labels`` says how messages name
    the lines they point to (default: "line 12")."""
    label = line_labels(text) if line_labels is not None else _line
    result = _lint_text(path, text, codes, screen, label)
    for other in result.consulted - result.depends.keys():
        digest = file_digest(other)  # what the screen decided from, read again
        if digest is not None:
            result.depends[other] = digest
    if not apply_noqa or (not result.findings and noqa.UNUSED_NOQA not in codes):
        return result
    if any(f.code == SYNTAX_ERROR for f in result.findings):
        return result  # not suppressible, and nothing else was looked at
    every = result.findings
    result.findings = noqa.filter_findings(every, text)
    if noqa.UNUSED_NOQA in codes and not result.problems:
        # Unused noqa (TL901) compares the directives with every finding of the
        # enabled rules, suppressed or not.
        known = [*all_rules(), *ENGINE_CODES]
        result.findings.extend(noqa.unused(path, text, every, codes, known))
        result.findings.sort(key=Finding.sort_key)
    return result


def _lint_text(
    path: str, text: str, codes: frozenset[str], screen: bool, label: Callable[[int], str]
) -> LintResult:
    result = LintResult()
    if noqa.skip_file(text):
        return result
    # CPython's parser first: about 13x cheaper than LibCST's, it says whether the
    # file is Python at all, it refuses the pathological nesting that would
    # overflow LibCST's native parser's stack (a crash no except clause can catch),
    # and its tree is what the screen reads.
    tree = _python_parse(text)
    if isinstance(tree, SyntaxError):
        result.findings.append(_syntax_finding(path, tree))
        return result
    idle: list[ast.stmt] = []
    if screen:
        rules, idle = screen_units(text, codes, tree, _on_disk(path), result.consulted)
    else:
        rules = [r for code, r in all_rules().items() if code in codes and not r.engine_rule]
    if not rules:
        return result
    with _deep_recursion():
        return _lint_parsed(path, text, rules, result, idle, tree, label)


@contextlib.contextmanager
def _deep_recursion() -> Iterator[None]:
    """LibCST's visitors recurse once per tree level; a long ``a + a + ... + a``
    (1,000 terms) is 1,000 levels. Python 3.11 frames do not use the C stack for
    this, so a higher limit is safe."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 20_000))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def _lint_parsed(
    path: str,
    text: str,
    rules: list[type[Rule]],
    result: LintResult,
    idle: Sequence[ast.stmt] = (),
    tree: ast.Module | None = None,
    label: Callable[[int], str] = _line,
) -> LintResult:
    source = text  # what noqa comments are read from
    try:
        # Only what a rule can match in is parsed: the units the screen found idle
        # keep their headers and lose their bodies (positions do not change).
        text = without_bodies(text, idle)
        try:
            module = parse_module(text)
        except cst.ParserSyntaxError:
            if text is source:
                raise
            text = source
            module = parse_module(text)
    except cst.ParserSyntaxError as exc:
        # Valid for CPython (checked above) but not for LibCST: newer syntax.
        message = str(exc.message).splitlines()[0]
        result.problems.append(
            Problem(
                path,
                f"not analysed: LibCST cannot parse it ({exc.editor_line}:"
                f"{exc.editor_column}: {message})",
            )
        )
        return result
    except RecursionError:
        result.problems.append(Problem(path, "not analysed: nested too deeply to parse"))
        return result
    try:
        analysis = analyze(module, _on_disk(path))
    except RecursionError:
        result.problems.append(Problem(path, "not analysed: nested too deeply"))
        return result
    except Exception as exc:  # noqa: BLE001 - one file must never stop the run
        result.problems.append(Problem(path, f"internal error in analysis: {_one_line(exc)}"))
        return result

    ctx = LintContext(module, analysis)
    try:
        walk(module, [ScopeTracker(ctx), *(r(ctx) for r in rules)])
    except Exception:  # noqa: BLE001
        # Find the culprit(s): run each rule on its own, keep what the others found.
        ctx.reports.clear()
        for rule in rules:
            single = LintContext(module, analysis)
            try:
                walk(module, [ScopeTracker(single), rule(single)])
            except Exception as exc:  # noqa: BLE001
                result.problems.append(
                    Problem(path, f"internal error in {rule.code}: {_one_line(exc)}")
                )
            else:
                ctx.reports.extend(single.reports)
    files = analysis.files
    result.depends = {home.path: home.digest for home in files if home.path is not None}
    if ctx.reports:
        reports = _own_reports(ctx.reports, files) if files else ctx.reports
        found = _findings(path, text, module, tree, reports, label, files)
        # (A notebook's lines are its cells': its findings stay with it.)
        if ctx.foreign and label is _line:
            found = _forward(path, text, module, tree, rules, ctx, reports, found, result)
        result.findings.extend(found)
    result.findings.sort(key=Finding.sort_key)
    return result


def _forward(
    path: str,
    text: str,
    module: cst.Module,
    tree: ast.Module | None,
    rules: list[type[Rule]],
    ctx: LintContext,
    reports: list[Report],
    found: list[Finding],
    result: LintResult,
) -> list[Finding]:
    """Findings about lines of other files: reported by those files when the run
    lints them (``result.forwarded``), else here, as found (their fallbacks)."""
    try:
        again = forward.forward_reports(module, ctx.analysis, rules, ctx)
        result.forwarded = forward.findings(path, text, module, tree, again, ctx.analysis.files)
    except Exception:  # noqa: BLE001 - the findings here stand on their own
        return found
    targets = forward.targets(ctx, again)
    out = []
    for report, finding in zip(reports, found, strict=True):
        target = targets.get((report.code, id(report.node)))
        out.append(replace(finding, fallback=target) if target is not None else finding)
    return out


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _own_reports(reports: list[Report], files: Sequence[Home]) -> list[Report]:
    """The reports this file can carry, when the analysis read other files of the
    project: a finding is about a node of this file (one about another file's node is
    that file's to report, in its own run), and a fix edits this file only."""

    def foreign(node: cst.CSTNode) -> bool:
        return any(home.owns(node) for home in files)

    out = []
    for report in reports:
        if foreign(report.node):
            continue
        if report.statement is not None and foreign(report.statement):
            report = replace(report, statement=None)
        if report.fix is not None and any(foreign(old) for old, _ in report.fix.replacements):
            report = replace(report, fix=None)
        out.append(report)
    return out


def _findings(
    path: str,
    text: str,
    module: cst.Module,
    tree: ast.Module | None,
    reports: list[Report],
    label: Callable[[int], str] = _line,
    files: Sequence[Home] = (),
) -> list[Finding]:
    offsets = Offsets(text)
    wanted: list[cst.CSTNode] = []
    # Lines of the other files of the project that messages name: "line 36 of
    # dist_utils.py".
    elsewhere: dict[int, str] = {}
    by_file: dict[int, list[cst.CSTNode]] = {}
    for report in reports:
        wanted.append(report.node)
        if report.statement is not None:
            wanted.append(report.statement)
        for _, node in report.related:
            home = next((h for h in files if h.owns(node)), None) if files else None
            if home is None:
                wanted.append(node)
            else:
                by_file.setdefault(id(home), []).append(node)
        if report.fix is not None:
            wanted.extend(old for old, _ in report.fix.replacements)
    for home in files:
        found = by_file.get(id(home))
        if found and home.analysis.module is not None and home.path is not None:
            spots = locate(home.analysis.module, Offsets(home.text), home.tree, found)
            name = os.path.relpath(home.path, os.path.dirname(os.path.abspath(path)))
            for node in found:
                elsewhere[id(node)] = f"line {spots[node].start.line} of {name}"
    positions = locate(module, offsets, tree, wanted)
    out = []
    for report in reports:
        where: CodeRange = positions[report.node]
        lines = {where.start.line}
        if report.statement is not None:
            stmt: CodeRange = positions[report.statement]
            lines.add(stmt.start.line)
            if isinstance(report.statement, cst.SimpleStatementLine):
                lines.add(stmt.end.line)
        message = report.message
        for key, node in report.related:
            other = elsewhere.get(id(node))
            if other is not None:
                message = name_line(message, key, other, other.removeprefix("line "))
                continue
            line = positions[node].start.line
            message = name_line(message, key, label(line), str(line))
        fix = None
        if report.fix is not None:
            fix = _fix(module, positions, offsets, report)
        out.append(
            Finding(
                path=path,
                line=where.start.line,
                column=where.start.column,
                end_line=where.end.line,
                end_column=where.end.column,
                code=report.code,
                message=message,
                fix=fix,
                noqa_lines=frozenset(lines),
            )
        )
    return out


def _fix(
    module: cst.Module, positions: Mapping[cst.CSTNode, CodeRange], offsets: Offsets, report: Report
) -> Fix | None:
    assert report.fix is not None
    indent = ""
    if report.statement is not None:
        line = positions[report.statement].start.line
        text = offsets.text[offsets.starts[line - 1] :]
        indent = text[: len(text) - len(text.lstrip(" \t"))]
    edits = []
    for old, new in report.fix.replacements:
        r: CodeRange = positions[old]
        start = offsets.index(r.start.line, r.start.column)
        end = offsets.index(r.end.line, r.end.column)
        old_code, new_code = module.code_for_node(old), module.code_for_node(new)
        actual = offsets.text[start:end]
        if actual != old_code and indent and "\n" in old_code:
            # Generated out of context, a node that spans lines lacks the indentation
            # of the block it sits in; put it back on both sides.
            old_code = old_code.replace("\n", "\n" + indent)
            new_code = new_code.replace("\n", "\n" + indent)
        # The edit must replace exactly the old node's text; if positions and text
        # ever disagree, offering no fix is better than offering a wrong one.
        if actual != old_code:
            return None
        # A fix never drops a comment that sat inside what it rewrites.
        if "#" in old_code and any(
            c.value not in new_code for c in nodes(old, cst.Comment, whitespace=True)
        ):
            return None
        edits.append(Edit(r.start.line, r.start.column, r.end.line, r.end.column, new_code))
    return Fix(report.fix.applicability, tuple(sorted(edits)), report.fix.message)


# ---------------------------------------------------------------------- fixing


def applicable(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and (fix.applicability is Applicability.SAFE or unsafe)


def apply_fixes(text: str, findings: list[Finding], unsafe: bool) -> tuple[str, list[str]]:
    """Apply every applicable fix whose edits do not overlap an earlier one's.
    Returns the new text and the codes of the findings fixed (one per finding)."""
    offsets = Offsets(text)
    chosen: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    fixed: list[str] = []
    for finding in findings:
        if not applicable(finding.fix, unsafe):
            continue
        assert finding.fix is not None
        spans = [
            (offsets.index(e.line, e.column), offsets.index(e.end_line, e.end_column), e.content)
            for e in finding.fix.edits
        ]
        if any((s < te and ts < e) or s == e == ts for s, e, _ in spans for ts, te in taken):
            continue  # overlaps an earlier fix; the next pass will get to it
        chosen.extend(spans)
        taken.extend((s, e) for s, e, _ in spans)
        fixed.append(finding.code)
    if not chosen:
        return text, []
    pieces = []
    last = 0
    for start, end, content in sorted(chosen, key=lambda c: (c[0], c[1])):
        pieces.append(text[last:start])
        pieces.append(content)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), fixed


@dataclass
class FixOutcome:
    text: str
    fixed: int
    remaining: LintResult
    fixed_codes: dict[str, int] = field(default_factory=dict)  # code -> findings fixed


def fix_text(
    path: str,
    text: str,
    codes: frozenset[str],
    unsafe: bool,
    line_labels: LineLabels | None = None,
) -> FixOutcome:
    """Fix until nothing applicable is left (fixes can unlock others), re-parsing
    after every pass. If a pass would produce code that does not parse, nothing of
    it is kept and the problem is reported."""
    current = text
    fixed_codes: dict[str, int] = {}
    result = lint_text(path, current, codes, line_labels=line_labels)
    for _ in range(MAX_FIX_PASSES):
        new, fixed_now = apply_fixes(current, result.findings, unsafe)
        if not fixed_now:
            break
        if not parses(new):
            original = lint_text(path, text, codes, line_labels=line_labels)
            original.problems.append(
                Problem(
                    path, "a fix produced code that does not parse; the file was left unchanged"
                )
            )
            return FixOutcome(text, 0, original)
        current = new
        for code in fixed_now:
            fixed_codes[code] = fixed_codes.get(code, 0) + 1
        result = lint_text(path, current, codes, line_labels=line_labels)
    return FixOutcome(current, sum(fixed_codes.values()), result, fixed_codes)


def parses(text: str) -> bool:
    """For the Python that runs torchlint and for LibCST. LibCST alone is not enough:
    it reads 3.12's f-strings on any Python, so a fix that puts `"cpu"` inside an
    `f"..."` would pass it and break the file on 3.10 and 3.11."""
    if isinstance(_python_parse(text), SyntaxError):
        return False
    try:
        parse_module(text)
    except (cst.ParserSyntaxError, RecursionError):
        return False
    return True
