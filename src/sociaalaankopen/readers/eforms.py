"""eForms notices (UBL XML): contract notices, and prior-information and award notices of the same shape.

Read per procedure and per lot: BT-21 title (cbc:Name), BT-24 description (cbc:Description),
BT-262/263 CPV (cac:MainCommodityClassification / cac:AdditionalCommodityClassification),
BT-23 nature (cbc:ProcurementTypeCode, list contract-nature) and BT-27 estimated value
(cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount).

The XML is parsed with defusedxml and any DOCTYPE is refused: eForms notices never have one,
and a DTD is how external entities (XXE) and entity bombs get in.
"""

from __future__ import annotations

from typing import Any

from ..errors import TenderError
from ..model import Tender
from .base import Warn, amount, build, contract_type, cpv_list, error, language_or_none

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EFBC = "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1"
ROOTS = ("ContractNotice", "PriorInformationNotice", "ContractAwardNotice")
_LANG3 = {"nl": "NLD", "fr": "FRA", "en": "ENG"}


def _cac(name: str) -> str:
    return f"{{{CAC}}}{name}"


def _cbc(name: str) -> str:
    return f"{{{CBC}}}{name}"


def parse_xml(data: bytes, where: str) -> Any:
    """The root element, or a one-line TenderError for malformed or hostile XML."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise error(
            where,
            "refused: the XML declares a DTD or entities (the way in for XXE and entity bombs)",
            "eForms notices have no DOCTYPE; remove it",
        ) from None
    except ParseError as e:
        line, column = getattr(e, "position", (0, 0))
        reason = str(e).split(":")[0]
        raise error(
            where,
            f"is not well-formed XML: {reason} (line {line}, column {column + 1})",
            "check that the file is complete",
        ) from None


def _texts(parent: Any, tag: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in parent.findall(_cbc(tag)):
        text = (element.text or "").strip()
        if text:
            found.setdefault(element.get("languageID") or "", text)
    return found


def _pick(texts: dict[str, str], lang3: str) -> str:
    for key in (lang3, "NLD", "FRA", "ENG", ""):
        if key in texts:
            return texts[key]
    return next(iter(texts.values()), "")


def _project(project: Any, lang3: str, where: str, warn: Warn, field: str) -> dict[str, Any]:
    codes = [
        e.text.strip()
        for tag in ("MainCommodityClassification", "AdditionalCommodityClassification")
        for c in project.findall(_cac(tag))
        for e in c.findall(_cbc("ItemClassificationCode"))
        if e.text and e.text.strip()
    ]
    nature = next(
        (
            e.text
            for e in project.findall(_cbc("ProcurementTypeCode"))
            if e.get("listName") == "contract-nature" and e.text
        ),
        None,
    )
    total = project.find(f"{_cac('RequestedTenderTotal')}/{_cbc('EstimatedOverallContractAmount')}")
    value, currency = (None, None)
    if total is not None and total.text:
        value, _ = amount(total.text, where, f"{field}.BT-27")
        currency = total.get("currencyID")
    try:
        kind = contract_type(nature, where, f"{field}.BT-23")
    except TenderError:  # 'combined' and future codes: leave the type to the CPV codes
        kind = None
    return {
        "title": _pick(_texts(project, "Name"), lang3),
        "description": _pick(_texts(project, "Description"), lang3),
        "cpv": cpv_list(codes, where, warn, f"{field}.BT-262"),
        "type": kind,
        "value": value,
        "currency": currency,
    }


def read_eforms(data: bytes, where: str, warn: Warn) -> Tender:
    root = parse_xml(data, where)
    name = root.tag.rsplit("}", 1)[-1]
    if name not in ROOTS:
        raise error(
            where,
            f"is XML but not an eForms notice (root element {name})",
            "give a contract notice (UBL ContractNotice)",
        )
    notice_lang = (root.findtext(_cbc("NoticeLanguageCode")) or "").strip().upper()
    lang = language_or_none(notice_lang)
    lang3 = _LANG3.get(lang or "", notice_lang)
    project = root.find(_cac("ProcurementProject"))
    if project is None:
        raise error(where, "has no procurement project (cac:ProcurementProject)", "give a complete eForms notice")
    fields = _project(project, lang3, where, warn, "procedure")
    lots = []
    lot_values: list[float | None] = []
    lot_currencies: list[str | None] = []
    for lot in root.findall(_cac("ProcurementProjectLot")):
        lot_id = lot.find(_cbc("ID"))
        if lot_id is not None and lot_id.get("schemeName") not in (None, "Lot"):
            continue  # a group of lots (LotsGroup) repeats what its lots say
        lot_project = lot.find(_cac("ProcurementProject"))
        if lot_project is None:
            continue
        lot_fields = _project(lot_project, lang3, where, warn, "lot")
        lot_values.append(lot_fields["value"])
        lot_currencies.append(lot_fields["currency"])
        fields["type"] = fields["type"] or lot_fields["type"]
        lots.append(
            {
                "id": None if lot_id is None else (lot_id.text or "").strip() or None,
                "title": lot_fields["title"],
                "description": lot_fields["description"],
                "cpv": lot_fields["cpv"],
            }
        )
    if fields["value"] is None and lot_values and all(v is not None for v in lot_values):
        fields["value"] = sum(v for v in lot_values if v is not None)
        fields["currency"] = fields["currency"] or next((c for c in lot_currencies if c), None)
    identifier = (root.findtext(f".//{{{EFBC}}}NoticePublicationID") or root.findtext(_cbc("ID")) or "").strip()
    fields.update(id=identifier or None, lang=lang, lots=lots)
    return build(fields, where)
