"""The shape of the code: the import order docs/architecture.md states, one place per fact, small helpers."""

from __future__ import annotations

import ast
import gc
import json
import re
from pathlib import Path
from typing import get_args

import pytest

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "sociaalaankopen"
ON_TOP = {"__init__", "__main__", "cli"}
# The one import that reaches up on purpose (see docs/architecture.md): Catalogue.match, a convenience.
REACHES_UP = {("catalogue", "matching"), ("catalogue", "render")}


def documented_order() -> dict[str, int]:
    """Module or package name -> its row in the module table of docs/architecture.md."""
    text = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    table = text[text.index("| module | job |") :].split("\n\n")[0]
    rows: dict[str, int] = {}
    for number, line in enumerate(table.splitlines()[2:]):
        first_cell = line.split("|")[1]
        for name in re.findall(r"`([a-z_]+)(?:\.py|/)`", first_cell):
            rows[name] = number
    return rows


def unit_of(path: Path) -> str:
    """The top-level module or package a file belongs to: 'matching' for matching/matcher.py."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def imported_units(path: Path, source: str | None = None) -> set[str]:
    """The top-level modules of the package a file imports, leaving out imports made for types only."""
    tree = ast.parse(path.read_text("utf-8") if source is None else source)
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    package = list(path.relative_to(PACKAGE).parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names = [a.name.split(".") for a in node.names if a.name.startswith("sociaalaankopen.")]
            found |= {parts[1] for parts in names}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if not (node.module or "").startswith("sociaalaankopen."):
                    continue
                parts = node.module.split(".")[1:]  # type: ignore[union-attr]
            else:
                parts = package[: len(package) - node.level + 1] + (node.module.split(".") if node.module else [])
            found |= {parts[0]} if parts else {alias.name for alias in node.names}
    return found - {unit_of(path)}


def test_every_module_is_in_the_documented_order() -> None:
    order = documented_order()
    units = {unit_of(p) for p in PACKAGE.rglob("*.py")} - ON_TOP
    assert not units - set(order), f"add these to the module table of docs/architecture.md: {units - set(order)}"
    assert not set(order) - units, f"the module table names modules that do not exist: {set(order) - units}"


def test_each_module_imports_only_modules_above_it() -> None:
    order = documented_order()
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        unit = unit_of(path)
        if unit in ON_TOP:
            continue
        for target in imported_units(path):
            below = target in ON_TOP or (target in order and order[target] >= order[unit])
            if below and (unit, target) not in REACHES_UP:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {target}")
    assert not wrong, "imports against the order of docs/architecture.md:\n" + "\n".join(wrong)


def test_the_import_check_sees_a_wrong_import() -> None:
    """The checker itself: an import from below, at module level or in a function, is seen; a type-only one is not."""
    source = (
        "from typing import TYPE_CHECKING\nfrom ..matching import x\nfrom .. import cli\nfrom .base import b\n"
        "import sociaalaankopen.web.app\nif TYPE_CHECKING:\n    from ..site import y\n"
        "def f():\n    from ..draft.build import z\n"
    )
    assert imported_units(PACKAGE / "readers" / "probe.py", source) == {"matching", "cli", "web", "draft"}


# --- one place per fact ------------------------------------------------------------------------------


def test_literal_types_are_the_vocabulary_ids() -> None:
    from sociaalaankopen import model, vocab

    ids = lambda terms: tuple(t.id for t in terms)  # noqa: E731
    assert get_args(vocab.Language) == vocab.LANGUAGES
    assert get_args(vocab.InstrumentId) == ids(vocab.INSTRUMENTS) == ids(vocab.STAGES)
    assert get_args(vocab.ThemeId) == ids(vocab.THEMES)
    assert get_args(vocab.ContractType) == ids(vocab.CONTRACT_TYPES)
    assert get_args(vocab.BuyerType) == ids(vocab.BUYER_TYPES)
    assert get_args(vocab.ExampleStatus) == ids(vocab.EXAMPLE_STATUSES)
    assert tuple(str(n) for n in get_args(vocab.AmbitionLevel)) == ids(vocab.AMBITIONS)
    assert get_args(vocab.EformsField) == tuple(vocab.EFORMS_FIELDS) == tuple(vocab.EFORMS_FIELD_LABELS)
    assert set(get_args(model.RouteRole)) <= set(ids(vocab.ROUTE_ROLES))
    # ... and the models use those types, not copies of them.
    fields = {name: f.annotation for name, f in model.Clause.model_fields.items()}
    assert fields["instrument"] is vocab.InstrumentId and fields["ambition"] is vocab.AmbitionLevel
    assert model.Tender.model_fields["lang"].annotation == vocab.Language | None
    assert model.Example.model_fields["status"].annotation is vocab.ExampleStatus


def test_every_vocabulary_term_has_a_unique_id_and_three_labels() -> None:
    from sociaalaankopen import vocab

    data = json.loads((PACKAGE / "data" / "vocab.json").read_text("utf-8"))
    for name, entries in data.items():
        ids = [e["id"] for e in entries]
        assert len(set(ids)) == len(ids), f"{name}: an id stands twice"
        for entry in entries:
            for labels in (entry, entry.get("stage", entry)):
                assert all(isinstance(labels[lang], str) and labels[lang].strip() for lang in vocab.LANGUAGES), (
                    f"{name}: {entry['id']} lacks a label"
                )


def test_the_cpv_list_is_read_in_one_place() -> None:
    readers = [
        p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if 'cpv_2008.csv")' in p.read_text("utf-8")
    ]
    assert readers == ["cpv.py"]


@pytest.mark.parametrize("enabled_before", [True, False])
def test_gc_paused_nests_and_restores_the_collector(enabled_before: bool) -> None:
    from sociaalaankopen.cache import gc_paused

    (gc.enable if enabled_before else gc.disable)()
    try:
        with gc_paused():
            with gc_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the inner block does not switch it back on
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()


def test_reading_the_cache_leaves_a_paused_collector_paused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A site build pauses the collector and loads a cached catalogue; the cache read must not restart it."""
    from sociaalaankopen import cache

    monkeypatch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path))
    cache.cached("probe", "k", lambda: [1, 2, 3])
    gc.disable()
    try:
        assert cache.cached("probe", "k", lambda: []) == [1, 2, 3]  # read back from the file
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_version_is_written_once() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'path = "src/sociaalaankopen/_version.py"' in pyproject
    written = [p.name for p in PACKAGE.rglob("*.py") if re.search(r"^__version__ = ", p.read_text("utf-8"), re.M)]
    assert written == ["_version.py"]


def test_gc_paused_with_freeze_moves_what_the_block_made_out_of_the_collectors_way() -> None:
    """A one-off `match` freezes what it loaded, so that neither the next collection nor the one at exit walks it."""
    from sociaalaankopen.cache import gc_paused

    gc.unfreeze()
    try:
        with gc_paused(freeze=True):
            made = [[i] for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
    finally:
        gc.unfreeze()
        gc.enable()
