"""Which notices a run keeps: --country, --since, --until, --kind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ..errors import ObserveError, Problem
from ..readers.notice import NoticeFacts, country_code
from ..vocab import NOTICE_KIND_IDS

# ISO 3166-1 alpha-2: the codes --country takes (OCDS publishers are worldwide), with XK (Kosovo), which
# the EU and TED use. TED's own UK and EL are read as GB and GR before this check (country_code).
_ISO = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY
    BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK
    FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR
    IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
    ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
"""
ISO_COUNTRIES = frozenset(_ISO.split())
# The countries whose buyers publish on TED (the EU, the EEA, Switzerland, the UK and the candidate
# countries): what a refused --country is told to use.
_TED = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO CH GB AL BA ME MK MD RS TR UA"
TED_COUNTRIES = tuple(sorted(_TED.split()))


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
            elif code not in ISO_COUNTRIES:  # two letters, but no country: a filter that would keep nothing
                problems.append(
                    Problem(
                        "--country",
                        "",
                        "{given!r} is not a country code",
                        "use one of {known}",
                        given=given,
                        known=", ".join(TED_COUNTRIES),
                    )
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
