"""The CLI: exact output for the foundation commands, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import minimal_clause
from sociaalaankopen import __version__
from sociaalaankopen.cli import cli


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_version():
    result = run("--version")
    assert result.output == f"sociaalaankopen, version {__version__}\n"


def test_check_ok(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    result = run("check", str(root))
    assert result.exit_code == 0
    assert result.output == "ok: 1 clausule, 0 voorbeelden, 0 sectoren\n"
    assert run("check", str(root), "--lang", "en").output == "ok: 1 clause, 0 examples, 0 sectors\n"
    assert run("check", str(root), "--lang", "fr").output == "ok\u00a0: 1 clause, 0 exemple, 0 secteur\n"


def test_check_reports_unknown_instrument_in_one_line(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"performance_condition": "magic"})})
    result = run("check", str(root), "--lang", "en")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {root / 'proef.md'}: instrument: 'magic' is not allowed (use one of ")
    assert "Traceback" not in result.output


def test_check_strict_fails_on_warnings(tmp_catalogue):
    text = minimal_clause().replace("## Clausetekst (en)\n\nThe contractor performs {{ uren }} hours.\n\n", "")
    root = tmp_catalogue({"proef.md": text})
    assert run("check", str(root)).exit_code == 0
    result = run("check", "--strict", str(root))
    assert result.exit_code == 1
    assert (
        result.output.splitlines()[-1] == "error: 1 waarschuwing met --strict (1 clausule, 0 voorbeelden, 0 sectoren)"
    )


def test_clauses_list_exact_output(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(), "tweede.md": minimal_clause("tweede")})
    result = run("clauses", "list", "--catalogue", str(root))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "id      instrument             ambitie  titel\n"
        "------  ---------------------  -------  -----\n"
        "proef   Uitvoeringsvoorwaarde  1        Titel\n"
        "tweede  Uitvoeringsvoorwaarde  1        Titel\n"
    )
    result = run("clauses", "list", "--lang", "fr", "--catalogue", str(root))
    assert result.output.splitlines()[:3] == [
        "id      instrument             ambition  titre",
        "------  ---------------------  --------  -----",
        "proef   Condition d'exécution  1         Titre",
    ]


def test_clauses_list_filters_and_json(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    result = run(
        "clauses", "list", "--theme", "employment", "--lang", "fr", "--format", "json", "--catalogue", str(root)
    )
    assert json.loads(result.output) == [
        {
            "id": "proef",
            "instrument": "performance_condition",
            "themes": ["employment"],
            "ambition": 1,
            "contract_types": ["services"],
            "title": "Titre",
        }
    ]
    assert run("clauses", "list", "--theme", "fair_trade", "--catalogue", str(root)).output == "(geen clausules)\n"


def test_catalogue_from_environment_variable(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    result = run("clauses", "list", "--format", "json", env={"SOCIAALAANKOPEN_CATALOGUE": str(root)})
    assert [row["id"] for row in json.loads(result.output)] == ["proef"]


def test_clauses_show_renders_parameters(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    result = run("clauses", "show", "proef", "--set", "uren=250", "--format", "markdown", "--catalogue", str(root))
    assert result.output == "De opdrachtnemer presteert 250 uur.\n"
    result = run("clauses", "show", "proef", "--lang", "en", "--catalogue", str(root))
    assert "The contractor performs 100 hours." in result.output
    assert "  uren = 100 hours  (Hours)" in result.output  # the unit in English: it said 'uur'


def test_clauses_show_wrong_parameter_is_one_line(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    result = run("clauses", "show", "proef", "--set", "uren=5", "--catalogue", str(root), "--lang", "en")
    assert result.exit_code == 1
    assert result.output == "error: proef: uren: 5 is out of range (use a whole number from 10 to 1,000 hours)\n"
    result = run("clauses", "show", "proef", "--set", "uren=5", "--catalogue", str(root))
    assert (
        result.output
        == "error: proef: uren: 5 valt buiten het bereik (gebruik een geheel getal van 10 tot 1.000 uur)\n"
    )
    result = run("clauses", "show", "proef", "--set", "dagen=5", "--catalogue", str(root), "--lang", "en")
    assert result.output == "error: proef: dagen: is not a parameter of this clause (known parameters: uren)\n"
    result = run("clauses", "show", "bestaat-niet", "--catalogue", str(root), "--lang", "en")
    assert result.output == (
        "error: bestaat-niet: is not a clause in the catalogue (run 'sociaalaankopen clauses list' to see the ids)\n"
    )
    result = run("clauses", "show", "", "--catalogue", str(root), "--lang", "en")  # it said ': is not a clause…'
    assert (
        result.output
        == "error: '': is not a clause in the catalogue (run 'sociaalaankopen clauses list' to see the ids)\n"
    )


def test_clauses_show_falls_back_to_dutch_with_a_warning(tmp_catalogue):
    text = minimal_clause().replace("## Clausetekst (fr)\n\nLe titulaire preste {{ uren }} heures.\n\n", "")
    root = tmp_catalogue({"proef.md": text})
    result = CliRunner().invoke(
        cli, ["clauses", "show", "proef", "--lang", "fr", "--format", "markdown", "--catalogue", str(root)]
    )
    assert result.stdout == "De opdrachtnemer presteert 100 uur.\n"
    assert result.stderr == "warning: proef n'a pas de texte fr\u00a0; le texte néerlandais est affiché\n"


def test_export_json_shape(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    data = json.loads(run("export", "--format", "json", "--catalogue", str(root)).output)
    assert set(data) >= {"clauses", "examples", "sectors"}
    [clause] = data["clauses"]
    for key in (
        "id",
        "instrument",
        "themes",
        "ambition",
        "contract_types",
        "title",
        "summary",
        "text",
        "parameters",
        "keywords",
        "cpv",
        "eforms",
        "legal_basis",
    ):
        assert key in clause
    assert clause["text"] == {
        "nl": "De opdrachtnemer presteert 100 uur.",
        "fr": "Le titulaire preste 100 heures.",
        "en": "The contractor performs 100 hours.",
    }
    assert clause["eforms"] == {"BT-06": ["soc-obj"], "BT-775": ["opp"]}
    assert clause["parameters"]["uren"]["label"]["fr"] == "Heures"


def test_schema_describes_front_matter():
    schema = json.loads(run("schema").output)
    assert schema["title"] == "sociaalaankopen clause front matter"
    assert "instrument" in schema["required"]
    assert "text" not in schema["properties"]
    assert "reserved_contract" in json.dumps(schema["properties"]["instrument"])


def test_python_dash_m_and_console_script():
    result = subprocess.run([sys.executable, "-m", "sociaalaankopen", "--version"], capture_output=True, text=True)
    assert result.stdout.strip() == f"sociaalaankopen, version {__version__}"


def test_installed_commands_work_from_any_folder(tmp_path):
    """From a folder with no catalogue in sight, the console script finds the catalogue shipped in the package."""
    import shutil
    from pathlib import Path

    script = shutil.which("sociaalaankopen") or str(Path(sys.executable).parent / "sociaalaankopen")
    env = {
        "PATH": str(Path(sys.executable).parent),
        "HOME": str(tmp_path),
        "SOCIAALAANKOPEN_CACHE": str(tmp_path / "c"),
    }

    def ok(*args: str) -> str:
        result = subprocess.run([script, *args], capture_output=True, text=True, cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert ok("check").startswith("ok: ")
    assert "voorbehouden-opdracht" in ok("clauses", "list")
    assert len(json.loads(ok("export", "--format", "json"))["clauses"]) >= 45
    assert json.loads(ok("schema"))["title"] == "sociaalaankopen clause front matter"


def test_every_command_has_help_and_is_documented():
    from pathlib import Path

    import click

    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    docs = readme + "".join(p.read_text("utf-8") for p in (Path(__file__).parents[1] / "docs").glob("*.md"))

    def walk(group: click.Group, prefix: str):
        for name, command in group.commands.items():
            path = f"{prefix} {name}".strip()
            assert command.help, f"'{path}' has no help text"
            if isinstance(command, click.Group):
                yield from walk(command, path)
            else:
                yield path

    for path in walk(cli, ""):
        assert f"sociaalaankopen {path}" in docs, f"'sociaalaankopen {path}' is not in the README or docs/"


def test_public_names_all_resolve():
    import sociaalaankopen

    assert set(sociaalaankopen.__all__) == {"__version__", *sociaalaankopen._PUBLIC}
    import importlib

    for name, module in sociaalaankopen._PUBLIC.items():
        # The name is the very object its module defines (not a copy, a stub or another module's twin).
        assert getattr(sociaalaankopen, name) is getattr(importlib.import_module(f"sociaalaankopen.{module}"), name)
    with pytest.raises(AttributeError):
        sociaalaankopen.NotAPublicName  # noqa: B018


def test_version_is_the_installed_package_version():
    from importlib.metadata import version

    assert version("sociaalaankopen") == __version__


def readme_commands() -> list[list[str]]:
    """The `sociaalaankopen …` lines of the README's shell blocks, split as a shell would (comments dropped)."""
    import re
    import shlex
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", readme, flags=re.S | re.M)
    return [
        shlex.split(line, comments=True)[1:]
        for block in blocks
        for line in block.splitlines()
        if line.startswith("sociaalaankopen ")
    ]


