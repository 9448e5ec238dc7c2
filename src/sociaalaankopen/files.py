"""Atomic writes: build into a temporary file beside the target, then move it into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError, Problem


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` atomically; refuse to replace an existing file unless `force`."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(Problem(str(target), "", "is a folder", "give a file name with --out"))
    if target.exists() and not force:
        raise OutputError(
            Problem(str(target), "", "already exists", "pass --force to overwrite it or choose another --out")
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
