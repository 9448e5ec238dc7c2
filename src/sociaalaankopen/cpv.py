"""The CPV 2008 vocabulary (© European Union, CC BY 4.0), loaded once from `data/cpv_2008.csv`.

CPV codes form a tree written into the digits: a code's level is told by its trailing zeros,
so 77311000 falls under 77310000, which falls under 77300000 and the division 77000000.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .errors import Invalid, short_value
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


@cache
def cpv_codes() -> dict[str, CpvCode]:
    """Every CPV 2008 code with its level and labels."""
    import csv

    rows = csv.reader(_data().decode("utf-8").splitlines())
    column = {name: i for i, name in enumerate(next(rows))}
    code, level, nl, fr, en = (column[c] for c in ("code", "level", "label_nl", "label_fr", "label_en"))
    return {r[code]: CpvCode(r[code], r[nl], r[fr], r[en], int(r[level])) for r in rows}


@cache
def _known_codes() -> frozenset[str]:
    # The first column alone: a tender reader asks only whether a code exists, and parsing the labels
    # of nine thousand codes would cost a one-off `match --cpv` more than the match.
    return frozenset(line.partition(b",")[0].decode("ascii") for line in _data().splitlines()[1:] if line)


def is_known(code: str) -> bool:
    """Whether a code (in any form `normalise` reads) is in the CPV 2008 list."""
    normal = normalise(code)
    return normal is not None and normal in _known_codes()


def normalise(code: str) -> str | None:
    """Turn '77310000-6', '7731' or ' 77310000 ' into the 8-digit code, or None if it is no code."""
    m = _CODE.match(code.strip())
    if not m:
        return None
    return m.group(1).ljust(8, "0")


# A code as a tender gives it: its digits, then a check digit ('77310000-6') or the '.0' of a number a
# spreadsheet wrote ('45233130.0'), and nothing else: '90911000 abc' or '9091100012345' is no code.
_GIVEN = re.compile(r"^(\d{2,8})(?:-\d|(\.0+))?$")


def parse_code(value: object, *, exact: bool = False) -> str:
    """The 8-digit code of a CPV code as a tender or a person gives it; `Invalid` (what is wrong and how
    to fix it) when it is no code, or could be two.

    '77310000', '77310000-6', '45233130.0', the number 77310000, and shorter codes of a division, group or
    class as text ('7731' is 77310000). A number (or the '45233130.0' a spreadsheet wrote) has lost its
    leading zero when it has 7 digits: 3311000 is 03311000 (fish), not 33110000 (medical imaging), as
    no division starts with 00. A shorter number is refused: 3311 could be 03311000 or 33110000; so is
    text of 7 digits that does not start with 0, a code with its zero lost or one written short. With `exact` (a code a person
    typed), only 8 digits with an optional check digit: '123' is a typo, not 12300000. The one rule of
    every reader, of `--cpv` and of `Tender`: nothing before or after the code is cut off, so
    '90911000 abc' and '9091100012345' are no codes."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _no_code(value)
    number = isinstance(value, int | float)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    m = _GIVEN.match(text)
    if not m or (exact and (len(m[1]) != 8 or m[2])):
        raise _no_code(value)
    digits = m[1]
    if len(digits) == 8:
        return digits
    if number or m[2]:
        if len(digits) == 7:
            return digits.zfill(8)
        raise Invalid(
            "{item!r} is a number of {count} digits, which may have lost a leading zero",
            "write the code as text: its 8 digits, or a division or group code such as '7731'",
            item=short_value(value),
            count=len(digits),
        )
    if len(digits) == 7 and digits[0] != "0":
        raise Invalid(
            "{item!r} has 7 digits: {lost} with its leading zero lost, or {short} written short",
            "write the code's 8 digits",
            item=short_value(value),
            lost=digits.zfill(8),
            short=digits.ljust(8, "0"),
        )
    return digits.ljust(8, "0")


def _no_code(value: object) -> Invalid:
    return Invalid("{item!r} is not a CPV code", "use 8 digits, e.g. 77310000 or 77310000-6", item=short_value(value))


def prefix(code: str) -> str:
    """The significant digits of a code: 77310000 -> '7731', 03000000 -> '03'."""
    stripped = code.rstrip("0")
    return stripped if len(stripped) >= 2 else code[:2]


def lookup(code: str) -> CpvCode | None:
    normal = normalise(code)
    return cpv_codes().get(normal) if normal else None


# A word of a label or a query: letters and digits ('schoonmaak-' and 'm.i.v.' split at their marks).
_WORD = re.compile(r"\w+")
# From this length a query word also matches inside a word: Dutch compounds ('vervoer' in 'Luchtvervoer').
_INSIDE = 3


def _folded(text: str) -> str:
    """A text as a search compares it: case and accents dropped ('Électricité' -> 'electricite')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _searchable(lang: str) -> list[tuple[str, CpvCode]]:
    """Each code's label in `lang` as ' word word ', folded: a word starts where ' ' + its start occurs."""
    return [(" " + " ".join(_WORD.findall(_folded(c.label(lang)))) + " ", c) for c in cpv_codes().values()]


def search(query: str, lang: str = "nl", limit: int = 20) -> list[CpvCode]:
    """CPV codes for a completion list: by the start of the code when the query is digits, else by the
    words of the label. Every word of the query must start a word of the label ('ex': 'Explosieven', not
    'textielweefsels'), or, from three letters, occur inside one ('vervoer': 'Luchtvervoer'); the labels
    where every word starts a word come first. Then the shortest (most general) codes first. Case and
    accents need not be typed ('electricite')."""
    query = query.strip()
    if not query:
        return []
    if query.replace("-", "").isdigit():
        digits = query.split("-")[0]
        found = [(0, c) for code, c in cpv_codes().items() if code.startswith(digits)]
    else:
        words = _WORD.findall(_folded(query))
        if not words:
            return []
        starts = [" " + w for w in words]
        long = [w for w in words if len(w) >= _INSIDE]
        short = [" " + w for w in words if len(w) < _INSIDE]
        found = []
        for text, c in _searchable(lang):
            if all(s in text for s in starts):
                found.append((0, c))
            elif all(w in text for w in long) and all(s in text for s in short):
                found.append((1, c))
    return [c for _, c in sorted(found, key=lambda f: (f[0], f[1].level, f[1].code))[:limit]]
