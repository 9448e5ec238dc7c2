"""Pydantic models of the catalogue: clauses, parameters, practice examples and sector profiles.

The front matter of a catalogue file is validated against these models; the Markdown body
is split into named sections (see `SECTIONS`) and merged into the same model.

No `from __future__ import annotations` here: pydantic would otherwise compile and evaluate every field's
annotation from its string when the classes are made (a fifth of what importing this module costs).
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Annotated, Any, Literal, Self, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from .cpv import parse_code
from .errors import Invalid, Problem, short_value
from .numbers import Amount
from .vocab import (
    AmbitionLevel,
    BuyerType,
    ContractType,
    EformsField,
    ExampleStatus,
    InstrumentId,
    Language,
    ParameterType,
    ThemeId,
)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]

# Ids no item (nor chapter of the guide) may have: the guide's page of an item is `<folder>/<id>.html`, and
# `<folder>/index.html` is the list of its kind, which the item's page would overwrite.
RESERVED_IDS = ("index",)


def not_reserved(value: str) -> str:
    """An id, or `Invalid` when it is reserved."""
    if value in RESERVED_IDS:
        raise Invalid(
            "{id!r} is reserved for the guide's list pages",
            "choose another id, and name the file after it",
            id=value,
        )
    return value


# The id of a clause, example, sector profile or route: a slug, not a reserved one.
ItemId = Annotated[Slug, AfterValidator(not_reserved)]


class _Strict(BaseModel):
    # defer_build: schemas are built on first use, not at import (the CLI starts faster).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Localized(_Strict):
    """A text in Dutch, French and English. Dutch comes first and is always required."""

    nl: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return str(getattr(self, lang, None) or self.nl)


class PartlyLocalized(_Strict):
    """A text in Dutch, with French and English where they have been written."""

    nl: str = Field(min_length=1)
    fr: str | None = None
    en: str | None = None

    def get(self, lang: str) -> str:
        return str(getattr(self, lang, None) or self.nl)

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, None))


class Keywords(_Strict):
    """Words buyers write in tenders, per language."""

    nl: list[str] = Field(min_length=1)
    fr: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    def get(self, lang: str) -> list[str]:
        return list(getattr(self, lang, None) or [])

    def all(self) -> list[str]:
        return [*self.nl, *self.fr, *self.en]


Number = int | float
T = TypeVar("T")


def _more_than_cents(value: object) -> bool:
    """A number with more than two decimals: a text states at most two, so a third would be said rounded."""
    return isinstance(value, float) and round(value, 2) != value


class Parameter(_Strict):
    """A value the buyer chooses when pasting a clause, with its type, default and bounds."""

    type: ParameterType
    # A text parameter may give its default per language ({nl: …, fr: …, en: …}), so a French
    # text is not rendered with a Dutch default.
    default: Number | str | PartlyLocalized
    label: Localized
    unit: str = ""
    min: Number | None = None
    max: Number | None = None
    choices: list[str] | None = None
    # What each choice is called in each language ({halfjaarlijks: {nl: …, fr: semestriel, en: …}}): the
    # choice itself is an id, which the clause's templates compare against and a value on the command
    # line names. Without it, a person sees the id.
    choice_labels: dict[str, Localized] | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.type == "choice":
            if not self.choices:
                raise Invalid(
                    "a choice parameter needs a non-empty 'choices' list",
                    "list the values a buyer can choose, e.g. choices: [maand, kwartaal]",
                    field="choices",
                )
            if self.default not in self.choices:
                raise Invalid(
                    "default {default!r} is not one of the choices {choices}",
                    "make the default one of the choices, or add it to 'choices'",
                    field="default",
                    default=short_value(self.default),
                    choices=short_value(self.choices),
                )
            if self.choice_labels is not None and set(self.choice_labels) != set(self.choices):
                raise Invalid(
                    "'choice_labels' must name every choice once: {choices}",
                    "give one label for each choice, and none for a value that is not a choice",
                    field="choice_labels",
                    choices=short_value(", ".join(self.choices)),
                )
            return self
        if self.choices is not None:
            raise Invalid(
                "'choices' only applies to type choice, not {type}",
                "remove 'choices', or make it 'type: choice'",
                field="choices",
                type=self.type,
            )
        if self.choice_labels is not None:
            raise Invalid(
                "'choice_labels' only applies to type choice, not {type}",
                "remove 'choice_labels', or make it 'type: choice'",
                field="choice_labels",
                type=self.type,
            )
        if self.type == "text":
            if not isinstance(self.default, str | PartlyLocalized):
                raise Invalid(
                    "a text parameter needs a text default",
                    "write the default as a text, or as a text per language (nl, fr, en)",
                    field="default",
                )
            return self
        if isinstance(self.default, PartlyLocalized):
            raise Invalid(
                "only a text parameter can have a default per language",
                "give one number as the default, or make it 'type: text'",
                field="default",
            )
        if isinstance(self.default, (str, bool)):
            raise Invalid(
                "a {type} parameter needs a numeric default, not {default!r}",
                "write a number as the default, e.g. 10",
                field="default",
                type=self.type,
                default=short_value(self.default),
            )
        if self.type == "integer" and not float(self.default).is_integer():
            raise Invalid(
                "an integer parameter needs a whole-number default, not {default}",
                "write a whole number as the default, e.g. 10",
                field="default",
                default=self.default,
            )
        if self.type == "percentage":
            low = 0 if self.min is None else self.min
            high = 100 if self.max is None else self.max
            if low < 0 or high > 100:
                raise Invalid(
                    "percentage bounds must lie between 0 and 100",
                    "use a min of 0 or more and a max of 100 or less",
                    field="min" if low < 0 else "max",
                )
        for name, value in (("default", self.default), ("min", self.min), ("max", self.max)):
            if _more_than_cents(value):
                raise Invalid(
                    "{name} {value} has more than two decimals",
                    "round it to two decimals",
                    field=name,
                    name=name,
                    value=value,
                )
        if self.min is not None and self.max is not None and self.min > self.max:
            raise Invalid("min {min} is greater than max {max}", "swap them", field="min", min=self.min, max=self.max)
        if self.min is not None and self.default < self.min:
            raise Invalid(
                "default {default} is below min {min}",
                "use a default of {min} or more, or lower min",
                field="default",
                default=self.default,
                min=self.min,
            )
        if self.max is not None and self.default > self.max:
            raise Invalid(
                "default {default} is above max {max}",
                "use a default of {max} or less, or raise max",
                field="default",
                default=self.default,
                max=self.max,
            )
        return self

    def default_for(self, lang: str = "nl") -> Number | str:
        """The default in `lang`: a per-language text default falls back to Dutch."""
        if isinstance(self.default, PartlyLocalized):
            return self.default.get(lang)
        return self.number(self.default)

    @property
    def numeric(self) -> bool:
        """Whether its values are numbers (integer, percentage, amount), which a limit can add up."""
        return self.type not in ("text", "choice")

    def number(self, value: T) -> T | Amount:
        """A value as it is said: an amount with cents as an `Amount` (12,50 euro, not 12,5 euro)."""
        if self.type == "amount" and isinstance(value, float) and not value.is_integer():
            return Amount(value)
        return value

    def choice_label(self, choice: str, lang: str = "nl") -> str:
        """A choice as a person reads it in `lang`: its label, or the choice itself where it has none."""
        labels = self.choice_labels or {}
        return labels[choice].get(lang) if choice in labels else choice

    def choice_named(self, said: str) -> str | None:
        """The choice a person named by its id or by its label in any language ('mensuel', 'Monthly' for
        'maandelijks'), case and spaces aside; None when it names none, or more than one."""
        wanted = " ".join(said.split()).casefold()
        found = {
            choice
            for choice in self.choices or []
            for name in (
                choice,
                *(self.choice_labels or {})
                .get(choice, Localized(nl=choice, fr=choice, en=choice))
                .model_dump()
                .values(),
            )
            if " ".join(name.split()).casefold() == wanted
        }
        return found.pop() if len(found) == 1 else None

    def bounds(self) -> tuple[Number | None, Number | None]:
        if self.type == "percentage":
            return (0 if self.min is None else self.min, 100 if self.max is None else self.max)
        return (self.min, self.max)


# How a problem with a limit names its parameters ("aandeel_loon + aandeel_vast"): parameter names are
# identifiers, so the web tool can split it to show the problem beside each of them.
LIMIT_JOIN = " + "


# A number in a catalogue file: YAML's true is not 1, and "100" is not a number.
StrictNumber = Annotated[int, Strict()] | Annotated[float, Strict()]


class SumLimit(_Strict):
    """Numeric parameters whose values together must stay within bounds: the shares of one price
    formula (a + c of a revision formula may not pass 100 %). A bound is a number or the name of another
    numeric parameter (the most lots one tenderer may win is at most the number of lots). `when` makes
    the limit hold only while choice parameters have one of the values it names.

    That the names are numeric parameters of the clause, in one unit, is checked where the catalogue
    is loaded (`catalogue.checks`), with every problem at once; `Clause.sound_limits` holds the others."""

    sum: list[str] = Field(min_length=1)
    min: StrictNumber | str | None = None
    max: StrictNumber | str | None = None
    when: dict[str, list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.min is None and self.max is None:
            raise Invalid("a limit needs 'min', 'max' or both", "give 'max: 100', 'min: 0' or the name of a parameter")
        for bound in (self.min, self.max):
            if _more_than_cents(bound):
                raise Invalid("{value} has more than two decimals", "round it to two decimals", value=bound)
            if isinstance(bound, str) and bound in self.sum:
                raise Invalid(
                    "{name!r} is both added up and the bound of the sum",
                    "bound the sum by a number or by another parameter",
                    name=bound,
                )
        if not isinstance(self.min, str) and not isinstance(self.max, str):
            if self.min is not None and self.max is not None and self.min > self.max:
                raise Invalid("min {min} is greater than max {max}", "swap them", min=self.min, max=self.max)
            if len(self.sum) < 2:
                raise Invalid(
                    "a limit on one parameter needs another parameter as its bound (else use its min and max)",
                    "add a parameter to 'sum', or name a parameter as the bound",
                )
        seen = [name for i, name in enumerate(self.sum) if name in self.sum[:i]]
        if seen:
            raise Invalid("{id!r} is listed twice", "list it once", id=seen[0])
        return self

    def names(self) -> list[str]:
        """The numeric parameters the limit reads: those it adds up, then those its bounds name."""
        return [*self.sum, *dict.fromkeys(b for b in (self.min, self.max) if isinstance(b, str))]

    def bound(self, which: Number | str | None, values: Mapping[str, Any]) -> float | None:
        """A bound's value: the number, or the value of the parameter it names."""
        if which is None:
            return None
        return float(values[which] if isinstance(which, str) else which)

    def applies(self, values: Mapping[str, Any]) -> bool:
        """Whether the choices of `when` hold for these values."""
        return all(values.get(name) in allowed for name, allowed in self.when.items())

    def broken_by(self, values: Mapping[str, Any]) -> tuple[float, Number | str, bool] | None:
        """When the limit applies to `values` and their total lies outside its bounds: the total, the bound
        it breaks (`min` or `max` as written) and whether it is over; else None. Added in cents (values
        have at most two decimals): 96.85 + 0.52 + 2.63 is 100, not 99.99999999."""
        if not self.applies(values):
            return None
        total: float = round(sum(float(values[name]) for name in self.sum), 2)
        high = self.bound(self.max, values)
        if self.max is not None and high is not None and total > round(high, 2):
            return total, self.max, True
        low = self.bound(self.min, values)
        if self.min is not None and low is not None and total < round(low, 2):
            return total, self.min, False
        return None


