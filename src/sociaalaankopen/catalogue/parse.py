"""Parse one catalogue file: front matter and `## ` body sections into a validated model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Problem
from ..files import read_text
from ..messages import said
from ..model import SECTIONS, Clause, Example, Route, SectorProfile
from .frontmatter import front_matter
from .markup import raw_html
from .validation import describe_all

_HEADING = re.compile(r"^## +(.+?)\s*$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # model.Slug's pattern
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
    meta, body, first, stopped = front_matter(text, where, said("'field: value' lines"))
    if stopped:
        return {}, {}, {}, stopped
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


def parse_item(path: Path, where: str, kind: str) -> tuple[Item | None, Origin, list[Problem]]:
    text, unread = read_text(path, where)
    if unread is not None:
        return None, Origin(where), [unread]
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
        errors = [
            err
            for err in e.errors()
            # a misspelt heading was reported already; its field is missing because of it
            if not (unknown_section and err["type"] == "missing" and err["loc"][:1] and err["loc"][0] in body_fields)
        ]
        problems += describe_all(errors, kind, where)
        return None, origin, problems
    expected = path.stem
    if item.id != expected:
        # 'Voorbehouden Opdracht.md': a name that is no id, so only renaming the file helps.
        problems.append(
            Problem(
                where,
                "id",
                "{id!r} differs from the file name",
                "rename the file to {id}.md or set id: {expected}"
                if _ID.match(expected) and len(expected) <= 80
                else "rename the file to {id}.md (a file name is an id: lowercase letters, digits and single hyphens)",
                id=item.id,
                expected=expected,
            )
        )
    return item, origin, problems
