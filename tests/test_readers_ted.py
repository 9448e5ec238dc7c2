"""The TED XML export reader (R2.0.9) and the eForms notice facts: what the observatory reads per notice.

Expected values come from reading the sample XML by hand (tests/data/observe/notices/), or are counted
here with regular expressions over the raw XML, never with the readers under test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sociaalaankopen.errors import TenderError
from sociaalaankopen.readers.eforms import parse_xml, read_eforms_notice
from sociaalaankopen.readers.ted import is_ted, read_ted_notice

NOTICES = Path(__file__).parent / "data" / "observe" / "notices"
TED_FILES = sorted(p for p in NOTICES.glob("*.xml") if b"TED_EXPORT" in p.read_bytes()[:400])
TED_FLAGS = {
    "RESTRICTED_SHELTERED_WORKSHOP": "res-ws",
    "RESTRICTED_SHELTERED_PROGRAM": "reserved-execution",
    "RESERVED_ORGANISATIONS_SERVICE_MISSION": "res-pub-ser",
}


def read(path: Path):  # type: ignore[no-untyped-def]
    root = parse_xml(path.read_bytes(), path.name)
    reader = read_ted_notice if is_ted(root) else read_eforms_notice
    return reader(root, path.name, lambda message: None)


def test_samples_cover_the_three_flags_several_forms_and_languages() -> None:
    raw = b"".join(p.read_bytes() for p in TED_FILES)
    for tag in TED_FLAGS:
        assert f"<{tag}/>".encode() in raw
    forms = {m for p in TED_FILES for m in re.findall(rb'FORM="(F\d\d)"', p.read_bytes())}
    languages = {m for p in TED_FILES for m in re.findall(rb"<LG_ORIG>(\w\w)</LG_ORIG>", p.read_bytes())}
    assert len(forms) >= 4 and len(languages) >= 5, (forms, languages)


@pytest.mark.parametrize("path", TED_FILES, ids=lambda p: p.name)
def test_declared_flags_are_the_ones_in_the_xml(path: Path) -> None:
    raw = path.read_text("utf-8")
    expected = {code for tag, code in TED_FLAGS.items() if re.search(rf"<{tag}\s*/?>", raw)}
    notice = read(path)
    assert set(notice.declared) == expected
    assert notice.id == re.search(r'DOC_ID="([^"]+)"', raw).group(1)  # type: ignore[union-attr]
    date = re.search(r"<DATE_PUB>(\d{4})(\d\d)(\d\d)</DATE_PUB>", raw)
    assert date and notice.published == "-".join(date.groups())
    assert notice.lang == re.search(r"<LG_ORIG>(\w+)</LG_ORIG>", raw).group(1).lower()  # type: ignore[union-attr]


def test_a_danish_social_services_notice_read_by_hand() -> None:
    notice = read(NOTICES / "020052-2017.xml")
    assert (notice.kind, notice.country, notice.nuts, notice.nature) == ("prior-information", "DK", "DK05", "services")
    assert (notice.buyer, notice.cpv_main, notice.cpv_other) == ("Region Nordjylland", "79624000", ("79625000",))
    assert (notice.value, notice.value_type, notice.currency) == (12_000_000.0, "estimated", "DKK")
    assert notice.declared_notice == ("res-ws",) and notice.declared_lots == ()
    # Danish is not a language the matcher reads: the tender it gets holds the CPV codes alone.
    assert notice.tender is not None and notice.tender.full_text() == ""
    assert notice.tender.all_cpv() == ["79624000", "79625000"]


def test_an_english_notice_keeps_its_text_for_the_matcher() -> None:
    notice = read(NOTICES / "008441-2018.xml")
    assert notice.lang == "en" and notice.declared == ("res-pub-ser",)
    assert notice.tender is not None and notice.tender.lang == "en" and notice.title in notice.tender.full_text()


def test_an_older_r208_defence_notice_is_read_from_its_coded_data() -> None:
    notice = read(NOTICES / "003424-2021.xml")
    raw = (NOTICES / "003424-2021.xml").read_text("utf-8")
    assert "R2.0.8" in raw
    first_cpv = re.search(r'<ORIGINAL_CPV CODE="(\d{8})"', raw).group(1)  # type: ignore[union-attr]
    assert notice.cpv_main == first_cpv and notice.declared == ()


def test_eforms_codes_per_lot_and_social_objectives() -> None:
    path = NOTICES / "cn_24_maximal.xml"
    raw = path.read_text("utf-8")
    notice = read(path)
    lots = re.findall(r'<cbc:ID schemeName="Lot">(LOT-\d+)</cbc:ID>', raw)
    assert notice.lots == len(set(lots))
    by_lot = dict(notice.declared_lots)
    # Counted from the XML: each lot's section up to the next lot.
    sections = re.split(r"<cac:ProcurementProjectLot>", raw)[1:]
    for section in sections:
        lot_id = re.search(r'schemeName="Lot">(LOT-\d+)<', section)
        if not lot_id:
            continue
        expected = set()
        if re.search(r'listName="reserved-procurement">(res-ws|res-pub-ser)<', section):
            expected |= set(re.findall(r'listName="reserved-procurement">(res-ws|res-pub-ser)<', section))
        if 'listName="reserved-execution">yes<' in section:
            expected.add("reserved-execution")
        assert set(by_lot.get(lot_id.group(1), ())) == expected
    assert notice.social_objectives == tuple(sorted(set(re.findall(r'listName="social-objective">([\w-]+)<', raw))))


def test_a_real_belgian_eforms_notice() -> None:
    notice = read(NOTICES / "2024-OJS056-00163529.xml")
    assert (notice.id, notice.country, notice.nuts, notice.lang) == ("00163529-2024", "BE", "BE211", "nl")
    assert notice.published == "2024-03-19" and notice.kind == "contract-notice"
    assert notice.buyer.startswith("Haven van Antwerpen-Brugge") and notice.declared == ()


def test_a_doctype_is_refused() -> None:
    hostile = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><TED_EXPORT>&e;</TED_EXPORT>'
    with pytest.raises(TenderError, match="DTD"):
        parse_xml(hostile, "hostile.xml")


def test_a_notice_in_two_original_languages_is_read_in_the_first() -> None:
    """LG_ORIG 'FR NL' (a Belgian defence notice with a French and a Dutch original) became the language
    'fr nl', with no title and nothing for the matcher to read."""
    import tarfile

    with tarfile.open(NOTICES.parent / "ted-export-2014-2022.tar.xz") as archive:
        member = next(m for m in archive if m.name.endswith("/308849-2021.xml"))
        raw = archive.extractfile(member).read()  # type: ignore[union-attr]
    assert b"<LG_ORIG>FR NL</LG_ORIG>" in raw
    notice = read_ted_notice(parse_xml(raw, "308849-2021.xml"), "308849-2021.xml", lambda message: None)
    assert notice.lang == "fr" and notice.title
    assert notice.tender is not None and notice.tender.lang == "fr" and notice.tender.title == notice.title