class Monitoring(_Strict):
    """What the contractor reports, and in which unit."""

    indicator: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    frequency: str = ""


def is_web_address(url: str | None) -> bool:
    """Only http(s) addresses from a catalogue become links: never javascript: or data:."""
    return bool(url) and str(url).lower().startswith(("https://", "http://"))


class Source(_Strict):
    title: str = Field(min_length=1)
    url: str | None = None
    # The language of the title, where it is not Dutch (en, fr, de, …): the guide marks it for screen readers.
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] | None = None

    @property
    def title_lang(self) -> str:
        return self.lang or "nl"


EformsCodes = dict[EformsField, list[str]]


class Clause(_Strict):
    """One social clause: front matter plus the sections of its body."""

    id: ItemId
    instrument: InstrumentId
    themes: list[ThemeId] = Field(min_length=1)
    ambition: AmbitionLevel
    contract_types: list[ContractType] = Field(min_length=1)
    title: Localized
    summary: Localized
    parameters: dict[Slug | str, Parameter] = Field(default_factory=dict)
    # Bounds on the sum of some numeric parameters, checked with every set of values the buyer gives.
    limits: list[SumLimit] = Field(default_factory=list)
    legal_basis: list[str] = Field(min_length=1)
    eforms: EformsCodes = Field(default_factory=dict)
    cpv: list[str] = Field(default_factory=list)
    keywords: Keywords
    monitoring: Monitoring
    related: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    # Clauses that cannot stand in the same annex as this one (alternatives, not additions).
    # `check` requires the relation to be symmetric.
    excludes: list[str] = Field(default_factory=list)
    # Combines with any route (exclusion grounds, social dumping, accessibility, reporting…).
    cross_cutting: bool = False
    # Routes this clause joins as an optional clause, beside the clauses a route file lists itself.
    routes: list[str] = Field(default_factory=list)
    # The date of the clause's last legal review.
    reviewed: date
    # From the body.
    text: PartlyLocalized
    when_to_use: str = Field(min_length=1)
    when_not: str = Field(min_length=1)
    verification: str = Field(min_length=1)

    @field_validator("parameters")
    @classmethod
    def _parameter_names(cls, value: dict[str, Parameter]) -> dict[str, Parameter]:
        for name in value:
            if not name.isidentifier() or not name.isascii() or name.startswith("_"):
                raise Invalid(
                    "parameter name {name!r} must be a plain identifier (letters, digits, underscore)",
                    "rename it, e.g. aandeel_uren, and use that name in the texts",
                    name=short_value(name),
                )
        return value

    @field_validator("themes", "contract_types", "legal_basis", "related", "cpv", "excludes", "routes")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        seen = [v for i, v in enumerate(value) if v in value[:i]]
        if seen:
            raise Invalid("{id!r} is listed twice", "list it once", id=seen[0])
        return value

    def defaults(self, lang: str = "nl") -> dict[str, Any]:
        return {name: p.default_for(lang) for name, p in self.parameters.items()}

    def sound_limits(self) -> list[SumLimit]:
        """The limits whose names are all numeric parameters of this clause (a catalogue refuses the
        others at load; a Clause made in code keeps them, and they are not applied)."""
        numeric = {name for name, p in self.parameters.items() if p.numeric}
        choices = {name for name, p in self.parameters.items() if p.type == "choice"}
        return [limit for limit in self.limits if numeric.issuperset(limit.names()) and choices.issuperset(limit.when)]


