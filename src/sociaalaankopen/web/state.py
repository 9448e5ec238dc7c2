"""The state of a composed annex, kept in the page address (so it can be bookmarked and shared).

`?route=r&clause=a&clause=b&a.uren=500&title=…`: the route chosen (if any), the clause ids in order,
each parameter value as `<clause id>.<parameter>`, and the tender's title. Nothing of it is kept on
the server.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from ..render import MAX_TEXT_VALUE

# Bounds on what an address may carry: a real annex has a few dozen clauses.
MAX_CLAUSES = 200
MAX_VALUE = MAX_TEXT_VALUE  # a text that travels in a link (a pasted tender): no longer than the library takes
MAX_TITLE = 500  # the tender's title, as the API's draft takes it


@dataclass
class Selection:
    clauses: list[str] = field(default_factory=list)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    title: str = ""
    route: str = ""

    @classmethod
    def from_items(cls, items: Iterable[tuple[str, str]]) -> Selection:
        """From query or form items. Values and the title are kept as typed, however long: the Compose page
        says which one is too long, at its field. A value of a clause that is not chosen is kept too (a
        route's clauses join later): `unchosen` names them, and they are said, never dropped silently."""
        selection = cls()
        pending: dict[str, dict[str, str]] = {}
        for key, value in items:
            if key == "clause":
                clause_id = value.strip()
                if clause_id and clause_id not in selection.clauses and len(selection.clauses) < MAX_CLAUSES:
                    selection.clauses.append(clause_id)
            elif key == "title":
                selection.title = value.strip()
            elif key == "route":
                selection.route = value.strip()[:MAX_VALUE]
            elif "." in key:
                clause_id, _, name = key.partition(".")
                if name:
                    pending.setdefault(clause_id, {})[name] = value.strip()
        selection.values = pending
        return selection

    def unchosen(self) -> list[str]:
        """The clauses that have values but are not in the selection."""
        return [c for c in self.values if c not in self.clauses]

    def drop_unchosen(self) -> list[str]:
        """Forget the values of clauses that are not in the selection; their ids."""
        gone = self.unchosen()
        for clause_id in gone:
            del self.values[clause_id]
        return gone

    def add(self, clause_id: str) -> None:
        if clause_id not in self.clauses:
            self.clauses.append(clause_id)

    def remove(self, clause_id: str) -> None:
        if clause_id in self.clauses:
            self.clauses.remove(clause_id)
        self.values.pop(clause_id, None)

    def choices(self) -> list[tuple[str, Mapping[str, str]]]:
        """What `build_draft` takes: (id, values) in the chosen order."""
        return [(c, self.values.get(c, {})) for c in self.clauses]

    def query(self) -> str:
        items: list[tuple[str, str]] = [("route", self.route)] if self.route else []
        items += [("clause", c) for c in self.clauses]
        for clause_id in [*self.clauses, *self.unchosen()]:  # a route's clauses join later: keep their values
            items += [(f"{clause_id}.{name}", value) for name, value in self.values.get(clause_id, {}).items()]
        if self.title:
            items.append(("title", self.title))
        return urlencode(items)
