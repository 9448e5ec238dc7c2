"""`sociaalaankopen match`: the golden JSON contract, the other formats, input options, errors and batches."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import minimal_clause
from sociaalaankopen.cli import EXIT_SKIPPED, cli
from test_matching import COFFEE, RESERVED, SECTOR, TRAINING

FIXTURES = Path(__file__).parent / "fixtures" / "match"
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording; the choice of language is tested in test_messages_cli.py."""
    monkeypatch.setenv("SOCIAALAANKOPEN_LANG", "en")


@pytest.fixture
def catalogue(tmp_catalogue: Callable[[dict[str, str]], Path]) -> str:
    return str(
        tmp_catalogue(
            {
                "groen-voorbehouden.md": RESERVED,
                "proef.md": minimal_clause("proef"),
                "werf-opleiding.md": TRAINING,
                "koffie-fair.md": COFFEE,
                "sectors/groen.md": SECTOR,
            }
        )
    )


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["match", *args], input=input)


def test_json_output_is_the_documented_contract(catalogue: str) -> None:
    result = run(
        "Groenonderhoud en hagen scheren in het stadspark",
        "--cpv",
        "77311000",
        "--format",
        "json",
        "--catalogue",
        catalogue,
    )
    assert result.exit_code == 0, result.output
    golden = FIXTURES / "groenonderhoud.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(json.loads(result.stdout), ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert json.loads(result.stdout) == json.loads(golden.read_text("utf-8"))


def test_text_output_is_a_table(catalogue: str) -> None:
    result = run("Koffie voor de stadsdiensten", "--type", "supplies", "--catalogue", catalogue)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Opdracht: Koffie voor de stadsdiensten"
    assert lines[1].strip() == "nl (herkend) · leveringen"
    # This catalogue has no routes: the report says so, then lists the clauses with a word for the fit.
    assert lines[3] == "Geen route past duidelijk: kies clausules uit de lijst hieronder."
    assert lines[5] == "Clausules:"
    rank, word, clause_id = lines[6].split()[:3]
    assert (rank, clause_id) == ("1", "koffie-fair") and word in ("sterk", "goed", "mogelijk")
    assert lines[6].endswith("Technische specificatie")
    assert "- trefwoord 'koffie'" in result.stdout


def test_markdown_output(catalogue: str) -> None:
    result = run("Café pour les services", "--type", "supplies", "--format", "markdown", "--catalogue", catalogue)
    assert result.exit_code == 0
    assert result.stdout.startswith("## Clauses sociales pour\u00a0: Café pour les services\n")
    assert "1. **Café équitable** (`koffie-fair`, Spécification technique, " in result.stdout
    assert "score" not in result.stdout  # the number stays in JSON


def test_no_match_says_how_to_do_better(catalogue: str) -> None:
    result = run("Onderdelen voor een deeltjesversneller", "--catalogue", catalogue)
    assert result.exit_code == 0
    assert "Geen clausule haalt een score van 10 of meer" in result.stdout


def test_stdin_title_cpv_type_and_lang(catalogue: str) -> None:
    result = run(
        "-",
        "--title",
        "Perceel 3",
        "--cpv",
        "45210000",
        "--lang",
        "en",
        "--format",
        "json",
        "--catalogue",
        catalogue,
        input="Nieuwbouw van een sporthal\n",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["tender"]["title"] == "Perceel 3"
    assert data["tender"]["description"] == "Nieuwbouw van een sporthal"
    assert (data["tender"]["lang"], data["tender"]["type"]) == ("en", "works")
    assert data["tender"]["inferred"] == ["type"]
    assert data["matches"][0]["id"] == "werf-opleiding"
    assert data["matches"][0]["reasons"] == [
        "CPV 45210000 (same code)",
        "works (from CPV): training clauses suit works",
    ]


def test_file_in_any_format(catalogue: str) -> None:
    result = run(
        "--file", str(DATA / "eforms" / "2024-OJS065-00191534.xml"), "--format", "json", "--catalogue", catalogue
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tender"]["id"] == "00191534-2024"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_a_tender_cannot_drive_the_terminal(catalogue: str, tmp_path: Path, fmt: str) -> None:
    """An escape sequence in a tender's title retitled the terminal window ('ESC ] 0;…'), and a bidi
    override made the title show other than it reads: tenders come from anywhere."""
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"title": "Koffie \x1b]0;pwned\x07 \u202eeiffok\x9b31m", "id": "a\x1bb"}), "utf-8")
    result = run("--file", str(path), "--format", fmt, "--catalogue", catalogue)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)["tender"]["title"] if fmt == "json" else result.stdout
    assert "Koffie" in shown and "pwned" in shown
    for character in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert character not in shown


