"""The social-clauses annex of a tender: one route's clauses, per stage in legal order.

`build_draft` renders chosen clauses into a `Draft`; `draft_for_route` and `draft_for_tender`
choose them from a route; `draft_annex` picks one of the three as the CLI and the HTTP API are asked; the modules beside this one turn a Draft into Markdown, HTML, DOCX
or JSON; `unfilled_placeholders` says what the buyer still has to fill in. Nothing here writes files.
"""

from __future__ import annotations

from .build import allowed, allowed_in, build_draft, parse_clause_option
from .compose import draft_annex, draft_for_route, draft_for_tender, sector_values
from .labels import LABELS
from .model import GUIDANCE_MODES, Draft, DraftItem, DraftRoute, DraftSection, EformsEntry, ValueRow
from .placeholders import Placeholder, Unfilled, checked_draft, clause_placeholders, unfilled_placeholders

__all__ = [
    "FORMATS",
    "GUIDANCE_MODES",
    "LABELS",
    "Draft",
    "DraftItem",
    "DraftRoute",
    "DraftSection",
    "EformsEntry",
    "Placeholder",
    "Unfilled",
    "ValueRow",
    "allowed",
    "allowed_in",
    "build_draft",
    "clause_placeholders",
    "draft_annex",
    "draft_bytes",
    "draft_for_route",
    "draft_for_tender",
    "format_of_file",
    "parse_clause_option",
    "sector_values",
    "unfilled_placeholders",
]

FORMATS = ("markdown", "html", "docx", "json")
# The file extension of each format: the one place the web tool, the guide's downloads and `draft --out` read.
EXTENSIONS = {"markdown": "md", "html": "html", "docx": "docx", "json": "json"}
# Other extensions people give these files.
_ALSO = {"markdown": "markdown", "htm": "html"}


def format_of_file(name: str) -> str | None:
    """The format a file name's extension asks for ('bijlage.docx': docx), or None for another extension."""
    from pathlib import PurePath

    extension = PurePath(name).suffix.lower().removeprefix(".")
    return ({ext: fmt for fmt, ext in EXTENSIONS.items()} | _ALSO).get(extension)


def draft_bytes(draft: Draft, fmt: str) -> bytes:
    """The annex in one of FORMATS, as bytes ready to write."""
    checked_draft(draft, "draft_bytes")
    if fmt == "markdown":
        from .markdown import to_markdown

        return to_markdown(draft).encode("utf-8")
    if fmt == "html":
        from .html import to_html

        return to_html(draft).encode("utf-8")
    if fmt == "docx":
        from .docx import to_docx

        return to_docx(draft)
    if fmt == "json":
        import json

        from .data import to_data

        return (json.dumps(to_data(draft), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    from ..errors import ParameterError, Problem, short_value

    raise ParameterError(
        Problem(
            "draft",
            "format",
            "{fmt!r} is not an annex format",
            "use one of {known}",
            fmt=short_value(fmt),
            known=", ".join(FORMATS),
        )
    )
