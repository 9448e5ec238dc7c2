"""The command line: parse options, call one library function, turn its errors into messages."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import cli_language
from ._version import __version__
from .cli_options import LanguageChoice, choice_option, vocab_option
from .cli_process import (
    EXIT_READER_GONE,
    ReaderGone,
    StdoutError,
    exit_code,
    forget_stdout,
    guard_output,
    stop_on_sigterm,
)
from .errors import Problem, SociaalAankopenError
from .messages import count, message, noun, number
from .settings import CATALOGUE_ENV as ENV_VAR
from .settings import LANG_ENV
from .vocab import CONTRACT_TYPES, INSTRUMENTS, LANGUAGES, NOTICE_KIND_IDS, SCHEMA_KINDS, THEMES

if TYPE_CHECKING:
    from .catalogue import Catalogue

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Show library errors as one line per problem on stderr and exit 1, without a traceback.

    The lines are in the command's --lang when it has one, else in the language of the command line."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cli_language.use(kwargs.get("lang"))
        try:
            return func(*args, **kwargs)
        except SociaalAankopenError as e:
            for line in e.lines(cli_language.current()):
                click.echo(f"error: {line}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def say(template: str, **values: object) -> str:
    """An English message template in the language of the command line."""
    return message(template, cli_language.current(), **values)


def usage_error(template: str, **values: object) -> click.UsageError:
    """A usage error (exit code 2) in the language of the command line."""
    return click.UsageError(say(template, **values))


# Exit code of `match --batch` and `observe` when one or more records were skipped (1: error, 2: usage error).
EXIT_SKIPPED = 3
# The values the help texts name (filled in when they are said in the user's language).
HELP_VALUES: dict[str, object] = {"catalogue_env": ENV_VAR, "lang_env": LANG_ENV, "exit_skipped": EXIT_SKIPPED}


class Command(click.Command):
    """A command whose help is written as the language writes it (cli_language.Context)."""

    context_class = cli_language.Context


class SubGroup(click.Group):
    """A group of commands under the main one (`clauses`, `guide`), with their help as the language writes it."""

    context_class = cli_language.Context
    command_class = Command
    group_class: type[click.Group] | type[type] | None = type  # a group under it is one of these too


class Group(SubGroup):
    """The command group, speaking the user's language from the first word it parses."""

    group_class = SubGroup

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        words = sys.argv[1:] if args is None else list(args)
        cli_language.use(cli_language.from_arguments(words))
        cli_language.install()
        cli_language.localise_usage(self, cli_language.current())  # the usage line of an error too
        if cli_language.shows_help(self, words):  # the help texts are said only when they are shown
            cli_language.forget_help_options(self)
            cli_language.localise_help(self, cli_language.current(), **HELP_VALUES)
        return super().main(words, *rest, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as e:  # Ctrl+C, or SIGTERM (cli_process): click would exit with 1
            click.echo(err=True)
            click.echo(cli_language.gettext("Aborted!"), err=True)
            raise click.exceptions.Exit(exit_code(e)) from None


catalogue_option = click.option(
    "--catalogue",
    "catalogue_path",
    envvar=ENV_VAR,
    type=click.Path(file_okay=False),
    help="Catalogue folder to use instead of the bundled one (or set {catalogue_env}).",
)


def _lang_option(help: str) -> Any:
    # No default: without --lang or the variable, the messages are in the default language (the locale,
    # else Dutch: messages.default_language), and what a command prints keeps its own default.
    return click.option("--lang", type=LanguageChoice(LANG_ENV), envvar=LANG_ENV, help=help)


# Where --lang is also the language of what the command prints (titles, clause texts): that stays Dutch
# unless asked for, whatever the locale.
lang_option = _lang_option(
    "Language of titles, texts and messages (or set {lang_env}); without it, titles and texts are in Dutch "
    "and messages in the language of the locale (LANG)."
)
messages_lang_option = _lang_option(
    "Language of the messages (or set {lang_env}); default: the language of the locale (LANG), else nl."
)
contract_type_option = vocab_option("--type", "contract_type", vocabulary=CONTRACT_TYPES, help="The contract type.")


def _resolve(path: str | None) -> Path | None:
    from .catalogue import resolve_path

    return resolve_path(path)


def load(path: str | None) -> Catalogue:
    from .catalogue import Catalogue

    return Catalogue.load(_resolve(path))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


# --version prints `sociaalaankopen, version X` in every language: scripts read it (as `error:`).
@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sociaalaankopen")
def cli() -> None:
    """Social clauses for public procurement: find, render and publish them."""


@cli.command()
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. a missing French text) as failures.")
@messages_lang_option
@reports_errors
def check(path: str | None, strict: bool, lang: str | None) -> None:
    """Validate a catalogue folder (default: the bundled one) and report every problem."""
    catalogue = load(path)
    lang = cli_language.current()
    for warning in catalogue.warnings:
        click.echo(f"warning: {warning.text(lang)}", err=True)
    counts = ", ".join(
        count(len(items), noun, lang)
        for items, noun in (
            (catalogue.clauses, "clause"),
            (catalogue.examples, "example"),
            (catalogue.sectors, "sector"),
        )
    )
    if strict and catalogue.warnings:
        warnings = count(len(catalogue.warnings), "warning", lang)
        click.echo(
            message("error: {warnings} with --strict ({counts})", lang, warnings=warnings, counts=counts), err=True
        )
        sys.exit(1)
    click.echo(message("ok: {counts}", lang, counts=counts))


