"""Build or load (from the cache) the matcher of a catalogue."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .. import cache as _cache
from ..text import stemmer_version
from .index import Index, Lexicon, build_index
from .matcher import Matcher

if TYPE_CHECKING:
    from ..catalogue import Catalogue

T = TypeVar("T")

_LOADED: dict[str, Matcher] = {}


def _code_version() -> str:
    """The matcher's own sources take part in the cache key: change the scoring, rebuild the index."""
    here = Path(__file__).resolve().parent
    sources = [*sorted(here.glob("*.py")), here.parent / "text.py", here.parent / "cpv.py"]
    parts = []
    for path in sources:
        try:
            parts.append(f"{path.name}:{path.stat().st_mtime_ns}")
        except OSError:
            parts.append(f"{path.name}:?")
    parts.append(stemmer_version())
    return "-".join(parts)


def _without_gc(load: Callable[[], T]) -> T:
    """Run `load` with the garbage collector paused: unpickling an index creates some hundred thousand
    objects, and the collections they would trigger cost more than the unpickling itself."""
    with _cache.gc_paused():
        return load()


def matcher_for(catalogue: Catalogue) -> Matcher:
    """The matcher of a catalogue: from memory, from the disk cache, or built (and cached).

    The lexicon is cached apart from the index: most tenders never need it, and a `match` call
    should not pay for loading it."""
    from ..catalogue import Catalogue

    if not isinstance(catalogue, Catalogue):
        from ..errors import wrong_type
        from ..messages import said

        raise wrong_type("matcher_for", "catalogue", catalogue, said("a Catalogue (Catalogue.load())"))
    key = _cache.digest([catalogue.fingerprint.encode(), _code_version().encode()])
    matcher = _LOADED.get(key)
    if matcher is None:
        built: dict[str, Lexicon | None] = {}

        def build() -> Index:
            index = build_index(catalogue.clauses.values(), catalogue.sectors.values())
            built["lexicon"] = index.lexicon
            return index._replace(lexicon=None)

        def lexicon() -> Lexicon:
            found = _without_gc(
                lambda: _cache.cached(
                    "lexicon",
                    key,
                    lambda: (
                        built.get("lexicon")
                        or build_index(catalogue.clauses.values(), catalogue.sectors.values()).lexicon
                    ),
                    Lexicon,
                )
            )
            assert found is not None
            if gc.get_freeze_count():
                gc.freeze()  # a batch froze the index out of the collector's way: the lexicon joins it
            return found

        index = _without_gc(lambda: _cache.cached("matcher", key, build, Index))
        if "lexicon" in built:
            lexicon()  # just built: store it now
        matcher = Matcher(index, catalogue.clauses, catalogue.sectors, lexicon, catalogue.routes)
        if len(_LOADED) > 4:
            _LOADED.clear()
        _LOADED[key] = matcher
    return matcher
