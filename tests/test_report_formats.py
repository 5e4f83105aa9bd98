"""The CI output formats: ``--format sarif`` (GitHub code scanning), ``--format github``
(Actions annotations) and ``--format junit`` (test reports).

Each says the same thing as ``--format json``: same findings, same positions (1-based
columns, the end column just past the finding), in the form the CI system reads.
SARIF is validated against the official OASIS SARIF 2.1.0 schema (errata 01), shipped
in ``tests/data/``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shlex
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import conftest
import jsonschema
import pytest
import yaml
from click.testing import Result

from torchlint import __version__
from torchlint.lint.findings import Applicability, Edit, Finding, Fix, Problem
from torchlint.report import github, junit, sarif
from torchlint.rules import registry

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
DOCS = "https://github.com/torchlint/torchlint/blob/main/docs/rules/"

# TL102 at 3:14-3:18 (the `type` of `x.type`), with a safe fix of 3:13-3:39.
LEGACY_STR = """\
import torch
def g(x: torch.Tensor):
    return x.type("torch.HalfTensor")
"""
LEGACY_STR_MSG = (
    "`.type('torch.HalfTensor')` is a legacy cast that also moves the tensor to the "
    'CPU; say both explicitly with `.to(device="cpu", dtype=torch.float16)`'
)
TYPE_CAST = """\
import torch
def to_half(x: torch.Tensor):
    return x.type(torch.float16)
"""
CLEAN = """\
import torch
def clean(x):
    return x.to(torch.float16)
"""


# ---------------------------------------------------------------- helpers


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def invoke(*args: str) -> Result:
    return conftest.invoke("--isolated", *args)


def validate_sarif(doc: Any) -> None:
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@functools.cache
def rule_book(fmt: str) -> str:
    """Every rule-book file in one format, every rule on, run from the repo root."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = invoke("--select", "TL", "--format", fmt, "rules")
    finally:
        os.chdir(here)
    assert result.exit_code == 1, result.output
    return result.stdout


def rule_book_sarif(tree: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """SARIF and JSON for every rule-book file."""
    return json.loads(rule_book("sarif")), json.loads(rule_book("json"))


def unescape_github(value: str) -> str:
    """What the Actions runner does to a workflow command's values."""
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


WORKFLOW_COMMAND = re.compile(r"^::error (?P<props>[^:]*)::(?P<message>.*)$")


def parse_github(line: str) -> tuple[dict[str, str], str]:
    m = WORKFLOW_COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group("props").split(","))
    return {k: unescape_github(v) for k, v in props.items()}, unescape_github(m.group("message"))


# ---------------------------------------------------------------- SARIF


def test_sarif_of_the_whole_rule_book_is_valid_sarif_2_1_0(tree: Path) -> None:
    doc, _ = rule_book_sarif(tree)
    validate_sarif(doc)
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1


def test_sarif_driver_names_torchlint_its_version_and_every_rule(tree: Path) -> None:
    doc, _ = rule_book_sarif(tree)
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["name"] == "torchlint"
    assert driver["version"] == __version__
    assert driver["informationUri"] == "https://github.com/torchlint/torchlint"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["TL000", *registry.all_rules()]


@pytest.mark.parametrize("code", list(registry.all_rules()))
def test_sarif_rule_metadata_comes_from_the_rule_and_links_its_docs_page(code: str) -> None:
    rule = registry.all_rules()[code]
    (descriptor,) = [r for r in sarif.rule_descriptors() if r["id"] == code]
    assert descriptor["name"] == rule.name
    assert descriptor["shortDescription"]["text"] == rule.summary
    assert descriptor["fullDescription"]["text"]  # the "What it does" section
    assert descriptor["help"]["markdown"] == rule.documentation()
    assert descriptor["helpUri"] == f"{DOCS}{code}.md"
    assert (ROOT / "docs" / "rules" / f"{code}.md").is_file()  # the link is not dead
    assert descriptor["defaultConfiguration"] == {
        "enabled": rule.default_enabled,
        "level": "error",
    }


def test_sarif_engine_codes_link_the_rules_index() -> None:
    engine = [r for r in sarif.rule_descriptors() if r["id"] in registry.ENGINE_CODES]
    assert [r["name"] for r in engine] == ["syntax-error"]
    assert {r["helpUri"] for r in engine} == {f"{DOCS}index.md"}
    assert (ROOT / "docs" / "rules" / "index.md").is_file()


