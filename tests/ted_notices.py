"""The 376 real TED notices of tests/data/ted (Belgian, Dutch and French), each with its lots."""

from __future__ import annotations

import csv
from pathlib import Path

from sociaalaankopen.model import Lot, Tender

FOLDER = Path(__file__).parent / "data" / "ted"


def ted_notices() -> list[Tender]:
    """The notices as tenders, in file order: title, description, every CPV code, lots."""
    lots: dict[str, list[Lot]] = {}
    with (FOLDER / "ted_lots_nl_fr.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lot = Lot(
                id=row["lot_id"] or None, title=row["title"], description=row["description"], cpv=row["cpv"].split()
            )
            lots.setdefault(row["notice_id"], []).append(lot)
    with (FOLDER / "ted_notices_nl_fr.csv").open(encoding="utf-8") as f:
        return [
            Tender(
                id=row["notice_id"],
                title=row["title"],
                description=row["description"],
                cpv=row["cpv_all"].split(),
                lots=lots.get(row["notice_id"], []),
            )
            for row in csv.DictReader(f)
        ]