class Example(_Strict):
    """A practice example: a buyer, a purchase, the clauses used and what came of it."""

    id: ItemId
    title: PartlyLocalized
    buyer_type: BuyerType
    buyer: str | None = None
    subject: str = Field(min_length=1)
    contract_types: list[ContractType] = Field(min_length=1)
    sector: str | None = None
    clauses: list[str] = Field(min_length=1)
    status: ExampleStatus
    year: int | None = None
    sources: list[Source] = Field(default_factory=list)
    # From the body.
    situation: str = Field(min_length=1)
    approach: str = Field(min_length=1)
    result: str = Field(min_length=1)

    @model_validator(mode="after")
    def _sourced_needs_source(self) -> Self:
        if self.status == "sourced" and not self.sources:
            raise Invalid(
                "a sourced example needs at least one entry in 'sources'",
                "add its source (title and url), or make it 'status: illustrative'",
                field="sources",
            )
        if self.status == "illustrative" and self.buyer:
            raise Invalid(
                "an illustrative example may not name a real buyer",
                "remove 'buyer', or make it 'status: sourced' with its sources",
                field="buyer",
            )
        return self


class SectorRoute(_Strict):
    """A route a sector profile recommends, with one sentence of why."""

    id: str
    why: Localized


class SectorProfile(_Strict):
    """A sector buyers purchase in, what the social economy offers there and which clauses fit."""

    id: ItemId
    title: Localized
    summary: Localized
    cpv: list[str] = Field(min_length=1)
    contract_types: list[ContractType] = Field(min_length=1)
    keywords: Keywords
    recommended: list[str] = Field(min_length=3)
    # The routes that fit the sector, in order of preference.
    routes: list[SectorRoute] = Field(default_factory=list)
    # Sectors a tender cannot belong to at the same time, although they share CPV codes (new build and
    # renovation both use the codes of division 45): when both match, only the stronger counts. Mutual.
    excludes: list[str] = Field(default_factory=list)
    social_economy_active: bool = True
    # Per recommended clause, the values its parameters take in this sector where the clause's default
    # does not fit (the product group of due diligence, the joint committee of the workers): an annex for
    # a tender of the sector starts from them. A text value is given in the three languages.
    values: dict[str, dict[str, StrictNumber | str | Localized]] = Field(default_factory=dict)
    # From the body.
    offer: str = Field(min_length=1)
    attention: str = Field(min_length=1)

    def values_in(self, clause_id: str, lang: str) -> dict[str, Number | str]:
        """The values this sector gives the parameters of one clause, in `lang` (empty when none)."""
        return {
            name: value.get(lang) if isinstance(value, Localized) else value
            for name, value in self.values.get(clause_id, {}).items()
        }


