"""Find catalogue folders, load and validate every file in them, merge them and cache the result."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import cache as _cache
from .._version import __version__
from ..errors import CatalogueError, Problem, TenderError, checked_type, wrong_type
from ..files import not_utf8_name, read_text, shown_path, utf8_name
from ..messages import said
from ..model import Clause, Example, Route, SectorProfile, Tender
from ..route_rules import members
from ..settings import CATALOGUE_ENV
from .checks import blame_extension, check_clause, check_references, check_sources
from .frontmatter import YamlValueError, yaml_error, yaml_error_at, yaml_load
from .parse import KINDS, Origin, parse_item

if TYPE_CHECKING:
    from ..matching import Match

ENV_VAR = CATALOGUE_ENV
MANIFEST = "catalogue.yaml"
_FOLDERS = {"clause": "", "example": "examples", "sector": "sectors", "route": "routes"}


def bundled_path() -> Path:
    """The catalogue that ships inside the package (or the source tree when run from a checkout)."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "_bundled" / "clauses"
    if packaged.is_dir():
        return packaged
    return here.parents[3] / "clauses"


def resolve_path(path: str | os.PathLike[str] | None) -> Path | None:
    """The catalogue folder to use: the argument, else $SOCIAALAANKOPEN_CATALOGUE, else None (bundled)."""
    if path is not None and str(path) != "":
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else None


def _files(root: Path) -> tuple[list[tuple[str, Path]], list[Problem], list[Problem]]:
    """(kind, path) of every item file under a catalogue folder, in name order per kind; a problem for
    each `.md` entry that is not a file inside the folder: a folder or a named pipe (reading one fails or
    never ends), a link to a file elsewhere (ids cannot leave the folder; files cannot either) or a name
    that is not UTF-8; and a warning for each entry that looks meant to be read but is not (`stray`)."""
    found: list[tuple[str, Path]] = []
    odd: list[Problem] = []
    strays: list[Problem] = []
    inside = root.resolve()
    for kind, folder in _FOLDERS.items():
        base = root / folder if folder else root
        try:
            with os.scandir(base) as entries:  # what base.glob("*.md") finds, without compiling a pattern
                listed = list(entries)
        except OSError:  # no such folder (or not one): no items of this kind
            continue
        items = [e for e in listed if e.name.endswith(".md") and e.name.lower() != "readme.md"]
        strays += [w for e in sorted(listed, key=lambda e: e.name) if (w := _stray(e, base, top=not folder))]
        for entry in sorted(items, key=lambda e: e.name[:-3]):
            path = base / entry.name
            if not utf8_name(path):
                odd.append(not_utf8_name(path))
                continue
            try:
                regular = entry.is_file()  # follows a link
            except OSError:
                regular = False
            if not regular:
                odd.append(
                    Problem(str(path), "", "is not a file", "remove it, or rename it so its name does not end in .md")
                )
            elif not path.resolve().is_relative_to(inside):
                odd.append(
                    Problem(
                        str(path),
                        "",
                        "links to a file outside the catalogue folder",
                        "copy the file into the catalogue folder",
                    )
                )
            else:
                found.append((kind, path))
    return found, odd, strays


# Names of Markdown files that are not read (only '.md' is), and what each should end in.
_MARKDOWN = (".md", ".markdown", ".mdown")


def _stray(entry: os.DirEntry[str], base: Path, top: bool) -> Problem | None:
    """The warning for an entry of a catalogue folder that loading skips although it looks meant to be
    read: a file named '.MD' or '.markdown', or (at the top) a folder that is not examples, sectors or
    routes ('sector', 'Routes'). Hidden entries ('.git') and other files (a licence, a picture) are fine."""
    name = entry.name
    if name.startswith(".") or name.endswith(".md") or name.lower().startswith("readme."):
        return None
    if top and name in _FOLDERS.values():
        return None
    where = shown_path(base / name)
    stem, dot, suffix = name.rpartition(".")
    if dot and f".{suffix.lower()}" in _MARKDOWN:
        return Problem(
            where,
            "",
            "is not read: only files whose name ends in '.md' are",
            "rename it to {name}",
            name=shown_path(f"{stem}.md"),
        )
    try:
        folder = top and entry.is_dir()
    except OSError:
        folder = False
    if not folder:
        return None
    known = [f for f in _FOLDERS.values() if f]
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    if close:
        return Problem(where, "", "is not a folder the catalogue reads", "rename it to {name}", name=close[0])
    return Problem(
        where,
        "",
        "is not a folder the catalogue reads",
        "move it out of the catalogue folder, or rename it to one of: {known}",
        known=", ".join(known),
    )


