#!/usr/bin/env python3
"""Precision on code nobody here had audited (issue #14): the per-rule figures of
docs/audits.md ("Unseen projects"), from the hand judgements in
``bench/unseen_audit.json`` and a run over the projects.

    python bench/unseen_audit.py --root DIR            # lint, print the table
    python bench/unseen_audit.py --root DIR --save     # ... and keep the run in the JSON
    python bench/unseen_audit.py --root DIR --check    # exit 1 if the saved run is stale
                                                       # or a default-rule finding needs a judgement
    python bench/unseen_audit.py --write-docs          # docs/audits.md from the JSON
    python bench/unseen_audit.py --check-docs          # exit 1 if the docs do not show it

``DIR`` holds one folder per project of the JSON's ``projects``, each the
repository's tree at the pinned commit (``git archive SHA`` or, from a mirror,
``git --git-dir=MIRROR archive SHA | tar -x -C DIR/FOLDER``; symlinked files left
out). Each project is linted as a user runs it: ``torchlint --isolated --no-cache
--select TL --format json``. A judgement is keyed by rule, path and line; the
"before" table counts every judged finding (the first run, at the commit the JSON
names), the "after" table only the judged findings the current run still reports.
Precision is true / (true + false); debatable findings are left out of it.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "unseen_audit.json"
AUDITS = ROOT / "docs" / "audits.md"
BEGIN, END = "<!-- unseen-audit:begin -->", "<!-- unseen-audit:end -->"
Key = tuple[str, str, int]


def rules() -> dict[str, tuple[str, bool]]:
    sys.path.insert(0, str(ROOT))
    from torchlint.rules.catalog import RULES

    return dict(RULES)


def load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text())
    return data


def lint(root: Path, data: dict[str, Any], jobs: str) -> list[dict[str, Any]]:
    findings: list[dict[str, Any]] = []
    for project in data["projects"]:
        folder = root / project["folder"]
        if not folder.is_dir():
            sys.exit(f"{folder} is missing: extract {project['repo']} at {project['sha']} there")
        cmd = [sys.executable, "-m", "torchlint", "--isolated", "--no-cache", "--select", "TL"]
        cmd += ["--format", "json", "--jobs", jobs, str(folder)]
        run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if run.returncode not in (0, 1):
            sys.exit(f"torchlint exited {run.returncode} on {folder}:\n{run.stderr[-4000:]}")
        for f in json.loads(run.stdout):
            rel = Path(f["path"]).resolve().relative_to(root.resolve()).as_posix()
            findings.append({"rule": f["code"], "path": rel, "line": f["line"]})
    return findings


def run_summary(findings: list[dict[str, Any]]) -> dict[str, Any]:
    counts = collections.Counter(f["rule"] for f in findings)
    present = collections.Counter(f"{f['rule']} {f['path']}:{f['line']}" for f in findings)
    return {"findings": dict(sorted(counts.items())), "present": dict(sorted(present.items()))}


def figures(data: dict[str, Any], run: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Per default rule: findings, true, false, debatable, precision, unjudged.
    ``run`` None: the first run (every judgement counts)."""
    on = rules()
    counts = data["before"]["findings"] if run is None else run["findings"]
    present = None if run is None else run["present"]
    out: dict[str, dict[str, Any]] = {}
    for code, (_, default) in on.items():
        if not default:
            continue
        row = {"findings": counts.get(code, 0), "true": 0, "false": 0, "debatable": 0}
        judged = 0
        for j in data["judgements"]:
            if j["rule"] != code or (present is None and j.get("judged_on") == "after"):
                continue
            n = j["count"]
            if present is not None:
                n = min(n, present.get(f"{code} {j['path']}:{j['line']}", 0))
            row[j["verdict"]] += n
            judged += n
        decided = row["true"] + row["false"]
        row["precision"] = row["true"] / decided if decided else None
        # A finding the first run did not report has been read only if judged since.
        read = collections.Counter(data["before"]["present"])
        for j in data["judgements"]:
            if j.get("judged_on") == "after":
                read[f"{j['rule']} {j['path']}:{j['line']}"] += j["count"]
        row["unjudged"] = sum(
            max(0, n - read.get(key, 0))
            for key, n in (present or {}).items()
            if key.split(" ", 1)[0] == code
        )
        out[code] = row
    return out


