"""Shared fixtures: a throw-away catalogue built from a dict of files, an isolated cache, and Debian's chromium."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

MINIMAL_CLAUSE = """\
---
id: {id}
instrument: performance_condition
themes: [employment]
ambition: 1
contract_types: [services]
title: {{nl: Titel, fr: Titre, en: Title}}
summary: {{nl: Samenvatting, fr: Résumé, en: Summary}}
parameters:
  uren:
    type: integer
    default: 100
    min: 10
    max: 1000
    unit: uur
    label: {{nl: Uren, fr: Heures, en: Hours}}
legal_basis: [richtlijn-2014-24-art-70]
eforms: {{BT-06: [soc-obj], BT-775: [opp]}}
cpv: ["77310000"]
keywords: {{nl: [groenonderhoud], fr: [espaces verts], en: [grounds maintenance]}}
monitoring: {{indicator: Gepresteerde uren, unit: uur}}
reviewed: 2026-11-28
---

## Clausetekst (nl)

De opdrachtnemer presteert {{{{ uren }}}} uur.

## Clausetekst (fr)

Le titulaire preste {{{{ uren }}}} heures.

## Clausetekst (en)

The contractor performs {{{{ uren }}}} hours.

## Wanneer gebruiken

Altijd.

## Wanneer niet

Nooit.

## Controle

Tijdstaten.
"""


def minimal_clause(id: str = "proef", **replace: str) -> str:
    """A valid clause file; `replace` swaps literal snippets to make it invalid in one place."""
    text = MINIMAL_CLAUSE.format(id=id)
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("SOCIAALAANKOPEN_CATALOGUE", raising=False)


@pytest.fixture
def tmp_catalogue(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Build a catalogue folder from {relative path: content}; returns the folder."""

    def build(files: dict[str, str]) -> Path:
        root = tmp_path / "catalogue"
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, "utf-8")
        root.mkdir(exist_ok=True)
        return root

    return build


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The bundled catalogue, loaded once per module with a cache of its own (modules may override it)."""
    from sociaalaankopen import Catalogue

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("cache")))
        mp.delenv("SOCIAALAANKOPEN_CATALOGUE", raising=False)
        return Catalogue.load()


CHROMIUM = "/usr/bin/chromium"


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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    """Run a fixture's end-of-test checks (an `after_test` on its value) as part of the test itself:
    an assertion in a fixture's teardown is reported as an error of the teardown, not a failed test."""
    result = yield
    for value in getattr(item, "funcargs", {}).values():
        check = getattr(value, "after_test", None)
        if callable(check):
            check()
    return result


@pytest.fixture(autouse=True)
def _messages_in_the_default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in the documented default language (nl), whatever the locale of the machine running the tests."""
    for variable in ("SOCIAALAANKOPEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="module")
def client(catalogue: Any) -> Iterator[Any]:
    """The browser tool and the API in process, as the page tests read them: errors answered as pages,
    redirects not followed. (Modules that need another client define their own.)"""
    from fastapi.testclient import TestClient

    from sociaalaankopen.web import create_app

    with TestClient(create_app(catalogue), raise_server_exceptions=False, follow_redirects=False) as c:
        yield c