def test_every_readme_command_runs_as_written(tmp_path, monkeypatch):
    """Each command of the README runs in a fresh folder that holds only the shipped examples and test data."""
    import os
    import signal
    import socket
    import time
    from pathlib import Path

    root = Path(__file__).parents[1]
    (tmp_path / "examples").symlink_to(root / "examples")
    (tmp_path / "tests").symlink_to(root / "tests")  # the observatory's README line reads its test data
    monkeypatch.chdir(tmp_path)
    commands = readme_commands()
    assert len(commands) >= 15
    # Servers run until stopped: the preview of the guide and the browser tool.
    servers = {("guide", "serve"): ["--no-search"], ("serve",): []}
    serve = [c for c in commands if tuple(c[:2]) in servers or tuple(c[:1]) in servers]
    assert serve
    for args in commands:
        if args in serve:
            continue
        redirect = args[args.index(">") + 1] if ">" in args else None
        args = args[: args.index(">")] if redirect else args
        result = run(*args)
        assert result.exit_code == 0, f"sociaalaankopen {' '.join(args)}: {result.output}"
        assert "Traceback" not in result.output
        if redirect:
            Path(redirect).write_text(result.stdout, "utf-8")
            json.loads(Path(redirect).read_text("utf-8"))
    assert (tmp_path / "bijlage.docx").stat().st_size > 1000 and (tmp_path / "site/index.html").is_file()
    # Start each server on a free port, wait for its address, stop it by its pid.
    for args in serve:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = str(probe.getsockname()[1])
        extra = servers.get(tuple(args[:2]), servers.get(tuple(args[:1]), []))
        process = subprocess.Popen(
            [sys.executable, "-m", "sociaalaankopen", *args, "--port", port, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "SOCIAALAANKOPEN_LANG": "en"},  # the status lines looked for below are English
        )
        try:
            said = []
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and process.poll() is None:
                line = process.stdout.readline()  # type: ignore[union-attr]
                said.append(line)
                if line.startswith("serving "):
                    break
            assert said and said[-1].startswith("serving ") and f"127.0.0.1:{port}/" in said[-1], "".join(said)
        finally:
            os.kill(process.pid, signal.SIGINT)
            process.wait(timeout=30)


def test_readme_python_example_runs(capsys):
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    [code] = re.findall(r"^```python\n(.*?)^```", readme, flags=re.S | re.M)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "au moins 40 %" in printed  # the last line: a clause rendered in French with a value set


def test_a_bound_of_a_million_is_written_as_a_reader_writes_it() -> None:
    """The range read 'from 100000 to 2e+06 euro' while the annex's values table said 100.000–2.000.000."""
    args = ["draft", "--clause", "uitvoering-werkplekleren-werken:schijf=5000000"]
    said = {lang: run(*args, "--lang", lang) for lang in ("nl", "en")}
    assert all(result.exit_code == 1 for result in said.values())
    assert "van 100.000 tot 2.000.000 euro" in said["nl"].output and "e+" not in said["nl"].output
    assert "from 100,000 to 2,000,000 euro" in said["en"].output
