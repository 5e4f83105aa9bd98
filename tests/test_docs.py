"""Docs pages, --explain and --list-rules are all drawn from the registry: these
tests fail when one of them drifts."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import invoke

from torchlint import docs
from torchlint.rules import registry

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "rules"


def test_rule_pages_are_up_to_date() -> None:
    assert docs.main(["--check"]) == 0, "run: python -m torchlint.docs"


def test_every_rule_has_a_page_and_every_page_a_rule() -> None:
    codes = set(registry.all_rules())
    pages = {p.stem for p in PAGES.glob("TL*.md")}
    assert pages == codes
    index = (PAGES / "index.md").read_text()
    assert set(re.findall(r"\[(TL\d+)\]", index)) == codes


def test_page_starts_with_what_explain_prints() -> None:
    for code in registry.all_rules():
        result = invoke("--explain", code)
        assert result.exit_code == 0
        assert (PAGES / f"{code}.md").read_text().startswith(result.output)


def test_every_rule_documents_the_ruff_sections() -> None:
    for code, rule in registry.all_rules().items():
        text = rule.documentation()
        for section in (
            "What it does",
            "Why is this bad?",
            "Example",
            "Use instead",
            "Fix safety" if rule.fixable else "What it does",
            "References",
        ):
            assert f"## {section}" in text, f"{code} lacks '## {section}'"


def test_audit_figures_are_data_shown_on_the_page_not_in_the_rule() -> None:
    """The dated figures of an audit live in rules/<folder>/audit.md; the page shows
    them under Precision (or says the rule is not audited yet)."""
    for code, rule in registry.all_rules().items():
        assert "## Precision" not in rule.documentation(), f"{code}: move it to audit.md"
        page = (PAGES / f"{code}.md").read_text()
        assert page.count("\n## Precision\n") == 1, code
        section = page.split("\n## Precision\n", 1)[1].split("\n## ", 1)[0]
        folder = docs.rulebook_folder(ROOT / "rules", code)
        assert folder is not None
        audit = folder / "audit.md"
        if audit.is_file():
            assert audit.read_text().strip() in section, code
        else:
            assert "Not audited yet" in section, code


def test_no_scaffold_placeholder_is_left() -> None:
    """`python -m torchlint.docs new` writes TODOs where a person must write: none
    may reach a page."""
    for code, rule in registry.all_rules().items():
        assert "TODO" not in rule.summary + rule.docs, f"{code}: fill in its documentation"
        folder = docs.rulebook_folder(ROOT / "rules", code)
        assert folder is not None
        for path in folder.iterdir():
            assert "TODO" not in path.read_text(), f"{path}: fill in the case"


def test_list_rules_names_every_rule() -> None:
    result = invoke("--list-rules")
    assert result.exit_code == 0
    listed = re.findall(r"^(TL\d+)\s", result.output, re.MULTILINE)
    assert listed == list(registry.all_rules())


def test_readme_rule_table_lists_every_rule() -> None:
    readme = (ROOT / "README.md").read_text()
    rows = re.findall(
        r"^\| \[(TL\d+)\]\(docs/rules/\1\.md\) \| `([a-z0-9-]+)` \| (on|off) \|", readme, re.M
    )
    want = [
        (code, rule.name, "on" if rule.default_enabled else "off")
        for code, rule in registry.all_rules().items()
    ]
    assert rows == want


def test_every_rule_page_says_how_its_bad_case_is_confirmed_at_runtime() -> None:
    """Runnable companions, or runtime.md saying why no run can confirm the rule, or,
    with neither, "not confirmable at run time" with what the rule's docs say is wrong."""
    rules = ROOT / "rules"
    for code, rule in registry.all_rules().items():
        folder = docs.rulebook_folder(rules, code)
        assert folder is not None
        page = (PAGES / f"{code}.md").read_text()
        assert page.count("\n## Runtime confirmation\n") == 1, code
        section = page.split("\n## Runtime confirmation\n", 1)[1]
        if (folder / "runtime_bad.py").is_file():
            assert (
                f"torchlint --select {code} --confirm rules/{folder.name}/runtime_bad.py" in section
            )
            assert (folder / "runtime_bad.py").read_text() in section
            assert (folder / "runtime_good.py").read_text() in section
        elif (folder / "runtime.md").is_file():
            assert (folder / "runtime.md").read_text().strip() in section
        else:
            assert section.startswith("\nNot confirmable at run time: "), code
            reason = docs.why_is_it_bad(rule)
            assert reason and reason.splitlines()[0] in section, code


def test_runtime_docs_table_matches_the_rule_book() -> None:
    text = (ROOT / "docs" / "runtime.md").read_text()
    rows = re.findall(r"^\| (\[TL\d+[^|]*) \| (.+) \|$", text, re.M)
    companions, others = set(), set()
    for codes, what in rows:
        names = set(re.findall(r"\[(TL\d+)\]", codes))
        (companions if "runtime_bad.py" in what else others).update(names)
    folders = {d.name.split("-", 1)[0]: d for d in (ROOT / "rules").glob("TL*-*") if d.is_dir()}
    assert companions == {c for c, d in folders.items() if (d / "runtime_bad.py").is_file()}
    assert others == set(folders) - companions


def _audit_counts():  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import audit_counts

    return audit_counts


def test_audit_count_tables_show_the_saved_counts() -> None:
    """docs/audits.md's count table and docs/performance.md's total are generated from
    bench/audit_counts.json (which `bench/audit_counts.py --check` keeps true to the
    corpora, by hand: they are not in CI)."""
    audit_counts = _audit_counts()
    assert audit_counts.stale_docs(audit_counts.load()) == [], (
        "python bench/audit_counts.py --write-docs"
    )


def test_audit_judgements_cover_exactly_the_audited_rules() -> None:
    """A rule is audited when its rule-book folder has an audit.md; the count table's
    "judged" column (bench/audit_judgements.json) has a row for each, and only them."""
    import json

    judged = json.loads((ROOT / "bench" / "audit_judgements.json").read_text())
    audited = {p.parent.name.split("-", 1)[0] for p in (ROOT / "rules").glob("TL*-*/audit.md")}
    assert {k for k in judged if not k.startswith("_")} == audited
    assert audited <= set(registry.all_rules())


def test_unseen_audit_tables_show_the_saved_judgements() -> None:
    """docs/audits.md's "Unseen projects" tables are generated from
    bench/unseen_audit.json (`bench/unseen_audit.py --root DIR --check` keeps the saved
    run true to the projects, by hand)."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import unseen_audit

    data = unseen_audit.load()
    assert unseen_audit.write_docs(data, check=True) == 0, (
        "python bench/unseen_audit.py --write-docs"
    )
    after = unseen_audit.figures(data, data["after"])
    assert all(r["unjudged"] == 0 for r in after.values())
    decided = sum(r["true"] + r["false"] for r in after.values())
    assert sum(r["true"] for r in after.values()) >= 0.95 * decided
