"""The ``torchlint`` command: options -> config -> discovery -> runner -> report."""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from collections.abc import Callable

import click

from torchlint import __version__
from torchlint.batch.discovery import discover, force_excluded
from torchlint.batch.runner import FileResult, Options, default_jobs, process_text, run
from torchlint.config import (
    Config,
    ConfigError,
    check_codes,
    enabled_codes,
    per_file_codes,
    resolve_config,
)
from torchlint.lint import notebook
from torchlint.lint.findings import Applicability, Finding, Problem
from torchlint.lint.source import SourceError, decode, physical_lines, read_bytes
from torchlint.report import github as github_report
from torchlint.report import json as json_report
from torchlint.report import junit as junit_report
from torchlint.report import sarif as sarif_report
from torchlint.report import text as text_report
from torchlint.rules import registry

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(values: tuple[str, ...]) -> list[str]:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def _validate(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[str]:
    codes = _codes(value)
    try:
        check_codes(codes, registry.codes(), f"--{param.name.replace('_', '-')}")  # type: ignore[union-attr]
    except ConfigError as exc:
        raise click.BadParameter(str(exc).split(": ", 1)[1]) from None
    return codes


def _list_rules() -> str:
    rows = [("CODE", "NAME", "FIX", "DEFAULT", "SUMMARY")]
    for code, rule in registry.all_rules().items():
        rows.append(
            (
                code,
                rule.name,
                "yes" if rule.fixable else "no",
                "on" if rule.default_enabled else "off",
                rule.summary,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r[:4])) + "  " + r[4] + "\n"
        for r in rows
    )


def _err(message: str) -> None:
    click.echo(f"torchlint: {message}", err=True)


def _lsp(args: list[str]) -> int:
    try:
        from torchlint.frontends import lsp
    except ModuleNotFoundError as exc:
        if exc.name not in ("pygls", "lsprotocol"):
            raise
        _err("error: `torchlint lsp` needs pygls: pip install 'torchlint[lsp]'")
        return EXIT_ERROR
    return lsp.main(args)


def _documentation(key: str, param_hint: str) -> str:
    """The documentation of the rule with this code or name; a usage error if none."""
    rule = registry.find(key)
    if rule is None:
        hint = registry.suggest(key)
        did = f"; did you mean {hint!r}?" if hint else ""
        raise click.BadParameter(f"no rule {key!r} (see --list-rules){did}", param_hint=param_hint)
    return rule.documentation()


