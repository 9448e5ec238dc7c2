"""The routes on a sector page: the coherent approaches a buyer chooses between, best first.

Each route shows why it fits the sector, its clauses with their role, a download of its annex at the
default values (`draft_for_route`, as `draft --route` makes it), or at the values the sector gives its
clauses where it gives some (the sector's own file), and, when the site is built with a tool address, a
link that opens the route in the web tool to adjust it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from ..model import SectorProfile
from .downloads import download_path, route_download_id
from .labels import UI
from .links import path_of

if TYPE_CHECKING:
    from ..catalogue import Catalogue

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
    # Whether the download starts from values the sector gives (else the clauses' defaults).
    sector_values: bool = False


def tool_link(tool_url: str, route_id: str, lang: str) -> str:
    """The web tool's compose page with the route chosen: it adds the route's core clauses itself."""
    base = tool_url if tool_url.endswith("/") else tool_url + "/"
    return f"{base}{_TOOL_PREFIX[lang]}compose?{urlencode([('route', route_id)])}"


def route_views(
    catalogue: Catalogue, sector: SectorProfile, lang: str, tool_url: str | None, downloads: bool = True
) -> list[RouteView]:
    views = []
    for choice in sector.routes:
        route = catalogue.routes[choice.id]
        named = route_download_id(catalogue, sector, route.id)
        members = catalogue.route_members(route.id)
        clauses = [
            (catalogue.clauses[cid].title.get(lang), path_of("clause", cid, lang), UI[lang][f"role_{role}"])
            for cid, role in members
        ]
        views.append(
            RouteView(
                route.id,
                route.title.get(lang),
                route.summary.get(lang),
                choice.why.get(lang),
                clauses,
                download_path("route", named, lang, "docx") if downloads else None,
                tool_link(tool_url, route.id, lang) if tool_url else None,
                named != route.id,
            )
        )
    return views
