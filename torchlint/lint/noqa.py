"""flake8-compatible suppression comments."""

from __future__ import annotations

import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass

from torchlint.lint.findings import Applicability, Edit, Finding, Fix
from torchlint.lint.source import LINE_BREAK, physical_lines

# Same shape as flake8's comments: bare "noqa", "noqa: TL101", "noqa:TL101,TL102".
# A bare one (or one whose code list does not parse) suppresses everything on the line.
NOQA = re.compile(
    r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?",
    re.IGNORECASE,
)
SKIP_FILE = re.compile(r"^#\s*torchlint\s*:\s*skip-file\s*$", re.MULTILINE)
_CODE_SPLIT = re.compile(r"[,\s]+")


def skip_file(text: str) -> bool:
    if "skip-file" not in text:
        return False
    return SKIP_FILE.search(text.replace("\r\n", "\n").replace("\r", "\n")) is not None


def noqa_map(text: str) -> dict[int, frozenset[str] | None]:
    """Line number -> suppressed codes (None: all). Only lines that mention noqa."""
    out: dict[int, frozenset[str] | None] = {}
    if "noqa" not in text.lower():
        return out
    for lineno, line in enumerate(physical_lines(text), start=1):
        if "#" not in line:
            continue
        m = NOQA.search(line)
        if m is None:
            continue
        codes = m.group("codes")
        out[lineno] = frozenset(c.upper() for c in _CODE_SPLIT.split(codes) if c) if codes else None
    return out


def suppressed(finding: Finding, noqa: dict[int, frozenset[str] | None]) -> bool:
    for line in finding.noqa_lines or {finding.line}:
        if line not in noqa:
            continue
        codes = noqa[line]
        if codes is None or any(finding.code.startswith(c) for c in codes):
            return True
    return False


def filter_findings(findings: Iterable[Finding], text: str) -> list[Finding]:
    noqa = noqa_map(text)
    if not noqa:
        return list(findings)
    return [f for f in findings if not suppressed(f, noqa)]


# ------------------------------------------------------------- noqa hygiene

# The opt-in rule that reports unused and unknown noqa codes, TL... (ruff's
# RUF100). It runs in the engine, after noqa filtering: it needs every finding of
# the enabled rules, suppressed or not.
UNUSED_NOQA = "TL901"


@dataclass(frozen=True)
class Directive:
    """A ``# noqa`` directive in a real comment (never in a string): its line, the
    columns of the directive itself, and its codes with their columns (None for a
    blanket ``# noqa``)."""

    line: int
    start: int
    end: int
    codes: tuple[tuple[str, int, int], ...] | None
    codes_span: tuple[int, int] = (0, 0)


_CODE = re.compile(r"[A-Za-z]+[0-9]+")


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    lines = iter(physical_lines_keepends(text))
    try:
        return list(tokenize.generate_tokens(lambda: next(lines, "")))
    except (tokenize.TokenError, SyntaxError):
        return []


def physical_lines_keepends(text: str) -> list[str]:
    """``physical_lines`` with each line's ending kept."""
    parts = LINE_BREAK.split(text)
    ends = LINE_BREAK.findall(text)
    out = [p + e for p, e in zip(parts, ends, strict=False)]
    if parts[-1]:
        out.append(parts[-1])
    return out


def directives(text: str, tokens: list[tokenize.TokenInfo] | None = None) -> dict[int, Directive]:
    """Line -> the noqa directive of the line's comment, when the engine reads it
    (the first ``# noqa`` of the line is in the comment, not in a string)."""
    out: dict[int, Directive] = {}
    if "noqa" not in text.lower():
        return out
    lines = physical_lines(text)
    for tok in _tokens(text) if tokens is None else tokens:
        if tok.type != tokenize.COMMENT:
            continue
        m = NOQA.search(tok.string)
        if m is None:
            continue
        line, col = tok.start
        first = NOQA.search(lines[line - 1]) if line <= len(lines) else None
        if first is None or first.start() != col + m.start():
            continue  # the engine reads another directive on this line (in a string)
        codes = None
        span = (0, 0)
        if m.group("codes"):
            base = col + m.start("codes")
            codes = tuple(
                (c.group().upper(), base + c.start(), base + c.end())
                for c in _CODE.finditer(m.group("codes"))
            )
            span = (base, col + m.end("codes"))
        out[line] = Directive(line, col + m.start(), col + m.end(), codes, span)
    return out


def _removal(line_text: str, d: Directive, has_next_line: bool) -> Edit:
    """The edit that removes the whole directive and nothing else: the spaces before
    it when it ends the line, the line when it is all the line holds; a comment after
    it (``# type: ignore``) or a reason written after its codes is kept."""
    before, rest = line_text[: d.start], line_text[d.end :]
    if not rest.strip():
        if not before.strip():
            if has_next_line:
                return Edit(d.line, 0, d.line + 1, 0, "")
            return Edit(d.line, 0, d.line, len(line_text), "")
        return Edit(d.line, len(before.rstrip()), d.line, len(line_text), "")
    gap = len(rest) - len(rest.lstrip())
    if rest.lstrip().startswith("#"):
        return Edit(d.line, d.start, d.line, d.end + gap, "")
    # A reason after the codes stays a comment: "noqa: X reason" -> "# reason".
    return Edit(d.line, d.start, d.line, d.end + gap, "# ")


