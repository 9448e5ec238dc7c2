"""The Python API's promises at its boundary: every deliberate error is a SociaalAankopenError with readable
lines (a wrong argument type too), the language is checked as render_clause checks it, and a route's
`why` is said in the language asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import pytest

from sociaalaankopen import (
    Catalogue,
    ParameterError,
    SociaalAankopenError,
    Tender,
    TenderError,
    build_draft,
    build_site,
    draft_for_route,
    draft_for_tender,
    read_tender,
    render_clause,
)
from sociaalaankopen.errors import Problem
from sociaalaankopen.matching import MatchResult, matcher_for
from sociaalaankopen.typography import french_spacing
from sociaalaankopen.vocab import ROUTE_ROLES

ROOT = Path(__file__).resolve().parents[1]
GREEN = ROOT / "examples" / "groenonderhoud.txt"
CLEANING = ROOT / "examples" / "nettoyage-maisons-fitt.xml"


@pytest.fixture(scope="module")
def green(catalogue: Catalogue) -> MatchResult:
    return matcher_for(catalogue).match_tender(read_tender(GREEN))


@pytest.fixture(scope="module")
def cleaning(catalogue: Catalogue) -> MatchResult:
    return matcher_for(catalogue).match_tender(read_tender(CLEANING))


# --- a route's why, in the language asked for ------------------------------------------------------------


def test_a_routes_why_follows_the_language_asked_for(catalogue: Catalogue, green: MatchResult) -> None:
    best = green.routes[0]
    assert green.tender.lang == "nl" and best.id == catalogue.sectors["groenonderhoud"].routes[0].id
    sector = catalogue.sectors["groenonderhoud"]
    english = f"sector {sector.title.en}: {sector.routes[0].why.en}"
    assert green.to_dict("en")["routes"][0]["why"] == english
    assert best.to_dict("en")["why"] == english == best.why_in("EN")
    french = best.to_dict("fr")["why"]
    assert french.startswith(f"secteur {sector.title.fr}\u00a0: ")
    assert french == french_spacing(f"secteur {sector.title.fr} : {sector.routes[0].why.fr}")
    assert best.to_dict()["why"] == best.why == f"sector {sector.title.nl}: {sector.routes[0].why.nl}"


def test_a_why_from_an_anchor_clause_follows_the_language_too(green: MatchResult) -> None:
    anchored = [r for r in green.routes if r.why.startswith("clausule ")]
    assert anchored, "the example has a route proposed for one of its clauses"
    route = anchored[0]
    english = route.to_dict("en")["why"]
    assert english.startswith("clause '") and " fits: " in english
    assert "clausule" not in english and "trefwoord" not in english


def test_the_lots_sentence_is_a_sentence_of_its_own(cleaning: MatchResult) -> None:
    route = cleaning.route("perceel-voorbehouden")
    assert route is not None and cleaning.tender.lang == "fr"
    assert ".;" not in route.why
    assert route.why.endswith("restent ouverts. Le marché compte déjà 5 lots.")
    assert route.why_in("en").endswith("large sites stay open. The contract already has 5 lots.")
    assert route.why_in("nl").endswith("De opdracht heeft al 5 percelen.")


def test_sentences_join_after_a_full_stop_or_a_phrase() -> None:
    from sociaalaankopen.matching.routes import sentences

    assert sentences(["a: it fits.", "two lots"]) == "a: it fits. Two lots."
    assert sentences(["clause 'x' fits: keyword 'y'", "two lots"]) == "clause 'x' fits: keyword 'y'; two lots"
    assert sentences(["", "two lots"]) == "two lots"


def test_the_english_annex_of_a_french_tender_says_why_in_english(catalogue: Catalogue) -> None:
    draft = draft_for_tender(catalogue, read_tender(CLEANING), lang="en")
    assert draft.route is not None and draft.route.id == "perceel-voorbehouden"
    assert draft.route.why.startswith("sector Building cleaning: ")
    assert draft.route.why.endswith("The contract already has 5 lots.")
    dutch = draft_for_tender(catalogue, read_tender(CLEANING), lang="NL")
    assert dutch.route is not None and dutch.route.why.startswith("sector Schoonmaak van gebouwen: ")


# --- the language of the results, checked -------------------------------------------------------------


def test_the_results_take_a_language_in_any_case(green: MatchResult) -> None:
    match = green.matches[0]
    assert match.to_dict("FR") == match.to_dict("fr") != match.to_dict("nl")
    assert match.reasons_in(" En ") == match.reasons_in("en")
    assert green.to_dict("FR") == green.to_dict("fr")
    assert green.routes[0].to_dict("EN") == green.routes[0].to_dict("en")


@pytest.mark.parametrize("lang", ["de", "", "nl-BE", 3])
@pytest.mark.parametrize("call", ["match.to_dict", "match.reasons_in", "result.to_dict", "route.to_dict"])
def test_the_results_refuse_another_language(green: MatchResult, call: str, lang: Any) -> None:
    calls: dict[str, Callable[[Any], object]] = {
        "match.to_dict": green.matches[0].to_dict,
        "match.reasons_in": green.matches[0].reasons_in,
        "result.to_dict": green.to_dict,
        "route.to_dict": green.routes[0].to_dict,
    }
    with pytest.raises(ParameterError) as caught:
        calls[call](lang)
    assert caught.value.lines() == [f"match: lang: {lang!r} is not a supported language (use one of nl, fr, en)"]


def test_none_is_the_tenders_language_except_for_reasons_in(green: MatchResult) -> None:
    assert green.to_dict(None) == green.to_dict("nl") and green.routes[0].to_dict(None) == green.routes[0].to_dict()
    with pytest.raises(ParameterError):
        green.matches[0].reasons_in(None)


# --- wrong argument types at the public entry points --------------------------------------------------

ID = "voorbehouden-opdracht"
ROUTE = "opdracht-voorbehouden"
CASES: list[tuple[str, Callable[[Catalogue], object], type[SociaalAankopenError], str]] = [
    ("tuple of one", lambda c: build_draft(c, [(ID,)]), ParameterError, "build_draft: clauses[0]: has 1 items"),
    ("None as a choice", lambda c: build_draft(c, [None]), ParameterError, "build_draft: clauses[0]: got None"),
    ("int as a choice", lambda c: build_draft(c, [123]), ParameterError, "build_draft: clauses[0]: got int"),
    ("int as an id", lambda c: build_draft(c, [(1, {})]), ParameterError, "build_draft: clauses[0][0]: got int"),
    ("list as values", lambda c: build_draft(c, [(ID, [1])]), ParameterError, f"{ID}: values: got list"),
    ("None as clauses", lambda c: build_draft(c, None), ParameterError, "build_draft: clauses: got None"),
    ("str as clauses", lambda c: build_draft(c, ID), ParameterError, "build_draft: clauses: got str"),
    ("int title", lambda c: build_draft(c, [ID], tender_title=123), ParameterError, "tender_title: got int"),
    ("str catalogue", lambda c: build_draft("x", [ID]), ParameterError, "build_draft: catalogue: got str"),
    ("render None", lambda c: render_clause(None), ParameterError, "render_clause: clause: got None"),
    ("render int", lambda c: render_clause(123), ParameterError, "render_clause: clause: got int"),
    ("values list", lambda c: render_clause(ID, values=[1]), ParameterError, f"{ID}: values: got list"),
    ("values str", lambda c: render_clause(ID, values="x"), ParameterError, f"{ID}: values: got str"),
    ("render catalogue", lambda c: render_clause(ID, catalogue="x"), ParameterError, "catalogue: got str"),
    ("route values list", lambda c: draft_for_route(c, ROUTE, values=[1]), ParameterError, "values: got list"),
    (
        "route values of a clause",
        lambda c: draft_for_route(c, ROUTE, values={ID: 5}),
        ParameterError,
        f"draft_for_route: values['{ID}']: got int",
    ),
    ("extra None", lambda c: draft_for_route(c, ROUTE, extra=None), ParameterError, "extra: got None"),
    ("extra str", lambda c: draft_for_route(c, ROUTE, extra=ID), ParameterError, "draft_for_route: extra: got str"),
    ("extra int item", lambda c: draft_for_route(c, ROUTE, extra=[1]), ParameterError, "extra[0]: got int"),
    ("result str", lambda c: draft_for_route(c, ROUTE, result="x"), ParameterError, "result: got str"),
    ("route id None", lambda c: draft_for_route(c, None), ParameterError, "draft_for_route: route_id: got None"),
    ("tender None", lambda c: draft_for_tender(c, None), TenderError, "draft_for_tender: tender: got None"),
    ("tender int", lambda c: draft_for_tender(c, 123), TenderError, "draft_for_tender: tender: got int"),
    ("tender extra str", lambda c: draft_for_tender(c, "maaien", extra=ID), ParameterError, "extra: got str"),
    ("match None", lambda c: c.match(None), TenderError, "Catalogue.match: tender: got None"),
    ("match dict", lambda c: c.match({"title": "Schoonmaak"}), TenderError, "Catalogue.match: tender: got dict"),
    ("top str", lambda c: c.match("Schoonmaak", top="3"), ParameterError, "Catalogue.match: top: got str"),
    ("top None", lambda c: c.match("Schoonmaak", top=None), ParameterError, "Catalogue.match: top: got None"),
    ("top bool", lambda c: c.match("Schoonmaak", top=True), ParameterError, "Catalogue.match: top: got bool"),
    ("clause list", lambda c: c.clause([]), ParameterError, "Catalogue.clause: id: got list"),
    ("clause None", lambda c: c.clause(None), ParameterError, "Catalogue.clause: id: got None"),
    ("route None", lambda c: c.route(None), ParameterError, "Catalogue.route: id: got None"),
    ("load int", lambda c: Catalogue.load(123), ParameterError, "Catalogue.load: path: got int"),
    ("read None", lambda c: read_tender(None), TenderError, "read_tender: source: got None"),
    ("read int", lambda c: read_tender(123), TenderError, "read_tender: source: got int"),
    ("read warn int", lambda c: read_tender(b"Caf\xe9", warn=5), TenderError, "read_tender: warn: got int"),
    ("read name int", lambda c: read_tender(b"x", source_name=5), TenderError, "read_tender: source_name: got int"),
    (
        "match_tender top str",
        lambda c: _matcher(c).match_tender("x", top="3"),
        ParameterError,
        "match_tender: top: got str",
    ),
    ("match_tender top None", lambda c: _matcher(c).match_tender("x", top=None), ParameterError, "top: got None"),
    ("match_tender top float", lambda c: _matcher(c).match_tender("x", top=2.5), ParameterError, "top: got float"),
    ("per_lot str", lambda c: _matcher(c).match_tender("x", per_lot="no"), ParameterError, "per_lot: got str"),
    ("matcher_for None", lambda c: matcher_for(None), ParameterError, "matcher_for: catalogue: got None"),
    ("draft_bytes str", lambda c: _draft_bytes("x", "json"), ParameterError, "draft_bytes: draft: got str"),
    ("unfilled str", lambda c: _unfilled("x"), ParameterError, "unfilled_placeholders: draft: got str"),
    ("placeholders str", lambda c: _clause_placeholders("x", "nl"), ParameterError, "clause_placeholders: rendered"),
    ("write_atomic text", lambda c: _write_atomic("never.txt", "text"), ParameterError, "write_atomic: data: got str"),
    ("write_atomic None", lambda c: _write_atomic(None, b"x"), ParameterError, "write_atomic: path: got None"),
]


def _matcher(catalogue: Catalogue) -> Any:
    return matcher_for(catalogue)


def _draft_bytes(*args: Any) -> object:
    from sociaalaankopen.draft import draft_bytes

    return draft_bytes(*args)


def _unfilled(*args: Any) -> object:
    from sociaalaankopen.draft import unfilled_placeholders

    return unfilled_placeholders(*args)


def _clause_placeholders(*args: Any) -> object:
    from sociaalaankopen.draft import clause_placeholders

    return clause_placeholders(*args)


def _write_atomic(*args: Any) -> object:
    from sociaalaankopen.files import write_atomic

    return write_atomic(*args)


def test_clause_placeholders_checks_its_language() -> None:
    rendered = render_clause(ID)
    with pytest.raises(ParameterError) as caught:
        _clause_placeholders(rendered, "de")
    assert caught.value.lines() == [
        "clause_placeholders: lang: 'de' is not a supported language (use one of nl, fr, en)"
    ]
    assert _clause_placeholders(rendered, "NL") == _clause_placeholders(rendered, "nl")


@pytest.mark.parametrize(("call", "kind", "line"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_wrong_argument_type_is_one_readable_problem(
    catalogue: Catalogue, call: Callable[[Catalogue], object], kind: type[SociaalAankopenError], line: str
) -> None:
    with pytest.raises(SociaalAankopenError) as caught:
        call(catalogue)
    assert type(caught.value) is kind
    lines = caught.value.lines()
    assert len(lines) == 1 and line in lines[0], lines
    assert ", expected " in lines[0] or "items, expected" in lines[0]
    dutch = caught.value.lines("nl")[0]
    assert "verwacht" in dutch and "expected" not in dutch


@pytest.mark.parametrize(
    ("arguments", "line"),
    [
        ({"out": None}, "build_site: out: got None, expected a folder (str or path)"),
        ({"out": 5}, "build_site: out: got int, expected a folder (str or path)"),
        ({"catalogue": "clauses"}, "build_site: catalogue: got str, expected a Catalogue (Catalogue.load()) or None"),
        ({"guide": 1}, "build_site: guide: got int, expected a folder (str or path) or None"),
        ({"base_url": 5}, "build_site: base_url: got int, expected a text (str) or None"),
        ({"tool_url": b"http://x"}, "build_site: tool_url: got bytes, expected a text (str) or None"),
        ({"workers": "2"}, "build_site: workers: got str, expected a whole number (int) or None"),
        ({"search_index": "no"}, "build_site: search_index: got str, expected true or false (bool)"),
        ({"downloads": None}, "build_site: downloads: got None, expected true or false (bool)"),
        ({"rank": "matcher"}, "build_site: rank: got str, expected a function or None"),
    ],
)
def test_build_site_says_which_argument_has_the_wrong_type(
    tmp_path: Path, arguments: dict[str, Any], line: str
) -> None:
    """Found by an integrator: build_site(5) or build_site("site", workers="2") raised a bare TypeError or
    AttributeError from inside the build, where every other public function names the argument."""
    out = tmp_path / "site"
    options: dict[str, Any] = {"out": out, "search_index": False, "downloads": False, **arguments}
    with pytest.raises(ParameterError) as caught:
        build_site(options.pop("out"), **options)
    assert caught.value.lines() == [line]
    assert "verwacht" in caught.value.lines("nl")[0]
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_string_is_not_read_as_a_list_of_characters(catalogue: Catalogue) -> None:
    with pytest.raises(ParameterError) as caught:
        build_draft(catalogue, ID)
    assert len(caught.value.problems) == 1 and "v: is not a clause" not in str(caught.value)
    with pytest.raises(ParameterError) as caught:
        draft_for_route(catalogue, ROUTE, extra="voorbehouden-perceel")
    assert len(caught.value.problems) == 1


def test_every_wrong_choice_is_reported_at_once(catalogue: Catalogue) -> None:
    with pytest.raises(ParameterError) as caught:
        build_draft(catalogue, [None, "no-such-clause", (ID, {}, "bogus")])
    assert [p.field for p in caught.value.problems] == ["clauses[0]", "", "role"]


def test_the_right_types_still_work(catalogue: Catalogue) -> None:
    assert build_draft(catalogue, (ID,), tender_title=None).items()[0].clause.id == ID
    assert build_draft(catalogue, [[ID, {"percentage_doelgroep": 40}]]).items()[0].rendered.values
    assert draft_for_route(catalogue, ROUTE, extra=("voorbehouden-perceel",) * 0, values=None).route is not None
    assert catalogue.match(Tender(title="Schoonmaak"), top=2) and catalogue.match("Schoonmaak", top=0) == []
    assert read_tender(bytearray(b"Groenonderhoud stadspark")).description
    assert Catalogue.load(None) is not None


def test_an_error_built_from_anything_says_it() -> None:
    assert SociaalAankopenError(None).lines() == ["None"]
    assert str(SociaalAankopenError(3)) == "3"
    assert SociaalAankopenError(["one", Problem("x", "f", "is wrong")]).lines() == ["one", "x: f: is wrong"]
    assert SociaalAankopenError("plain").lines() == ["plain"]


# --- the role of a chosen clause ---------------------------------------------------------------------


def test_an_unknown_role_is_refused_with_the_roles(catalogue: Catalogue) -> None:
    roles = [t.id for t in ROUTE_ROLES]
    with pytest.raises(ParameterError) as caught:
        build_draft(catalogue, [(ID, {}, "bogus")])
    assert caught.value.lines() == [f"{ID}: role: 'bogus' is not a role of a clause (use one of {', '.join(roles)})"]
    for role in roles:
        assert build_draft(catalogue, [(ID, {}, role)]).items()[0].role == role


def test_the_roles_are_the_ones_the_draft_schema_allows() -> None:
    from sociaalaankopen.draft.build import ROLES
    from sociaalaankopen.schemas import DraftClauseOut

    assert set(get_args(DraftClauseOut.model_fields["role"].annotation)) == set(ROLES)


@pytest.mark.parametrize("tender", [None, 123, {"title": "Schoonmaak"}])
def test_the_matcher_itself_refuses_what_is_no_tender(catalogue, tender) -> None:
    from sociaalaankopen import TenderError
    from sociaalaankopen.matching import matcher_for

    with pytest.raises(TenderError) as info:  # an AttributeError from inside before
        matcher_for(catalogue).match_tender(tender)
    assert "match_tender: tender: got " in str(info.value)


# --- a Tender made by hand ---------------------------------------------------------------------------


def test_a_tender_made_by_hand_reads_its_cpv_codes_as_read_tender_does(catalogue: Catalogue) -> None:
    from sociaalaankopen import Lot

    tender = Tender(title="Onderhoud", cpv=[" 77310000 ", "77310000-6", "7731"], lots=[Lot(cpv=["77311000-3"])])
    assert tender.cpv == ["77310000"] and tender.lots[0].cpv == ["77311000"]
    by_hand = matcher_for(catalogue).match_tender(tender)
    read = matcher_for(catalogue).match_tender(read_tender(b'{"title": "Onderhoud", "cpv": ["77310000"]}', "json"))
    assert by_hand.tender.type == read.tender.type == "services"
    assert [r.id for r in by_hand.routes] == [r.id for r in read.routes]


@pytest.mark.parametrize(
    ("fields", "loc"), [({"cpv": ["abc"]}, ("cpv",)), ({"lots": [{"cpv": [""]}]}, ("lots", 0, "cpv"))]
)
def test_a_tender_made_by_hand_refuses_what_is_no_cpv_code(fields: dict[str, Any], loc: tuple[object, ...]) -> None:
    from pydantic import ValidationError

    from sociaalaankopen.errors import validation_problem

    with pytest.raises(ValidationError) as caught:
        Tender(title="Onderhoud", **fields)
    [error] = caught.value.errors()
    assert error["loc"] == loc
    problem = validation_problem("tender", "cpv", error)
    assert problem.text("en").endswith("is not a CPV code (use 8 digits, e.g. 77310000 or 77310000-6)")
    assert "geen CPV-code" in problem.text("nl")


def test_the_fast_path_validates_codes_that_are_not_yet_normal() -> None:
    assert Tender.from_clean({"title": "x", "cpv": [" 77310000 "]}) is None
    assert Tender.from_clean({"title": "x", "cpv": ["77310000", "77310000"]}) is None
    clean = Tender.from_clean({"title": "x", "cpv": ["77310000"]})
    assert clean is not None and clean.cpv == ["77310000"]


@pytest.mark.parametrize(
    ("update", "line"),
    [
        ({"lang": "NL"}, "match_tender: tender.lang: 'NL' is not a supported language (use nl, fr or en"),
        ({"type": "diensten"}, "match_tender: tender.type: 'diensten' is not a contract type"),
        ({"cpv": "77310000"}, "match_tender: tender.cpv: '77310000' is not what a Tender holds here"),
        ({"lots": [{"title": "Maaien"}]}, "match_tender: tender.lots: [{'title': 'Maaien'}] is not what a Tender"),
    ],
)
def test_the_matcher_refuses_a_tender_changed_without_being_checked(
    catalogue: Catalogue, update: dict[str, Any], line: str
) -> None:
    tender = Tender(title="Groenonderhoud", cpv=["77310000"]).model_copy(update=update)
    with pytest.raises(TenderError) as caught:  # a ValueError, AttributeError or a wrong match before
        matcher_for(catalogue).match_tender(tender, per_lot=True)
    [said] = caught.value.lines()
    assert said.startswith(line)


def test_a_changed_copy_made_as_the_docs_say_is_checked_and_matched(catalogue: Catalogue) -> None:
    from pydantic import ValidationError

    tender = Tender(title="Groenonderhoud", cpv=["77310000"])
    changed = Tender.model_validate({**tender.model_dump(), "lang": "fr", "lots": [{"title": "Maaien"}]})
    assert changed.lang == "fr" and changed.lots[0].title == "Maaien" and changed.cpv == ["77310000"]
    assert matcher_for(catalogue).match_tender(changed, per_lot=True).lots[0].id is None
    with pytest.raises(ValidationError):
        Tender.model_validate({**tender.model_dump(), "lang": "NL"})


# --- a damaged cache ---------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", [b"\x80\x09", b"\x80\x04K\x05.", b"\x80\x04\x95"], ids=["protocol", "int", "cut"])
def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    # Before: ValueError (unsupported pickle protocol) or AttributeError (an int where a catalogue was).
    monkeypatch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path))
    monkeypatch.delenv("SOCIAALAANKOPEN_NO_CACHE", raising=False)
    from sociaalaankopen.matching import load

    monkeypatch.setattr(load, "_LOADED", {})  # matchers in memory: this one is written to the cache, then read
    first = Catalogue.load()
    matcher_for(first).match_tender("Groenonderhoud in het stadspark").matches[0].reasons_in("en")
    load._LOADED.clear()
    entries = sorted(tmp_path.glob("*.pickle"))
    assert {p.name.split("-")[0] for p in entries} >= {"catalogue", "matcher"}  # and catalogue_stamp, when settled
    for entry in entries:
        entry.write_bytes(damage)
    again = Catalogue.load()
    assert again.clauses.keys() == first.clauses.keys()
    assert matcher_for(again).match_tender("Groenonderhoud in het stadspark").matches
    assert all(entry.read_bytes() != damage for entry in tmp_path.glob("*.pickle"))  # written anew


# --- read_tender given text as a path; Decimal values -------------------------------------------------


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("", "'': is an empty path (give the path of a tender file, or the tender's text as bytes"),
        ("Schoonmaak van kantoren", "Schoonmaak van kantoren: is no file: a string is read as a path (give the"),
        ("no/such/file.txt", "no/such/file.txt: does not exist (check the path)"),
    ],
)
def test_read_tender_says_a_string_is_a_path(source: str, line: str) -> None:
    # Before: '': ': is a folder'; the text: 'does not exist', without a word about bytes.
    with pytest.raises(TenderError) as caught:
        read_tender(source)
    [said] = caught.value.lines()
    assert said.startswith(line)


def test_a_decimal_is_a_number_in_parameter_values() -> None:
    from decimal import Decimal

    assert render_clause("dagschoonmaak", values={"begin_uur": Decimal("7")}).values["begin_uur"] == 7
    with pytest.raises(ParameterError) as caught:
        render_clause("dagschoonmaak", values={"begin_uur": Decimal("7.5")})
    assert caught.value.lines()[0].startswith("dagschoonmaak: begin_uur: 7.5 is not a whole number")
    with pytest.raises(ParameterError) as caught:
        render_clause("dagschoonmaak", values={"begin_uur": Decimal("NaN")})
    assert "'NaN' is not a number" in caught.value.lines()[0]


def test_a_result_does_not_share_its_tenders_lists_with_the_callers() -> None:
    """Found by an integrator: appending a code to the tender given changed `result.tender.cpv` too."""
    from sociaalaankopen import Catalogue, Lot, Tender
    from sociaalaankopen.matching import matcher_for

    tender = Tender(
        description="Onderhoud van het openbaar groen", cpv=["77310000"], lots=[Lot(title="Maaien", cpv=["77311000"])]
    )
    result = matcher_for(Catalogue.load()).match_tender(tender)
    tender.cpv.append("45000000")
    tender.lots[0].cpv.append("45000000")
    assert result.tender.cpv == ["77310000"]
    assert result.tender.lots[0].cpv == ["77311000"]


def test_sentences_in_french_keep_the_semicolon_with_a_no_break_space() -> None:
    from sociaalaankopen.matching.routes import sentences

    assert sentences(["la clause convient", "deux lots"], "fr") == "la clause convient\u00a0; deux lots"