# The keys of catalogue.yaml, and what each may say.
MANIFEST_KEYS = {"extends": ("bundled", "none")}


def _manifest(root: Path) -> dict[str, Any]:
    """What a folder's catalogue.yaml says: {} without one. A catalogue.yaml that is no file, is empty, or
    holds a key or value it cannot hold is an error, never read as no catalogue.yaml (a folder meant to
    extend the bundled catalogue would silently stand alone)."""
    path = root / MANIFEST
    misnamed = _misnamed_manifest(root)
    if misnamed is not None:
        raise CatalogueError(
            Problem(
                shown_path(misnamed),
                "",
                "is not read: the settings of a catalogue folder are read from {manifest} only",
                "rename it to {name}",
                manifest=MANIFEST,
                name=MANIFEST,
            )
        )
    if not path.exists() and not path.is_symlink():
        return {}
    where = str(path)
    if not path.is_file():
        raise CatalogueError(
            Problem(where, "", "is not a file", "remove it, or make it a file that says 'extends: bundled'")
        )
    text, unread = read_text(path, where)
    if unread is not None:
        raise CatalogueError(unread)
    try:
        data = yaml_load(text)
    except YamlValueError as e:
        raise CatalogueError(e.problems(where, whole="")) from None
    except yaml_error() as e:
        line, reason = yaml_error_at(e)
        raise CatalogueError(
            Problem(
                where,
                "",
                "invalid YAML on line {line}: {reason}",
                "write it as YAML, e.g. 'extends: bundled'",
                line=line,
                reason=reason,
            )
        ) from None
    if data is None:
        raise CatalogueError(
            Problem(
                where,
                "",
                "is empty",
                "write 'extends: bundled' in it to extend the bundled catalogue, or remove it",
            )
        )
    if not isinstance(data, dict):
        raise CatalogueError(
            Problem(where, "", "is not a mapping of keys", "write it as YAML, e.g. 'extends: bundled'")
        )
    known = ", ".join(MANIFEST_KEYS)
    problems = [
        Problem(where, str(key)[:40], "is not a known key", "use {known}", known=known)
        for key in data
        if key not in MANIFEST_KEYS
    ]
    if data.get("extends", "bundled") not in (*MANIFEST_KEYS["extends"], None):
        problems.append(Problem(where, "extends", "must be 'bundled' or 'none'", "write 'extends: bundled'"))
    if problems:
        raise CatalogueError(problems)
    return data


def _misnamed_manifest(root: Path) -> Path | None:
    """A 'catalogue.yml' (or 'Catalogue.yaml') in a folder: never read, so a folder meant to extend the
    bundled catalogue would stand alone without a word."""
    try:
        names = [e.name for e in os.scandir(root)]
    except OSError:
        return None
    wrong = [n for n in names if n != MANIFEST and n.lower() in ("catalogue.yml", "catalogue.yaml")]
    return root / sorted(wrong)[0] if wrong else None


@dataclass
class _Loaded:
    clauses: dict[str, Clause]
    examples: dict[str, Example]
    sectors: dict[str, SectorProfile]
    routes: dict[str, Route]
    origins: dict[tuple[str, str], Origin]
    warnings: list[Problem]
    overridden: list[str]


