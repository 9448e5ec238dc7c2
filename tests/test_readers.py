"""Tender readers: real samples of every format, and bad input that must give one clear line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sociaalaankopen.errors import Problem, TenderError
from sociaalaankopen.readers import (
    MAX_BYTES,
    compose_tender,
    detect_format,
    iter_tenders,
    parse_tender,
    read_tender,
)

DATA = Path(__file__).parent / "data"
EFORMS = sorted((DATA / "eforms").glob("*.xml"))
OCDS = DATA / "ocds" / "ocds-213czf-000-00001-02-tender.json"


def one_line_error(excinfo: pytest.ExceptionInfo[TenderError]) -> str:
    lines = excinfo.value.lines()
    assert len(lines) == 1, lines
    assert "\n" not in lines[0] and "Traceback" not in lines[0]
    return lines[0]


# --- eForms -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EFORMS, ids=[p.name for p in EFORMS])
def test_every_eforms_sample_reads(path: Path) -> None:
    tender = read_tender(path)
    assert tender.title
    assert tender.all_cpv()
    assert all(len(code) == 8 and code.isdigit() for code in tender.all_cpv())
    assert tender.lang in ("nl", "fr", "en")
    assert tender.type in ("works", "supplies", "services")
    assert tender.lots


def test_eforms_procedure_and_lots() -> None:
    tender = read_tender(DATA / "eforms" / "2024-OJS065-00191534.xml")
    assert tender.id == "00191534-2024"
    assert tender.lang == "fr"  # the notice language, though the notice also has Dutch texts
    assert tender.title.startswith("PROCEDURE OUVERTE POUR LE NETTOYAGE")
    assert tender.cpv == ["90911000"]
    assert len(tender.lots) == 5 and tender.lots[0].id == "LOT-0001"
    assert tender.lots[0].cpv == ["90911000"]


def test_eforms_group_of_lots_is_not_a_lot(tmp_path: Path) -> None:
    """A LotsGroup is a ProcurementProjectLot too; it repeats its lots, so it is not read as one."""
    text = (DATA / "eforms" / "cn_24_FRA_comments.xml").read_text("utf-8")
    start = text.index("\t<cac:ProcurementProjectLot>")
    end = text.index("</cac:ProcurementProjectLot>", start) + len("</cac:ProcurementProjectLot>")
    group = text[start:end].replace(
        '<cbc:ID schemeName="Lot">LOT-0001</cbc:ID>', '<cbc:ID schemeName="LotsGroup">GLO-0001</cbc:ID>'
    )
    assert "GLO-0001" in group
    path = tmp_path / "notice.xml"
    path.write_text(text[:start] + group + "\n" + text[start:], "utf-8")
    tender = read_tender(path)
    assert [lot.id for lot in tender.lots] == ["LOT-0001", "LOT-0002"]


def test_eforms_value_and_nature() -> None:
    tender = read_tender(DATA / "eforms" / "599894-2023.xml")
    assert tender.type == "works"
    assert tender.value == 5_700_000 and tender.currency == "EUR"
    assert tender.cpv == ["45110000", "45213200", "45223300"]
    assert tender.lang == "nl"


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE ContractNotice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2">&xxe;</ContractNotice>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<ContractNotice>&lol4;</ContractNotice>"""


