"""The annex: golden files per format, overwrite protection and a real PDF conversion."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import minimal_clause
from sociaalaankopen import Catalogue, ParameterError
from sociaalaankopen.cli import cli
from sociaalaankopen.draft import build_draft, draft_bytes, parse_clause_option

FIXTURES = Path(__file__).parent / "fixtures" / "draft"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

AWARD = minimal_clause(
    "sociaal-plan",
    **{
        "instrument: performance_condition": "instrument: award_criterion",
        "  uren:\n    type: integer\n    default: 100\n    min: 10\n    max: 1000\n    unit: uur\n"
        "    label: {nl: Uren, fr: Heures, en: Hours}": '  weging:\n    type: percentage\n    default: 10\n    min: 5\n    max: 30\n    unit: "%"\n'
        "    label: {nl: Weging, fr: Pondération, en: Weighting}",
        "De opdrachtnemer presteert {{ uren }} uur.": "Het integratieplan weegt {{ weging }} %; een `<script>`-tag blijft tekst.",
        "Le titulaire preste {{ uren }} heures.": "Le plan pèse {{ weging }} %.",
        "The contractor performs {{ uren }} hours.": "The plan weighs {{ weging }} %.",
    },
)
RESERVED = minimal_clause(
    "voorbehouden",
    **{
        "instrument: performance_condition": "instrument: reserved_contract",
        "eforms: {BT-06: [soc-obj], BT-775: [opp]}": "eforms: {BT-06: [soc-obj], BT-71: [res-ws], BT-775: [opp]}",
        "De opdrachtnemer presteert {{ uren }} uur.": "Voorbehouden; minstens {{ uren }} uur.\n\n- eerste punt\n- tweede punt",
    },
)


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording; the choice of language is tested in test_messages_cli.py."""
    monkeypatch.setenv("SOCIAALAANKOPEN_LANG", "en")


@pytest.fixture
def catalogue(tmp_catalogue) -> Catalogue:
    return Catalogue.load(
        tmp_catalogue({"proef.md": minimal_clause(), "sociaal-plan.md": AWARD, "voorbehouden.md": RESERVED})
    )


def golden(name: str, actual: str) -> None:
    path = FIXTURES / name
    if UPDATE:
        path.write_text(actual, "utf-8")
    assert actual == path.read_text("utf-8")


def docx_outline(data: bytes) -> str:
    """The text and structure of a DOCX: each paragraph with its style, each table cell by row."""
    document = Document(io.BytesIO(data))

    def text(paragraph) -> str:
        # Runs in the value style show as ⟦value⟧, placeholders as ⟪text⟫.
        marks = {"Parameterwaarde": "⟦{}⟧", "In te vullen": "⟪{}⟫"}
        return "".join(marks.get(r.style.name, "{}").format(r.text) for r in paragraph.runs)

    lines = [f"[{p.style.name}] {text(p)}" for p in document.paragraphs]
    for table in document.tables:
        lines += ["[table] " + " | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines) + "\n"


def make(catalogue: Catalogue, lang: str = "nl"):
    return build_draft(
        catalogue,
        [("proef", {"uren": "300"}), "sociaal-plan", "voorbehouden"],
        lang=lang,
        tender_title="Groenonderhoud 2027-2030",
    )


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "annex.md"), ("html", "annex.html")])
def test_golden_text_formats(catalogue, fmt, name):
    golden(name, draft_bytes(make(catalogue), fmt).decode("utf-8"))


def test_golden_docx_structure(catalogue):
    golden("annex.docx.txt", docx_outline(draft_bytes(make(catalogue), "docx")))


def test_sections_follow_legal_order_and_eforms_follow_clauses(catalogue):
    draft = make(catalogue)
    assert [s.instrument for s in draft.sections] == ["reserved_contract", "award_criterion", "performance_condition"]
    assert [(e.field, e.code) for e in draft.eforms] == [("BT-06", "soc-obj"), ("BT-71", "res-ws"), ("BT-775", "opp")]
    assert draft.sections[1].items[0].weighting == 10


def test_without_reservation_bt71_says_none(catalogue):
    draft = build_draft(catalogue, ["proef"])
    assert ("BT-71", "none") in [(e.field, e.code) for e in draft.eforms]


