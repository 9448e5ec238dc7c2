"""The JSON other tools read, checked against the schemas `schema --of` prints (with `jsonschema`,
a validator that did not write them): the bundled export, a match of every dev-set tender, the batch
lines, and the golden annexes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from sociaalaankopen import Catalogue, Tender
from sociaalaankopen.batch import match_batch
from sociaalaankopen.cli import cli
from sociaalaankopen.draft import draft_bytes, draft_for_route
from sociaalaankopen.export import export_catalogue
from sociaalaankopen.matching import matcher_for
from sociaalaankopen.schemas import DOCUMENTS
from sociaalaankopen.vocab import SCHEMA_KINDS

TESTS = Path(__file__).parent
DEV_SET = TESTS / "data" / "dev_set.jsonl"
GOLDEN_ANNEXES = sorted((TESTS / "fixtures" / "draft").glob("*.json"))


def printed_schema(kind: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["schema", "--of", kind])
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.output)
    return schema


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft202012Validator]:
    return {kind: Draft202012Validator(printed_schema(kind)) for kind in SCHEMA_KINDS}


def problems(validator: Draft202012Validator, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def dev_tenders() -> list[Tender]:
    rows = [json.loads(line) for line in DEV_SET.read_text("utf-8").splitlines() if line.strip()]
    return [Tender.model_validate(row) for row in rows]


def test_every_kind_is_a_draft_2020_12_schema() -> None:
    assert set(SCHEMA_KINDS) == {"clause", *DOCUMENTS}
    for kind in SCHEMA_KINDS:
        schema = printed_schema(kind)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)
    assert printed_schema("clause") == json.loads(CliRunner().invoke(cli, ["schema"]).output)  # the default


def test_an_unknown_kind_is_refused_in_one_line() -> None:
    result = CliRunner().invoke(cli, ["schema", "--of", "tender"])
    assert result.exit_code == 2
    assert "'tender' is niet een van 'clause', 'export', 'match', 'batch', 'draft'" in result.output  # nl: the default
    result = CliRunner().invoke(cli, ["schema", "--of", "tender"], env={"SOCIAALAANKOPEN_LANG": "en"})
    assert "'tender' is not one of 'clause', 'export', 'match', 'batch', 'draft'" in result.output


def test_the_bundled_export_follows_its_schema(validators: dict[str, Draft202012Validator]) -> None:
    document = json.loads(CliRunner().invoke(cli, ["export"]).output)
    assert document["schema_version"] == "1.4"
    assert problems(validators["export"], document) == []
    revision = next(c for c in document["clauses"] if c["id"] == "prijsherziening-sectorale-loonkost")
    assert revision["limits"] == [{"sum": ["aandeel_loon", "aandeel_vast"], "max": 100}]


def test_the_schemas_catch_a_renamed_or_missing_field(validators: dict[str, Draft202012Validator]) -> None:
    """A field renamed or dropped by a producer fails; so the tests above can fail."""
    document = export_catalogue(Catalogue.load())
    document["clauses"][0]["reviewed_on"] = document["clauses"][0].pop("reviewed")
    found = problems(validators["export"], document)
    assert any("'reviewed' is a required property" in p for p in found), found
    assert any("'reviewed_on' was unexpected" in p for p in found), found
    match = matcher_for(Catalogue.load()).match_tender(Tender(description="Groenonderhoud")).to_dict()
    del match["schema_version"]
    assert problems(validators["match"], match) == [": 'schema_version' is a required property"]


def test_every_dev_set_match_follows_its_schema(validators: dict[str, Draft202012Validator]) -> None:
    matcher = matcher_for(Catalogue.load())
    tenders = dev_tenders()
    assert len(tenders) >= 60
    with_routes = with_lots = 0
    for tender in tenders:
        document = json.loads(json.dumps(matcher.match_tender(tender, top=5, per_lot=True).to_dict()))
        assert problems(validators["match"], document) == [], tender.id
        with_routes += bool(document["routes"])
        with_lots += "lots" in document
    assert with_routes > len(tenders) // 2 and with_lots > 0  # the optional parts were checked too


def test_batch_lines_follow_their_schema(validators: dict[str, Draft202012Validator]) -> None:
    lines = [json.loads(json.dumps(r.to_dict())) for r in match_batch(DEV_SET, per_lot=True) if r.ok]
    assert len(lines) == len(dev_tenders())
    for line in lines:
        assert problems(validators["batch"], line) == [], line["id"]


@pytest.mark.parametrize("path", GOLDEN_ANNEXES, ids=lambda p: p.name)
def test_the_golden_annexes_follow_their_schema(path: Path, validators: dict[str, Draft202012Validator]) -> None:
    assert problems(validators["draft"], json.loads(path.read_text("utf-8"))) == []


def test_annexes_of_every_route_follow_their_schema(validators: dict[str, Draft202012Validator]) -> None:
    catalogue = Catalogue.load()
    assert catalogue.routes
    for route_id in catalogue.routes:
        for guidance in ("separate", "none"):
            draft = draft_for_route(catalogue, route_id, lang="fr", guidance=guidance)
            document = json.loads(draft_bytes(draft, "json"))
            assert problems(validators["draft"], document) == [], route_id


def test_the_golden_annexes_exist() -> None:
    assert GOLDEN_ANNEXES, "tests/fixtures/draft/*.json"
