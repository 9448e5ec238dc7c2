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
from .notice import NoticeFacts, country_code, ordered

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

    if data[:2] == b"\x1f\x8b":
        raise error(
            where, "is compressed with gzip, not XML", "unpack it first (gunzip), or name it .xml.gz for observe"
        )
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
            "is not well-formed XML: {reason} (line {line}, column {column})",
            "check that the file is complete",
            reason=reason,
            line=line,
            column=column + 1,
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
        value, _ = amount(total.text, where, f"{field}.BT-27", machine=True)
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
    fields, _ = _read(parse_xml(data, where), where, warn)
    return build(fields, where)


def _read(root: Any, where: str, warn: Warn) -> tuple[dict[str, Any], list[Any]]:
    """The tender's fields, and the lot elements they were read from."""
    name = root.tag.rsplit("}", 1)[-1]
    if name not in ROOTS:
        raise error(
            where,
            "is XML but not an eForms notice (root element {name})",
            "give an eForms notice (ContractNotice, PriorInformationNotice or ContractAwardNotice; observe also reads TED XML)",
            name=name,
        )
    notice_lang = (root.findtext(_cbc("NoticeLanguageCode")) or "").strip().upper()
    lang = language_or_none(notice_lang)
    lang3 = _LANG3.get(lang or "", notice_lang)
    project = root.find(_cac("ProcurementProject"))
    if project is None:
        raise error(where, "has no procurement project (cac:ProcurementProject)", "give a complete eForms notice")
    fields = _project(project, lang3, where, warn, "procedure")
    lots = []
    lot_elements = []
    lot_values: list[float | None] = []
    lot_currencies: list[str | None] = []
    for lot in root.findall(_cac("ProcurementProjectLot")):
        lot_id = lot.find(_cbc("ID"))
        if lot_id is not None and lot_id.get("schemeName") not in (None, "Lot"):
            continue  # a group of lots (LotsGroup) repeats what its lots say
        lot_project = lot.find(_cac("ProcurementProject"))
        if lot_project is None:
            continue
        lot_elements.append(lot)
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
    return fields, lot_elements


# --- the notice's facts and what its buyer declared, for the observatory ------------------------------

EFAC = "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"
# cbc:NoticeTypeCode (notice-type list) by prefix -> vocab.NOTICE_KINDS; the longest prefix wins.
KINDS = {
    "pin-": "prior-information",
    "cn-": "contract-notice",
    "can-": "award",
    "can-modif": "modification",
    "veat": "voluntary-ex-ante",
    "corr": "corrigendum",
    "compl": "award",
    "qu-sy": "qualification-system",
}


def declared_codes(part: Any) -> tuple[set[str], set[str]]:
    """The codes declared in one part of a notice (the root for the procedure, or a lot) and its
    BT-775 social objectives: BT-06 soc-obj, BT-71 res-ws / res-pub-ser, BT-736 reserved execution."""
    codes: set[str] = set()
    objectives: set[str] = set()
    project = part.find(_cac("ProcurementProject"))
    if project is not None:
        for element in project.iterfind(f"{_cac('ProcurementAdditionalType')}/{_cbc('ProcurementTypeCode')}"):
            code, listed = (element.text or "").strip(), element.get("listName")
            if listed == "strategic-procurement" and code == "soc-obj":
                codes.add(code)
            elif listed == "social-objective" and code:
                objectives.add(code)
    terms = part.find(_cac("TenderingTerms"))
    if terms is not None:
        for element in terms.iter(_cbc("TendererRequirementTypeCode")):
            code = (element.text or "").strip()
            if element.get("listName") == "reserved-procurement" and code in ("res-ws", "res-pub-ser"):
                codes.add(code)
        for element in terms.iter(_cbc("ExecutionRequirementCode")):
            if element.get("listName") == "reserved-execution" and (element.text or "").strip() == "yes":
                codes.add("reserved-execution")
    return codes, objectives


def _buyer(root: Any) -> tuple[str, str, str]:
    """The buyer's name, country (as written, alpha-3) and NUTS code, from its organisation."""
    buyer_id = (
        root.findtext(f"{_cac('ContractingParty')}/{_cac('Party')}/{_cac('PartyIdentification')}/{_cbc('ID')}") or ""
    ).strip()
    for company in root.iter(f"{{{EFAC}}}Company"):
        if (company.findtext(f"{_cac('PartyIdentification')}/{_cbc('ID')}") or "").strip() != buyer_id:
            continue
        address = company.find(_cac("PostalAddress"))
        country = "" if address is None else address.findtext(f"{_cac('Country')}/{_cbc('IdentificationCode')}")
        nuts = "" if address is None else address.findtext(_cbc("CountrySubentityCode"))
        return (
            (company.findtext(f"{_cac('PartyName')}/{_cbc('Name')}") or "").strip(),
            (country or "").strip(),
            (nuts or "").strip(),
        )
    return "", "", ""