def test_html_escapes_clause_text(catalogue):
    html = draft_bytes(make(catalogue), "html").decode()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_french_falls_back_to_dutch_with_warning(tmp_catalogue):
    text = minimal_clause().replace("## Clausetekst (fr)\n\nLe titulaire preste {{ uren }} heures.\n\n", "")
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    draft = build_draft(catalogue, ["proef"], lang="fr")
    assert [str(w) for w in draft.warnings] == ["proef: has no fr text; the annex uses the Dutch text"]
    assert draft.title == "Annexe clauses sociales"
    assert "De opdrachtnemer presteert ==100== uur." in draft_bytes(draft, "markdown").decode()


def test_every_wrong_choice_is_reported(catalogue):
    with pytest.raises(ParameterError) as info:
        build_draft(catalogue, [("proef", {"uren": "1"}), "weg", ("sociaal-plan", {"weging": "50"})])
    assert info.value.lines() == [
        "proef: uren: 1 is out of range (use a whole number from 10 to 1,000 hours)",
        "weg: is not a clause in the catalogue (run 'sociaalaankopen clauses list' to see the ids)",
        "sociaal-plan: weging: 50 is out of range (use a percentage from 5 to 30 %)",
    ]


def test_force_never_puts_a_file_in_place_of_a_pipe_or_a_device(catalogue, tmp_path):
    """`--out /dev/null --force`, run as root, replaced /dev/null with a plain file."""
    import os
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    args = ["draft", "--clause", "proef:uren=300", "--catalogue", str(catalogue.roots[0]), "--force"]
    result = CliRunner().invoke(cli, [*args, "--out", str(pipe)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {pipe}: is not a regular file (a device or a pipe) (give a file name with --out, or leave --out "
        "out and redirect the output)\n"
    )
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name != "catalogue"] == ["pipe"]  # no temporary file left


def test_cli_refuses_to_overwrite_without_force(catalogue, tmp_path):
    out = tmp_path / "out" / "bijlage.md"
    out.parent.mkdir()
    out.write_text("eigen werk", "utf-8")
    args = ["draft", "--clause", "proef:uren=300", "--out", str(out), "--catalogue", str(catalogue.roots[0])]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert result.output == f"error: {out}: already exists (pass --force to overwrite it or choose another --out)\n"
    assert out.read_text("utf-8") == "eigen werk"
    result = CliRunner().invoke(cli, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert "De opdrachtnemer presteert ==300== uur." in out.read_text("utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["bijlage.md"]  # no temporary file left behind


def test_cli_bad_clause_option_is_one_line(catalogue, tmp_path):
    result = CliRunner().invoke(cli, ["draft", "--clause", "proef:uren", "--catalogue", str(catalogue.roots[0])])
    assert result.exit_code == 1
    assert (
        result.output
        == "error: proef: uren: is not of the form name=value (write e.g. --clause id:percentage=10,uren=500)\n"
    )


@pytest.mark.parametrize(
    ("option", "values"),
    [
        ("proef:uren=koffie, thee en suiker", {"uren": "koffie, thee en suiker"}),  # was 'thee en suiker: …'
        ("proef:uren=80,5", {"uren": "80,5"}),  # a decimal comma, as --set takes it
        ("proef:uren=1, dagen = 2", {"uren": "1", "dagen": "2"}),
    ],
)
def test_a_comma_inside_a_value_stays_in_it(option: str, values: dict[str, str]) -> None:
    assert parse_clause_option(option) == ("proef", values)


def test_docx_converts_to_pdf_with_libreoffice(catalogue, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: `make test` installs it (make office-deps)")
        pytest.skip("LibreOffice is not installed (run `make office-deps`)")
    docx = tmp_path / "bijlage.docx"
    docx.write_bytes(draft_bytes(make(catalogue), "docx"))
    result = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "bijlage.pdf"
    assert pdf.exists(), result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 5000


def test_a_pipe_in_a_value_stays_inside_its_table_cell(tmp_catalogue) -> None:
    """A '|' in a clause title or a text value would otherwise open a new column of the Markdown table."""
    from markdown_it import MarkdownIt

    text = minimal_clause(
        "pijp",
        **{
            "  uren:\n    type: integer\n    default: 100\n    min: 10\n    max: 1000\n    unit: uur\n"
            "    label: {nl: Uren, fr: Heures, en: Hours}": "  uren:\n    type: text\n    default: dag | nacht\n"
            "    label: {nl: Ploegen, fr: Équipes, en: Shifts}",
            "title: {nl: Titel, fr: Titre, en: Title}": "title: {nl: 'Titel | met streep', fr: Titre, en: Title}",
        },
    )
    catalogue = Catalogue.load(tmp_catalogue({"pijp.md": text}))
    markdown = draft_bytes(build_draft(catalogue, [("pijp", {"uren": "vroeg | laat"})]), "markdown").decode()
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    in_row = False
    for token in tokens:
        in_row = token.type == "tr_open" or (in_row and token.type != "tr_close")
        if token.type == "tr_open":
            rows.append([])
        elif in_row and token.type == "inline":
            rows[-1].append(token.content)
    [values] = [row for row in rows if "Ploegen" in row]
    assert len(values) == len(rows[0]) == 4
    assert values[0] == "Titel | met streep" and values[2].startswith("vroeg | laat")


def test_a_title_or_clause_text_with_control_characters_still_makes_a_word_file(tmp_catalogue) -> None:
    """Word's Shift+Enter pastes a vertical tab; XML 1.0 refuses it and python-docx failed on it (a 500
    in the web tool). A title is cleaned; a foreign catalogue's text is guarded in the DOCX writer."""
    text = minimal_clause(**{"De opdrachtnemer presteert": "De opdrachtnemer\x0bpresteert\x01"})
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    draft = build_draft(catalogue, ["proef"], tender_title="Groen\x0bonderhoud\x01 2027\n\n# Kop")
    assert draft.tender_title == "Groen onderhoud 2027 # Kop"
    outline = docx_outline(draft_bytes(draft, "docx"))
    assert "Groen onderhoud 2027 # Kop" in outline
    assert "De opdrachtnemer presteert  ⟦100⟧ uur." in outline


def test_the_tender_title_makes_no_markup_in_the_annex(catalogue) -> None:
    draft = build_draft(catalogue, ["proef"], tender_title="<b>Groen</b> *onderhoud* [x](javascript:alert(1))")
    markdown = draft_bytes(draft, "markdown").decode()
    assert "\\<b\\>Groen\\</b\\> \\*onderhoud\\* [x]\\(javascript:alert(1))" in markdown
    html = draft_bytes(draft, "html").decode()
    assert "&lt;b&gt;Groen&lt;/b&gt; *onderhoud* [x](javascript:alert(1))" in html
    assert "<em>onderhoud" not in html and 'href="javascript' not in html


def test_the_values_table_says_units_in_the_annex_language(catalogue) -> None:
    """The French and English annexes showed the catalogue's Dutch unit ('300 uur', '10–1000 uur')."""
    rows = {
        lang: next(r for r in make(catalogue, lang).values if r.clause_id == "proef") for lang in ("nl", "fr", "en")
    }
    assert (rows["nl"].value, rows["nl"].allowed) == ("300 uur", "10–1.000 uur")
    assert (rows["fr"].value, rows["fr"].allowed) == ("300 heures", "10–1.000 heures")
    assert (rows["en"].value, rows["en"].allowed) == ("300 hours", "10–1,000 hours")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "20–60 %; samen met ‘Aandeel loonkost in de prijs (a)’ ten hoogste 100\u00a0%"),
        ("fr", "20–60 % ; au plus 100\u00a0% avec « Part du coût salarial dans le prix (a) »"),
        ("en", "20–60 %; at most 100\u00a0% together with ‘Labour-cost share of the price (a)’"),
    ],
)
def test_what_a_value_may_be_says_the_limit_it_shares(lang, expected) -> None:
    """The annex, the guide and the tool said '20–60 %' for the fixed part, which 80 % wages then broke."""
    catalogue = Catalogue.load()
    draft = build_draft(catalogue, ["prijsherziening-sectorale-loonkost"], lang=lang)
    rows = {r.name: r.allowed for r in draft.values}
    assert rows["aandeel_vast"] == expected
    assert rows["loonindex"] == {"nl": "tekst", "fr": "texte", "en": "text"}[lang]


def test_what_a_value_may_be_names_the_parameter_that_bounds_it() -> None:
    draft = build_draft(Catalogue.load(), ["percelen-sociale-economie"], lang="nl")
    rows = {r.name: r.allowed for r in draft.values}
    assert rows["max_percelen"] == "1–29 percelen; ten hoogste ‘Aantal percelen’"
    assert rows["aantal_percelen"] == "2–30 percelen"


def test_a_clause_title_and_monitoring_make_no_markup_in_the_annex(tmp_catalogue) -> None:
    hostile = minimal_clause(
        **{
            "title: {nl: Titel,": "title: {nl: 'Dag<script>alert(1)</script> *x*',",
            "monitoring: {indicator: Gepresteerde uren,": "monitoring: {indicator: '<b onmouseover=alert(5)>uren</b>',",
        }
    )
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": hostile}))
    markdown = draft_bytes(build_draft(catalogue, ["proef"], guidance="separate"), "markdown").decode()
    assert "### 1.1 Dag\\<script\\>alert(1)\\</script\\> \\*x\\*\n" in markdown
    assert "### Dag\\<script\\>alert(1)\\</script\\> \\*x\\*\n" in markdown  # the guidance part
    assert "\\<b onmouseover\\=alert(5)\\>uren\\</b\\>" in markdown
    assert not re.search(r"(?<!\\)<", markdown)  # no '<' that Markdown reads as a tag


# --- the language at the entry points ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    return Catalogue.load()


@pytest.mark.parametrize("lang", ["de", "DE", "", None, 7, "nl-BE"])
@pytest.mark.parametrize(
    "entry", ["build_draft", "draft_for_route", "draft_for_tender", "draft_annex", "render_clause"]
)
def test_an_unsupported_language_is_one_parameter_error(bundled: Catalogue, entry: str, lang: object) -> None:
    """Not a KeyError or TypeError from inside: one line naming the language and the accepted ones."""
    from sociaalaankopen import SociaalAankopenError
    from sociaalaankopen.draft import draft_annex, draft_for_route, draft_for_tender
    from sociaalaankopen.render import render_clause

    clause = "voorbehouden-opdracht"
    calls = {
        "build_draft": lambda: build_draft(bundled, [clause], lang=lang),
        "draft_for_route": lambda: draft_for_route(bundled, "opdracht-voorbehouden", lang=lang),
        "draft_for_tender": lambda: draft_for_tender(bundled, "Groenonderhoud van parken", lang=lang),
        "draft_annex": lambda: draft_annex(bundled, [(clause, {})], lang=lang),
        "render_clause": lambda: render_clause(bundled.clause(clause), lang),
    }
    if (lang is None and entry == "draft_for_tender") or (not lang and entry == "draft_annex"):
        return  # no language: the tender's, or Dutch
    with pytest.raises(ParameterError) as excinfo:
        calls[entry]()
    assert isinstance(excinfo.value, SociaalAankopenError)
    [line] = excinfo.value.lines()
    assert line.endswith(f"lang: {lang!r} is not a supported language (use one of nl, fr, en)"), line
    assert excinfo.value.lines("nl")[0].endswith("(gebruik een van: nl, fr, en)")


@pytest.mark.parametrize("lang", ["NL", "Fr", " en "])
def test_a_language_in_capitals_is_that_language(bundled: Catalogue, lang: str) -> None:
    from sociaalaankopen.draft import draft_for_route, draft_for_tender
    from sociaalaankopen.render import render_clause

    expected = lang.strip().lower()
    rendered = render_clause(bundled.clause("voorbehouden-opdracht"), lang)
    assert (rendered.lang, rendered.fell_back) == (expected, False)
    assert build_draft(bundled, ["voorbehouden-opdracht"], lang=lang).lang == expected
    assert draft_for_route(bundled, "opdracht-voorbehouden", lang=lang).lang == expected
    assert draft_for_tender(bundled, "Groenonderhoud van parken", lang=lang).lang == expected


# --- placeholders still to fill in -------------------------------------------------------------------

# A market-consultation call as the catalogue writes one: a text parameter whose default is a placeholder,
# one the French text does not print, and a placeholder in the clause text itself.
CALL = minimal_clause(
    "oproep",
    **{
        "  uren:\n    type: integer\n    default: 100\n    min: 10\n    max: 1000\n    unit: uur\n"
        "    label: {nl: Uren, fr: Heures, en: Hours}": "  contact:\n    type: text\n"
        '    default: {nl: "[naam van de contactpersoon]", fr: "[nom de la personne de contact]", '
        'en: "[name of the contact person]"}\n'
        "    label: {nl: Contactpersoon, fr: Personne de contact, en: Contact person}\n"
        "  adres:\n    type: text\n"
        '    default: {nl: "[adres]", fr: "[adresse]", en: "[address]"}\n'
        "    label: {nl: Adres, fr: Adresse, en: Address}",
        "De opdrachtnemer presteert {{ uren }} uur.": "Bijlage [nummer] noemt de sites. Antwoord aan {{ contact }}, "
        "{{ adres }}.",
        "Le titulaire preste {{ uren }} heures.": "L'annexe [numéro] cite les sites. Réponse à {{ contact }}.",
        "The contractor performs {{ uren }} hours.": "Annex [number] lists the sites. Reply to {{ contact }}, "
        "{{ adres }}.",
    },
)


@pytest.fixture
def with_call(tmp_catalogue) -> Catalogue:
    return Catalogue.load(tmp_catalogue({"proef.md": minimal_clause(), "oproep.md": CALL}))


def test_the_placeholders_an_annex_still_holds(with_call: Catalogue) -> None:
    from sociaalaankopen.draft import Placeholder, Unfilled, unfilled_placeholders

    draft = build_draft(with_call, ["proef", "oproep"])
    assert unfilled_placeholders(draft) == [
        Unfilled(
            "oproep",
            "Titel",
            [
                Placeholder("[naam van de contactpersoon]", "contact", "Contactpersoon"),
                Placeholder("[adres]", "adres", "Adres"),
                Placeholder("[nummer]"),
            ],
        )
    ]
    # A value typed in brackets is still one; a value the text does not print leaves no blank.
    filled = build_draft(
        with_call, [("oproep", {"contact": "Dienst Aankoop, aankoop@gemeente.be", "adres": "[straat]"})]
    )
    assert [(p.parameter, p.text) for u in unfilled_placeholders(filled) for p in u.placeholders] == [
        ("adres", "[straat]"),
        (None, "[nummer]"),
    ]
    french = build_draft(with_call, ["oproep"], lang="fr")
    assert [(p.parameter, p.label, p.text) for u in unfilled_placeholders(french) for p in u.placeholders] == [
        ("contact", "Personne de contact", "[nom de la personne de contact]"),
        (None, None, "[numéro]"),
    ]
    assert unfilled_placeholders(build_draft(with_call, ["proef"])) == []


def test_draft_warns_of_each_clause_with_placeholders_and_still_writes_it(with_call: Catalogue, tmp_path) -> None:
    out = tmp_path / "bijlage.md"
    root = ["--catalogue", str(with_call.roots[0])]
    result = CliRunner().invoke(
        cli, ["draft", "--clause", "proef", "--clause", "oproep:adres=Markt 1", "--out", str(out), *root]
    )
    assert result.exit_code == 0, result.output
    wrote, *warnings = result.stderr.splitlines()
    # In the messages' language (SOCIAALAANKOPEN_LANG=en here), about a Dutch annex.
    assert wrote.startswith(f"wrote {out} (")
    assert warnings == [
        "warning: oproep: still holds text in brackets to fill in: contact=[naam van de contactpersoon]; "
        "[nummer] (set them with --clause oproep:contact=…, or complete the annex by hand before publishing it)",
    ]
    assert "[naam van de contactpersoon]" in out.read_text("utf-8")
    filled = CliRunner().invoke(
        cli, ["draft", "--clause", "oproep:contact=Dienst Aankoop,adres=Markt 1", "--lang", "en", *root]
    )
    assert filled.exit_code == 0 and filled.stderr == (
        "warning: oproep: still holds text in brackets to fill in: [number] "
        "(complete the annex by hand before publishing it)\n"
    )


def test_clauses_show_warns_of_the_placeholders_its_text_holds(with_call: Catalogue) -> None:
    """`clauses show` printed '[naam van de contactpersoon]' without a word: pasted so into a bestek."""
    root = ["--catalogue", str(with_call.roots[0])]
    result = CliRunner().invoke(cli, ["clauses", "show", "oproep", "--lang", "nl", "--format", "markdown", *root])
    assert result.exit_code == 0, result.output
    assert "Antwoord aan [naam van de contactpersoon], [adres]." in result.stdout
    assert result.stderr.splitlines() == [
        "warning: oproep: bevat nog tekst tussen haken om in te vullen: contact=[naam van de contactpersoon]; "
        "adres=[adres]; [nummer] (geef de waarden met --set contact=… --set adres=…, of vul de tekst zelf aan "
        "voordat u hem publiceert)",
    ]
    filled = CliRunner().invoke(
        cli, ["clauses", "show", "oproep", "--set", "contact=Dienst Aankoop", "--set", "adres=Markt 1", *root]
    )
    assert filled.exit_code == 0 and filled.stderr == (
        "warning: oproep: still holds text in brackets to fill in: [number] "
        "(complete the text by hand before publishing it)\n"
    )
    french = CliRunner().invoke(cli, ["clauses", "show", "oproep", "--lang", "fr", "--format", "json", *root])
    assert french.exit_code == 0 and french.stderr == (  # the French text does not print the address
        "warning: oproep: contient encore du texte entre crochets à compléter\u00a0: "
        "contact=[nom de la personne de contact]\u00a0; [numéro] (donnez les valeurs avec --set contact=…, ou complétez "
        "le texte vous-même avant de le publier)\n"
    )
    assert CliRunner().invoke(cli, ["clauses", "show", "proef", *root]).stderr == ""
    # The JSON says them too, as the render API does, for a tool that reads no stderr.
    assert json.loads(french.stdout)["rendered"]["placeholders"] == [
        {"parameter": "contact", "label": "Personne de contact", "text": "[nom de la personne de contact]"},
        {"parameter": None, "label": None, "text": "[numéro]"},
    ]


def test_a_value_of_one_character_in_brackets_is_a_placeholder_too(with_call: Catalogue) -> None:
    """'[x]' or '[…]' typed as a value went into the annex without a warning ('[12]' had one)."""
    root = ["--catalogue", str(with_call.roots[0])]
    shown = CliRunner().invoke(cli, ["clauses", "show", "oproep", "--set", "contact=[x]", "--set", "adres=[…]", *root])
    assert shown.exit_code == 0, shown.output
    assert shown.stderr == (
        "warning: oproep: still holds text in brackets to fill in: contact=[x]; adres=[…]; [number] "
        "(set them with --set contact=… --set adres=…, or complete the text by hand before publishing it)\n"
    )
    drafted = CliRunner().invoke(cli, ["draft", "--clause", "oproep:contact=[2],adres=Markt 1", *root])
    assert drafted.exit_code == 0, drafted.output
    assert drafted.stderr == (
        "warning: oproep: still holds text in brackets to fill in: contact=[2]; [nummer] "
        "(set them with --clause oproep:contact=…, or complete the annex by hand before publishing it)\n"
    )


def test_the_placeholders_of_a_warning_are_joined_as_the_language_of_the_message_writes_it() -> None:
    """'draft --lang fr' joined the placeholders of its French warning with a plain '; ': French puts a
    no-break space before the semicolon. The separator is the message's, whatever the annex's language."""
    from sociaalaankopen.draft import Placeholder, Unfilled

    unfilled = Unfilled("x", "X", [Placeholder("[a]", "a", "A"), Placeholder("[b]")])
    assert unfilled.warning().text("fr") == (
        "x: contient encore du texte entre crochets à compléter\u00a0: a=[a]\u00a0; [b] (donnez les valeurs avec "
        "--clause x:a=…, ou complétez l'annexe vous-même avant de la publier)"
    )
    assert "a=[a]; [b] (" in unfilled.warning().text("nl") and "a=[a]; [b] (" in unfilled.show_warning().text("en")
