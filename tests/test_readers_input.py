"""Input a reader must not misread: byte order marks, batches on stdin, binary batches, CPV codes with
something around them, and more lots than --per-lot matches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sociaalaankopen.cli import EXIT_SKIPPED, cli
from sociaalaankopen.errors import Problem, TenderError
from sociaalaankopen.readers import (
    MAX_PER_LOT,
    compose_tender,
    detect_format,
    iter_tenders,
    parse_tender,
    read_tender,
)

DATA = Path(__file__).parent / "data"
OCDS = DATA / "ocds" / "ocds-213czf-000-00001-02-tender.json"
TENDER = {"title": "Onderhoud", "cpv": ["77310000"], "type": "works", "lots": [{"id": "1", "title": "Maaien"}]}


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIAALAANKOPEN_LANG", "en")


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["match", *args], input=input)


def tenders(source: str | Path, fmt: str | None = None) -> list[object]:
    return [t for _, t in iter_tenders(source, fmt)]


# --- 1. byte order marks ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_json_after_a_byte_order_mark_is_json(tmp_path: Path, encoding: str) -> None:
    """Windows PowerShell writes UTF-16 with a BOM: such a .json was read as text, its lots lost."""
    data = ("\ufeff" if not encoding.endswith(("16", "32", "sig")) or encoding == "utf-16-be" else "") + json.dumps(
        TENDER
    )
    path = tmp_path / "u.json"
    path.write_bytes(data.encode(encoding))
    assert detect_format(path.read_bytes()) == "json"
    tender = read_tender(path)
    assert (tender.title, tender.type, [lot.title for lot in tender.lots]) == ("Onderhoud", "works", ["Maaien"])


def test_utf16_eforms_is_detected_as_xml() -> None:
    assert detect_format('<?xml version="1.0" encoding="UTF-16"?><x/>'.encode("utf-16")) == "eforms"


def test_utf16_jsonl_batch_is_decoded_whole(tmp_path: Path) -> None:
    path = tmp_path / "tenders.jsonl"
    path.write_bytes('{"id": "a", "title": "Schoonmaak"}\r\n\r\n{"id": "b", "title": "Groen"}\r\n'.encode("utf-16"))
    found = list(iter_tenders(path))
    assert [(n, getattr(t, "id", t)) for n, t in found] == [(1, "a"), (3, "b")]


def test_utf16_batch_without_extension_and_on_stdin(tmp_path: Path) -> None:
    data = '{"id": "a", "title": "Schoonmaak"}\n{"id": "b", "title": "Groen"}\n'.encode("utf-16")
    path = tmp_path / "tenders.txt"
    path.write_bytes(data)
    assert [t.id for t in tenders(path)] == ["a", "b"]  # type: ignore[attr-defined]
    result = run("--batch", "-", input=data)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "b"]


def test_utf32_text_is_read() -> None:
    assert parse_tender("Schoonmaak van kantoren".encode("utf-32")).description == "Schoonmaak van kantoren"


def test_bad_utf32_is_one_line() -> None:
    with pytest.raises(TenderError) as excinfo:
        parse_tender(b"\xff\xfe\x00\x00" + b"\xff\xff\xff\xff", where="x.txt")
    assert excinfo.value.lines() == ["x.txt: is not valid UTF-32 text (byte 4) (save it as UTF-8)"]


# --- 2. batches on stdin ---------------------------------------------------------------------------


def test_stdin_batch_honours_input_format() -> None:
    result = run("--batch", "-", "--input-format", "ocds", input=OCDS.read_bytes())
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["record"] for line in result.stdout.splitlines()] == [1]


@pytest.mark.parametrize(
    "data",
    [
        OCDS.read_bytes(),  # a pretty-printed package: the first line is no object of its own
        b'\n  {"releases": [{"ocid": "x", "tender": {"title": "Groen"}}]}\n',  # a package on one line
        b'[{"title": "Schoonmaak"}, {"title": "Groen"}]',
        b'[\n {"title": "Schoonmaak"},\n {"title": "Groen"}\n]\n',
    ],
    ids=["ocds", "ocds-one-line", "list", "list-lines"],
)
def test_stdin_batch_detects_a_whole_document(data: bytes) -> None:
    result = run("--batch", "-", input=data)
    assert result.exit_code == 0, result.output
    assert "--batch" not in result.stderr
    assert result.stdout.count("\n") == (1 if b"releases" in data or b"ocid" in data else 2)


def test_stdin_jsonl_still_streams_by_line() -> None:
    result = run("--batch", "-", input='{"id": "a", "title": "Schoonmaak"}\n\n{"id": "b", "title": }\n')
    assert result.exit_code == EXIT_SKIPPED
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a"]
    assert "error: <stdin>:3: is not valid JSON" in result.stderr


def test_stdin_jsonl_longer_than_a_block_keeps_its_lines() -> None:
    lines = "".join(
        json.dumps({"id": str(i), "title": f"Schoonmaak van kantoren, perceel {i}"}) + "\n" for i in range(200)
    )
    result = run("--batch", "-", input=lines)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [str(i) for i in range(200)]


def test_stdin_jsonl_forced_as_json_is_one_error() -> None:
    result = run("--batch", "-", "--input-format", "json", input='{"title": "a"}\n{"title": "b"}\n')
    assert result.exit_code == 1
    assert result.stderr.count("error:") == 1 and "<stdin>: is not valid JSON" in result.stderr


# --- 3. CPV codes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["90911000 abc", "9091100012345", "1" * 5001, "x90911000", "90911000-66"])
def test_garbage_around_a_cpv_code_is_refused_as_with_the_option(code: str) -> None:
    with pytest.raises(TenderError) as excinfo:
        parse_tender(json.dumps({"title": "Schoonmaak", "cpv": [code]}), "json", where="t.json")
    [line] = excinfo.value.lines()
    assert line.startswith("t.json: cpv: '") and "is not a CPV code (use 8 digits" in line
    assert len(line) < 200  # a code of 5,001 digits is not repeated in full
    if len(code) < 20:
        with pytest.raises(TenderError):
            compose_tender("Schoonmaak", cpv=[code])


@pytest.mark.parametrize(
    ("given", "code"),
    [("90911000-6", "90911000"), ("45233130.0", "45233130"), (77310000, "77310000"), ("7731", "77310000")],
)
def test_cpv_codes_as_files_write_them(given: object, code: str) -> None:
    assert parse_tender(json.dumps({"title": "x", "cpv": [given]}), "json").cpv == [code]


@pytest.mark.parametrize("given", [3311000, 3311000.0, "3311000.0", "03311000"])
def test_a_number_that_lost_its_leading_zero_gets_it_back(given: object) -> None:
    # 3311000 is 03311000 (fish), not 33110000 (medical imaging): a spreadsheet dropped the zero.
    assert parse_tender(json.dumps({"title": "Vis", "cpv": [given]}), "json").cpv == ["03311000"]


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("3311000", "'3311000' has 7 digits: 03311000 with its leading zero lost, or 33110000 written short"),
        (3311, "3311 is a number of 4 digits, which may have lost a leading zero"),
        ("331.0", "'331.0' is a number of 3 digits, which may have lost a leading zero"),
    ],
)
def test_a_code_that_could_be_two_codes_is_refused(given: object, said: str) -> None:
    with pytest.raises(TenderError) as excinfo:
        parse_tender(json.dumps({"title": "Vis", "cpv": [given]}), "json", where="t.json")
    [line] = excinfo.value.lines()
    assert line.startswith(f"t.json: cpv: {said} (write")


def test_a_short_code_written_as_text_is_still_a_division_or_group() -> None:
    assert parse_tender(json.dumps({"title": "x", "cpv": ["45", "0311511"]}), "json").cpv == ["45000000", "03115110"]


def test_lot_cpv_is_checked_too() -> None:
    with pytest.raises(TenderError) as excinfo:
        parse_tender(json.dumps({"title": "x", "lots": [{"title": "a", "cpv": ["77310000 and more"]}]}), "json")
    assert "lots[0].cpv: '77310000 and more' is not a CPV code" in excinfo.value.lines()[0]


# --- 4. binary batches ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b'{"title": "a"}\n{"title": "b"}\n' + b"\x00\x01\x02" * 100,
        b"\x81\x8d\x8f\x90\n" * 50,  # neither UTF-8 nor Windows-1252
        b"PK\x03\x04\n rest of a docx",
    ],
    ids=["png", "nul", "undecodable", "zip"],
)
def test_a_binary_batch_is_refused_once(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bin.dat"
    path.write_bytes(data)
    with pytest.raises(TenderError) as excinfo:
        tenders(path)
    assert len(excinfo.value.lines()) == 1
    result = run("--batch", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("error:") == 1, result.stderr
    result = run("--batch", "-", input=data)
    assert result.exit_code == 1 and result.stderr.count("error:") == 1, result.stderr


def test_a_windows_1252_batch_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "tenders.txt"
    path.write_bytes("Catering – café\nSchoonmaak crèche\n".encode("cp1252"))
    warnings: list[Problem] = []
    found = list(iter_tenders(path, "text", warn=warnings.append))
    assert [t.description for _, t in found] == ["Catering – café", "Schoonmaak crèche"]  # type: ignore[union-attr]


# --- 5. --per-lot ------------------------------------------------------------------------------------


def _lots(n: int) -> str:
    return json.dumps({"title": "Groenonderhoud", "lots": [{"id": str(i), "title": "Maaien"} for i in range(n)]})


def test_per_lot_refuses_more_lots_than_it_matches(tmp_path: Path) -> None:
    path = tmp_path / "lots.json"
    path.write_text(_lots(MAX_PER_LOT + 1))
    result = run("--file", str(path), "--per-lot", "--format", "json")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {path}: lots: has {MAX_PER_LOT + 1} lots; --per-lot matches at most {MAX_PER_LOT} lots of a tender"
        " (match it without --per-lot, or split its lots over several tenders)"
    ]
    assert run("--file", str(path), "--format", "json").exit_code == 0  # without --per-lot, it is one tender


def test_per_lot_in_a_batch_skips_only_that_tender(tmp_path: Path) -> None:
    path = tmp_path / "tenders.jsonl"
    path.write_text(_lots(2) + "\n" + _lots(MAX_PER_LOT + 1) + "\n")
    result = run("--batch", str(path), "--per-lot")
    assert result.exit_code == EXIT_SKIPPED
    [line] = result.stdout.splitlines()
    assert len(json.loads(line)["lots"]) == 2
    assert f"error: {path}:2: lots: has {MAX_PER_LOT + 1} lots" in result.stderr


def test_per_lot_matches_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "lots.json"
    path.write_text(_lots(MAX_PER_LOT))
    result = run("--file", str(path), "--per-lot", "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["lots"]) == MAX_PER_LOT
