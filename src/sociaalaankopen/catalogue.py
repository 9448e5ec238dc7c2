"""Find, parse, validate, merge and cache catalogues.

A catalogue is a folder: one Markdown file per clause at the top, practice examples in
`examples/` and sector profiles in `sectors/`. Each file has YAML front matter and a body of
`## ` sections. Loading validates everything, collects every problem and raises once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from . import __version__
from . import cache as _cache
from .cpv import cpv_codes, normalise
from .errors import CatalogueError, Problem
from .model import SECTIONS, Clause, Example, Route, SectorProfile, text_heading
from .route_rules import check_routes, members
from .settings import CATALOGUE_ENV
from .vocab import EFORMS_FIELDS, LANGUAGES, eforms_codes

if TYPE_CHECKING:
    from .matching import Match
    from .model import Tender

ENV_VAR = CATALOGUE_ENV
MANIFEST = "catalogue.yaml"
_HEADING = re.compile(r"^## +(.+?)\s*$")
Item = Clause | Example | SectorProfile | Route
_KINDS: dict[str, type[Clause] | type[Example] | type[SectorProfile] | type[Route]] = {
    "clause": Clause,
    "example": Example,
    "sector": SectorProfile,
    "route": Route,
}
_FOLDERS = {"clause": "", "example": "examples", "sector": "sectors", "route": "routes"}


@dataclass(frozen=True)
class Origin:
    """Where an item came from: the file and the line its body sections start on."""

    path: str
    section_lines: dict[str, int] = field(default_factory=dict)


def bundled_path() -> Path:
    """The catalogue that ships inside the package (or the source tree when run from a checkout)."""
    packaged = Path(str(resources.files("sociaalaankopen"))) / "_bundled" / "clauses"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "clauses"


def resolve_path(path: str | os.PathLike[str] | None) -> Path | None:
    """The catalogue folder to use: the argument, else $SOCIAALAANKOPEN_CATALOGUE, else None (bundled)."""
    if path is not None and str(path) != "":
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else None


# --- parsing -----------------------------------------------------------------------------------


def split_file(
    text: str, where: str, kind: str
) -> tuple[dict[str, Any], dict[str, str], dict[str, int], list[Problem]]:
    """Split a catalogue file into front matter and body sections."""
    problems: list[Problem] = []
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return (
            {},
            {},
            {},
            [
                Problem(
                    where,
                    "front matter",
                    "the file does not start with '---'",
                    "put the YAML front matter between two '---' lines at the top",
                )
            ],
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return (
            {},
            {},
            {},
            [
                Problem(
                    where,
                    "front matter",
                    "no closing '---' line",
                    "close the YAML front matter with a line of three dashes",
                )
            ],
        )
    try:
        meta = _yaml_load("\n".join(lines[1:end]))
    except _yaml_error() as e:
        mark = getattr(e, "problem_mark", None)
        line = f" on line {mark.line + 2}" if mark is not None else ""
        reason = getattr(e, "problem", None) or str(e).splitlines()[0]
        return (
            {},
            {},
            {},
            [
                Problem(
                    where,
                    "front matter",
                    f"invalid YAML{line}: {reason}",
                    "check indentation and quote values that contain ':'",
                )
            ],
        )
    if not isinstance(meta, dict):
        return (
            {},
            {},
            {},
            [
                Problem(
                    where,
                    "front matter",
                    "is not a mapping of fields",
                    "write 'field: value' lines between the '---' lines",
                )
            ],
        )
    known = SECTIONS[kind]
    sections: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    current: str | None = None
    for number, line in enumerate(lines[end + 1 :], start=end + 2):
        m = _HEADING.match(line)
        if m:
            heading = m.group(1)
            if heading not in known:
                problems.append(
                    Problem(
                        where,
                        f"section '## {heading}' (line {number})",
                        "is not a known section",
                        "use one of: " + ", ".join(f"'## {h}'" for h in known),
                    )
                )
                current = ""  # skip its content: it was reported once above
                continue
            if heading in sections:
                problems.append(
                    Problem(
                        where,
                        f"section '## {heading}' (line {number})",
                        "appears twice",
                        "merge the two sections into one",
                    )
                )
            current = heading
            sections[heading] = []
        elif current == "":
            continue
        elif current is not None:
            if current not in starts and line.strip():
                starts[current] = number  # the line the (stripped) section text starts on
            sections[current].append(line)
        elif line.strip() and not line.startswith("# "):
            problems.append(
                Problem(
                    where,
                    f"body (line {number})",
                    "text before the first section",
                    "start the body with one of the '## ' sections",
                )
            )
    bodies = {h: "\n".join(v).strip() for h, v in sections.items()}
    return meta, bodies, starts, problems


def _merge_sections(kind: str, meta: dict[str, Any], bodies: dict[str, str]) -> dict[str, Any]:
    data = dict(meta)
    for heading, body in bodies.items():
        name, lang = SECTIONS[kind][heading]
        if lang is None:
            data[name] = body
        else:
            data.setdefault(name, {})
            if isinstance(data[name], dict):
                data[name][lang] = body
    return data


def _describe(error: Any, kind: str) -> tuple[str, str, str]:
    loc = ".".join(str(p) for p in error["loc"])
    section = {name: heading for heading, (name, _) in SECTIONS[kind].items()}
    kind_ = error["type"]
    if kind_ == "missing":
        top = str(error["loc"][0]) if error["loc"] else ""
        if top in section:
            heading = next(h for h, (n, lang) in SECTIONS[kind].items() if n == top and lang in (None, "nl"))
            return loc, "is missing", f"add a '## {heading}' section to the body"
        return loc, "is missing", "add it to the front matter"
    if kind_ == "literal_error":
        return loc, f"{error['input']!r} is not allowed", f"use one of {error['ctx']['expected']}"
    if kind_ == "extra_forbidden":
        return loc, "is not a known field", "remove it or check its spelling"
    if kind_ == "string_pattern_mismatch":
        return loc, f"{error['input']!r} is not a valid id", "use lowercase letters, digits and single hyphens"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return loc, message[0].lower() + message[1:], ""


def parse_item(path: Path, where: str, kind: str) -> tuple[Item | None, Origin, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, Origin(where), [Problem(where, "", f"cannot be read: {e.strerror}")]
    try:
        text = raw.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as e:
        return None, Origin(where), [Problem(where, "", f"is not UTF-8 (byte {e.start})", "save the file as UTF-8")]
    meta, bodies, starts, problems = split_file(text, where, kind)
    if problems and not meta:
        return None, Origin(where), problems
    origin = Origin(where, starts)
    data = _merge_sections(kind, meta, bodies)
    try:
        item = _KINDS[kind].model_validate(data)
    except ValidationError as e:
        unknown_section = any("is not a known section" in p.message for p in problems)
        body_fields = {name for name, _ in SECTIONS[kind].values()}
        for err in e.errors():
            if unknown_section and err["type"] == "missing" and err["loc"][:1] and err["loc"][0] in body_fields:
                continue  # a misspelt heading was reported already; its field is missing because of it
            loc, message, fix = _describe(err, kind)
            problems.append(Problem(where, loc, message, fix))
        return None, origin, problems
    expected = path.stem
    if item.id != expected:
        problems.append(
            Problem(
                where,
                "id",
                f"{item.id!r} differs from the file name",
                f"rename the file to {item.id}.md or set id: {expected}",
            )
        )
    return item, origin, problems


# --- checks across items -------------------------------------------------------------------


def _check_cpv(codes: Iterable[str], where: str, field_: str) -> list[Problem]:
    problems = []
    table = cpv_codes()
    for code in codes:
        normal = normalise(str(code))
        if normal is None or normal not in table:
            problems.append(
                Problem(
                    where,
                    field_,
                    f"{code!r} is not a CPV 2008 code",
                    "use an 8-digit code from the CPV list, e.g. 77310000",
                )
            )
    return problems


def _yaml_load(text: str) -> Any:
    # yaml, jinja2 and the legal data are imported only when files are parsed (a cache miss),
    # so a CLI call on a cached catalogue starts fast.
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _yaml_error() -> type[Exception]:
    import yaml

    return yaml.YAMLError


def _check_clause(clause: Clause, origin: Origin) -> tuple[list[Problem], list[Problem]]:
    from jinja2 import TemplateSyntaxError

    from .templates import variables

    where = origin.path
    problems: list[Problem] = []
    warnings: list[Problem] = []
    from .legal import legal_references

    legal = legal_references()
    for key in clause.legal_basis:
        if key not in legal:
            problems.append(
                Problem(
                    where,
                    "legal_basis",
                    f"{key!r} is not a known legal reference",
                    "use a key from data/legal_references.yaml",
                )
            )
    problems += _check_cpv(clause.cpv, where, "cpv")
    lists = eforms_codes()
    for bt, codes in clause.eforms.items():
        allowed = lists[EFORMS_FIELDS[bt]]
        for code in codes:
            if code not in allowed:
                problems.append(
                    Problem(
                        where,
                        f"eforms.{bt}",
                        f"{code!r} is not in the eForms code list",
                        "use one of " + ", ".join(sorted(allowed)),
                    )
                )
    reservation = [c for c in clause.eforms.get("BT-71", []) if c != "none"] + [
        c for c in clause.eforms.get("BT-736", []) if c == "yes"
    ]
    if clause.instrument == "reserved_contract" and not reservation:
        problems.append(
            Problem(
                where,
                "eforms.BT-71",
                "a reserved contract must state its reservation",
                "add BT-71: [res-ws] or [res-pub-ser], or BT-736: [yes] for reserved execution",
            )
        )
    declared = set(clause.parameters)
    used_anywhere: set[str] = set()
    for lang in LANGUAGES:
        source = getattr(clause.text, lang)
        heading = text_heading(lang)
        if not source:
            warnings.append(
                Problem(where, f"text.{lang}", "has no clause text in this language", f"add a '## {heading}' section")
            )
            continue
        try:
            used = variables(source)
        except TemplateSyntaxError as e:
            line = origin.section_lines.get(heading, 0) + (e.lineno or 1) - 1
            problems.append(
                Problem(
                    f"{where}:{line}",
                    f"text.{lang}",
                    f"template syntax error: {e.message}",
                    "check the {{ }} and {% %} tags",
                )
            )
            continue
        used_anywhere |= used
        for name in sorted(used - declared):
            problems.append(
                Problem(
                    where,
                    f"text.{lang}",
                    f"uses '{{{{ {name} }}}}', which is not a declared parameter",
                    f"declare '{name}' under parameters or remove it from the text",
                )
            )
        if lang == "nl":
            for name in sorted(declared - used):
                problems.append(
                    Problem(
                        where,
                        f"parameters.{name}",
                        "is declared but the Dutch text never uses it",
                        "use it in the clause text or remove it",
                    )
                )
    for lang in ("fr", "en"):
        if not clause.keywords.get(lang):
            warnings.append(
                Problem(
                    where,
                    f"keywords.{lang}",
                    "has no keywords in this language",
                    "add the words buyers write in tenders",
                )
            )
    return problems, warnings


def check_references(
    clauses: dict[str, Clause],
    examples: dict[str, Example],
    sectors: dict[str, SectorProfile],
    origins: dict[tuple[str, str], Origin],
) -> list[Problem]:
    problems: list[Problem] = []
    for cid, clause in clauses.items():
        where = origins[("clause", cid)].path
        for other in clause.related:
            if other not in clauses:
                problems.append(
                    Problem(
                        where,
                        "related",
                        f"{other!r} is not a clause in the catalogue",
                        "use the id of an existing clause",
                    )
                )
            elif other == cid:
                problems.append(Problem(where, "related", "a clause cannot relate to itself", "remove its own id"))
    for eid, example in examples.items():
        where = origins[("example", eid)].path
        for cid in example.clauses:
            if cid not in clauses:
                problems.append(
                    Problem(
                        where,
                        "clauses",
                        f"{cid!r} is not a clause in the catalogue",
                        "use the id of an existing clause",
                    )
                )
        if example.sector is not None and example.sector not in sectors:
            problems.append(
                Problem(
                    where, "sector", f"{example.sector!r} is not a sector profile", "use the id of a file in sectors/"
                )
            )
    for sid, sector in sectors.items():
        where = origins[("sector", sid)].path
        for cid in sector.recommended:
            if cid not in clauses:
                problems.append(
                    Problem(
                        where,
                        "recommended",
                        f"{cid!r} is not a clause in the catalogue",
                        "use the id of an existing clause",
                    )
                )
        problems += _check_cpv(sector.cpv, where, "cpv")
    return problems


# --- loading -----------------------------------------------------------------------------------


def _files(root: Path) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for kind, folder in _FOLDERS.items():
        base = root / folder if folder else root
        if base.is_dir():
            for path in sorted(base.glob("*.md"), key=lambda p: p.stem):
                if path.name.lower() != "readme.md":
                    found.append((kind, path))
    return found


def _manifest(root: Path) -> dict[str, Any]:
    path = root / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = _yaml_load(path.read_text("utf-8")) or {}
    except (_yaml_error(), UnicodeDecodeError, OSError) as e:
        raise CatalogueError(
            Problem(str(path), "", f"cannot be read: {e}", "write it as YAML, e.g. 'extends: bundled'")
        ) from None
    if not isinstance(data, dict) or data.get("extends", "bundled") not in ("bundled", None, "none"):
        raise CatalogueError(Problem(str(path), "extends", "must be 'bundled' or 'none'", "write 'extends: bundled'"))
    return data


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
    items: dict[str, dict[str, Any]] = {kind: {} for kind in _KINDS}
    origins: dict[tuple[str, str], Origin] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    overridden: list[str] = []
    clause_files = 0
    for depth, root in enumerate(roots):
        for kind, path in _files(root):
            clause_files += kind == "clause"
            where = str(path)
            item, origin, found = parse_item(path, where, kind)
            problems += found
            if item is None:
                continue
            iid = item.id
            if iid in items[kind]:
                if depth == 0 or origins[(kind, iid)].path.startswith(str(root)):
                    problems.append(Problem(where, "id", f"{iid!r} is used twice", "give each item its own id"))
                    continue
                overridden.append(f"{kind}:{iid}")
            items[kind][iid] = item
            origins[(kind, iid)] = origin
            if kind == "clause":
                assert isinstance(item, Clause)
                p, w = _check_clause(item, origin)
                problems += p
                warnings += w
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
    problems += check_references(clauses, examples, sectors, origins)
    problems += check_routes(clauses, routes, sectors, origins)
    if problems:
        raise CatalogueError(problems)
    return _Loaded(clauses, examples, sectors, routes, origins, warnings, overridden)


def _fingerprint(roots: list[Path]) -> str:
    package = Path(__file__).resolve().parent
    parts = [__version__.encode()]
    for own in ("model.py", "catalogue.py", "vocab.py", "templates.py", "data/legal_references.yaml"):
        try:
            parts.append(str((package / own).stat().st_mtime_ns).encode())
        except OSError:
            parts.append(b"?")
    for root in roots:
        parts.append(str(root.resolve()).encode())
        manifest = root / MANIFEST
        if manifest.is_file():
            parts.append(manifest.read_bytes())
        for _kind, path in _files(root):
            parts.append(str(path).encode())
            parts.append(path.read_bytes())
    return _cache.digest(parts)


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
        folder = Path(path) if path is not None else None
        if folder is None:
            roots = [bundled_path()]
        else:
            if not folder.is_dir():
                raise CatalogueError(
                    Problem(str(folder), "", "is not a folder", "pass the folder that holds the clause files")
                )
            if extend is None:
                extend = _manifest(folder).get("extends") == "bundled"
            roots = [bundled_path(), folder] if extend else [folder]
        fingerprint = _fingerprint(roots)
        loaded = _cache.cached("catalogue", fingerprint, lambda: _load_folders(roots))
        return cls(loaded, roots, fingerprint)

    # --- lookup ---

    def clause(self, id: str) -> Clause:
        try:
            return self.clauses[id]
        except KeyError:
            raise CatalogueError(
                Problem(id, "", "is not a clause in the catalogue", "run 'sociaalaankopen clauses list' to see the ids")
            ) from None

    def route(self, id: str) -> Route:
        try:
            return self.routes[id]
        except KeyError:
            known = ", ".join(self.routes) or "none"
            raise CatalogueError(
                Problem(id, "route", "is not a route in the catalogue", f"use one of: {known}")
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
        from .matching import matcher_for

        return matcher_for(self).match(tender, top=top)

    def match_many(self, tenders: Iterable[Tender], top: int = 5) -> Iterable[list[Match]]:
        from .matching import matcher_for

        m = matcher_for(self)
        return (m.match(t, top=top) for t in tenders)
