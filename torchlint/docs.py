"""Rule documentation pages, generated from the rule classes and the rule book so
that ``--explain``, ``docs/rules/`` and the tests never drift apart.

    python -m torchlint.docs            # rewrite docs/rules/
    python -m torchlint.docs --check    # exit 1 if docs/rules/ is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from torchlint import registry
from torchlint.report.sarif import INFORMATION_URI
from torchlint.rule import Rule

# The rule book lies outside docs/: link it on GitHub, so that the link works both
# there and on the docs site (mkdocs.yml), which only serves docs/.
RULES_URI = f"{INFORMATION_URI}/tree/main/rules"

_SECTIONS = (
    (
        "bad",
        "Flagged (`bad*.py`)",
        "Every `# expect: CODE:COLUMN lines=N,...` line is a finding, at that 1-based "
        "column; `lines=` lists the lines its message names.",
    ),
    ("good", "Not flagged (`good*.py`)", "Correct look-alikes the rule must stay silent on."),
    ("fixed", "After `torchlint --fix` (`fixed.py`)", ""),
    ("fixed_unsafe", "After `torchlint --fix --unsafe-fixes` (`fixed_unsafe.py`)", ""),
)


def rulebook_folder(rules_dir: Path, code: str) -> Path | None:
    found = sorted(rules_dir.glob(f"{code}-*"))
    return found[0] if found else None


def rule_page(rule: type[Rule], rules_dir: Path) -> str:
    """The rule's documentation (exactly what ``--explain`` prints), followed by its
    rule-book cases."""
    parts = [rule.documentation()]
    folder = rulebook_folder(rules_dir, rule.code)
    if folder is not None:
        parts.append(
            f"\n## Rule book\n\nFrom [`rules/{folder.name}/`]({RULES_URI}/{folder.name}/).\n"
        )
        for stem, title, note in _SECTIONS:
            files = sorted(folder.glob(f"{stem}.py" if stem.startswith("fixed") else f"{stem}*.py"))
            for path in files:
                parts.append(f"\n### {title.replace(f'`{stem}*.py`', f'`{path.name}`')}\n\n")
                if note:
                    parts.append(f"{note}\n\n")
                parts.append(f"```python\n{path.read_text()}```\n")
        parts.append(runtime_section(folder, rule.code))
    return "".join(parts)


def runtime_section(folder: Path, code: str) -> str:
    """The rule book's runtime companion: ``runtime_bad.py`` and ``runtime_good.py``,
    run under the runtime check (docs/runtime.md), or ``runtime.md``, which says why
    the rule's bad case cannot be confirmed by a run. Empty when there is neither."""
    bad, good, why = (folder / n for n in ("runtime_bad.py", "runtime_good.py", "runtime.md"))
    parts = []
    if bad.is_file():
        parts.append(
            "\n## Runtime confirmation\n\n"
            "Run under simulated CUDA by the [runtime check](../runtime.md), the bad "
            "companion is confirmed and the good one runs clean:\n\n"
            f"```sh\ntorchlint --select {code} --confirm rules/{folder.name}/runtime_bad.py\n```\n"
            "\n### Confirmed (`runtime_bad.py`)\n\n"
            "Every `# expect:` line is a finding that the run marks `[confirmed]`.\n\n"
            f"```python\n{bad.read_text()}```\n"
        )
        if good.is_file():
            parts.append(
                "\n### Runs clean (`runtime_good.py`)\n\n"
                "No finding, and no mismatch in the run.\n\n"
                f"```python\n{good.read_text()}```\n"
            )
    elif why.is_file():
        parts.append(f"\n## Runtime confirmation\n\n{why.read_text().strip()}\n")
    return "".join(parts)


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


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(prog="python -m torchlint.docs")
    parser.add_argument("--check", action="store_true", help="fail if the pages are stale")
    parser.add_argument("--out", type=Path, default=root / "docs" / "rules")
    parser.add_argument("--rules", type=Path, default=root / "rules")
    args = parser.parse_args(argv)
    wanted = pages(args.rules)
    stale = []
    for name, text in wanted.items():
        path = args.out / name
        if not path.exists() or path.read_text() != text:
            stale.append(name)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
    catalog = root / "torchlint" / "catalog.py"
    if catalog.read_text() != registry.catalog_source():
        stale.append("torchlint/catalog.py")
        if not args.check:
            catalog.write_text(registry.catalog_source())
    extra = sorted(p.name for p in args.out.glob("*.md") if p.name not in wanted)
    if args.check and (stale or extra):
        print(
            f"stale: {stale}, unknown pages: {extra}; run python -m torchlint.docs", file=sys.stderr
        )
        return 1
    for name in extra:
        (args.out / name).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
