"""The look of the site: Jinja2 templates (autoescaped), their helpers, the static files, the sitemap."""

from __future__ import annotations

import functools
from functools import cache
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

import jinja2

from .._version import __version__
from ..cpv import cpv_codes
from ..legal import legal_references
from ..model import is_web_address
from ..templates import environment as clause_environment
from ..templates import page_environment
from ..typography import french_html
from ..vocab import (
    AMBITIONS,
    BUYER_TYPES,
    CONTRACT_TYPES,
    EXAMPLE_STATUSES,
    INSTRUMENTS,
    THEMES,
    Term,
    eforms_codes,
    label,
)
from .labels import LANGUAGES, UI
from .links import named, path_of, root_of
from .pages import Page

_PACKAGE = __name__.rsplit(".", 1)[0]
_VOCABULARIES: dict[str, tuple[Term, ...]] = {
    "instrument": INSTRUMENTS,
    "theme": THEMES,
    "ambition": AMBITIONS,
    "contract_type": CONTRACT_TYPES,
    "buyer_type": BUYER_TYPES,
    "status": EXAMPLE_STATUSES,
}


def _label(kind: str, id: str | int, lang: str = "nl") -> str:
    return label(_VOCABULARIES[kind], id, lang)


def _language_links(page: Page) -> list[tuple[str, str, str, bool]]:
    """The language switch: (language, its name, path, whether it is the same page in that language).
    A page that exists in Dutch only (a chapter) offers the home page of the other languages, and itself in
    its own (it was the Dutch home page, announced as the current page)."""
    links = []
    for lang in LANGUAGES:
        same = lang in page.alternates or lang == page.lang
        target = page.alternates.get(lang) or (page.path if lang == page.lang else named("home", lang))
        links.append((lang, UI[lang]["language_name"], target, same))
    return links


@cache
def environment() -> jinja2.Environment:
    env = page_environment(_PACKAGE)
    env.globals.update(
        path=path_of,
        label=_label,
        vocabulary=_VOCABULARIES,
        is_web_address=is_web_address,
        version=__version__,
    )
    return env


def preload() -> None:
    """Compile every template and load the code lists now, once, before the workers fork and share them."""
    env = environment()
    for name in env.list_templates():
        env.get_template(name)
    cpv_codes()
    legal_references()
    eforms_codes()
    clause_environment()


def render_page(page: Page, base_url: str | None, fragments: dict[str, Any] | None = None) -> bytes:
    """The HTML of a page; `fragments` add to its context (its rendered Markdown texts, by name)."""
    context: dict[str, Any] = {**page.context, **(fragments or {})}
    lang = page.lang
    html = (
        environment()
        .get_template(page.template)
        .render(
            page=page,
            root=root_of(page.path),
            # The 404 page is served at any depth; only an absolute base makes its links work everywhere.
            base=base_url if page.template == "404.html" else None,
            base_url=base_url,
            t=UI[lang],
            lang=lang,
            path=functools.partial(path_of, lang=lang),
            label=functools.partial(_label, lang=lang),
            url=functools.partial(named, lang=lang),
            languages=_language_links(page),
            ui=UI,
            **context,
        )
    )
    return (french_html(html) if lang == "fr" else html).encode("utf-8")


def static_files() -> list[tuple[str, bytes]]:
    """The stylesheets and scripts, as (site path, content), in a fixed order."""
    folder = resources.files(_PACKAGE).joinpath("static")
    return sorted((f"static/{f.name}", f.read_bytes()) for f in folder.iterdir() if f.is_file())


def sitemap(pages: list[Page], base_url: str) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in pages:
        if page.in_sitemap:
            location = base_url if page.path == "index.html" else base_url + page.path
            lines.append(f"  <url><loc>{escape(location)}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
