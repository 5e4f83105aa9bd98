"""Everything derived from the rules and the rule book, written by one command so that
``--explain``, the docs site, the README and the catalog never drift apart.

    python -m torchlint.docs                      # rewrite every derived file
    python -m torchlint.docs --check              # exit 1 if one is stale
    python -m torchlint.docs new TL605 some-name  # scaffold a rule (docs/contributing.md)

Derived: ``docs/rules/*.md`` (one page per rule and the index), ``torchlint/rules/catalog.py``,
and the marked blocks of ``README.md`` (the rules table), ``mkdocs.yml`` (the rules
nav) and ``docs/runtime.md`` (which rules a run can confirm). A rule's page is its
documentation (what ``--explain`` prints), its audit (``rules/<CODE>-<name>/audit.md``),
its rule-book cases and how a run confirms it.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from torchlint.report.sarif import INFORMATION_URI
from torchlint.rules import registry
from torchlint.rules.rule import Rule

ROOT = Path(__file__).resolve().parent.parent

# The rule book lies outside docs/: link it on GitHub, so that the link works both
# there and on the docs site (mkdocs.yml), which only serves docs/.
RULES_URI = f"{INFORMATION_URI}/tree/main/rules"

# Said once here rather than in every rule's audit: which code the figures come from.
CORPORA = (
    "The *library corpus* is transformers 5.23.0, diffusers 0.42.1, timm 1.0.31, peft "
    "0.21.2 and accelerate 1.15.0 (4,602 files, `bench/corpus_check.py`); the *scripts "
    "corpus* 674 training and inference scripts (pytorch/examples, alpaca-lora, "
    "MiniCPM-V, LLaVA, and the `examples/` of peft and diffusers). "
    "[Precision audits](../audits.md) gives their commits and how findings were read."
)


def rulebook_folder(rules_dir: Path, code: str) -> Path | None:
    found = sorted(rules_dir.glob(f"{code}-*"))
    return found[0] if found else None


def has_companions(folder: Path) -> bool:
    """The rule book runs this rule's bad case under the runtime check."""
    return (folder / "runtime_bad.py").is_file()


# ---------------------------------------------------------------- rule pages


def rule_page(rule: type[Rule], rules_dir: Path) -> str:
    """The rule's documentation (exactly what ``--explain`` prints), its audit, its
    rule-book cases and its runtime confirmation."""
    parts = [rule.documentation()]
    folder = rulebook_folder(rules_dir, rule.code)
    parts.append(precision_section(folder))
    if folder is not None:
        parts.append(rulebook_section(rule, folder))
        parts.append(runtime_section(folder, rule))
    return "".join(parts)


def precision_section(folder: Path | None) -> str:
    """``audit.md``: the dated figures of reading the rule's findings on real code,
    data kept beside the rule book rather than in the rule's code."""
    audit = folder / "audit.md" if folder is not None else None
    if audit is None or not audit.is_file():
        return (
            "\n## Precision\n\nNot audited yet: no one has read this rule's findings on "
            "the corpora of the [precision audits](../audits.md).\n"
        )
    text = audit.read_text().strip()
    corpora = f"\n\n{textwrap.fill(CORPORA, 88)}" if "corpus" in text else ""
    return f"\n## Precision\n\n{text}{corpora}\n"


def rulebook_section(rule: type[Rule], folder: Path) -> str:
    parts = [f"\n## Rule book\n\nFrom [`rules/{folder.name}/`]({RULES_URI}/{folder.name}/).\n"]
    for path in sorted(folder.glob("bad*.py")):
        parts.append(
            _case(
                f"Flagged (`{path.name}`)",
                path,
                "Every `# expect: CODE:COLUMN lines=N,...` line is a finding, at that 1-based "
                "column; `lines=` lists the lines its message names.",
            )
        )
    for path in sorted(folder.glob("good*.py")):
        parts.append(
            _case(
                f"Not flagged (`{path.name}`)",
                path,
                "Correct look-alikes the rule must stay silent on.",
            )
        )
    if rule.fixable:
        fixed, unsafe = folder / "fixed.py", folder / "fixed_unsafe.py"
        title = "After `torchlint --fix`"
        if fixed.is_file():
            parts.append(_case(f"{title} (`fixed.py`)", fixed))
        else:
            parts.append(
                f"\n### {title}\n\nNo safe fix changes anything in `bad.py`: every fix "
                "shown here needs `--unsafe-fixes`.\n"
            )
        title = "After `torchlint --fix --unsafe-fixes`"
        if unsafe.is_file():
            parts.append(_case(f"{title} (`fixed_unsafe.py`)", unsafe))
        else:
            parts.append(
                f"\n### {title}\n\nThe same as `fixed.py`: the unsafe fixes change nothing "
                "more in `bad.py`.\n"
            )
    return "".join(parts)


