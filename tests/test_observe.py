"""`sociaalaankopen observe`: inputs and archives, what it counts, its three outputs, filters and engines.

Counts are checked against counts made here from the raw XML with regular expressions, never with the
readers under test. The full test uses the 3,104 real notices of tests/data/observe/ted-export-2014-2022.tar.xz.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import shutil
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sociaalaankopen.cli import cli

DATA = Path(__file__).parent / "data" / "observe"
NOTICES = DATA / "notices"
ARCHIVE = DATA / "ted-export-2014-2022.tar.xz"

# How each declared code shows in the raw XML: TED R2.0.9 elements and eForms code values.
PATTERNS = {
    "res-ws": [
        rb"<RESTRICTED_SHELTERED_WORKSHOP\s*/?>",
        rb"<RESTRICTED_TO_SHELTERED_WORKSHOPS\s*/?>",  # the defence forms 16 and 17
        rb'listName="reserved-procurement">\s*res-ws\s*<',
    ],
    "res-pub-ser": [
        rb"<RESERVED_ORGANISATIONS_SERVICE_MISSION\s*/?>",
        rb'listName="reserved-procurement">\s*res-pub-ser\s*<',
    ],
    "reserved-execution": [
        rb"<RESTRICTED_SHELTERED_PROGRAM\s*/?>",
        rb"<RESTRICTED_TO_FRAMEWORK\s*/?>",
        rb'listName="reserved-execution">\s*yes\s*<',
    ],
    "soc-obj": [rb'listName="strategic-procurement">\s*soc-obj\s*<'],
}


def independent_counts(files: list[bytes]) -> dict[str, int]:
    counts = {
        code: sum(1 for raw in files if any(re.search(p, raw) for p in patterns)) for code, patterns in PATTERNS.items()
    }
    counts["any"] = sum(1 for raw in files if any(re.search(p, raw) for ps in PATTERNS.values() for p in ps))
    return counts


# The TED forms with a section for reserved contracts (their FORM attribute), as the TED schemas have them.
RESERVATION_FORMS = {b"F01", b"F02", b"F04", b"F05", b"F07", b"F21", b"F22", b"F23", b"F24", b"16", b"17"}


def archive_notices() -> list[bytes]:
    """The archive's notices, each publication number once (the first file that has it, as observe keeps)."""
    with tarfile.open(ARCHIVE) as archive:
        files = [archive.extractfile(m).read() for m in archive if m.isfile() and m.name.endswith(".xml")]  # type: ignore[union-attr]
    assert len(files) == 3104
    first: dict[bytes, bytes] = {}
    for raw in files:
        found = re.search(rb'DOC_ID="([^"]+)"', raw)
        first.setdefault(found.group(1) if found else raw, raw)
    return list(first.values())


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["observe", *args], catch_exceptions=False)


def summary(out: Path) -> dict[str, Any]:
    return dict(json.loads((out / "summary.json").read_text("utf-8")))


