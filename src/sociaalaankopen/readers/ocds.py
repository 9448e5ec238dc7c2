"""OCDS 1.1: a release, a record, a release package or a record package.

A package may hold several releases of one contracting process (planning, tender, award …):
each process (ocid) gives one tender, read from its compiled release or else from its releases
merged in date order, as OCDS compiles them (`compiled`): an award release that repeats only the
tender's id and status keeps the title, items and lots of the tender release before it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from ..model import Tender
from .base import Warn, amount, build, cpv_list, error, language_or_none, text_field
from .notice import NoticeFacts, country_code, ordered

# OCDS mainProcurementCategory -> our contract types.
CATEGORIES = {"goods": "supplies", "works": "works", "services": "services"}


def is_ocds(data: Any) -> bool:
    return isinstance(data, Mapping) and (
        "releases" in data or "records" in data or ("ocid" in data and ("tender" in data or "compiledRelease" in data))
    )


def releases(data: Mapping[str, Any], where: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """(number, release) per contracting process, numbered by position in the package from 1."""
    if "records" in data:
        items = data["records"]
        if not isinstance(items, list):
            raise error(where, "is not a list", "give a list of records", "records")
        for n, record in enumerate(items, start=1):
            yield n, _from_record(record, f"{where}: records[{n - 1}]")
        return
    if "releases" in data and "ocid" not in data:
        items = data["releases"]
        if not isinstance(items, list):
            raise error(where, "is not a list", "give a list of releases", "releases")
        processes: dict[str, list[tuple[int, Mapping[str, Any]]]] = {}
        for n, release in enumerate(items, start=1):
            if not isinstance(release, Mapping):
                raise error(where, "is not an object", "give OCDS releases", f"releases[{n - 1}]")
            processes.setdefault(str(release.get("ocid") or n), []).append((n, release))
        # A process is numbered by its latest release with a tender section, and read from all its releases.
        found = [(_latest_tender(group), compiled([r for _, r in group])) for group in processes.values()]
        found = [(n, release) for n, release in found if n]
        if not found:
            raise error(where, "has no release with a tender section", "export the tender stage")
        yield from sorted(found, key=lambda item: item[0])
        return
    if "ocid" in data and ("releases" in data or "compiledRelease" in data):
        yield 1, _from_record(data, where)
        return
    yield 1, data


_UNDATED = datetime.min.replace(tzinfo=UTC)


def _date(release: Mapping[str, Any]) -> datetime:
    """When a release was published, as a moment: '…T10:00:00+01:00' is before '…T09:30:00Z', which
    comparing the strings would get wrong. A release without a readable date counts as the oldest."""
    try:
        moment = datetime.fromisoformat(str(release.get("date") or ""))
    except ValueError:
        return _UNDATED
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _from_record(record: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(record, Mapping):
        raise error(where, "is not an object", "give an OCDS record")
    given = record.get("compiledRelease")
    if isinstance(given, Mapping) and "tender" in given:
        return given
    found = [r for r in record.get("releases") or [] if isinstance(r, Mapping)]
    if not any("tender" in r for r in found):
        raise error(
            where,
            "has no compiled release and no release with a tender section",
            "include the compiledRelease or the tender release",
        )
    return compiled(found)


def _latest_tender(group: list[tuple[int, Mapping[str, Any]]]) -> int:
    """The number of the latest release with a tender section (0: none has one)."""
    with_tender = [(n, release) for n, release in group if "tender" in release]
    return max(with_tender, key=lambda item: _date(item[1]))[0] if with_tender else 0


# Arrays of objects OCDS merges by their `id` (the others a later release replaces whole).
_MERGED_BY_ID = frozenset({"items", "lots", "awards", "contracts", "parties"})


def compiled(releases: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The releases of one contracting process as one, after the OCDS merge: in date order (equal dates in
    the order given), a later field overrides an earlier one, a field a release leaves out keeps its earlier
    value, null removes it, objects merge field by field, and items, lots, awards, contracts and parties
    merge by id. Not the whole merge routine of the standard: enough to read a tender followed by an award."""
    if len(releases) == 1:
        return releases[0]
    merged: dict[str, Any] = {}
    for release in sorted(releases, key=_date):
        merged = _merge(merged, release)
    return merged


