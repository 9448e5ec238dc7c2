"""The bundled catalogue's rankings stay as pinned in tests/fixtures/match/rankings*.jsonl.

After a deliberate change to the catalogue or the weights: `python tests/fixtures/match/regenerate.py`,
then read the diff. A change meant only to make the matcher faster leaves these files as they are.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sociaalaankopen import Catalogue
from sociaalaankopen.matching import Matcher, matcher_for

HERE = Path(__file__).parent / "fixtures" / "match"
_spec = importlib.util.spec_from_file_location("regenerate", HERE / "regenerate.py")
assert _spec is not None and _spec.loader is not None
regenerate: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)

HOW = "run `python tests/fixtures/match/regenerate.py` if the change is meant"


def _golden(which: str) -> dict[str, dict[str, Any]]:
    path = regenerate.GOLDEN[which]
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return {row["tender"]: row for row in rows}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matcher]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("golden-cache")))
        yield matcher_for(Catalogue.load())


@pytest.mark.parametrize("which", sorted(regenerate.GOLDEN))
def test_rankings_are_as_pinned(bundled: Matcher, which: str) -> None:
    golden = _golden(which)
    pinned = list(regenerate.tenders(which))
    assert [name for name, _ in pinned] == list(golden), f"the pinned tenders changed: {HOW}"
    moved = []
    for name, tender in pinned:
        now = regenerate.ranking(bundled, name, tender)
        if now != golden[name]:
            moved.append(f"{name}: now {now['top'][:3]}, pinned {golden[name]['top'][:3]}")
    assert not moved, f"{len(moved)} rankings moved ({HOW}):\n" + "\n".join(moved[:10])
