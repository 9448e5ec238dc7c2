"""Numbers as people write them: a buyer's parameter value, a tender's amount.

Belgians write 1.250.000 and 12,5; the English 1,250,000 and 12.5; the French 250 000. Where the
separators say which is which, the number is read; where they do not (one separator before exactly
three digits: 250.000 is 250 thousand to a Belgian and 250 to a computer), `ambiguous` says so and the
caller refuses it rather than guess a value a thousand times off. And the other way: a number written
for a language (`format_number`), kept apart from templates.py so that a `match` need not import Jinja2.
"""

from __future__ import annotations

import math
import re

from .errors import Problem

# The most decimals `number` prints: a price to the cent needs 2, a rate 4; `number(9999999)` would print
# millions of zeros.
MAX_DECIMALS = 6
MAX_NUMBER = 1e12  # a trillion euro: no clause value and no contract comes near; beyond it, a slip of the keyboard

_PLAIN = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$", re.ASCII)  # ASCII: no Arabic-Indic or other digits
_GROUPED = (  # (pattern, thousands separators, decimal separator)
    (re.compile(r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+,\d+$|^[+-]?[1-9]\d{0,2}(?:\.\d{3}){2,}$", re.ASCII), ".", ","),
    (re.compile(r"^[+-]?[1-9]\d{0,2}(?:,\d{3})+\.\d+$|^[+-]?[1-9]\d{0,2}(?:,\d{3}){2,}$", re.ASCII), ",", "."),
    (re.compile(r"^[+-]?[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$"), " \u00a0\u202f", ","),
)
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$", re.ASCII)


def ambiguous(text: str) -> tuple[str, str] | None:
    """The two readings of a number that could be a thousand times off ('250.000': '250000', '250'),
    None when it is not one."""
    if not _AMBIGUOUS.match(text):
        return None
    return re.sub(r"[.,]", "", text), f"{float(text.replace(',', '.')):g}".replace(".", ",")


def ambiguity(where: str, field: str, text: str, shown: object) -> Problem | None:
    """The problem of a number that could be a thousand times off ('250.000'), naming both readings;
    None when `text` is not one. `shown`: the value as the problem quotes it."""
    readings = ambiguous(text)
    if readings is None:
        return None
    return Problem(
        where,
        field,
        "{value!r} is ambiguous: {whole} or {decimal}?",
        "write the number without a thousands separator, with a decimal comma if it has decimals",
        value=shown,
        whole=readings[0],
        decimal=readings[1],
    )


def parse_number(text: str) -> float | None:
    """A written number (12, 12,5, 12.5, 1.250.000, 1.250,5, 1,250,000, 250 000), None when it is none.
    Check `ambiguous` first: this reads '250.000' as 250."""
    text = text.strip()
    for pattern, thousands, decimal in _GROUPED:
        if pattern.match(text):
            for separator in thousands:
                text = text.replace(separator, "")
            return float(text.replace(decimal, "."))
    if not _PLAIN.match(text):
        return None
    return float(text.replace(",", "."))


def usable(number: int | float) -> float | None:
    """A number as a float when it is one a document can state (finite, at most MAX_NUMBER in size),
    else None. Safe for ints of any size (float() of a huge one overflows)."""
    if isinstance(number, int) and abs(number) > MAX_NUMBER:
        return None
    value = float(number)
    return value if math.isfinite(value) and abs(value) <= MAX_NUMBER else None


class Amount(float):
    """A sum of money with cents: said with both its decimals (100,50 euro, not 100,5 euro)."""


def format_number(value: object, lang: str = "nl", decimals: int = 0) -> str:
    """Format a number for a language: 1.234.567,5 in Dutch and French, 1,234,567.5 in English. An
    `Amount` with cents gets two decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    decimals = max(0, min(int(decimals), MAX_DECIMALS))
    if not decimals and isinstance(value, Amount) and not value.is_integer():
        decimals = 2
    if decimals:
        text = f"{value:,.{decimals}f}"
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def file_size(size: int, lang: str = "nl") -> str:
    """The size of a file as a download link says it: '39 kB' ('39 ko' in French), at least 1; one way for
    the guide's downloads and the tool's."""
    unit = "ko" if lang == "fr" else "kB"
    return f"{format_number(max(1, round(size / 1000)), lang)}\u00a0{unit}"
