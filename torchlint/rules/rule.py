"""What a rule is: one small class with its code, name, documentation and a LibCST
visitor that reads the shared analysis and reports findings (with fixes).

All enabled rules of a file run in ONE traversal (``torchlint.lint.traverse.walk``);
positions are computed only for files that have findings."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

import libcst as cst

from torchlint.analysis import Analysis, ClassFacts, FunctionFacts
from torchlint.lint.findings import Applicability


class Replace(NamedTuple):
    """One edit of a fix: the node of the parsed file, and the node written in its
    place."""

    old: cst.CSTNode
    new: cst.CSTNode


@dataclass(frozen=True)
class FixSpec:
    """A fix as the rule sees it: node replacements. The engine turns them into text
    edits with the original node's positions and LibCST's code generator.

    Built the way ruff's rules build theirs, saying first whether ``--fix`` may apply
    it on its own::

        FixSpec.safe(Replace(node, new), message="use torch.tensor")
        FixSpec.unsafe(Replace(node, new), message="register it as a buffer")
        FixSpec.safe_if(dtype.certain, Replace(node, new), message="cast with .to()")
    """

    applicability: Applicability
    replacements: tuple[Replace, ...]
    message: str

    @classmethod
    def safe(cls, *edits: Replace, message: str) -> FixSpec:
        """Keeps the code's meaning: ``--fix`` applies it."""
        return cls(Applicability.SAFE, edits, message)

    @classmethod
    def unsafe(cls, *edits: Replace, message: str) -> FixSpec:
        """May change what the code does (or needs a newer torch): applied only with
        ``--unsafe-fixes``."""
        return cls(Applicability.UNSAFE, edits, message)

    @classmethod
    def safe_if(cls, safe: bool, *edits: Replace, message: str) -> FixSpec:
        """Safe when ``safe`` holds (the rule knows enough about the receiver),
        unsafe otherwise."""
        return (cls.safe if safe else cls.unsafe)(*edits, message=message)


@dataclass(frozen=True)
class Report:
    node: cst.CSTNode
    code: str
    message: str
    fix: FixSpec | None
    statement: cst.CSTNode | None
    # ``<line:KEY>`` in the message becomes the start line of related[KEY]: how a
    # message points to the other half of the story (the cast, the move).
    related: tuple[tuple[str, cst.CSTNode], ...] = ()


def name_line(message: str, key: str, spot: str, bare: str) -> str:
    """``message`` with its ``<line:KEY>`` placeholder filled: ``line <line:key>``
    becomes ``spot`` ("line 12", "line 12 of utils.py", "cell 2, line 3"), a bare
    ``<line:key>`` becomes ``bare`` ("12")."""
    return message.replace(f"line <line:{key}>", spot).replace(f"<line:{key}>", bare)


class LintContext:
    """Shared by all rules of one file: the tree, the analysis, and where the
    traversal is (statement, function, class), kept by ``ScopeTracker``."""

    def __init__(self, module: cst.Module, analysis: Analysis, forward: bool = False) -> None:
        self.module = module
        self.analysis = analysis
        self.statements: list[cst.CSTNode] = []
        self.functions: list[FunctionFacts] = []
        self.classes: list[ClassFacts] = []
        self.reports: list[Report] = []
        # ``forward``: the second traversal, run only when the first one met a line to
        # change in another file of the project; a finding lands on that line
        # (``Rule.once_at``), for that file's report (``torchlint.lint.forward``).
        self.forward = forward
        # (rule code, id of the node reported instead) -> the line of another file
        # that finding is about; in the forward traversal, id of that line -> the
        # node of this file that led there.
        self.foreign: dict[tuple[str, int], cst.CSTNode] = {}
        self.reached_from: dict[int, cst.CSTNode] = {}

    @property
    def function(self) -> FunctionFacts | None:
        return self.functions[-1] if self.functions else None

    @property
    def cls(self) -> ClassFacts | None:
        f = self.function
        if f is not None:
            return f.cls
        return self.classes[-1] if self.classes else None

    def code_for(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def in_this_file(self, node: cst.CSTNode) -> bool:
        """``node`` is this file's, not one of another file of the project that the
        analysis followed a call into (a finding can land only on this file's)."""
        return not any(home.owns(node) for home in self.analysis.files)

    def same_file(self, a: cst.CSTNode, b: cst.CSTNode) -> bool:
        """``a`` and ``b`` are in one file: this one, or one other file of the project
        (a call handing over what a helper of another file made is in a third)."""
        if self.in_this_file(a):
            return True
        homes = {home.path for home in self.analysis.files if home.owns(a)}
        return any(home.path in homes for home in self.analysis.files if home.owns(b))


class ScopeTracker(cst.BatchableCSTVisitor):
    """Runs first in the batched traversal and keeps ``LintContext``'s stacks."""

    def __init__(self, ctx: LintContext) -> None:
        super().__init__()
        self.ctx = ctx

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.ctx.statements.append(node)

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine) -> None:
        self.ctx.statements.pop()

    def _enter_compound(self, node: cst.CSTNode) -> None:
        self.ctx.statements.append(node)

    def _leave_compound(self, node: cst.CSTNode) -> None:
        self.ctx.statements.pop()

    # A finding in a compound statement's header belongs to that statement; one in
    # its body belongs to the body's own simple statement, pushed on top.
    visit_If = visit_While = visit_For = visit_With = visit_Try = _enter_compound  # type: ignore[assignment]
    leave_If = leave_While = leave_For = leave_With = leave_Try = _leave_compound  # type: ignore[assignment]

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.ctx.statements.append(node)
        self.ctx.classes.append(self.ctx.analysis.classes[node])

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.ctx.statements.pop()
        self.ctx.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.ctx.statements.append(node)
        self.ctx.functions.append(self.ctx.analysis.functions[node])

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.ctx.statements.pop()
        self.ctx.functions.pop()


