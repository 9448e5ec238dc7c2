"""The built guide in a real browser: pages load, navigation and search work, axe-core finds nothing serious.

Debian's chromium, driven by Playwright, against the bundled guide and catalogue served on 127.0.0.1
under a sub-path (the site must work wherever it is hosted). Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from sociaalaankopen import Catalogue, SociaalAankopenError
from sociaalaankopen.site import build_site, guide_path

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
PREFIX = "/gids/"
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = Path(os.environ.get("AXE_PATH", Path(__file__).parents[1] / ".cache/node/node_modules/axe-core/axe.min.js"))


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site under PREFIX, as a web host that puts it in a sub-folder would."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(PREFIX):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path(path[len(PREFIX) - 1 :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("guide") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("cache")))
        mp.delenv("SOCIAALAANKOPEN_CATALOGUE", raising=False)
        try:
            build_site(out, Catalogue.load())  # the bundled catalogue and guide, with the search index
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed: run 'make browser-deps'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page that records every request and every script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    context.close()


def assert_stayed_clean(page: Any, base_url: str) -> None:
    """The end of every browser test (in the test, so a breach fails the test rather than its teardown):
    no request left the site (no CDN, font or script from elsewhere) and no script failed."""
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


def test_pages_load_and_navigation_works(page: Any, base_url: str, site: Path) -> None:
    page.goto(base_url)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Sociaal aankopen"
    shot(page, "home")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wat koop je aan?").click()
    assert page.url.endswith("/gids/sectoren/index.html")
    assert page.locator("h1").inner_text() == "Wat koop je aan?"

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
    page.get_by_role("link", name="Uitvoeringsvoorwaarde").first.click()
    assert page.url.endswith("/gids/instrumenten/performance_condition.html")

    page.goto(base_url + f"hoofdstukken/{first_chapter()}.html")
    page.locator('a[rel="next"]').click()
    assert "/gids/hoofdstukken/" in page.url and page.locator("h1").is_visible()
    assert_stayed_clean(page, base_url)


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
    french = page.locator('details[lang="fr"]')
    assert not french.locator(".clause-text").is_visible()  # folded until asked for
    french.locator("summary").click()
    assert french.locator(".clause-text").is_visible()
    assert_stayed_clean(page, base_url)


def test_search_finds_the_clause_page(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_role("searchbox", name="Zoek in de gids en de clausules").fill("groenonderhoud")
    page.keyboard.press("Enter")
    page.wait_for_url("**/gids/zoeken.html?q=groenonderhoud")
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=15_000)
    clause_links = page.locator('.pagefind-ui__result-link[href*="/gids/clausules/"]')
    clause_links.first.wait_for(timeout=15_000)
    shot(page, "search")
    title = clause_links.first.inner_text()
    clause_links.first.click()
    assert "/gids/clausules/" in page.url
    assert page.locator("h1").inner_text() in title
    assert_stayed_clean(page, base_url)


@pytest.mark.parametrize("kind", ["home", "chapter", "clause", "sector", "search"])
def test_no_serious_accessibility_violations(page: Any, base_url: str, site: Path, kind: str) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE}: run 'make browser-deps'")
    path = {
        "home": "index.html",
        "chapter": f"hoofdstukken/{first_chapter()}.html",
        "clause": f"clausules/{some_clause(site)}.html",
        "sector": f"sectoren/{some_sector(site)}.html",
        "search": "zoeken.html?q=groenonderhoud",
    }[kind]
    page.goto(base_url + path)
    if kind == "search":
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']}})"
    )
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in serious]
    assert_stayed_clean(page, base_url)
