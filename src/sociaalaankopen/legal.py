"""The legal references the catalogue may cite, loaded once from `data/legal_references.yaml`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class LegalReference:
    """A provision the catalogue may cite: its key, short citation and title (in Dutch; `short_in` and
    `title_in` give them in French and English too), and what it is about (in Dutch)."""

    key: str
    short: str
    title: str
    subject: str
    # lang -> (short, title): how the provision is cited in that language.
    names: Mapping[str, tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def short_in(self, lang: str) -> str:
        return self.names.get(lang, (self.short, self.title))[0]

    def title_in(self, lang: str) -> str:
        return self.names.get(lang, (self.short, self.title))[1]

    def to_dict(self) -> dict[str, Any]:
        """The export's form: the Dutch citation, and `names` per language."""
        return {
            "key": self.key,
            "short": self.short,
            "title": self.title,
            "subject": self.subject,
            "names": {lang: {"short": s, "title": t} for lang, (s, t) in self.names.items()},
        }


def _reference(key: str, value: Mapping[str, Any]) -> LegalReference:
    short, title = value["short"], value["title"]
    if isinstance(short, str):
        short = {"nl": short}
    if isinstance(title, str):
        title = {"nl": title}
    names = {lang: (short.get(lang, short["nl"]), title.get(lang, title["nl"])) for lang in ("nl", "fr", "en")}
    return LegalReference(key=key, short=short["nl"], title=title["nl"], subject=value["subject"], names=names)


@cache
def legal_references() -> dict[str, LegalReference]:
    text = resources.files("sociaalaankopen").joinpath("data/legal_references.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {key: _reference(key, value) for key, value in raw.items()}
