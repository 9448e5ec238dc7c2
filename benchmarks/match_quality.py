"""Hit rate of the matcher on the development set, next to a plain BM25 baseline, in one run.

    python benchmarks/match_quality.py [--catalogue DIR] [--verbose]

A check is one expectation of a tender in tests/data/dev_set.jsonl, e.g. {"top": 3, "instrument":
"reserved_contract"}: it hits when a clause with that instrument (or theme, or id) is among the
first `top` results. A refusal, {"top": 5, "reason": "trefwoord 'bouwen'"}, holds when none of the
first `top` clauses gives that reason; those marked "open" are known to fail and are listed. BM25 (bm25s, no stemming, stopwords of nl/fr/en removed) ranks the same
clauses by their title, summary, keywords and clause text in all three languages.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sociaalaankopen import Catalogue, Clause  # noqa: E402
from sociaalaankopen.matching import matcher_for  # noqa: E402
from sociaalaankopen.model import Tender  # noqa: E402
from sociaalaankopen.text import ALL_STOPWORDS  # noqa: E402

DEV_SET = ROOT / "tests" / "data" / "dev_set.jsonl"


def load_dev_set(path: Path = DEV_SET) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def tender_of(row: dict[str, Any]) -> Tender:
    fields = {k: v for k, v in row.items() if k in Tender.model_fields}
    return Tender.model_validate(fields)


def hits(check: dict[str, Any], ranked: list[Clause]) -> bool:
    top = ranked[: check["top"]]
    if "instrument" in check:
        return any(c.instrument == check["instrument"] for c in top)
    if "theme" in check:
        return any(check["theme"] in c.themes for c in top)
    return any(c.id == check["id"] for c in top)


def bm25_ranker(catalogue: Catalogue) -> Any:
    import bm25s

    clauses = list(catalogue.clauses.values())
    docs = []
    for c in clauses:
        parts = [
            c.title.nl,
            c.title.fr,
            c.title.en,
            c.summary.nl,
            c.summary.fr,
            c.summary.en,
            " ".join(c.keywords.all()),
            c.text.nl,
            c.text.fr or "",
            c.text.en or "",
        ]
        docs.append(" ".join(parts))
    stopwords = sorted(ALL_STOPWORDS)
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(docs, stopwords=stopwords, show_progress=False), show_progress=False)

    def rank(text: str, k: int) -> list[Clause]:
        tokens = bm25s.tokenize([text], stopwords=stopwords, show_progress=False)
        if not tokens.vocab:
            return []
        found, scores = retriever.retrieve(tokens, k=min(k, len(clauses)), show_progress=False)
        return [clauses[int(i)] for i, s in zip(found[0], scores[0], strict=True) if s > 0]

    return rank


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--catalogue", default=None)
    parser.add_argument("--verbose", action="store_true", help="print every missed check")
    args = parser.parse_args()
    catalogue = Catalogue.load(args.catalogue)
    matcher = matcher_for(catalogue)
    bm25 = bm25_ranker(catalogue)
    rows = load_dev_set()
    total = ours = theirs = 0
    refusals = held = 0
    still_open: list[str] = []
    lang_right = lang_total = 0
    for row in rows:
        tender = tender_of(row)
        result = matcher.match_tender(tender, top=5)
        ranked = [m.clause for m in result.matches]
        baseline = bm25(tender.full_text(), 5)
        if "lang_expected" in row:
            lang_total += 1
            lang_right += result.tender.lang == row["lang_expected"]
        for refusal in row.get("refuse", []):
            refusals += 1
            given = [r for m in result.matches[: refusal["top"]] for r in m.reasons_in(result.tender.lang or "nl")]
            if any(refusal["reason"] in r for r in given):
                still_open.append(
                    f"{row['id']}: gives {refusal['reason']!r}" + (" (open)" if "open" in refusal else "")
                )
            else:
                held += 1
        for check in row["expect"]:
            total += 1
            hit = hits(check, ranked)
            ours += hit
            theirs += hits(check, baseline)
            if not hit and args.verbose:
                print(f"miss {row['id']}: {check} | {row['title'][:70]}")
                for m in result.matches:
                    print(f"     {m.score:3d} {m.id} ({m.clause.instrument}; {', '.join(m.clause.themes)})")
    print(f"catalogue: {len(catalogue.clauses)} clauses, {len(catalogue.sectors)} sectors")
    print(f"dev set:   {len(rows)} tenders, {total} checks")
    print(f"matcher:   {ours}/{total} checks hit = {100 * ours / total:.1f} %")
    print(f"BM25:      {theirs}/{total} checks hit = {100 * theirs / total:.1f} %  (bm25s, same clauses)")
    print(f"margin:    {100 * (ours - theirs) / total:+.1f} points")
    print(f"language:  {lang_right}/{lang_total} detected right")
    print(f"refusals:  {held}/{refusals} wrong reasons not given")
    for line in still_open:
        print(f"           {line}")


if __name__ == "__main__":
    main()
