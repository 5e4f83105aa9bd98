"""Turn the command line's paths into the sorted list of files to lint: recurse into
folders, honour .gitignore and the config's excludes, never loop on symlinks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pathspec

from torchlint.config import Config
from torchlint.lint.findings import Problem

# What a folder's walk lints: Python files and Jupyter notebooks (torchlint.lint.notebook).
PY_SUFFIXES = (".py", ".pyi", ".ipynb")


def _spec(patterns: list[str]) -> pathspec.PathSpec[Any]:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _rel(path: str, base: str) -> str | None:
    rel = os.path.relpath(path, base)
    if rel == os.curdir or rel.startswith(os.pardir):
        return None
    return rel.replace(os.sep, "/")


@dataclass
class _Ignores:
    config: Config
    exclude: pathspec.PathSpec[Any] = field(init=False)
    gitignores: dict[str, pathspec.PathSpec[Any] | None] = field(default_factory=dict)
    # Per folder: the .gitignore files that apply to what is in it, deepest first.
    chains: dict[str, list[tuple[str, pathspec.PathSpec[Any]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.exclude = _spec(self.config.exclude + self.config.extend_exclude)

    def base_for(self, top: str) -> str:
        """Exclude globs are relative to the config's folder, unless the folder being
        walked is itself inside an excluded one (``torchlint build/proj``, named on
        purpose): then they are relative to that folder, so that only what is below it
        can be excluded."""
        atop = os.path.abspath(top)
        rel = _rel(atop, self.config.root)
        if rel is not None and self.exclude.match_file(rel + "/"):
            return atop
        return self.config.root

    def excluded(self, apath: str, rel: str, is_dir: bool) -> bool:
        """``apath``: absolute; ``rel``: relative to the exclude globs' base (the
        name alone for what is outside it)."""
        if self.exclude.match_file(rel + "/" if is_dir else rel):
            return True
        if is_dir and os.path.isfile(os.path.join(apath, "pyvenv.cfg")):
            return True  # a virtualenv, whatever its name
        return self.config.respect_gitignore and self._gitignored(apath, is_dir)

    def force_excluded(self, path: str, is_dir: bool) -> bool:
        """Whether ``exclude``/``extend-exclude`` leave out a path named on the command
        line (``force-exclude``): the path or a folder above it, up to the config's
        folder, matches. Outside that folder only the path's own name is matched, as
        a folder's walk matches what lies outside it. (.gitignore is not consulted:
        as in ruff, only the configured excludes are forced.)"""
        apath = os.path.abspath(path)
        rel = _rel(apath, self.config.root)
        if rel is None:
            name = os.path.basename(apath)
            return bool(name) and self.exclude.match_file(name + "/" if is_dir else name)
        parts = rel.split("/")
        for i in range(1, len(parts) + 1):
            here = "/".join(parts[:i])
            if self.exclude.match_file(here + "/" if i < len(parts) or is_dir else here):
                return True
        return False

    def _gitignore(self, directory: str) -> pathspec.PathSpec[Any] | None:
        if directory not in self.gitignores:
            spec = None
            try:
                with open(
                    os.path.join(directory, ".gitignore"), encoding="utf-8", errors="replace"
                ) as fh:
                    spec = _spec(fh.read().splitlines())
            except OSError:
                pass
            self.gitignores[directory] = spec
        return self.gitignores[directory]

    def _chain(self, directory: str) -> list[tuple[str, pathspec.PathSpec[Any]]]:
        """Every .gitignore from ``directory`` up to the repository root (the first
        folder with a ``.git``), deepest first."""
        chain = self.chains.get(directory)
        if chain is None:
            spec = self._gitignore(directory)
            chain = [(directory, spec)] if spec is not None else []
            parent = os.path.dirname(directory)
            if parent != directory and not os.path.exists(os.path.join(directory, ".git")):
                chain = chain + self._chain(parent)
            self.chains[directory] = chain
        return chain

    def _gitignored(self, apath: str, is_dir: bool) -> bool:
        # As in git, the deepest .gitignore that has a say (a match, or a "!"
        # negation) wins.
        for directory, spec in self._chain(os.path.dirname(apath)):
            rel = apath[len(directory) :].lstrip(os.sep).replace(os.sep, "/")
            verdict = spec.check_file(rel + "/" if is_dir else rel).include
            if verdict is not None:
                return bool(verdict)
        return False


@dataclass
class Discovery:
    files: list[str]  # to lint: sorted, without duplicates
    named: frozenset[str]  # those of them named on the command line
    problems: list[Problem]  # paths that could not be used


def discover(paths: list[str], config: Config) -> Discovery:
    """Files to lint, and the paths that could not be used. A file named explicitly
    is linted whatever the excludes say, unless ``config.force_exclude``."""
    ignores = _Ignores(config)
    files: set[str] = set()
    named: set[str] = set()
    problems: list[Problem] = []
    for raw in paths:
        path = os.path.normpath(raw)
        if config.force_exclude and ignores.force_excluded(path, os.path.isdir(path)):
            continue
        if os.path.isdir(path):
            files.update(_walk(path, ignores, problems))
        elif os.path.isfile(path):
            files.add(path)
            named.add(path)
        elif os.path.exists(path):
            problems.append(Problem(path, "not a regular file; skipped"))
        elif os.path.islink(path):
            problems.append(Problem(path, "broken symbolic link or symlink loop"))
        else:
            problems.append(Problem(path, "No such file or directory"))
    return Discovery(sorted(files), frozenset(named), problems)


def force_excluded(path: str, config: Config) -> bool:
    """Whether ``--force-exclude`` leaves out ``path`` (a name that need not exist:
    ``--stdin-filename``)."""
    return _Ignores(config).force_excluded(path, os.path.isdir(path))


def _walk(top: str, ignores: _Ignores, problems: list[Problem]) -> Iterator[str]:
    """The source files under ``top``. One ``scandir`` per folder: a symlinked folder
    is not entered (so a symlink loop cannot make the walk endless), and what an
    entry is comes from the folder listing, without a ``stat`` per file."""
    base = ignores.base_for(top)
    atop = os.path.abspath(top)
    # Relative to the globs' base: "" at the base itself; None outside it, where
    # each entry is matched by its name alone.
    stack: list[tuple[str, str, str | None]] = [
        # The current folder is "": its files are "a.py", not "./a.py".
        (
            "" if top == os.curdir else top,
            atop,
            "" if atop == os.path.abspath(base) else _rel(atop, base),
        )
    ]
    while stack:
        path, apath, rel = stack.pop()
        try:
            with os.scandir(path or os.curdir) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(path or os.curdir, exc.strerror or str(exc)))
            continue
        folders = []
        for entry in entries:
            name = entry.name
            child = os.path.join(path, name) if path else name
            child_rel = f"{rel}/{name}" if rel else name
            child_abs = os.path.join(apath, name)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if not ignores.excluded(child_abs, child_rel, True):
                    folders.append((child, child_abs, None if rel is None else child_rel))
                continue
            if not name.endswith(PY_SUFFIXES):
                continue
            try:
                regular = entry.is_file()  # follows a symlink
            except OSError:
                regular = False
            if not regular and entry.is_symlink() and not os.path.exists(entry.path):
                problems.append(Problem(child, "broken symbolic link or symlink loop"))
                continue
            if not regular or ignores.excluded(child_abs, child_rel, False):
                continue  # a folder named x.py, a FIFO, a socket: not source files
            yield child
        stack.extend(reversed(folders))