def test_the_amount_is_written_the_way_of_the_output_language(catalogue: str, tmp_path: Path) -> None:
    """An English tender showed 'GBP 1.100.000', with Dutch thousands separators."""
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"title": "Coffee", "value": 1100000, "currency": "GBP", "lang": "en"}), "utf-8")
    assert "GBP 1,100,000" in run("--file", str(path), "--catalogue", catalogue, "--lang", "en").stdout
    assert "GBP 1.100.000" in run("--file", str(path), "--catalogue", catalogue, "--lang", "nl").stdout


def test_cp1252_file_is_read_with_a_warning(catalogue: str, tmp_path: Path) -> None:
    path = tmp_path / "bestek.txt"
    path.write_bytes("Groenonderhoud – “stadspark”".encode("cp1252"))
    result = run("--file", str(path), "--catalogue", catalogue)
    assert result.exit_code == 0
    assert (
        result.stderr == f"warning: {path}: is not UTF-8 (byte 15); read it as Windows-1252 (save it as UTF-8 "
        "to be sure)\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 2, "give the tender: TEXT, --file FILE, '-' to read stdin, or --batch FILE"),
        (["tekst", "--file", "x.txt"], 2, "give the tender as TEXT or as --file, not both"),
        (["tekst", "--workers", "2"], 2, "--workers only applies to --batch"),
        (["--batch", "x.jsonl", "--title", "t"], 2, "--batch reads every tender from its file"),
        (["   "], 1, "error: <text>: is empty (give a title or a description of the purchase)"),
        (["tekst", "--cpv", "7731x"], 1, "error: <options>: --cpv: '7731x' is not a CPV code (use 8 digits"),
        (["--file", "no/such.txt"], 1, "error: no/such.txt: does not exist (check the path)"),
    ],
)
def test_bad_input_is_one_line_and_no_traceback(catalogue: str, args: list[str], code: int, message: str) -> None:
    result = run(*args, "--catalogue", catalogue)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output
    if code == 1:
        assert len(result.stderr.splitlines()) == 1


def test_hostile_xml_is_refused(catalogue: str, tmp_path: Path) -> None:
    path = tmp_path / "notice.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    result = run("--file", str(path), "--catalogue", catalogue)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: refused: the XML declares a DTD or entities")
    assert len(result.stderr.splitlines()) == 1


BATCH = (
    "\n".join(
        [
            '{"id": "a", "title": "Groenonderhoud van het stadspark"}',
            '{"id": "b", "title": "Koffie", "type": "supplies"}',
            '{"id": "c", "title": }',
            "",
            '{"id": "d", "title": "Nieuwbouw", "type": "works"}',
            '{"id": "e"}',
        ]
    )
    + "\n"
)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_skips_bad_records_and_says_so_in_the_exit_code(catalogue: str, tmp_path: Path, workers: str) -> None:
    path = tmp_path / "tenders.jsonl"
    path.write_text(BATCH, "utf-8")
    result = run("--batch", str(path), "--workers", workers, "--top", "1", "--catalogue", catalogue)
    assert result.exit_code == EXIT_SKIPPED == 3
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["id"], line["record"], line["matches"][0]["id"]) for line in lines] == [
        ("a", 1, "groen-voorbehouden"),
        ("b", 2, "koffie-fair"),
        ("d", 5, "werf-opleiding"),
    ]
    assert result.stderr.splitlines() == [
        f"error: {path}:3: is not valid JSON: Expecting value (column 22) (check the quotes, commas and brackets)",
        f"error: {path}:6: has no title, description or CPV code: nothing to match (give at least a title or a "
        "description)",
        "skipped 2 of 5 tenders (exit code 3)",
    ]


def test_batch_from_stdin_and_folders(catalogue: str) -> None:
    result = run("--batch", "-", "--catalogue", catalogue, input='{"id": 1, "title": "Koffie"}\n')
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "1"
    result = run("--batch", str(DATA / "eforms"), "--catalogue", catalogue)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(list((DATA / "eforms").glob("*.xml")))


