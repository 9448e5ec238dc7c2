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
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping, Sequence
from typing import Any

import click

from .messages import default_language, message, table
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
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGUAGES:
            return args[i + 1]
        if arg.startswith("--lang=") and arg[len("--lang=") :] in LANGUAGES:
            return arg[len("--lang=") :]
    return default_language(environ)


def _click_table() -> Mapping[str, str]:
    found = table(current()).get("click", {})
    assert isinstance(found, dict)
    return found


def gettext(message: str) -> str:
    return _click_table().get(message, message)


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


def install() -> None:
    """Let click speak the current language (idempotent; changes only the names click translates with)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
