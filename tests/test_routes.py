"""Routes (issue 9): coherent sets of clauses in the catalogue, in the matcher and in the annex."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import minimal_clause
from sociaalaankopen import Catalogue, CatalogueError, ParameterError, Tender
from sociaalaankopen.cli import cli
from sociaalaankopen.draft import build_draft, draft_bytes, draft_for_route, draft_for_tender
from sociaalaankopen.matching import matcher_for
from sociaalaankopen.plaintext import plain_text
from sociaalaankopen.readers import read_tender
from sociaalaankopen.render import render_clause
from sociaalaankopen.route_rules import conflicts, reserves

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = Path(__file__).parent / "data" / "dev_set.jsonl"
EXAMPLE = ROOT / "examples" / "groenonderhoud.txt"
FIXTURES = Path(__file__).parent / "fixtures"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
FIELDS = ("title", "description", "cpv", "type", "lots", "value", "lang")

ROUTE = """\
---
id: {id}
title: {{nl: Route, fr: Voie, en: Route}}
summary: {{nl: Samenvatting, fr: Résumé, en: Summary}}
reservation: none
contract_types: [services]
clauses:
{clauses}
anchors: [{anchor}]
---

## Wanneer kiezen

Altijd.

## Wanneer niet

Nooit.
"""


def route_file(id: str, clauses: list[str], anchor: str | None = None) -> str:
    listed = "\n".join(f"  - {{id: {c}, role: core}}" for c in clauses)
    return ROUTE.format(id=id, clauses=listed, anchor=anchor or clauses[0])


def excluding(id: str, *others: str) -> str:
    return minimal_clause(id, **{"ambition: 1": "ambition: 1\nexcludes: [" + ", ".join(others) + "]"})


def problems(root: Path) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(root)
    return info.value.lines()


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    return Catalogue.load()


def dev_rows() -> list[dict]:
    return [json.loads(line) for line in DEV_SET.read_text("utf-8").splitlines()]


# --- the catalogue -----------------------------------------------------------------------------


def test_bundled_routes_cover_the_strategies_the_issue_names(bundled):
    reservations = {r.reservation for r in bundled.routes.values()}
    assert reservations == {"res-ws", "res-pub-ser", "reserved-execution", "none"}
    assert {"opdracht-voorbehouden", "perceel-voorbehouden", "open-sociale-voorwaarden", "keten-waardig-werk"} <= set(
        bundled.routes
    )
    assert all(sector.routes for sector in bundled.sectors.values()), "every bundled sector lists its routes"


def test_no_bundled_route_holds_clauses_that_cannot_go_together(bundled):
    for route_id in bundled.routes:
        ids = [cid for cid, _ in bundled.route_members(route_id)]
        assert conflicts(ids, bundled.clauses) == [], route_id
        assert sum(reserves(bundled.clauses[c]) for c in ids) <= 1, route_id


def test_a_route_holding_two_excluding_clauses_is_one_line(tmp_catalogue):
    root = tmp_catalogue(
        {
            "a.md": excluding("a", "b"),
            "b.md": excluding("b", "a"),
            "routes/mijn-route.md": route_file("mijn-route", ["a", "b"]),
        }
    )
    assert problems(root) == [
        f"{root / 'routes' / 'mijn-route.md'}: clauses: holds 'a' and 'b', which exclude each other "
        "(remove one of them from the route (or from the other's 'excludes' if they can go together))"
    ]


def test_exclusions_must_be_mutual(tmp_catalogue):
    root = tmp_catalogue({"a.md": excluding("a", "b"), "b.md": minimal_clause("b")})
    assert problems(root) == [
        f"{root / 'a.md'}: excludes: 'b' does not exclude 'a' back (add 'a' to the excludes of 'b' (exclusions are mutual))"
    ]


def test_sector_exclusions_must_be_mutual_and_name_sectors(tmp_catalogue):
    sector = (ROOT / "clauses" / "sectors" / "groenonderhoud.md").read_text("utf-8")
    sector = re.sub(r"recommended: \[[^\]]*\]", "recommended: [a, a2, a3]", sector)
    sector = sector.replace(
        "\nsocial_economy_active:", "\nexcludes: [begraafplaatsen, groenonderhoud]\nsocial_economy_active:"
    )
    root = tmp_catalogue(
        {
            "a.md": minimal_clause("a"),
            "a2.md": minimal_clause("a2"),
            "a3.md": minimal_clause("a3"),
            "sectors/groenonderhoud.md": sector,
        }
    )
    where = root / "sectors" / "groenonderhoud.md"
    found = [p for p in problems(root) if ": excludes: " in p]
    assert found == [
        f"{where}: excludes: 'begraafplaatsen' is not a sector in the catalogue (use an existing id)",
        f"{where}: excludes: a sector cannot exclude itself (remove its own id)",
    ]


def test_every_id_a_route_or_sector_names_must_exist(tmp_catalogue):
    sector = (ROOT / "clauses" / "sectors" / "groenonderhoud.md").read_text("utf-8")
    sector = re.sub(r"recommended: \[[^\]]*\]", "recommended: [a, a2, a3]", sector)
    sector = re.sub(r"(?m)^  - id: opdracht-voorbehouden$", "  - id: geen-route", sector)
    root = tmp_catalogue(
        {
            "a.md": minimal_clause("a"),
            "a2.md": minimal_clause("a2"),
            "a3.md": minimal_clause("a3"),
            "routes/r.md": route_file("r", ["a", "weg"], anchor="nergens"),
            "sectors/groenonderhoud.md": sector,
        }
    )
    lines = problems(root)
    route = root / "routes" / "r.md"
    assert f"{route}: clauses: 'weg' is not a clause in the catalogue (use the id of an existing clause)" in lines
    assert f"{route}: anchors: 'nergens' is not one of the route's clauses (add it to 'clauses' first)" in lines
    assert any("sectors/groenonderhoud.md: routes: 'geen-route' is not a route" in line for line in lines)


def test_a_reserving_route_needs_its_reservation_clause(tmp_catalogue):
    text = route_file("r", ["a"]).replace("reservation: none", "reservation: res-ws")
    root = tmp_catalogue({"a.md": minimal_clause("a"), "routes/r.md": text})
    assert problems(root) == [
        f"{root / 'routes' / 'r.md'}: reservation: is 'res-ws' but no clause of the route has BT-71 'res-ws' "
        "(add the reserving clause or correct 'reservation')"
    ]


def test_an_extending_catalogue_adds_a_route_and_joins_a_bundled_one(tmp_catalogue):
    joining = minimal_clause("eigen-clausule", **{"ambition: 1": "ambition: 1\nroutes: [open-sociale-voorwaarden]"})
    root = tmp_catalogue(
        {
            "catalogue.yaml": "extends: bundled\n",
            "eigen-clausule.md": joining,
            "routes/eigen-route.md": route_file("eigen-route", ["eigen-clausule"]),
        }
    )
    catalogue = Catalogue.load(root)
    assert "eigen-route" in catalogue.routes
    assert ("eigen-clausule", "optional") in catalogue.route_members("open-sociale-voorwaarden")


def test_export_carries_routes_and_excludes(bundled):
    result = CliRunner().invoke(cli, ["export"])
    data = json.loads(result.stdout)
    assert {r["id"] for r in data["routes"]} == set(bundled.routes)
    clause = next(c for c in data["clauses"] if c["id"] == "voorbehouden-opdracht")
    assert "voorbehouden-perceel" in clause["excludes"]
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", clause["reviewed"])


# --- matching ----------------------------------------------------------------------------------


def test_first_route_is_right_on_the_labelled_dev_set(bundled):
    matcher = matcher_for(bundled)
    labelled = [row for row in dev_rows() if "routes" in row]
    assert len(labelled) >= 80
    misses = []
    for row in labelled:
        routes = matcher.match_tender(Tender.model_validate({k: v for k, v in row.items() if k in FIELDS})).routes
        first = routes[0].id if routes else None
        if first not in row["routes"]:
            misses.append((row["id"], first))
    assert len(misses) <= 0.1 * len(labelled), misses


def test_no_route_and_no_annex_for_a_dev_tender_holds_conflicting_clauses(bundled):
    matcher = matcher_for(bundled)
    for row in dev_rows():
        tender = Tender.model_validate({k: v for k, v in row.items() if k in FIELDS})
        result = matcher.match_tender(tender)
        for route in result.routes:
            ids = route.clause_ids()
            assert conflicts(ids, bundled.clauses) == [], (row["id"], route.id)
            assert sum(reserves(bundled.clauses[c]) for c in ids) <= 1, (row["id"], route.id)
        if result.routes:
            draft = draft_for_route(bundled, result.routes[0].id, result=result)
            assert conflicts([i.clause.id for i in draft.items()], bundled.clauses) == []


def test_routes_are_best_first_with_a_fit_a_reason_and_clauses(bundled):
    result = matcher_for(bundled).match_tender(read_tender(str(EXAMPLE)))
    fits = [r.fit for r in result.routes]
    assert fits == sorted(fits, reverse=True) and all(0 <= f <= 100 for f in fits)
    first = result.routes[0]
    assert first.id == "opdracht-voorbehouden"
    assert first.why.startswith("sector Groenonderhoud: ")
    roles = {c.id: c.role for c in first.clauses}
    assert roles["voorbehouden-opdracht"] == "core"
    assert roles["marktconsultatie-sociale-economie"] == "preparation"


def test_a_tender_in_lots_prefers_a_reserved_lot(bundled):
    lots = [{"id": "1", "title": "Maaien van bermen"}, {"id": "2", "title": "Vellen van bomen"}]
    tender = Tender(title="Groenonderhoud", description="Maaien en snoeien in parken.", lots=lots)
    assert matcher_for(bundled).match_tender(tender).routes[0].id == "perceel-voorbehouden"


def test_route_json_golden(bundled):
    result = CliRunner().invoke(cli, ["match", "--file", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    routes = json.loads(result.stdout)["routes"]
    path = FIXTURES / "match" / "groenonderhoud-routes.json"
    if UPDATE:
        path.write_text(json.dumps(routes, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert routes == json.loads(path.read_text("utf-8"))
    assert set(routes[0]) == {"id", "title", "fit", "strength", "why", "clauses"}
    assert set(routes[0]["clauses"][0]) == {"id", "instrument", "role"}


def test_text_output_shows_routes_as_alternatives_in_words():
    result = CliRunner().invoke(cli, ["match", "--file", str(EXAMPLE)])
    out = result.stdout
    assert "Routes (kies er één):" in out
    assert (
        "  Route 1 (sterk): De hele opdracht voorbehouden aan maatwerkbedrijven en sociale-integratieondernemers (art. 15)"
        in out
    )
    assert "  of route 2 (" in out
    assert not re.search(r"\b(fit|score)\b", out)


def test_batch_lines_carry_routes(tmp_path):
    batch = tmp_path / "tenders.jsonl"
    batch.write_text(json.dumps({"title": "Groenonderhoud van parken"}) + "\n", "utf-8")
    result = CliRunner().invoke(cli, ["match", "--batch", str(batch)])
    line = json.loads(result.stdout.splitlines()[0])
    assert line["routes"][0]["id"] == "opdracht-voorbehouden"


# --- the annex ---------------------------------------------------------------------------------


def test_draft_from_tender_drafts_one_route(bundled):
    draft = draft_for_tender(bundled, read_tender(str(EXAMPLE)))
    assert draft.route is not None and draft.route.id == "opdracht-voorbehouden"
    ids = [i.clause.id for i in draft.items()]
    assert "voorbehouden-opdracht" in ids
    assert not {
        "voorbehouden-perceel",
        "percelen-sociale-economie",
        "uitvoering-onderaanneming-sociale-economie",
    } & set(ids)
    # The market-consultation call is a document of its own, before the notice.
    assert [i.clause.id for s in draft.preparation for i in s.items] == ["marktconsultatie-sociale-economie"]
    assert all(s.instrument != "market_consultation" for s in draft.sections)


def test_draft_another_route(bundled):
    draft = draft_for_tender(bundled, read_tender(str(EXAMPLE)), route="perceel-voorbehouden")
    assert {"voorbehouden-perceel", "percelen-sociale-economie"} <= {i.clause.id for i in draft.items()}


def test_two_excluding_clauses_are_refused_in_one_line(bundled):
    with pytest.raises(ParameterError) as info:
        build_draft(bundled, ["voorbehouden-opdracht", "voorbehouden-perceel"])
    assert info.value.lines() == [
        "draft: clauses: 'voorbehouden-opdracht' (route opdracht-voorbehouden) and 'voorbehouden-perceel' "
        "(route perceel-voorbehouden) exclude each other (keep one of them, or draft one route with --route ID)"
    ]
    result = CliRunner().invoke(cli, ["draft", "--clause", "voorbehouden-opdracht", "--clause", "voorbehouden-perceel"])
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1


def test_two_reservations_are_refused_even_without_excludes(tmp_catalogue):
    reserving = {"eforms: {BT-06: [soc-obj], BT-775: [opp]}": "eforms: {BT-06: [soc-obj], BT-71: [res-ws]}"}
    catalogue = Catalogue.load(
        tmp_catalogue({"a.md": minimal_clause("a", **reserving), "b.md": minimal_clause("b", **reserving)})
    )
    with pytest.raises(ParameterError, match="both reserve the contract"):
        build_draft(catalogue, ["a", "b"])


def test_bestek_part_holds_no_guidance(bundled):
    draft = draft_for_tender(bundled, read_tender(str(EXAMPLE)))
    markdown = draft_bytes(draft, "markdown").decode()
    bestek, preparation, guidance = markdown.split("\n* * *\n")
    for label in ("Controle door de aanbesteder", "Wanneer gebruiken", "Rechtsgrond", "eForms"):
        assert label not in bestek
        assert label in guidance
    assert "# Vóór de aankondiging: marktconsultatie" in preparation
    none = draft_for_tender(bundled, read_tender(str(EXAMPLE)), guidance="none")
    assert "Controle door de aanbesteder" not in draft_bytes(none, "markdown").decode()


def test_values_are_marked_in_every_format(bundled):
    draft = draft_for_route(
        bundled, "opdracht-voorbehouden", values={"voorbehouden-opdracht": {"percentage_doelgroep": 45}}
    )
    assert "minstens ==45== %" in draft_bytes(draft, "markdown").decode()
    html = draft_bytes(draft, "html").decode()
    assert '<mark class="value">45</mark>' in html
    assert '<mark class="todo">[omschrijving van de geplande opdracht]</mark>' in html
    document = Document(io.BytesIO(draft_bytes(draft, "docx")))
    styled = {r.text: r.style.name for p in document.paragraphs for r in p.runs}
    assert styled["45"] == "Parameterwaarde"
    assert styled["[omschrijving van de geplande opdracht]"] == "In te vullen"
    row = next(r for r in draft.values if r.name == "percentage_doelgroep")
    assert (row.value, row.allowed, row.changed) == ("45 %", "30–100 %", True)


def test_json_annex_is_data(bundled):
    draft = draft_for_tender(bundled, read_tender(str(EXAMPLE)))
    data = json.loads(draft_bytes(draft, "json"))
    assert data["route"]["id"] == "opdracht-voorbehouden"
    assert {"id", "instrument", "text", "parameters"} <= set(data["clauses"][0])
    assert data["eforms"]["BT-71"] == ["res-ws"]
    assert data["guidance"] and "\ue000" not in json.dumps(data)


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx.txt", "json"])
def test_groenonderhoud_annex_golden(bundled, fmt):
    draft = draft_for_tender(bundled, read_tender(str(EXAMPLE)))
    if fmt == "docx.txt":
        document = Document(io.BytesIO(draft_bytes(draft, "docx")))
        actual = "\n".join(f"[{p.style.name}] {p.text}" for p in document.paragraphs) + "\n"
    else:
        actual = draft_bytes(draft, fmt).decode()
    path = FIXTURES / "draft" / f"groenonderhoud.{'md' if fmt == 'markdown' else fmt}"
    if UPDATE:
        path.write_text(actual, "utf-8")
    assert actual == path.read_text("utf-8")


# --- lists in clause texts ---------------------------------------------------------------------

_ITEM = re.compile(r"^\s*([a-z])\) ", re.M)


def test_every_lettered_item_is_its_own_block_in_every_format(bundled):
    """'a) … b) … c)' must never run together: not in Markdown, plain text, HTML or DOCX."""
    checked = 0
    for clause in bundled.clauses.values():
        for lang in ("nl", "fr", "en"):
            if not clause.text.has(lang):
                continue
            text = render_clause(clause, lang, catalogue=bundled).text
            letters = _ITEM.findall(text)
            if len(letters) < 2:
                continue
            checked += 1
            # Markdown: a blank line before each item, so it is a paragraph of its own.
            assert all(re.search(rf"\n\n\s*{x}\) ", text) for x in letters), (clause.id, lang)
            # Plain text: each item starts a line.
            plain = plain_text(text)
            assert len(re.findall(r"(?m)^\s*[a-z]\) ", plain)) == len(letters), (clause.id, lang)
            draft = build_draft(bundled, [clause.id], lang=lang)
            html = draft_bytes(draft, "html").decode()
            assert len(re.findall(r"<p>[a-z]\) ", html)) >= len(letters), (clause.id, lang)
            document = Document(io.BytesIO(draft_bytes(draft, "docx")))
            starts = [p.text for p in document.paragraphs if re.match(r"^[a-z]\) ", p.text)]
            assert len(starts) >= len(letters), (clause.id, lang)
    assert checked >= 5


def test_a_building_fit_out_has_no_route_for_printing_finishes(catalogue):
    """'afwerking' alone is finishing in building and in printing: a foyer fit-out is no print job."""
    tender = Tender(title="Afwerking en inrichting van de foyer van het stadstheater", cpv=["45212423"], type="works")
    result = matcher_for(catalogue).match_tender(tender)
    whys = [route.why for route in result.routes]
    assert whys and not [why for why in whys if "Drukwerk" in why]
    assert any("Renovatie" in why for why in whys)


CAFETARIA_CONCESSION = (
    "Concessie voor de uitbating van de cafetaria van het sportcentrum. De concessiehouder zet "
    "doelgroepwerknemers in, een aandeel arbeidsuren voor langdurig werkzoekenden, en biedt een sociaal tarief."
)


def test_a_concession_clause_never_stands_beside_a_public_contract_clause(bundled):
    """A contract is a concession or a public contract, never both: the open route (a public contract) offered
    the concession's social conditions beside the public contract's share of labour hours, and "Met deze
    clausules verder" kept both concession clauses with that share, each with its own penalty regime (the
    general implementing rules of 14 January 2013 do not govern a concession)."""
    for concession in ("uitvoering-sociale-voorwaarden-concessie", "voorbehouden-concessie"):
        for contract in ("uitvoering-tewerkstelling-arbeidsuren", "voorbehouden-opdracht"):
            assert conflicts([concession, contract], bundled.clauses), (concession, contract)
    # The two concession clauses go together, and a concession clause with a clause that is not tied to
    # the public contract's execution rules (a market consultation) too.
    assert conflicts(["voorbehouden-concessie", "uitvoering-sociale-voorwaarden-concessie"], bundled.clauses) == []
    assert conflicts(["voorbehouden-concessie", "marktconsultatie-sociale-economie"], bundled.clauses) == []
    result = matcher_for(bundled).match_tender(Tender(title=CAFETARIA_CONCESSION, cpv=["55330000"], type="services"))
    for route in result.routes:
        assert conflicts(route.clause_ids(), bundled.clauses) == [], route.id
    with pytest.raises(ParameterError) as info:
        build_draft(bundled, ["uitvoering-sociale-voorwaarden-concessie", "uitvoering-tewerkstelling-arbeidsuren"])
    assert info.value.lines() == [
        "draft: clauses: 'uitvoering-sociale-voorwaarden-concessie' (route -) and "
        "'uitvoering-tewerkstelling-arbeidsuren' (route open-sociale-voorwaarden): one is written for a concession, "
        "the other for a public contract (keep one of them, or draft one route with --route ID)"
    ]


def test_a_route_holding_a_concession_and_a_public_contract_clause_is_one_line(tmp_catalogue):
    concession = {"legal_basis: [richtlijn-2014-24-art-70]": "legal_basis: [richtlijn-2014-23]"}
    contract = {
        "legal_basis: [richtlijn-2014-24-art-70]": "legal_basis: [richtlijn-2014-24-art-70, kb-uitvoering-2013]"
    }
    root = tmp_catalogue(
        {
            "a.md": minimal_clause("a", **concession),
            "b.md": minimal_clause("b", **contract),
            "routes/mijn-route.md": route_file("mijn-route", ["a", "b"]),
        }
    )
    assert problems(root) == [
        f"{root / 'routes' / 'mijn-route.md'}: clauses: holds 'a' and 'b': one is written for a concession, the "
        "other for a public contract (remove one of them from the route (or from the other's 'excludes' if they "
        "can go together))"
    ]