@click.command(name="rule", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("name")
def _rule_command(name: str) -> None:
    """Print the documentation of the rule NAME, given by its code (TL101) or its
    name (type-cast-without-device). Same as torchlint --explain NAME."""
    click.echo(_documentation(name, "NAME"), nl=False)


def _rule(args: list[str]) -> int:
    return _exit_code(lambda: _rule_command.main(args, prog_name="torchlint rule"))


def _exit_code(command: Callable[[], object]) -> int:
    try:
        command()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    return EXIT_CLEAN


def _run(args: list[str]) -> int:
    # `torchlint run`: the runtime check (torchlint/runtime/); torch is imported only
    # once a script is about to run.
    from torchlint.runtime.command import run_command

    return _exit_code(lambda: run_command.main(args, prog_name="torchlint run"))


# `torchlint NAME ARGS...` for these names runs the callable on ARGS and exits with
# what it returns; anything else is linting, as before (a path with such a name can
# be linted as `./lsp`). main's help lists them.
SUBCOMMANDS: dict[str, Callable[[list[str]], int]] = {"lsp": _lsp, "rule": _rule, "run": _run}


class _Command(click.Command):
    """The lint command, which first hands subcommands (SUBCOMMANDS) their arguments."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: object,
    ) -> object:
        argv = list(sys.argv[1:] if args is None else args)
        if argv and argv[0] in SUBCOMMANDS:
            code = SUBCOMMANDS[argv[0]](argv[1:])
            if standalone_mode:
                sys.exit(code)
            return code
        return super().main(args, prog_name, complete_var, standalone_mode, **extra)  # type: ignore[arg-type]


@click.command(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--select",
    multiple=True,
    callback=_validate,
    metavar="CODES",
    help="Only these rules (codes or prefixes, comma-separated). Replaces the defaults.",
)
@click.option(
    "--extend-select",
    multiple=True,
    callback=_validate,
    metavar="CODES",
    help="Add these rules to the selection (e.g. opt-in rules).",
)
@click.option(
    "--ignore",
    multiple=True,
    callback=_validate,
    metavar="CODES",
    help="Skip these rules (codes or prefixes).",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix/--diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "--add-noqa",
    is_flag=True,
    help="Suppress every current finding in place with a `# noqa: CODE` comment (to adopt "
    "torchlint on an existing code base); prints how many were added.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "github", "junit"]),
    default="text",
    show_default=True,
    help="Output format on stdout: text (flake8's), json, sarif (GitHub code scanning), "
    "github (Actions annotations), junit (test reports).",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="No summary or warnings on stderr (errors still)."
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print a count per rule instead of findings ([*]: --fix fixes them all; [-]: "
    "some). With --format json, as JSON.",
)
@click.option("--show-source", is_flag=True, help="Show the source line and a caret.")
@click.option(
    "--show-fixes",
    is_flag=True,
    help="Show each finding's fix under it (text format); with --fix, list the fixes "
    "applied per file and rule on stderr.",
)
@click.option("--list-rules", is_flag=True, help="List all rules and exit.")
@click.option(
    "--explain",
    metavar="RULE",
    help="Print a rule's documentation and exit; RULE is its code (TL101) or name "
    "(type-cast-without-device).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Use this config file instead of searching for pyproject.toml.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply exclude/extend-exclude to paths named on the command line too (for "
    "pre-commit, which names every file). Default: the config's force-exclude (false).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of CPUs).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when --fix changed a file.")
@click.option("--no-cache", is_flag=True, help="Do not read or write .torchlint_cache/.")
@click.option("--stdin-filename", metavar="PATH", help="The name to report for '-' (stdin).")
@click.option(
    "--confirm",
    "confirm_script",
    metavar="SCRIPT",
    help="After linting, run SCRIPT under simulated CUDA (needs torch) and mark each finding "
    "[confirmed], [not confirmed], [not reached] or [not confirmable]; PATHS default to "
    "SCRIPT. See docs/runtime.md.",
)
@click.option(
    "--devices",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="With --confirm: how many CUDA devices to simulate (default 1).",
)
@click.version_option(__version__, "--version", prog_name="torchlint")
def main(
    paths: tuple[str, ...],
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    add_noqa: bool,
    output_format: str,
    quiet: bool,
    statistics: bool,
    show_source: bool,
    show_fixes: bool,
    list_rules: bool,
    explain: str | None,
    config_file: str | None,
    isolated: bool,
    force_exclude: bool | None,
    jobs: int | None,
    exit_zero: bool,
    exit_non_zero_on_fix: bool,
    stdin_filename: str | None,
    no_cache: bool,
    confirm_script: str | None,
    devices: int | None,
) -> None:
    """Lint PyTorch code for device and dtype mistakes.

    PATHS are files and folders (default: the current folder).
    Exit codes: 0 no findings, 1 findings, 2 usage or configuration error, or a file
    that could not be linted.

    \b
    Commands (the first argument; COMMAND --help for their options):
      run SCRIPT [ARGS]...  Run a script under the runtime check: simulated CUDA,
                            device/dtype mismatches reported (needs torch).
      lsp                   The language server, over stdio (needs pygls).
      rule NAME             A rule's documentation, by code or name (= --explain).
    """
    if list_rules:
        click.echo(_list_rules(), nl=False)
        sys.exit(EXIT_CLEAN)
    if statistics and output_format not in ("text", "json"):
        # As ruff: the CI formats have no place for counts.
        raise click.UsageError(
            f"--statistics prints text or JSON, not --format {output_format}",
            click.get_current_context(),
        )
    if statistics and diff:
        raise click.UsageError(
            "--statistics cannot be used with --diff", click.get_current_context()
        )
    if show_fixes and diff:
        raise click.UsageError(
            "--show-fixes cannot be used with --diff (which shows them)",
            click.get_current_context(),
        )
    if explain is not None:
        click.echo(_documentation(explain, "--explain"), nl=False)
        sys.exit(EXIT_CLEAN)
    if add_noqa:
        clash = [
            name
            for name, on in (
                ("--fix", fix),
                ("--diff", diff),
                ("--statistics", statistics),
                ("--confirm", confirm_script is not None),
                ("'-' (stdin)", "-" in paths),
            )
            if on
        ]
        if clash:
            raise click.UsageError(
                f"--add-noqa cannot be used with {clash[0]}", click.get_current_context()
            )

    if devices is not None and confirm_script is None:
        raise click.UsageError(
            "--devices goes with --confirm (or `torchlint run --devices N`)",
            click.get_current_context(),
        )
    targets = list(paths) or ([confirm_script] if confirm_script else ["."])
    try:
        first = next((t for t in targets if t != "-"), stdin_filename or ".")
        config = resolve_config(first, registry.codes(), config_file, isolated)
    except ConfigError as exc:
        _err(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    if force_exclude is not None:
        config = dataclasses.replace(config, force_exclude=force_exclude)

    if select:
        # As in ruff: a command-line --select starts the selection afresh, so the
        # config file's select, extend-select and ignore no longer apply.
        codes = enabled_codes(registry.defaults(), select, extend_select, ignore)
    else:
        codes = enabled_codes(
            registry.defaults(),
            config.select,
            [*config.extend_select, *extend_select],
            [*config.ignore, *ignore],
        )
    options = Options(
        codes=codes,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        max_file_size=config.max_file_size,
        cache_root=None if no_cache else config.root,
        add_noqa=add_noqa,
    )
    options_for = _per_file(config, options)

    results: list[FileResult] = []
    problems: list[Problem] = []
    stdin_result = None
    stdin_data = b""
    stdin_excluded = False
    if "-" in targets:
        targets.remove("-")
        name = os.path.normpath(stdin_filename) if stdin_filename else "-"
        stdin_data = sys.stdin.buffer.read()
        if stdin_filename and config.force_exclude and force_excluded(name, config):
            stdin_excluded = True  # not linted; with --fix, given back unchanged
        else:
            stdin_result = process_text(name, stdin_data, options_for(name), write=False)
            results.append(stdin_result)
    named: frozenset[str] = frozenset()
    if targets:
        found = discover(targets, config)
        files, named, problems = found.files, found.named, found.problems
        results.extend(run(files, options_for, jobs or (1 if len(files) <= 1 else default_jobs())))

    # A file over max-file-size: skipped with a warning when a folder's walk found it
    # (the configuration says to leave such files out), an error when it was named. A
    # notebook in another language: a warning either way.
    skipped = [r for r in results if r.skipped]
    warnings = [
        Problem(r.path, f"skipped: {r.skipped}")
        for r in skipped
        if r.path not in named or r.skip_is_warning
    ]
    problems = problems + [
        Problem(r.path, f"not linted: {r.skipped}")
        for r in skipped
        if r.path in named and not r.skip_is_warning
    ]
    results = [r for r in results if not r.skipped]

    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    problems = problems + [p for r in results for p in r.problems]
    if add_noqa:
        _report_added(results, findings, warnings, problems, quiet)
    fixed = sum(r.fixed for r in results)
    unconfirmed: list[str] = []  # runtime records that confirm no finding
    if confirm_script is not None:
        from torchlint.runtime.command import confirm_findings

        findings, unconfirmed, confirm_problems = confirm_findings(
            confirm_script, findings, devices or 1
        )
        problems += confirm_problems
        if output_format != "json":
            # JSON has the status as a field; the other formats say it in the message.
            findings = [
                dataclasses.replace(f, message=f"{f.message} [{f.confirmation}]")
                if f.confirmation
                else f
                for f in findings
            ]

    out = sys.stdout
    if (stdin_result is not None or stdin_excluded) and fix and not diff:
        # As ruff does: the fixed source on stdout, findings on stderr.
        sys.stdout.flush()
        fixed_bytes = stdin_result.fixed_bytes if stdin_result is not None else None
        sys.stdout.buffer.write(fixed_bytes if fixed_bytes is not None else stdin_data)
        sys.stdout.buffer.flush()
        out = sys.stderr
    if diff:
        out.write("".join(r.diff for r in results))
    elif statistics and output_format == "json":
        out.write(json_report.statistics(findings, unsafe_fixes))
    elif statistics:
        out.write(text_report.statistics(findings, unsafe_fixes))
    elif output_format == "json":
        out.write(json_report.render(findings))
    elif output_format == "sarif":
        out.write(sarif_report.render(findings, problems, warnings))
    elif output_format == "github":
        out.write(github_report.render(findings, problems, warnings))
    elif output_format == "junit":
        out.write(junit_report.render(findings, [r.path for r in results], problems, warnings))
    else:
        stdin_read = None
        if stdin_result is not None:
            # What the linter read; after --fix, the fixed source, which the remaining
            # findings are in.
            read = stdin_result.fixed_bytes if fix and stdin_result.fixed_bytes else stdin_data
            stdin_read = (stdin_result.path, read)
        out.write(text_report.render(findings, show_source, _line_reader(stdin_read), show_fixes))
    if unconfirmed:  # flake8-style lines: on stdout beside text findings, else stderr
        target = out if output_format == "text" and not (diff or statistics) else sys.stderr
        target.write("".join(line + "\n" for line in unconfirmed))
    out.flush()

    if show_fixes and fixed:  # asked for: printed even with -q
        _err(text_report.fixed_summary({r.path: r.fixed_codes for r in results}).rstrip("\n"))
    if not quiet:
        for p in sorted(warnings, key=lambda p: (p.path, p.message)):
            _err(f"warning: {p}")
    for p in sorted(problems, key=lambda p: (p.path, p.message)):
        _err(f"error: {p}")
    if not quiet:
        _summary(
            findings,
            0 if show_fixes else fixed,  # already listed
            len(results),
            len(warnings),
            options,
            diff,
            len(problems),
        )

    if problems:
        sys.exit(EXIT_ERROR)
    if exit_zero:
        sys.exit(EXIT_CLEAN)
    if diff and any(r.diff for r in results):
        sys.exit(EXIT_FINDINGS)
    if exit_non_zero_on_fix and fixed:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_FINDINGS if findings or unconfirmed else EXIT_CLEAN)


def _report_added(
    results: list[FileResult],
    unplaced: list[Finding],
    warnings: list[Problem],
    problems: list[Problem],
    quiet: bool,
) -> None:
    """--add-noqa's report and exit: how many directives were written; findings no
    line could take one for are warnings."""
    warnings = warnings + [
        Problem(f"{f.path}:{text_report.location(f)}", f"no line can take a `# noqa: {f.code}`")
        for f in unplaced
    ]
    if not quiet:
        for p in sorted(warnings, key=lambda p: (p.path, p.message)):
            _err(f"warning: {p}")
    for p in sorted(problems, key=lambda p: (p.path, p.message)):
        _err(f"error: {p}")
    if not quiet:
        added = sum(r.noqa_added for r in results)
        _err(f"Added {added} noqa directive{'s' * (added != 1)}.")
    sys.exit(EXIT_ERROR if problems else EXIT_CLEAN)


def _per_file(config: Config, options: Options) -> Callable[[str], Options]:
    codes_for = per_file_codes(config, options.codes)

    @functools.cache
    def options_for(path: str) -> Options:
        codes = codes_for(path)
        return options if codes == options.codes else dataclasses.replace(options, codes=codes)

    return options_for


def _line_reader(stdin: tuple[str, bytes] | None) -> text_report.LineReader:
    """The lines of the linted files (of a notebook's cells), for --show-source and
    --show-fixes; ``stdin``: its name and the bytes that were linted."""

    @functools.lru_cache(maxsize=64)
    def lines(path: str, cell: int) -> list[str]:
        try:
            if stdin is not None and path == stdin[0]:
                data = stdin[1]
            else:
                data = read_bytes(path, 0)
            if cell:
                found = notebook.load(path, data).cell(cell)
                return physical_lines(found.text) if found is not None else []
            return physical_lines(decode(path, data).text)
        except SourceError:
            return []

    def line_of(path: str, line: int, cell: int = 0) -> str | None:
        ls = lines(path, cell)
        return ls[line - 1] if 0 < line <= len(ls) else None

    return line_of


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _summary(
    findings: list[Finding],
    fixed: int,
    files: int,
    skipped: int,
    options: Options,
    diff: bool,
    problems: int,
) -> None:
    if diff:
        return
    if fixed:
        _err(f"Fixed {fixed} finding{'s' * (fixed != 1)}.")
    if not findings:
        checked = f"{files} file{'s' * (files != 1)} checked"
        if skipped:
            checked += f", {_plural(skipped, 'file')} skipped"
        if problems:
            _err(
                f"No findings ({checked}), but {problems} path{'s' * (problems != 1)} "
                "could not be linted (see above)."
            )
        else:
            _err(f"All checks passed ({checked}).")
        return
    n_files = len({f.path for f in findings})
    safe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.UNSAFE)
    fixable = safe + (unsafe if options.unsafe_fixes else 0)
    line = (
        f"Found {len(findings)} finding{'s' * (len(findings) != 1)} in {n_files} "
        f"file{'s' * (n_files != 1)} ({fixable} fixable with --fix"
        f"{' --unsafe-fixes' if options.unsafe_fixes else ''})"
    )
    if unsafe and not options.unsafe_fixes:
        line += f"; {unsafe} more with --unsafe-fixes"
    if skipped:
        line += f"; {_plural(skipped, 'file')} skipped"
    _err(line + ".")