def _case(title: str, path: Path, note: str = "") -> str:
    note = f"{note}\n\n" if note else ""
    return f"\n### {title}\n\n{note}```python\n{path.read_text()}```\n"


def simulated_devices(text: str) -> int | None:
    """How many GPUs a rule book's ``runtime_bad.py`` asks to simulate (a bug of hosts
    with several: ``# devices: 2``), or None."""
    wanted = re.search(r"^# devices: (\d+)$", text, re.MULTILINE)
    return int(wanted.group(1)) if wanted else None


def runtime_section(folder: Path, rule: type[Rule]) -> str:
    """The rule book's runtime companion: ``runtime_bad.py`` and ``runtime_good.py``,
    run under the runtime check (docs/runtime.md); or ``runtime.md``, which says why
    the rule's bad case cannot be confirmed by a run; or, with neither, not
    confirmable, with what the rule's docs say is wrong."""
    code = rule.code
    bad, good, why = (folder / n for n in ("runtime_bad.py", "runtime_good.py", "runtime.md"))
    head = "\n## Runtime confirmation\n\n"
    if bad.is_file():
        count = simulated_devices(bad.read_text())
        devices = f" --devices {count}" if count else ""
        text = (
            f"{head}Run under simulated CUDA by the [runtime check](../runtime.md), the bad "
            "companion is confirmed and the good one runs clean:\n\n"
            f"```sh\ntorchlint --select {code} --confirm rules/{folder.name}/runtime_bad.py"
            f"{devices}\n```\n"
            "\n### Confirmed (`runtime_bad.py`)\n\n"
            "Every `# expect:` line is a finding that the run marks `[confirmed]`.\n\n"
            f"```python\n{bad.read_text()}```\n"
        )
        if good.is_file():
            text += (
                "\n### Runs clean (`runtime_good.py`)\n\n"
                "No finding, and no mismatch in the run.\n\n"
                f"```python\n{good.read_text()}```\n"
            )
        return text
    if why.is_file():
        return f"{head}{why.read_text().strip()}\n"
    reason = why_is_it_bad(rule)
    quoted = "".join(f"> {line}\n" if line else ">\n" for line in reason.splitlines())
    return (
        f"{head}Not confirmable at run time: the rule book has no runnable companion for "
        f"{code}, so `torchlint --confirm` marks its findings `[not confirmable]`. What "
        f"the rule guards against, from its documentation:\n\n{quoted}"
    )


def why_is_it_bad(rule: type[Rule]) -> str:
    """The first paragraph of the rule's "Why is this bad?" section."""
    body = textwrap.dedent(rule.docs)
    found = re.search(r"^## Why is this bad\?\n(.*?)(?:\n\s*\n|\n## |\Z)", body, re.M | re.S)
    return found.group(1).strip() if found else rule.summary


def index_page() -> str:
    lines = [
        "# Rules\n",
        "\n",
        "| Code | Name | Default | Fix | Summary |\n",
        "|---|---|---|---|---|\n",
    ]
    for code, rule in registry.all_rules().items():
        lines.append(
            f"| [{code}]({code}.md) | `{rule.name}` | {'on' if rule.default_enabled else 'off'} "
            f"| {'yes' if rule.fixable else 'no'} | {rule.summary} |\n"
        )
    lines.append(
        "\nThe engine's own code: `TL000` syntax error, always on. A file that cannot be "
        "read or decoded (binary, not in its declared encoding) is not a finding but an "
        "error on stderr, exit 2, as a missing or unreadable file is.\n"
    )
    return "".join(lines)


def pages(rules_dir: Path) -> dict[str, str]:
    out = {"index.md": index_page()}
    for code, rule in registry.all_rules().items():
        out[f"{code}.md"] = rule_page(rule, rules_dir)
    return out


# ---------------------------------------------------------------- marked blocks

# Each derived block of a hand-written file sits between two marker lines, which stay.
README_BLOCK = ("<!-- rules-table:begin: python -m torchlint.docs -->", "<!-- rules-table:end -->")
NAV_BLOCK = ("      # rules-nav:begin: python -m torchlint.docs", "      # rules-nav:end")
RUNTIME_BLOCK = (
    "<!-- runtime-table:begin: python -m torchlint.docs -->",
    "<!-- runtime-table:end -->",
)


