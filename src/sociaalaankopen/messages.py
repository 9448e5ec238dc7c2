"""The words of the terminal output and of every problem message, in Dutch, French and English.

Messages are written in the code in English, as templates with `{name}` placeholders (`{name!r}` shows
the value with quotes); `data/messages/nl.json` and `fr.json` map each English template to its
translation, and `en.json` holds the English counted nouns. `tests/test_messages.py` reads every
template out of the source and fails when one has no translation, or when a translation loses or
adds a placeholder. Braces that do not name a value (`{{ }}` in a Jinja hint) are shown as written.

JSON output never uses these: its keys and codes stay the same in every language. The `error:` and
`warning:` prefixes stay too, so scripts can look for them whatever the language.

Which language: a command's `--lang`; else `SOCIAALAANKOPEN_LANG`; else the locale's language when it
is nl, fr or en (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`, read as gettext reads them); else Dutch.
That is the language of the messages only: what a command prints (an annex, a clause text) keeps its own
default, which the locale does not change (docs/architecture.md).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from functools import cache

from .settings import LANG_ENV
from .typography import french_spacing
from .vocab import LANGUAGES

# A placeholder: {name} or {name!r}. Anything else between braces is text.
PLACEHOLDER = re.compile(r"\{(\w+)(?:!([rs]))?\}")
SOURCE_LANGUAGE = "en"


@cache
def table(lang: str) -> dict[str, object]:
    # Opened beside the module, as vocab.py reads its data: importlib.resources would cost the CLI's
    # start-up more than reading the file (the package ships as files; see tests/test_release.py).
    with open(os.path.join(os.path.dirname(__file__), "data", "messages", f"{lang}.json"), encoding="utf-8") as f:
        data: dict[str, object] = json.load(f)
    return data


def translations(lang: str) -> Mapping[str, str]:
    """English template -> its text in `lang` (empty for English, which the templates are written in)."""
    found = table(lang).get("messages", {})
    assert isinstance(found, dict)
    return found


class Text:
    """A piece of a message that is itself said per language (a parameter's bounds inside a problem's fix)."""

    def __init__(self, template: str, **values: object) -> None:
        self.template, self.values = template, values

    def text(self, lang: str) -> str:
        return message(self.template, lang, **self.values)

    def __str__(self) -> str:
        return self.text(SOURCE_LANGUAGE)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.template, self.values) == (other.template, other.values)

    def __hash__(self) -> int:
        return hash(self.template)


def said(template: str, **values: object) -> Text:
    """An English template to be said later, in the language of the message it is part of."""
    return Text(template, **values)


def fill(template: str, values: Mapping[str, object], lang: str = SOURCE_LANGUAGE) -> str:
    """`template` with its placeholders replaced by `values` (a `Text` value said in `lang`); a placeholder
    without a value stays as written."""

    def value(m: re.Match[str]) -> str:
        name, conversion = m[1], m[2]
        if name not in values:
            return m[0]
        found = values[name]
        if isinstance(found, Text):
            return found.text(lang)
        return repr(found) if conversion == "r" else str(found)

    return PLACEHOLDER.sub(value, template)


def message(template: str, lang: str, **values: object) -> str:
    """The English `template` said in `lang` (Dutch for an unknown language), with `values` filled in; in
    French with a no-break space before : ; ! ? and inside « » ('Paramètres\u00a0:').

    A template without a translation is shown in English rather than failing: the test on the data
    files is what keeps them complete.
    """
    lang = lang if lang in LANGUAGES else "nl"
    translated = template if lang == SOURCE_LANGUAGE else translations(lang).get(template, template)
    if lang == "fr":
        # The translation's own signs take French spacing; the values are shown as given (a path, a quoted
        # value, a URL), and a value said in French (a `Text`) is set by its own message.
        translated = french_spacing(translated)
    return fill(translated, values, lang)


def number(n: int, lang: str) -> str:
    """12.345 in Dutch, 12 345 in French (a narrow no-break space), 12,345 in English."""
    thousands = table(lang if lang in LANGUAGES else "nl")["thousands"]
    return f"{n:,}".replace(",", str(thousands))


def noun(n: int, name: str, lang: str) -> str:
    """'perceel' for 1, 'percelen' for 2; French counts 0 and 1 as singular."""
    nouns = table(lang if lang in LANGUAGES else "nl")["nouns"]
    assert isinstance(nouns, dict)
    one, more = nouns[name]
    return str(one if (n in (0, 1) if lang == "fr" else n == 1) else more)


def count(n: int, name: str, lang: str) -> str:
    """'1 perceel', '2 percelen', '12.345 bytes'."""
    return f"{number(n, lang)} {noun(n, name, lang)}"


def locale_language(environ: Mapping[str, str]) -> str | None:
    """nl, fr or en from the locale variables, in gettext's order (LANGUAGE may list several: nl:en)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if not value:
            continue
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].split("@")[0].lower()
            if code in LANGUAGES:
                return code
        if variable != "LANGUAGE":
            return None  # the first locale variable set decides, as in gettext (C.UTF-8: none of ours)
    return None


def accepted_language(header: str) -> str | None:
    """The first of nl, fr and en an HTTP Accept-Language header asks for ('fr-BE,fr;q=0.9,en;q=0.8': fr)."""
    ranked = []
    for n, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        code = tag.strip().split("-")[0].lower()
        if code in LANGUAGES and weight > 0:
            ranked.append((-weight, n, code))
    return min(ranked)[2] if ranked else None


def typed_language(value: str) -> str | None:
    """The language a user typed, in any case and spacing ('FR', ' fr ' is fr), or None if we have none such:
    what --lang and SOCIAALAANKOPEN_LANG take alike."""
    code = value.strip().lower()
    return code if code in LANGUAGES else None


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of messages when no --lang is given: SOCIAALAANKOPEN_LANG, else the locale's, else nl."""
    env = os.environ if environ is None else environ
    return typed_language(env.get(LANG_ENV, "")) or locale_language(env) or "nl"
