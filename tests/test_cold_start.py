"""What a one-off `match` skips to start fast, and why the answers stay the same: the catalogue's stamp
instead of its content hash (never stale), tenders made without building pydantic's validator, and
the modules a cached `match` does not import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import minimal_clause
from sociaalaankopen import Catalogue, cache
from sociaalaankopen.catalogue import load as catalogue_load
from sociaalaankopen.model import Lot, Tender

# --- the stamp ---------------------------------------------------------------------------------------

LATER = 10**12  # ns: a clock far enough ahead that every file counts as settled


def settled(path: Path) -> str | None:
    return cache.stamp([path], now_ns=time.time_ns() + LATER)


def test_a_file_changed_just_now_has_no_stamp(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", "utf-8")
    assert cache.stamp([path]) is None  # it may change again within the same tick of the clock
    assert settled(path) is not None


def test_the_stamp_sees_a_rewrite_that_keeps_size_and_modification_time(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", "utf-8")
    before = os.stat(path)
    first = settled(path)
    time.sleep(0.05)  # the change time moves on with the clock's next tick
    path.write_text("two", "utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert settled(path) != first


def test_without_change_times_there_is_no_stamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_text("one", "utf-8")
    monkeypatch.setattr(cache, "CHANGE_TIMES", False)  # Windows: st_ctime is the creation time
    assert settled(path) is None


def test_the_stamp_sees_added_and_missing_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("one", "utf-8")
    b.write_text("two", "utf-8")
    both = cache.stamp([a, b], now_ns=time.time_ns() + LATER)
    assert both not in (settled(a), settled(b))
    b.unlink()
    assert cache.stamp([a, b], now_ns=time.time_ns() + LATER) is None


@pytest.fixture
def settled_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as settled, as the files of an installed catalogue are."""
    monkeypatch.setattr(cache, "SETTLED_NS", -LATER)


def test_a_settled_catalogue_is_not_read_again(tmp_catalogue: Any, settled_clock: None, monkeypatch) -> None:
    root = tmp_catalogue({"proef.md": minimal_clause()})
    first = Catalogue.load(root)

    def unread(*args: object) -> str:
        raise AssertionError("the files were read although none changed")

    monkeypatch.setattr(catalogue_load, "_content_fingerprint", unread)
    again = Catalogue.load(root)
    assert again.fingerprint == first.fingerprint
    assert again.clauses["proef"].title.nl == "Titel"


