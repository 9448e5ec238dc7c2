"""Read the chapters of the practice guide: `NN-<id>.md` files with a title and a summary.

The number orders the chapters; the id, the file name without number and `.md`, is what
`chapter:<id>` links point at, so renumbering a chapter breaks no link.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..catalogue.frontmatter import split_front_matter
from ..errors import Invalid, Problem
from ..files import not_utf8_name, read_text, utf8_name
from ..messages import said
from ..model import not_reserved
from .markdown import Document, parse

_FILE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
FRONT_MATTER = ("title", "summary")


@dataclass
class Chapter:
    id: str
    number: int
    title: str
    summary: str
    body: Document


def guide_path() -> Path:
    """The guide that ships inside the package (or the source tree when run from a checkout)."""
    packaged = Path(str(resources.files("sociaalaankopen"))) / "_bundled" / "guide"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "guide"


def _front_matter(text: str, where: str) -> tuple[dict[str, str], str, int, list[Problem]]:
    """Split a chapter into front matter, body and the line the body starts on."""
    meta, body, first, stopped = split_front_matter(text, where, said("'title: …' and 'summary: …'"))
    if stopped:
        return {}, "", 1, [stopped]
    problems: list[Problem] = []
    for name in FRONT_MATTER:
        value = meta.get(name)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(where, name, "is missing or empty", "add '{name}: …' to the front matter", name=name)
            )
    for name in meta:
        if name not in FRONT_MATTER:
            problems.append(
                Problem(where, str(name), "is not a known field", "a chapter has only 'title' and 'summary'")
            )
    fields = {name: str(meta.get(name) or "").strip() for name in FRONT_MATTER}
    return fields, "\n".join(body), first, problems


def _heading_problems(doc: Document) -> list[Problem]:
    """The page title is the h1; sections start at ## and go down one level at a time (WCAG heading order)."""
    problems = []
    previous = 1
    for heading in doc.headings:
        where = f"{doc.where}:{heading.line}"
        if heading.level == 1:
            problems.append(
                Problem(
                    where,
                    f"heading '# {heading.text}'",
                    "a chapter has one title, from its front matter",
                    "use '## ' for sections",
                )
            )
        elif heading.level > previous + 1:
            problems.append(
                Problem(
                    where,
                    f"heading '{'#' * heading.level} {heading.text}'",
                    "skips a level after a level-{previous} heading",
                    "use '{hashes} ' here",
                    previous=previous,
                    hashes="#" * (previous + 1),
                )
            )
        previous = heading.level
    return problems


def read_guide(folder: str | os.PathLike[str]) -> tuple[list[Chapter], list[Problem]]:
    """Every chapter of the guide in reading order, and every problem found on the way."""
    root = Path(folder)
    if not utf8_name(root):
        return [], [not_utf8_name(root)]
    if not root.is_dir():
        return [], [Problem(str(root), "", "is not a folder", "pass the folder that holds the NN-<id>.md chapters")]
    chapters: list[Chapter] = []
    problems: list[Problem] = []
    numbers: dict[int, str] = {}
    ids: dict[str, str] = {}
    for path in sorted(root.glob("*.md")):
        where = str(path)
        if path.name.lower() == "readme.md":
            continue
        if not utf8_name(path):
            problems.append(not_utf8_name(path))
            continue
        m = _FILE.match(path.name)
        if not m:
            problems.append(
                Problem(
                    where,
                    "file name",
                    "is not of the form NN-<id>.md",
                    "name it like 03-juridisch-kader.md: two digits, a hyphen, lowercase words",
                )
            )
            continue
        number, cid = int(m.group(1)), m.group(2)
        try:
            not_reserved(cid)
        except Invalid as e:
            problems.append(e.at(where, "file name"))
            continue
        text, unread = read_text(path, where)
        if unread is not None:
            problems.append(unread)
            continue
        if number in numbers:
            problems.append(
                Problem(
                    where,
                    "file name",
                    "number {number} is also used by {other}",
                    "give each chapter its own number",
                    number=f"{number:02d}",
                    other=numbers[number],
                )
            )
        if cid in ids:
            # Reported, and the chapter left out: two pages at one address cannot be built.
            problems.append(
                Problem(
                    where,
                    "file name",
                    "id '{cid}' is also used by {other}",
                    "give each chapter its own id",
                    cid=cid,
                    other=ids[cid],
                )
            )
            continue
        numbers.setdefault(number, path.name)
        ids.setdefault(cid, where)
        meta, body, first_line, found = _front_matter(text, where)
        problems += found
        doc = parse(body, where, first_line)
        problems += _heading_problems(doc)
        chapters.append(Chapter(cid, number, meta.get("title", ""), meta.get("summary", ""), doc))
    if not chapters and not problems:
        problems.append(Problem(str(root), "", "holds no chapters", "add files named NN-<id>.md"))
    return chapters, problems