@cli.group()
def clauses() -> None:
    """List and show clauses."""


@clauses.command("list")
@vocab_option("--instrument", vocabulary=INSTRUMENTS, help="Only this instrument.")
@vocab_option("--theme", vocabulary=THEMES, help="Only this theme.")
@click.option("--ambition", type=click.IntRange(1, 3), help="Only this ambition level (1-3).")
@vocab_option("--type", "contract_type", vocabulary=CONTRACT_TYPES, help="Only clauses for this contract type.")
@lang_option
@choice_option("--format", "fmt", choices=["text", "json"])
@catalogue_option
@reports_errors
def clauses_list(
    instrument: str | None,
    theme: str | None,
    ambition: int | None,
    contract_type: str | None,
    lang: str | None,
    fmt: str,
    catalogue_path: str | None,
) -> None:
    """List the clauses, filtered by instrument, theme, ambition or contract type."""
    from .listing import clause_rows, clause_table, format_table

    lang = lang or "nl"  # the titles: Dutch unless asked (the locale says only the messages)
    catalogue = load(catalogue_path)
    selected = catalogue.select(instrument=instrument, theme=theme, ambition=ambition, contract_type=contract_type)
    rows = clause_rows(selected, lang)
    if fmt == "json":
        echo_json(rows)
    else:
        click.echo(format_table(clause_table(selected, lang), lang))


@clauses.command("show")
@click.argument("clause_id")
@lang_option
@click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE", help="Set a parameter (repeatable).")
@choice_option("--format", "fmt", choices=["text", "json", "markdown"])
@catalogue_option
@reports_errors
def clauses_show(
    clause_id: str, lang: str | None, assignments: tuple[str, ...], fmt: str, catalogue_path: str | None
) -> None:
    """Show one clause, its text rendered with the defaults or with --set values."""
    from .draft import Unfilled, clause_placeholders
    from .listing import clause_card
    from .render import parse_assignments, render_clause

    lang = lang or "nl"  # the clause: Dutch unless asked (the locale says only the messages)
    catalogue = load(catalogue_path)
    clause = catalogue.clause(clause_id)
    rendered = render_clause(clause, lang, parse_assignments(assignments, clause_id), catalogue=catalogue)
    if rendered.fell_back:
        click.echo(
            "warning: " + say("{id} has no {language} text; showing the Dutch text", id=clause_id, language=lang),
            err=True,
        )
    held = clause_placeholders(rendered, lang)
    if fmt == "json":
        from .export import clause_to_dict

        data = clause_to_dict(clause, catalogue)
        data["rendered"] = {
            "lang": rendered.lang,
            "values": rendered.values,
            "text": rendered.text,
            "placeholders": [h.to_dict() for h in held],
        }
        echo_json(data)
    elif fmt == "markdown":
        click.echo(rendered.text)
    else:
        click.echo(clause_card(clause, rendered, lang))
    # After the text, where it is seen: a blank pasted into a bestek must not be published.
    if held:
        unfilled = Unfilled(clause.id, clause.title.get(lang), held)
        click.echo(f"warning: {unfilled.show_warning().text(cli_language.current())}", err=True)


