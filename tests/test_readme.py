"""The README's first two commands are what CI runs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent

# What the linter itself needs; torch and the test stack are extras.
LINTER_DEPENDENCIES = {"libcst", "click", "pathspec", "tomli"}


def test_readme_commands_are_the_ci_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    install, test = blocks[0].strip(), blocks[1].strip()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert install in ci
    assert test in ci
    assert "torchlint" in install and "examples/" in install


def _readme_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower()


def test_first_command_installs_the_package_alone_and_the_second_the_test_extra() -> None:
    install, test = (block.strip() for block in _readme_blocks()[:2])
    assert re.search(r"pip install -e \. &&", install), install  # no extras
    assert "pip install -e '.[test]' &&" in test and "pytest" in test


def test_base_dependencies_are_the_linter_alone_without_torch() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_name(r) for r in project["dependencies"]}
    assert names <= LINTER_DEPENDENCIES, names - LINTER_DEPENDENCIES
    assert "torch" not in names
    extras = project["optional-dependencies"]
    assert {_name(r) for r in extras["runtime"]} == {"torch"}
    assert "torch" in {_name(r) for r in extras["test"]}


def test_readme_example_output_is_what_torchlint_prints(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from conftest import invoke

    monkeypatch.chdir(ROOT)
    result = invoke("--no-cache", "--isolated", "examples/")
    printed = result.stdout.splitlines()
    shown = [
        line
        for line in (ROOT / "README.md").read_text().splitlines()
        if line.startswith("examples/vlm_finetune.py:")
    ]
    assert shown and shown == printed
