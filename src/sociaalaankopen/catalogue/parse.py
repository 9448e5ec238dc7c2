"""Parse one catalogue file: front matter and `## ` body sections into a validated model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Problem, validation_problem
from ..messages import Text, said
from ..model import SECTIONS, Clause, Example, Route, SectorProfile
from .frontmatter import split_front_matter
from .markup import raw_html

_HEADING = re.compile(r"^## +(.+?)\s*$")
Item = Clause | Example | SectorProfile | Route
KINDS: dict[str, type[Clause] | type[Example] | type[SectorProfile] | type[Route]] = {
    "clause": Clause,
    "example": Example,
    "sector": SectorProfile,
    "route": Route,
}


@dataclass(frozen=True)
class Origin:
    """Where an item came from: the file and the line its body sections start on."""

    path: str
    section_lines: dict[str, int] = field(default_factory=dict)


def split_file(
    text: str, where: str, kind: str
) -> tuple[dict[str, Any], dict[str, str], dict[str, int], list[Problem]]:
    """Split a catalogue file into front matter and body sections."""
    meta, body, first, stopped = split_front_matter(text, where, said("'field: value' lines"))
    if stopped:
        return {}, {}, {}, [stopped]
    problems: list[Problem] = []
    known = SECTIONS[kind]
    sections: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    current: str | None = None
    for number, line in enumerate(body, start=first):
        m = _HEADING.match(line)
        if m:
            heading = m.group(1)
            if heading not in known:
                problems.append(
                    Problem(
                        where,
                        f"section '## {heading}' (line {number})",
                        "is not a known section",
                        "use one of: {known}",
                        known=", ".join(f"'## {h}'" for h in known),
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


def _either(expected: str) -> str | Text:
    """pydantic's list of allowed values ("1, 2 or 3") with its last "or" said in the problem's language."""
    head, sep, last = expected.rpartition(" or ")
    return said("{head} or {last}", head=head, last=last) if sep else expected


def _describe(error: Any, kind: str, where: str) -> Problem:
    loc = ".".join(str(p) for p in error["loc"])
    section = {name: heading for heading, (name, _) in SECTIONS[kind].items()}
    kind_ = error["type"]
    if kind_ == "missing":
        top = str(error["loc"][0]) if error["loc"] else ""
        if top in section:
            heading = next(h for h, (n, lang) in SECTIONS[kind].items() if n == top and lang in (None, "nl"))
            return Problem(where, loc, "is missing", "add a '## {heading}' section to the body", heading=heading)
        return Problem(where, loc, "is missing", "add it to the front matter")
    if kind_ == "literal_error":
        expected = _either(error["ctx"]["expected"])
        return Problem(
            where, loc, "{value!r} is not allowed", "use one of {expected}", value=error["input"], expected=expected
        )
    if kind_ == "extra_forbidden":
        return Problem(where, loc, "is not a known field", "remove it or check its spelling")
    if kind_ == "string_pattern_mismatch":
        return Problem(
            where,
            loc,
            "{value!r} is not a valid id",
            "use lowercase letters, digits and single hyphens",
            value=error["input"],
        )
    return validation_problem(where, loc, error)


def parse_item(path: Path, where: str, kind: str) -> tuple[Item | None, Origin, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, Origin(where), [Problem(where, "", "cannot be read: {reason}", reason=e.strerror)]
    try:
        text = raw.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as e:
        return (
            None,
            Origin(where),
            [Problem(where, "", "is not UTF-8 (byte {byte})", "save the file as UTF-8", byte=e.start)],
        )
    meta, bodies, starts, problems = split_file(text, where, kind)
    if problems and not meta:
        return None, Origin(where), problems
    origin = Origin(where, starts)
    problems += raw_html(kind, bodies, starts, where)
    data = _merge_sections(kind, meta, bodies)
    try:
        item = KINDS[kind].model_validate(data)
    except ValidationError as e:
        unknown_section = any("is not a known section" in p.message for p in problems)
        body_fields = {name for name, _ in SECTIONS[kind].values()}
        for err in e.errors():
            if unknown_section and err["type"] == "missing" and err["loc"][:1] and err["loc"][0] in body_fields:
                continue  # a misspelt heading was reported already; its field is missing because of it
            problems.append(_describe(err, kind, where))
        return None, origin, problems
    expected = path.stem
    if item.id != expected:
        problems.append(
            Problem(
                where,
                "id",
                "{id!r} differs from the file name",
                "rename the file to {id}.md or set id: {expected}",
                id=item.id,
                expected=expected,
            )
        )
    return item, origin, problems