@cli.command()
@choice_option("--format", "fmt", choices=["json"])
@catalogue_option
@messages_lang_option
@reports_errors
def export(fmt: str, catalogue_path: str | None, lang: str | None) -> None:
    """Export the whole catalogue as one JSON document."""
    from .export import export_catalogue

    echo_json(export_catalogue(load(catalogue_path)))


@cli.command()
@choice_option(
    "--of",
    "kind",
    choices=SCHEMA_KINDS,
    help="A clause file's front matter (for editors), or the JSON that export, match, match --batch or draft prints.",
)
@messages_lang_option
@reports_errors
def schema(kind: str, lang: str | None) -> None:
    """Print a JSON Schema (draft 2020-12): of a clause file's front matter, or of a JSON document."""
    from .schemas import document_schema

    echo_json(document_schema(kind))


@cli.command()
@click.option(
    "--clause",
    "clause_options",
    multiple=True,
    metavar="ID[:NAME=VALUE,...]",
    help="A clause to include, with optional parameter values (repeatable). With --from-tender or "
    "--route it sets the values of a route clause or adds a clause.",
)
@click.option(
    "--from-tender",
    "tender_file",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Match this tender (any format `match` reads) and draft its best route.",
)
@click.option("--route", "route_id", metavar="ID", help="Draft this route instead of the best one.")
@choice_option(
    "--guidance",
    choices=["separate", "none"],
    help="The buyer's guidance as a separate part after the bestek text, or left out.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="Language of the annex (default: the tender's language, else nl).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html", "docx", "json"]),
    help="Format of the annex (default: the one --out's extension names, else markdown).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write to this file ('-' for stdout; docx needs --out).",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@click.option("--title", "tender_title", help="The tender's title, printed at the top of the annex.")
@catalogue_option
@reports_errors
def draft(
    clause_options: tuple[str, ...],
    tender_file: str | None,
    route_id: str | None,
    guidance: str,
    lang: str | None,
    fmt: str | None,
    out: str | None,
    force: bool,
    tender_title: str | None,
    catalogue_path: str | None,
) -> None:
    """Build the social-clauses annex of one route, per stage in legal order.

    With --from-tender, the best route for the tender (or --route ID); with --route alone, that
    route at its defaults; with --clause only, exactly the clauses named.
    """
    from .draft import EXTENSIONS, draft_annex, draft_bytes, format_of_file, parse_clause_option, unfilled_placeholders
    from .files import write_atomic

    if not clause_options and not tender_file and not route_id:
        raise usage_error("give --from-tender FILE, --route ID or --clause ID (repeatable)")
    to_stdout = out is None or out == "-"
    named = None if to_stdout else format_of_file(str(out))
    if fmt is None:
        fmt = named or "markdown"
    elif named is not None and named != fmt:
        # A Markdown text in 'bijlage.docx' is a file Word calls damaged.
        raise usage_error(
            "--out {out} names a {named} file, but --format is {fmt}: give --format {named}, or end --out in .{ext}",
            out=out,
            named=named,
            fmt=fmt,
            ext=EXTENSIONS[fmt],
        )
    if fmt == "docx" and out is None:
        raise usage_error("--format docx needs --out FILE (or --out - to send it down a pipe)")
    if fmt == "docx" and to_stdout and sys.stdout.isatty():
        raise usage_error(
            "a Word file is not shown in a terminal: give --out FILE, or send --out - into a file or pipe"
        )
    catalogue = load(catalogue_path)
    chosen = [parse_clause_option(o) for o in clause_options]
    tender = None
    if tender_file:
        from .readers import read_tender

        tender = read_tender(
            sys.stdin.buffer.read() if tender_file == "-" else click.format_filename(tender_file),
            source_name=tender_file,
        )
    result = draft_annex(
        catalogue, chosen, tender=tender, route=route_id, lang=lang, tender_title=tender_title, guidance=guidance
    )
    for warning in result.warnings:
        click.echo(f"warning: {warning.text(cli_language.current())}", err=True)
    data = draft_bytes(result, fmt)
    if to_stdout and fmt == "docx":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    elif to_stdout:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        assert out is not None
        path = write_atomic(out, data, force=force)
        said = cli_language.current()  # the messages' language: --lang, else the default (not the tender's)
        route = message(", route {id}", said, id=result.route.id) if result.route else ""
        sizes = {"size": count(len(data), "byte", said), "clauses": count(len(result.items()), "clause", said)}
        click.echo(message("wrote {path} ({size}, {clauses}{route})", said, path=path, route=route, **sizes), err=True)
    # About the annex just written (so not before a write that fails): a blank must not reach a published bestek.
    for unfilled in unfilled_placeholders(result):  # in the messages' language, as every other line
        click.echo(f"warning: {unfilled.warning().text(cli_language.current())}", err=True)


@cli.group()
def guide() -> None:
    """Build and preview the practice guide website."""


guide_option = click.option(
    "--guide",
    "guide_dir",
    type=click.Path(file_okay=False, exists=True),
    help="Folder of NN-<id>.md chapters to use instead of the bundled guide.",
)
out_option = click.option(
    "--out",
    default="site",
    show_default=True,
    type=click.Path(),  # a file there is the build's own one-line error (exit 1), not click's
    help="Folder to build the site into; a site built there before is replaced.",
)
no_search_option = click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")


@guide.command("build")
@out_option
@click.option("--base-url", help="Address the site will live at (e.g. https://example.org/gids/); writes sitemap.xml.")
@click.option(
    "--tool-url",
    metavar="URL",
    help="Address of the web tool (sociaalaankopen serve) that the sector pages' route links open.",
)
@click.option("--no-downloads", is_flag=True, help="Leave out the Word and Markdown downloads (a faster preview).")
@guide_option
@no_search_option
@messages_lang_option
@catalogue_option
@reports_errors
def guide_build(
    out: str,
    base_url: str | None,
    tool_url: str | None,
    no_downloads: bool,
    guide_dir: str | None,
    no_search: bool,
    lang: str | None,
    catalogue_path: str | None,
) -> None:
    """Build the guide and the catalogue into a static website."""
    from .site import build_site

    report = build_site(
        out,
        load(catalogue_path),
        guide=guide_dir,
        base_url=base_url,
        search_index=not no_search,
        tool_url=tool_url,
        downloads=not no_downloads,
    )
    search = "" if report.searchable else say(", without search index")
    pages = count(report.pages, "page", cli_language.current())
    click.echo(say("ok: {pages} in {out}{search}; open {out}/index.html", pages=pages, out=out, search=search))


@guide.command("serve")
@out_option
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port on 127.0.0.1.")
@guide_option
@no_search_option
@catalogue_option
@messages_lang_option
@reports_errors
def guide_serve(
    out: str, port: int, guide_dir: str | None, no_search: bool, catalogue_path: str | None, lang: str | None
) -> None:
    """Preview the guide on 127.0.0.1, rebuilding when a chapter or catalogue file changes."""
    from .site.serve import serve_site

    serve_site(
        out,
        catalogue_path=_resolve(catalogue_path),
        guide=guide_dir,
        port=port,
        search_index=not no_search,
        report=click.echo,
        lang=cli_language.current(),
    )


@cli.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free port).")
@click.option(
    "--guide",
    "guide_dir",
    type=click.Path(file_okay=False),
    help="A guide built with 'guide build' (e.g. site), served beside the tool under /gids/.",
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Server processes.")
@catalogue_option
@messages_lang_option
@reports_errors
def serve(
    host: str, port: int, guide_dir: str | None, workers: int, catalogue_path: str | None, lang: str | None
) -> None:
    """Run the clause tool in the browser and the HTTP API (/api/v1) until Ctrl+C."""
    from .web.serve import serve as run

    run(
        host=host,
        port=port,
        catalogue_path=_resolve(catalogue_path),
        guide_dir=guide_dir,
        workers=workers,
        report=click.echo,
        lang=cli_language.current(),
    )


# --- match -------------------------------------------------------------------------------------------


class _Progress:
    """A one-line counter on stderr, for batches run in a terminal."""

    def __init__(self, total: int | None, lang: str = "nl", noun: str = "tender") -> None:
        import time

        self.total, self.done, self.start, self._clock = total, 0, time.monotonic(), time.monotonic
        self.lang = lang
        self._shown = 0.0
        self.noun = noun

    def step(self) -> None:
        self.done += 1
        now = self._clock()
        if now - self._shown >= 0.2 or self.done == self.total:
            self._shown = now
            rate = self.done / max(now - self.start, 1e-9)
            of = f"/{self.total}" if self.total else ""
            tenders, speed = noun(self.total or self.done, self.noun, self.lang), number(round(rate), self.lang)
            said = f"{self.done}{of} {tenders}, {speed}/s "
            click.echo("\r" + said, nl=False, err=True)

    def clear(self) -> None:
        click.echo("\r\033[K", nl=False, err=True)


def _names_a_file(text: str) -> bool:
    """Whether a TEXT of one word is the name of an existing file (`match tender.json` meant --file)."""
    if len(text) > 255 or any(c.isspace() for c in text):
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _warn(problem: Problem) -> None:
    click.echo(f"warning: {problem.text(cli_language.current())}", err=True)


@cli.command()
@click.argument("text", required=False)
@click.option(
    "--file",
    "file_",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Read the tender from a file: text, JSON, OCDS or eForms XML ('-' for stdin).",
)
@click.option("--title", help="The tender's title.")
@click.option("--cpv", "cpv_codes", multiple=True, metavar="CODE", help="A CPV code of the tender (repeatable).")
@contract_type_option
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="The tender's language (default: detected); titles and reasons are shown in it.",
)
@click.option("--top", type=click.IntRange(1, 100), default=5, show_default=True, help="How many clauses to show.")
@choice_option("--format", "fmt", choices=["text", "json", "markdown"])
@choice_option(
    "--input-format",
    choices=["auto", "text", "json", "jsonl", "ocds", "eforms"],
    help="Format of --file or --batch (default: guessed).",
)
@click.option(
    "--batch",
    "batch_source",
    type=click.Path(allow_dash=True),
    help="Match every tender of a JSONL file ('-' for stdin), JSON list, OCDS package or folder of "
    "eForms XML; one JSON line per tender; exit code {exit_skipped} if a record was skipped.",
)
@click.option(
    "--workers", type=click.IntRange(1, 256), default=1, show_default=True, help="Processes to match a --batch on."
)
@click.option("--per-lot", is_flag=True, help="Also match each lot of the tender on its own.")
@catalogue_option
@reports_errors
def match(
    text: str | None,
    file_: str | None,
    title: str | None,
    cpv_codes: tuple[str, ...],
    contract_type: str | None,
    lang: str | None,
    top: int,
    fmt: str,
    input_format: str,
    batch_source: str | None,
    workers: int,
    per_lot: bool,
    catalogue_path: str | None,
) -> None:
    """Find the clauses that fit a tender, best first, with the reasons why.

    The tender is TEXT, a --file, or '-' to read stdin; --title, --cpv and --type add to it.
    """
    source_fmt = None if input_format == "auto" else input_format
    if batch_source is not None:
        if text is not None or file_ or title or cpv_codes or contract_type:
            raise usage_error(
                "--batch reads every tender from its file: leave out TEXT, --file, --title, --cpv and --type"
            )
        if fmt != "text":
            raise usage_error("--batch always writes JSON lines: leave out --format")
        _match_batch(batch_source, source_fmt, top, lang, workers, per_lot, catalogue_path)
        return
    if workers != 1:
        raise usage_error("--workers only applies to --batch")
    if text is not None and file_:
        raise usage_error("give the tender as TEXT or as --file, not both")
    if text is None and not file_ and not title and not cpv_codes:
        raise usage_error("give the tender: TEXT, --file FILE, '-' to read stdin, or --batch FILE")
    from .cache import gc_paused

    # One tender, then the process ends: the collector's passes over the modules and the index just
    # loaded (during the match, after it and at exit) would cost more than the match itself.
    with gc_paused(freeze=True):
        from .matching import matcher_for
        from .readers import compose_tender

        source = file_ if file_ else ("-" if text == "-" else None)
        if text and not source and _names_a_file(text):
            _warn(
                Problem(
                    "TEXT",
                    "",
                    "{text!r} is the name of a file, read here as the tender's words",
                    "to read the file, give --file {text}",
                    text=text,
                )
            )
        fields: dict[str, Any] = {"title": title, "cpv": cpv_codes, "type": contract_type, "lang": lang}
        tender = compose_tender(None if source else text, source=source, fmt=source_fmt, warn=_warn, **fields)
        if per_lot:
            from .readers import check_lots_per_lot

            check_lots_per_lot(tender, "<stdin>" if source == "-" else source or "<text>")
        result = matcher_for(load(catalogue_path)).match_tender(tender, top=top, per_lot=per_lot)
        if fmt == "json":
            echo_json(result.to_dict())
        else:
            from .match_report import format_markdown, format_text

            click.echo(format_markdown(result) if fmt == "markdown" else format_text(result))


def _match_batch(
    source: str, fmt: str | None, top: int, lang: str | None, workers: int, per_lot: bool, catalogue_path: str | None
) -> None:
    from .batch import count_records, match_batch

    said = lang or cli_language.current()
    progress = _Progress(count_records(source), said) if sys.stderr.isatty() else None
    skipped = total = 0
    out = sys.stdout
    for result in match_batch(
        source,
        catalogue_path=str(_resolve(catalogue_path) or "") or None,
        fmt=fmt,
        top=top,
        lang=lang,
        workers=workers,
        per_lot=per_lot,
    ):
        total += 1
        if progress and (result.warnings or not result.ok):
            progress.clear()
        for warning in result.warnings:
            _warn(warning)
        if result.ok:
            out.write(result.to_json() + "\n")
        else:
            skipped += 1
            for problem in result.errors:
                click.echo(f"error: {problem.text(said)}", err=True)
        if progress:
            progress.step()
    out.flush()
    if progress:
        progress.clear()
    if not total:  # as an empty tender is for one match, but an empty batch may be a quiet day: a warning
        _warn(Problem(source, "", "holds no tenders, so nothing was matched", "check that this is the file you meant"))
    if skipped:
        click.echo(
            message(
                "skipped {skipped} of {total} (exit code {code})",
                said,
                skipped=skipped,
                total=count(total, "tender", said),
                code=EXIT_SKIPPED,
            ),
            err=True,
        )
        sys.exit(EXIT_SKIPPED)


# --- observe -----------------------------------------------------------------------------------------


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option(
    "--out",
    required=True,
    type=click.Path(),  # a file there is observe's own one-line error (exit 1), not click's
    help="Folder for notices.csv, summary.json and report.html.",
)
@click.option("--force", is_flag=True, help="Replace the outputs of an earlier run in --out.")
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="CODE",
    help="Only notices of buyers in this country, e.g. BE (repeatable).",
)
@click.option("--since", metavar="YYYY-MM-DD", help="Only notices published on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only notices published on or before this date.")
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(NOTICE_KIND_IDS), help="Only notices of this kind (repeatable)."
)
@click.option(
    "--workers", type=click.IntRange(1, 256), default=1, show_default=True, help="Processes to read the notices on."
)
@choice_option("--engine", choices=["local", "dask"], help="Run here, or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler for --engine dask, e.g. tcp://10.0.0.5:8786.")
@catalogue_option
@messages_lang_option
@reports_errors
def observe(
    inputs: tuple[str, ...],
    out: str,
    force: bool,
    countries: tuple[str, ...],
    since: str | None,
    until: str | None,
    kinds: tuple[str, ...],
    workers: int,
    engine: str,
    scheduler: str | None,
    catalogue_path: str | None,
    lang: str | None,
) -> None:
    """Count the social considerations buyers declared in published notices, and the missed chances.

    INPUT is any mix of files, folders and archives (.zip, .tar.gz, .tar.xz) of eForms notices, TED XML
    notices (R2.0.9) and OCDS releases, records or packages (JSON or JSON Lines). Exit code 3 when a
    notice could not be read or was given twice (each one gives a line on stderr).
    """
    from .observe import Filters
    from .observe import observe as run_observe

    if scheduler and engine != "dask":
        raise usage_error("--scheduler only applies to --engine dask")
    said = cli_language.current()
    progress = _Progress(None, said, noun="notice") if sys.stderr.isatty() else None

    def skipped(outcome: Any) -> None:
        if progress:
            progress.clear()
        for line in outcome.lines(cli_language.current()):
            click.echo(f"error: {line}", err=True)

    result = run_observe(
        list(inputs),
        out,
        filters=Filters.make(countries, since, until, kinds),
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        catalogue_path=str(_resolve(catalogue_path) or "") or None,
        force=force,
        on_skip=skipped,
        on_notice=progress.step if progress else None,
    )
    if progress:
        progress.clear()
    filtered = say(", {count} filtered out", count=number(result.filtered, said)) if result.filtered else ""
    notices = count(result.notices, "notice", said)
    click.echo(
        say("ok: {notices}{filtered} in {out}; open {out}/report.html", notices=notices, filtered=filtered, out=out),
        err=True,
    )
    if result.skipped:
        unread = count(result.skipped, "notice", said)
        click.echo(
            say("skipped (unreadable or given twice): {notices} (exit code {code})", notices=unread, code=EXIT_SKIPPED),
            err=True,
        )
        sys.exit(EXIT_SKIPPED)


def main() -> None:
    guard_output()
    stop_on_sigterm()
    reader_gone = False
    try:
        try:
            cli(prog_name="sociaalaankopen")
        finally:
            sys.stdout.flush()  # what is still buffered fails here, not after the exit code is set
    except ReaderGone:
        # Exit outside this block: the interrupted command's frames (a batch's worker pool) are let go
        # and cleaned up now, not at the interpreter's exit.
        reader_gone = True
    except StdoutError as e:
        from .files import reason

        forget_stdout()
        problem = Problem(
            "stdout", "", "cannot be written: {reason}", "send the output to a file or a pipe", reason=reason(e)
        )
        click.echo(f"error: {problem.text(cli_language.current())}", err=True)
        sys.exit(1)
    if reader_gone:
        sys.exit(EXIT_READER_GONE)


__all__ = ["cli", "main"]
