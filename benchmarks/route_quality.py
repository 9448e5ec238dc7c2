"""How often the first route is one a buyer would accept, on the labelled tenders of the dev set.

    python benchmarks/route_quality.py

Prints the hit rate and every miss. The dev set labels, per tender, the routes an experienced buyer
would accept as the first one (`routes` in tests/data/dev_set.jsonl).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sociaalaankopen import Catalogue, Tender
from sociaalaankopen.matching import matcher_for

DEV_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "dev_set.jsonl"
FIELDS = ("title", "description", "cpv", "type", "lots", "value", "lang")


def route_hits(catalogue: Catalogue | None = None) -> tuple[int, list[tuple[str, list[str], str | None]]]:
    """(labelled tenders, misses as (id, accepted routes, first route))."""
    catalogue = catalogue or Catalogue.load()
    matcher = matcher_for(catalogue)
    labelled = 0
    misses = []
    for line in DEV_SET.read_text("utf-8").splitlines():
        row = json.loads(line)
        if "routes" not in row:
            continue
        labelled += 1
        tender = Tender.model_validate({k: v for k, v in row.items() if k in FIELDS})
        routes = matcher.match_tender(tender).routes
        first = routes[0].id if routes else None
        if first not in row["routes"]:
            misses.append((row["id"], row["routes"], first))
    return labelled, misses


def main() -> int:
    labelled, misses = route_hits()
    hits = labelled - len(misses)
    print(f"first route right: {hits}/{labelled} = {100 * hits / labelled:.1f} %")
    for tender_id, accepted, first in misses:
        print(f"  miss {tender_id}: first {first}, accepted {', '.join(accepted)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
