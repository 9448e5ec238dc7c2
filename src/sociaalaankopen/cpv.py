"""The CPV 2008 vocabulary (© European Union, CC BY 4.0), loaded once from `data/cpv_2008.csv`.

CPV codes form a tree written into the digits: a code's level is told by its trailing zeros,
so 77311000 falls under 77310000, which falls under 77300000 and the division 77000000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .vocab import Term

_CODE = re.compile(r"^(\d{2,8})(?:-\d)?$")


@dataclass(frozen=True)
class CpvCode(Term):
    """A CPV code (its `id`) with its level in the tree and its labels."""

    level: int = 0

    @property
    def code(self) -> str:
        return self.id


@cache
def cpv_codes() -> dict[str, CpvCode]:
    """Every CPV 2008 code with its level and labels: the one reader of `data/cpv_2008.csv`."""
    import csv
    from importlib import resources

    text = resources.files("sociaalaankopen").joinpath("data/cpv_2008.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return {r["code"]: CpvCode(r["code"], r["label_nl"], r["label_fr"], r["label_en"], int(r["level"])) for r in rows}


def normalise(code: str) -> str | None:
    """Turn '77310000-6', '7731' or ' 77310000 ' into the 8-digit code, or None if it is no code."""
    m = _CODE.match(code.strip())
    if not m:
        return None
    return m.group(1).ljust(8, "0")


def prefix(code: str) -> str:
    """The significant digits of a code: 77310000 -> '7731', 03000000 -> '03'."""
    stripped = code.rstrip("0")
    return stripped if len(stripped) >= 2 else code[:2]


def lookup(code: str) -> CpvCode | None:
    normal = normalise(code)
    return cpv_codes().get(normal) if normal else None


def search(query: str, lang: str = "nl", limit: int = 20) -> list[CpvCode]:
    """CPV codes for a completion list: by the start of the code when the query is digits, else by the
    words of the label (every word must occur), shortest (most general) codes first."""
    query = query.strip()
    if not query:
        return []
    if query.replace("-", "").isdigit():
        digits = query.split("-")[0]
        found = [c for code, c in cpv_codes().items() if code.startswith(digits)]
    else:
        words = query.casefold().split()
        found = [c for c in cpv_codes().values() if all(w in c.label(lang).casefold() for w in words)]
    return sorted(found, key=lambda c: (c.level, c.code))[:limit]
