"""Writing fixed files back: atomically, keeping mode, encoding, BOM and newlines
(the fixer only touches the edited spans of the decoded text), and never over a file
that changed since it was read."""

from __future__ import annotations

import difflib
import hashlib
import os
import tempfile

from torchlint.lint.source import SourceFile


class WriteError(Exception):
    pass


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


def write_atomic(source: SourceFile, new_text: str, original_digest: str) -> None:
    """Replace the file with ``new_text`` in the source's encoding. Refuses symlinks
    (the target may be outside the linted tree) and files whose content changed
    since ``original_digest`` was taken."""
    path = source.path
    if os.path.islink(path):
        raise WriteError("is a symbolic link; not fixed (fix the file it points to)")
    try:
        data = source.encode(new_text)
    except UnicodeEncodeError as exc:
        raise WriteError(
            f"fixed text cannot be encoded as {source.encoding}: {exc.reason}"
        ) from None
    directory = os.path.dirname(os.path.abspath(path))
    try:
        st = os.stat(path)
        with open(path, "rb") as fh:
            if digest(fh.read()) != original_digest:
                raise WriteError("changed on disk while being linted; not fixed")
        fd, tmp = tempfile.mkstemp(prefix=".torchlint-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, st.st_mode & 0o7777)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