# What a clause does in a route: always in the annex (core), in it when it fits the tender (optional),
# or in the documents that precede the notice (preparation: the market-consultation call).
RouteRole = Literal["core", "optional", "preparation"]
# Which reservation a route makes: BT-71 res-ws (art. 15), res-pub-ser (Directive art. 77),
# reserved execution (BT-736), or none (an open contract).
Reservation = Literal["res-ws", "res-pub-ser", "reserved-execution", "none"]


class RouteClause(_Strict):
    id: str
    role: RouteRole = "core"


class Route(_Strict):
    """A strategy a buyer chooses first: a coherent set of clauses that go into the annex together."""

    id: ItemId
    title: Localized
    summary: Localized
    reservation: Reservation
    contract_types: list[ContractType] = Field(min_length=1)
    clauses: list[RouteClause] = Field(min_length=1)
    # The clauses whose match with a tender says how well the route fits it.
    anchors: list[str] = Field(min_length=1)
    # From the body.
    when_to_use: str = Field(min_length=1)
    when_not: str = Field(min_length=1)

    def clause_ids(self, role: str | None = None) -> list[str]:
        return [c.id for c in self.clauses if role is None or c.role == role]


# Body sections: the level-2 heading in the Markdown body -> (model field, language or None).
SECTIONS: dict[str, dict[str, tuple[str, str | None]]] = {
    "clause": {
        "Clausetekst (nl)": ("text", "nl"),
        "Clausetekst (fr)": ("text", "fr"),
        "Clausetekst (en)": ("text", "en"),
        "Wanneer gebruiken": ("when_to_use", None),
        "Wanneer niet": ("when_not", None),
        "Controle": ("verification", None),
    },
    "example": {
        "Situatie": ("situation", None),
        "Aanpak": ("approach", None),
        "Resultaat": ("result", None),
    },
    "sector": {
        "Aanbod sociale economie": ("offer", None),
        "Aandachtspunten": ("attention", None),
    },
    "route": {
        "Wanneer kiezen": ("when_to_use", None),
        "Wanneer niet": ("when_not", None),
    },
}