def test_sarif_results_are_the_json_findings_one_for_one(tree: Path) -> None:
    doc, findings = rule_book_sarif(tree)
    run = doc["runs"][0]
    results = run["results"]
    assert len(results) == len(findings) > 50
    rules = run["tool"]["driver"]["rules"]
    for result, finding in zip(results, findings, strict=True):
        assert result["ruleId"] == finding["code"]
        assert rules[result["ruleIndex"]]["id"] == finding["code"]
        assert result["level"] == "error"
        assert result["message"]["text"] == finding["message"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": finding["path"], "uriBaseId": "%SRCROOT%"}
        assert location["physicalLocation"]["region"] == {
            "startLine": finding["line"],
            "startColumn": finding["column"],
            "endLine": finding["end_line"],
            "endColumn": finding["end_column"],
        }


def test_sarif_fix_is_the_json_fix(tree: Path) -> None:
    doc, findings = rule_book_sarif(tree)
    with_fix = 0
    for result, finding in zip(doc["runs"][0]["results"], findings, strict=True):
        if finding["fix"] is None:
            assert "fixes" not in result
            continue
        with_fix += 1
        (fix,) = result["fixes"]
        assert fix["properties"] == {"applicability": finding["fix"]["applicability"]}
        assert fix["description"]["text"] == finding["fix"]["message"]
        (change,) = fix["artifactChanges"]
        assert change["artifactLocation"]["uri"] == finding["path"]
        assert [
            (
                r["deletedRegion"]["startLine"],
                r["deletedRegion"]["startColumn"],
                r["deletedRegion"]["endLine"],
                r["deletedRegion"]["endColumn"],
                r["insertedContent"]["text"],
            )
            for r in change["replacements"]
        ] == [
            (e["line"], e["column"], e["end_line"], e["end_column"], e["content"])
            for e in finding["fix"]["edits"]
        ]
    assert with_fix > 20


def test_sarif_exact_result_for_one_finding(tree: Path) -> None:
    write(tree, {"src/c.py": LEGACY_STR})
    result = invoke("--format", "sarif", "src")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    validate_sarif(doc)
    (res,) = doc["runs"][0]["results"]
    region = {"startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 18}
    fixed_region = {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 38}
    location = {"uri": "src/c.py", "uriBaseId": "%SRCROOT%"}
    assert res == {
        "ruleId": "TL102",
        "ruleIndex": 2,  # after TL000 and TL101
        "level": "error",
        "message": {"text": LEGACY_STR_MSG},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "fixes": [
            {
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {
                                "deletedRegion": fixed_region,
                                "insertedContent": {
                                    "text": 'x.to(device="cpu", dtype=torch.float16)'
                                },
                            }
                        ],
                    }
                ],
                "properties": {"applicability": "safe"},
                "description": {"text": 'cast with .to(device="cpu", dtype=torch.float16)'},
            }
        ],
    }
    assert doc["runs"][0]["tool"]["driver"]["rules"][2]["id"] == "TL102"
    assert doc["runs"][0]["columnKind"] == "unicodeCodePoints"
    assert doc["runs"][0]["originalUriBaseIds"] == {
        "%SRCROOT%": {"uri": tree.resolve().as_uri() + "/"}
    }
    assert doc["runs"][0]["invocations"] == [
        {"executionSuccessful": True, "toolExecutionNotifications": []}
    ]


def test_sarif_paths_are_relative_with_forward_slashes_and_percent_encoded(tree: Path) -> None:
    write(tree, {"my pkg/sub/c.py": LEGACY_STR, "b.py": LEGACY_STR})
    result = invoke("--format", "sarif", ".")
    doc = json.loads(result.stdout)
    validate_sarif(doc)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in doc["runs"][0]["results"]
    ]
    assert uris == ["b.py", "my%20pkg/sub/c.py"]  # not ./b.py, not backslashes


def test_sarif_file_outside_the_current_folder_is_an_absolute_file_uri(
    tree: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    write(elsewhere, {"c.py": LEGACY_STR})
    doc = json.loads(invoke("--format", "sarif", str(elsewhere / "c.py")).stdout)
    validate_sarif(doc)
    artifact = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (elsewhere / "c.py").resolve().as_uri()}


