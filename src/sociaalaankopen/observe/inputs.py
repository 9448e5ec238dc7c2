"""Walk the inputs of `observe`: files, folders and archives (.zip, .tar.gz, .tar.xz) of notices.

Archives are read member by member, never unpacked to disk, and a member with an absolute path or
a '..' part is refused: such names are how an archive writes outside the folder it is unpacked in,
and a notice named so is not to be trusted. Every notice becomes an `Item`; whatever cannot be read
becomes an `Item` of kind 'error' that the run counts as skipped, and the walk goes on.
"""

from __future__ import annotations

import os
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ..errors import Problem
from ..messages import Text, said
from ..readers.base import MAX_BYTES, MAX_PACKAGE_BYTES

NOTICE_SUFFIXES = (".xml", ".json", ".jsonl", ".ndjson")  # each also compressed on its own: .xml.gz
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2")
ARCHIVE_SUFFIXES = (".zip", *TAR_SUFFIXES)


@dataclass(frozen=True)
class Item:
    """One notice still to be read (kind xml, json or jsonl, payload its bytes), or one that could
    not be (kind error, payload the Problem)."""

    where: str
    kind: str
    payload: Any


def _kind(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".gz") and not lower.endswith(TAR_SUFFIXES):
        lower = lower[:-3]  # one notice compressed on its own (notice.xml.gz): read through gzip
    if lower.endswith(".xml"):
        return "xml"
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith(".json"):
        return "json"
    return None


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def unsafe_member(name: str) -> Text | None:
    """Why an archive member's name is refused (said per language), or None when it is safe."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return said("has an absolute path")
    if ".." in PurePosixPath(normal).parts:
        return said("has a '..' part in its path")
    return None


def _refused(where: str, why: Text) -> Item:
    return Item(where, "error", Problem(where, "", "refused: the archive member {why}", "repack the archive", why=why))


def _read(f: IO[bytes], where: str, kind: str) -> Item:
    limit = MAX_BYTES if kind == "xml" else MAX_PACKAGE_BYTES
    if where.lower().endswith(".gz"):
        import gzip

        # Read through the decompressor, never more than the limit: a small file may unpack to gigabytes.
        with gzip.GzipFile(fileobj=f) as unpacked:
            data = unpacked.read(limit + 1)
    else:
        data = f.read(limit + 1)
    if len(data) > limit:
        return Item(where, "error", Problem(where, "", "is larger than {mb} MB", "split it", mb=limit // (1024 * 1024)))
    return Item(where, kind, data)


def walk(inputs: list[str | os.PathLike[str]]) -> Iterator[Item]:
    """Every notice file of the inputs, in order: folders in name order, archives in member order."""
    for source in inputs:
        path = Path(source)
        if path.is_dir():
            # A link to a file that is gone is named, not passed over in silence (is_file() is False for it).
            found = (p for p in path.rglob("*") if (p.is_file() or p.is_symlink()) and not p.name.startswith("."))
            for file in sorted(found):
                if is_archive(file.name) or _kind(file.name):
                    yield from _file(file)
        else:
            yield from _file(path)


def _file(path: Path) -> Iterator[Item]:
    where = str(path)
    try:
        if path.name.lower().endswith(".zip"):
            yield from _zip(path)
        elif path.name.lower().endswith(TAR_SUFFIXES):
            yield from _tar(path)
        else:
            with path.open("rb") as f:
                yield _read(f, where, _kind(path.name) or "xml")
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, zlib.error) as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        yield Item(
            where,
            "error",
            Problem(where, "", "cannot be read: {reason}", "check that the file is complete", reason=reason),
        )


def _zip(path: Path) -> Iterator[Item]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            where = f"{path}:{info.filename}"
            why = unsafe_member(info.filename)
            if why:
                yield _refused(where, why)
            elif not info.is_dir() and (kind := _kind(info.filename)):
                with archive.open(info) as f:
                    yield _read(f, where, kind)


def _tar(path: Path) -> Iterator[Item]:
    # Stream mode ('r|*'): members are read in order without an index, so memory stays flat.
    with tarfile.open(path, mode="r|*") as archive:
        for member in archive:
            where = f"{path}:{member.name}"
            why = unsafe_member(member.name)
            if why:
                yield _refused(where, why)
            elif member.isfile() and (kind := _kind(member.name)):
                f = archive.extractfile(member)
                if f is not None:
                    yield _read(f, where, kind)
