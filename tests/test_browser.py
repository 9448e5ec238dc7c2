"""The built guide in a real browser: pages load, navigation and search work, axe-core finds nothing serious.

Debian's chromium, driven by Playwright, against the bundled guide and catalogue served on 127.0.0.1
under a sub-path (the site must work wherever it is hosted). Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from sociaalaankopen import Catalogue, SociaalAankopenError
from sociaalaankopen.render import render_clause
from sociaalaankopen.site import build_site, guide_path
from sociaalaankopen.site.clausetext import plain_text

pytestmark = pytest.mark.browser

PREFIX = "/gids/"
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = Path(os.environ.get("AXE_PATH", Path(__file__).parents[1] / ".cache/node/node_modules/axe-core/axe.min.js"))


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site under PREFIX, as a web host that puts it in a sub-folder would, with its 404 page
    for any address that does not exist (at any depth)."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(PREFIX):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path(path[len(PREFIX) - 1 :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(str(self.directory)) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    out = tmp_path_factory.mktemp("guide") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("cache")))
        try:
            build_site(out, catalogue)  # the bundled catalogue and guide, with the search index
        except SociaalAankopenError as e:
            pytest.fail("the bundled guide does not build:\n" + "\n".join(e.lines()[:30]))
    return out


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SubPathHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page that records every request and every script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split(PREFIX)[0])
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # A 404 status is what the 404 test asks for, and the 404 page looks for the site's root.
    page.on(
        "console",
        lambda message: message.type == "error" and "404" not in message.text and page.errors.append(message.text),
    )
    # Checked when the test body ends (see conftest.py), so a breach fails the test, not its teardown.
    page.after_test = lambda: assert_stayed_clean(page, base_url)
    yield page
    context.close()


def assert_stayed_clean(page: Any, base_url: str) -> None:
    """No request left the site (no CDN, font or script from elsewhere) and no script failed."""
    host = urlsplit(base_url).netloc
    outside = [url for url in page.requests if urlsplit(url).netloc != host]
    assert not outside, f"requests outside the site: {outside}"
    assert not page.errors, page.errors


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def first_chapter() -> str:
    return sorted(guide_path().glob("[0-9][0-9]-*.md"))[0].stem[3:]


def some_sector(site: Path) -> str:
    sectors = sorted(p.stem for p in (site / "sectoren").glob("*.html") if p.stem != "index")
    return "groenonderhoud" if "groenonderhoud" in sectors else sectors[0]


def some_clause(site: Path) -> str:
    clauses = sorted(p.stem for p in (site / "clausules").glob("*.html") if p.stem != "index")
    return "voorbehouden-opdracht" if "voorbehouden-opdracht" in clauses else clauses[0]


def axe(page: Any) -> list[Any]:
    """The serious and critical violations axe-core finds on the page as it is now."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE}: run 'make browser-deps'")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']}})"
    )
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in serious]


def test_pages_load_and_navigation_works(page: Any, base_url: str, site: Path) -> None:
    page.goto(base_url)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Sociaal aankopen"
    shot(page, "home")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wat koopt u aan?").click()
    assert page.url.endswith("/gids/sectoren/index.html")
    assert page.locator("h1").inner_text() == "Wat koopt u aan?"

    sector = some_sector(site)
    page.locator(f'a[href="../sectoren/{sector}.html"], a[href="{sector}.html"]').first.click()
    assert page.url.endswith(f"/gids/sectoren/{sector}.html")
    assert page.locator("ol.ranked > li").count() >= 3
    shot(page, "sector")

    page.locator("ol.ranked > li a").first.click()
    assert "/gids/clausules/" in page.url
    assert page.get_by_role("heading", name="Clausetekst").is_visible()

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Clausules").click()
    assert page.url.endswith("/gids/clausules/index.html")
    page.get_by_role("link", name="Uitvoeringsvoorwaarde", exact=True).click()
    assert page.url.endswith("/gids/instrumenten/uitvoeringsvoorwaarde.html")  # the address says its name

    page.goto(base_url + "instrumenten/performance_condition.html")  # the old address still leads there
    page.wait_for_url("**/gids/instrumenten/uitvoeringsvoorwaarde.html")

    page.goto(base_url + f"hoofdstukken/{first_chapter()}.html")
    page.locator('a[rel="next"]').click()
    assert "/gids/hoofdstukken/" in page.url and page.locator("h1").is_visible()


