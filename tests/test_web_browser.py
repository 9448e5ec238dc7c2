"""The clause tool in a real browser: the whole loop with and without JavaScript, and axe-core on every page.

`sociaalaankopen serve --port 0 --guide <built guide>` runs as its own process on 127.0.0.1 (stopped
by its pid); Debian's chromium, driven by Playwright, pastes the groenonderhoud tender, picks a route,
enters a value out of bounds, sees the message, corrects it, is told on the Download page which
placeholders are still to fill in and fills one in through its link (the field says so too), downloads the
DOCX and finds the value in it with python-docx. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from sociaalaankopen import Catalogue, SociaalAankopenError
from sociaalaankopen.site import build_site
from sociaalaankopen.templates import format_number

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = Path(os.environ.get("AXE_PATH", ROOT / ".cache/node/node_modules/axe-core/axe.min.js"))
GREEN = (ROOT / "examples" / "groenonderhoud.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalogue]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("cache")))
        mp.delenv("SOCIAALAANKOPEN_CATALOGUE", raising=False)
        yield Catalogue.load()


@pytest.fixture(scope="module")
def base_url(catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("guide") / "site"
    try:
        build_site(site, catalogue, search_index=False)
    except SociaalAankopenError as e:
        pytest.fail("the bundled guide does not build:\n" + "\n".join(e.lines()[:30]))
    process = subprocess.Popen(
        [sys.executable, "-m", "sociaalaankopen", "serve", "--port", "0", "--guide", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert found, line + (process.stderr.read() if process.stderr else "")
    url = f"http://127.0.0.1:{found.group(1)}/"
    _wait_for(url)
    yield url
    process.terminate()
    process.wait(timeout=30)


def _wait_for(url: str) -> None:
    import httpx

    for _ in range(200):
        try:
            httpx.get(url, timeout=5)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail(f"the server at {url} never answered")


def _page(browser: Any, base_url: str, javascript: bool) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-BE", java_script_enabled=javascript, accept_downloads=True
    )
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    # A form with a wrong value is answered 422 on purpose; chromium notes every 4xx document.
    page.errors = [e for e in page.errors if "status of 422" not in e]
    host = urlsplit(base_url).netloc
    outside = [url for url in page.requests if urlsplit(url).netloc != host]
    assert not outside, f"requests outside the tool: {outside}"
    assert not page.errors, page.errors  # a CSP violation would show here
    context.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    yield from _page(browser, base_url, javascript=True)


@pytest.fixture
def page_without_js(browser: Any, base_url: str) -> Iterator[Any]:
    yield from _page(browser, base_url, javascript=False)


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def bounded_field(page: Any, catalogue: Catalogue) -> tuple[str, str, float, float]:
    """The first numeric field on the compose page whose parameter has an upper bound:
    (field id, clause id, its upper bound, a valid value other than the default)."""
    for clause_id in page.locator('input[name="clause"]').evaluate_all("els => els.map(e => e.value)"):
        for name, p in catalogue.clause(clause_id).parameters.items():
            low, high = p.bounds()
            if p.type != "text" and p.type != "choice" and high is not None:
                default = float(p.default_for("nl"))  # type: ignore[arg-type]
                valid = high if high != default else (low if low is not None else high - 1)
                return f"f-{clause_id}-{name}", clause_id, float(high), float(valid)
    raise AssertionError("no bounded numeric parameter in the chosen route")


def whole_loop(page: Any, base_url: str, catalogue: Catalogue, tmp_path: Path, name: str) -> None:
    import docx

    page.goto(base_url)
    shot(page, f"{name}-start")
    page.get_by_label("Plak de beschrijving van de opdracht").fill(GREEN)
    page.get_by_role("button", name="Routes zoeken").click()
    page.wait_for_url(f"{base_url}routes")
    routes = page.locator("ol.route-list > li")
    assert routes.count() >= 2, "routes side by side"
    assert page.locator('ol.route-list a[href^="/gids/clausules/"]').count() > 0  # links to the guide
    shot(page, f"{name}-routes")

    routes.first.get_by_role("link", name=re.compile("Deze route kiezen")).click()
    page.wait_for_url(re.compile(r".*/compose\?route=.*"))
    field_id, clause_id, high, valid = bounded_field(page, catalogue)
    field = page.locator(f"#{field_id}")
    field.fill(format_number(high + 1))
    page.get_by_role("button", name="Waarden controleren").click()
    error = page.locator(f"#{field_id}-error")
    assert error.is_visible() and "valt buiten het bereik" in error.inner_text()
    assert page.locator(f"#{field_id}").get_attribute("aria-invalid") == "true"
    assert page.locator(f"#{field_id}").get_attribute("aria-describedby").endswith(f"{field_id}-error")
    shot(page, f"{name}-compose-error")

    shown = format_number(valid)
    page.locator(f"#{field_id}").fill(shown)
    page.get_by_role("button", name="Waarden controleren").click()
    assert page.locator(f"#{field_id}-error").count() == 0
    assert f"{clause_id}." in page.url  # the values live in the address: bookmarkable
    page.get_by_role("button", name="Naar downloaden").click()
    page.wait_for_url(re.compile(r".*/download\?.*"))
    shot(page, f"{name}-download")

    # The route's market consultation still holds '[naam, dienst …]': the page says so before the files,
    # and each link leads back to its field; a value filled in there leaves the list.
    notice = page.get_by_role("status").filter(has=page.get_by_role("heading", name="Nog in te vullen"))
    fields = notice.get_by_role("link")
    unfilled = fields.count()
    assert unfilled > 0, "no placeholder listed"
    fields.first.click()
    page.wait_for_url(re.compile(r".*/compose\?.*#f-.+"))
    target = urlsplit(page.url).fragment
    # The field itself says so too, as a hint it is described by (not an error).
    assert page.locator(f"#{target}-todo").is_visible()
    assert f"{target}-todo" in page.locator(f"#{target}").get_attribute("aria-describedby").split()
    assert page.locator(f"#{target}").get_attribute("aria-invalid") is None
    page.locator(f"#{target}").fill("Dienst Aankoop, aankoop@gemeente.be")
    page.get_by_role("button", name="Naar downloaden").click()
    page.wait_for_url(re.compile(r".*/download\?.*"))
    assert notice.get_by_role("link").count() == unfilled - 1

    with page.expect_download() as info:
        page.get_by_role("link", name="Word (DOCX)").click()
    path = tmp_path / f"{name}.docx"
    info.value.save_as(path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert re.search(rf"(?<![\d.,]){re.escape(shown)}(?![\d,])", text), f"{shown} not in the annex"


def test_the_whole_loop(page: Any, base_url: str, catalogue: Catalogue, tmp_path: Path) -> None:
    whole_loop(page, base_url, catalogue, tmp_path, "js")


def test_the_whole_loop_without_javascript(
    page_without_js: Any, base_url: str, catalogue: Catalogue, tmp_path: Path
) -> None:
    whole_loop(page_without_js, base_url, catalogue, tmp_path, "nojs")


def test_cpv_completion_with_javascript(page: Any, base_url: str) -> None:
    page.goto(base_url + "fr/")
    page.locator("#cpv").press_sequentially("7731", delay=30)
    page.locator("#cpv-list option").first.wait_for(state="attached", timeout=10_000)
    chosen = page.locator("#cpv-list option").first.get_attribute("value")
    assert chosen.startswith("7731")
    # The buyer picks the completed code, as from the list the browser shows.
    page.locator("#cpv").fill(chosen.split()[0])
    page.get_by_role("button", name="Voies pour ce choix").click()
    assert page.locator('html[lang="fr"]').count() == 1 and page.locator("ol.route-list > li").count() >= 1


C = (
    "route=opdracht-voorbehouden&clause=marktconsultatie-sociale-economie&clause=voorbehouden-opdracht"
    "&clause=selectie-proportionele-eisen&title=Groen"
)


@pytest.mark.parametrize("javascript", [True, False])
def test_enter_in_a_field_checks_the_values(browser: Any, base_url: str, javascript: bool) -> None:
    """Enter submitted the form with its first submit button: a clause's "Verwijderen"."""
    for page in _page(browser, base_url, javascript):
        page.goto(f"{base_url}compose?{C}")
        page.locator("#title").fill("Groen 2027")
        page.locator("#title").press("Enter")
        page.wait_for_url(re.compile(r".*action=check.*"))
        assert page.locator('input[name="clause"]').count() == 3
        assert page.locator("#title").input_value() == "Groen 2027"


