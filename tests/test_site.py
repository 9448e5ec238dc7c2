"""The guide as a static site: pages, strict links, determinism, atomicity, escaping, weight and preview."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import types
import urllib.error
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from click.testing import CliRunner
from markupsafe import escape

from conftest import minimal_clause
from sociaalaankopen import Catalogue, SiteError
from sociaalaankopen.cli import cli
from sociaalaankopen.legal import legal_references
from sociaalaankopen.site import build_site, guide_path
from sociaalaankopen.site.serve import serve
from sociaalaankopen.site.workers import write_files
from sociaalaankopen.typography import sort_key

SECTOR = """\
---
id: groenonderhoud
title: {nl: Groenonderhoud, fr: Espaces verts, en: Grounds maintenance}
summary: {nl: Maaien en snoeien., fr: Tonte., en: Mowing.}
cpv: ["77310000"]
contract_types: [services]
keywords: {nl: [groenonderhoud, maaien]}
recommended: [proef, tweede, derde]
---

## Aanbod sociale economie

Maatwerkbedrijven maaien. Zie [de gids](chapter:waarom).

## Aandachtspunten

Let op de [proefclausule](clause:proef).
"""

EXAMPLE = """\
---
id: voorbeeld
title: {nl: Een voorbeeld}
buyer_type: gemeente
subject: Groenonderhoud van parken
contract_types: [services]
sector: groenonderhoud
clauses: [proef]
status: illustrative
---

## Situatie

Een gemeente.

## Aanpak

Met de [proefclausule](clause:proef).

## Resultaat

Werk.
"""

CHAPTER_1 = """\
---
title: Waarom sociaal aankopen
summary: Werk als weg naar deelname.
---

## Werk