def _load_folders(roots: list[Path]) -> _Loaded:
    items: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    origins: dict[tuple[str, str], Origin] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    strays: list[Problem] = []  # the entries loading skips although they look meant to be read
    overridden: list[str] = []
    # Per kind, the ids of the files that exist but failed to load (or whose id is not their name): their
    # problems are reported at their own file, and a reference to one is none (check_references).
    failed: dict[str, set[str]] = {kind: set() for kind in KINDS}
    clause_files = 0
    for depth, root in enumerate(roots):
        files, odd, skipped = _files(root)
        problems += odd
        strays += skipped
        for kind, path in files:
            clause_files += kind == "clause"
            where = str(path)
            item, origin, found = parse_item(path, where, kind)
            problems += found
            if item is None:
                failed[kind].add(path.stem)
                continue
            iid = item.id
            misnamed = iid != path.stem  # reported by parse_item; not registered, so no valid file is blamed
            if misnamed:
                failed[kind] |= {iid, path.stem}
            elif iid in items[kind]:
                if depth == 0 or origins[(kind, iid)].path.startswith(str(root)):
                    problems.append(Problem(where, "id", "{iid!r} is used twice", "give each item its own id", iid=iid))
                    continue
                overridden.append(f"{kind}:{iid}")
            if not misnamed:
                items[kind][iid] = item
                origins[(kind, iid)] = origin
            if kind == "clause":
                assert isinstance(item, Clause)
                p, w = check_clause(item, origin)
                problems += p
                warnings += w
            elif kind == "example":
                assert isinstance(item, Example)
                warnings += check_sources(item.sources, where)
    if not clause_files:
        problems.append(
            Problem(
                str(roots[-1]),
                "",
                "holds no clause files",
                "pass the catalogue folder: one NAME.md file per clause, with YAML front matter",
            )
        )
    clauses, examples, sectors, routes = items["clause"], items["example"], items["sector"], items["route"]
    problems += check_references(clauses, examples, sectors, origins, routes, failed)
    bundled = str(roots[0]) + os.sep if len(roots) > 1 else None
    problems = blame_extension(problems, items, origins, bundled)
    if problems:
        # The entries it skipped are said too: a misspelt 'sector/' is the cause of its examples' errors.
        raise CatalogueError(strays + problems)
    return _Loaded(clauses, examples, sectors, routes, origins, strays + warnings, overridden)


def _own_files() -> list[Path]:
    """The package's files whose change changes what loading a catalogue gives."""
    package = Path(__file__).resolve().parents[1]
    own = [
        package / p for p in ("model.py", "vocab.py", "data/vocab.json", "templates.py", "data/legal_references.yaml")
    ]
    # The cached catalogue holds its warnings as Problems: a change of their class must not meet old pickles.
    own += [package / "errors.py", package / "messages.py"]
    return own + sorted(Path(__file__).resolve().parent.glob("*.py"))


def _content_fingerprint(roots: list[Path], found: list[list[Path]], odd: list[str]) -> str:
    """A hash of every byte of the catalogue's files (and of the times of the package's own files), and
    of the entries that are not its files (`odd`: never read, but they make it invalid)."""
    parts = [__version__.encode(), *(o.encode() for o in odd)]
    for own in _own_files():
        try:
            parts.append(str(own.stat().st_mtime_ns).encode())
        except OSError:
            parts.append(b"?")
    for root, paths in zip(roots, found, strict=True):
        parts.append(str(root.resolve()).encode())
        manifest = root / MANIFEST
        if manifest.is_file():
            parts.append(manifest.read_bytes())
        for path in paths:
            parts.append(str(path).encode())
            parts.append(path.read_bytes())
    return _cache.digest(parts)


def _fingerprint(roots: list[Path]) -> str:
    """The content hash of a catalogue, without reading its files when none changed since it was last
    taken: their stamp (paths, sizes, times) is remembered with the hash."""
    listed = [_files(root) for root in roots]
    found = [[path for _kind, path in files] for files, _, _ in listed]
    odd = [problem.where for _, problems, strays in listed for problem in [*problems, *strays]]
    if not _cache.enabled():
        return _content_fingerprint(roots, found, odd)
    manifests = [root / MANIFEST for root in roots if (root / MANIFEST).is_file()]
    files = [*_own_files(), *manifests, *(path for paths in found for path in paths)]
    stamp = _cache.stamp(files)
    if stamp is None:
        return _content_fingerprint(roots, found, odd)
    key = _cache.digest(
        [__version__.encode(), *(str(root.resolve()).encode() for root in roots), *(o.encode() for o in odd)]
        + [stamp.encode()]
    )
    return _cache.cached("catalogue_stamp", key, lambda: _content_fingerprint(roots, found, odd), str)


