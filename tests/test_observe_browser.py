"""The observatory's report.html in a real browser: it loads on its own and axe-core finds nothing serious.

Debian's chromium, driven by Playwright (the pattern of tests/test_browser.py), against a report made
from the sample notices and from the 3,104 real TED notices, served on 127.0.0.1 on a free port.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import test_browser
from sociaalaankopen.observe import observe

pytestmark = pytest.mark.browser

AXE = test_browser.AXE

DATA = Path(__file__).parent / "data" / "observe"
# The samples, and the 3,104 real notices of the done-when criterion.
INPUTS = {"samples": DATA / "notices", "ted-export": DATA / "ted-export-2014-2022.tar.xz"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module", params=sorted(INPUTS))
def report_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("observe") / "out"
    observe([INPUTS[request.param]], out, workers=2)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/report.html"
    server.shutdown()
    server.server_close()


def test_report_loads_alone_and_has_no_serious_accessibility_violations(browser: Any, report_url: str) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE}: run 'make browser-deps'")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report_url)
    assert page.locator("h1").inner_text().startswith("Observatorium")
    assert page.locator("svg.chart").count() >= 5
    assert page.locator("svg.chart").first.bounding_box()["width"] > 200  # type: ignore[index]
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']}})"
    )
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in serious]
    assert [url for url in requests if urlsplit(url).path != "/report.html"] == []  # self-contained
    assert not errors, errors
    context.close()
