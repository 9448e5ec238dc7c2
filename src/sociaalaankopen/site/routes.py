"""The routes on a sector page: the coherent approaches a buyer chooses between, best first.

Each route shows why it fits the sector, its clauses with their role, a download of its annex at the
default values (the same code as `draft`) and, when the site is built with a tool address, a link
that opens the same clauses in the web tool to adjust them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from ..model import SectorProfile
from .downloads import annex_files, download_path
from .links import path_of

if TYPE_CHECKING:
    from ..catalogue import Catalogue

# The clauses of a route that go into its default annex: those always in it, and the market
# consultation that prepares it. Optional clauses are added by the buyer (in the tool or with draft).
IN_ANNEX = ("preparation", "core")
ROLE_LABELS = {
    "nl": {"core": "kern", "optional": "optioneel", "preparation": "voorbereiding"},
    "fr": {"core": "essentielle", "optional": "facultative", "preparation": "préparation"},
    "en": {"core": "core", "optional": "optional", "preparation": "preparation"},
}
# The web tool's address for a composed annex, per language (see `sociaalaankopen serve`).
_TOOL_PREFIX = {"nl": "", "fr": "fr/", "en": "en/"}


@dataclass(frozen=True)
class RouteView:
    id: str
    title: str
    summary: str
    why: str
    clauses: list[tuple[str, str, str]]  # title, path, role label
    download: str | None
    tool: str | None


def annex_clauses(catalogue: Catalogue, route_id: str) -> list[str]:
    return [cid for cid, role in catalogue.route_members(route_id) if role in IN_ANNEX]


def tool_link(tool_url: str, clause_ids: list[str], title: str, lang: str) -> str:
    base = tool_url if tool_url.endswith("/") else tool_url + "/"
    query = urlencode([*(("clause", cid) for cid in clause_ids), ("title", title)])
    return f"{base}{_TOOL_PREFIX[lang]}compose?{query}"


def route_views(
    catalogue: Catalogue, sector: SectorProfile, lang: str, tool_url: str | None, downloads: bool = True
) -> list[RouteView]:
    views = []
    for choice in sector.routes:
        route = catalogue.routes[choice.id]
        members = catalogue.route_members(route.id)
        clauses = [
            (catalogue.clauses[cid].title.get(lang), path_of("clause", cid, lang), ROLE_LABELS[lang][role])
            for cid, role in members
        ]
        chosen = annex_clauses(catalogue, route.id)
        views.append(
            RouteView(
                route.id,
                route.title.get(lang),
                route.summary.get(lang),
                choice.why.get(lang),
                clauses,
                download_path("route", route.id, lang, "docx") if downloads else None,
                tool_link(tool_url, chosen, route.title.get(lang), lang) if tool_url else None,
            )
        )
    return views


def route_files(catalogue: Catalogue, route_ids: list[str], lang: str) -> dict[str, bytes]:
    """The annex of each route, as Word. A route is listed by several sectors; the plan gives each
    route's file to one sector page, so it is made once."""
    files: dict[str, bytes] = {}
    for route_id in route_ids:
        route = catalogue.routes[route_id]
        clause_ids = annex_clauses(catalogue, route_id)
        files.update(annex_files(catalogue, "route", route_id, clause_ids, lang, route.title.get(lang), ("docx",)))
    return files
