"""What the observatory reads from one published notice, whatever its format (eForms, TED XML, OCDS).

`NoticeFacts` holds the notice's facts and what its buyer declared; `tender` is the same notice as
the matcher reads it (None when it has no text and no CPV code to match on).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Tender

# ISO 3166 alpha-3 (eForms) -> alpha-2, for the countries that publish on TED and their neighbours.
_ALPHA3 = {
    "AUT": "AT", "BEL": "BE", "BGR": "BG", "HRV": "HR", "CYP": "CY", "CZE": "CZ", "DNK": "DK", "EST": "EE",
    "FIN": "FI", "FRA": "FR", "DEU": "DE", "GRC": "GR", "HUN": "HU", "IRL": "IE", "ITA": "IT", "LVA": "LV",
    "LTU": "LT", "LUX": "LU", "MLT": "MT", "NLD": "NL", "POL": "PL", "PRT": "PT", "ROU": "RO", "SVK": "SK",
    "SVN": "SI", "ESP": "ES", "SWE": "SE", "GBR": "GB", "NOR": "NO", "ISL": "IS", "LIE": "LI", "CHE": "CH",
    "MKD": "MK", "SRB": "RS", "MNE": "ME", "ALB": "AL", "TUR": "TR", "UKR": "UA", "MDA": "MD", "BIH": "BA",
}  # fmt: skip
# TED writes the EU's own codes for Greece and the United Kingdom, and 1A for Kosovo (XK in ISO use).
_EU_CODES = {"EL": "GR", "UK": "GB", "1A": "XK"}


def country_code(value: str | None) -> str:
    """'BEL', 'be', 'EL', 'UK', '1A' -> ISO 3166 alpha-2 ('BE', 'GR', 'GB', 'XK'); '' when absent."""
    code = (value or "").strip().upper()
    if len(code) == 3:
        return _ALPHA3.get(code, code)
    return _EU_CODES.get(code, code)


@dataclass(frozen=True)
class NoticeFacts:
    """One notice: its facts, the codes its buyer declared (per notice and per lot) and its tender."""

    id: str
    source: str  # eforms | ted | ocds
    published: str = ""  # YYYY-MM-DD
    kind: str = "other"  # vocab.NOTICE_KIND_IDS
    buyer: str = ""
    country: str = ""  # ISO 3166 alpha-2
    nuts: str = ""
    nature: str = ""  # works | supplies | services | ''
    cpv_main: str = ""
    cpv_other: tuple[str, ...] = ()
    value: float | None = None
    value_type: str = ""  # estimated | awarded | ''
    currency: str = ""
    lots: int = 0
    lang: str = ""  # the notice's language, two letters lower case ('nl', 'de')
    title: str = ""
    declared_notice: tuple[str, ...] = ()  # vocab.DECLARED_CODE_IDS declared for the notice as a whole
    declared_lots: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (lot id, codes) for lots that declare any
    social_objectives: tuple[str, ...] = ()  # eForms BT-775 codes
    # Whether the notice's form has a place to declare a reservation: an award notice, a corrigendum or a
    # modification of the TED forms has none, so it cannot tell whether the contract was reserved. The
    # readers set it true for every notice that declares a code.
    can_declare: bool = True
    tender: Tender | None = field(default=None, compare=False, repr=False)

    @property
    def declared(self) -> tuple[str, ...]:
        """Every code declared for the notice or any of its lots, once, in vocabulary order."""
        from ..vocab import DECLARED_CODE_IDS

        found = set(self.declared_notice).union(*(codes for _, codes in self.declared_lots))
        return tuple(code for code in DECLARED_CODE_IDS if code in found)


def ordered(codes: set[str]) -> tuple[str, ...]:
    """Declared codes in vocabulary order."""
    from ..vocab import DECLARED_CODE_IDS

    return tuple(code for code in DECLARED_CODE_IDS if code in codes)