@pytest.mark.parametrize(
    "content",
    [
        # long enough that the first line ends past the head read to detect the format
        "".join(json.dumps({"id": n, "title": "Koffie", "description": "x " * 3000}) + "\n" for n in range(3)),
        json.dumps([{"id": 1, "title": "Koffie"}, {"id": 2, "title": "Koffie"}]),
    ],
    ids=["jsonl", "json-list"],
)
def test_batch_from_a_pipe(catalogue: str, tmp_path: Path, content: str) -> None:
    """`--batch <(…)` or a named pipe: a source that cannot seek back to its start (was a traceback)."""
    import threading

    pipe = tmp_path / "tenders.pipe"
    os.mkfifo(pipe)

    def write() -> None:
        with pipe.open("w", encoding="utf-8") as f:
            f.write(content)

    writer = threading.Thread(target=write)
    writer.start()
    result = run("--batch", str(pipe), "--catalogue", catalogue, "--top", "1")
    writer.join()
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    expected = ["0", "1", "2"] if content.startswith("{") else ["1", "2"]
    assert [line["id"] for line in lines] == expected
    assert {line["matches"][0]["id"] for line in lines} == {"koffie-fair"}


def test_output_is_the_same_in_every_process(tmp_catalogue: Callable[[dict[str, str]], Path], tmp_path: Path) -> None:
    """Two keywords that explain the same words equally well tie; the first listed wins, whatever the hash seed."""
    import os
    import subprocess
    import sys

    clause = minimal_clause("proef", **{"fr: [espaces verts]": "fr: [zorblat quixe, zorblats quixes]"})
    root = tmp_catalogue({"proef.md": clause})
    outputs = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed), "SOCIAALAANKOPEN_CACHE": str(tmp_path / "cache")}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "sociaalaankopen",
                "match",
                "Entretien des zorblats quixes",
                "--format",
                "json",
                "--catalogue",
                str(root),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["matches"][0]["reasons"][0] == "mot-clé «\u00a0zorblat quixe\u00a0»"


def test_per_lot_matches_each_lot_on_its_own(catalogue: str, tmp_path: Path) -> None:
    tender = {
        "id": "T-1",
        "title": "Heraanleg van het stadspark",
        "type": "works",
        "lots": [
            {
                "id": "1",
                "title": "Bouwwerken op de werf",
                "description": "Funderingen en verharding",
                "cpv": ["45210000"],
            },
            {"id": "2", "title": "Groenonderhoud", "description": "Maaien en hagen scheren", "cpv": ["77311000"]},
        ],
    }
    path = tmp_path / "tender.json"
    path.write_text(json.dumps(tender), "utf-8")
    result = run("--file", str(path), "--per-lot", "--format", "json", "--catalogue", catalogue)
    assert result.exit_code == 0, result.output
    lots = {lot["id"]: [m["id"] for m in lot["matches"]] for lot in json.loads(result.stdout)["lots"]}
    assert lots["1"][0] == "werf-opleiding"
    assert lots["2"][0] == "groen-voorbehouden"
    # Without --per-lot the JSON contract stays as it was: no "lots" key.
    plain = run("--file", str(path), "--format", "json", "--catalogue", catalogue)
    assert "lots" not in json.loads(plain.stdout)
    text = run("--file", str(path), "--per-lot", "--catalogue", catalogue).stdout
    assert "Perceel 2: Groenonderhoud" in text


def test_batch_per_lot_adds_the_lots_to_each_line(catalogue: str, tmp_path: Path) -> None:
    lines = [
        {"id": "met-percelen", "title": "Stadspark", "type": "works",
         "lots": [{"id": "2", "title": "Groenonderhoud", "description": "Hagen scheren", "cpv": ["77311000"]}]},
        {"id": "zonder", "title": "Koffie voor de stadsdiensten", "type": "supplies"},
    ]  # fmt: skip
    path = tmp_path / "tenders.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    for workers in ("1", "2"):
        result = run("--batch", str(path), "--per-lot", "--workers", workers, "--catalogue", catalogue)
        assert result.exit_code == 0, result.output
        first, second = (json.loads(line) for line in result.stdout.splitlines())
        assert first["lots"][0]["id"] == "2"
        assert first["lots"][0]["matches"][0]["id"] == "groen-voorbehouden"
        assert "lots" not in second  # a tender without lots