def rows(out: Path) -> list[dict[str, str]]:
    with (out / "notices.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording; the choice of language is tested in test_messages_cli.py."""
    monkeypatch.setenv("SOCIAALAANKOPEN_LANG", "en")


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One run over the 3,104 real notices, on two processes, shared by the tests that read its outputs."""
    out = tmp_path_factory.mktemp("full") / "out"
    result = run(str(ARCHIVE), "--out", str(out), "--workers", "2", "--lang", "en")  # (a module's fixture)
    # Two publication numbers come twice in the archive (000050-2020.xml and 000050_2020.xml; 057196-2021
    # also as example.xml): each counts once, and the second file gets a line and exit code 3.
    assert result.exit_code == 3, result.stderr
    twice = [line for line in result.stderr.splitlines() if "of an earlier notice: counted once" in line]
    assert len(twice) == 2 and "000050_2020.xml" in twice[0] and "000050-2020" in twice[0], result.stderr
    assert "Traceback" not in result.output
    return out


def test_full_archive_counts_equal_counts_made_from_the_xml(full: Path) -> None:
    files = archive_notices()
    data = summary(full)
    assert data["notices"] == len(files) == 3102 and data["skipped"] == 2
    # The report says which files it left out, not only how many.
    assert [s["where"].rsplit("/", 1)[1] for s in data["skipped_first"]] == ["000050_2020.xml", "057196-2021.xml"]
    assert "één keer geteld" in data["skipped_first"][0]["lines"]["nl"][0]
    report = (full / "report.html").read_text("utf-8")
    assert "000050_2020.xml</code>: " in report and "057196-2021.xml</code>: " in report
    assert data["declared"] == independent_counts(files)
    assert (
        data["declared"]["res-ws"] > 0
        and data["declared"]["reserved-execution"] > 0
        and data["declared"]["res-pub-ser"] > 0
    )
    table = rows(full)
    assert len(table) == 3102
    for code in ("res-ws", "res-pub-ser", "reserved-execution", "soc-obj"):
        assert sum(code in row["declared"].split() for row in table) == data["declared"][code]


def test_summary_has_the_keys_of_the_issue(full: Path) -> None:
    data = summary(full)
    for key in ("notices", "skipped", "declared", "by_year", "by_country", "by_cpv_division", "opportunities"):
        assert key in data
    assert set(data["declared"]) == {"res-ws", "res-pub-ser", "reserved-execution", "soc-obj", "any"}
    assert sum(g["notices"] for g in data["by_year"].values()) == data["notices"]
    assert sum(g["notices"] for g in data["by_country"].values()) == data["notices"]
    assert data["opportunities"] == sum(row["opportunity"] == "yes" for row in rows(full))
    assert len(data["top_opportunities"]) == min(50, data["opportunities"])
    fits = [o["fit"] for o in data["top_opportunities"]]
    assert fits == sorted(fits, reverse=True) and all(f >= data["potential"]["strong_fit"] for f in fits)
    assert all(
        not set(o["declared"]) & {"res-ws", "res-pub-ser", "reserved-execution"} for o in data["top_opportunities"]
    )


def test_summary_follows_its_printed_schema(full: Path) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads(CliRunner().invoke(cli, ["schema", "--of", "observe"]).output)
    validator = Draft202012Validator(schema)
    data = summary(full)
    assert data["schema_version"] == "1.1"
    assert [e.message for e in validator.iter_errors(data)] == []
    del data["by_country"]
    assert [e.message for e in validator.iter_errors(data)] == ["'by_country' is a required property"]


def test_shares_count_only_notices_whose_form_can_declare_a_reservation(full: Path) -> None:
    # An award notice, a corrigendum or a modification has no place for a reservation: counted as "no
    # declaration", it made the share of social notices look half as large (2,5 % where it is 4,3 %).
    files = archive_notices()

    def form(raw: bytes) -> bytes:
        found = re.search(rb'CATEGORY="ORIGINAL"[^>]*FORM="([^"]+)"|FORM="([^"]+)"[^>]*CATEGORY="ORIGINAL"', raw)
        found = found or re.search(rb'FORM="([^"]+)"', raw)
        return (found.group(1) or found.group(2)) if found else b""

    def eforms_with_the_field(raw: bytes) -> bool:  # eForms notices in the archive all state BT-71
        return b"TED_EXPORT" not in raw[:500] and b'listName="reserved-procurement"' in raw

    declaring = [raw for raw in files if form(raw) in RESERVATION_FORMS or eforms_with_the_field(raw)]
    data = summary(full)
    assert data["can_declare"] == len(declaring)
    assert 1_600 < data["can_declare"] < 1_700  # of 3,102: about 1,450 notices cannot declare
    assert data["declared"]["any"] == independent_counts(declaring)["any"]
    # Award notices: only those on the social-services forms (F21-F23) have the place.
    assert data["by_kind"]["award"]["can_declare"] < data["by_kind"]["award"]["notices"] / 3
    # TED corrigenda (F14) have none; the two eForms change notices repeat the notice, with BT-71.
    assert data["by_kind"]["corrigendum"]["can_declare"] == 2
    table = rows(full)
    assert sum(row["can_declare"] == "yes" for row in table) == data["can_declare"]
    # Nor is such a notice an opportunity: it cannot say whether its contract was reserved.
    assert not [row["id"] for row in table if row["opportunity"] == "yes" and row["can_declare"] == "no"]
    assert data["opportunities"] == sum(g["opportunities"] for g in data["by_kind"].values())
    html = (full / "report.html").read_text("utf-8")
    share = f"{100 * data['declared']['any'] / data['can_declare']:.1f}".replace(".", ",")
    assert f"({share} %)" in html


def test_the_report_says_which_award_notices_and_corrigenda_can_declare(full: Path) -> None:
    """The report's opening said that an award notice and a corrigendum have no place to declare a
    reservation, while its table counted 244 award notices (F21-F23) and 2 eForms change notices that can."""
    data = summary(full)
    assert data["by_kind"]["award"]["can_declare"] > 0 and data["by_kind"]["corrigendum"]["can_declare"] > 0
    html = (full / "report.html").read_text("utf-8")
    opening = re.search(r"<p>Elk aandeel is berekend op .*?</p>", html, flags=re.S)
    assert opening, html[:3000]
    text = " ".join(opening.group(0).split())
    assert "behalve in de formulieren voor sociale en andere specifieke diensten (F21 tot F23)" in text, text
    assert (
        "Een eForms-aankondiging heeft die plaats als ze een vooraankondiging of aankondiging van opdracht is" in text
    )
    assert "of als ze het voorbehoud (BT-71, BT-736) vermeldt" in text, text


def test_defence_forms_declare_their_reservations(full: Path) -> None:
    # Forms 16 and 17 tick RESERVED_CONTRACTS/RESTRICTED_TO_SHELTERED_WORKSHOPS and RESTRICTED_TO_FRAMEWORK.
    table = {row["id"]: row for row in rows(full)}
    for notice in ("008473-2021", "054033-2021", "359980-2022"):
        assert table[notice]["declared"] == "res-ws reserved-execution", table[notice]
        assert table[notice]["can_declare"] == "yes"


def test_by_country_equals_the_countries_in_the_xml(full: Path) -> None:
    files = archive_notices()
    belgian = sum(
        1
        for raw in files
        if re.search(rb'<ISO_COUNTRY VALUE="BE"', raw)
        or (b"TED_EXPORT" not in raw[:500] and re.search(rb'listName="country">BEL<', raw))
    )
    assert summary(full)["by_country"]["BE"]["notices"] == belgian


def test_csv_columns(full: Path) -> None:
    header = (full / "notices.csv").read_text("utf-8-sig").split("\n", 1)[0]
    assert header.split(",") == [
        "id", "source", "published", "kind", "buyer", "country", "nuts", "nature", "cpv_main", "cpv_other",
        "value", "value_type", "currency", "lots", "language", "title", "can_declare", "declared", "declared_notice",
        "declared_lots", "social_objectives", "potential_route", "potential_fit", "potential_basis",
        "reservation_route", "reservation_fit", "opportunity", "file",
    ]  # fmt: skip
    row = next(r for r in rows(full) if r["id"] == "020052-2017")
    assert (row["country"], row["kind"], row["language"], row["declared"]) == (
        "DK",
        "prior-information",
        "da",
        "res-ws",
    )
    assert row["potential_basis"] in ("cpv", "")  # Danish: from the CPV codes alone


def test_notices_csv_starts_with_the_utf_8_mark_that_excel_needs(full: Path) -> None:
    """Without the byte order mark, Excel on a Belgian Windows reads UTF-8 as Windows-1252 ("PrÃ©fecture");
    with it, Excel and Power Query read the accents as written. Python reads it with encoding="utf-8-sig"."""
    raw = (full / "notices.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8 + b"id,source,published,")
    assert raw.count(codecs.BOM_UTF8) == 1
    buyers = {r["buyer"] for r in rows(full)}
    assert "Préfecture de Corse — SGAC" in buyers


def test_report_numbers_its_chart_axes_as_a_dutch_reader_writes(full: Path) -> None:
    import html as html_module

    page = (full / "report.html").read_text("utf-8")
    ticks = [html_module.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", page)]
    numbers = [t for t in ticks if re.fullmatch(r"[0-9.,]+", t)]
    assert numbers and not [t for t in numbers if re.fullmatch(r"[0-9]+\.[0-9]+", t)], numbers
    # The buyers are the busiest 20 of summary.json: the report does not claim they are all.
    buyers = page.split('id="buyer"', 1)[1].split("</p>", 1)[0]
    assert "in totaal" not in buyers


def test_report_sections_read_as_sentences_and_keep_cpv_in_capitals(full: Path) -> None:
    """The section on CPV divisions read "De 15 CPV-afdelingen … aankondigingen. (45 in totaal) Het aandeel",
    and its table's first column was headed "Cpv-afdeling"."""
    page = (full / "report.html").read_text("utf-8")
    countries = len(summary(full)["by_country"])
    intro = page.split('id="country"', 1)[1].split("<p>", 1)[1].split("</p>", 1)[0]
    assert intro.startswith(
        f"De 15 landen met de meeste aankondigingen, van de {countries} in totaal. "
        "Het aandeel van de waarde telt alleen bedragen in euro."
    ), intro
    assert "in totaal)" not in page
    heads = re.findall(r'<thead><tr><th scope="col">([^<]*)</th>', page)
    assert heads[:7] == [
        "Code",
        "Jaar",
        "Land",
        "CPV-afdeling",
        "Soort opdracht",
        "Soort aankondiging",
        "Aanbesteder",
    ], heads


def test_a_share_that_cannot_be_computed_is_not_drawn_as_zero(full: Path) -> None:
    """No voluntary ex-ante notice can declare a reservation: its share is "–" in the table, and the chart
    drew it as an empty bar, the same as the 0 % of a kind that could declare and did not. The chart marks
    it "n.v.t.", and the report says what a dash means."""
    import html as html_module

    data = summary(full)
    assert data["by_kind"]["voluntary-ex-ante"]["can_declare"] == 0
    page = (full / "report.html").read_text("utf-8")
    kinds = page.split('id="kind"', 1)[1].split("</section>", 1)[0]
    svg = kinds.split("<svg", 1)[1].split("</svg>", 1)[0]
    texts = [html_module.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    not_applicable = [k for k, g in data["by_kind"].items() if not g["can_declare"]]
    assert texts.count("n.v.t.") == len(not_applicable) > 0, texts
    legend = "Een streepje (–): geen enkele aankondiging in die rij kan een voorbehoud verklaren"
    assert legend in " ".join(kinds.split())


def test_a_count_chart_has_whole_numbers_on_its_axis() -> None:
    from sociaalaankopen.observe.charts import bar_chart

    svg = bar_chart(["res-ws", "soc-obj"], [1, 0], label="per code", unit="aankondigingen", counts=True)
    ticks = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "0,2" not in ticks and "0.2" not in ticks and "1" in ticks, ticks
    svg = bar_chart(["2021"], [2.5], label="per jaar")
    assert "2,5" in re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_report_is_the_same_bytes_every_run(tmp_path: Path) -> None:
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"run{n}"
        assert run(str(NOTICES), "--out", str(out)).exit_code == 0
        outputs.append({name: (out / name).read_bytes() for name in ("report.html", "summary.json")})
    assert outputs[0] == outputs[1]
    html = outputs[0]["report.html"].decode("utf-8")
    assert html.count("<svg") >= 5 and html.count("<table") >= 5 and '<html lang="nl">' in html
    assert "<script" not in html and "http://" not in html.split("<svg", 1)[0].split("</style>", 1)[1]


def test_archives_give_the_same_notices_as_the_folder(tmp_path: Path) -> None:
    files = sorted(NOTICES.iterdir())
    with zipfile.ZipFile(tmp_path / "notices.zip", "w") as z:
        for f in files:
            z.write(f, f"notices/{f.name}")
    with tarfile.open(tmp_path / "notices.tar.gz", "w:gz") as t:
        for f in files:
            t.add(f, f"notices/{f.name}")
    results = {}
    for source in (NOTICES, tmp_path / "notices.zip", tmp_path / "notices.tar.gz"):
        out = tmp_path / f"out-{Path(source).name}"
        assert run(str(source), "--out", str(out)).exit_code == 0
        data = summary(out)
        results[Path(source).name] = (data["notices"], data["declared"], data["by_country"])
    assert len(set(map(repr, results.values()))) == 1
    assert results["notices"][0] == len(files)  # one notice per file: the OCDS package holds one process


def test_archives_are_not_unpacked_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("an archive was unpacked to disk")

    for name in ("extract", "extractall"):
        monkeypatch.setattr(tarfile.TarFile, name, refuse)
        monkeypatch.setattr(zipfile.ZipFile, name, refuse)
    with tarfile.open(tmp_path / "n.tar.xz", "w:xz") as t:
        t.add(NOTICES / "020052-2017.xml", "020052-2017.xml")
    assert run(str(tmp_path / "n.tar.xz"), "--out", str(tmp_path / "out")).exit_code == 0
    assert summary(tmp_path / "out")["notices"] == 1


def _tar_with(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as t:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))


def test_members_with_absolute_paths_or_dotdot_are_refused(tmp_path: Path) -> None:
    good = (NOTICES / "020052-2017.xml").read_bytes()
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as z:
        z.writestr("../../escape.xml", good)
        z.writestr("/etc/abs.xml", good)
        z.writestr("fine/020052-2017.xml", good)
    other = (NOTICES / "000149-2017.xml").read_bytes()  # another notice: the same one twice counts once
    _tar_with(tmp_path / "evil.tar.gz", {"a/../../up.xml": good, "/abs.xml": good, "ok.xml": other})
    result = run(str(tmp_path / "evil.zip"), str(tmp_path / "evil.tar.gz"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4 and all("refused" in line for line in errors)
    assert sum("'..'" in line for line in errors) == 2 and sum("absolute path" in line for line in errors) == 2
    assert not (tmp_path / "escape.xml").exists() and not (tmp_path.parent / "escape.xml").exists()
    data = summary(tmp_path / "out")
    assert (data["notices"], data["skipped"]) == (2, 4)
    # Said whole in Dutch: 'het bestand in het archief has a '..' part in its path' mixed two languages.
    from click.testing import CliRunner

    from sociaalaankopen.cli import cli

    dutch = CliRunner().invoke(
        cli, ["observe", str(tmp_path / "evil.zip"), "--out", str(tmp_path / "nl")], env={"SOCIAALAANKOPEN_LANG": "nl"}
    )
    refused = "geweigerd: het bestand in het archief heeft een '..' in zijn pad (pak het archief opnieuw in)"
    assert f"error: {tmp_path / 'evil.zip'}:../../escape.xml: {refused}" in dutch.stderr.splitlines()


def test_an_unreadable_notice_is_one_line_and_exit_3(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(NOTICES, folder)
    (folder / "broken.xml").write_bytes(b"<TED_EXPORT><CODED_DATA_SECTION>")
    (folder / "notocds.json").write_text('{"hello": "world"}', "utf-8")
    result = run(str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert "broken.xml: is not well-formed XML" in errors[0] and "notocds.json" in errors[1]
    assert "Traceback" not in result.output
    assert "\r" not in result.stderr  # no progress line when stderr is not a terminal
    data = summary(tmp_path / "out")
    assert (data["notices"], data["skipped"]) == (len(list(NOTICES.iterdir())), 2)


def test_the_closing_line_does_not_call_a_notice_given_twice_unreadable(tmp_path: Path) -> None:
    """The last line of a run that skipped only a copy says what the report's tile says ("onleesbaar of
    dubbel"), not that a notice could not be read, and in Dutch one notice is one notice."""
    folder = tmp_path / "in"
    shutil.copytree(NOTICES, folder)
    shutil.copy(NOTICES / "000149-2017.xml", folder / "000149-2017-copy.xml")
    english = run(str(folder), "--out", str(tmp_path / "en"))
    assert english.exit_code == 3
    assert english.stderr.splitlines()[-1] == "skipped (unreadable or given twice): 1 notice (exit code 3)"
    dutch = run(str(folder), "--out", str(tmp_path / "nl"), "--lang", "nl")
    assert dutch.stderr.splitlines()[-1] == "overgeslagen (onleesbaar of dubbel): 1 aankondiging (afsluitcode 3)"


def test_ocds_jsonl_of_releases(tmp_path: Path) -> None:
    package = json.loads((NOTICES / "ocds-213czf-000-00001-02-tender.json").read_text("utf-8"))
    release = package["releases"][0]
    reserved = json.loads(json.dumps(release))
    reserved["ocid"] = "ocds-test-2"
    reserved["tender"]["otherRequirements"] = {"reservedParticipation": ["shelteredWorkshop"]}
    lines = "\n".join(json.dumps(r) for r in (release, reserved)) + "\n"
    (tmp_path / "releases.jsonl").write_text(lines, "utf-8")
    assert run(str(tmp_path / "releases.jsonl"), "--out", str(tmp_path / "out")).exit_code == 0
    data = summary(tmp_path / "out")
    assert data["notices"] == 2 and data["declared"]["res-ws"] == 1


def test_filters(tmp_path: Path) -> None:
    assert run(str(NOTICES), "--out", str(tmp_path / "all")).exit_code == 0
    everything = rows(tmp_path / "all")
    out = tmp_path / "some"
    result = run(
        str(NOTICES),
        "--out",
        str(out),
        "--country",
        "be",
        "--country",
        "UK",
        "--since",
        "2018-01-01",
        "--until",
        "2024-03-19",
    )
    assert result.exit_code == 0, result.stderr
    expected = [
        r for r in everything if r["country"] in ("BE", "GB") and "2018-01-01" <= r["published"] <= "2024-03-19"
    ]
    kept = rows(out)
    assert kept and [r["id"] for r in kept] == [r["id"] for r in expected] and len(kept) < len(everything)
    data = summary(out)
    assert data["filtered_out"] == len(everything) - len(kept)
    assert data["filters"] == {"country": ["BE", "GB"], "since": "2018-01-01", "until": "2024-03-19", "kind": []}
    out = tmp_path / "awards"
    assert run(str(NOTICES), "--out", str(out), "--kind", "award", "--kind", "voluntary-ex-ante").exit_code == 0
    assert {r["kind"] for r in rows(out)} == {"award", "voluntary-ex-ante"}
    assert len(rows(out)) == sum(r["kind"] in ("award", "voluntary-ex-ante") for r in everything)


def test_bad_options_are_one_line_each(tmp_path: Path) -> None:
    result = run(str(NOTICES), "--out", str(tmp_path / "o"), "--since", "2020-13-01", "--country", "Belgium")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: --since: '2020-13-01' is not a date (write it as YYYY-MM-DD)",
        "error: --country: 'Belgium' is not a country code (use two letters, e.g. BE)",
    ]
    result = run(str(tmp_path / "missing"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1 and "does not exist" in result.stderr
    # Dates the wrong way round kept nothing and said nothing (exit 0, zero notices).
    result = run(str(NOTICES), "--out", str(tmp_path / "o"), "--since", "2024-01-01", "--until", "2023-01-01")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: --since: 2024-01-01 is after --until 2023-01-01: no notice can be kept (swap the two dates)"
    ]


def test_existing_outputs_are_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(NOTICES), "--out", str(out)).exit_code == 0
    before = (out / "summary.json").read_bytes()
    result = run(str(NOTICES), "--out", str(out), "--country", "BE")
    assert result.exit_code == 1 and "already exists" in result.stderr and "--force" in result.stderr
    assert (out / "summary.json").read_bytes() == before
    assert run(str(NOTICES), "--out", str(out), "--country", "BE", "--force").exit_code == 0
    assert summary(out)["filters"]["country"] == ["BE"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left behind


def test_two_workers_give_the_same_output_in_the_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sociaalaankopen.observe import run as pipeline

    monkeypatch.setattr(pipeline, "CHUNK", 2)  # many small chunks, so the order of their results matters
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / workers
        # The folder twice: the second time every notice is one given before, skipped with a line (exit 3).
        result = run(str(NOTICES), str(NOTICES), "--out", str(out), "--workers", workers)
        assert result.exit_code == 3
        assert len(result.stderr.splitlines()) == 2 + len(list(NOTICES.iterdir())), result.stderr
        outputs.append([(out / n).read_bytes() for n in ("notices.csv", "summary.json", "report.html")])
    assert outputs[0] == outputs[1]


def test_dask_engine_on_a_local_cluster_gives_the_same_summary(tmp_path: Path, full: Path) -> None:
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        out = tmp_path / "dask"
        result = run(str(ARCHIVE), "--out", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 3, result.stderr  # two publication numbers come twice (see `full`)
    assert (out / "summary.json").read_bytes() == (full / "summary.json").read_bytes()
    assert (out / "notices.csv").read_bytes() == (full / "notices.csv").read_bytes()


def test_dask_not_installed_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    result = run(str(NOTICES), "--out", str(tmp_path / "o"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: --engine dask: needs Dask, which is not installed (pip install 'sociaalaankopen[dask]')"
    ]


def test_the_buyer_table_stays_bounded_and_keeps_the_busiest(monkeypatch: pytest.MonkeyPatch) -> None:
    from sociaalaankopen.observe import summary as aggregation
    from sociaalaankopen.observe.extract import Observed
    from sociaalaankopen.readers.notice import NoticeFacts

    monkeypatch.setattr(aggregation, "BUYERS_KEPT", 10)
    table = aggregation.Summary()
    for n in range(1000):
        buyer = f"busy {n % 3}" if n % 2 == 0 else f"once {n}"  # three busy buyers among 500 single ones
        table.add(Observed("x", NoticeFacts(id=str(n), source="ted", buyer=buyer, country="BE"), None))
        assert len(table.buyers) <= 20
    top = list(table.to_dict()["by_buyer"].items())[:3]
    assert [(name, group["notices"]) for name, group in top] == [
        ("busy 0 (BE)", 167),
        ("busy 2 (BE)", 167),
        ("busy 1 (BE)", 166),
    ]


def test_a_notice_no_reader_foresaw_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sociaalaankopen.readers import ted

    def surprised(*args: Any) -> None:
        raise KeyError("FORM")

    monkeypatch.setattr(ted, "read_ted_notice", surprised)
    result = run(str(NOTICES / "020052-2017.xml"), str(NOTICES / "cn_24_maximal.xml"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {NOTICES / '020052-2017.xml'}: could not be read (KeyError: 'FORM') (please report this notice)"
    ]
    assert summary(tmp_path / "o")["notices"] == 1