@pytest.mark.parametrize("data", [XXE, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_hostile_xml_is_refused(data: bytes) -> None:
    with pytest.raises(TenderError) as excinfo:
        parse_tender(data, where="notice.xml")
    line = one_line_error(excinfo)
    assert line.startswith("notice.xml: refused")
    assert "root:" not in line  # nothing of /etc/passwd


def test_malformed_xml() -> None:
    with pytest.raises(TenderError) as excinfo:
        parse_tender(b"<ContractNotice><cbc:Name>", where="notice.xml")
    assert "is not well-formed XML" in one_line_error(excinfo)


def test_xml_that_is_no_notice() -> None:
    with pytest.raises(TenderError) as excinfo:
        parse_tender(b"<html><body>hallo</body></html>", fmt="eforms", where="page.xml")
    assert "not an eForms notice (root element html)" in one_line_error(excinfo)


# --- OCDS ---------------------------------------------------------------------------------------


def test_ocds_release_package() -> None:
    tender = read_tender(OCDS)
    assert tender.id == "ocds-213czf-000-00001"
    assert tender.title == "Planned cycle lane improvements"
    assert tender.type == "works"
    assert tender.cpv == ["45233130", "45233162"]  # '45233130.0' and '45233162-2' in the file
    assert (tender.value, tender.currency, tender.lang) == (1_100_000, "GBP", "en")


def _release(ocid: str, date: str, title: str, category: str = "goods") -> dict[str, object]:
    return {
        "ocid": ocid,
        "id": f"{ocid}-{date}",
        "date": date,
        "tender": {
            "title": title,
            "mainProcurementCategory": category,
            "items": [{"id": "1", "classification": {"scheme": "CPV", "id": "18110000"}, "relatedLot": "L1"}],
            "lots": [{"id": "L1", "title": "Werkkledij"}],
        },
    }


def test_ocds_keeps_the_latest_release_of_a_process() -> None:
    package = {"releases": [_release("ocds-1", "2024-01-01", "Oud"), _release("ocds-1", "2024-03-01", "Nieuw")]}
    tender = parse_tender(json.dumps(package))
    assert tender.title == "Nieuw"
    assert tender.type == "supplies"  # goods
    assert tender.lots[0].cpv == ["18110000"]  # the item belongs to the lot


@pytest.mark.parametrize(
    ("newer", "older"),
    [
        ("2024-03-01", "2024-01-01"),  # the newest listed first: not simply the last one
        ("2024-03-01T09:30:00Z", "2024-03-01T10:00:00+01:00"),  # 10:00 in Brussels is 09:00 UTC
        ("2024-03-01", "not a date"),
    ],
)
def test_ocds_latest_release_is_the_newest_moment_whatever_the_order(newer: str, older: str) -> None:
    releases = [_release("ocds-1", newer, "Nieuw"), _release("ocds-1", older, "Oud")]
    assert parse_tender(json.dumps({"releases": releases})).title == "Nieuw"
    assert parse_tender(json.dumps({"releases": releases[::-1]})).title == "Nieuw"
    record = {"records": [{"ocid": "ocds-1", "releases": releases}]}  # no compiled release: the newest
    assert parse_tender(json.dumps(record)).title == "Nieuw"


def test_ocds_record_package_uses_the_compiled_release() -> None:
    package = {"records": [{"ocid": "ocds-2", "releases": [], "compiledRelease": _release("ocds-2", "2024", "Samen")}]}
    assert parse_tender(json.dumps(package)).title == "Samen"


def _tender_then_award() -> list[dict[str, Any]]:
    tender = json.loads(OCDS.read_text("utf-8"))["releases"][0]
    award = {
        "ocid": tender["ocid"],
        "id": tender["id"] + "-award",
        "date": "2011-01-10T09:30:00Z",
        "tag": ["award"],
        "tender": {"id": tender["tender"]["id"], "status": "complete"},
        "awards": [{"id": "a1", "value": {"amount": 100, "currency": "GBP"}}],
    }
    return [award, tender]  # the award listed first: the date decides


@pytest.mark.parametrize("shape", ["release package", "record", "record package"])
def test_ocds_a_later_award_release_adds_to_the_tender_release(shape: str) -> None:
    # Before, the award release (a tender section with only an id and a status) was read alone:
    # 'has no title, description or CPV code'.
    releases = _tender_then_award()
    ocid = releases[0]["ocid"]
    document = {
        "release package": {"releases": releases},
        "record": {"ocid": ocid, "releases": releases},
        "record package": {"records": [{"ocid": ocid, "releases": releases}]},
    }[shape]
    tender = parse_tender(json.dumps(document), "ocds")
    assert tender.title == "Planned cycle lane improvements"
    assert tender.cpv == ["45233130", "45233162"] and tender.type == "works"


def test_ocds_releases_merge_field_by_field_and_items_and_lots_by_id() -> None:
    first = _release("ocds-1", "2024-01-01", "Werkkledij")
    later = {
        "ocid": "ocds-1",
        "date": "2024-02-01",
        "tender": {
            "description": "Levering van werkkledij",
            "items": [
                {"id": "1", "relatedLot": "L2"},
                {"id": "2", "classification": {"scheme": "CPV", "id": "18830000"}},
            ],
            "lots": [{"id": "L2", "title": "Schoenen"}],
        },
    }
    tender = parse_tender(json.dumps({"releases": [later, first]}))
    assert (tender.title, tender.description, tender.type) == ("Werkkledij", "Levering van werkkledij", "supplies")
    assert [(lot.id, lot.title, lot.cpv) for lot in tender.lots] == [
        ("L1", "Werkkledij", []),
        ("L2", "Schoenen", ["18110000"]),  # item 1 kept its code and moved to lot L2
    ]
    assert tender.cpv == ["18830000"]


def test_ocds_package_of_several_processes_needs_batch(tmp_path: Path) -> None:
    package = {"releases": [_release("ocds-1", "2024", "Een"), _release("ocds-2", "2024", "Twee")]}
    path = tmp_path / "package.json"
    path.write_text(json.dumps(package), "utf-8")
    with pytest.raises(TenderError) as excinfo:
        read_tender(path)
    assert "holds 2 contracting processes" in one_line_error(excinfo)
    assert [(n, t.title) for n, t in iter_tenders(path)] == [(1, "Een"), (2, "Twee")]  # type: ignore[union-attr]


# --- JSON and text ------------------------------------------------------------------------------


def test_json_tender_with_lots() -> None:
    tender = parse_tender(
        json.dumps(
            {
                "id": 7,
                "title": "Schoonmaak",
                "description": "Kantoren",
                "cpv": ["90911200-8", "9091"],
                "type": "diensten",
                "value": "250000",
                "lang": "NLD",
                "lots": [{"title": "Perceel 1", "cpv": "90911200"}],
            }
        )
    )
    assert tender.id == "7"
    assert tender.cpv == ["90911200", "90910000"]
    assert (tender.type, tender.value, tender.lang) == ("services", 250_000, "nl")
    assert tender.lots[0].cpv == ["90911200"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"title": "x", "cpv": ["abc"]}', "cpv: 'abc' is not a CPV code"),
        ('{"title": "x", "type": "gifts"}', "type: 'gifts' is not a contract type"),
        ('{"title": "x", "lang": "de"}', "lang: 'de' is not a supported language"),
        ('{"title": "x", "value": "veel"}', "value: 'veel' is not an amount"),
        # Read as 250 euro before (a thousand times off); Infinity and 1e400 were taken and printed.
        ('{"title": "x", "value": "250.000"}', "value: '250.000' is ambiguous: 250000 or 250?"),
        ('{"title": "x", "value": Infinity}', "value: is too large"),
        ('{"title": "x", "value": 1e400}', "value: is too large"),
        ('{"title": "x", "value": NaN}', "value: nan is not an amount"),
        ('{"title": "x", "value": %s}' % ("9" * 5000), "holds a number with thousands of digits"),
        ('{"title": "x", "value": %s}' % ("9" * 400), "value: is too large"),
        ('{"id": "leeg"}', "nothing to match"),
        ('{"title": "x",}', "is not valid JSON: Expecting property name enclosed in double quotes (column 15)"),
        ("[1, 2]", "holds 2 tenders"),
        # In JSON's words: Python's 'NoneType', 'int' and 'dict' said nothing to a buyer.
        ("null", "is null in JSON, not an object"),
        ("5", "is a number in JSON, not an object"),
        ('{"title": [1]}', "title: is a list, not text"),
    ],
)
def test_bad_json_is_one_clear_line(data: str, message: str) -> None:
    with pytest.raises(TenderError) as excinfo:
        parse_tender(data, fmt="json", where="t.json")
    line = one_line_error(excinfo)
    assert line.startswith("t.json: ") and message in line


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("€ 1.250.000", 1_250_000),
        ("250 000 EUR", 250_000),
        ("1.250.000,50", 1_250_000.5),
        ("12,5", 12.5),
        (250000, 250000),
    ],
)
def test_amounts_are_read_as_people_write_them(value: object, read: float) -> None:
    data = json.dumps({"title": "x", "value": value})
    assert parse_tender(data, fmt="json", where="t.json").value == read


