"""The annex as Markdown: the source the HTML and DOCX writers start from too.

Three parts, separated by a thematic break (a page break in HTML print and DOCX): the text for
the bestek (with the chosen values on top), the documents that precede the notice, and the
guidance for the buyer (unless `guidance` is 'none'). Values from parameters are marked:
`==value==` in the Markdown file; the HTML and DOCX writers ask for the raw marks instead.
"""

from __future__ import annotations

from ..characters import escape_markdown
from ..numbers import format_number
from ..render import DUTCH_END, DUTCH_START, PLACEHOLDER_END, PLACEHOLDER_START, unmarked
from ..templates import VALUE_END, VALUE_START
from ..typography import french_markdown
from .model import Draft, DraftItem, DraftSection

BREAK = "* * *"


def _cell(text: str) -> str:
    """A text in a table cell, shown as written: a value from the buyer makes no markup."""
    return escape_markdown(text.replace("\n", " "))


def _visible(text: str) -> str:
    for mark, shown in ((VALUE_START, "=="), (VALUE_END, "=="), (PLACEHOLDER_START, ""), (PLACEHOLDER_END, "")):
        text = text.replace(mark, shown)
    return text.replace(DUTCH_START, "").replace(DUTCH_END, "")


def _dutch(draft: Draft, text: str) -> str:
    """A text the catalogue holds in Dutch only, marked as Dutch in an annex in another language (each
    paragraph on its own: a mark does not cross a paragraph)."""
    if draft.lang == "nl":
        return text
    return "\n\n".join(f"{DUTCH_START}{part}{DUTCH_END}" if part.strip() else part for part in text.split("\n\n"))


def _colon(draft: Draft) -> str:
    """A colon after a label: French puts a no-break space before it ('Base juridique :')."""
    return "\u00a0:" if draft.lang == "fr" else ":"


def _semicolon(draft: Draft) -> str:
    return "\u00a0;" if draft.lang == "fr" else ";"


def _values(draft: Draft) -> list[str]:
    t = draft.labels()
    if not draft.values:
        return []
    out = [f"## {t['values.title']}", "", t["values.intro"], ""]
    out += [
        f"| {t['values.clause']} | {t['values.parameter']} | {t['values.value']} | {t['values.allowed']} |",
        "|---|---|---|---|",
    ]
    for row in draft.values:
        state = (
            t["values.sector"].format(sector=row.sector)
            if row.sector
            else t["values.changed"]
            if row.changed
            else t["values.default"]
        )
        out.append(
            f"| {_cell(row.clause_title)} | {_cell(row.label)} | {_cell(row.value)} ({state}) | {_cell(row.allowed)} |"
        )
    return [*out, ""]


def _sections(draft: Draft, sections: list[DraftSection], start: int) -> list[str]:
    t = draft.labels()
    out: list[str] = []
    for number, section in enumerate(sections, start=start):
        out += [f"## {number}. {section.title}", ""]
        for sub, item in enumerate(section.items, start=1):
            title = escape_markdown(item.clause.title.get(draft.lang))
            out += [f"### {number}.{sub} {title}", "", item.rendered.marked, ""]
            if item.weighting is not None:
                out += [f"**{t['weighting']}{_colon(draft)}** {format_number(item.weighting, draft.lang)} %", ""]
    return out


def _guidance_item(draft: Draft, item: DraftItem) -> list[str]:
    t = draft.labels()
    clause = item.clause
    legal = f"{_semicolon(draft)} ".join(ref.short_in(draft.lang) for ref in item.legal)
    m = clause.monitoring
    # The monitoring fields are plain text (front matter), not Markdown: shown as written.
    colon, semicolon = _colon(draft), _semicolon(draft)
    details = f"{t['unit']}{colon} {escape_markdown(m.unit)}" + (
        f"{semicolon} {t['frequency']}{colon} {escape_markdown(m.frequency)}" if m.frequency else ""
    )
    return [
        f"### {escape_markdown(clause.title.get(draft.lang))}",
        "",
        f"**{t['when_to_use']}{_colon(draft)}** {_dutch(draft, clause.when_to_use)}",
        "",
        f"**{t['when_not']}{_colon(draft)}** {_dutch(draft, clause.when_not)}",
        "",
        f"**{t['legal']}{_colon(draft)}** {legal}",
        "",
        f"**{t['verification']}{_colon(draft)}** {_dutch(draft, clause.verification)}",
        "",
        f"**{t['monitoring']}{_colon(draft)}** {_dutch(draft, f'{escape_markdown(m.indicator)} ({details}).')}",
        "",
    ]


def _eforms(draft: Draft) -> list[str]:
    t = draft.labels()
    out = [f"## {t['eforms.title']}", "", t["eforms.intro"], ""]
    out += [
        f"| {t['eforms.field']} | {t['eforms.code']} | {t['eforms.label']} | {t['eforms.clauses']} |",
        "|---|---|---|---|",
    ]
    for entry in draft.eforms:
        origin = ", ".join(entry.clauses) if entry.clauses else t["eforms.none"]
        out.append(
            f"| {entry.field} {_cell(entry.field_label)} | `{entry.code}` | {_cell(entry.label)} | {_cell(origin)} |"
        )
    return [*out, ""]


def to_markdown(draft: Draft, marks: str = "visible") -> str:
    """The annex as Markdown. `marks`: 'visible' (==value==), 'raw' (the private-use marks, for the
    HTML and DOCX writers) or 'none'."""
    t = draft.labels()
    out: list[str] = [f"# {draft.title}", ""]
    if draft.tender_title:
        out += [f"**{t['annex.for']}{_colon(draft)}** {escape_markdown(draft.tender_title)}", ""]
    if draft.route:
        out += [f"**{t['route']}{_colon(draft)}** {escape_markdown(draft.route.title)}", ""]
    out += [t["annex.intro"], ""]
    out += _values(draft)
    out += _sections(draft, draft.sections, 1)
    if draft.preparation:
        out += [BREAK, "", f"# {t['part.preparation']}", "", t["part.preparation.intro"], ""]
        out += _sections(draft, draft.preparation, len(draft.sections) + 1)
    if draft.guidance == "separate":
        intro = t["part.guidance.intro"] + (f" {t['part.guidance.dutch']}" if draft.lang != "nl" else "")
        out += [BREAK, "", f"# {t['part.guidance']}", "", intro, ""]
        if draft.route:
            out += [f"## {t['route']}{_colon(draft)} {escape_markdown(draft.route.title)}", ""]
            if draft.route.why:
                out += [draft.route.why, ""]
            out += [_dutch(draft, draft.route.when_to_use), ""]
        for section in [*draft.sections, *draft.preparation]:
            out += [f"## {section.title}", ""]
            for item in section.items:
                out += _guidance_item(draft, item)
        out += _eforms(draft)
    out += [f"*{t['generated']}*", ""]
    text = "\n".join(out)
    if draft.lang == "fr":  # its labels, titles, cells and clause texts as French sets its signs
        text = french_markdown(text)
    if marks == "raw":
        return text
    return unmarked(text) if marks == "none" else _visible(text)
