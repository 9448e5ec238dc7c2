"""A small content-addressed cache for validated catalogues and their indexes.

The key is a hash of every input byte, so a cached value is never stale: change one file and
the key changes. Reading every input to hash it costs a command more than loading the result, so
a `stamp` of the files' sizes and times (settled ones only) can stand for the hash it was last seen
with. Writing the cache is best effort; a read-only home never breaks a command.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar, cast

from .settings import CACHE_ENV, NO_CACHE_ENV

T = TypeVar("T")


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause Python's cycle collector for a block that makes many objects and few cycles (unpickling
    an index, building the site): its passes would cost more than the work. Nests: the collector runs
    again only when the outermost block ends, and only if it ran before.

    With `freeze`, what the block made is then moved out of the collector's way for good (gc.freeze):
    for a process that ends after the block, so that neither the next collection nor the one at exit
    walks every object it loaded."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sociaalaankopen"


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def digest(parts: list[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


# A file changed less than this long ago may change again within the same tick of its file system's
# clock, keeping its size and times: its stamp says nothing yet (git's "racily clean" files).
SETTLED_NS = 2_000_000_000
# The stamp needs the time of a file's last change, which no program can set back. Windows reports the
# creation time in its place, so there a file rewritten with the same size and its old modification time
# would keep its stamp: there, only the content tells.
CHANGE_TIMES = os.name != "nt"


def stamp(paths: Iterable[Path], now_ns: int | None = None) -> str | None:
    """A key made of the paths and their inode, size, modification and change times: it changes
    whenever a file is written, replaced, added or removed, without reading a byte (the test Python's
    own bytecode cache makes, plus the change time, which no program can set back). None when a file
    changed in the last SETTLED_NS, or cannot be read: then only its content can tell."""
    if not CHANGE_TIMES:
        return None
    now_ns = time.time_ns() if now_ns is None else now_ns
    parts = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            return None
        if now_ns - max(st.st_mtime_ns, st.st_ctime_ns) < SETTLED_NS:
            return None
        parts.append(f"{path}\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}".encode())
    return digest(parts)


def cached(kind: str, key: str, build: Callable[[], T], of: type | tuple[type, ...] = object) -> T:
    """Return the value stored under `kind`/`key` when it is one of the types `of`, or build, store and
    return it. An entry that cannot be read (cut short, damaged, of another Python or version of the
    package, or holding something else) is built again and written over: a cache never breaks a command."""
    if not enabled():
        return build()
    path = cache_dir() / f"{kind}-{key}.pickle"
    try:
        # The cache lives in the user's own cache folder and its name is a hash of the inputs; it is as
        # trusted as the user's home directory. Unpickling many small objects is much faster without
        # collection passes.
        with path.open("rb") as f, gc_paused():
            cached_value = pickle.load(f)
        if isinstance(cached_value, of):
            return cast(T, cached_value)
    except Exception:  # noqa: BLE001 - unpickling damaged bytes can raise almost anything: rebuild
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # here: a run that finds its cache writes nothing, and tempfile costs the start-up

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent, kind)
    except OSError:
        pass
    return value


KEEP = 8  # entries kept per kind: enough for a few catalogues and versions side by side


def _prune(folder: Path, kind: str) -> None:
    """Remove all but the newest KEEP entries of a kind, so the cache does not grow without end."""
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