def readme_table() -> str:
    rows = ["| Code | Name | Default | Fix |", "|---|---|---|---|"]
    for code, rule in registry.all_rules().items():
        rows.append(
            f"| [{code}](docs/rules/{code}.md) | `{rule.name}` | "
            f"{'on' if rule.default_enabled else 'off'} | {'yes' if rule.fixable else 'no'} |"
        )
    return "\n".join(rows)


def mkdocs_nav() -> str:
    return "\n".join(
        f"      - {code} {rule.name}: rules/{code}.md"
        for code, rule in registry.all_rules().items()
    )


def runtime_table(rules_dir: Path) -> str:
    """Which rules the rule book confirms by a run, and which it cannot (the pages say
    why)."""
    companions, explained, neither = [], [], []
    for code in registry.all_rules():
        folder = rulebook_folder(rules_dir, code)
        if folder is not None and has_companions(folder):
            companions.append(code)
        elif folder is not None and (folder / "runtime.md").is_file():
            explained.append(code)
        else:
            neither.append(code)

    def links(codes: list[str]) -> str:
        return ", ".join(f"[{c}](rules/{c}.md#runtime-confirmation)" for c in codes)

    rows = ["| Rules | Runtime companion |", "|---|---|"]
    if companions:
        rows.append(
            f"| {links(companions)} | `runtime_bad.py` confirmed, `runtime_good.py` clean |"
        )
    if explained:
        rows.append(
            f"| {links(explained)} | `runtime.md`: why a run cannot confirm the rule (a style "
            "or security rule, a deprecation, needless work, or a failure a simulated GPU "
            "cannot show) |"
        )
    if neither:
        rows.append(
            f"| {links(neither)} | none: not confirmable at run time (the page quotes what "
            "the rule guards against) |"
        )
    return "\n".join(rows)


def replace_block(text: str, markers: tuple[str, str], block: str, name: str) -> str:
    begin, end = markers
    head, found, rest = text.partition(begin + "\n")
    if not found or end not in rest:
        raise SystemExit(f"{name}: the lines {begin!r} ... {end!r} are missing")
    _, _, tail = rest.partition(end)
    return f"{head}{begin}\n{block}\n{end}{tail}"


# ---------------------------------------------------------------- the command


def derived(root: Path = ROOT) -> dict[Path, str]:
    """Every derived file, path -> the text it must have."""
    rules_dir = root / "rules"
    out = {root / "docs" / "rules" / name: text for name, text in pages(rules_dir).items()}
    out[root / "torchlint" / "rules" / "catalog.py"] = registry.catalog_source()
    blocks: dict[str, tuple[tuple[str, str], Callable[[], str]]] = {
        "README.md": (README_BLOCK, readme_table),
        "mkdocs.yml": (NAV_BLOCK, mkdocs_nav),
        "docs/runtime.md": (RUNTIME_BLOCK, lambda: runtime_table(rules_dir)),
    }
    for name, (markers, make) in blocks.items():
        path = root / name
        out[path] = replace_block(path.read_text(), markers, make(), name)
    return out


def write(root: Path = ROOT, check: bool = False) -> int:
    """Rewrite the derived files (or, with ``check``, report the stale ones): 0 when
    nothing was stale."""
    wanted = derived(root)
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text() != text]
    pages_dir = root / "docs" / "rules"
    extra = sorted(p for p in pages_dir.glob("*.md") if p not in wanted)
    if check:
        if stale or extra:
            names = [str(p.relative_to(root)) for p in stale]
            unknown = [str(p.relative_to(root)) for p in extra]
            print(
                f"stale: {names}, unknown pages: {unknown}; run python -m torchlint.docs",
                file=sys.stderr,
            )
            return 1
        return 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[path])
    for path in extra:
        path.unlink()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["new"]:
        from torchlint import scaffold

        return scaffold.main(args[1:], ROOT, write)
    parser = argparse.ArgumentParser(
        prog="python -m torchlint.docs",
        description="Rewrite the files derived from the rules; `new CODE NAME` scaffolds a rule.",
    )
    parser.add_argument("--check", action="store_true", help="fail if a derived file is stale")
    parsed = parser.parse_args(args)
    return write(ROOT, check=parsed.check)


if __name__ == "__main__":
    sys.exit(main())
