"""The words of the matcher's reasons (data/reasons.json): complete in Dutch, French and English."""

from __future__ import annotations

import json
import string
from pathlib import Path

import sociaalaankopen
from sociaalaankopen.matching.reasons import Reason

DATA = Path(sociaalaankopen.__file__).parent / "data" / "reasons.json"


def _placeholders(template: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(template) if name is not None)


def test_every_reason_says_the_same_in_each_language() -> None:
    data = json.loads(DATA.read_text("utf-8"))
    for table in ("templates", "sources"):
        for kind, words in data[table].items():
            assert set(words) == {"nl", "fr", "en"}, f"{table}.{kind}"
            assert _placeholders(words["fr"]) == _placeholders(words["nl"]) == _placeholders(words["en"]), (
                f"{table}.{kind}: a translation loses or adds a value"
            )


def test_a_reason_renders_from_the_data_in_each_language() -> None:
    reason = Reason("cpv_under", ("77311000", "77310000"))
    assert reason.text("nl") == "CPV 77311000 valt onder 77310000"
    assert reason.text("fr") == "CPV 77311000 relève de 77310000"
    assert reason.text("en") == "CPV 77311000 falls under 77310000"