def _merge(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(old)
    for key, value in new.items():
        earlier = merged.get(key)
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(earlier, Mapping):
            merged[key] = _merge(earlier, value)
        elif key in _MERGED_BY_ID and isinstance(value, list) and isinstance(earlier, list):
            merged[key] = _merge_by_id(earlier, value)
        else:
            merged[key] = value
    return merged


def _merge_by_id(old: list[Any], new: list[Any]) -> list[Any]:
    merged = list(old)
    position = {_id(entry): n for n, entry in enumerate(merged) if _id(entry) is not None}
    for entry in new:
        key = _id(entry)
        if key is not None and key in position:
            merged[position[key]] = _merge(merged[position[key]], entry)
        else:
            if key is not None:
                position[key] = len(merged)
            merged.append(entry)
    return merged


def _id(entry: Any) -> str | None:
    return str(entry["id"]) if isinstance(entry, Mapping) and entry.get("id") is not None else None


def _codes(item: Mapping[str, Any]) -> list[Any]:
    codes = []
    for classification in [item.get("classification"), *(item.get("additionalClassifications") or [])]:
        if isinstance(classification, Mapping) and str(classification.get("scheme", "")).upper() == "CPV":
            codes.append(classification.get("id"))
    return codes


def tender_from_release(release: Mapping[str, Any], where: str, warn: Warn) -> Tender:
    tender = release.get("tender")
    if not isinstance(tender, Mapping):
        raise error(where, "has no tender section", "give a release at the tender stage", "tender")
    items = [i for i in tender.get("items") or [] if isinstance(i, Mapping)]
    lots = [lot for lot in tender.get("lots") or [] if isinstance(lot, Mapping)]
    lot_ids = {str(lot.get("id")) for lot in lots}
    main_codes: list[Any] = []
    lot_codes: dict[str, list[Any]] = {}
    for item in items:
        related = item.get("relatedLot")
        target = lot_codes.setdefault(str(related), []) if str(related) in lot_ids else main_codes
        target.extend(_codes(item))
    category = tender.get("mainProcurementCategory")
    value, currency = amount(tender.get("value"), where, "tender.value", machine=True)
    return build(
        {
            "id": str(release.get("ocid") or release.get("id") or tender.get("id") or "") or None,
            "title": text_field(tender.get("title"), where, "tender.title"),
            "description": text_field(tender.get("description"), where, "tender.description"),
            "cpv": cpv_list(main_codes, where, warn, "tender.items.classification"),
            "type": CATEGORIES.get(str(category)) if category else None,
            "value": value,
            "currency": currency,
            "lang": language_or_none(release.get("language")),
            "lots": [
                {
                    "id": str(lot.get("id")) if lot.get("id") is not None else None,
                    "title": text_field(lot.get("title"), where, "tender.lots.title"),
                    "description": text_field(lot.get("description"), where, "tender.lots.description"),
                    "cpv": cpv_list(lot_codes.get(str(lot.get("id")), []), where, warn, "tender.items.classification"),
                }
                for lot in lots
            ],
        },
        where,
    )


def read_ocds(data: Mapping[str, Any], where: str, warn: Warn) -> Tender:
    found = list(releases(data, where))
    if len(found) != 1:
        raise error(where, "holds {count} contracting processes", "match them with --batch", count=len(found))
    return tender_from_release(found[0][1], where, warn)


# --- the notice's facts and what its buyer declared, for the observatory ------------------------------

# OCDS tags of a release -> notice kinds (vocab.NOTICE_KINDS), the most advanced stage first.
_KINDS = (
    ("contractAmendment", "modification"),
    ("tenderAmendment", "corrigendum"),
    ("award", "award"),
    ("contract", "award"),
    ("tender", "contract-notice"),
    ("planning", "prior-information"),
)
# The OCDS for eForms profile: BT-71 as otherRequirements.reservedParticipation, BT-736 as
# contractTerms.reservedExecution, BT-06 soc-obj and BT-775 as a 'social…' sustainability goal.
_RESERVED = {"shelteredWorkshop": "res-ws", "publicServiceMissionOrganization": "res-pub-ser"}


def _declared(part: Mapping[str, Any]) -> set[str]:
    codes: set[str] = set()
    other = part.get("otherRequirements")
    if isinstance(other, Mapping):
        codes |= {_RESERVED[r] for r in other.get("reservedParticipation") or [] if r in _RESERVED}
    terms = part.get("contractTerms")
    if isinstance(terms, Mapping) and terms.get("reservedExecution") is True:
        codes.add("reserved-execution")
    for item in part.get("sustainability") or []:
        if isinstance(item, Mapping) and str(item.get("goal") or "").startswith("social"):
            codes.add("soc-obj")
    return codes


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def release_notice(release: Mapping[str, Any], where: str, warn: Warn) -> NoticeFacts:
    """The facts of one OCDS release (or compiled release) and the codes its buyer declared."""
    tender = tender_from_release(release, where, warn)
    section = _mapping(release.get("tender"))
    tags = [str(t) for t in release.get("tag") or []]
    kind = next((k for tag, k in _KINDS if tag in tags), "contract-notice")
    buyer = _mapping(release.get("buyer"))
    country = ""
    for party in release.get("parties") or []:
        if isinstance(party, Mapping) and (party.get("id") == buyer.get("id") or "buyer" in (party.get("roles") or [])):
            address = _mapping(party.get("address"))
            country = str(address.get("countryCode") or address.get("country") or "")
            break
    value, value_type, currency = tender.value, "estimated" if tender.value is not None else "", tender.currency
    awards = [a for a in release.get("awards") or [] if isinstance(a, Mapping) and isinstance(a.get("value"), Mapping)]
    if awards:
        amounts = [amount(a["value"], where, "awards.value", machine=True) for a in awards]
        if all(v is not None for v, _ in amounts):
            value, value_type = sum(v for v, _ in amounts if v is not None), "awarded"
            currency = next((c for _, c in amounts if c), currency)
    lots = [lot for lot in section.get("lots") or [] if isinstance(lot, Mapping)]
    lot_codes = tuple((str(lot.get("id") or ""), ordered(_declared(lot))) for lot in lots if _declared(lot))
    codes = tender.all_cpv()
    lang = str(release.get("language") or "")[:2].lower()
    return NoticeFacts(
        id=tender.id or where,
        source="ocds",
        published=str(release.get("date") or "")[:10],
        kind=kind,
        buyer=str(buyer.get("name") or ""),
        country=country_code(country) if len(country) in (2, 3) else "",
        nature=tender.type or "",
        cpv_main=codes[0] if codes else "",
        cpv_other=tuple(codes[1:]),
        value=value,
        value_type=value_type,
        currency=currency or "",
        lots=len(lots),
        lang=lang,
        title=tender.title,
        declared_notice=ordered(_declared(section)),
        declared_lots=lot_codes,
        tender=tender,
    )