def unused(
    path: str,
    text: str,
    findings: Iterable[Finding],
    enabled: frozenset[str],
    known: Iterable[str],
) -> list[Finding]:
    """TL901 findings: the ``# noqa`` directives that suppress no finding of
    ``findings`` (every finding of the enabled rules, before noqa filtering).

    Only TL codes are judged (``E501`` belongs to another tool), and only codes of
    enabled rules can be unused (a ``# noqa: TL204`` in a run that does not select
    TL204 cannot be judged); a TL code that names no rule is unknown. A directive
    that names TL901 (or a prefix of it) is never reported."""
    found = directives(text)
    if not found:
        return []
    known = tuple(known)
    used: dict[int, set[str]] = {}
    for f in findings:
        for line in f.noqa_lines or {f.line}:
            d = found.get(line)
            if d is None:
                continue
            if d.codes is None:
                used.setdefault(line, set()).add("")
            else:
                used.setdefault(line, set()).update(
                    c for c, _, _ in d.codes if f.code.startswith(c)
                )
    lines = physical_lines(text)
    out = []
    for line, d in sorted(found.items()):
        line_text = lines[line - 1]
        has_next = line < len(lines)
        if d.codes is None:
            if "" in used.get(line, ()):
                continue
            edit = _removal(line_text, d, has_next)
            fix = Fix(Applicability.UNSAFE, (edit,), "Remove unused `noqa` directive")
            out.append(
                Finding(
                    path,
                    line,
                    d.start,
                    UNUSED_NOQA,
                    "Unused blanket `noqa` directive",
                    line,
                    d.end,
                    fix,
                )
            )
            continue
        if any(UNUSED_NOQA.startswith(c) for c, _, _ in d.codes):
            continue
        unknown, unused_codes, kept = [], [], []
        for code, _, _ in d.codes:
            if not code.startswith("TL") or code.startswith("TLR"):
                kept.append(code)
            elif not any(k.startswith(code) for k in known):
                unknown.append(code)
            elif any(k.startswith(code) for k in enabled) and code not in used.get(line, ()):
                unused_codes.append(code)
            else:
                kept.append(code)
        if not unknown and not unused_codes:
            continue
        parts = []
        if unused_codes:
            parts.append("unused: " + ", ".join(f"`{c}`" for c in unused_codes))
        if unknown:
            parts.append("unknown: " + ", ".join(f"`{c}`" for c in unknown))
        if kept:
            edit = Edit(line, d.codes_span[0], line, d.codes_span[1], ", ".join(kept))
        else:
            edit = _removal(line_text, d, has_next)
        fix = Fix(Applicability.SAFE, (edit,), "Remove unused `noqa` directive")
        out.append(
            Finding(
                path,
                line,
                d.start,
                UNUSED_NOQA,
                f"Unused `noqa` directive ({'; '.join(parts)})",
                line,
                d.end,
                fix,
            )
        )
    return out


def add_noqa(text: str, findings: Iterable[Finding]) -> tuple[str, int, list[Finding]]:
    """``--add-noqa``: a ``# noqa: CODE, ...`` on a line that suppresses each finding.

    The line is the finding's own when a comment can end it, else the first or last
    line of its statement (which the engine also reads): never a line that ends inside
    a multi-line string (a comment there would be text of the string) or with a
    backslash continuation. An existing ``# noqa: X`` there gets the codes added
    (``# noqa: X, TL101``). Returns the new text, the number of lines given or
    extended a directive, and the findings no line could take."""
    tokens = _tokens(text)
    blocked: set[int] = set()
    commented: set[int] = set()
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            commented.add(tok.start[0])
        elif tok.end[0] > tok.start[0]:
            blocked.update(range(tok.start[0], tok.end[0]))
    lines = physical_lines_keepends(text)
    bare = physical_lines(text)

    def commentable(line: int) -> bool:
        if not 0 < line <= len(bare) or line in blocked:
            return False
        return line in commented or not bare[line - 1].rstrip().endswith("\\")

    wanted: dict[int, set[str]] = {}
    unplaced = []
    for f in findings:
        if f.code in (UNUSED_NOQA, "TL000"):
            continue
        candidates = [f.line, *sorted((f.noqa_lines or {f.line}) - {f.line})]
        line = next((c for c in candidates if commentable(c)), None)
        if line is None:
            unplaced.append(f)
            continue
        wanted.setdefault(line, set()).add(f.code)
    found = directives(text, tokens)
    added = 0
    for line, new_codes in wanted.items():
        content = bare[line - 1]
        ending = lines[line - 1][len(content) :]
        d = found.get(line)
        if d is not None and d.codes is None:
            continue  # a blanket noqa suppresses everything already
        if d is not None and d.codes is not None:
            have = {c for c, _, _ in d.codes}
            add = ", ".join(sorted(new_codes - have))
            if not add:
                continue
            content = content[: d.codes_span[1]] + ", " + add + content[d.codes_span[1] :]
        else:
            stripped = content.rstrip()
            content = f"{stripped}  # noqa: {', '.join(sorted(new_codes))}"
        lines[line - 1] = content + ending
        added += 1
    return "".join(lines), added, unplaced