def test_the_language_links_carry_what_is_typed(page: Any, base_url: str) -> None:
    """Values typed but not yet checked were lost when the language was switched."""
    page.goto(f"{base_url}compose?{C}")
    page.locator("#title").fill("Espaces verts")
    page.locator("#f-voorbehouden-opdracht-percentage_doelgroep").fill("45")
    page.get_by_role("link", name="FR", exact=True).click()
    page.wait_for_url(re.compile(r".*/fr/compose\?.*"))
    assert page.locator('html[lang="fr"]').count() == 1
    assert page.locator("#title").input_value() == "Espaces verts"
    assert page.locator("#f-voorbehouden-opdracht-percentage_doelgroep").input_value() == "45"
    assert page.locator('input[name="clause"]').count() == 3 and "route=opdracht-voorbehouden" in page.url


def _axe(page: Any) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']}})"
    )
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in serious]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
@pytest.mark.parametrize("kind", ["start", "cpv-choices", "routes", "compose", "compose-error", "download"])
def test_no_serious_accessibility_violations(browser: Any, base_url: str, kind: str, lang: str) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE}: run 'make browser-deps'")
    # axe's script is added to the page, so these pages run with JavaScript; the CSP is the server's.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    prefix = base_url if lang == "nl" else f"{base_url}{lang}/"
    state = "clause=voorbehouden-opdracht&clause=uitvoering-stageplaatsen&title=Groenonderhoud"
    if kind == "start":
        page.goto(prefix)
    elif kind == "cpv-choices":
        page.goto(prefix + "routes?cpv=" + {"nl": "groen", "fr": "verts", "en": "green"}[lang])
        assert page.locator(".cpv-choices a").count() > 0
    elif kind == "routes":
        page.goto(prefix)
        page.locator("#text").fill(GREEN)
        page.locator('form[method="post"] button[type="submit"]').click()
        page.wait_for_url(f"{prefix}routes")
    elif kind == "compose":
        # With a market consultation whose fields still hold '[…]': the hint beside each of them.
        page.goto(f"{prefix}compose?{state}&clause=marktconsultatie-sociale-economie")
        assert page.locator(".todo .placeholder").count() == 2
    elif kind == "compose-error":
        page.goto(f"{prefix}compose?{state}&voorbehouden-opdracht.percentage_doelgroep=7&action=check")
        assert page.locator(".field-error").count() == 1
    else:
        # With a market consultation whose contact person is still '[…]': the notice of what to fill in.
        page.goto(f"{prefix}download?{state}&clause=marktconsultatie-sociale-economie")
        assert page.locator(".placeholders a").count() == 2
    _axe(page)
    context.close()


