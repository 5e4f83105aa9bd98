"""Turn the command line's paths into the sorted list of files to lint: recurse into
folders, honour .gitignore and the config's excludes, never loop on symlinks."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pathspec

from torchlint.config import Config
from torchlint.findings import Problem

PY_SUFFIXES = (".py", ".pyi")


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

    def excluded(self, path: str, is_dir: bool, base: str | None = None) -> bool:
        apath = os.path.abspath(path)
        rel = _rel(apath, base or self.config.root) or os.path.basename(apath)
        if self.exclude.match_file(rel + ("/" if is_dir else "")):
            return True
        if is_dir and os.path.isfile(os.path.join(apath, "pyvenv.cfg")):
            return True  # a virtualenv, whatever its name
        return self.config.respect_gitignore and self._gitignored(apath, is_dir)

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

    def _gitignored(self, apath: str, is_dir: bool) -> bool:
        # Every .gitignore from the file's folder up to the repository root applies;
        # as in git, the deepest one that has a say (a match, or a "!" negation) wins.
        directory = os.path.dirname(apath)
        while True:
            spec = self._gitignore(directory)
            rel = _rel(apath, directory)
            if spec is not None and rel is not None:
                verdict = spec.check_file(rel + ("/" if is_dir else "")).include
                if verdict is not None:
                    return bool(verdict)
            if os.path.exists(os.path.join(directory, ".git")):
                return False
            parent = os.path.dirname(directory)
            if parent == directory:
                return False
            directory = parent


def discover(paths: list[str], config: Config) -> tuple[list[str], list[Problem]]:
    """Files to lint, sorted and without duplicates, and the paths that could not be
    used. A file named explicitly is always linted, whatever the excludes say."""
    ignores = _Ignores(config)
    files: set[str] = set()
    problems: list[Problem] = []
    for raw in paths:
        path = os.path.normpath(raw)
        if os.path.isdir(path):
            files.update(_walk(path, ignores, problems))
        elif os.path.isfile(path):
            files.add(path)
        elif os.path.exists(path):
            problems.append(Problem(path, "not a regular file; skipped"))
        elif os.path.islink(path):
            problems.append(Problem(path, "broken symbolic link or symlink loop"))
        else:
            problems.append(Problem(path, "No such file or directory"))
    return sorted(files), problems


def _walk(top: str, ignores: _Ignores, problems: list[Problem]) -> Iterator[str]:
    def onerror(exc: OSError) -> None:
        problems.append(Problem(exc.filename or top, exc.strerror or str(exc)))

    base = ignores.base_for(top)
    # followlinks=False: a symlinked folder is not entered, so a symlink loop cannot
    # make the walk endless.
    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror, followlinks=False):
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if os.path.islink(full) or ignores.excluded(full, True, base):
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if not name.endswith(PY_SUFFIXES):
                continue
            full = os.path.join(dirpath, name)
            if os.path.islink(full) and not os.path.exists(full):
                problems.append(Problem(full, "broken symbolic link or symlink loop"))
                continue
            try:
                regular = stat.S_ISREG(os.stat(full).st_mode)
            except OSError:
                regular = False
            if not regular or ignores.excluded(full, False, base):
                continue  # a folder named x.py, a FIFO, a socket: not source files
            yield full