def read_eforms_notice(root: Any, where: str, warn: Warn) -> NoticeFacts:
    """The facts of a parsed eForms notice and the codes its buyer declared, per lot and for the notice."""
    fields, lot_elements = _read(root, where, warn)
    notice_codes, objectives = declared_codes(root)
    lot_codes = []
    for lot, element in zip(fields["lots"], lot_elements, strict=True):
        codes, lot_objectives = declared_codes(element)
        objectives |= lot_objectives
        if codes:
            lot_codes.append((lot["id"] or "", ordered(codes)))
    buyer, country, buyer_nuts = _buyer(root)
    project = root.find(_cac("ProcurementProject"))
    nuts = project.findtext(f".//{_cac('Address')}/{_cbc('CountrySubentityCode')}") if project is not None else None
    type_code = (root.findtext(_cbc("NoticeTypeCode")) or "").strip()
    kind = max(
        ((p, k) for p, k in KINDS.items() if type_code.startswith(p)), key=lambda pk: len(pk[0]), default=("", "other")
    )[1]
    published = root.findtext(f".//{{{EFBC}}}PublicationDate") or root.findtext(_cbc("IssueDate")) or ""
    awarded = root.find(f".//{{{EFAC}}}NoticeResult/{_cbc('TotalAmount')}")
    value, value_type, currency = (
        fields["value"],
        "estimated" if fields["value"] is not None else "",
        fields["currency"],
    )
    if awarded is not None and awarded.text:
        value, _ = amount(awarded.text, where, "BT-161", machine=True)
        value_type, currency = "awarded", awarded.get("currencyID")
    procedure_cpv = list(fields["cpv"])
    other = [*procedure_cpv[1:], *(c for lot in fields["lots"] for c in lot["cpv"])]
    main = procedure_cpv[0] if procedure_cpv else (other[0] if other else "")
    lang = (root.findtext(_cbc("NoticeLanguageCode")) or "").strip()
    lang2 = _LANG2.get(lang.upper(), lang[:2].lower())
    title = fields["title"]
    if fields["lang"] is None:  # a language the matcher does not read: match on the CPV codes alone
        fields.update(
            title="",
            description="",
            lang="nl",
            lots=[{**lot, "title": "", "description": ""} for lot in fields["lots"]],
        )
    try:
        tender: Tender | None = build(fields, where)
    except TenderError:
        tender = None
    return NoticeFacts(
        id=fields["id"] or where,
        source="eforms",
        published=published.strip()[:10],
        kind=kind,
        buyer=buyer,
        country=country_code(country),
        nuts=(nuts or buyer_nuts or "").strip(),
        nature=fields["type"] or "",
        cpv_main=main,
        cpv_other=tuple(dict.fromkeys(c for c in other if c != main)),
        value=value,
        value_type=value_type,
        currency=currency or "",
        lots=len(fields["lots"]),
        lang=lang2,
        title=title,
        declared_notice=ordered(notice_codes),
        declared_lots=tuple(lot_codes),
        social_objectives=tuple(sorted(objectives)),
        # A code declared (soc-obj on a result notice) counts the notice among those that can declare.
        can_declare=kind in _DECLARING_KINDS or bool(notice_codes or lot_codes) or _has_reservation_field(root),
        tender=tender,
    )


# Planning and competition notices have BT-71 and BT-736; a result or change notice can say whether its
# contract was reserved only when it carries one of them.
_DECLARING_KINDS = ("prior-information", "contract-notice", "qualification-system")


def _has_reservation_field(root: Any) -> bool:
    """Whether the notice states BT-71 or BT-736 anywhere (also as 'none' or 'no')."""
    return any(
        e.get("listName") == listed
        for tag, listed in (
            ("TendererRequirementTypeCode", "reserved-procurement"),
            ("ExecutionRequirementCode", "reserved-execution"),
        )
        for e in root.iter(_cbc(tag))
    )


# ISO 639-2 (eForms) -> two letters, for the EU's languages.
_LANG2 = {
    "BUL": "bg", "CES": "cs", "DAN": "da", "DEU": "de", "ELL": "el", "ENG": "en", "EST": "et", "FIN": "fi",
    "FRA": "fr", "GLE": "ga", "HRV": "hr", "HUN": "hu", "ITA": "it", "LAV": "lv", "LIT": "lt", "MLT": "mt",
    "NLD": "nl", "POL": "pl", "POR": "pt", "RON": "ro", "SLK": "sk", "SLV": "sl", "SPA": "es", "SWE": "sv",
}  # fmt: skip