Zie de [proefclausule](clause:proef), de sector [groenonderhoud](sector:groenonderhoud),
het [voorbeeld](example:voorbeeld) en [het kader](chapter:kader#grenzen).

## Meer

Een <script>alert(1)</script> blijft tekst. [Naar boven](#werk). [Extern](https://example.org/).
"""

CHAPTER_2 = """\
---
title: Het juridisch kader
summary: Wat de wet toelaat.
---

## Grenzen

Verband met het voorwerp.
"""


@pytest.fixture
def sources(tmp_catalogue, tmp_path):
    """A small catalogue and guide: three clauses, a sector, an example and two chapters."""
    catalogue = tmp_catalogue(
        {
            "proef.md": minimal_clause("proef")
            .replace("related: []\n", "")
            .replace("monitoring:", "related: [tweede]\nmonitoring:"),
            "tweede.md": minimal_clause("tweede"),
            "derde.md": minimal_clause("derde"),
            "sectors/groenonderhoud.md": SECTOR,
            "examples/voorbeeld.md": EXAMPLE,
        }
    )
    guide = tmp_path / "guide"
    guide.mkdir()
    (guide / "01-waarom.md").write_text(CHAPTER_1, "utf-8")
    (guide / "02-kader.md").write_text(CHAPTER_2, "utf-8")
    return catalogue, guide


def build(sources, out, **options):
    catalogue, guide = sources
    options.setdefault("search_index", False)
    return build_site(out, Catalogue.load(catalogue), guide=guide, **options)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.urls.append(values[name])
        if values.get("id"):
            self.ids.add(values["id"])


# --- what the site contains ---------------------------------------------------------------------------


def test_build_writes_a_page_for_everything(sources, tmp_path):
    report = build(sources, tmp_path / "site")
    site = tmp_path / "site"
    for page in [
        "index.html",
        "404.html",
        "zoeken.html",
        "hoofdstukken/index.html",
        "hoofdstukken/waarom.html",
        "hoofdstukken/kader.html",
        "clausules/index.html",
        "clausules/proef.html",
        "voorbeelden/index.html",
        "voorbeelden/voorbeeld.html",
        "sectoren/index.html",
        "sectoren/groenonderhoud.html",
        "instrumenten/performance_condition.html",
        "themas/employment.html",
        "ambitie/1.html",
        "static/style.css",
        "static/print.css",
    ]:
        assert (site / page).is_file(), page
    assert report.pages == len(list(site.rglob("*.html")))
    assert not (site / "sitemap.xml").exists()
    assert "Wat koopt u aan?" in (site / "sectoren/index.html").read_text("utf-8")


def test_clause_page_shows_text_parameters_legal_basis_and_links(sources, tmp_path):
    build(sources, tmp_path / "site")
    html = (tmp_path / "site/clausules/proef.html").read_text("utf-8")
    assert "De opdrachtnemer presteert 100 uur." in html  # the text with its default
    assert '<th scope="row">Uren</th>' in html and "10–1.000 uur" in html  # the parameters table
    legal = legal_references()["richtlijn-2014-24-art-70"]
    assert f">{escape(legal.short)}</strong> – {escape(legal.title)}" in html  # the legal basis
    assert "Verwezenlijking van sociale doelstellingen" in html  # eForms BT-775 'opp' with its label
    assert 'href="../clausules/tweede.html"' in html  # related clause
    assert 'href="../voorbeelden/voorbeeld.html"' in html  # the example that uses it
    assert 'href="../sectoren/groenonderhoud.html"' in html  # the sector that recommends it
    assert 'href="../hoofdstukken/waarom.html"' in html  # the chapter that discusses it
    assert "Gepresteerde uren" in html  # monitoring


def test_chapter_links_become_relative_links_and_html_is_escaped(sources, tmp_path):
    build(sources, tmp_path / "site")
    html = (tmp_path / "site/hoofdstukken/waarom.html").read_text("utf-8")
    assert 'href="../clausules/proef.html"' in html
    assert 'href="../sectoren/groenonderhoud.html"' in html
    assert 'href="../voorbeelden/voorbeeld.html"' in html
    assert 'href="kader.html#grenzen"' in html
    assert 'href="#werk"' in html and 'id="werk"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert '<a class="pager-next" href="../hoofdstukken/kader.html" rel="next">' in html


def test_sitemap_with_base_url(sources, tmp_path):
    build(sources, tmp_path / "site", base_url="https://example.org/gids")
    sitemap = (tmp_path / "site/sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/gids/</loc>" in sitemap
    assert "<loc>https://example.org/gids/clausules/proef.html</loc>" in sitemap
    assert "404.html" not in sitemap and "zoeken.html" not in sitemap
    # The 404 page is served at any depth: with a base URL its links resolve from the site root.
    assert '<base href="https://example.org/gids/">' in (tmp_path / "site/404.html").read_text("utf-8")


def test_base_url_must_be_an_address(sources, tmp_path):
    with pytest.raises(SiteError) as e:
        build(sources, tmp_path / "site", base_url="example.org")
    assert e.value.lines() == [
        "--base-url: 'example.org' is not an http(s) address "
        "(give the address the site will live at, e.g. https://example.org/gids/)"
    ]


# --- relative links, page weight ----------------------------------------------------------------------


def test_every_link_is_relative_and_resolves(sources, tmp_path):
    site = tmp_path / "site"
    build(sources, site)
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        for url in parser.urls:
            if url.startswith(("https://", "http://")):
                assert url == "https://example.org/", f"{page}: external {url}"
                continue
            assert not url.startswith("/"), f"{page}: {url} is not relative"
            path, fragment = urldefrag(url)
            target = (page.parent / urlsplit(path).path).resolve() if path else page
            assert target.is_file(), f"{page}: {url} leads nowhere"
            if fragment:
                ids = Links()
                ids.feed(target.read_text("utf-8"))
                assert fragment in ids.ids, f"{page}: {url} has no anchor"


def test_pages_are_light_and_do_not_repeat_the_navigation(sources, tmp_path):
    site = tmp_path / "site"
    build(sources, site)
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    assert statistics.median(sizes) <= 30 * 1024
    clause = (site / "clausules/proef.html").read_text("utf-8")
    assert "Het juridisch kader" not in clause  # chapter titles are listed on the guide pages, not everywhere
    # The only scripts are the site's own small ones: the copy button here, none on a chapter.
    assert re.findall(r"<script[^>]*>", clause) == ['<script src="../static/clause.js">']
    assert "<script" not in (site / "hoofdstukken/kader.html").read_text("utf-8")


# --- strict: every problem, one line each ------------------------------------------------------------


def test_broken_links_fail_with_one_line_each_naming_file_and_link(sources, tmp_path):
    catalogue, guide = sources
    (guide / "03-kapot.md").write_text(
        "---\ntitle: Kapot\nsummary: Met fouten.\n---\n\n## Fouten\n\n"
        "Een [onbekende clausule](clause:bestaat-niet).\n"
        "Een [typfout](clause:proeff) en een [sector](sector:nergens).\n\n"
        "[Hoofdstuk](chapter:kader#nergens), [bestand](02-kader.md), [pad](../x.html), [anker](#weg).\n\n"
        "![beeld](https://example.org/x.png)\n",
        "utf-8",
    )
    result = CliRunner().invoke(
        cli,
        ["guide", "build", "--out", str(tmp_path / "site"), "--catalogue", str(catalogue), "--guide", str(guide)]
        + ["--lang", "en"],
    )
    assert result.exit_code == 1
    where = guide / "03-kapot.md"
    assert result.stderr.splitlines() == [
        f"error: {where}:8: link 'clause:bestaat-niet': 'bestaat-niet' is not a clause in the catalogue "
        "(use the id of an existing clause)",
        f"error: {where}:9: link 'clause:proeff': 'proeff' is not a clause in the catalogue (did you mean 'proef'?)",
        f"error: {where}:9: link 'sector:nergens': 'nergens' is not a sector profile in the catalogue "
        "(use the id of an existing sector profile)",
        f"error: {where}:11: link 'chapter:kader#nergens': chapter 'kader' has no heading with id 'nergens' "
        "(link to a heading of that chapter)",
        f"error: {where}:11: link '02-kader.md': links to a file (write chapter:kader)",
        f"error: {where}:11: link '../x.html': is not a link the guide understands "
        "(link to clause:<id>, sector:<id>, example:<id>, chapter:<id> or a full https:// address)",
        f"error: {where}:11: link '#weg': there is no heading with id 'weg' on this page "
        "(link to a heading of this page)",
        f"error: {where}:13: image 'https://example.org/x.png': images are not supported in the guide "
        "(describe it in words or link to it)",
    ]
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


def test_only_chapter_links_may_point_at_a_heading(sources, tmp_path):
    """A clause, sector or example page has no headings a writer controls: 'clause:proef#werk' is refused."""
    catalogue, guide = sources
    (guide / "03-ankers.md").write_text(
        "---\ntitle: Ankers\nsummary: Kort.\n---\n\n## Werk\n\n"
        "[Clausule](clause:proef#werk), [sector](sector:groenonderhoud#x), [hoofdstuk](chapter:kader#grenzen).\n",
        "utf-8",
    )
    with pytest.raises(SiteError) as e:
        build(sources, tmp_path / "site")
    where = guide / "03-ankers.md"
    assert e.value.lines() == [
        f"{where}:8: link 'clause:proef#werk': only chapter links may point at a heading (write clause:proef)",
        f"{where}:8: link 'sector:groenonderhoud#x': only chapter links may point at a heading "
        "(write sector:groenonderhoud)",
    ]


def test_broken_link_in_catalogue_text_names_the_catalogue_file(sources, tmp_path):
    catalogue, _ = sources
    text = (catalogue / "sectors/groenonderhoud.md").read_text("utf-8").replace("clause:proef", "clause:weg")
    (catalogue / "sectors/groenonderhoud.md").write_text(text, "utf-8")
    with pytest.raises(SiteError) as e:
        build(sources, tmp_path / "site")
    assert e.value.lines() == [
        f"{catalogue / 'sectors/groenonderhoud.md'}:17: link 'clause:weg': 'weg' is not a clause in the catalogue "
        "(use the id of an existing clause)"
    ]


def test_chapter_problems_all_reported(sources, tmp_path):
    _, guide = sources
    (guide / "3-slecht.md").write_text("---\ntitle: x\nsummary: y\n---\n", "utf-8")
    (guide / "04-koppen.md").write_text("---\ntitle: Koppen\nauthor: Ik\n---\n\n# Titel\n\n#### Diep\n", "utf-8")
    with pytest.raises(SiteError) as e:
        build(sources, tmp_path / "site")
    assert e.value.lines() == [
        f"{guide / '04-koppen.md'}: summary: is missing or empty (add 'summary: …' to the front matter)",
        f"{guide / '04-koppen.md'}: author: is not a known field (a chapter has only 'title' and 'summary')",
        f"{guide / '04-koppen.md'}:6: heading '# Titel': a chapter has one title, from its front matter "
        "(use '## ' for sections)",
        f"{guide / '04-koppen.md'}:8: heading '#### Diep': skips a level after a level-1 heading (use '## ' here)",
        f"{guide / '3-slecht.md'}: file name: is not of the form NN-<id>.md "
        "(name it like 03-juridisch-kader.md: two digits, a hyphen, lowercase words)",
    ]


# --- deterministic and atomic ------------------------------------------------------------------------


def test_two_builds_are_byte_identical(sources, tmp_path):
    build(sources, tmp_path / "a")
    build(sources, tmp_path / "b", workers=2)  # the parallel build writes the same bytes
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")


def test_two_processes_with_search_index_are_byte_identical(sources, tmp_path):
    """Separate processes with different hash seeds, search index included: no set order, no dates leak."""
    catalogue, guide = sources
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"site-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOCIAALAANKOPEN_NO_CACHE": "1"}
        command = [sys.executable, "-m", "sociaalaankopen", "guide", "build", "--out", str(out)]
        command += ["--catalogue", str(catalogue), "--guide", str(guide), "--base-url", "https://example.org/"]
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        outputs.append(files_of(out))
    assert any(name.startswith("pagefind/") for name in outputs[0])
    assert outputs[0] == outputs[1]


def test_failed_build_leaves_the_previous_site_untouched(sources, tmp_path):
    _, guide = sources
    site = tmp_path / "site"
    build(sources, site)
    before = files_of(site)
    (guide / "02-kader.md").write_text(CHAPTER_2 + "\n[kapot](clause:weg)\n", "utf-8")
    with pytest.raises(SiteError):
        build(sources, site)
    assert files_of(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue", "guide", "site"]  # no temporary folders


def test_rebuild_replaces_the_site_and_removes_stale_pages(sources, tmp_path):
    catalogue, _ = sources
    site = tmp_path / "site"
    build(sources, site)
    (catalogue / "derde.md").unlink()
    text = (catalogue / "sectors/groenonderhoud.md").read_text("utf-8").replace(", derde]", ", proef2]")
    (catalogue / "sectors/groenonderhoud.md").write_text(text, "utf-8")
    (catalogue / "proef2.md").write_text(minimal_clause("proef2"), "utf-8")
    build(sources, site)
    assert not (site / "clausules/derde.html").exists()
    assert (site / "clausules/proef2.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue", "guide", "site"]


def test_never_replaces_a_folder_it_did_not_build(sources, tmp_path):
    precious = tmp_path / "werk"
    precious.mkdir()
    (precious / "notities.txt").write_text("niet weggooien", "utf-8")
    with pytest.raises(SiteError) as e:
        build(sources, precious)
    assert e.value.lines() == [
        f"{precious}: is not empty and was not built by this command, so it is not replaced "
        "(choose a new or empty folder)"
    ]
    assert (precious / "notities.txt").read_text("utf-8") == "niet weggooien"


def test_never_builds_over_its_sources(sources):
    """Not even into a folder that looks like a site built before (it has the marker), so the rule that
    refuses a non-empty folder does not stand in for this one."""
    from sociaalaankopen.site.build import MARKER

    catalogue, guide = sources
    for out, source in ((guide, guide), (guide.parent, guide), (catalogue, catalogue)):
        (out / MARKER).write_text("", "utf-8")
        with pytest.raises(SiteError) as e:
            build(sources, out)
        assert e.value.lines() == [f"{out}: holds the sources in {source} (build into another folder, e.g. --out site)"]
        (out / MARKER).unlink()
    assert (guide / "01-waarom.md").is_file()


def test_files_cannot_be_written_outside_the_output_folder(tmp_path):
    for name in ("../buiten.html", "/etc/passwd", "a/../../buiten.html"):
        with pytest.raises(SiteError):
            write_files(tmp_path / "site", {name: b"x"})
    assert not (tmp_path / "buiten.html").exists()


# --- hostile catalogue text --------------------------------------------------------------------------


def test_hostile_catalogue_text_is_escaped(tmp_catalogue, tmp_path):
    hostile = minimal_clause(
        "proef",
        **{
            "title: {nl: Titel,": 'title: {nl: "<script>alert(1)</script>",',
            "summary: {nl: Samenvatting,": "summary: {nl: '\"><img src=x onerror=alert(2)>',",
            "monitoring: {indicator: Gepresteerde uren,": "monitoring: {indicator: '<b onmouseover=alert(5)>uren</b>',",
        },
    ).replace(
        "---\n\n## Clausetekst",
        'sources: [{title: "<i>bron</i>", url: "javascript:alert(6)"}]\n---\n\n## Clausetekst',
        1,
    )
    root = tmp_catalogue({"proef.md": hostile})
    guide = tmp_path / "guide"
    guide.mkdir()
    (guide / "01-gids.md").write_text(CHAPTER_2, "utf-8")
    catalogue = Catalogue.load(root)
    # Raw HTML and links that run code in a text are refused when a catalogue is loaded
    # (test_catalogue.py); the site escapes them all the same, for a catalogue built in code.
    proef = catalogue.clauses["proef"]
    text = proef.text.model_copy(
        update={"nl": f"<script>alert(3)</script> [klik](javascript:alert(4)) {proef.text.nl}"}
    )
    verification = f"<iframe src=https://evil.example></iframe> {proef.verification}"
    catalogue.clauses = {"proef": proef.model_copy(update={"text": text, "verification": verification})}
    build_site(tmp_path / "site", catalogue, guide=guide, search_index=False)
    for page in (tmp_path / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html and "<iframe" not in html and "<b onmouseover" not in html, page
        assert "javascript:" not in html.replace("[klik](javascript:alert(4))", ""), page
    clause = (tmp_path / "site/clausules/proef.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in clause
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in clause and "&lt;iframe" in clause
    assert "&lt;i&gt;bron&lt;/i&gt;" in clause


# --- the sector pages use the matcher ----------------------------------------------------------------


def test_sector_page_ranks_recommended_clauses_by_matcher_score(sources, tmp_path, monkeypatch):
    seen = []

    class FakeMatcher:
        def match(self, tender, top=5):
            seen.append((tender, top))
            scores = {"proef": 10, "tweede": 30, "derde": 20, "anders": 99}
            return [
                types.SimpleNamespace(id=cid, clause=None, score=score, reasons=(f"reden {cid}",))
                for cid, score in sorted(scores.items(), key=lambda kv: -kv[1])
            ]

    fake = types.ModuleType("sociaalaankopen.matching")
    fake.matcher_for = lambda catalogue: FakeMatcher()
    monkeypatch.setitem(sys.modules, "sociaalaankopen.matching", fake)
    build(sources, tmp_path / "site")
    tender, top = seen[0]
    assert (tender.title, tender.description, tender.cpv) == ("Groenonderhoud", "groenonderhoud maaien", ["77310000"])
    assert top >= 3
    html = (tmp_path / "site/sectoren/groenonderhoud.html").read_text("utf-8")
    ranked = re.findall(r'<h3 class="card-title"><a href="../clausules/([a-z0-9-]+).html">', html)
    assert ranked == ["tweede", "derde", "proef"]  # only the recommended ones, by score


# --- search, CLI, bundled guide, preview -------------------------------------------------------------


def test_search_index_is_built_by_the_same_command(sources, tmp_path):
    build(sources, tmp_path / "site", search_index=True)
    assert (tmp_path / "site/pagefind/pagefind-ui.js").is_file()
    assert (tmp_path / "site/pagefind/pagefind-entry.json").read_text("utf-8").count('"nl"') >= 1
    search = (tmp_path / "site/zoeken.html").read_text("utf-8")
    assert 'data-bundle="pagefind/pagefind.js"' in search and 'src="static/search.js"' in search
    entry = json.loads((tmp_path / "site/pagefind/pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["en", "fr", "nl"]  # an index per language, in a fixed order


def indexed_text(site: Path) -> dict[str, str]:
    """The text Pagefind indexed and cuts its excerpts from, per page address (its fragments are gzipped
    JSON behind a 'pagefind_dcd' signature)."""
    import gzip

    texts = {}
    for fragment in (site / "pagefind/fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd") :])
        texts[record["url"]] = record["content"]
    return texts


def test_search_keeps_a_fact_apart_from_its_value(sources, tmp_path):
    """The audit: searching 'sociale economie' showed 'AanbestederGemeente of stad.' and 'Soort
    opdrachtDiensten' in the excerpts, and the index held words as 'opdrachtdiensten': Pagefind reads a
    <dt> and its <dd> as one run of text unless something stands between them."""
    build(sources, tmp_path / "site", search_index=True)
    texts = indexed_text(tmp_path / "site")
    example = texts["/voorbeelden/voorbeeld.html"]
    assert "Aanbesteder Gemeente" in example and "Soort opdracht Diensten" in example, example[:300]
    clause = texts["/clausules/proef.html"]
    assert re.search(r"Instrument \w", clause) and "Soort opdracht Diensten" in clause, clause
    sector = texts["/sectoren/groenonderhoud.html"]
    assert "Soort opdracht Diensten" in sector, sector[:300]
    # No label of a list of facts, in any language, is glued to the word after it.
    from sociaalaankopen.site.labels import UI

    keys = ("buyer", "contract_type", "instrument", "themes", "ambition", "sector", "year", "indicator", "unit")
    for address, text in texts.items():
        lang = address.split("/")[1] if address.split("/")[1] in ("fr", "en") else "nl"
        for label in {UI[lang][key] for key in keys}:
            assert not re.search(re.escape(label) + r"[^\W\d_]", text), (address, label)


def test_cli_build_exact_output(sources, tmp_path):
    catalogue, guide = sources
    out = tmp_path / "site"
    args = ["guide", "build", "--out", str(out), "--catalogue", str(catalogue), "--guide", str(guide), "--no-search"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    pages = len(list(out.rglob("*.html")))
    assert result.output == f"ok: {pages} pagina's in {out}, zonder zoekindex; open {out}/index.html\n"


def test_bundled_guide_ships_with_the_package():
    chapters = sorted(p.name for p in guide_path().glob("*.md"))
    assert len(chapters) >= 12
    assert all(re.match(r"^\d{2}-[a-z0-9-]+\.md$", name) for name in chapters)


def test_serve_rebuilds_on_change_and_serves_404(sources, tmp_path):
    catalogue, guide = sources
    site = tmp_path / "site"
    messages: list[str] = []
    stop = threading.Event()

    def rebuild():
        return build(sources, site)

    thread = threading.Thread(
        target=serve,
        args=(site, rebuild, [guide, catalogue]),
        kwargs={"port": 0, "interval": 0.05, "report": messages.append, "stop": stop},
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + 20  # for the whole test: a first build, a change and a rebuild

    def wait_for(what: str, done: Callable[[], bool]) -> None:
        while not done():
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within 20 seconds; the preview said: {messages}")
            time.sleep(0.02)

    try:
        wait_for("'serving' line", lambda: any(m.startswith("serving ") for m in messages))
        address = next(m.split()[1] for m in messages if m.startswith("serving "))
        assert address.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(address + "hoofdstukken/kader.html") as response:
            assert "Het juridisch kader" in response.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(address + "bestaat/niet.html")
        assert e.value.code == 404 and "Pagina niet gevonden" in e.value.read().decode("utf-8")
        (guide / "02-kader.md").write_text(CHAPTER_2.replace("Het juridisch kader", "Het nieuwe kader"), "utf-8")
        wait_for("rebuild after the change", lambda: messages.count(f"built {site}") >= 2)
        with urllib.request.urlopen(address + "hoofdstukken/kader.html") as response:
            assert "Het nieuwe kader" in response.read().decode("utf-8")
    finally:
        stop.set()
        thread.join(timeout=10)


def test_parameter_table_shows_dutch_defaults_and_belgian_numbers(tmp_catalogue, tmp_path):
    text = minimal_clause(
        "proef",
        **{
            "    default: 100\n    min: 10\n    max: 1000\n": "    default: 2500\n    min: 1000\n    max: 250000\n",
            "  uren:\n": "  product:\n    type: text\n    default: {nl: koffie, fr: café, en: coffee}\n"
            "    label: {nl: Product, fr: Produit, en: Product}\n  uren:\n",
            "presteert {{ uren }} uur.": "presteert {{ uren }} uur met {{ product }}.",
        },
    )
    catalogue = tmp_catalogue({"proef.md": text})
    guide = tmp_path / "guide"
    guide.mkdir()
    (guide / "01-start.md").write_text("---\ntitle: Start\nsummary: Begin.\n---\n\n## Start\n\nTekst.\n", "utf-8")
    build((catalogue, guide), tmp_path / "site")
    html = (tmp_path / "site/clausules/proef.html").read_text("utf-8")
    assert "<td>koffie</td>" in html and "fr=" not in html
    assert "2.500 uur" in html and "1.000–250.000 uur" in html


def test_clause_pages_in_french_and_english_link_to_each_other(sources, tmp_path):
    build(sources, tmp_path / "site")
    site = tmp_path / "site"
    nl = (site / "clausules/proef.html").read_text("utf-8")
    fr = (site / "fr/clauses/proef.html").read_text("utf-8")
    en = (site / "en/clauses/proef.html").read_text("utf-8")
    assert '<html lang="fr">' in fr and '<html lang="en">' in en
    assert 'Le titulaire preste <mark class="value">100</mark> heures.' in fr
    assert 'The contractor performs <mark class="value">100</mark> hours.' in en
    assert "Texte de la clause" in fr and "Clause text" in en  # the interface in the page's language
    for html, root in ((nl, "../"), (fr, "../../"), (en, "../../")):
        assert f'<link rel="alternate" hreflang="nl" href="{root}clausules/proef.html">' in html
        assert f'<link rel="alternate" hreflang="fr" href="{root}fr/clauses/proef.html">' in html
        assert f'<link rel="alternate" hreflang="en" href="{root}en/clauses/proef.html">' in html
    # The language switch, and the Dutch-only guidance said to be Dutch
    assert '<a href="../../clausules/proef.html" lang="nl" hreflang="nl">' in fr
    assert "Les explications ci-dessous n&#39;existent qu&#39;en néerlandais." in fr
    assert '<div lang="nl">' in fr and '<div lang="nl">' not in nl
    # Links in a Dutch text on a French page lead to the French pages, and to the Dutch chapters.
    sector = (site / "fr/secteurs/groenonderhoud.html").read_text("utf-8")
    assert 'href="../../fr/clauses/proef.html"' in sector and 'href="../../hoofdstukken/waarom.html"' in sector


# --- languages, addresses, downloads, routes, the clause list, colophon ---------------------------------

ROUTE = """\
---
id: open-sociale-voorwaarden
title: {nl: Open opdracht met sociale voorwaarden, fr: Marché ouvert, en: Open contract}
summary: {nl: Iedereen mag inschrijven., fr: Tous peuvent soumissionner., en: Anyone may tender.}
reservation: none
contract_types: [services]
clauses:
  - {id: proef, role: core}
  - {id: tweede, role: optional}
anchors: [proef]
---

## Wanneer kiezen

Altijd.

## Wanneer niet

Nooit.
"""


def with_route(sources):
    catalogue, guide = sources
    (catalogue / "routes").mkdir()
    (catalogue / "routes/open-sociale-voorwaarden.md").write_text(ROUTE, "utf-8")
    sector = (catalogue / "sectors/groenonderhoud.md").read_text("utf-8")
    why = "routes:\n  - id: open-sociale-voorwaarden\n    why: {nl: Past altijd., fr: Convient toujours., en: Always fits.}\n"
    (catalogue / "sectors/groenonderhoud.md").write_text(sector.replace("---\n\n## Aanbod", why + "---\n\n## Aanbod"))
    return catalogue, guide


def test_every_language_has_every_interface_label():
    from sociaalaankopen.site.labels import LANGUAGES, UI

    assert set(UI) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert set(UI[lang]) == set(UI["nl"]), lang


def test_addresses_are_in_the_readers_language_and_old_ones_redirect(sources, tmp_path):
    site = tmp_path / "site"
    build(sources, site)
    for page in (
        "instrumenten/uitvoeringsvoorwaarde.html",
        "themas/tewerkstelling-van-kansengroepen.html",
        "fr/instruments/condition-d-execution.html",
        "en/themes/employment-of-target-groups.html",
        "fr/secteurs/groenonderhoud.html",
        "en/examples/voorbeeld.html",
        "fr/recherche.html",
        "en/colophon.html",
        "fr/accessibilite.html",
    ):
        assert (site / page).is_file(), page
    old = (site / "instrumenten/performance_condition.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../instrumenten/uitvoeringsvoorwaarde.html">' in old
    assert '<meta name="robots" content="noindex">' in old


def test_sitemap_lists_every_language(sources, tmp_path):
    build(sources, tmp_path / "site", base_url="https://example.org/gids/")
    sitemap = (tmp_path / "site/sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/gids/fr/clauses/proef.html</loc>" in sitemap
    assert "<loc>https://example.org/gids/en/clauses/proef.html</loc>" in sitemap
    assert "performance_condition.html" not in sitemap  # redirects are not pages
    html = (tmp_path / "site/fr/clauses/proef.html").read_text("utf-8")
    assert '<link rel="alternate" hreflang="nl" href="https://example.org/gids/clausules/proef.html">' in html


def test_paste_ready_text_keeps_lists_and_drops_markdown():
    from sociaalaankopen.site.clausetext import plain_text

    source = "**Vet.** Tekst met een [link](https://example.org/) en `code`.\n\n1. een\n2. twee\n\n- a\n  - b\n\nSlot."
    assert plain_text(source) == "Vet. Tekst met een link en code.\n\n1. een\n2. twee\n\n• a\n   • b\n\nSlot.\n"


def test_clause_downloads_are_what_draft_makes(sources, tmp_path):
    import io

    import docx

    from sociaalaankopen.draft import build_draft, draft_bytes

    site = tmp_path / "site"
    build(sources, site, downloads=True)
    catalogue = Catalogue.load(sources[0])
    for lang in ("nl", "fr", "en"):
        markdown = (site / f"downloads/{lang}/clausule-proef.md").read_bytes()
        assert markdown == draft_bytes(build_draft(catalogue, ["proef"], lang=lang), "markdown")
    document = docx.Document(io.BytesIO((site / "downloads/fr/clausule-proef.docx").read_bytes()))
    assert any("Le titulaire preste 100 heures." in p.text for p in document.paragraphs)
    html = (site / "fr/clauses/proef.html").read_text("utf-8")
    # Each link says its format and its size (the audit: a download should say what it costs).
    size = round((site / "downloads/fr/clausule-proef.docx").stat().st_size / 1000)
    assert (
        f'<a href="../../downloads/fr/clausule-proef.docx" download>Word (DOCX)<span class="muted">, {size}\u00a0ko</span></a>'
        in html
    )
    small = max(1, round((site / "downloads/fr/clausule-proef.md").stat().st_size / 1000))
    assert f'clausule-proef.md" download>Markdown<span class="muted">, {small}\u00a0ko</span></a>' in html
    english = (site / "en/clauses/proef.html").read_text("utf-8")
    assert f'Word (DOCX)<span class="muted">, {size}\u00a0kB</span>' in english
    # The paste-ready text, for the copy button
    assert '<template id="plain-text" data-pagefind-ignore>Le titulaire preste 100 heures.\n</template>' in html


def test_downloads_are_byte_identical_across_builds(sources, tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALAANKOPEN_NO_CACHE", "1")  # made twice, not read from the cache
    build(sources, tmp_path / "a", downloads=True)
    time.sleep(2.1)  # a zip archive records time in steps of two seconds
    build(sources, tmp_path / "b", downloads=True)
    first = files_of(tmp_path / "a")
    assert any(name.endswith(".docx") for name in first)
    assert first == files_of(tmp_path / "b")


def test_sector_page_offers_its_routes_with_annex_and_tool_link(sources, tmp_path):
    import io

    import docx

    from sociaalaankopen.draft import draft_bytes, draft_for_route

    site = tmp_path / "site"
    build(with_route(sources), site, downloads=True, tool_url="https://tool.example.org/")
    html = (site / "sectoren/groenonderhoud.html").read_text("utf-8")
    assert '<h3 id="route-open-sociale-voorwaarden">Open opdracht met sociale voorwaarden</h3>' in html
    assert '<p class="route-why">Past altijd.</p>' in html
    assert '<a href="../clausules/tweede.html">Titel</a> <span class="muted">(optioneel)</span>' in html
    assert 'href="../downloads/nl/route-open-sociale-voorwaarden.docx" download' in html
    assert 'href="https://tool.example.org/compose?route=open-sociale-voorwaarden"' in html
    fr = (site / "fr/secteurs/groenonderhoud.html").read_text("utf-8")
    assert 'href="https://tool.example.org/fr/compose?route=open-sociale-voorwaarden"' in fr
    annex = docx.Document(io.BytesIO((site / "downloads/fr/route-open-sociale-voorwaarden.docx").read_bytes()))
    text = "\n".join(p.text for p in annex.paragraphs)
    assert "Le titulaire preste 100 heures." in text  # the core clause, at its default
    # What `draft --route` makes, in the same words
    made = draft_for_route(Catalogue.load(sources[0]), "open-sociale-voorwaarden", lang="fr")
    assert text == "\n".join(p.text for p in docx.Document(io.BytesIO(draft_bytes(made, "docx"))).paragraphs)
    build(sources, tmp_path / "plain")  # without a tool address: no link
    assert "compose?" not in (tmp_path / "plain/sectoren/groenonderhoud.html").read_text("utf-8")


def test_clause_list_by_stage_then_use_with_its_filter_data(sources, tmp_path):
    catalogue, _ = sources
    text = minimal_clause("vooraf").replace("instrument: performance_condition", "instrument: selection_criterion")
    (catalogue / "vooraf.md").write_text(text, "utf-8")
    build(sources, tmp_path / "site")
    html = (tmp_path / "site/clausules/index.html").read_text("utf-8")
    order = re.findall(r'<li class="card" data-id="([a-z0-9-]+)">', html)
    # Selection before execution; within a stage, used most first: proef (an example and a sector), then the
    # clauses a sector recommends, then one nobody uses yet.
    assert order == ["vooraf", "proef", "derde", "tweede"]
    assert "gebruikt in 2" in html
    facets = json.loads(re.search(r'<script type="application/json" id="clause-facets">(.*?)</script>', html).group(1))
    assert facets["vooraf"] == {"a": "1", "c": ["services"], "i": "selection_criterion", "t": ["employment"]}
    assert '<form class="filters" id="filters" hidden>' in html  # shown by its script; without it, the list


def test_colophon_and_accessibility_statement(sources, tmp_path):
    _, guide = sources
    site = tmp_path / "site"
    build(sources, site)
    colophon = (site / "colofon.html").read_text("utf-8")
    assert '<span class="not-set">nog niet ingesteld</span>' in colophon
    assert "<dd>28 november 2026</dd>" in colophon  # the latest 'reviewed' of the clauses
    assert "EUPL-1.2" in colophon
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        if "http-equiv" not in html:
            assert "colofon.html" in html or "colophon.html" in html, page
            assert "toegankelijkheid.html" in html or "accessib" in html, page
    (guide / "site.yaml").write_text(
        "publisher: Stad Voorbeeld\npublisher_url: https://www.voorbeeld.be/\ncontact: gids@voorbeeld.be\n", "utf-8"
    )
    build(sources, site)
    colophon = (site / "fr/colophon.html").read_text("utf-8")
    assert '<a href="https://www.voorbeeld.be/">Stad Voorbeeld</a>' in colophon
    assert '<a href="mailto:gids@voorbeeld.be">gids@voorbeeld.be</a>' in colophon
    assert "Stad Voorbeeld" in (site / "en/accessibility.html").read_text("utf-8")


def test_site_config_problems_are_one_line_each(sources, tmp_path):
    _, guide = sources
    (guide / "site.yaml").write_text("uitgever: Stad\ncontact: niet-een-adres\ntool_url: tool.example\n", "utf-8")
    with pytest.raises(SiteError) as e:
        build(sources, tmp_path / "site")
    where = guide / "site.yaml"
    assert e.value.lines() == [
        f"{where}: uitgever: is not a known field (use one of: publisher, publisher_url, contact, licence, tool_url)",
        f"{where}: tool_url: 'tool.example' is not an http(s) address (give a full address)",
        f"{where}: contact: 'niet-een-adres' is neither a web nor an e-mail address (give https://… or name@example.org)",
    ]


def test_an_alias_in_site_yaml_is_refused(sources, tmp_path):
    _, guide = sources
    (guide / "site.yaml").write_text("publisher: &p Stad Voorbeeld\ncontact: *p\n", "utf-8")
    with pytest.raises(SiteError) as e:
        build(sources, tmp_path / "site")
    assert e.value.lines() == [f"{guide / 'site.yaml'}:2: uses a YAML alias (*p) (write the value out instead)"]


def test_404_page_finds_the_root_without_base_url(sources, tmp_path):
    build(sources, tmp_path / "site")
    html = (tmp_path / "site/404.html").read_text("utf-8")
    assert "<base" not in html and 'fetch(candidates[k] + "static/style.css"' in html  # inline, found at any depth
    build(sources, tmp_path / "site", base_url="https://example.org/gids/")
    html = (tmp_path / "site/404.html").read_text("utf-8")
    assert '<base href="https://example.org/gids/">' in html and "<script" not in html


def test_guide_build_tool_url_links_each_route_to_the_web_tool(tmp_path):
    """`guide build --tool-url` puts a link to the web tool's compose page on each route of a sector page."""
    from click.testing import CliRunner

    from sociaalaankopen.cli import cli

    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli,
        ["guide", "build", "--out", str(out), "--no-search", "--no-downloads", "--tool-url", "https://tool.example/"],
    )
    assert result.exit_code == 0, result.output
    pages = {p.relative_to(out).parts[0]: p.read_text("utf-8") for p in out.rglob("groenonderhoud.html")}
    dutch = next(text for first, text in pages.items() if first not in ("fr", "en"))
    assert "https://tool.example/compose?route=opdracht-voorbehouden" in dutch
    assert "https://tool.example/fr/compose?route=opdracht-voorbehouden" in pages["fr"]


def test_the_guide_and_the_tool_call_their_menu_items_alike_and_address_the_reader_as_u() -> None:
    """Found by the accessibility audit: the sectors link was 'Wat koop je aan?' in the guide's menu and 'Wat
    koopt u aan?' in the tool's, which serves the guide (3.2.4); the guide's Dutch mixed 'je' and 'uw'."""
    from sociaalaankopen.site.labels import UI
    from sociaalaankopen.web.i18n import TEXTS

    # (The guide's chapters are Dutch only: the tool's French and English "guide" item leads to the guide's
    # home in that language, another page, and is named apart.)
    for lang in ("nl", "fr", "en"):
        for item in ("sectors", "clauses", "examples"):
            assert UI[lang][f"nav_{item}"] == TEXTS[lang][f"nav.{item}"], (lang, item)
    informal = [(key, text) for key, text in UI["nl"].items() if re.search(r"\b(je|jij|jou|jouw)\b", text, re.I)]
    assert not informal, informal


def test_a_scrolling_table_is_a_region_named_by_its_caption(sources, tmp_path):
    """Found by the accessibility audit: the focusable box a clause page's table scrolls in had no role and
    no name, so a screen reader announced an empty stop (4.1.2)."""
    build(sources, tmp_path / "site")
    html = (tmp_path / "site/clausules/proef.html").read_text("utf-8")
    boxes = re.findall(r'<div class="table-wrap"[^>]*>\s*<table>\s*<caption[^>]*>', html)
    assert len(boxes) == 2, boxes  # the parameters and the eForms codes
    names = set()
    for box in boxes:
        assert 'tabindex="0"' in box and 'role="region"' in box
        named = re.search(r'aria-labelledby="([^"]+)"', box)
        assert named and f'<caption class="visually-hidden" id="{named.group(1)}">' in box
        names.add(named.group(1))
    assert len(names) == 2  # one id per table on the page


def test_a_theme_page_is_titled_as_a_theme(sources, tmp_path):
    """The audit: the chapter 'Toegankelijkheid' and the theme page of that name were both titled
    'Toegankelijkheid · Sociaal aankopen'. A theme page says it is one."""
    site = tmp_path / "site"
    build(sources, site)
    for path, start in (
        ("themas", "<title>Thema: "),
        ("fr/themes", "<title>Thème\u00a0: "),
        ("en/themes", "<title>Theme: "),
    ):
        texts = [p.read_text("utf-8") for p in (site / path).glob("*.html") if p.name != "index.html"]
        themes = [text for text in texts if 'http-equiv="refresh"' not in text]  # not the old addresses
        assert themes and all(start in text for text in themes), path


def test_a_source_title_in_another_language_is_marked(tmp_catalogue, tmp_path):
    """The audit: 'Buying Social — …' on Dutch pages and 'Praktijkgids …' on French ones carried no `lang`
    (WCAG 3.1.2): a screen reader read them in the page's language."""
    extra = "sources:\n  - title: Buying Social, a guide\n    lang: en\n  - title: Praktijkgids aankopen met sociale impact\n"
    catalogue = tmp_catalogue({"proef.md": minimal_clause("proef", **{"reviewed:": extra + "reviewed:"})})
    guide = tmp_path / "guide"
    guide.mkdir()
    (guide / "01-waarom.md").write_text("---\ntitle: Waarom\nsummary: Waarom.\n---\n\n## Werk\n\nTekst.\n", "utf-8")
    site = tmp_path / "site"
    build((catalogue, guide), site)
    dutch = (site / "clausules/proef.html").read_text("utf-8")
    assert '<li lang="en">Buying Social, a guide</li>' in dutch
    assert "<li>Praktijkgids aankopen met sociale impact</li>" in dutch
    french = (site / "fr/clauses/proef.html").read_text("utf-8")
    assert '<li lang="nl">Praktijkgids aankopen met sociale impact</li>' in french
    assert '<li lang="en">Buying Social, a guide</li>' in french


def test_a_sectors_route_annex_carries_the_sectors_values(sources, tmp_path):
    """The security page offered the open route's annex at the clauses' defaults, 'PC 121 (schoonmaak)'. A
    route whose annex holds a clause the sector gives values to is the sector's own file, with those values."""
    import io

    import docx

    catalogue, guide = with_route(sources)
    sector = (catalogue / "sectors/groenonderhoud.md").read_text("utf-8")
    (catalogue / "sectors/groenonderhoud.md").write_text(
        sector.replace("routes:\n", "values: {proef: {uren: 250}}\nroutes:\n")
    )
    site = tmp_path / "site"
    build((catalogue, guide), site, downloads=True)
    page = (site / "sectoren/groenonderhoud.html").read_text("utf-8")
    own = "downloads/nl/route-open-sociale-voorwaarden--groenonderhoud.docx"
    assert f'href="../{own}"' in page and "met de waarden van deze sector" in page
    text = "\n".join(p.text for p in docx.Document(io.BytesIO((site / own).read_bytes())).paragraphs)
    assert "250 uur" in text and "100 uur" not in text
    assert "with this sector&#39;s values" in (site / "en/sectors/groenonderhoud.html").read_text("utf-8")


def test_a_term_page_says_what_it_is_once(sources, tmp_path):
    """The review: a theme page read 'THEMA' above the heading 'Thema: Sociale economie'. The kicker says
    what the page is, the heading names it (the <title> keeps both, to tell it from a chapter's)."""
    site = tmp_path / "site"
    build(sources, site)
    for path, kicker, heading, title in (
        ("themas/tewerkstelling-van-kansengroepen.html", "Thema", "Tewerkstelling van kansengroepen", "Thema: "),
        ("fr/themes/emploi-des-groupes-cibles.html", "Thème", "Emploi des groupes cibles", "Thème\u00a0: "),
        ("en/themes/employment-of-target-groups.html", "Theme", "Employment of target groups", "Theme: "),
        ("ambitie/2.html", "Ambitieniveau 2", "Significant", "Ambitieniveau 2: "),
        ("fr/ambition/1.html", "Niveau d&#39;ambition 1", "De base", "Niveau d&#39;ambition 1\u00a0: "),
        ("en/ambition/3.html", "Ambition level 3", "Ambitious", "Ambition level 3: "),
        ("instrumenten/uitvoeringsvoorwaarde.html", "Instrument", "Uitvoeringsvoorwaarde", "Uitvoeringsvoorwaarde"),
    ):
        html = (site / path).read_text("utf-8")
        main = html[html.index("<main") :]
        assert f'<p class="kicker" data-pagefind-ignore>{kicker}</p>\n<h1>{heading}</h1>' in main, path
        assert f"<title>{title}" in html, path


def test_each_term_folder_has_an_overview_page(sources, tmp_path):
    """The review: …/themas/sociale-economie.html trimmed to …/themas/ gave a 404. Each folder of term
    pages has an index that lists its terms with their clause counts, in each language, under Clauses."""
    site = tmp_path / "site"
    build(sources, site, base_url="https://example.org/gids/")
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    for folder, title, crumbs_, first, three in (
        ("instrumenten", "Instrumenten", "Home Clausules", "marktconsultatie.html", "uitvoeringsvoorwaarde.html"),
        ("themas", "Thema&#39;s", "Home Clausules", "sociale-economie.html", "tewerkstelling-van-kansengroepen.html"),
        ("ambitie", "Ambitieniveaus", "Home Clausules", "1.html", "1.html"),
        (
            "fr/instruments",
            "Instruments",
            "Accueil Clauses",
            "consultation-du-marche.html",
            "condition-d-execution.html",
        ),
        ("fr/themes", "Thèmes", "Accueil Clauses", "economie-sociale.html", "emploi-des-groupes-cibles.html"),
        ("en/ambition", "Ambition levels", "Home Clauses", "1.html", "1.html"),
    ):
        home, crumb = crumbs_.split()
        html = (site / folder / "index.html").read_text("utf-8")
        assert f"<h1>{title}</h1>" in html and f"<title>{title} · Sociaal aankopen</title>" in html, folder
        assert '<meta name="description" content="' in html, folder
        crumbs = re.search(r'<nav class="breadcrumbs wrap".*?</nav>', html, re.S).group(0)  # type: ignore[union-attr]
        assert re.findall(r">([^<]+)</a>", crumbs) == [home, crumb], folder
        up = "../" * (folder.count("/") + 1) + folder + "/"
        links = [link.removeprefix(up) for link in re.findall(r'<h2 class="card-title"><a href="([^"]+)">', html)]
        terms = {p.name for p in (site / folder).glob("*.html")} - {"index.html"}
        live = {p for p in terms if 'http-equiv="refresh"' not in (site / folder / p).read_text("utf-8")}
        assert set(links) == live and links[0] == first, folder  # every term, in the vocabulary's order
        card = html[html.index(f'href="{up}{three}"') :]
        assert '<p class="card-meta">3 claus' in card[: card.index("</li>")], folder  # the three clauses
        assert "data-pagefind-body" not in html  # a listing, as the clause list: its pages are the results
        assert f"<loc>https://example.org/gids/{folder}/index.html</loc>" in sitemap
        # A term's page leads up to its overview.
        term = (site / folder / three).read_text("utf-8")
        crumbs = re.search(r'<nav class="breadcrumbs wrap".*?</nav>', term, re.S).group(0)  # type: ignore[union-attr]
        assert re.findall(r">([^<]+)</a>", crumbs) == [home, crumb, title], folder
        assert f'href="{"../" * folder.count("/")}../{folder}/index.html">{title}</a>' in crumbs, folder
    nl = (site / "themas/index.html").read_text("utf-8")
    assert '<link rel="alternate" hreflang="fr" href="https://example.org/gids/fr/themes/index.html">' in nl
    ambition = (site / "ambitie/index.html").read_text("utf-8")
    assert "Ambitieniveau 1: Basis" in ambition and "Ambitieniveau 3: Ambitieus" in ambition
    assert "0 clausules" not in ambition and "Nog geen clausules." in ambition  # levels 2 and 3 have none
    listing = (site / "clausules/index.html").read_text("utf-8")
    for folder in ("instrumenten", "themas", "ambitie"):
        assert f'href="../{folder}/index.html"' in listing  # the clause list's browse section leads there


def test_a_french_or_english_example_page_describes_itself_in_its_language(sources, tmp_path):
    """The review: the French and English example pages kept the Dutch subject as their meta description
    ('Groenonderhoud van parken'). The subject exists in Dutch only: those pages describe the example in their
    language, from what is translated (the kind of buyer, of contract, the year)."""
    catalogue, _ = sources
    path = catalogue / "examples/voorbeeld.md"
    text = path.read_text("utf-8").replace("status: illustrative", "status: illustrative\nyear: 2023")
    path.write_text(text.replace("contract_types: [services]", "contract_types: [services, works]"))
    site = tmp_path / "site"
    build(sources, site)

    def description(page: str) -> str:
        found = re.search(r'<meta name="description" content="([^"]*)">', (site / page).read_text("utf-8"))
        assert found, page
        return found.group(1)

    assert description("voorbeelden/voorbeeld.html") == "Groenonderhoud van parken"
    assert description("en/examples/voorbeeld.html") == (
        "Practice example · Municipality · Services, works · 2023. How the contracting authority used social clauses "
        "and what came of it; the situation, approach and result are described in Dutch."
    )
    assert description("fr/exemples/voorbeeld.html") == (
        "Exemple pratique · Commune ou ville · Services, travaux · 2023. Comment le pouvoir adjudicateur a utilisé des "
        "clauses sociales et ce que cela a donné\u00a0; la situation, l&#39;approche et le résultat sont décrits en "
        "néerlandais."
    )
    # No other page in French or English carries its Dutch version's description.
    for page in [*site.glob("fr/**/*.html"), *site.glob("en/**/*.html")]:
        html = page.read_text("utf-8")
        own = re.search(r'<meta name="description" content="([^"]*)">', html)
        dutch = re.search(r'<link rel="alternate" hreflang="nl" href="([^"]*)">', html)
        if own and dutch:
            nl = (page.parent / dutch.group(1)).resolve().read_text("utf-8")
            assert f'<meta name="description" content="{own.group(1)}">' not in nl, page


def test_french_pages_set_their_signs_with_no_break_spaces(sources, tmp_path):
    """The French pages said 'Dans ce secteur :', 'Qu'achetez-vous ?' and 'au plus « Nombre de lots »' with
    ordinary spaces, in their words and their clause texts alike: a line could break before the sign."""
    from sociaalaankopen.typography import french_html

    build(sources, tmp_path / "site")
    loose = re.compile(r"\S [:;!?»]|« \S")
    for page in sorted((tmp_path / "site/fr").rglob("*.html")):
        html = page.read_text("utf-8")
        text = re.sub(r"<[^>]*>", "", re.sub(r"<(script|style|pre|code|textarea)\b.*?</\1>", "", html, flags=re.S))
        assert not loose.search(text), (page, loose.search(text))
    assert "\u00a0?" in (tmp_path / "site/fr/index.html").read_text("utf-8")
    page = (
        '<p title="Voir : ici" data-title="Recherche de « {q} »"><strong>Note</strong> : x <code>a : b</code> '
        '<a href="https://x.be/?a=b">lien ?</a></p><textarea name="text">Nettoyage : bureaux</textarea>'
        '<input type="hidden" name="x" value="a : b"><script>var a = b ? c : d;</script>'
    )
    assert french_html(page) == (
        '<p title="Voir\u00a0: ici" data-title="Recherche de «\u00a0{q}\u00a0»"><strong>Note</strong>\u00a0: x '
        '<code>a : b</code> <a href="https://x.be/?a=b">lien\u00a0?</a></p><textarea name="text">Nettoyage : bureaux'
        '</textarea><input type="hidden" name="x" value="a : b"><script>var a = b ? c : d;</script>'
    )


def test_clauses_of_a_stage_sort_accented_titles_among_the_others():
    """Within a stage (and a use count) the French clause titles sorted 'Évaluation…' after 'Vérification…'."""
    from sociaalaankopen.site.pages import _by_stage

    catalogue = Catalogue.load()
    clauses = [c for c in catalogue.clauses.values() if c.instrument == "performance_condition"]
    [(_, ordered)] = _by_stage(clauses, {}, "fr")
    titles = [c.title.fr for c in ordered]
    assert titles == sorted(titles, key=sort_key) and titles != sorted(titles, key=str.casefold)


def test_a_french_page_puts_a_space_before_the_colon_after_a_name(sources, tmp_path):
    """The French clause page printed 'Dernier contrôle juridique: 30 novembre 2026' and its search title
    'Clause: …', the sector page 'travailleurs exécutants: CP 124': the templates wrote ': ' in every language."""
    build(sources, tmp_path / "site")
    fr = (tmp_path / "site/fr/clauses/proef.html").read_text("utf-8")
    nl = (tmp_path / "site/clausules/proef.html").read_text("utf-8")
    assert "Dernier contrôle juridique\u00a0: " in fr and 'content="Clause\u00a0: ' in fr
    assert "Laatste juridische controle: " in nl and 'content="Clausule: ' in nl
    text = re.sub(r"<[^>]*>", "", re.sub(r"<(script|style)\b.*?</\1>", "", fr, flags=re.S))
    assert not re.search(r"[^\W\d]: ", text)
