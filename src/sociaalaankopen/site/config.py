"""The site's own settings: who publishes it, under which licence, where errors are reported.

They live in `site.yaml` beside the chapters of the guide (every field optional):

    publisher: Stad Voorbeeld, dienst Aankoop
    publisher_url: https://www.voorbeeld.be/
    contact: https://github.com/voorbeeld/sociaalaankopen/issues   # or an e-mail address
    licence: EUPL-1.2
    tool_url: https://tool.voorbeeld.be/

A publisher that is not set shows as "not yet set": a public site should name one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from ..catalogue.frontmatter import YamlValueError, yaml_error, yaml_load
from ..errors import Problem, SiteError
from ..files import read_text

CONFIG_FILE = "site.yaml"
_WEB = re.compile(r"^https?://[^\s/?#]+(/[^\s]*)?$")
_MAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
}


@dataclass(frozen=True)
class SiteConfig:
    publisher: str | None = None
    publisher_url: str | None = None
    contact: str | None = None
    licence: str = "EUPL-1.2"
    tool_url: str | None = None

    @property
    def contact_href(self) -> str | None:
        if not self.contact:
            return None
        return f"mailto:{self.contact}" if _MAIL.match(self.contact) else self.contact


def format_date(day: date, lang: str) -> str:
    """'30 november 2026', '30 novembre 2026', '30 November 2026'."""
    return f"{day.day} {_MONTHS[lang].split()[day.month - 1]} {day.year}"


def read_config(guide: Path, tool_url: str | None = None) -> SiteConfig:
    """The settings in `guide`/site.yaml (defaults when there is none); `tool_url` overrides the file's."""
    path = guide / CONFIG_FILE
    raw: object = {}
    if path.is_file():
        text, unread = read_text(path, str(path))
        if unread is not None:
            raise SiteError(unread)
        try:
            raw = yaml_load(text) or {}
        except YamlValueError as e:
            raise SiteError(e.problems(str(path), whole="")) from None
        except yaml_error() as e:
            reason = getattr(e, "problem", None) or str(e).splitlines()[0]
            raise SiteError(
                Problem(str(path), "", "invalid YAML: {reason}", "quote values that contain ':'", reason=reason)
            ) from None
    if not isinstance(raw, dict):
        raise SiteError(Problem(str(path), "", "is not a mapping of fields", "write e.g. 'publisher: Stad Voorbeeld'"))
    known = [f.name for f in fields(SiteConfig)]
    problems = []
    values: dict[str, str] = {}
    for key, value in raw.items():
        if key not in known:
            problems.append(
                Problem(str(path), str(key), "is not a known field", "use one of: {known}", known=", ".join(known))
            )
        elif value is not None and not isinstance(value, str):
            problems.append(Problem(str(path), key, "{value!r} is not a text", "write it as a text", value=value))
        elif value:
            values[key] = value.strip()
    for key in ("publisher_url", "tool_url"):
        if key in values and not _WEB.match(values[key]):
            problems.append(
                Problem(str(path), key, "{value!r} is not an http(s) address", "give a full address", value=values[key])
            )
    if tool_url:  # the command line's, blamed on its option rather than on the file
        problems = [p for p in problems if p.field != "tool_url"]
        values["tool_url"] = tool_url
        if not _WEB.match(tool_url):
            problems.append(
                Problem("--tool-url", "", "{value!r} is not an http(s) address", "give a full address", value=tool_url)
            )
    contact = values.get("contact")
    if contact and not (_WEB.match(contact) or _MAIL.match(contact)):
        problems.append(
            Problem(
                str(path),
                "contact",
                "{contact!r} is neither a web nor an e-mail address",
                "give https://… or name@example.org",
                contact=contact,
            )
        )
    if problems:
        raise SiteError(problems)
    return SiteConfig(**values)