def total(rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    t = {k: sum(r[k] for r in rows.values()) for k in ("findings", "true", "false", "debatable")}
    decided = t["true"] + t["false"]
    t["precision"] = t["true"] / decided if decided else None
    return t


def _pct(p: float | None) -> str:
    return "—" if p is None else f"{100 * p:.0f}%"


def table(rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "| rule | findings | judged true | false | debatable | precision |",
        "|---|---|---|---|---|---|",
    ]
    for code, r in rows.items():
        if r["findings"] or r["true"] or r["false"] or r["debatable"]:
            lines.append(
                f"| {code} | {r['findings']} | {r['true']} | {r['false']} | {r['debatable']} "
                f"| {_pct(r['precision'])} |"
            )
    t = total(rows)
    lines.append(
        f"| **default rules** | **{t['findings']}** | **{t['true']}** | **{t['false']}** | "
        f"**{t['debatable']}** | **{_pct(t['precision'])}** |"
    )
    return lines


def docs_block(data: dict[str, Any]) -> str:
    after = data.get("after")
    on = rules()
    lines = [BEGIN, ""]
    lines += [
        "| project | kind | commit |",
        "|---|---|---|",
        *(
            f"| [{p['repo']}](https://github.com/{p['repo']}) | {p['kind']} | `{p['sha'][:12]}` |"
            for p in data["projects"]
        ),
        "",
        _fill(
            f"Before (torchlint at `{data['before']['commit']}`), default rules; a rule "
            f"with more than {data['sample']['per_rule']} findings is judged on a random "
            f"{data['sample']['per_rule']} (`bench/unseen_audit.json`):"
        ),
        "",
        *table(figures(data, None)),
    ]
    if after is not None:
        lines += [
            "",
            _fill(
                f"After (torchlint at `{after['commit']}`): the same judgements, counted "
                "where the finding is still reported, and the new findings a rule change "
                "brought, judged the same way:"
            ),
            "",
            *table(figures(data, after)),
        ]
        opt = {c: n for c, n in after["findings"].items() if c in on and not on[c][1]}
        before_opt = {
            c: n for c, n in data["before"]["findings"].items() if c in on and not on[c][1]
        }
        # Only the rules the runs counted: a rule added since was never run there.
        moves = (
            f"{c} {before_opt.get(c, 0)} → {opt.get(c, 0)}"
            for c in sorted(on)
            if not on[c][1] and (c in opt or c in before_opt)
        )
        lines += [
            "",
            _fill(f"Opt-in rules, counted but not judged (before → after): {', '.join(moves)}."),
        ]
    lines += ["", END]
    return "\n".join(lines)


def _fill(text: str) -> str:
    return textwrap.fill(text, 88, break_on_hyphens=False, break_long_words=False)


def write_docs(data: dict[str, Any], check: bool) -> int:
    text = AUDITS.read_text()
    if BEGIN not in text:
        sys.exit(f"{AUDITS} has no {BEGIN} marker")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + docs_block(data) + tail
    if check:
        if new != text:
            print(f"{AUDITS} does not show bench/unseen_audit.json: run --write-docs")
            return 1
        return 0
    AUDITS.write_text(new)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--root", type=Path, help="the folder holding the projects")
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--save", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--commit", default="", help="with --save: the commit measured")
    ap.add_argument("--write-docs", action="store_true")
    ap.add_argument("--check-docs", action="store_true")
    args = ap.parse_args()
    data = load()
    if args.write_docs or args.check_docs:
        return write_docs(data, args.check_docs)
    if args.root is None:
        ap.error("--root is needed to lint the projects")
    run = run_summary(lint(args.root, data, args.jobs))
    rows = figures(data, run)
    print("\n".join(table(rows)))
    status = 0
    for code, r in rows.items():
        if r["unjudged"]:
            print(f"{code}: {r['unjudged']} new finding(s) since the first run need a judgement")
            status = 1
    if args.check:
        saved = data.get("after")
        if saved is None or {k: saved[k] for k in ("findings", "present")} != run:
            print("bench/unseen_audit.json's saved run differs from this one: run --save")
            status = 1
    if args.save:
        commit = (
            args.commit
            or subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
            ).stdout.strip()
        )
        data["after"] = {"commit": commit, **run}
        DATA.write_text(json.dumps(data, indent=1) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
