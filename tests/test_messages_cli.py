"""The command line speaks the user's language: click's usage errors, the library's problems, status lines.

`--lang` where a command has it; else SOCIAALAANKOPEN_LANG, else the locale, else Dutch. The `error:`
and `Error:` prefixes and the exit codes are the same in every language (scripts look for them).
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import minimal_clause
from sociaalaankopen.cli import cli

EXAMPLES = Path(__file__).parent.parent / "examples"
Catalogue = Callable[[dict[str, str]], Path]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, prog_name="sociaalaankopen")


# --- click's usage errors ----------------------------------------------------------------------------

UNKNOWN_OPTION = {
    "nl": ("Gebruik: sociaalaankopen clauses list [OPTIES]", "Error: Onbekende optie '--zoek'."),
    "fr": ("Utilisation\u00a0: sociaalaankopen clauses list [OPTIONS]", "Error: Option inconnue '--zoek'."),
    "en": ("Usage: sociaalaankopen clauses list [OPTIONS]", "Error: No such option '--zoek'."),
}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_an_unknown_option_is_said_in_the_language_of_the_command_line(lang: str) -> None:
    result = run("clauses", "list", "--lang", lang, "--zoek", "x")
    assert result.exit_code == 2
    usage, error = UNKNOWN_OPTION[lang]
    assert result.stderr.splitlines()[0] == usage
    assert result.stderr.splitlines()[-1] == error


def test_a_usage_error_without_lang_follows_the_variable_then_the_locale() -> None:
    assert "Error: Argument manquant 'ENTRÉES...'." in run("observe", env={"SOCIAALAANKOPEN_LANG": "fr"}).stderr
    assert "Error: Missing argument 'INPUTS...'." in run("observe", env={"LANG": "en_IE.UTF-8"}).stderr
    result = run("observe")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Ontbrekend argument 'INVOER...'."
    assert "Probeer 'sociaalaankopen observe --help' voor hulp." in result.stderr


def test_a_wrong_language_variable_is_named_not_an_option_never_typed() -> None:
    """SOCIAALAANKOPEN_LANG=de blamed '--lang', which the user never typed."""
    result = run("clauses", "list", env={"SOCIAALAANKOPEN_LANG": "de", "LANG": "en_IE.UTF-8"})
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: SOCIAALAANKOPEN_LANG: 'de' is not a supported language (use nl, fr or en)"
    )
    assert "'--lang'" in run("clauses", "list", "--lang", "de").stderr  # typed: the option is named


@pytest.mark.parametrize(
    ("args", "env"),
    [
        ((), {"SOCIAALAANKOPEN_LANG": "FR"}),
        ((), {"SOCIAALAANKOPEN_LANG": " Fr "}),
        (("--lang", "FR"), {}),
        (("--lang=Fr",), {"SOCIAALAANKOPEN_LANG": "en"}),
    ],
)
def test_the_language_is_taken_in_any_case_from_the_option_and_the_variable(
    args: tuple[str, ...], env: dict[str, str]
) -> None:
    """SOCIAALAANKOPEN_LANG=FR was refused as an unsupported language, while the messages' default
    language (messages.default_language) and the Python API (render.checked_language) took it."""
    listed = run("clauses", "list", "--instrument", "voorbehouden", *args, env=env)
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.split()[:4] == ["id", "instrument", "ambition", "titre"]
    shown = run("clauses", "show", "nulle-part", *args, env=env)
    assert shown.exit_code == 1
    assert shown.stderr.startswith("error: nulle-part: n'est pas une clause du catalogue")
    usage = run("clauses", "list", "--ambition", "9", *args, env=env)  # said before the options are read
    assert usage.exit_code == 2
    assert usage.stderr.splitlines()[0] == "Utilisation\u00a0: sociaalaankopen clauses list [OPTIONS]"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "Error: Ongeldige waarde voor '--type': 'bouw' is niet een van: works|werken|travaux,"),
        (
            "fr",
            "Error: Valeur non valide pour '--type'\u00a0: 'bouw' ne fait pas partie de\u00a0: works|werken|travaux,",
        ),
        ("en", "Error: Invalid value for '--type': 'bouw' is not one of: works|werken|travaux,"),
    ],
)
def test_a_wrong_option_value_is_said_in_the_language(lang: str, said: str) -> None:
    result = run("clauses", "list", "--type", "bouw", env={"SOCIAALAANKOPEN_LANG": lang})
    assert result.exit_code == 2
    assert said in result.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "Error: --workers geldt alleen voor --batch"),
        ("fr", "Error: --workers ne s'applique qu'à --batch"),
        ("en", "Error: --workers only applies to --batch"),
    ],
)
def test_our_own_usage_errors_are_said_in_the_language(lang: str, said: str) -> None:
    result = run("match", "groenonderhoud", "--workers", "2", "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == said


@pytest.mark.parametrize(
    ("lang", "usage", "help_line", "headings"),
    [
        (
            "nl",
            "Gebruik: sociaalaankopen [OPTIES] COMMANDO [ARGUMENTEN]...",
            "Toon deze hulp en stop.",
            ["Opties:", "Commando's:"],
        ),
        (
            "fr",
            "Utilisation\u00a0: sociaalaankopen [OPTIONS] COMMANDE [ARGUMENTS]...",
            "Affiche cette aide et quitte.",
            ["Options\u00a0:", "Commandes\u00a0:"],
        ),
        (
            "en",
            "Usage: sociaalaankopen [OPTIONS] COMMAND [ARGS]...",
            "Show this message and exit.",
            ["Options:", "Commands:"],
        ),
    ],
)
def test_help_headings_follow_the_language(lang: str, usage: str, help_line: str, headings: list[str]) -> None:
    """ "Opdracht" is the public contract in this tool ("Vind de clausules die bij een opdracht passen"): a
    command of the CLI is a "commando". French writes a space before the colon of a heading as it does
    in "Utilisation :"."""
    result = CliRunner().invoke(cli, ["--help"], prog_name="sociaalaankopen", env={"SOCIAALAANKOPEN_LANG": lang})
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == usage
    assert help_line in result.output
    assert [line for line in result.output.splitlines() if line.endswith(":")] == headings


@pytest.mark.parametrize(
    ("lang", "said"),
    [("nl", "Error: Onbekend commando 'zoek'."), ("fr", "Error: Commande inconnue 'zoek'.")],
)
def test_an_unknown_command_is_a_command_not_a_contract(lang: str, said: str) -> None:
    result = run("clauses", "zoek", env={"SOCIAALAANKOPEN_LANG": lang})
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == said


def test_the_headings_of_a_commands_help_are_french_too() -> None:
    result = run("clauses", "show", "--help", env={"SOCIAALAANKOPEN_LANG": "fr"})
    assert result.exit_code == 0
    assert [line for line in result.output.splitlines() if line.endswith(":")] == ["Options\u00a0:"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "--theme WOORD Alleen dit thema. Een van: "),
        ("fr", "--theme MOT Uniquement ce thème. Au choix : "),
        ("en", "--theme WORD Only this theme. One of: "),
    ],
)
def test_help_texts_follow_the_lang_on_the_command_line(lang: str, said: str) -> None:
    result = run("clauses", "list", "--lang", lang, "--help")
    assert result.exit_code == 0
    shown = " ".join(result.output.split())
    assert said in shown and "employment|tewerkstelling|emploi," in shown


def test_a_group_without_its_command_shows_its_help_in_the_language() -> None:
    result = run("clauses", env={"SOCIAALAANKOPEN_LANG": "fr"})
    assert "Lister et afficher les clauses." in result.output
    assert "Liste les clauses, filtrées par instrument" in " ".join(result.output.split())


# click's own English words: a usage line, headings, value placeholders, the help of its options.
ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Show this message and exit|Show the version and exit|\[OPTIONS\]|\[ARGS\]"
    r"|\b(COMMAND|TEXT|INTEGER|RANGE|FILE|DIRECTORY|PATH|WORD|INPUTS|CLAUSE_ID|NAME|VALUE|ADDRESS)\b"
)


@pytest.mark.parametrize(
    "args",
    [(), ("clauses",), ("clauses", "show"), ("match",), ("draft",), ("check",), ("observe",), ("guide", "build")],
    ids=lambda args: " ".join(args) or "sociaalaankopen",
)
def test_dutch_help_has_no_english_words_of_click(args: tuple[str, ...]) -> None:
    result = run(*args, "--help", env={"SOCIAALAANKOPEN_LANG": "nl"})
    assert result.exit_code == 0
    assert result.output.startswith("Gebruik: sociaalaankopen")
    assert [m[0] for m in ENGLISH.finditer(result.output)] == [], result.output


def test_a_usage_error_names_the_value_as_the_help_does() -> None:
    """The usage line, the argument's name and a path type's name are in the language too."""
    result = run("clauses", "show", env={"SOCIAALAANKOPEN_LANG": "nl"})
    assert result.stderr.splitlines()[0] == "Gebruik: sociaalaankopen clauses show [OPTIES] CLAUSULE_ID"
    assert result.stderr.splitlines()[-1] == "Error: Ontbrekend argument 'CLAUSULE_ID'."
    result = run("check", __file__, env={"SOCIAALAANKOPEN_LANG": "fr"})
    assert (
        result.stderr.splitlines()[-1]
        == f"Error: Valeur non valide pour '[CHEMIN]'\u00a0: Dossier '{__file__}' est un fichier."
    )
    result = run("check", __file__, "--lang", "en", env={"SOCIAALAANKOPEN_LANG": "fr"})
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '[PATH]': Directory '{__file__}' is a file."


# --- the library's problems --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "error: {path}: related: een clausule kan niet naar zichzelf verwijzen (verwijder haar eigen id)"),
        ("fr", "error: {path}: related: une clause ne peut pas renvoyer à elle-même (retirez son propre id)"),
        ("en", "error: {path}: related: a clause cannot relate to itself (remove its own id)"),
    ],
)
def test_a_catalogue_problem_is_said_in_the_language(tmp_catalogue: Catalogue, lang: str, said: str) -> None:
    clause = minimal_clause(**{"reviewed: 2026-11-28": "reviewed: 2026-11-28\nrelated: [proef]"})
    folder = tmp_catalogue({"proef.md": clause})
    result = run("check", str(folder), "--lang", lang)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [said.format(path=folder / "proef.md")]


@pytest.mark.parametrize(
    ("lang", "fix"),
    [
        ("nl", "zet regels 'veld: waarde' bovenaan tussen twee regels '---'"),
        ("fr", "placez des lignes 'champ: valeur' en tête, entre deux lignes '---'"),
        ("en", "put 'field: value' lines between two '---' lines at the top"),
    ],
)
def test_the_fix_for_a_missing_front_matter_is_said_whole(tmp_catalogue: Catalogue, lang: str, fix: str) -> None:
    """The Dutch fix read "zet 'field: value' lines bovenaan …": an English fragment in a Dutch line."""
    folder = tmp_catalogue({"proef.md": "Geen kop.\n"})
    result = run("check", str(folder), "--lang", lang)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(f"({fix})")


# A rule of the pydantic models (model.py raises `Invalid`), and pydantic's own list of allowed values
# ("1, 2 or 3", whose last word is said in the language too), reach the user in the language.
MODEL_PROBLEMS = {
    "default: 100": (
        "default: 5",
        {
            "nl": "parameters.uren.default: standaardwaarde 5 ligt onder min 10 "
            "(gebruik een standaardwaarde van 10 of meer, of verlaag min)",
            "fr": "parameters.uren.default: la valeur par défaut 5 est inférieure à min 10 "
            "(utilisez une valeur par défaut de 10 ou plus, ou abaissez min)",
            "en": "parameters.uren.default: default 5 is below min 10 (use a default of 10 or more, or lower min)",
        },
    ),
    "ambition: 1": (
        "ambition: 7",
        {
            "nl": "ambition: 7 is niet toegelaten (gebruik een van: 1, 2 of 3)",
            "fr": "ambition: 7 n'est pas autorisé (utilisez l'un de ces choix\u00a0: 1, 2 ou 3)",
            "en": "ambition: 7 is not allowed (use one of 1, 2 or 3)",
        },
    ),
}


@pytest.mark.parametrize("line", list(MODEL_PROBLEMS))
@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_model_problem_is_said_in_the_language(tmp_catalogue: Catalogue, line: str, lang: str) -> None:
    changed, said = MODEL_PROBLEMS[line]
    folder = tmp_catalogue({"proef.md": minimal_clause(**{line: changed})})
    result = run("check", str(folder), "--lang", lang)
    assert result.exit_code == 1
    assert result.stderr == f"error: {folder / 'proef.md'}: {said[lang]}\n"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "error: voorbehouden-opdracht: percentage_doelgroep: 'veel' is geen getal (gebruik "),
        ("fr", "error: voorbehouden-opdracht: percentage_doelgroep: 'veel' n'est pas un nombre (utilisez "),
        ("en", "error: voorbehouden-opdracht: percentage_doelgroep: 'veel' is not a number (use "),
    ],
)
def test_a_parameter_problem_is_said_in_the_language(lang: str, said: str) -> None:
    result = run("clauses", "show", "voorbehouden-opdracht", "--set", "percentage_doelgroep=veel", "--lang", lang)
    assert result.exit_code == 1
    assert result.stderr.startswith(said)


def test_a_command_without_lang_says_its_problems_in_the_default_language(tmp_path: Path) -> None:
    missing = tmp_path / "nergens"
    result = run("observe", str(missing), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr == f"error: {missing}: bestaat niet (controleer het pad)\n"
    result = run("observe", str(missing), "--out", str(tmp_path / "out"), env={"SOCIAALAANKOPEN_LANG": "fr"})
    assert result.stderr == f"error: {missing}: n'existe pas (vérifiez le chemin)\n"


# A French-speaking user's locale, and nothing else that chooses a language.
FRENCH_LOCALE: dict[str, str | None] = {
    "LANG": "fr_BE.UTF-8",
    "LANGUAGE": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "SOCIAALAANKOPEN_LANG": None,
}
NOT_A_FOLDER = {
    "fr": "error: {path}: n'est pas un dossier (indiquez le dossier qui contient les fichiers de clauses)",
    "en": "error: {path}: is not a folder (pass the folder that holds the clause files)",
}


@pytest.mark.parametrize(
    "args",
    [
        ("check", "{path}"),
        ("clauses", "list", "--catalogue", "{path}"),
        ("clauses", "show", "voorbehouden-opdracht", "--catalogue", "{path}"),
        ("draft", "--route", "diensten-art77", "--catalogue", "{path}"),
        ("guide", "build", "--out", "{site}", "--catalogue", "{path}"),
        ("export", "--catalogue", "{path}"),
        ("match", "groenonderhoud", "--catalogue", "{path}"),
        ("serve", "--catalogue", "{path}"),
        ("observe", str(EXAMPLES / "fietsdeelsysteem.xml"), "--out", "{site}", "--catalogue", "{path}"),
    ],
    ids=lambda args: " ".join(arg for arg in args[:2] if not arg.startswith(("-", "{", "/"))),
)
def test_every_command_says_its_messages_in_the_locale_and_lang_wins(tmp_path: Path, args: tuple[str, ...]) -> None:
    """`check`, `clauses` and `guide build` had a --lang that defaulted to nl, so the locale never reached
    them; `export`, `serve` and `guide serve` had no --lang."""
    path = tmp_path / "nergens"
    args = tuple(arg.format(path=path, site=tmp_path / "site") for arg in args)
    for lang, extra in (("fr", ()), ("en", ("--lang", "en"))):
        result = run(*args, *extra, env=FRENCH_LOCALE)
        assert result.exit_code == 1, result.output
        assert result.stderr == NOT_A_FOLDER[lang].format(path=path) + "\n"


def test_schema_and_guide_serve_take_lang_as_every_command_does(tmp_path: Path) -> None:
    result = run("schema", "--lang", "fr", env=FRENCH_LOCALE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"]
    with socket.socket() as taken:  # guide serve reports a catalogue problem and serves on: a busy port stops it
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        site = str(tmp_path / "site")
        for lang, extra in (("fr", ()), ("en", ("--lang", "en"))):
            result = run("guide", "serve", "--port", str(port), "--out", site, *extra, env=FRENCH_LOCALE)
            assert result.exit_code == 1, result.output
            assert result.stderr == BUSY[lang].format(port=port, next=port + 1) + "\n"


def test_the_locale_says_the_messages_but_leaves_the_output_dutch(tmp_path: Path) -> None:
    """A French locale does not make a Dutch annex or clause French: that takes --lang (or the variable)."""
    out = tmp_path / "bijlage.md"
    result = run("draft", "--route", "diensten-art77", "--out", str(out), env=FRENCH_LOCALE)
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("# Bijlage")
    assert result.stderr.startswith(f"écrit\u00a0: {out} (")
    result = run("clauses", "show", "voorbehouden-opdracht", "--format", "json", env=FRENCH_LOCALE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rendered"]["lang"] == "nl"
    listed = run("clauses", "list", env=FRENCH_LOCALE).stdout
    assert listed == run("clauses", "list", "--lang", "nl").stdout
    assert run("clauses", "list", env={**FRENCH_LOCALE, "SOCIAALAANKOPEN_LANG": "fr"}).stdout != listed


def test_str_of_a_library_error_stays_english() -> None:
    from sociaalaankopen import Catalogue
    from sociaalaankopen.errors import CatalogueError

    with pytest.raises(CatalogueError) as caught:
        Catalogue.load().clause("bestaat-niet")
    assert str(caught.value).startswith("bestaat-niet: is not a clause in the catalogue")
    assert caught.value.lines("nl")[0].startswith("bestaat-niet: is geen clausule uit de catalogus")


# --- status lines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "ok: 2 aankondigingen in {out}; open {out}/report.html"),
        ("fr", "ok\u00a0: 2 avis dans {out}\u00a0; ouvrez {out}/report.html"),
        ("en", "ok: 2 notices in {out}; open {out}/report.html"),
    ],
)
def test_observe_says_what_it_did_in_the_language(tmp_path: Path, lang: str, said: str) -> None:
    notices = tmp_path / "notices"
    notices.mkdir()
    for name in ("fietsdeelsysteem.xml", "nettoyage-maisons-fitt.xml"):
        shutil.copy(EXAMPLES / name, notices / name)
    out = tmp_path / "out"
    result = run("observe", str(notices), "--out", str(out), env={"SOCIAALAANKOPEN_LANG": lang})
    assert result.exit_code == 0, result.output
    assert result.stderr == said.format(out=out) + "\n"


BUSY = {
    "nl": "error: 127.0.0.1:{port}: wordt door een ander programma gebruikt (kies een andere poort, bv. --port {next})",
    "fr": "error: 127.0.0.1:{port}: est utilisé par un autre programme (choisissez un autre port, p. ex. --port {next})",
    "en": "error: 127.0.0.1:{port}: is in use by another program (choose another port, e.g. --port {next})",
}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_guide_serve_says_a_busy_port_in_the_language(tmp_path: Path, lang: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("guide", "serve", "--port", str(port), "--out", str(tmp_path / "site"), env={"LANGUAGE": lang})
    assert result.exit_code == 1
    assert result.stderr == BUSY[lang].format(port=port, next=port + 1) + "\n"


@pytest.mark.parametrize(
    ("lang", "built", "serving"),
    [
        ("nl", "gebouwd: {out}", "bereikbaar op http://127.0.0.1:"),
        ("fr", "construit\u00a0: {out}", "servi sur http://127.0.0.1:"),
        ("en", "built {out}", "serving http://127.0.0.1:"),
    ],
)
def test_the_guide_preview_reports_in_the_language(tmp_path: Path, lang: str, built: str, serving: str) -> None:
    import threading

    from sociaalaankopen.site.serve import serve

    out = tmp_path / "site"
    said: list[str] = []
    stop = threading.Event()
    stop.set()  # serve once: build, report, and stop at the first look for changes

    def build() -> None:
        out.mkdir(exist_ok=True)

    serve(out, build, [], port=0, interval=0.01, report=said.append, stop=stop, lang=lang)
    assert said[0] == built.format(out=out)
    assert said[1].startswith(serving)
