"""report.html: a self-contained page (the guide's stylesheet inlined, charts as inline SVG) made from
summary.json alone, so the report and the JSON always say the same. Byte-identical across runs:
no dates, no random ids, every list in a fixed order."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from .._version import __version__
from ..cpv import lookup
from ..numbers import format_number
from ..templates import page_environment
from ..vocab import CONTRACT_TYPES, DECLARED_CODES, NOTICE_KINDS, label
from .charts import bar_chart

TOP = 15  # rows of a chart by country, CPV division or buyer; the table lists the same rows


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    notices: int
    can_declare: int  # of the notices, those whose form has a place to declare a reservation
    declared: int
    can_declare_value_eur: float
    declared_value_eur: float
    opportunities: int

    @property
    def share(self) -> float | None:
        """Of the notices that could declare a reservation, the share that declared something (None: none could)."""
        return 100.0 * self.declared / self.can_declare if self.can_declare else None

    @property
    def value_share(self) -> float | None:
        return 100.0 * self.declared_value_eur / self.can_declare_value_eur if self.can_declare_value_eur else None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    column: str  # the head of the table's first column
    intro: str  # the sentences above the chart
    rows: list[Row]
    chart: str
    total: int | None  # how many rows there were before the top was taken (None: not known)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{format_number(value, 'nl', 1)} %"


def _cpv_name(division: str) -> str:
    found = lookup(division + "000000") if division.isdigit() else None
    return f"{division} {found.label('nl')}" if found else division


def _name(dimension: str, key: str) -> str:
    if key == "unknown":
        return "onbekend"
    if dimension == "by_cpv_division":
        return _cpv_name(key)
    if dimension == "by_nature":
        return label(CONTRACT_TYPES, key)
    if dimension == "by_kind":
        return label(NOTICE_KINDS, key)
    return key


def _section(
    data: dict[str, Any], dimension: str, title: str, column: str, intro: str, *, order: str = "notices"
) -> Section:
    groups = data[dimension]
    rows = [
        Row(
            key,
            _name(dimension, key),
            g["notices"],
            g["can_declare"],
            g["declared"],
            g["can_declare_value_eur"],
            g["declared_value_eur"],
            g["opportunities"],
        )
        for key, g in groups.items()
    ]
    if order == "notices":
        rows.sort(key=lambda r: (-r.notices, r.key))
    top = rows[:TOP]
    chart = bar_chart(
        [r.name if len(r.name) <= 40 else r.name[:39] + "…" for r in top],
        [None if r.share is None else round(r.share, 1) for r in top],
        label=f"{title}: aandeel aankondigingen met een sociale verklaring, in procent",
        unit="% aankondigingen met een sociale verklaring",
    )
    # summary.json keeps only the busiest buyers: how many there were in all, it does not say.
    total = None if dimension == "by_buyer" else len(rows)
    if total and total > len(top):
        intro = f"{intro.removesuffix('.')}, van de {format_number(total, 'nl')} in totaal."
    return Section(dimension.removeprefix("by_"), title, column, intro, top, chart, total)


def report_context(data: dict[str, Any]) -> dict[str, Any]:
    notices, can_declare = data["notices"], data["can_declare"]
    codes = [
        Row(t.id, t.label("nl"), notices, can_declare, data["declared"].get(t.id, 0), 0.0, 0.0, 0)
        for t in DECLARED_CODES
    ]
    codes_chart = bar_chart(
        [t.id for t in DECLARED_CODES],
        [r.declared for r in codes],
        label="Aantal aankondigingen per verklaarde code",
        unit="aankondigingen",
        counts=True,
    )
    sections = [
        _section(data, "by_year", "Per jaar", "Jaar", "Per jaar van publicatie.", order="key"),
        _section(data, "by_country", "Per land", "Land", f"De {TOP} landen met de meeste aankondigingen."),
        _section(
            data,
            "by_cpv_division",
            "Per CPV-afdeling",
            "CPV-afdeling",
            f"De {TOP} CPV-afdelingen (hoofdcode) met de meeste aankondigingen.",
        ),
        _section(data, "by_nature", "Per soort opdracht", "Soort opdracht", "Werken, leveringen en diensten."),
        _section(
            data,
            "by_kind",
            "Per soort aankondiging",
            "Soort aankondiging",
            "Vooraankondigingen, aankondigingen van opdracht, gunningen …",
        ),
        _section(
            data, "by_buyer", "Per aanbesteder", "Aanbesteder", f"De {TOP} aanbesteders met de meeste aankondigingen."
        ),
    ]
    return {
        "data": data,
        "codes": codes,
        "codes_chart": codes_chart,
        "sections": sections,
        "total": Row(
            "all",
            "alle",
            notices,
            can_declare,
            data["declared"]["any"],
            data["can_declare_value_eur"],
            data["declared_value_eur"],
            data["opportunities"],
        ),
        "version": __version__,
    }


def _stylesheet() -> str:
    return resources.files("sociaalaankopen.site").joinpath("static/style.css").read_text("utf-8")


def render_report(data: dict[str, Any]) -> bytes:
    env = page_environment("sociaalaankopen.observe")
    env.filters["number"] = lambda value, decimals=0: format_number(value, "nl", decimals)
    env.filters["percent"] = _percent
    env.globals["code_label"] = lambda code: label(DECLARED_CODES, code)
    html = env.get_template("report.html").render(stylesheet=_stylesheet(), **report_context(data))
    return html.encode("utf-8")
