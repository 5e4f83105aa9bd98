"""``[tool.torchlint]`` in pyproject.toml: find it, validate it strictly, turn
select/ignore lists into the set of enabled rule codes, and say which codes apply to
a given file (per-file-ignores). The CLI and the language server both resolve their
configuration here, so they cannot drift apart."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pathspec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from torchlint.lint.source import DEFAULT_MAX_FILE_SIZE

DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    "__pypackages__",
    "build",
    "dist",
    ".eggs",
    "*.egg-info",
    "node_modules",
    "site-packages",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".torchlint_cache",
    ".ipynb_checkpoints",
)


class ConfigError(Exception):
    """A configuration mistake; the message names the file, the key and what is allowed."""


@dataclass
class Config:
    """Effective settings for one run. Globs are relative to ``root``."""

    root: str
    path: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    respect_gitignore: bool = True
    # exclude/extend-exclude also apply to paths named on the command line (ruff's
    # force-exclude; for pre-commit, which names every file).
    force_exclude: bool = False


def _str_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return list(value)


_KEYS = {
    "select": "list of rule codes or prefixes",
    "ignore": "list of rule codes or prefixes",
    "extend-select": "list of rule codes or prefixes",
    "exclude": "list of gitignore-style globs (replaces the defaults)",
    "extend-exclude": "list of gitignore-style globs (added to the defaults)",
    "per-file-ignores": "table of glob = [codes]",
    "max-file-size": "integer number of bytes (0: no limit)",
    "respect-gitignore": "boolean",
    "force-exclude": "boolean",
}


def _closest_key(key: str) -> str | None:
    """The allowed key a mistyped one most likely means: ``per_file_ignores`` and
    ``extend_select`` (TOML-style underscores), ``selct``, ``exlude``..."""
    import difflib

    normal = key.strip().lower().replace("_", "-")
    if normal in _KEYS:
        return normal
    found = difflib.get_close_matches(normal, list(_KEYS), n=1, cutoff=0.7)
    return found[0] if found else None


def find_config(start: str) -> str | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.torchlint]
    table (a pyproject.toml without one is passed over, as ruff does)."""
    here = os.path.abspath(start)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    while True:
        candidate = os.path.join(here, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                with open(candidate, "rb") as fh:
                    data = tomllib.load(fh)
            except (OSError, tomllib.TOMLDecodeError):
                # A broken pyproject.toml only matters if it is meant for us.
                with open(candidate, "rb") as fh:
                    if b"tool.torchlint" in fh.read():
                        return candidate
            else:
                if "torchlint" in data.get("tool", {}):
                    return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def resolve_config(
    start: str, known_codes: Iterable[str], config_file: str | None = None, isolated: bool = False
) -> Config:
    """The configuration for a run that starts at ``start`` (the first path linted, or
    an editor's document): ``config_file`` if given, the defaults with ``isolated``,
    else the nearest pyproject.toml with a [tool.torchlint] table, else the defaults
    rooted at the current folder."""
    if config_file:
        return load_config(config_file, known_codes)
    if isolated:
        return Config(root=os.getcwd())
    # A path that does not exist (yet: an editor's unsaved file) still tells where
    # to look: its nearest existing folder.
    found = find_config(start)
    return load_config(found, known_codes) if found else Config(root=os.getcwd())


def per_file_codes(config: Config, codes: frozenset[str]) -> Callable[[str], frozenset[str]]:
    """``codes`` less the per-file-ignores that match a path (matched relative to the
    configuration's root, as gitignore globs), per path."""
    specs = [
        (pathspec.GitIgnoreSpec.from_lines([glob]), frozenset(c.upper() for c in ignored))
        for glob, ignored in sorted(config.per_file_ignores.items())
    ]

    @functools.cache
    def codes_for(path: str) -> frozenset[str]:
        if not specs:
            return codes
        rel = os.path.relpath(os.path.abspath(path), config.root).replace(os.sep, "/")
        drop: set[str] = set()
        for spec, ignored in specs:
            if spec.match_file(rel):
                drop.update(c for c in codes if any(c.startswith(p) for p in ignored))
        return codes - drop if drop else codes

    return codes_for


def load_config(path: str, known_codes: Iterable[str]) -> Config:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if os.path.basename(path) == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("torchlint")
        if table is None:
            raise ConfigError(f"{path}: no [tool.torchlint] table")
        prefix = "tool.torchlint"
    else:  # a torchlint.toml-style file: the table is the whole document
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{prefix}] must be a table")
    cfg = Config(root=os.path.dirname(os.path.abspath(path)), path=path)
    codes = list(known_codes)
    for key, value in table.items():
        where = f"{path}: {prefix + '.' if prefix else ''}{key}"
        if key not in _KEYS:
            allowed = ", ".join(sorted(_KEYS))
            hint = _closest_key(key)
            did = f"did you mean `{hint}`? A" if hint else "a"
            raise ConfigError(f"{where}: unknown key; {did}llowed keys are {allowed}")
        if key in ("select", "ignore", "extend-select"):
            values = _str_list(value, where)
            check_codes(values, codes, where)
            setattr(cfg, key.replace("-", "_"), values)
        elif key in ("exclude", "extend-exclude"):
            setattr(cfg, key.replace("-", "_"), _str_list(value, where))
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected {_KEYS[key]}, got {value!r}")
            for glob, glob_codes in value.items():
                values = _str_list(glob_codes, f"{where}.{glob!r}")
                check_codes(values, codes, f"{where}.{glob!r}")
                cfg.per_file_ignores[glob] = values
        elif key == "max-file-size":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"{where}: expected {_KEYS[key]}, got {value!r}")
            cfg.max_file_size = value
        elif key in ("respect-gitignore", "force-exclude"):
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: expected {_KEYS[key]}, got {value!r}")
            setattr(cfg, key.replace("-", "_"), value)
    return cfg


def check_codes(values: Sequence[str], known: Sequence[str], where: str) -> None:
    for value in values:
        v = value.strip().upper()
        if v in ("ALL",) or (any(code.startswith(v) for code in known) and v):
            continue
        raise ConfigError(
            f"{where}: unknown rule code or prefix {value!r} (see `torchlint --list-rules`)"
        )


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


def enabled_codes(
    known: dict[str, bool],
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
) -> frozenset[str]:
    """``known`` maps each code to whether it is on by default. ``select`` replaces the
    default set (and can turn on opt-in rules), ``extend-select`` adds, ``ignore``
    removes; the most specific selector wins when select and ignore overlap."""
    sel = [s.strip().upper() for s in select] if select is not None else None
    ext = [s.strip().upper() for s in extend_select]
    ign = [s.strip().upper() for s in ignore]
    out = set()
    for code, default_on in known.items():
        chosen = _matches(code, sel) if sel is not None else default_on
        chosen = chosen or _matches(code, ext)
        best_sel = max((len(s) for s in (sel or []) + ext if _matches(code, [s])), default=-1)
        best_ign = max((len(s) for s in ign if _matches(code, [s])), default=-1)
        if chosen and best_ign >= 0 and best_ign >= best_sel:
            chosen = False
        if chosen:
            out.add(code)
    return frozenset(out)
