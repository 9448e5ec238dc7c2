"""The legal references the catalogue may cite, loaded once from `data/legal_references.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class LegalReference:
    key: str
    short: str
    title: str
    subject: str


@cache
def legal_references() -> dict[str, LegalReference]:
    text = resources.files("sociaalaankopen").joinpath("data/legal_references.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {key: LegalReference(key=key, **value) for key, value in raw.items()}