class _Described(BaseModel):
    """What a tender and each of its lots say about the purchase."""

    model_config = ConfigDict(extra="ignore", defer_build=True)

    id: str | None = None
    title: str = ""
    description: str = ""
    cpv: list[str] = Field(default_factory=list)

    @field_validator("cpv", mode="before")
    @classmethod
    def _cpv_codes(cls, value: Any) -> Any:
        """Each code as 8 digits, read as a tender file's are (`cpv.parse_code`: ' 77310000 ', '77310000-6',
        '7731'), once each; a code that is none is refused. What is not a list is left to pydantic."""
        if not isinstance(value, list | tuple):
            return value
        return list(dict.fromkeys(parse_code(code) for code in value))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, as `model_dump(mode="json")` gives it (every field is text, a number, a list or
        a lot), without building pydantic's serializer: the first one in a process loads pydantic's plugins,
        which would cost a one-off `match --format json` more than the match."""
        return {name: _plain(getattr(self, name)) for name in type(self).model_fields}


def _plain(value: Any) -> Any:
    if isinstance(value, _Described):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Lot(_Described):
    """One lot of a tender."""


class Tender(_Described):
    """A purchase to find clauses for: what the matcher reads, from any input format."""

    type: ContractType | None = None
    value: float | None = Field(default=None, ge=0)
    currency: str | None = None
    lang: Language | None = None
    lots: list[Lot] = Field(default_factory=list)

    @classmethod
    def from_clean(cls, fields: Mapping[str, Any]) -> Self | None:
        """The Tender that validating `fields` would give, made without validation when every field
        already has its final type and value (what the readers hand over); None when one needs
        validating. Why: the first validation in a process builds the model's validator and loads
        pydantic's plugins, which costs a one-off match from the command line more than the match."""
        for name, value in fields.items():
            check = _CLEAN.get(name)
            if check is not None and not check(value):
                return None
        given = {name: value for name, value in fields.items() if name in _CLEAN}
        # The defaults are filled in here: pydantic's own filling inspects the signature of `list`,
        # which compiles the tokenizer's regular expressions (10 ms, once per process).
        values = {name: given[name] if name in given else _default(f) for name, f in cls.model_fields.items()}
        return cls.model_construct(_fields_set=set(given), **values)

    def problems(self, where: str) -> list[Problem]:
        """What validation would have refused in the fields the matcher relies on: a copy made with
        `model_copy(update=...)` is not validated (`"lang": "NL"`, `"cpv": "77310000"`, lots as dicts).
        Exact-type checks only, as `from_clean` makes them: a batch matches thousands of tenders a second."""
        if all(_CLEAN[name](getattr(self, name)) for name in _CHECKED) and all(_codes(lot.cpv) for lot in self.lots):
            return []
        found = []
        if not _CLEAN["lang"](self.lang):
            found.append(
                Problem(
                    where,
                    "tender.lang",
                    "{value!r} is not a supported language",
                    "use nl, fr or en, or leave it out to detect it",
                    value=short_value(self.lang),
                )
            )
        if not _CLEAN["type"](self.type):
            found.append(
                Problem(
                    where,
                    "tender.type",
                    "{value!r} is not a contract type",
                    "use works, supplies or services",
                    value=short_value(self.type),
                )
            )
        if not _CLEAN["cpv"](self.cpv):
            found.append(_unchecked(where, "tender.cpv", self.cpv))
        if not _CLEAN["lots"](self.lots):
            found.append(_unchecked(where, "tender.lots", self.lots))
        else:
            found += [
                _unchecked(where, f"tender.lots[{n}].cpv", lot.cpv)
                for n, lot in enumerate(self.lots)
                if not _codes(lot.cpv)
            ]
        return found

    def full_text(self) -> str:
        """Title, description and every lot's title and description, as one text."""
        parts = [self.title, self.description]
        for lot in self.lots:
            parts += [lot.title, lot.description]
        return "\n".join(p for p in parts if p)

    def all_cpv(self) -> list[str]:
        seen: dict[str, None] = {}
        for code in [*self.cpv, *(c for lot in self.lots for c in lot.cpv)]:
            seen.setdefault(code, None)
        return list(seen)


