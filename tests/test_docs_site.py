"""The docs site (mkdocs.yml) builds with --strict, has a page for every rule, and
names no rule that does not exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from torchlint.rules import registry

pytest.importorskip("mkdocs")
pytest.importorskip("material")

ROOT = Path(__file__).resolve().parent.parent
ENGINE = set(registry.ENGINE_CODES)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_every_rule_has_a_built_page(site: Path) -> None:
    for code, rule in registry.all_rules().items():
        page = site / "rules" / code / "index.html"
        assert page.is_file(), f"no page for {code}"
        html = page.read_text(encoding="utf-8")
        assert rule.name in html, code
    index = (site / "rules" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="(?:\.\./)?(TL\d+)/"', index)) == set(registry.all_rules())


def test_no_page_names_an_unknown_rule(site: Path) -> None:
    known = set(registry.all_rules()) | ENGINE
    for page in site.rglob("*.html"):
        named = set(re.findall(r"\bTL\d{3}\b", page.read_text(encoding="utf-8")))
        assert named <= known, f"{page.relative_to(site)} names {sorted(named - known)}"


def test_nav_lists_every_rule_page() -> None:
    nav = re.findall(r"rules/(TL\d+)\.md", (ROOT / "mkdocs.yml").read_text())
    assert nav == list(registry.all_rules()), (
        "run python -m torchlint.docs (it writes the rules nav)"
    )
