"""Paths as CI systems want them: relative to the folder torchlint runs in (the
repository root, in CI), with forward slashes."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def relative(path: str, root: str | None = None) -> str | None:
    """``path`` relative to ``root`` (default: the current folder) with ``/``
    separators, or None when it is not inside ``root``. ``-`` (stdin) stays ``-``."""
    if path == "-":
        return path
    base = os.path.abspath(root if root is not None else os.getcwd())
    full = os.path.abspath(path)
    try:
        if os.path.commonpath([base, full]) != base:
            return None
    except ValueError:  # another drive (Windows)
        return None
    return os.path.relpath(full, base).replace(os.sep, "/")


def display(path: str, root: str | None = None) -> str:
    """Relative with ``/`` when inside ``root``; otherwise absolute."""
    rel = relative(path, root)
    return rel if rel is not None else os.path.abspath(path).replace(os.sep, "/")


def uri(path: str, root: str | None = None) -> tuple[str, bool]:
    """A URI reference for ``path`` and whether it is relative to ``root``: the
    percent-encoded relative path, or an absolute ``file://`` URI."""
    rel = relative(path, root)
    if rel is not None:
        return quote(rel, safe="/"), True
    return Path(os.path.abspath(path)).as_uri(), False


def root_uri(root: str | None = None) -> str:
    """``file:///abs/root/``, the base the relative URIs resolve against."""
    return (
        Path(os.path.abspath(root if root is not None else os.getcwd())).as_uri().rstrip("/") + "/"
    )
