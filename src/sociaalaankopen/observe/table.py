"""notices.csv: one row per notice, the columns documented in docs/observe.md."""

from __future__ import annotations

import csv
from typing import IO

from .extract import Observed

COLUMNS = (
    "id",
    "source",
    "published",
    "kind",
    "buyer",
    "country",
    "nuts",
    "nature",
    "cpv_main",
    "cpv_other",
    "value",
    "value_type",
    "currency",
    "lots",
    "language",
    "title",
    "can_declare",
    "declared",
    "declared_notice",
    "declared_lots",
    "social_objectives",
    "potential_route",
    "potential_fit",
    "potential_basis",
    "reservation_route",
    "reservation_fit",
    "opportunity",
    "file",
)


# What Excel (and LibreOffice) read as the start of a formula: a cell of someone else's text that starts
# with one of these would run when an analyst opens the file (CSV injection). Such a cell gets a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(cell: str) -> str:
    """A cell as a spreadsheet shows it: text that would start a formula stays text."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def row(item: Observed) -> list[str]:
    return [_text(cell) for cell in _cells(item)]


def _cells(item: Observed) -> list[str]:
    n, p = item.notice, item.potential
    return [
        n.id,
        n.source,
        n.published,
        n.kind,
        n.buyer,
        n.country,
        n.nuts,
        n.nature,
        n.cpv_main,
        " ".join(n.cpv_other),
        "" if n.value is None else f"{n.value:.2f}",
        n.value_type,
        n.currency,
        str(n.lots),
        n.lang,
        n.title,
        "yes" if n.can_declare else "no",
        " ".join(n.declared),
        " ".join(n.declared_notice),
        " ".join(f"{lot}:{'+'.join(codes)}" for lot, codes in n.declared_lots),
        " ".join(n.social_objectives),
        p.route if p else "",
        str(p.fit) if p else "",
        p.basis if p else "",
        p.reservation_route if p else "",
        str(p.reservation_fit) if p and p.reservation_route else "",
        "yes" if item.opportunity else "no",
        item.where,
    ]


class NoticeTable:
    """Writes the rows as they come."""

    def __init__(self, f: IO[str]) -> None:
        self._writer = csv.writer(f, lineterminator="\n")
        self._writer.writerow(COLUMNS)

    def add(self, item: Observed) -> None:
        self._writer.writerow(row(item))