def test_plain_text_first_line_is_the_title_and_cpv_mentions_count() -> None:
    tender = parse_tender("Groenonderhoud stadspark\nMaaien en snoeien. CPV 77310000-6 en 77311000.", fmt="text")
    assert tender.title == "Groenonderhoud stadspark"
    assert tender.description.startswith("Maaien")
    assert tender.cpv == ["77310000", "77311000"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Schoonmaak\nCPV 9091100012345", "9091100012345"),
        ("Schoonmaak\nCPV-code 90911000abc", "90911000abc"),
        ("Schoonmaak\nCPV 7731000012345678", "7731000012345678"),
        ("Schoonmaak\nCPV 77310000, 90911000-66", "90911000-66"),
    ],
)
def test_plain_text_refuses_a_digit_run_that_is_no_cpv_code(text: str, word: str) -> None:
    # Not a code cut out of a longer run: as in every format, the run is refused with one line.
    with pytest.raises(TenderError) as excinfo:
        parse_tender(text, fmt="text", where="t.txt")
    assert (
        one_line_error(excinfo) == f"t.txt: cpv: {word!r} is not a CPV code (use 8 digits, e.g. 77310000 or 77310000-6)"
    )


def test_plain_text_cpv_list_ends_at_a_shorter_number() -> None:
    text = "Groenonderhoud\nCPV 77310000-6, 77311000 en 77312000, 12 maanden. Volgens CPV 2008."
    assert parse_tender(text, fmt="text").cpv == ["77310000", "77311000", "77312000"]


