"""A sector profile's `values`: checked at load, the starting values of an annex for a tender of the
sector (CLI, library, web tool), shown on the sector's guide page."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from click.testing import CliRunner

from conftest import minimal_clause
from sociaalaankopen import Catalogue, CatalogueError
from sociaalaankopen.cli import cli
from sociaalaankopen.draft import draft_for_route, draft_for_tender, sector_values, unfilled_placeholders
from sociaalaankopen.matching import matcher_for

SECURITY = (
    "Bewakingsdiensten voor het administratief centrum: statische bewaking, toegangscontrole en mobiele "
    "patrouilles door bewakingsagenten"
)
WORKWEAR = "Levering van werkkledij, t-shirts en polo's met logo voor de technische dienst"

SECTOR = """\
---
id: groen
title: {{nl: Groen, fr: Vert, en: Green}}
summary: {{nl: Groenonderhoud, fr: Espaces verts, en: Grounds}}
cpv: ["77310000"]
contract_types: [services]
keywords: {{nl: [maaien], fr: [tonte], en: [mowing]}}
recommended: [proef, proef-twee, proef-drie]
{values}
---

## Aanbod sociale economie

Maaien.

## Aandachtspunten

Let op.
"""


def _catalogue_with(tmp_catalogue, values: str) -> Path:
    return tmp_catalogue(
        {
            "proef.md": minimal_clause("proef"),
            "proef-twee.md": minimal_clause("proef-twee"),
            "proef-drie.md": minimal_clause("proef-drie"),
            "ander.md": minimal_clause("ander"),
            "sectors/groen.md": SECTOR.format(values=values),
        }
    )


@pytest.mark.parametrize(
    ("values", "field", "said"),
    [
        ("values: {bestaat-niet: {uren: 20}}", "values", "'bestaat-niet' is not a clause in the catalogue"),
        ("values: {ander: {uren: 20}}", "values.ander", "gives values to a clause the sector does not recommend"),
        ("values: {proef: {minuten: 20}}", "values.proef.minuten", "is not a parameter of this clause"),
        ("values: {proef: {uren: 5000}}", "values.proef.uren", "5000 is out of range"),
        ("values: {proef: {uren: veel}}", "values.proef.uren", "'veel' is not a number"),
        (
            "values: {proef: {uren: {nl: tien, fr: dix, en: ten}}}",
            "values.proef.uren",
            "gives a value per language, but the parameter is of type integer",
        ),
    ],
)
def test_a_wrong_sector_value_is_one_line_at_its_field(tmp_catalogue, values: str, field: str, said: str) -> None:
    root = _catalogue_with(tmp_catalogue, values)
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(root)
    lines = info.value.lines()
    assert len(lines) == 1, lines
    assert f"{root / 'sectors' / 'groen.md'}: {field}: {said}" in lines[0]


def test_a_right_sector_value_loads_and_is_given_per_language(tmp_catalogue) -> None:
    catalogue = Catalogue.load(_catalogue_with(tmp_catalogue, "values: {proef: {uren: 250}}"))
    assert catalogue.sectors["groen"].values_in("proef", "fr") == {"uren": 250}
    assert sector_values(catalogue, ["groen"], ["proef", "proef-twee"], "en") == {"proef": {"uren": 250}}


def test_the_stronger_sector_wins_and_unknown_sectors_are_skipped(catalogue: Catalogue) -> None:
    # Both security and cleaning set the joint committee of the wage-conditions clause.
    ids = ["uitvoering-loon-arbeidsvoorwaarden"]
    first = sector_values(catalogue, ["bewaking", "schoonmaak", "weg"], ids, "nl")
    second = sector_values(catalogue, ["schoonmaak", "bewaking"], ids, "nl")
    assert first[ids[0]]["paritair_comite"].startswith("PC 317")
    assert second[ids[0]]["paritair_comite"].startswith("PC 121")


def test_a_security_annex_states_the_security_joint_committee(catalogue: Catalogue) -> None:
    """Before sector values, a security tender's annex said 'PC 121 (schoonmaak)' and 'PC 124 (bouwbedrijf)'."""
    result = matcher_for(catalogue).match_tender(SECURITY)
    assert result.sectors[0] == "bewaking"
    draft = draft_for_tender(catalogue, SECURITY)
    text = " ".join(item.rendered.text for item in draft.items())
    assert "PC 317" in text
    assert "PC 121" not in text and "PC 124" not in text
    rows = [r for r in draft.values if r.name == "paritair_comite"]
    assert rows and all(r.sector == catalogue.sectors["bewaking"].title.nl for r in rows)