def _unchecked(where: str, field: str, value: object) -> Problem:
    return Problem(
        where,
        field,
        "{value!r} is not what a Tender holds here: the tender was changed without being checked",
        "make a changed copy with Tender.model_validate(), which checks the values, not with model_copy(update=...)",
        value=short_value(value),
    )


def _default(field: FieldInfo) -> Any:
    factory = field.default_factory
    return field.default if factory is None else factory()  # type: ignore[call-arg]


def _text(value: Any) -> bool:
    return type(value) is str


def _optional_text(value: Any) -> bool:
    return value is None or type(value) is str


def _codes(value: Any) -> bool:
    # Codes as the readers hand them over: 8 digits each, once each (else `_cpv_codes` normalises them).
    return (
        type(value) is list
        and all(type(v) is str and len(v) == 8 and v.isdigit() and v.isascii() for v in value)
        and len(set(value)) == len(value)
    )


# Per field of Tender, when a value is already valid as it is (`Tender.from_clean`): exact types only,
# so that validation would neither convert nor refuse it.
_CLEAN: dict[str, Callable[[Any], bool]] = {
    "id": _optional_text,
    "title": _text,
    "description": _text,
    "cpv": _codes,
    "type": lambda v: v is None or (type(v) is str and v in get_args(ContractType)),
    "value": lambda v: v is None or (type(v) is float and v >= 0),
    "currency": _optional_text,
    "lang": lambda v: v is None or (type(v) is str and v in get_args(Language)),
    "lots": lambda v: type(v) is list and all(type(lot) is Lot for lot in v),
}
_CHECKED = ("lang", "type", "cpv", "lots")  # what `Tender.problems` checks


def text_heading(lang: str) -> str:
    """The body heading of a clause's text in `lang`: 'Clausetekst (fr)'."""
    return next(h for h, (name, in_lang) in SECTIONS["clause"].items() if name == "text" and in_lang == lang)