def test_a_changed_settled_catalogue_is_read_again(tmp_catalogue: Any, settled_clock: None) -> None:
    root = tmp_catalogue({"proef.md": minimal_clause()})
    assert Catalogue.load(root).clauses["proef"].title.nl == "Titel"
    # Same size, same modification time: only the change time tells.
    path = root / "proef.md"
    before = os.stat(path)
    time.sleep(0.05)
    path.write_text(minimal_clause().replace("{nl: Titel,", "{nl: Titek,"), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert Catalogue.load(root).clauses["proef"].title.nl == "Titek"
    # A file added, then removed.
    (root / "tweede.md").write_text(minimal_clause("tweede"), "utf-8")
    assert set(Catalogue.load(root).clauses) == {"proef", "tweede"}
    (root / "tweede.md").unlink()
    assert set(Catalogue.load(root).clauses) == {"proef"}


def test_a_catalogue_edited_twice_in_a_row_gives_the_last_text(tmp_catalogue: Any) -> None:
    """With the real clock: edits within the same second, same size, same modification time."""
    root = tmp_catalogue({"proef.md": minimal_clause()})
    path = root / "proef.md"
    mtime = os.stat(path).st_mtime_ns
    for title in ("Titea", "Titeb", "Titec"):
        path.write_text(minimal_clause().replace("{nl: Titel,", f"{{nl: {title},"), "utf-8")
        os.utime(path, ns=(mtime, mtime))
        assert Catalogue.load(root).clauses["proef"].title.nl == title


# --- tenders without pydantic's validator --------------------------------------------------------------

CLEAN = [
    {},
    {"title": "Groenonderhoud", "description": "Maaien van parken", "cpv": ["77310000"]},
    {"id": "t-1", "title": "", "type": "works", "lang": "fr", "value": 250000.0, "currency": "EUR"},
    {"title": "a", "lots": [Lot(id="1", title="Perceel 1", cpv=["77311000"])], "ignored": "extra field"},
    {"description": "x", "id": None, "type": None, "lang": None, "value": None, "currency": None, "value2": 3},
    {"value": float("inf"), "cpv": []},
]
NOT_CLEAN = [
    {"value": 5},  # an int: validation makes it 5.0
    {"value": -1.0},  # refused
    {"value": float("nan")},  # refused
    {"cpv": ("77310000",)},  # a tuple: validation makes it a list
    {"cpv": [77310000]},  # refused
    {"type": "werken"},  # refused (the readers translate it first)
    {"lang": "de"},  # refused
    {"title": 3},  # refused
    {"id": 7},  # refused
    {"lots": [{"title": "Perceel 1"}]},  # a dict: validation makes it a Lot
]


def test_every_tender_field_has_a_clean_check() -> None:
    from sociaalaankopen.model import _CLEAN

    assert set(_CLEAN) == set(Tender.model_fields)


@pytest.mark.parametrize("fields", CLEAN, ids=range(len(CLEAN)))
def test_a_clean_tender_is_the_validated_tender(fields: dict[str, Any]) -> None:
    made = Tender.from_clean(fields)
    validated = Tender.model_validate(fields)
    assert made is not None
    assert made == validated
    assert made.model_fields_set == validated.model_fields_set
    assert made.model_dump() == validated.model_dump()


@pytest.mark.parametrize("fields", CLEAN + NOT_CLEAN[:1] + NOT_CLEAN[3:4] + NOT_CLEAN[-1:], ids=range(len(CLEAN) + 3))
def test_the_json_form_of_a_tender_is_pydantics(fields: dict[str, Any]) -> None:
    tender = Tender.model_validate(fields)
    assert tender.to_dict() == tender.model_dump(mode="json")
    assert json.dumps(tender.to_dict()) == json.dumps(tender.model_dump(mode="json"))


@pytest.mark.parametrize("fields", NOT_CLEAN, ids=range(len(NOT_CLEAN)))
def test_a_tender_that_needs_validating_is_not_taken_as_it_is(fields: dict[str, Any]) -> None:
    assert Tender.from_clean(fields) is None


# --- what a cached `match` imports -----------------------------------------------------------------

# Each costs a one-off `match` milliseconds, and none is needed when the catalogue and index are cached.
NOT_IMPORTED = (
    "yaml",
    "importlib.metadata",
    "importlib.resources",
    "tempfile",
    "sociaalaankopen.schemas",
    "jinja2.sandbox",
    "markdown_it",
    "docx",
    "fastapi",
    "matplotlib",
    "pydantic.plugin._loader",
    "numpy",  # only a large catalogue's evidence is collected with it (matching/bulk.py)
)

PROBE = """
import json, sys
from sociaalaankopen.cli import main
sys.argv = ["sociaalaankopen", "match", "Groenonderhoud van parken en begraafplaatsen", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("options", [[], ["--format", "json"], ["--cpv", "77310000"]], ids=["text", "json", "cpv"])
def test_a_cached_match_imports_only_what_it_needs(tmp_path: Path, options: list[str]) -> None:
    env = {**os.environ, "SOCIAALAANKOPEN_CACHE": str(tmp_path / "cache")}
    env.pop("SOCIAALAANKOPEN_CATALOGUE", None)
    src = str(Path(__file__).parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    command = [sys.executable, "-c", PROBE, *options]
    runs = [subprocess.run(command, env=env, capture_output=True, text=True) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
    first, cached = (json.loads(run.stdout.splitlines()[-1]) for run in runs)
    assert "yaml" in first  # the first run parsed the catalogue: the probe sees imports
    assert runs[0].stdout.splitlines()[:-1] == runs[1].stdout.splitlines()[:-1]  # the same answer
    assert not [m for m in NOT_IMPORTED if m in cached]


# --- one CPV code without reading the whole list ------------------------------------------------------


def test_the_known_codes_are_the_codes_of_the_list() -> None:
    from sociaalaankopen import cpv

    assert cpv._known_codes() == frozenset(cpv.cpv_codes())
    assert len(cpv._known_codes()) > 9000


def test_a_reader_checks_a_code_without_reading_the_whole_list() -> None:
    from sociaalaankopen import cpv

    cpv.cpv_codes.cache_clear()
    try:
        known = [cpv.is_known(code) for code in ("77310000-6", "7731", "03000000", "99999999", "abc", "")]
        assert not cpv.cpv_codes.cache_info().currsize  # the labels were not parsed for them
    finally:
        cpv.cpv_codes.cache_clear()
    assert known == [True, True, True, False, False, False]


def test_the_stamps_are_kept_apart_from_the_catalogues(tmp_catalogue: Any, settled_clock: None, monkeypatch) -> None:
    """Pruning the cached catalogues leaves the stamps (and the other way round): neither evicts the other."""
    Catalogue.load(tmp_catalogue({"proef.md": minimal_clause()}))
    folder = cache.cache_dir()
    kinds = lambda: sorted(p.name.split("-")[0] for p in folder.glob("*.pickle"))  # noqa: E731
    assert kinds() == ["catalogue", "catalogue_stamp"]
    monkeypatch.setattr(cache, "KEEP", 0)
    cache._prune(folder, "catalogue")
    assert kinds() == ["catalogue_stamp"]