def test_the_start_page_fits_a_narrow_screen(browser: Any, base_url: str) -> None:
    """Found by QA: at 375 px the file field made the page 388 px wide."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(base_url)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375


def test_a_focused_header_link_is_dark_on_yellow(page: Any, base_url: str) -> None:
    """Found by QA: white text on the yellow focus colour (about 1.6:1) in the header."""
    page.goto(base_url)
    for selector in ('.languages a[hreflang="fr"]', ".brand .brand-name", ".brand .brand-sub"):
        page.keyboard.press("Tab")
        link = page.locator('.languages a[hreflang="fr"]' if "languages" in selector else ".brand")
        link.focus()
        colour = page.locator(selector).evaluate("e => getComputedStyle(e).color")
        assert colour == "rgb(27, 31, 36)", (selector, colour)


def test_remove_moves_the_focus_to_what_was_done(page: Any, base_url: str) -> None:
    """Found by QA: after Remove (a redirect) the focus was on <body> and nothing was said."""
    page.goto(f"{base_url}compose?clause=uitvoering-stageplaatsen")
    page.get_by_role("button", name=re.compile("Verwijderen")).click()
    page.wait_for_selector("#status")
    assert page.evaluate("document.activeElement.id") == "status"
    assert page.locator("#status").get_attribute("role") == "status"
    assert page.locator("#status").inner_text().startswith("Clausule verwijderd: ")


# The contrast ratio (WCAG 2.1) of an element's text on the background it stands on: the first ancestor
# (or itself) with an opaque background colour. Given the element, answers [ratio, colour, background].
CONTRAST = """
e => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(c => c / 255)
    .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  let ground = e;
  while (ground && (rgb(getComputedStyle(ground).backgroundColor)[3] ?? 1) < 1) ground = ground.parentElement;
  const colour = getComputedStyle(e).color;
  const background = ground ? getComputedStyle(ground).backgroundColor : "rgb(255, 255, 255)";
  const [a, b] = [lum(rgb(colour)), lum(rgb(background))].sort((x, y) => y - x);
  return [(a + 0.05) / (b + 0.05), colour, background];
}
"""


def contrast(locator: Any) -> tuple[float, str, str]:
    ratio, colour, background = locator.evaluate(CONTRAST)
    return round(ratio, 2), colour, background


@pytest.mark.parametrize("kind", ["start", "compose-error", "download"])
def test_dark_mode_text_in_the_tool_has_enough_contrast(browser: Any, base_url: str, kind: str) -> None:
    """Found by the accessibility audit: in dark mode the fields were white with light text (1.22:1), the
    yellow buttons had light labels (1.35:1), a field's error was dark red on black (2.8:1) and a secondary
    button, hovered, was dark blue on dark blue (1.1:1)."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE}: run 'make browser-deps'")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, color_scheme="dark")
    page = context.new_page()
    state = "clause=voorbehouden-opdracht&clause=uitvoering-stageplaatsen&title=Groenonderhoud"
    if kind == "start":
        page.goto(base_url)
        page.locator("#text").fill("Groenonderhoud")  # text in the field, for axe to measure
    elif kind == "compose-error":
        page.goto(f"{base_url}compose?{state}&voorbehouden-opdracht.percentage_doelgroep=7&action=check")
        assert page.locator(".field-error").count() == 1
    else:
        page.goto(f"{base_url}download?{state}&clause=marktconsultatie-sociale-economie")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})")
    failing = [(n["target"], n["any"][0]["message"]) for v in result["violations"] for n in v["nodes"]]
    assert not failing, failing
    # axe measures neither a field's value nor a hovered button: measured here.
    fields = page.locator(".field input[type=text], .field textarea")
    for i in range(fields.count()):
        assert contrast(fields.nth(i))[0] >= 4.5, contrast(fields.nth(i))
    secondary = page.locator(".button-secondary")
    if secondary.count():
        secondary.last.hover()
        assert contrast(secondary.last)[0] >= 4.5, contrast(secondary.last)
    context.close()


