"""docs/python-api.md is complete and its examples run (the way sqlite-utils' tests/test_docs.py keeps
its documentation honest)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sociaalaankopen

API_PAGE = Path(__file__).parents[1] / "docs" / "python-api.md"
_FENCE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^### `([A-Za-z_][A-Za-z0-9_]*)`$", re.MULTILINE)


def examples() -> list[tuple[str, str]]:
    """(the heading above it, the code) of every python block on the page."""
    text = API_PAGE.read_text("utf-8")
    found = []
    for block in _FENCE.finditer(text):
        headings = _HEADING.findall(text, 0, block.start())
        found.append((headings[-1] if headings else "intro", block.group(1)))
    return found


def test_every_public_name_has_a_section() -> None:
    documented = _HEADING.findall(API_PAGE.read_text("utf-8"))
    missing = [name for name in sociaalaankopen.__all__ if name not in documented]
    assert missing == [], f"document these in docs/python-api.md: {missing}"
    assert [name for name in documented if name not in sociaalaankopen.__all__] == []


def test_every_section_has_an_example() -> None:
    with_example = {heading for heading, _ in examples()}
    assert [name for name in sociaalaankopen.__all__ if name not in with_example] == []


@pytest.mark.parametrize(("heading", "code"), examples(), ids=[h for h, _ in examples()])
def test_example_runs(heading: str, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(code, f"docs/python-api.md ({heading})", "exec"), {"__name__": "__example__"})
