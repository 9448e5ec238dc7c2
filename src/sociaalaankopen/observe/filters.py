"""Which notices a run keeps: --country, --since, --until, --kind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ..errors import ObserveError, Problem
from ..readers.notice import NoticeFacts, country_code
from ..vocab import NOTICE_KIND_IDS


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    kinds: tuple[str, ...] = ()

    @classmethod
    def make(
        cls,
        countries: tuple[str, ...] | list[str] = (),
        since: str | None = None,
        until: str | None = None,
        kinds: tuple[str, ...] | list[str] = (),
    ) -> Filters:
        """Filters from what a user typed; every problem is reported at once."""
        problems = []
        for name, value in (("--since", since), ("--until", until)):
            if value:
                try:
                    datetime.date.fromisoformat(value)
                except ValueError:
                    problems.append(Problem(name, "", "{value!r} is not a date", "write it as YYYY-MM-DD", value=value))
        if since and until and since > until and not problems:
            problems.append(
                Problem(
                    "--since",
                    "",
                    "{since} is after --until {until}: no notice can be kept",
                    "swap the two dates",
                    since=since,
                    until=until,
                )
            )
        for kind in kinds:
            if kind not in NOTICE_KIND_IDS:
                problems.append(
                    Problem(
                        "--kind",
                        "",
                        "{kind!r} is not a notice kind",
                        "use one of {known}",
                        known=", ".join(NOTICE_KIND_IDS),
                        kind=kind,
                    )
                )
        codes = tuple(country_code(c) for c in countries)
        for given, code in zip(countries, codes, strict=True):
            if len(code) != 2 or not code.isalpha():
                problems.append(
                    Problem("--country", "", "{given!r} is not a country code", "use two letters, e.g. BE", given=given)
                )
        if problems:
            raise ObserveError(problems)
        return cls(codes, since or "", until or "", tuple(kinds))

    def keep(self, notice: NoticeFacts) -> bool:
        if self.countries and notice.country not in self.countries:
            return False
        if self.kinds and notice.kind not in self.kinds:
            return False
        if self.since and not (notice.published and notice.published >= self.since):
            return False
        return not (self.until and not (notice.published and notice.published <= self.until))

    def to_dict(self) -> dict[str, Any]:
        return {"country": list(self.countries), "since": self.since, "until": self.until, "kind": list(self.kinds)}
