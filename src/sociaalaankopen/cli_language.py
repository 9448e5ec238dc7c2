"""The language the command line speaks, and click's own words (usage errors, help headings) in it.

The language is chosen before click parses anything, so that a usage error is already in it: a
`--lang` on the command line (`--lang fr` or `--lang=fr`), else `default_language()` (the
SOCIAALAANKOPEN_LANG variable, then the locale, then Dutch; see messages.py). A command with a
`--lang` option sets it again once its options are parsed.

Click writes its messages through `gettext` (`_()` and `ngettext()` bound in each of its modules) and
reads no translation catalogue of its own. `install()` binds those names to the translations in
`data/messages/{nl,fr}.json` (section "click"); `tests/test_messages.py` checks that every key there is
a message click still has, with the same placeholders, so an upgrade of click that changes a message
shows up as a failing test rather than as English text.

The words of a usage line (`[OPTIONS]`, `COMMAND [ARGS]...`) and the placeholders of values (`TEXT`,
`DIRECTORY`, an argument's name) are not said through gettext: click makes them once, in English, as
attributes of its commands, parameters and types. `localise_usage()` sets those attributes (the ones
click's constructors take: `options_metavar`, `subcommand_metavar`, `metavar`, a path type's `name`)
in the language on every run, so that the help, the usage line of an error and its hints agree.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping, Sequence
from typing import Any

import click

from .messages import Text, default_language, message, said, table, typed_language
from .typography import french_spacing
from .vocab import LANGUAGES

# The click modules that translate through `_` / `ngettext`.
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
)

_active = {"lang": "nl"}


def current() -> str:
    return _active["lang"]


def use(lang: str | None) -> None:
    """Speak `lang` from now on (a language we do not have: keep the current one)."""
    if lang in LANGUAGES:
        _active["lang"] = lang


def from_arguments(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of a command line: its --lang, else the default language."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            typed = args[i + 1]
        elif arg.startswith("--lang="):
            typed = arg[len("--lang=") :]
        else:
            continue
        found = typed_language(typed)
        if found:
            return found
    return default_language(environ)


def _click_table() -> Mapping[str, str]:
    found = table(current()).get("click", {})
    assert isinstance(found, dict)
    return found


def gettext(message: str) -> str:
    said = _click_table().get(message, message)
    # click's French words take French spacing as ours do (messages.message): 'Paramètre manquant\u00a0:'.
    return french_spacing(said) if current() == "fr" else said


def ngettext(singular: str, plural: str, n: int) -> str:
    one = n in (0, 1) if current() == "fr" else n == 1
    return gettext(singular if one else plural)


def forget_help_options(command: Any) -> None:
    """Drop the --help options click made and kept (click caches each command's, with its text in the
    language of the first run), so that the next --help is written in the current language."""
    if hasattr(command, "_help_option"):
        command._help_option = None
    for sub in getattr(command, "commands", {}).values():
        forget_help_options(sub)


def shows_help(command: Any, args: Sequence[str]) -> bool:
    """Whether a command line ends in help: it asks for it (-h, --help) or names a group but no command of it."""
    if any(arg in ("-h", "--help") for arg in args):
        return True
    for arg in args:
        sub = getattr(command, "commands", {}).get(arg)
        if sub is not None:
            command = sub
    return isinstance(command, click.Group)


def localise_help(command: Any, lang: str, **values: object) -> None:
    """Say the help texts of `command`, its subcommands and their options in `lang`.

    The English texts (docstrings and `help=`, templates whose `{name}` placeholders take `values`) are
    kept beside them, so each run starts again from English. A vocabulary option gets the words it
    takes appended (see cli_options.VocabChoice)."""
    if command.help:
        english = command.__dict__.setdefault("_english_help", inspect.cleandoc(command.help))
        command.help = message(english, lang, **values)
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            english = param.__dict__.setdefault("_english_help", param.help)
            # click's own options (--version) were made with click's words, the others with ours.
            said = gettext(english) if english in _click_table() else message(english, lang, **values)
            listing = getattr(param.type, "listing", None)
            if listing is not None:
                said += " " + message("One of: {words}.", lang, words=listing())
            param.help = said
    for sub in getattr(command, "commands", {}).values():
        localise_help(sub, lang, **values)


# The English words of a usage line and of value placeholders -> the same, to be said in a language.
USAGE_WORDS: dict[str, Text] = {
    "[OPTIONS]": said("[OPTIONS]"),
    "COMMAND [ARGS]...": said("COMMAND [ARGS]..."),
    # click's types (their name, upper case)
    "TEXT": said("TEXT"),
    "INTEGER": said("INTEGER"),
    "INTEGER RANGE": said("INTEGER RANGE"),
    # the names of our arguments, and the placeholders our options name (ID, CODE and URL stay)
    "PATH": said("PATH"),
    "CLAUSE_ID": said("CLAUSE_ID"),
    "INPUTS": said("INPUTS"),
    "NAME=VALUE": said("NAME=VALUE"),
    "ID[:NAME=VALUE,...]": said("ID[:NAME=VALUE,...]"),
    "YYYY-MM-DD": said("YYYY-MM-DD"),
    "ADDRESS": said("ADDRESS"),
}


def _word(english: str, lang: str) -> str:
    found = USAGE_WORDS.get(english)
    return found.text(lang) if found is not None else english


def _own_metavar(param: click.Parameter) -> bool:
    """Whether click would name the value itself (from the type or the name), not the type (a choice's list)."""
    return type(param.type).get_metavar is click.ParamType.get_metavar


def localise_usage(command: Any, lang: str) -> None:
    """Say the usage words and value placeholders of `command` and its subcommands in `lang`."""
    options = command.__dict__.setdefault("_english_options_metavar", command.options_metavar)
    command.options_metavar = _word(options, lang) if options else options
    if isinstance(command, click.Group):
        sub = command.__dict__.setdefault("_english_subcommand_metavar", command.subcommand_metavar)
        command.subcommand_metavar = _word(sub, lang)
    for param in command.params:
        original = param.__dict__.setdefault("_english_metavar", param.metavar)
        if isinstance(param.type, click.Path):
            # Its name says the value in the help and in its errors ("Map '…' is een bestand.").
            name = param.type.__dict__.setdefault("_english_name", param.type.name)
            param.type.name = gettext(name)
        if original is not None:
            param.metavar = _word(original, lang)
            continue
        if not _own_metavar(param):
            continue
        if isinstance(param, click.Argument):
            word = _word((param.name or "").upper(), lang)
            word = word if param.required else f"[{word}]"
        else:
            word = (
                param.type.name.upper() if isinstance(param.type, click.Path) else _word(param.type.name.upper(), lang)
            )
        param.metavar = word + ("..." if param.nargs != 1 else "")
    for sub_command in getattr(command, "commands", {}).values():
        localise_usage(sub_command, lang)


class HelpFormatter(click.HelpFormatter):
    """click's, with the colon of a heading (`Options:`) as the language writes it: French puts a space
    before it (`Options :`, as `Utilisation :`). click writes the colon itself, outside gettext."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{message('{heading}:', current(), heading=heading)}\n")


class Context(click.Context):
    """The context of every command of the CLI (`cli.Group` and `cli.Command`): it writes help with `HelpFormatter`."""

    formatter_class = HelpFormatter


def install() -> None:
    """Let click speak the current language (idempotent; changes only the names click translates with)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
