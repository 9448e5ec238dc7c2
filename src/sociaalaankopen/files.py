"""Writes that never leave half a file or a traceback: build into a temporary file or folder beside the
target, then move it into place; a write the system refuses becomes one line that names the target
(never the temporary name) and says why in the user's language. And the reading of a user's text file
(a catalogue file, a chapter of the guide, `site.yaml`): UTF-8, or one problem that says so."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError, Problem, wrong_type
from .messages import Text, said

# Why the system refused a write, said per language (its own strerror is English).
_REASONS = {
    errno.ENOENT: said("a folder on its path does not exist"),
    errno.ENOTDIR: said("a part of its path is a file, not a folder"),
    errno.EEXIST: said("a part of its path is a file, not a folder"),
    errno.EACCES: said("permission denied"),
    errno.EPERM: said("permission denied"),
    errno.EROFS: said("the file system is read-only"),
    errno.ENOSPC: said("the disk is full"),
    errno.EDQUOT: said("the disk quota is used up"),
    errno.EFBIG: said("the file is too large"),
    errno.ENAMETOOLONG: said("the name is too long"),
    errno.EBADF: said("it is closed"),
}


def reason(error: OSError) -> Text:
    """Why `error` stopped a write, in words the messages can translate."""
    return _REASONS.get(error.errno or 0) or said("{detail}", detail=error.strerror or type(error).__name__)


def unwritable(target: str | os.PathLike[str], error: OSError) -> OutputError:
    return OutputError(
        Problem(
            str(target),
            "",
            "cannot be written: {reason}",
            "choose a place you can write to with --out",
            reason=reason(error),
        )
    )


@contextmanager
def writing(target: str | os.PathLike[str]) -> Iterator[None]:
    """Turn a write the system refuses inside the block into an OutputError about `target`."""
    try:
        yield
    except OSError as e:
        raise unwritable(target, e) from None


def staging_folder(target: Path) -> Path:
    """A new, empty folder beside `target` (whose parents are made if missing) to build it in."""
    import tempfile  # here, not at the top: loading a cached catalogue imports this module, and writes nothing

    with writing(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` atomically; refuse to replace an existing file unless `force`.

    The folder must exist (a typo in it is not made into a new tree); a replaced file keeps its
    permissions, a new one gets rw-r--r--."""
    import tempfile

    if not isinstance(path, str | os.PathLike):
        raise wrong_type("write_atomic", "path", path, said("a file name (str or path)"))
    if not isinstance(data, bytes | bytearray | memoryview):
        raise wrong_type("write_atomic", "data", data, said("bytes (text.encode('utf-8'))"))
    if not os.fspath(path):
        raise OutputError(Problem("--out", "", "is empty", "give a file name"))
    target = Path(path)
    if target.is_dir():
        raise OutputError(Problem(str(target), "", "is a folder", "give a file name with --out"))
    if target.exists() and not target.is_file():
        # A device or a named pipe: the atomic move would put a plain file in its place (/dev/null too).
        raise OutputError(
            Problem(
                str(target),
                "",
                "is not a regular file (a device or a pipe)",
                "give a file name with --out, or leave --out out and redirect the output",
            )
        )
    if target.exists() and not force:
        raise OutputError(
            Problem(str(target), "", "already exists", "pass --force to overwrite it or choose another --out")
        )
    folder = target.parent
    if not folder.is_dir():
        if folder.exists():
            raise OutputError(
                Problem(str(folder), "", "is a file, not a folder", "create the folder first or choose another --out")
            )
        raise OutputError(Problem(str(folder), "", "does not exist", "create the folder first or choose another --out"))
    with writing(target):
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target


# --- reading a user's text files --------------------------------------------------------------------


def utf8_name(path: str | os.PathLike[str]) -> bool:
    """Whether a path is text: a name of bytes that are not UTF-8 ('caf\\xe9.md', saved by a cp1252 tool)
    reaches Python as lone surrogates, which no line can print and no hash can read."""
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as a line can print it: each byte of its name that is not UTF-8 as U+FFFD (the replacement
    character)."""
    return os.fsencode(path).decode("utf-8", "replace")


def not_utf8_name(path: str | os.PathLike[str]) -> Problem:
    """The problem of a file or folder whose name is not UTF-8."""
    return Problem(
        shown_path(path),
        "",
        "its name is not UTF-8",
        "rename it using ASCII or UTF-8 characters",
    )


def read_text(path: Path, where: str) -> tuple[str, Problem | None]:
    """A user's text file as text (a leading byte order mark dropped, Windows line ends made '\\n'), or ''
    and the problem that stopped it: not UTF-8, or not readable."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        return "", Problem(where, "", "cannot be read: {reason}", reason=e.strerror or type(e).__name__)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return "", Problem(where, "", "is not UTF-8 (byte {byte})", "save the file as UTF-8", byte=e.start)
    return text.lstrip("\ufeff").replace("\r\n", "\n"), None
