"""The CPV 2008 vocabulary (© European Union, CC BY 4.0), loaded once from `data/cpv_2008.csv`.

CPV codes form a tree written into the digits: a code's level is told by its trailing zeros,
so 77311000 falls under 77310000, which falls under 77300000 and the division 77000000.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
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
def _data() -> bytes:
    """The bytes of `data/cpv_2008.csv`: the one place it is read (beside this module: importing
    importlib.resources would cost a one-off `match` more than reading the file)."""
    with open(os.path.join(os.path.dirname(__file__), "data", "cpv_2008.csv"), "rb") as f:
        return f.read()


def _reader(lines: Iterable[str]) -> Iterator[CpvCode]:
    import csv

    rows = csv.reader(lines)
    column = {name: i for i, name in enumerate(next(rows))}
    code, level, nl, fr, en = (column[c] for c in ("code", "level", "label_nl", "label_fr", "label_en"))
    for r in rows:
        yield CpvCode(r[code], r[nl], r[fr], r[en], int(r[level]))


@cache
def cpv_codes() -> dict[str, CpvCode]:
    """Every CPV 2008 code with its level and labels."""
    return {c.id: c for c in _reader(_data().decode("utf-8").splitlines())}


@cache
def _row(code: str) -> CpvCode | None:
    """One code, read from its own line of the file: a tender's two or three codes do not need the
    other nine thousand parsed (that costs a one-off `match --cpv` more than the match)."""
    data = _data()
    start = data.find(b"\n" + code.encode("ascii") + b",")
    if start < 0:
        return None
    end = data.find(b"\n", start + 1)
    header = data[: data.find(b"\n")].decode("utf-8")
    line = data[start + 1 : end if end >= 0 else len(data)].decode("utf-8")
    return next(_reader([header, line]), None)


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
    if normal is None:
        return None
    if cpv_codes.cache_info().currsize:  # the whole list is read already
        return cpv_codes().get(normal)
    return _row(normal)


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