def test_the_buyers_value_wins_over_the_sectors(catalogue: Catalogue) -> None:
    draft = draft_for_tender(
        catalogue, SECURITY, values={"prijsonderzoek-loonkost": {"paritair_comite": "PC 999 (eigen keuze)"}}
    )
    row = next(r for r in draft.values if r.clause_id == "prijsonderzoek-loonkost" and r.name == "paritair_comite")
    assert row.value == "PC 999 (eigen keuze)" and row.sector == "" and row.changed


def test_a_workwear_annex_names_its_product_group(catalogue: Catalogue) -> None:
    """Before, the due-diligence clause kept 'nog te kiezen' in brackets for a workwear tender."""
    draft = draft_for_tender(catalogue, WORKWEAR, route="keten-waardig-werk")
    ids = [item.clause.id for item in draft.items()]
    assert "uitvoering-due-diligence-risicoproducten" in ids
    assert not [u for u in unfilled_placeholders(draft) if u.clause_id == "uitvoering-due-diligence-risicoproducten"]
    row = next(r for r in draft.values if r.name == "product")
    assert row.value == "textiel" and row.sector


def test_without_a_tender_a_route_keeps_the_clause_defaults(catalogue: Catalogue) -> None:
    draft = draft_for_route(catalogue, "keten-waardig-werk", extra=["uitvoering-due-diligence-risicoproducten"])
    row = next(r for r in draft.values if r.name == "product")
    assert row.value == "nog te kiezen" and not row.sector


def test_the_cli_annex_says_where_a_value_comes_from(tmp_path: Path) -> None:
    tender = tmp_path / "bewaking.txt"
    tender.write_text(SECURITY, "utf-8")
    found = CliRunner().invoke(cli, ["draft", "--from-tender", str(tender), "--lang", "fr", "--out", "-"])
    assert found.exit_code == 0, found.output
    assert "CP 317 (services de gardiennage et/ou de surveillance) (du profil sectoriel" in found.output


def test_the_web_tool_fills_in_the_sectors_values(client) -> None:
    routes = client.post("/routes", data={"text": SECURITY})
    assert routes.status_code == 200
    links = [html.unescape(h) for h in re.findall(r'href="([^"]*compose\?[^"]*)"', routes.text)]
    values = [dict(parse_qsl(urlsplit(link).query)) for link in links]
    assert any(v.get("prijsonderzoek-loonkost.paritair_comite", "").startswith("PC 317") for v in values), links
    compose = client.get(next(link for link in links if "prijsonderzoek-loonkost.paritair_comite" in link))
    assert "PC 317" in html.unescape(compose.text)


def test_the_sector_page_shows_its_values(tmp_catalogue, tmp_path: Path) -> None:
    from sociaalaankopen.site import build_site

    root = _catalogue_with(tmp_catalogue, "values: {proef: {uren: 250}}")
    guide = tmp_path / "guide"
    guide.mkdir()
    (guide / "01-waarom.md").write_text("---\ntitle: Waarom\nsummary: Waarom.\n---\n\n## Werk\n\nTekst.\n", "utf-8")
    out = tmp_path / "site"
    build_site(out, Catalogue.load(root), guide=guide, search_index=False, downloads=False)
    pages = {str(p.relative_to(out)): p.read_text("utf-8") for p in out.rglob("groen.html")}
    dutch = next(text for name, text in pages.items() if not name.startswith(("fr/", "en/")))
    english = next(text for name, text in pages.items() if name.startswith("en/"))
    assert "In deze sector:" in dutch and "<strong>250\u00a0uur</strong>" in dutch
    assert "In this sector:" in english


def test_sectors_given_by_hand_are_checked_and_used(catalogue: Catalogue) -> None:
    from sociaalaankopen.errors import CatalogueError, ParameterError

    draft = draft_for_route(
        catalogue, "open-sociale-voorwaarden", extra=["prijsonderzoek-loonkost"], sectors=["bewaking"]
    )
    rows = [r for r in draft.values if r.name == "paritair_comite"]
    assert rows and all(r.value.startswith("PC 317") and r.sector for r in rows)
    with pytest.raises(ParameterError) as error:
        draft_for_route(catalogue, "open-sociale-voorwaarden", sectors="bewaking")
    assert "sectors" in str(error.value)
    # A misspelt sector gave its clauses none of its values, and said nothing.
    with pytest.raises(CatalogueError) as unknown:
        draft_for_route(catalogue, "open-sociale-voorwaarden", extra=["prijsonderzoek-loonkost"], sectors=["bewakin"])
    assert len(unknown.value.lines()) == 1
    assert unknown.value.lines()[0].startswith("bewakin: sectors: is not a sector of the catalogue (use one of: ")
    assert "bewaking" in unknown.value.lines()[0]
