"""A new user's mistakes: each one gives one line on stderr and a non-zero exit code, never a traceback."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import minimal_clause
from sociaalaankopen.cli import cli

Catalogue = Callable[[dict[str, str]], Path]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_error(result: Result, code: int = 1) -> str:
    """The one error line of a failed command."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_check_refuses_an_empty_folder(tmp_path: Path) -> None:
    line = one_error(run("check", str(tmp_path)))
    assert (
        line
        == f"error: {tmp_path}: holds no clause files (pass the catalogue folder: one NAME.md file per clause, with YAML front matter)"
    )


def test_check_refuses_a_folder_with_examples_but_no_clause(tmp_catalogue: Catalogue) -> None:
    """`check --strict examples/` (the tenders folder, not a catalogue) said "ok: 0 clauses"."""
    root = tmp_catalogue({"examples/README.md": "# notes\n"})
    (root / "groenonderhoud.txt").write_text("Groenonderhoud", "utf-8")
    assert one_error(run("check", "--strict", str(root))).startswith(f"error: {root}: holds no clause files")


def test_a_cpv_code_that_is_not_eight_digits_is_an_error(tmp_catalogue: Catalogue) -> None:
    root = str(tmp_catalogue({"proef.md": minimal_clause()}))
    line = one_error(run("match", "groenonderhoud", "--cpv", "123", "--catalogue", root))
    assert line == "error: <options>: --cpv: '123' is not a CPV code (use 8 digits, e.g. 77310000 or 77310000-6)"
    assert one_error(run("match", "groenonderhoud", "--cpv", "773100001", "--catalogue", root))


def test_an_eight_digit_code_outside_cpv_2008_stays_a_warning(tmp_catalogue: Catalogue) -> None:
    root = str(tmp_catalogue({"proef.md": minimal_clause()}))
    result = run("match", "groenonderhoud", "--cpv", "12345678", "--catalogue", root)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: <options>: --cpv: 12345678 is not in the CPV 2008 list; matched on its digits only\n"
    )
    assert run("match", "groenonderhoud", "--cpv", "77310000-6", "--catalogue", root).exit_code == 0


@pytest.fixture
def tiny_site(tmp_catalogue: Catalogue, tmp_path: Path) -> list[str]:
    """The options of a guide of one chapter over a catalogue of one clause."""
    catalogue = tmp_catalogue({"proef.md": minimal_clause()})
    guide = tmp_path / "guide"
    guide.mkdir()
    (guide / "01-waarom.md").write_text("---\ntitle: Waarom\nsummary: Kort.\n---\n\n## Werk\n\nTekst.\n", "utf-8")
    return ["--catalogue", str(catalogue), "--guide", str(guide), "--no-search"]


def test_guide_build_to_a_place_that_cannot_be_written(tiny_site: list[str], tmp_path: Path) -> None:
    blocker = tmp_path / "een-bestand"
    blocker.write_text("", "utf-8")
    out = blocker / "site"  # its parent is a file: no folder can be made there
    line = one_error(run("guide", "build", "--out", str(out), *tiny_site))
    assert line.startswith(f"error: {out}: cannot be written: ")
    assert line.endswith("(choose a folder you can write to, e.g. --out site)")


def test_guide_serve_on_a_busy_port(tiny_site: list[str], tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("guide", "serve", "--port", str(port), "--out", str(tmp_path / "site"), *tiny_site)
    line = one_error(result)
    assert (
        line == f"error: 127.0.0.1:{port}: is in use by another program (choose another port, e.g. --port {port + 1})"
    )
    assert not (tmp_path / "site").exists()  # refused before building anything