def test_cp1252_text_from_word_is_read_with_a_warning() -> None:
    warnings: list[Problem] = []
    data = "Catering voor het woonzorgcentrum – “café” en crèmes".encode("cp1252")
    tender = parse_tender(data, where="bestek.txt", warn=warnings.append)
    assert tender.description == "Catering voor het woonzorgcentrum – “café” en crèmes"
    assert warnings[0].text("nl").startswith("bestek.txt: is geen UTF-8 (byte 34); gelezen als Windows-1252")
    assert [str(w) for w in warnings] == [
        "bestek.txt: is not UTF-8 (byte 34); read it as Windows-1252 (save it as UTF-8 to be sure)"
    ]


def test_utf16_with_bom_is_read() -> None:
    data = "\ufeffSchoonmaak van kantoren".encode("utf-16-le")
    assert parse_tender(b"\xff\xfe" + data[2:]).description == "Schoonmaak van kantoren"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t ", "is empty"),
        (b"\x81\x8d\x8f\x90" * 3, "is neither UTF-8 nor Windows-1252 text"),
        (b"PK\x03\x04 rest of a docx", "is a ZIP file"),
        (b"%PDF-1.7 ...", "is a PDF"),
        (b"abc\x00\x00def\xff", "is a binary file"),
    ],
)
def test_bad_text_is_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(TenderError) as excinfo:
        parse_tender(data, where="input")
    assert message in one_line_error(excinfo)


def test_very_large_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"groenonderhoud " * (MAX_BYTES // 15 + 1))
    with pytest.raises(TenderError) as excinfo:
        read_tender(path)
    assert "is larger than 5 MB" in one_line_error(excinfo)


def test_missing_file() -> None:
    with pytest.raises(TenderError) as excinfo:
        read_tender("no/such/file.txt")
    assert one_line_error(excinfo) == "no/such/file.txt: does not exist (check the path)"


@pytest.mark.parametrize(
    ("head", "name", "fmt"),
    [
        (b"<?xml", "", "eforms"),
        (b"{}", "x.txt", "json"),
        (b'{"a": 1}\n{"a": 2}\n', "", "jsonl"),
        (b"{}", "x.jsonl", "jsonl"),
        (b"Groenonderhoud", "", "text"),
        (b"Groenonderhoud", "notice.xml", "eforms"),
    ],
)
def test_detect_format(head: bytes, name: str, fmt: str) -> None:
    assert detect_format(head, name) == fmt


def test_compose_tender_lays_options_over_the_text() -> None:
    tender = compose_tender("Onderhoud van parken", title="Groen", cpv=["77310000"], type="services", lang="nl")
    assert (tender.title, tender.description, tender.cpv, tender.type, tender.lang) == (
        "Groen",
        "Onderhoud van parken",
        ["77310000"],
        "services",
        "nl",
    )
    assert compose_tender(None, cpv=["77311000-0"]).cpv == ["77311000"]


# --- batches ------------------------------------------------------------------------------------


def test_jsonl_batch_reports_bad_lines_by_number(tmp_path: Path) -> None:
    path = tmp_path / "tenders.jsonl"
    path.write_text('{"id": "a", "title": "Schoonmaak"}\n\n{"id": "b", "title": }\n{"id": "c", "title": "Groen"}\n')
    found = list(iter_tenders(path))
    assert [n for n, _ in found] == [1, 3, 4]
    assert isinstance(found[1][1], TenderError)
    assert found[1][1].lines() == [
        f"{path}:3: is not valid JSON: Expecting value (column 22) (check the quotes, commas and brackets)"
    ]
    assert [t.id for _, t in found if not isinstance(t, TenderError)] == ["a", "c"]


def test_folder_batch_reads_every_notice() -> None:
    found = list(iter_tenders(DATA / "eforms"))
    assert len(found) == len(EFORMS)
    assert not [t for _, t in found if isinstance(t, TenderError)]
