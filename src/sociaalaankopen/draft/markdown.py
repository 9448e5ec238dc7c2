"""The annex as Markdown: the source the HTML and DOCX writers start from too."""

from __future__ import annotations

from ..vocab import LANGUAGES
from . import Draft


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(draft: Draft) -> str:
    t = draft.labels()
    out: list[str] = [f"# {draft.title}", ""]
    if draft.tender_title:
        out += [f"**{t['annex.for']}:** {draft.tender_title}", ""]
    out += [t["annex.intro"], ""]
    number = 0
    for number, section in enumerate(draft.sections, start=1):
        out += [f"## {number}. {section.title}", ""]
        for sub, item in enumerate(section.items, start=1):
            clause = item.clause
            out += [f"### {number}.{sub} {clause.title.get(draft.lang)}", "", item.rendered.text, ""]
            if item.weighting is not None:
                out += [f"**{t['weighting']}:** {item.weighting:g} %", ""]
            legal = "; ".join(ref.short for ref in item.legal)
            out += [f"**{t['legal']}:** {legal}", ""]
            out += [f"**{t['verification']}:** {clause.verification}", ""]
            m = clause.monitoring
            details = f"{t['unit']}: {m.unit}" + (f"; {t['frequency']}: {m.frequency}" if m.frequency else "")
            out += [f"**{t['monitoring']}:** {m.indicator} ({details}).", ""]
    out += [f"## {number + 1}. {t['eforms.title']}", "", t["eforms.intro"], ""]
    out += [
        f"| {t['eforms.field']} | {t['eforms.code']} | {t['eforms.label']} | {t['eforms.clauses']} |",
        "|---|---|---|---|",
    ]
    for entry in draft.eforms:
        origin = ", ".join(entry.clauses) if entry.clauses else t["eforms.none"]
        out.append(
            f"| {entry.field} {_cell(entry.field_label)} | `{entry.code}` | {_cell(entry.label)} | {_cell(origin)} |"
        )
    out += ["", f"*{t['generated']}*", ""]
    assert draft.lang in LANGUAGES
    return "\n".join(out)
