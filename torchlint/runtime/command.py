"""``torchlint run``: run a script or module under the runtime check and report the
device/dtype mismatches it hit, flake8-style (``path:line:col: TLR001 message``).

Exit codes: 0 clean, 1 records, 2 the script failed for another reason (its
traceback on stderr) or torch is missing."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
from typing import Any

import click

from torchlint.lint.findings import Finding, Problem
from torchlint.runtime.records import NO_GPU_RE, OP_ERROR, Frame, Record

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def display_path(path: str) -> str:
    """Relative to the current folder when below it, as flake8 prints paths."""
    if not os.path.isabs(path):
        return path
    rel = os.path.relpath(path)
    return path if rel.startswith(os.pardir + os.sep) or rel == os.pardir else rel


def _relative(record: Record) -> Record:
    def fix(f: Frame) -> Frame:
        return Frame(display_path(f.path), f.line, f.column, f.function)

    return dataclasses.replace(
        record,
        location=fix(record.location) if record.location else None,
        stack=tuple(fix(f) for f in record.stack),
    )


def torch_missing() -> str | None:
    try:
        import torch  # noqa: F401
    except ImportError as exc:
        return (
            f"the runtime check needs torch ({exc}); install it with "
            "`pip install 'torchlint[runtime]'`"
        )
    return None


@click.command(
    name="run",
    context_settings={
        "help_option_names": ["-h", "--help"],
        "ignore_unknown_options": True,
        "allow_interspersed_args": False,
    },
)
@click.option(
    "--simulate-cuda",
    is_flag=True,
    help="Simulate CUDA on the CPU: torch.cuda.is_available() is True, tensors moved to "
    "'cuda' stay CPU tensors with a virtual device, and mixing devices fails as on a GPU.",
)
@click.option(
    "--devices",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="How many CUDA devices to simulate.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
@click.option("-m", "module", metavar="MODULE", help="Run a module, as `python -m MODULE`.")
@click.argument("argv", nargs=-1, type=click.UNPROCESSED)
def run_command(
    simulate_cuda: bool, devices: int, as_json: bool, module: str | None, argv: tuple[str, ...]
) -> None:
    """Run SCRIPT (or -m MODULE) with ARGS under the runtime check.

    \b
    torchlint run --simulate-cuda train.py --epochs 1
    torchlint run --simulate-cuda -m pytest tests/

    Each device/dtype mismatch the run hits is printed as
    `path:line:col: CODE message`: TLR001 device mismatch, TLR002 dtype mismatch,
    TLR003 another op that raised and stopped the script. Exit codes: 0 clean,
    1 records, 2 the script failed for another reason or torch is missing.
    """
    if module is None and not argv:
        raise click.UsageError("name a script to run (or -m MODULE)")
    missing = torch_missing()
    if missing:
        click.echo(f"torchlint: error: {missing}", err=True)
        sys.exit(EXIT_ERROR)
    from torchlint.runtime.execute import run

    target, args = (module, list(argv)) if module is not None else (argv[0], list(argv[1:]))
    if module is None and not os.path.isfile(target):
        click.echo(f"torchlint: error: {target}: no such file", err=True)
        sys.exit(EXIT_ERROR)
    # With --json, stdout is the report: the script's own output goes to stderr.
    quiet = contextlib.redirect_stdout(sys.stderr) if as_json else contextlib.nullcontext()
    with quiet:
        result = run(
            target,
            args,
            module=module is not None,
            simulate_cuda=simulate_cuda,
            device_count=devices,
        )
    # An op that raised for another reason than devices or dtypes is the script
    # crashing (exit 2), not a finding.
    records = [_relative(r) for r in result.records if r.kind != OP_ERROR]
    sys.stdout.flush()
    crash = result.crash
    if as_json:
        payload: dict[str, Any] = {
            "records": [r.to_json() for r in records],
            "crash": crash.to_json() if crash else None,
            "exit_status": result.exit_status,
            "simulate_cuda": simulate_cuda,
            "devices": devices,
        }
        click.echo(json.dumps(payload, indent=2))
    else:
        for r in records:
            click.echo(r.format())
    if crash is not None:
        where = "<unknown>"
        if crash.location is not None:
            where = f"{display_path(crash.location.path)}:{crash.location.line}"
        if crash.recorded:
            click.echo(
                f"torchlint: the script stopped at {where}: {crash.type} (reported above)",
                err=True,
            )
        else:
            click.echo(crash.traceback, nl=False, err=True)
            click.echo(
                f"torchlint: the script crashed at {where}{crash.where()}: "
                f"{crash.type}: {crash.message}",
                err=True,
            )
            if not simulate_cuda and NO_GPU_RE.search(crash.message):
                click.echo("torchlint: there is no GPU here: run with --simulate-cuda", err=True)
    elif result.exit_status:
        click.echo(f"torchlint: the script exited with status {result.exit_status}", err=True)
    n = len(records)
    if n:
        click.echo(f"torchlint: {n} runtime record{'s' * (n != 1)}.", err=True)
        sys.exit(EXIT_FINDINGS)
    if crash is not None or result.exit_status:
        sys.exit(EXIT_ERROR)
    click.echo("torchlint: the run hit no device or dtype mismatch.", err=True)
    sys.exit(EXIT_CLEAN)


def confirm_findings(
    script: str, findings: list[Finding], devices: int = 1
) -> tuple[list[Finding], list[str], list[Problem]]:
    """For ``torchlint --confirm SCRIPT``: run SCRIPT under ``devices`` simulated CUDA
    devices and give each finding its ``confirmation`` (torchlint.runtime.confirm).
    Returns the findings, the records that confirmed no finding (as flake8-style
    lines), and problems (torch missing, a crash no record explains). The script's own
    output goes to stderr, so stdout stays a report."""
    missing = torch_missing()
    if missing:
        return findings, [], [Problem(script, f"--confirm: {missing}")]
    if not os.path.isfile(script):
        return findings, [], [Problem(script, "--confirm: no such file")]
    from torchlint.runtime.confirm import lines_to_watch, mark
    from torchlint.runtime.execute import run

    with contextlib.redirect_stdout(sys.stderr):
        result = run(
            script, [], simulate_cuda=True, device_count=devices, watch=lines_to_watch(findings)
        )
    records = [r for r in result.records if r.kind != OP_ERROR]
    marked, unmatched = mark(findings, records, result.executed)
    problems = []
    crash = result.crash
    if crash is not None and not crash.recorded:
        where = (
            f" at {display_path(crash.location.path)}:{crash.location.line}{crash.where()}"
            if crash.location
            else ""
        )
        problems.append(
            Problem(
                script, f"crashed under the runtime check{where}: {crash.type}: {crash.message}"
            )
        )
    return marked, [_relative(r).format() for r in unmatched], problems