def test_sarif_of_a_clean_tree_is_valid_with_no_results(tree: Path) -> None:
    write(tree, {"clean.py": CLEAN})
    result = invoke("--format", "sarif", ".")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    validate_sarif(doc)
    assert doc["runs"][0]["results"] == []


def test_sarif_syntax_error_is_a_tl000_result(tree: Path) -> None:
    write(tree, {"broken.py": "def f(:\n"})
    doc = json.loads(invoke("--format", "sarif", "broken.py").stdout)
    validate_sarif(doc)
    (res,) = doc["runs"][0]["results"]
    assert res["ruleId"] == "TL000"
    assert res["ruleIndex"] == 0
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_sarif_unreadable_path_is_a_tool_notification_and_exit_2(tree: Path) -> None:
    write(tree, {"c.py": LEGACY_STR})
    result = invoke("--format", "sarif", "c.py", "missing.py")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    validate_sarif(doc)
    (invocation,) = doc["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "No such file or directory"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.py"
    assert len(doc["runs"][0]["results"]) == 1


def test_sarif_opt_in_rule_finding_points_to_a_disabled_by_default_rule(tree: Path) -> None:
    write(tree, {"t.py": TYPE_CAST})
    doc = json.loads(invoke("--extend-select", "TL103", "--format", "sarif", "t.py").stdout)
    validate_sarif(doc)
    (res,) = doc["runs"][0]["results"]
    rule = doc["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]
    assert rule["id"] == "TL103"
    assert rule["defaultConfiguration"]["enabled"] is False


def test_sarif_keeps_non_ascii_messages_as_text() -> None:
    f = Finding("é.py", 1, 0, "TL102", "`x.type('ü')`", end_line=1, end_column=1)
    doc = json.loads(sarif.render([f]))
    validate_sarif(doc)
    assert doc["runs"][0]["results"][0]["message"]["text"] == "`x.type('ü')`"
    assert "%C3%A9.py" in json.dumps(doc)  # the URI is percent-encoded UTF-8


# ---------------------------------------------------------------- github


def test_github_one_workflow_command_per_finding(tree: Path) -> None:
    write(tree, {"src/c.py": LEGACY_STR, "clean.py": CLEAN})
    result = invoke("--format", "github", ".")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=src/c.py,line=3,col=14,endLine=3,endColumn=18,title=TL102::"
        f"{LEGACY_STR_MSG}\n"
    )
    assert result.stderr.startswith("torchlint: Found 1 finding")


def test_github_positions_are_the_json_positions(tree: Path) -> None:
    gh = rule_book("github").splitlines()
    findings = json.loads(rule_book("json"))
    assert len(gh) == len(findings)
    multi_line = 0
    for line, f in zip(gh, findings, strict=True):
        props, message = parse_github(line)
        assert message == f["message"]
        expected = {"file": f["path"], "line": str(f["line"]), "endLine": str(f["end_line"])}
        if f["line"] == f["end_line"]:  # GitHub takes columns on one line only
            expected |= {"col": str(f["column"]), "endColumn": str(f["end_column"])}
        assert props == {**expected, "title": f["code"]}
        multi_line += f["line"] != f["end_line"]
    assert 0 < multi_line < len(findings)


def test_github_escapes_data_and_properties_as_the_runner_unescapes_them() -> None:
    assert github.escape_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert github.escape_property("100%\r\nnext: a, b") == "100%25%0D%0Anext%3A a%2C b"
    f = Finding("odd, name: 100%.py", 2, 4, "TL101", "line one\nline two: 50%", 2, 9)
    line = github.format_finding(f)
    assert "\n" not in line
    assert line == (
        "::error file=odd%2C name%3A 100%25.py,line=2,col=5,endLine=2,endColumn=10,"
        "title=TL101::line one%0Aline two: 50%25"
    )
    props, message = parse_github(line)
    assert props["file"] == "odd, name: 100%.py"
    assert message == "line one\nline two: 50%"


def test_github_finding_over_several_lines_has_no_columns() -> None:
    # GitHub accepts col/endColumn only when line == endLine.
    f = Finding("a.py", 3, 4, "TL204", "m", end_line=5, end_column=2)
    assert github.format_finding(f) == "::error file=a.py,line=3,endLine=5,title=TL204::m"


def test_github_finding_without_an_end_has_a_start_column_only() -> None:
    f = Finding("a.py", 1, 6, "TL000", "syntax error: invalid syntax")
    assert github.format_finding(f) == (
        "::error file=a.py,line=1,col=7,title=TL000::syntax error: invalid syntax"
    )


def test_github_unreadable_path_is_an_error_annotation(tree: Path) -> None:
    result = invoke("--format", "github", "missing.py")
    assert result.exit_code == 2
    assert result.stdout == "::error file=missing.py,title=torchlint::No such file or directory\n"


def test_github_clean_tree_prints_nothing(tree: Path) -> None:
    write(tree, {"clean.py": CLEAN})
    result = invoke("--format", "github", ".")
    assert (result.exit_code, result.stdout) == (0, "")


# ---------------------------------------------------------------- junit


def parse_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    return suite


def test_junit_one_suite_a_testcase_per_file_a_failure_per_finding(tree: Path) -> None:
    write(tree, {"a.py": LEGACY_STR + LEGACY_STR.replace("def g", "def h"), "clean.py": CLEAN})
    result = invoke("--format", "junit", ".")
    assert result.exit_code == 1
    suite = parse_junit(result.stdout)
    assert suite.attrib == {
        "name": "torchlint",
        "tests": "2",
        "failures": "1",
        "errors": "0",
        "skipped": "0",
    }
    a, clean = suite
    assert a.attrib == {"classname": "torchlint", "name": "a.py", "file": "a.py"}
    assert clean.attrib == {"classname": "torchlint", "name": "clean.py", "file": "clean.py"}
    assert list(clean) == []  # a clean file is a passing test case
    text = invoke("--format", "text", "a.py").stdout.splitlines()
    assert [(f.tag, f.get("type"), f.get("message"), f.text) for f in a] == [
        ("failure", "TL102", f"TL102 {LEGACY_STR_MSG}", text[0]),
        ("failure", "TL102", f"TL102 {LEGACY_STR_MSG}", text[1]),
    ]
    assert text[1].startswith("a.py:6:14: TL102 ")


def test_junit_counts_match_the_rule_book_findings(tree: Path) -> None:
    suite = parse_junit(rule_book("junit"))
    findings = json.loads(rule_book("json"))
    failures = [f for case in suite for f in case.iter("failure")]
    assert len(failures) == len(findings)
    failed_files = {f["path"] for f in findings}
    assert suite.get("failures") == str(len(failed_files))
    assert int(suite.get("tests", "0")) == len(suite) > len(failed_files)  # good*.py pass


def test_junit_unreadable_path_is_an_error(tree: Path) -> None:
    write(tree, {"clean.py": CLEAN})
    result = invoke("--format", "junit", "clean.py", "missing.py")
    assert result.exit_code == 2
    suite = parse_junit(result.stdout)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "1")
    (error,) = suite.iter("error")
    assert error.get("message") == "No such file or directory"


