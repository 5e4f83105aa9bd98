#!/usr/bin/env python3
"""The finding counts of docs/audits.md and docs/performance.md, from a run instead
of typed by hand.

    python bench/audit_counts.py --library DIR --scripts DIR            # print the counts
    python bench/audit_counts.py --library DIR --scripts DIR --save     # rewrite bench/audit_counts.json
    python bench/audit_counts.py --library DIR --scripts DIR --check    # exit 1 if it is stale
    python bench/audit_counts.py --write-docs   # docs/audits.md, docs/performance.md from the JSON
    python bench/audit_counts.py --check-docs   # exit 1 if the docs do not show the JSON

Each corpus is linted with every rule, as a user runs it (``torchlint --isolated
--no-cache --select TL --format json``), and the findings are counted per rule.
``--library``/``--scripts`` also take a saved ``--format json`` output of that
command instead of a folder (``--files`` then gives the number of ``.py`` files).
``bench/audit_counts.json`` holds the counts of the last ``--save``;
``bench/audit_judgements.json`` the hand-written "judged" column, keyed by rule: one
row per audited rule (a rule-book folder with an ``audit.md``).
The docs check needs no corpus (``tests/test_docs.py`` runs it); ``--check`` needs
both corpora (``../shared/bench/make_corpus.sh`` and the scripts listed in
docs/audits.md), so it is not part of the test suite.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COUNTS = ROOT / "bench" / "audit_counts.json"
JUDGEMENTS = ROOT / "bench" / "audit_judgements.json"
AUDITS = ROOT / "docs" / "audits.md"
PERFORMANCE = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- audit-counts:begin -->", "<!-- audit-counts:end -->"
TOTAL_BEGIN, TOTAL_END = "<!-- audit-total:begin -->", "<!-- audit-total:end -->"
CORPORA = ("library", "scripts")


def rules() -> dict[str, tuple[str, bool]]:
    sys.path.insert(0, str(ROOT))
    from torchlint.rules.catalog import RULES

    return dict(RULES)


def count_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.py"))


def lint(target: Path, jobs: str) -> dict[str, Any]:
    """Lint a corpus folder (or read a saved ``--format json`` output) and count."""
    if target.is_dir():
        cmd = [sys.executable, "-m", "torchlint", "--isolated", "--no-cache", "--select", "TL"]
        cmd += ["--format", "json", "--jobs", jobs, str(target)]
        run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if run.returncode not in (0, 1):
            sys.exit(f"torchlint exited {run.returncode} on {target}:\n{run.stderr[-4000:]}")
        findings = json.loads(run.stdout)
        files: int | None = count_files(target)
    else:
        findings = json.loads(target.read_text())
        files = None
    counts = collections.Counter(f["code"] for f in findings)
    return {"files": files, "counts": dict(sorted(counts.items()))}


def measure(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {"date": datetime.date.today().isoformat()}
    for name in CORPORA:
        target: Path = getattr(args, name)
        result = lint(target, args.jobs)
        if result["files"] is None:
            result["files"] = getattr(args, f"{name}_files")
        out[name] = result
    return out


def load(path: Path = COUNTS) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2) + "\n"


def same_counts(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """The differences between two measurements (the date aside)."""
    diffs = []
    for name in CORPORA:
        if a[name]["files"] != b[name]["files"]:
            diffs.append(f"{name}: {a[name]['files']} files, {b[name]['files']} saved")
        codes = sorted(set(a[name]["counts"]) | set(b[name]["counts"]))
        for code in codes:
            new, old = a[name]["counts"].get(code, 0), b[name]["counts"].get(code, 0)
            if new != old:
                diffs.append(f"{name} {code}: {new} now, {old} saved")
    return diffs


def total(data: dict[str, Any], corpus: str, default_only: bool = False) -> int:
    on = rules()
    return sum(
        n
        for code, n in data[corpus]["counts"].items()
        if not default_only or on.get(code, ("", False))[1]
    )


def audits_block(data: dict[str, Any], judgements: dict[str, str]) -> str:
    intro = (
        f"Counted on {data['date']} by `python bench/audit_counts.py --library DIR "
        "--scripts DIR --save` (every rule, `--select TL --isolated --no-cache`; the "
        "counts are kept in `bench/audit_counts.json`, the judged column in "
        "`bench/audit_judgements.json`, and `--write-docs` writes this table). "
        f"Library: {data['library']['files']:,} files; scripts: "
        f"{data['scripts']['files']:,} files."
    )
    lines = [
        BEGIN,
        "",
        textwrap.fill(intro, 88, break_on_hyphens=False, break_long_words=False),
        "",
        "| rule | library | scripts | judged |",
        "|---|---|---|---|",
    ]
    for code, (_, default) in rules().items():
        if code not in judgements:
            continue  # not audited yet (no audit.md): a count would say nothing read
        label = code if default else f"{code} (opt-in)"
        lib = data["library"]["counts"].get(code, 0)
        scr = data["scripts"]["counts"].get(code, 0)
        judged = judgements.get(code, "")
        lines.append(
            f"| {label} | {lib} | {scr} | {judged} |"
            if judged
            else f"| {label} | {lib} | {scr} | |"
        )
    lines.append(
        f"| **default rules** | {total(data, 'library', True)} | {total(data, 'scripts', True)} | |"
    )
    lines.append(f"| **every rule** | {total(data, 'library')} | {total(data, 'scripts')} | |")
    lines += ["", END]
    return "\n".join(lines)


def performance_block(data: dict[str, Any]) -> str:
    n = total(data, "library") + total(data, "scripts")
    files = data["library"]["files"] + data["scripts"]["files"]
    line = (
        f"- Library corpus plus the {data['scripts']['files']:,} training scripts "
        f"({files:,} files), every rule (`--select TL`), on {data['date']}: "
        f"**{n} findings** ({total(data, 'library')} + {total(data, 'scripts')}; per "
        "rule in [audits](audits.md#results), from `python bench/audit_counts.py`)."
    )
    wrapped = textwrap.fill(
        line, 88, subsequent_indent="  ", break_on_hyphens=False, break_long_words=False
    )
    return f"{TOTAL_BEGIN}\n{wrapped}\n{TOTAL_END}"


def replace_block(text: str, begin: str, end: str, block: str) -> str:
    if begin not in text or end not in text:
        raise SystemExit(f"markers {begin} ... {end} missing")
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    return head + block + tail


def docs(data: dict[str, Any]) -> dict[Path, str]:
    judgements = {k: v for k, v in json.loads(JUDGEMENTS.read_text()).items() if k[:1] != "_"}
    return {
        AUDITS: replace_block(AUDITS.read_text(), BEGIN, END, audits_block(data, judgements)),
        PERFORMANCE: replace_block(
            PERFORMANCE.read_text(), TOTAL_BEGIN, TOTAL_END, performance_block(data)
        ),
    }


def stale_docs(data: dict[str, Any]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p, text in docs(data).items() if p.read_text() != text]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/audit_counts.py")
    parser.add_argument("--library", type=Path, help="library corpus folder, or saved JSON")
    parser.add_argument("--scripts", type=Path, help="scripts corpus folder, or saved JSON")
    parser.add_argument("--library-files", type=int, help="files, with a saved JSON")
    parser.add_argument("--scripts-files", type=int, help="files, with a saved JSON")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--save", action="store_true", help="rewrite bench/audit_counts.json")
    parser.add_argument("--check", action="store_true", help="fail if the JSON is stale")
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--check-docs", action="store_true")
    args = parser.parse_args(argv)
    failed = False
    data = load() if COUNTS.exists() else {}
    if args.library or args.scripts:
        if not (args.library and args.scripts):
            parser.error("give both --library and --scripts")
        new = measure(args)
        print(dump(new), end="")
        if args.check:
            diffs = same_counts(new, data) if data else ["no bench/audit_counts.json"]
            for line in diffs:
                print(f"stale: {line}", file=sys.stderr)
            failed |= bool(diffs)
        if args.save:
            COUNTS.write_text(dump(new))
            data = new
    elif args.save or args.check:
        parser.error("--save and --check need --library and --scripts")
    if args.write_docs:
        for path, text in docs(data).items():
            path.write_text(text)
    if args.check_docs:
        stale = stale_docs(data)
        if stale:
            print(f"stale: {stale}; run python bench/audit_counts.py --write-docs", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
