"""Build the practice guide as a static site: one pipeline, read top to bottom.

gather (chapters, catalogue, page plan) → check the guide's links → check and render every page
(on every core) → stop on any problem → write into a temporary folder beside the target → index
it (Pagefind) → swap it into place.

Every page is checked before the first file is written, and the previous site is replaced only
once the new one is complete, so a failed build leaves it untouched. The output depends on the
input only (no dates, no random order), so two builds are byte-identical.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..cache import gc_paused
from ..catalogue import Catalogue
from ..errors import Problem, SiteError, SociaalAankopenError, checked_optional_text, checked_type, wrong_type
from ..files import staging_folder, writing
from ..messages import said
from ..processes import INTERRUPTS, hold_interrupts, release_interrupts
from . import search
from .clausetext import mark_values, marked_text
from .config import read_config
from .downloads import described
from .guide import Chapter, guide_path, read_guide
from .links import LinkCheck, Targets, path_of, resolve_links
from .markdown import parse, render
from .pages import Page, Ranker, plan, targets
from .theme import preload, render_page, sitemap, static_files
from .workers import PageBuilder, build_shares, default_workers, write_files

# A file in every site this command builds, so that it never replaces a folder it did not make.
MARKER = ".sociaalaankopen-site"
_MARKER_TEXT = b"Built by 'sociaalaankopen guide build'. The whole folder is replaced on the next build.\n"
_OLD = ".old-"  # .<out>.old-XXXX: the folder the replaced site is moved into, then removed
_BASE_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")


@dataclass
class BuildReport:
    out: Path
    pages: int
    searchable: bool
    seconds: dict[str, float] = field(default_factory=dict)


def build_site(
    out: str | os.PathLike[str],
    catalogue: Catalogue | None = None,
    *,
    guide: str | os.PathLike[str] | None = None,
    base_url: str | None = None,
    search_index: bool = True,
    rank: Ranker | None = None,
    workers: int | None = None,
    tool_url: str | None = None,
    downloads: bool = True,
) -> BuildReport:
    """Build the guide and catalogue into the folder `out`, replacing the site that was there.

    `tool_url` (or `tool_url:` in the guide's site.yaml) is the address of the web tool that route
    links open; `downloads=False` leaves out the Word and Markdown files (a faster preview).
    """
    _check_arguments(out, catalogue, guide, base_url, search_index, rank, workers, tool_url, downloads)
    # The collector's full passes over a large catalogue in memory take a noticeable time, and a build
    # makes few reference cycles (measured: 2x faster at 5,000 clauses).
    with gc_paused():
        return _build(Path(out), catalogue, guide, base_url, search_index, rank, workers, tool_url, downloads)


def _check_arguments(
    out: object,
    catalogue: object,
    guide: object,
    base_url: object,
    search_index: object,
    rank: object,
    workers: object,
    tool_url: object,
    downloads: object,
) -> None:
    """An argument of the wrong type is one ParameterError naming it, not a TypeError from inside the build."""
    where = "build_site"
    if not isinstance(out, str | os.PathLike):
        raise wrong_type(where, "out", out, said("a folder (str or path)"))
    if catalogue is not None and not isinstance(catalogue, Catalogue):
        raise wrong_type(where, "catalogue", catalogue, said("a Catalogue (Catalogue.load()) or None"))
    if guide is not None and not isinstance(guide, str | os.PathLike):
        raise wrong_type(where, "guide", guide, said("a folder (str or path) or None"))
    checked_optional_text(base_url, where, "base_url")
    checked_optional_text(tool_url, where, "tool_url")
    if workers is not None:
        checked_type(workers, int, where, "workers", said("a whole number (int) or None"))
    checked_type(search_index, bool, where, "search_index", said("true or false (bool)"))
    checked_type(downloads, bool, where, "downloads", said("true or false (bool)"))
    if rank is not None and not callable(rank):
        raise wrong_type(where, "rank", rank, said("a function or None"))


def _build(
    target: Path,
    catalogue: Catalogue | None,
    guide: str | os.PathLike[str] | None,
    base_url: str | None,
    search_index: bool,
    rank: Ranker | None,
    workers: int | None,
    tool_url: str | None,
    downloads: bool,
) -> BuildReport:
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[step] = now - clock
        clock = now

    base = _base_url(base_url)
    catalogue = catalogue if catalogue is not None else Catalogue.load()
    guide_dir = Path(guide) if guide is not None else guide_path()
    clear_leftovers(target)
    _check_output(target, [guide_dir, *catalogue.roots])

    # 1. Gather the chapters and the site's settings, and plan every page.
    chapters, problems = read_guide(guide_dir)
    config = read_config(guide_dir, tool_url)
    pages = plan(catalogue, chapters, rank, config=config, downloads=downloads)
    known = targets(catalogue, chapters)
    for page in pages:
        if page.template == "search.html":
            page.context["search_bundle"] = search_index  # load Pagefind only when it is there
    lap("gather")

    # 2. Check the links of the guide, and note on each page which chapters link to it.
    problems += check_guide(chapters, pages, known)
    lap("check guide")

    # 3. Check and render every other page; stop here, before writing anything, on any problem.
    preload()
    build_page = page_builder(catalogue, known, base)
    with build_shares(pages, build_page, workers or default_workers(pages)) as shares:
        # A Dutch text on the French and English pages too is checked three times; report it once.
        problems = list(dict.fromkeys([*problems, *shares.problems]))
        if problems:
            raise SiteError(problems)
        lap("check and render")

        # 4. Write into a temporary folder beside the target; 5. index it; 6. swap it into place.
        with _staging(target) as staging:
            with writing(target):
                shares.write(staging)
                write_files(staging, extra_files(pages, base))
            lap("write")
            if search_index:
                search.index(staging)
                lap("index")
    return BuildReport(target, len(pages), search_index, seconds)


def check_guide(chapters: list[Chapter], pages: list[Page], known: Targets) -> list[Problem]:
    """Resolve the links of every chapter; give each chapter page its body and each page its backlinks."""
    check = LinkCheck()
    by_path = {page.path: page for page in pages}
    for chapter in chapters:
        page = by_path[path_of("chapter", chapter.id)]
        resolve_links(chapter.body, page.path, known, check)
        page.context["body"] = Markup(render(chapter.body))
    for page in pages:
        sources = dict.fromkeys(p for p in check.backlinks.get(page.dutch_path, []) if p != page.path)
        page.context["linked_from"] = [by_path[p] for p in sources]
    return check.problems


def page_builder(catalogue: Catalogue, known: Targets, base_url: str | None) -> PageBuilder:
    """What builds one page: parse its Markdown, check its links, render its template, make its downloads."""

    def build(page: Page) -> tuple[dict[str, bytes], list[Problem]]:
        check = LinkCheck()
        fragments: dict[str, Any] = {}
        for name, text in page.texts.items():
            try:
                if text.clause is not None:
                    clause_text = marked_text(text.clause, text.lang, catalogue)
                    source = clause_text.marked
                    fragments[f"{name}_plain"] = clause_text.plain
                    fragments[f"{name}_fell_back"] = clause_text.fell_back
                else:
                    source = text.source
            except SociaalAankopenError as e:
                check.problems += e.problems
                continue
            doc = parse(source or "", text.where, text.first_line)
            resolve_links(doc, page.path, known, check, page.lang)
            fragments[name] = Markup(mark_values(render(doc)))
        files: dict[str, bytes] = {}
        if page.files is not None and not check.problems:
            try:
                files = page.files()
            except SociaalAankopenError as e:
                check.problems += e.problems
        if check.problems:
            return {}, check.problems
        if page.prepare is not None:
            fragments.update(page.prepare())
        fragments["downloads"] = described(files)
        files[page.path] = render_page(page, base_url, fragments)
        return files, []

    return build


def extra_files(pages: list[Page], base_url: str | None) -> dict[str, bytes]:
    """Stylesheets and scripts, the sitemap (with a base URL) and the marker of a built site."""
    files = dict(static_files())
    if base_url:
        files["sitemap.xml"] = sitemap(pages, base_url)
    files[MARKER] = _MARKER_TEXT
    return files


def _base_url(base_url: str | None) -> str | None:
    if base_url is None or base_url == "":
        return None
    if not _BASE_URL.match(base_url):
        raise SiteError(
            Problem(
                "--base-url",
                "",
                "{base_url!r} is not an http(s) address",
                "give the address the site will live at, e.g. https://example.org/gids/",
                base_url=base_url,
            )
        )
    return base_url if base_url.endswith("/") else base_url + "/"


def _check_output(out: Path, sources: list[Path]) -> None:
    if out.exists() and not out.is_dir():
        raise SiteError(Problem(str(out), "", "is a file, not a folder", "choose a folder for the site"))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise SiteError(
            Problem(
                str(out),
                "",
                "is not empty and was not built by this command, so it is not replaced",
                "choose a new or empty folder",
            )
        )
    resolved = out.resolve()
    for source in sources:
        if source.resolve() == resolved or resolved in source.resolve().parents:
            raise SiteError(
                Problem(
                    str(out),
                    "",
                    "holds the sources in {source}",
                    "build into another folder, e.g. --out site",
                    source=source,
                )
            )


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out` that replaces `out` when the block ends without an error."""
    staging = staging_folder(out)
    try:
        yield staging
        with writing(out):
            staging.chmod(0o755)
            _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(new: Path, out: Path) -> None:
    """Put the folder `new` in the place of `out`, and remove the old site.

    Ctrl+C and SIGTERM are held from the first rename until the old site is removed: one that comes
    before the new site is in place would leave no site at `out`, or an old one beside it. Once the new
    site is in place the build is done, so an interruption held until then is dropped: the command ends
    as completed (exit code 0) and `out` holds the new site (docs/site.md)."""
    before = hold_interrupts()
    done = False
    try:
        if not out.exists():
            os.rename(new, out)
            done = True
            return
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}{_OLD}", dir=out.parent))
        os.rename(out, old / "site")
        try:
            os.rename(new, out)
        except OSError:
            os.rename(old / "site", out)
            raise
        done = True
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if done:
            _drop_held_interrupts()
        release_interrupts(before)


