"""Files a reader takes away: a clause or a route's annex at its default values, as Word and Markdown.

They are made by the same code as `sociaalaankopen draft` (`build_draft` and `draft_bytes`), so a
download is what the command gives for the same clauses. Word files are zip archives that carry
the time they were written; they are rewritten with a fixed time, so two builds stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from .._version import __version__
from ..cache import cached, digest
from ..draft import EXTENSIONS, Draft, build_draft, draft_bytes, draft_for_route
from ..draft.docx import to_docx
from ..draft.markdown import to_markdown
from ..numbers import file_size

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..model import SectorProfile

# The earliest time a zip archive can record: the files carry no build date.
_EPOCH = (1980, 1, 1, 0, 0, 0)
FORMATS: dict[str, str] = {fmt: EXTENSIONS[fmt] for fmt in ("docx", "markdown")}  # the guide's: format -> extension
DOWNLOADS = "downloads"


@dataclass(frozen=True)
class Download:
    """A file on a page: its site path, its format (a key of FORMATS) and its size in bytes."""

    path: str
    fmt: str
    size: int

    def size_text(self, lang: str) -> str:
        """Its size as a link says it: '39 kB' ('39 ko' in French); at least 1."""
        return file_size(self.size, lang)


def download_path(kind: str, id: str, lang: str, fmt: str) -> str:
    """Where a download lives: 'downloads/nl/clausule-<id>.docx'; kind is 'clause' or 'route'."""
    name = {"clause": "clausule", "route": "route"}[kind]
    return f"{DOWNLOADS}/{lang}/{name}-{id}.{FORMATS[fmt]}"


def reproducible_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def annex_files(kind: str, id: str, draft: Draft, formats: Sequence[str] = ("docx", "markdown")) -> dict[str, bytes]:
    """The annex `draft` of a clause or route, per format, keyed by site path."""
    files: dict[str, bytes] = {}
    for fmt in formats:
        path = download_path(kind, id, draft.lang, fmt)
        files[path] = _docx(draft, path) if fmt == "docx" else draft_bytes(draft, fmt)
    return files


def clause_files(catalogue: Catalogue, clause_id: str, lang: str) -> dict[str, bytes]:
    """One clause at its defaults, as `draft --clause <id>` makes it, in Word and Markdown."""
    return annex_files("clause", clause_id, build_draft(catalogue, [clause_id], lang=lang))


def route_files(
    catalogue: Catalogue, route_ids: Sequence[str], lang: str, sector: SectorProfile | None = None
) -> dict[str, bytes]:
    """The annex of each route at its defaults, as `draft --route <id>` makes it, in Word; with a `sector`,
    starting from the values the sector gives its clauses (under `route_download_id`)."""
    files: dict[str, bytes] = {}
    for route_id in route_ids:
        if sector is None:
            draft = draft_for_route(catalogue, route_id, lang=lang)
        else:
            draft = draft_for_route(catalogue, route_id, lang=lang, sectors=[sector.id])
        name = route_id if sector is None else route_download_id(catalogue, sector, route_id)
        files.update(annex_files("route", name, draft, ("docx",)))
    return files


def route_download_id(catalogue: Catalogue, sector: SectorProfile, route_id: str) -> str:
    """The name a route's annex is downloaded under on a sector's page: the route's id, or 'route--sector'
    when the sector gives values to clauses of the route's annex (the security sector's joint committee):
    that annex is the sector's own."""
    # Without a tender, a route's annex holds its core and preparation clauses (draft_for_route).
    in_annex = [cid for cid, role in catalogue.route_members(route_id) if role in ("core", "preparation")]
    return f"{route_id}--{sector.id}" if any(sector.values.get(cid) for cid in in_annex) else route_id


def _docx(draft: Draft, path: str) -> bytes:
    """The Word file of an annex. Making one takes about 50 ms, so it is kept in the cache under a hash of
    all it is made from: the annex as marked Markdown, its title and language, and the code that makes it.
    Each file is its own kind of entry (the cache keeps a few versions of each kind)."""
    key = digest(
        [
            to_markdown(draft, marks="raw").encode("utf-8"),
            f"{draft.title}\0{draft.lang}\0{__version__}\0{version('python-docx')}".encode(),
            Path(inspect.getfile(to_docx)).read_bytes(),
        ]
    )
    # The trailing '.' keeps one file's kind from being a prefix of another's ('a.' is not a prefix of 'a-b.').
    kind = "site." + path.replace("/", ".") + "."
    return cached(kind, key, lambda: reproducible_zip(to_docx(draft, _reviewed(draft))), bytes)


def _reviewed(draft: Draft) -> dt.datetime:
    """The date a site's Word file carries: the latest review of its clauses, so that a build of the same
    catalogue gives the same bytes (the site carries no build date)."""
    dates = [item.clause.reviewed for item in draft.items()]
    return dt.datetime.combine(max(dates, default=dt.date(1980, 1, 1)), dt.time())


def described(files: dict[str, bytes]) -> list[Download]:
    """The downloads of a page, in the order of FORMATS."""
    by_ext = {ext: fmt for fmt, ext in FORMATS.items()}
    found = [Download(path, by_ext[path.rsplit(".", 1)[1]], len(data)) for path, data in files.items()]
    return sorted(found, key=lambda d: list(FORMATS).index(d.fmt))