# ---------------------------------------------------------------- skipped for size


def _big_file_in_a_folder(tree: Path) -> str:
    """src/c.py (one finding) and src/big.py over max-file-size; the warning text."""
    write(tree, {"src/c.py": LEGACY_STR, "src/big.py": LEGACY_STR * 3})
    (tree / "pyproject.toml").write_text(
        f"[tool.torchlint]\nmax-file-size = {len(LEGACY_STR) + 1}\n"
    )
    size = (tree / "src" / "big.py").stat().st_size
    return f"skipped: too large ({size} bytes > max-file-size {len(LEGACY_STR) + 1})"


def test_sarif_file_skipped_for_size_is_a_warning_notification(tree: Path) -> None:
    message = _big_file_in_a_folder(tree)
    result = invoke("--config", "pyproject.toml", "--format", "sarif", "src")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    validate_sarif(doc)
    (invocation,) = doc["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert (note["level"], note["message"]["text"]) == ("warning", message)
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/big.py"
    assert len(doc["runs"][0]["results"]) == 1


def test_github_file_skipped_for_size_is_a_warning_annotation(tree: Path) -> None:
    message = _big_file_in_a_folder(tree)
    result = invoke("--config", "pyproject.toml", "--format", "github", "src")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=src/c.py,")
    assert lines[1:] == [f"::warning file=src/big.py,title=torchlint::{message}"]


def test_junit_file_skipped_for_size_is_a_skipped_test_case(tree: Path) -> None:
    message = _big_file_in_a_folder(tree)
    result = invoke("--config", "pyproject.toml", "--format", "junit", "src")
    assert result.exit_code == 1
    suite = parse_junit(result.stdout)
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("2", "1", "1")
    big = next(case for case in suite if case.get("name") == "src/big.py")
    assert [(e.tag, e.get("message")) for e in big] == [("skipped", message)]


def test_junit_control_characters_from_the_source_stay_valid_xml() -> None:
    f = Finding("a.py", 1, 0, "TL102", "`x.type('\x1b[0m\x00')` & <more>", 1, 1)
    suite = parse_junit(junit.render([f]))
    (failure,) = suite.iter("failure")
    assert failure.get("message") == "TL102 `x.type('\\x1b[0m\\x00')` & <more>"


def test_junit_of_an_empty_run_is_an_empty_suite() -> None:
    suite = parse_junit(junit.render([]))
    assert suite.get("tests") == "0"
    assert list(suite) == []


# ---------------------------------------------------------------- all formats


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit"])
def test_stdout_is_only_the_report_and_exit_codes_are_unchanged(tree: Path, fmt: str) -> None:
    write(tree, {"c.py": LEGACY_STR})
    result = invoke("--format", fmt, "c.py")
    assert result.exit_code == 1
    assert "torchlint:" not in result.stdout
    assert result.stderr == "torchlint: Found 1 finding in 1 file (1 fixable with --fix).\n"
    assert invoke("--format", fmt, "--exit-zero", "c.py").exit_code == 0


def test_format_choices_are_listed_in_help() -> None:
    help_text = invoke("--help").stdout
    for fmt in ("text", "json", "sarif", "github", "junit"):
        assert fmt in help_text


def test_renderers_take_findings_like_the_json_one() -> None:
    fix = Fix(Applicability.SAFE, (Edit(1, 0, 1, 1, "y"),), "rename")
    f = Finding("a.py", 1, 0, "TL102", "m", 1, 1, fix)
    problem = Problem("b.py", "unreadable")
    for render in (sarif.render, github.render, junit.render):
        assert render([f]).endswith("\n")
    assert (
        json.loads(sarif.render([f], [problem]))["runs"][0]["invocations"][0]["executionSuccessful"]
        is False
    )


# ---------------------------------------------------------------- the documented snippets


def _doc_yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", path.read_text(), re.DOTALL)


@pytest.mark.parametrize("doc", ["docs/ci.md", "README.md"])
def test_documented_ci_snippets_are_valid_yaml(doc: str) -> None:
    blocks = _doc_yaml_blocks(ROOT / doc)
    assert blocks
    for block in blocks:
        assert yaml.safe_load(textwrap.dedent(block))


def test_documented_sarif_workflow_uploads_what_torchlint_writes() -> None:
    workflow = yaml.safe_load(_doc_yaml_blocks(ROOT / "docs" / "ci.md")[0])
    (job,) = workflow["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    runs = [s["run"] for s in job["steps"] if "run" in s]
    (upload,) = [s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/")]
    assert upload["uses"].split("@")[0] == "github/codeql-action/upload-sarif"
    written = re.search(r"torchlint --format sarif \. > (\S+)", " ".join(runs))
    assert written and written.group(1) == upload["with"]["sarif_file"]


def test_every_documented_torchlint_command_runs(tree: Path) -> None:
    write(tree, {"src/c.py": LEGACY_STR})
    text = (ROOT / "docs" / "ci.md").read_text() + (ROOT / "README.md").read_text()
    commands = set(re.findall(r"torchlint (--format [^\n>`]*?)\s*(?:>|\n|`)", text))
    args = [shlex.split(c, comments=True) for c in sorted(commands)]
    assert {a[1] for a in args} >= {"sarif", "github", "junit"}
    for command in args:
        result = invoke(*command)
        assert result.exit_code in (0, 1), (command, result.output)
        assert result.stdout
