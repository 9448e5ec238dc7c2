"""What an annex still leaves blank: text in square brackets the buyer fills in before publishing.

One answer for every face: `draft` warns with it on stderr, the tool's Download page lists it with
links to the fields, and the JSON annex (`draft --format json`, the API's /draft) carries it. The same
answer for one clause (`clause_placeholders`): `clauses show` warns with it, the API's render gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import Problem, wrong_type
from ..messages import Text, said
from ..render import RenderedClause, checked_language, placeholders
from ..typography import semicolons
from .model import Draft


@dataclass(frozen=True)
class Placeholder:
    text: str  # as the annex shows it: '[naam, dienst en e-mailadres van de contactpersoon]'
    # The parameter whose value it is (its default, or a value typed in brackets) and its label in the
    # annex's language; None when the clause text itself holds it, and only the annex can fill it in.
    parameter: str | None = None
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """As the JSON documents give it (the render API, `clauses show --format json`, the annex's rows)."""
        return {"parameter": self.parameter, "label": self.label, "text": self.text}


@dataclass(frozen=True)
class Unfilled:
    """A clause of the annex that still holds placeholders."""

    clause_id: str
    clause_title: str
    placeholders: list[Placeholder]

    def warning(self) -> Problem:
        """The one line `draft` prints on stderr for this clause."""
        held, names = self._held()
        if not names:
            return Problem(
                self.clause_id,
                "",
                "still holds text in brackets to fill in: {placeholders}",
                "complete the annex by hand before publishing it",
                placeholders=held,
            )
        return Problem(
            self.clause_id,
            "",
            "still holds text in brackets to fill in: {placeholders}",
            "set them with --clause {option}, or complete the annex by hand before publishing it",
            placeholders=held,
            option=f"{self.clause_id}:" + ",".join(f"{name}=…" for name in names),
        )

    def show_warning(self) -> Problem:
        """The one line `clauses show` prints on stderr: the same, filled in with its --set."""
        held, names = self._held()
        return Problem(
            self.clause_id,
            "",
            "still holds text in brackets to fill in: {placeholders}",
            "set them with {options}, or complete the text by hand before publishing it"
            if names
            else "complete the text by hand before publishing it",
            placeholders=held,
            options=" ".join(f"--set {name}=…" for name in names),
        )

    def _held(self) -> tuple[Text, list[str]]:
        """The placeholders as one line ('contact=[naam …]; [nummer]'), and the parameters that fill them."""
        held = _Held([f"{p.parameter}={p.text}" if p.parameter else p.text for p in self.placeholders])
        return held, list(dict.fromkeys(p.parameter for p in self.placeholders if p.parameter))


class _Held(Text):
    """Placeholders one after the other, separated as the language of the message writes a semicolon."""

    def __init__(self, parts: list[str]) -> None:
        super().__init__(semicolons(parts, "en"))
        self.parts = parts

    def text(self, lang: str) -> str:
        return semicolons(self.parts, lang)


def clause_placeholders(rendered: RenderedClause, lang: str) -> list[Placeholder]:
    """The placeholders one rendered clause still holds, each with its parameter's label in `lang` (nl, fr
    or en, in any case)."""
    if not isinstance(rendered, RenderedClause):
        raise wrong_type("clause_placeholders", "rendered", rendered, said("a RenderedClause (render_clause())"))
    lang = checked_language(lang, "clause_placeholders")
    params = rendered.clause.parameters
    return [
        Placeholder(text, name, params[name].label.get(lang) if name else None) for name, text in placeholders(rendered)
    ]


def unfilled_placeholders(draft: Draft) -> list[Unfilled]:
    """Every clause of the annex that still holds placeholders, in the annex's order, with them. Not an
    error: a buyer may fill them in in Word, but an annex with blanks must not reach a published bestek."""
    checked_draft(draft, "unfilled_placeholders")
    found = []
    for item in draft.items():
        held = clause_placeholders(item.rendered, draft.lang)
        if held:
            found.append(Unfilled(item.clause.id, item.clause.title.get(draft.lang), held))
    return found


def checked_draft(draft: object, where: str) -> None:
    """A `draft` argument that is a Draft; anything else is a ParameterError naming `where`."""
    if not isinstance(draft, Draft):
        raise wrong_type(where, "draft", draft, said("a Draft (build_draft(), draft_for_route(), draft_for_tender())"))


def placeholder_rows(unfilled: list[Unfilled]) -> list[dict[str, Any]]:
    """The placeholders as the JSON annex and the Download page's JSON twin give them: one row each."""
    return [{"clause": u.clause_id, **p.to_dict()} for u in unfilled for p in u.placeholders]