class Rule(cst.BatchableCSTVisitor):
    """Subclass this in a module under ``torchlint/checks/`` and add the rule's
    folder under ``rules/`` (``python -m torchlint.docs new`` writes both;
    docs/contributing.md); the registry finds it, the rule-book test runs it and the
    docs are generated from it.

    ``docs`` holds the ruff-style sections in Markdown: ``## What it does``,
    ``## Why is this bad?``, ``## Example``, ``## Use instead``, ``## Fix safety``
    and ``## References``. The dated figures of an audit are data, not code: the
    rule book's ``audit.md``, shown on the rule's page under Precision."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    docs: ClassVar[str]
    default_enabled: ClassVar[bool] = True
    fixable: ClassVar[bool] = False
    # A file whose text contains none of these substrings cannot match; it is not
    # parsed for this rule. Empty means "always run".
    triggers: ClassVar[tuple[str, ...]] = ()
    # Evidence tags (``torchlint.screen``) that one unit of the file must carry
    # for the rule to have anything to say; read from CPython's tree, before the
    # LibCST parse. Empty means "no such condition".
    needs: ClassVar[frozenset[str]] = frozenset()
    # Other sets of tags, any one of which lets the rule run as ``needs`` does: a
    # rule with two shapes of evidence (``evidence()`` gives them all).
    needs_either: ClassVar[tuple[frozenset[str], ...]] = ()
    # The rule reads a class as a whole (an attribute set in ``__init__`` and used in
    # another method): where it may match, the screen keeps every method of a class.
    # Otherwise a method none of the rules can match in loses its body.
    whole_class: ClassVar[bool] = False
    # Tags of units that hold a fact about the whole file the rule reads (a
    # ``torch.cuda.set_device`` in any function): where the rule may match, the
    # screen keeps such units in the parse, so the fact is seen.
    keeps: ClassVar[frozenset[str]] = frozenset()
    # Reported by the engine itself, not by a traversal (TL901, unused noqa): never
    # screened nor walked.
    engine_rule: ClassVar[bool] = False

    def __init__(self, ctx: LintContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._reported_at: set[int] = set()

    def once_at(
        self, line_to_change: cst.CSTNode, here: cst.CSTNode, forward: bool = False
    ) -> cst.CSTNode | None:
        """Where a finding about ``line_to_change`` (a cast, say) lands: on it, once
        however many calls lead to it; on ``here`` (the call being visited) when it
        is a line of another file of the project. With ``forward`` (the other file's
        code is where the story happens, not a value it hands back here), the forward
        traversal reports that line for its own file (``torchlint.lint.forward``).
        None when it was reported there already."""
        ctx = self.ctx
        at = line_to_change
        if not ctx.in_this_file(line_to_change):
            if forward and ctx.forward:
                ctx.reached_from.setdefault(id(line_to_change), here)
            else:
                at = here
        if id(at) in self._reported_at:
            return None
        self._reported_at.add(id(at))
        if forward and at is not line_to_change:
            ctx.foreign[(self.code, id(at))] = line_to_change
        return at

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        fix: FixSpec | None = None,
        related: Mapping[str, cst.CSTNode] | None = None,
        statement: cst.CSTNode | None = None,
    ) -> None:
        """``statement``: the statement ``node`` sits in, when it is not the one being
        visited (a finding about a call site, found in the function it calls)."""
        stmt = statement or (self.ctx.statements[-1] if self.ctx.statements else None)
        rel = tuple(sorted((related or {}).items(), key=lambda kv: kv[0]))
        self.ctx.reports.append(Report(node, self.code, message, fix, stmt, rel))

    @classmethod
    def evidence(cls) -> tuple[frozenset[str], ...]:
        """``needs`` and ``needs_either``: the sets of tags of which one unit must
        carry one whole set for the rule to run."""
        return (cls.needs, *cls.needs_either)

    @classmethod
    def documentation(cls) -> str:
        """The full Markdown text that ``--explain`` prints and the docs page starts
        with."""
        title = f"# {cls.code} `{cls.name}`"
        default = "on" if cls.default_enabled else f"off (opt in with `--extend-select {cls.code}`)"
        status = [f"Default: {default}.", f"Fix: {'available' if cls.fixable else 'none'}."]
        body = textwrap.dedent(cls.docs).strip()
        return f"{title}\n\n{cls.summary}\n\n{' '.join(status)}\n\n{body}\n"
