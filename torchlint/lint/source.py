"""Read a file and decode it exactly as Python would, remembering what the fixer
needs to write it back unchanged outside the edits (encoding, BOM, newline)."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import stat
import tokenize
from dataclasses import dataclass

# Files above this size are skipped with a message rather than parsed: LibCST needs
# roughly 100x the file size in memory.
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class SourceError(Exception):
    """A file that cannot be turned into text. The message names the problem; the
    caller adds the path."""


class TooLarge(SourceError):
    """A file over ``max-file-size``: not a file that cannot be read, but one the
    configuration says to leave out (a warning when a folder's walk found it)."""


@dataclass(frozen=True)
class SourceFile:
    path: str
    text: str  # decoded, BOM removed, newlines as in the file
    encoding: str  # as declared (PEP 263) or detected: "utf-8", "latin-1", ...
    bom: bool

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def decode(path: str, data: bytes) -> SourceFile:
    if b"\x00" in data:
        raise SourceError("binary file (contains NUL bytes), not Python source")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise SourceError(f"bad encoding declaration: {exc.msg}") from None
    bom = encoding == "utf-8-sig"
    if bom:
        encoding = "utf-8"
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"cannot decode as {encoding} (byte {exc.start}: {exc.reason});"
            " add a PEP 263 coding line or re-save as UTF-8"
        ) from None
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r}") from None
    return SourceFile(path=path, text=text, encoding=encoding, bom=bom)


def read(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> SourceFile:
    return decode(path, read_bytes(path, max_size))


def read_bytes(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The file's bytes. SourceError for anything that is not a readable file of
    acceptable size (the message says which)."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise SourceError("is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or device would block the read forever.
            raise SourceError("not a regular file; skipped")
        size = st.st_size
        if max_size and size > max_size:
            raise TooLarge(f"too large ({size} bytes > max-file-size {max_size})")
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    return data


# The line breaks of CPython and LibCST (not a form feed or U+2028).
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def physical_lines(text: str) -> list[str]:
    """The lines as Python numbers them: split at CRLF, CR or LF only (not at form
    feeds or U+2028, which ``str.splitlines`` also splits at)."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def newline_of(text: str) -> str:
    """The file's first line ending, the one LibCST will also use for new lines."""
    i = text.find("\n")
    if i > 0 and text[i - 1] == "\r":
        return "\r\n"
    if i == -1 and "\r" in text:
        return "\r"
    return "\n"


def file_digest(path: str) -> str | None:
    """What a file is now, as a result that read it (another file of the project
    that a call led into) records it and the cache checks it; None when it cannot be
    read."""
    try:
        with open(path, "rb") as fh:
            return hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
    except OSError:
        return None
