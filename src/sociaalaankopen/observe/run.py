"""The observatory as one pipeline: walk the inputs -> read and match each notice (on an engine) ->
filter -> write notices.csv as the notices come and add them to the summary -> summary.json and
report.html. Everything is written into a temporary folder beside --out and moved into place at
the end, so a failed run leaves an earlier output as it was."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..errors import ObserveError, Problem
from ..files import staging_folder, writing
from .engines import run_dask, run_local
from .extract import Filtered, Observed, Outcome, Skipped, observe_chunk
from .filters import Filters
from .inputs import Item, walk
from .summary import Summary
from .table import NoticeTable

OUTPUTS = ("notices.csv", "summary.json", "report.html")
CHUNK = 32  # items per task: enough to amortise sending them to a worker, few enough to keep it busy
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class ObserveResult:
    notices: int
    skipped: int
    filtered: int
    out: Path


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _check(
    inputs: list[str | os.PathLike[str]], given: str | os.PathLike[str], force: bool, engine: str, scheduler: str | None
) -> None:
    problems = [Problem(str(p), "", "does not exist", "check the path") for p in inputs if not Path(p).exists()]
    if not inputs:
        problems.append(Problem("INPUT", "", "is missing", "give one or more files, folders or archives of notices"))
    out = Path(given)
    if not os.fspath(given):
        problems.append(Problem("--out", "", "is empty", "give a folder for the outputs, e.g. --out observatorium"))
    elif out.exists() and not out.is_dir():
        problems.append(Problem(str(out), "", "is a file", "give a folder with --out"))
    elif not force:
        problems += [
            Problem(str(out / name), "", "already exists", "pass --force to replace it or choose another --out")
            for name in OUTPUTS
            if (out / name).exists()
        ]
    if engine not in ENGINES:
        problems.append(Problem("--engine", "", "{engine!r} is not an engine", "use local or dask", engine=engine))
    if engine == "dask" and not scheduler:
        problems.append(Problem("--engine dask", "", "needs a scheduler", "give --scheduler ADDRESS (tcp://host:8786)"))
    if problems:
        raise ObserveError(problems)


def _already_exists(path: Path) -> ObserveError:
    return ObserveError(Problem(str(path), "", "already exists", "pass --force to replace it or choose another --out"))


def _move_into_place(staging: Path, target: Path, force: bool) -> None:
    """Move the outputs from the staging folder into `target`.

    With --force they replace what is there. Without, an output that appeared since the run started
    (another run into the same --out) is not replaced: each is linked into place, which fails when the
    name exists, atomically, and the run refuses as at the start. Every run links notices.csv first, so
    of two runs that finish together one gets all three names and the other none; a run that refuses
    takes back what it linked. Where the file system has no hard links, the check comes just before
    the move."""
    if force:
        for name in OUTPUTS:
            os.replace(staging / name, target / name)
        return
    linked: list[tuple[Path, tuple[int, int]]] = []  # what this run put in place, and its file's identity
    try:
        for name in OUTPUTS:
            ours = os.stat(staging / name)
            try:
                os.link(staging / name, target / name)
            except FileExistsError:
                raise _already_exists(target / name) from None
            except OSError as e:
                if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
                    raise
                if (target / name).exists():  # no hard links here: check, then move
                    raise _already_exists(target / name) from None
                os.replace(staging / name, target / name)
            linked.append((target / name, (ours.st_dev, ours.st_ino)))
    except BaseException:
        for path, identity in linked:
            with contextlib.suppress(OSError):
                found = os.stat(path)
                if (found.st_dev, found.st_ino) == identity:  # never another run's file
                    path.unlink()
        raise


def outcomes(
    inputs: list[str | os.PathLike[str]],
    *,
    filters: Filters,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    catalogue_path: str | None = None,
) -> Generator[Outcome, None, None]:
    """Every notice's outcome, in input order."""
    chunks = _chunks(walk(inputs), CHUNK)
    args = (catalogue_path, filters)
    if engine == "dask":
        assert scheduler is not None
        results = run_dask(chunks, observe_chunk, args, scheduler)
    else:
        results = run_local(chunks, observe_chunk, args, workers)
    for chunk in results:
        yield from chunk


def _table(
    path: Path,
    target: Path,
    stream: Iterator[Outcome],
    on_skip: Callable[[Skipped], None] | None,
    on_notice: Callable[[], None] | None,
) -> Summary:
    """Write notices.csv as the outcomes come, and sum them up. A notice given twice (the same source and
    publication number, in two files or twice in an archive) counts once: the second is skipped with a line.
    To know them, the run keeps a hash of each notice's number (some tens of bytes per notice)."""
    summary = Summary()
    seen: set[int] = set()
    with writing(target):
        f = path.open("w", encoding="utf-8-sig", newline="")  # the mark Excel needs to read UTF-8
    with f:
        table = NoticeTable(f)
        for outcome in stream:
            if isinstance(outcome, Observed):
                key = hash((outcome.notice.source, outcome.notice.id))
                if key in seen:
                    outcome = _twice(outcome)
                else:
                    seen.add(key)
            if isinstance(outcome, Observed):
                with writing(target):
                    table.add(outcome)
                summary.add(outcome)
            elif isinstance(outcome, Filtered):
                summary.filtered += 1
            else:
                summary.skip(outcome)
                if on_skip:
                    on_skip(outcome)
            if on_notice:
                on_notice()
        with writing(target):
            f.flush()
    return summary


def _twice(outcome: Observed) -> Skipped:
    where = outcome.where
    return Skipped(
        where,
        (
            Problem(
                where,
                "",
                "has the publication number {id} of an earlier notice: counted once",
                "remove one of the two files; notices.csv names the first in its file column",
                id=outcome.notice.id,
            ),
        ),
    )


def _nothing_found(inputs: list[str | os.PathLike[str]]) -> ObserveError:
    return ObserveError(
        Problem(
            ", ".join(str(p) for p in inputs),
            "",
            "holds no notices",
            "give .xml, .json or .jsonl notices (also as .gz) or archives of them (.zip, .tar.gz, .tar.xz)",
        )
    )


def observe(
    inputs: list[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    filters: Filters | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    catalogue_path: str | None = None,
    force: bool = False,
    on_skip: Callable[[Skipped], None] | None = None,
    on_notice: Callable[[], None] | None = None,
) -> ObserveResult:
    """Read every notice of `inputs` and write notices.csv, summary.json and report.html into `out`."""
    from .report import render_report

    target = Path(out)
    filters = filters or Filters()
    _check(inputs, out, force, engine, scheduler)
    staging = staging_folder(target)
    try:
        stream = outcomes(
            inputs,
            filters=filters,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            catalogue_path=catalogue_path,
        )
        with closing(stream):  # on an error or an interrupt, a pool of workers stops here
            summary = _table(staging / "notices.csv", target, stream, on_skip, on_notice)
        if not (summary.total.notices or summary.skipped or summary.filtered):
            raise _nothing_found(inputs)
        data = summary.to_dict(filters.to_dict())
        report = render_report(data)
        with writing(target):
            (staging / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
            (staging / "report.html").write_bytes(report)
            target.mkdir(exist_ok=True)
            for name in OUTPUTS:
                os.chmod(staging / name, 0o644)
            _move_into_place(staging, target, force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ObserveResult(summary.total.notices, summary.skipped, summary.filtered, target)
