"""Build the pages on every core: each worker checks and renders its share, and writes it when told to.

The workers are forked after the page plan is made, so they inherit it and nothing is sent to
them; they report only their problems. The main process waits for every report before any
worker writes, which keeps the rule of the pipeline: nothing is written before every page is
checked. Where fork is not available, or the site is small, one share is built in-process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import posixpath
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import Problem, SiteError, SociaalAankopenError
from ..processes import interrupts_held, release_interrupts
from .pages import Page

# Builds one page: its files (the page and its downloads, by site path) or its problems.
PageBuilder = Callable[[Page], tuple[dict[str, bytes], list[Problem]]]
# Forking costs a few tens of milliseconds; below this much work one process is faster.
PARALLEL_FROM = 400
# A page with downloads costs about as much as this many pages without (a Word file takes ~50 ms).
DOWNLOAD_WEIGHT = 25


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    made: set[Path] = set()
    for name, content in files.items():
        normal = posixpath.normpath(name)
        if normal.startswith(("/", "../")) or normal in (".", "..") or "\\" in normal:
            # Ids are checked slugs, so this is a bug, not a user mistake; never write outside the folder.
            raise SiteError(Problem(name, "", "would be written outside the output folder", "report this as a bug"))
        path = folder / normal
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(content)


class Share:
    """Some of the pages, checked and rendered in memory."""

    def __init__(self, pages: list[Page], build: PageBuilder) -> None:
        self.files: dict[str, bytes] = {}
        self.problems: list[Problem] = []
        for page in pages:
            try:
                files, problems = build(page)
            except SociaalAankopenError as e:  # a content problem the builder raised: that page's problems
                files, problems = {}, list(e.problems)
            self.problems += problems
            self.files.update(files)


class Shares:
    """The shares of all workers: their problems now, their files written on `write`."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.local: list[Share] = []
        self.remote: list[tuple[Any, Connection]] = []

    def write(self, folder: Path) -> None:
        try:
            for share in self.local:
                write_files(folder, share.files)
            for _, conn in self.remote:
                conn.send(str(folder))
            for _, conn in self.remote:
                _receive(conn)
        except BaseException:
            self.stop()  # before the folder is removed: no worker may write into it after that
            raise

    def stop(self) -> None:
        """End every worker now (an error or an interruption: what they have not done is not needed)."""
        for process, _ in self.remote:
            process.terminate()
        for process, _ in self.remote:
            process.join()


def default_workers(pages: list[Page]) -> int:
    work = sum(DOWNLOAD_WEIGHT if page.files is not None else 1 for page in pages)
    if work < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


@contextmanager
def build_shares(pages: list[Page], build: PageBuilder, workers: int) -> Iterator[Shares]:
    """Check and render every page in `workers` processes; yields once all have reported their problems."""
    shares = Shares()
    if workers <= 1:
        share = Share(pages, build)
        shares.local.append(share)
        shares.problems = share.problems
        yield shares
        return
    try:
        with interrupts_held():
            _start(pages, build, workers, shares)
        for _, conn in shares.remote:
            shares.problems += _receive(conn)
        yield shares
    except BaseException:
        shares.stop()
        raise
    finally:
        for process, conn in shares.remote:
            with contextlib.suppress(OSError):
                conn.send(None)  # a worker that has not written yet stops without writing
            conn.close()
            process.join()


def _start(pages: list[Page], build: PageBuilder, workers: int, shares: Shares) -> None:
    context = multiprocessing.get_context("fork")
    for i in range(workers):
        parent, child = context.Pipe()
        # The worker closes the main process's ends it inherits (its own and the earlier workers'),
        # so that it sees the end of its pipe when the main process is gone, however it ended.
        inherited = [parent, *(conn for _, conn in shares.remote)]
        # Every n-th page, so each worker gets its part of the heavy clause pages.
        process = context.Process(target=_work, args=(pages[i::workers], build, child, inherited), daemon=True)
        process.start()
        child.close()
        shares.remote.append((process, parent))


def _receive(conn: Connection) -> Any:
    try:
        kind, payload = conn.recv()
    except EOFError:
        raise RuntimeError("a worker building the site stopped unexpectedly") from None
    if kind == "error":  # a bug, not a problem of the content: its traceback is what to report
        raise RuntimeError(f"a worker building the site failed:\n{payload}")
    if kind == "problems":  # a content problem raised in the worker: one line each, as in one process
        raise SiteError(payload)
    if kind == "unwritable":  # the system refused a write (a full disk): the caller says so in one line
        raise OSError(*payload)
    return payload


def _work(pages: list[Page], build: PageBuilder, conn: Connection, inherited: list[Connection]) -> None:
    release_interrupts()  # held by the main process while it forked
    for other in inherited:
        other.close()
    try:
        share = Share(pages, build)
        conn.send(("ok", share.problems))
        folder = conn.recv()
        if folder is not None:
            try:
                write_files(Path(folder), share.files)
            except OSError as e:
                conn.send(("unwritable", (e.errno, e.strerror)))
            else:
                conn.send(("ok", None))
    except (EOFError, BrokenPipeError):
        pass  # the main process is gone: nothing to report to, nothing to write
    except SociaalAankopenError as e:
        conn.send(("problems", list(e.problems)))
    except BaseException:
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()