def _drop_held_interrupts() -> None:
    """Take Ctrl+C and SIGTERM that came while they were held, so that they are not raised on release."""
    if not hasattr(signal, "sigpending"):
        return
    for signum in signal.sigpending() & INTERRUPTS:
        signal.sigwait({signum})


def clear_leftovers(out: Path) -> None:
    """Remove what a swap that was stopped half-way (a killed process, a power cut) left beside `out`:
    `.<out>.old-*` folders holding the site that was replaced. When `out` itself is missing, the
    newest of them holds the last complete site: it is put back first, so nothing is lost."""
    try:
        leftovers = sorted(
            (p for p in out.parent.glob(f".{glob.escape(out.name)}{_OLD}*") if p.is_dir() and not p.is_symlink()),
            key=lambda p: p.stat().st_mtime,
        )
    except OSError:
        return
    if leftovers and not os.path.lexists(out):
        for old in reversed(leftovers):
            if (old / "site" / MARKER).is_file():
                with contextlib.suppress(OSError):
                    os.rename(old / "site", out)
                break
    for old in leftovers:
        # Only what a swap makes: an old site (perhaps half removed already), or nothing.
        with contextlib.suppress(OSError):
            if all(child.name == "site" and child.is_dir() and not child.is_symlink() for child in old.iterdir()):
                shutil.rmtree(old, ignore_errors=True)
