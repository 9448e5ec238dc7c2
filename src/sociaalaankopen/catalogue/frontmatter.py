"""YAML front matter: the part of a Markdown file between two '---' lines, shared by the catalogue
files and the chapters of the guide."""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from ..messages import Text


def yaml_load(text: str) -> Any:
    # yaml is imported only when files are parsed (a cache miss), so a CLI call on a cached
    # catalogue starts fast.
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def yaml_error() -> type[Exception]:
    import yaml

    return yaml.YAMLError


def yaml_error_at(error: Exception, first_line: int = 1) -> tuple[int | str, str]:
    """(the line, counted from `first_line`, or '?'; the reason in one line) of a YAML error, whose text
    spans several lines."""
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    return (mark.line + first_line if mark is not None else "?"), reason


def split_front_matter(text: str, where: str, fields: Text) -> tuple[dict[str, Any], list[str], int, Problem | None]:
    """(front matter, body lines, the line number of the first body line, the problem that stopped it).

    `fields` says what belongs in the front matter, for the fix ("'title: …' and 'summary: …'"), per language."""
    lines = text.split("\n")

    def stop(problem: Problem) -> tuple[dict[str, Any], list[str], int, Problem]:
        return {}, [], 1, problem

    if not lines or lines[0].strip() != "---":
        return stop(
            Problem(
                where,
                "front matter",
                "the file does not start with '---'",
                "put {fields} between two '---' lines at the top",
                fields=fields,
            )
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return stop(
            Problem(
                where,
                "front matter",
                "no closing '---' line",
                "close the YAML front matter with a line of three dashes",
            )
        )
    try:
        meta = yaml_load("\n".join(lines[1:end]))
    except yaml_error() as e:
        line, reason = yaml_error_at(e, first_line=2)
        return stop(
            Problem(
                where,
                "front matter",
                "invalid YAML on line {line}: {reason}",
                "check indentation and quote values that contain ':'",
                line=line,
                reason=reason,
            )
        )
    if not isinstance(meta, dict):
        return stop(
            Problem(
                where,
                "front matter",
                "is not a mapping of fields",
                "write {fields} between the '---' lines",
                fields=fields,
            )
        )
    return meta, lines[end + 1 :], end + 2, None