def test_clause_page_and_keyboard(page: Any, base_url: str, site: Path) -> None:
    page.goto(base_url + f"clausules/{some_clause(site)}.html")
    assert page.locator(".clause-text").first.inner_text().strip()
    shot(page, "clause")

    page.keyboard.press("Tab")  # the first stop is the skip link, and it becomes visible
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"

    link = page.locator("main a").first
    link.focus()
    style = link.evaluate("e => { const s = getComputedStyle(e); return [s.backgroundColor, s.boxShadow]; }")
    assert style[0] != "rgba(0, 0, 0, 0)" and style[1] != "none"  # keyboard focus is visible

    page.emulate_media(media="print")
    assert page.locator(".site-nav").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".clause-text").first.is_visible()

    page.emulate_media(media="screen")
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="FR").click()
    assert page.url.endswith(f"/gids/fr/clauses/{some_clause(site)}.html")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Texte de la clause").is_visible()


def test_search_finds_the_clause_page(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_role("searchbox", name="Zoek in de gids en de clausules").fill("groenonderhoud")
    page.keyboard.press("Enter")
    page.wait_for_url("**/gids/zoeken.html?q=groenonderhoud")
    clause_links = page.locator('.search-list a[href*="/gids/clausules/"]')
    clause_links.first.wait_for(timeout=15_000)
    shot(page, "search")
    title = clause_links.first.inner_text()
    clause_links.first.click()
    assert "/gids/clausules/" in page.url
    assert page.locator("h1").inner_text() in title


def test_copy_button_copies_the_paste_ready_text(page: Any, base_url: str, catalogue: Catalogue) -> None:
    clause = catalogue.clauses["fairtrade-producten"]  # bold, a numbered list and marked values
    page.goto(base_url + f"clausules/{clause.id}.html")
    assert page.locator(".clause-text mark.value").count() >= 1  # the parameter values are marked
    # The live region is in the page before it speaks (an empty one was display: none, out of the
    # accessibility tree, so its first message could go unsaid).
    assert page.locator(".copy-status").evaluate("e => getComputedStyle(e).display") != "none"
    page.get_by_role("button", name="Kopieer de tekst").click()
    expect_status = page.locator(".copy-status")
    expect_status.filter(has_text="gekopieerd").wait_for(timeout=5_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == plain_text(render_clause(clause, "nl", catalogue=catalogue).text)
    assert "**" not in copied and "\n1. " in copied and "\ue000" not in copied  # lists kept, no marks


def test_docx_download_opens_with_python_docx(page: Any, base_url: str, catalogue: Catalogue, tmp_path: Path) -> None:
    import docx

    clause = catalogue.clauses["voorbehouden-opdracht"]
    page.goto(base_url + f"fr/clauses/{clause.id}.html")
    with page.expect_download() as info:
        page.get_by_role("link", name="Word (DOCX)").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert clause.title.fr in text and "Annexe clauses sociales" in text  # the French annex, as draft makes it
    assert "30 %" in text  # at its default value


def test_sector_page_offers_each_route_as_an_annex(page: Any, base_url: str, catalogue: Catalogue) -> None:
    sector = catalogue.sectors["groenonderhoud"]
    page.goto(base_url + f"sectoren/{sector.id}.html")
    routes = page.locator("ol.routes > li")
    assert routes.count() == len(sector.routes)
    assert routes.first.locator("h3").inner_text() == catalogue.routes[sector.routes[0].id].title.nl
    with page.expect_download() as info:
        routes.first.get_by_role("link", name="Bijlage van deze route").click()
    assert info.value.suggested_filename == f"route-{sector.routes[0].id}.docx"


def results(page: Any, path: str) -> list[str]:
    """The addresses the search page lists for its query, once it has announced how many it found."""
    page.goto(path)
    page.locator(".search-status").filter(has_text=re.compile(r"^\d+ ")).wait_for(timeout=15_000)
    return page.locator(".search-list a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_search_per_language_announces_its_results(page: Any, base_url: str, catalogue: Catalogue) -> None:
    def reserved(lang: str) -> set[str]:
        folder = {"fr": "fr/clauses", "en": "en/clauses"}[lang]
        return {
            f"/gids/{folder}/{c.id}.html" for c in catalogue.clauses.values() if c.instrument == "reserved_contract"
        }

    found = results(page, base_url + "fr/recherche.html?q=" + quote("marché réservé"))
    assert set(found[:3]) <= reserved("fr")  # reserved-contract clauses first
    assert "/gids/fr/clauses/voorbehouden-opdracht.html" in found[:3]
    assert all("/gids/fr/" in url for url in found)  # the French index only
    status = page.locator(".search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    announced = re.fullmatch(
        r"(\d+) résultats pour «\u00a0marché réservé\u00a0»\.(?: \d+ sur \d+ affichés\.)?", status.inner_text()
    )
    assert announced and int(announced.group(1)) >= len(found) > 0  # all of them counted, the first shown
    size = page.locator(".search-list p").first.evaluate("e => getComputedStyle(e).fontSize")
    assert size == page.locator("main .lead").evaluate("e => getComputedStyle(e.parentElement).fontSize")
    snippet = page.locator(".search-list p").first.inner_text()
    assert "voorbehouden-opdracht" not in snippet  # no ids or keyword lists in the snippets

    english = results(page, base_url + "en/search.html?q=" + quote("reserved contract"))
    assert set(english[:2]) <= reserved("en")
    # Among eleven reserved-contract clauses, the whole-contract one is not yet near the top in English.
    assert "/gids/en/clauses/voorbehouden-opdracht.html" in english[:10]


def test_search_shows_more_results_on_request(page: Any, base_url: str) -> None:
    """The audit: 'sociale economie' announced 95 results and listed 20, with no way to the others; the
    page's title kept 'Zoeken' whatever was searched."""
    results(page, base_url + "zoeken.html?q=" + quote("sociale economie"))
    status = page.locator(".search-status").inner_text()
    found = re.fullmatch(r"(\d+) resultaten voor “sociale economie”\. 20 van de (\d+) getoond\.", status)
    assert found and found.group(1) == found.group(2) and int(found.group(1)) > 20, status
    assert page.title().startswith("“sociale economie” zoeken")
    listed = page.locator(".search-list > li")
    assert listed.count() == 20
    page.get_by_role("button", name="Meer resultaten tonen").click()
    page.locator(".search-list > li").nth(20).wait_for(timeout=15_000)
    assert listed.count() == min(40, int(found.group(1)))
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == listed.nth(20).locator("a").get_attribute("href")


def test_search_finds_a_sector_by_cpv_and_art_15_first(page: Any, base_url: str, catalogue: Catalogue) -> None:
    sector = catalogue.sectors["groenonderhoud"]
    found = results(page, base_url + f"zoeken.html?q={sector.cpv[0]}")
    assert found[0] == f"/gids/sectoren/{sector.id}.html"
    found = results(page, base_url + "zoeken.html?q=" + quote("art. 15"))
    art_15 = {f"/gids/clausules/{c.id}.html" for c in catalogue.clauses.values() if "wet-2016-art-15" in c.legal_basis}
    # The clauses that rest on art. 15 come first; a sector page or an example that speaks of art. 15
    # may come among them, not before them.
    assert set(found[:3]) <= art_15
    assert art_15 <= set(found[: len(art_15) + 2])


def test_search_from_disk_says_it_needs_a_server(browser: Any, site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "zoeken.html").as_uri() + "?q=groen")
    status = page.locator(".search-status")
    status.filter(has_text="webserver").wait_for(timeout=5_000)
    context.close()


def test_clause_filters_combine(page: Any, base_url: str, catalogue: Catalogue) -> None:
    page.goto(base_url + "clausules/index.html")
    cards = page.locator("#clause-list li.card")
    assert cards.count() == len(catalogue.clauses)
    page.get_by_label("Thema", exact=True).select_option("decent_work")
    page.get_by_label("Soort opdracht", exact=True).select_option("supplies")
    wanted = [c for c in catalogue.clauses.values() if "decent_work" in c.themes and "supplies" in c.contract_types]
    assert 0 < len(wanted) < len(catalogue.clauses)
    visible = page.locator("#clause-list li.card:visible")
    assert sorted(visible.evaluate_all("cards => cards.map(c => c.dataset.id)")) == sorted(c.id for c in wanted)
    assert page.locator(".filter-count").inner_text() == f"{len(wanted)} clausules."
    page.get_by_label("Instrument", exact=True).select_option("performance_condition")
    both = [c for c in wanted if c.instrument == "performance_condition"]
    assert visible.count() == len(both)
    assert page.locator("section.stage:visible h2").all_inner_texts() == (["Uitvoeringsvoorwaarden"] if both else [])
    assert "theme=decent_work" in page.url  # a filtered list can be bookmarked
    assert not axe(page)
    page.get_by_role("button", name="Alle filters wissen").click()
    page.wait_for_function("document.querySelectorAll('#clause-list li.card:not([hidden])').length > 10")


def test_print_of_a_clause_page(page: Any, base_url: str, catalogue: Catalogue) -> None:
    clause = catalogue.clauses["voorbehouden-opdracht"]  # two paragraphs
    page.goto(base_url + f"clausules/{clause.id}.html")
    page.emulate_media(media="print")
    assert page.locator(".clause-text").is_visible()
    for hidden in (".side-col", ".take-away", ".languages", "#parameters", "#eforms", "#cpv", ".site-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    meta = page.locator(".print-meta")
    assert meta.is_visible() and base_url + f"clausules/{clause.id}.html" in meta.inner_text()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages


@pytest.mark.parametrize(
    "path",
    [
        "clausules/uitvoering-onderaanneming-sociale-economie.html",
        "sectoren/index.html",
        "clausules/index.html",
        "fr/clauses/voorbehouden-perceel.html",
        "hoofdstukken/index.html",
    ],
)
def test_no_horizontal_scroll_at_320_px(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-BE")
    page = context.new_page()
    page.goto(base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_404_page_works_at_any_depth(page: Any, base_url: str) -> None:
    response = page.goto(base_url + "clausules/bestaat/niet/meer.html")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    home = page.get_by_role("link", name="Naar de startpagina")
    page.wait_for_function("getComputedStyle(document.querySelector('.site-header')).borderTopWidth === '6px'")
    assert home.evaluate("a => a.href") == base_url + "index.html"
    assert not axe(page)
    home.click()
    assert page.locator("h1").inner_text() == "Sociaal aankopen"


PAGE_KINDS = {
    "home": "index.html",
    "chapter": "chapters",
    "clause": "clausules/voorbehouden-opdracht.html",
    "sector": "sectoren/groenonderhoud.html",
    "example": "examples",
    "clause list": "clausules/index.html",
    "instrument": "instrumenten/voorbehouden-opdracht.html",
    "themes": "themas/index.html",
    "theme": "themas/sociale-economie.html",
    "ambitions": "ambitie/index.html",
    "search": "zoeken.html?q=groenonderhoud",
    "colophon": "colofon.html",
    "accessibility": "toegankelijkheid.html",
    "fr home": "fr/index.html",
    "fr clause": "fr/clauses/voorbehouden-opdracht.html",
    "fr search": "fr/recherche.html?q=" + quote("marché réservé"),
    "en sector": "en/sectors/groenonderhoud.html",
    "en clause list": "en/clauses/index.html",
    "fr instruments": "fr/instruments/index.html",
    "en example": "en examples",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_serious_accessibility_violations(page: Any, base_url: str, site: Path, kind: str, scheme: str) -> None:
    path = PAGE_KINDS[kind]
    if path == "chapters":
        path = f"hoofdstukken/{first_chapter()}.html"
    elif path.endswith("examples"):
        first = sorted(p.stem for p in (site / "voorbeelden").glob("*.html") if p.stem != "index")[0]
        path = f"{'en/examples' if path.startswith('en') else 'voorbeelden'}/{first}.html"
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + path)
    if "?q=" in path:
        page.locator(".search-list a").first.wait_for(timeout=15_000)
    assert not axe(page)


def test_print_of_a_sector_page_keeps_the_clauses_of_each_route(page: Any, base_url: str) -> None:
    """The routes list their clauses in closed <details>: printed, each list shrank to its summary line."""
    page.goto(base_url + "sectoren/groenonderhoud.html")
    item = page.locator("details.route-clauses li").first
    assert not item.is_visible()  # closed on screen
    page.emulate_media(media="print")
    assert item.is_visible()
    assert not page.locator("a[download]").first.is_visible()  # a download link is no use on paper


def test_a_chapter_names_itself_as_the_current_dutch_page(page: Any, base_url: str) -> None:
    """A chapter exists in Dutch only: its NL link went to the home page while announcing the current page."""
    page.goto(base_url + "hoofdstukken/juridisch-kader.html")
    links = page.get_by_role("navigation", name="Taal").get_by_role("link")
    current = page.locator('nav.languages a[aria-current="true"]')
    assert current.count() == 1 and current.get_attribute("href").endswith("hoofdstukken/juridisch-kader.html")
    assert links.count() == 3


def test_a_trimmed_address_of_a_term_page_finds_its_overview(page: Any, base_url: str) -> None:
    """The review: …/themas/sociale-economie.html trimmed to …/themas/ was a 404."""
    for folder, heading, item in (
        ("themas/", "Thema's", "Sociale economie"),
        ("instrumenten/", "Instrumenten", "Voorbehouden opdracht"),
        ("ambitie/", "Ambitieniveaus", "Ambitieniveau 2: Significant"),
        ("en/themes/", "Themes", "Social economy"),
    ):
        response = page.goto(base_url + folder)
        assert response.status == 200, folder
        assert page.locator("h1").inner_text() == heading
        page.get_by_role("link", name=item, exact=True).click()
        assert page.locator("h1").is_visible() and page.url.startswith(base_url + folder)
        page.get_by_role("navigation", name="Kruimelpad" if not folder.startswith("en/") else "Breadcrumb").get_by_role(
            "link", name=heading
        ).click()
        assert page.locator("h1").inner_text() == heading
    shot(page, "themes-overview-en")