class Catalogue:
    """A validated catalogue of clauses, practice examples and sector profiles."""

    def __init__(self, loaded: _Loaded, roots: list[Path], fingerprint: str) -> None:
        self.clauses = loaded.clauses
        self.examples = loaded.examples
        self.sectors = loaded.sectors
        self.routes = loaded.routes
        self.warnings = loaded.warnings
        self.overridden = loaded.overridden
        self.roots = roots
        self.fingerprint = fingerprint
        self._origins = loaded.origins

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, *, extend: bool | None = None) -> Catalogue:
        """Load and validate a catalogue.

        With no path, the bundled catalogue. With a path, that folder; it extends the bundled
        catalogue (adding clauses and overriding them by id) when `extend` is true or when its
        `catalogue.yaml` says `extends: bundled`.
        """
        if path is not None and not isinstance(path, str | os.PathLike):
            raise wrong_type("Catalogue.load", "path", path, said("a folder (str or path) or None"))
        folder = Path(path) if path is not None else None
        if folder is None:
            roots = [bundled_path()]
        else:
            if not utf8_name(folder):
                raise CatalogueError(not_utf8_name(folder))
            if not folder.is_dir():
                raise CatalogueError(
                    Problem(str(folder), "", "is not a folder", "pass the folder that holds the clause files")
                )
            if extend is None:
                extend = _manifest(folder).get("extends") == "bundled"
            roots = [bundled_path(), folder] if extend else [folder]
        fingerprint = _fingerprint(roots)
        loaded = _cache.cached("catalogue", fingerprint, lambda: _load_folders(roots), _Loaded)
        return cls(loaded, roots, fingerprint)

    # --- lookup ---

    def clause(self, id: str) -> Clause:
        try:
            return self.clauses[id]
        except (KeyError, TypeError):
            if not isinstance(id, str):
                raise wrong_type("Catalogue.clause", "id", id, said("a clause id (str)")) from None
            raise CatalogueError(
                Problem(
                    id or "''",
                    "",
                    "is not a clause in the catalogue",
                    "run 'sociaalaankopen clauses list' to see the ids",
                )
            ) from None

    def route(self, id: str) -> Route:
        try:
            return self.routes[id]
        except (KeyError, TypeError):
            if not isinstance(id, str):
                raise wrong_type("Catalogue.route", "id", id, said("a route id (str)")) from None
            known = ", ".join(self.routes) or "none"
            raise CatalogueError(
                Problem(id or "''", "route", "is not a route in the catalogue", "use one of: {known}", known=known)
            ) from None

    def route_members(self, route_id: str) -> list[tuple[str, str]]:
        """(clause id, role) of a route: the clauses its file lists, then the clauses that join it."""
        return members(self.route(route_id), self.clauses)

    def origin(self, kind: str, id: str) -> Origin:
        return self._origins[(kind, id)]

    def select(
        self,
        *,
        instrument: str | None = None,
        theme: str | None = None,
        ambition: int | None = None,
        contract_type: str | None = None,
    ) -> list[Clause]:
        """Clauses filtered by instrument, theme, ambition and contract type, in catalogue order."""
        return [
            c
            for c in self.clauses.values()
            if (instrument is None or c.instrument == instrument)
            and (theme is None or theme in c.themes)
            and (ambition is None or c.ambition == ambition)
            and (contract_type is None or contract_type in c.contract_types)
        ]

    def examples_using(self, clause_id: str) -> list[Example]:
        return [e for e in self.examples.values() if clause_id in e.clauses]

    # --- matching (the matcher lives in its own module; these are conveniences) ---

    def match(self, tender: Tender | str, top: int = 5) -> list[Match]:
        """The best `top` clauses for a tender, best first; a string is read as its description. A dict is
        refused: make it a `Tender(**fields)`, or read JSON with `read_tender`."""
        from ..matching import matcher_for

        return matcher_for(self).match(_checked_tender(tender, "Catalogue.match"), top=_checked_top(top))

    def match_many(self, tenders: Iterable[Tender], top: int = 5) -> Iterable[list[Match]]:
        from ..matching import matcher_for

        m = matcher_for(self)
        top = _checked_top(top, "Catalogue.match_many")
        return (m.match(_checked_tender(t, "Catalogue.match_many"), top=top) for t in tenders)


def _checked_tender(tender: object, where: str) -> Tender | str:
    if not isinstance(tender, Tender | str):
        raise wrong_type(where, "tender", tender, said("a Tender or its description (str)"), TenderError)
    return tender


def _checked_top(top: object, where: str = "Catalogue.match") -> int:
    return checked_type(top, int, where, "top", said("a whole number (int)"))