# Every part of the focused element that holds text (the link, a span in it): [outerHTML start, ratio,
# colour, background], measured as CONTRAST does.
FOCUSED_TEXT = f"""
() => {{
  const contrast = {CONTRAST};
  const focused = document.activeElement;
  return [focused, ...focused.querySelectorAll("*")]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => [e.outerHTML.slice(0, 90), ...contrast(e)]);
}}
"""
FOCUS_PAGES = {
    "tool start": "",
    "tool download": "download?clause=marktconsultatie-sociale-economie&title=Groen",
    "guide home": "gids/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(FOCUS_PAGES))
def test_every_focused_header_menu_and_notice_link_keeps_its_contrast(
    browser: Any, base_url: str, kind: str, scheme: str
) -> None:
    """Found by the accessibility audit: the focus rule's dark ink lost to rules written after it, leaving
    light text on the yellow focus band (1.3–1.6:1): the brand's subtitle and the language links always,
    the menu in dark mode, and in dark mode the links in a notice (the Download page's)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + FOCUS_PAGES[kind])
    targets = page.locator(".site-header a, .notice a")
    wanted = targets.count()
    assert wanted >= (7 if kind == "guide home" else 5)
    reached: set[str] = set()
    measured: dict[str, list[Any]] = {}
    for _ in range(wanted + 40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.site-header a, .notice a')"):
            reached.add(page.evaluate("document.activeElement.outerHTML"))
            for html, ratio, colour, background in page.evaluate(FOCUSED_TEXT):
                measured[html] = [round(ratio, 2), colour, background]
        if len(reached) == wanted:
            break
    context.close()
    assert len(reached) == wanted, "not every link was reached with Tab"
    poor = {html: found for html, found in measured.items() if found[0] < 4.5}
    assert not poor, poor


@pytest.mark.parametrize("path", ["", "gids/clausules/index.html"])
def test_forced_colours_show_the_focus_and_only_the_current_menu_item(browser: Any, base_url: str, path: str) -> None:
    """Found by the accessibility audit: in forced colours (Windows high contrast) a focused link showed no
    focus at all (its outline was none, and forced colours drop backgrounds and shadows), and every menu
    item and language link looked current: their transparent borders were painted solid."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors="active")
    page = context.new_page()
    page.goto(base_url + path)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    style, width = page.evaluate(
        "[getComputedStyle(document.activeElement).outlineStyle, getComputedStyle(document.activeElement).outlineWidth]"
    )
    assert page.evaluate("document.activeElement.tagName") == "A"
    assert style != "none" and float(width.removesuffix("px")) > 0, (style, width)
    canvas = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for selector, side in ((".site-nav a", "bottom"), (".languages a", "bottom")):
        links = page.locator(selector)
        colours = {
            links.nth(i).evaluate("e => e.matches('[aria-current], .current')"): links.nth(i).evaluate(
                f"e => getComputedStyle(e).border{side.title()}Color"
            )
            for i in range(links.count())
        }
        assert colours[False] == canvas, (selector, colours, canvas)  # not current: no line to see
        assert colours[True] != canvas, (selector, colours, canvas)  # current: a line
    context.close()
