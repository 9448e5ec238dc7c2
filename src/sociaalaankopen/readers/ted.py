"""TED XML export notices, format R2.0.9 (root TED_EXPORT, forms F01-F25; also R2.0.8 defence forms).

The export publishes TED's notices of 2014-2023 in every EU language. A notice has a coded part
(CODED_DATA_SECTION: publication date, document type, country, NUTS, CPV, values) and one form per
language in FORM_SECTION (CATEGORY="ORIGINAL" is the one the buyer wrote). What the buyer declared
sits in the forms as empty elements: RESTRICTED_SHELTERED_WORKSHOP (-> res-ws),
RESTRICTED_SHELTERED_PROGRAM (-> reserved-execution), RESERVED_ORGANISATIONS_SERVICE_MISSION
(-> res-pub-ser), and in the defence forms RESTRICTED_TO_SHELTERED_WORKSHOPS (-> res-ws) and
RESTRICTED_TO_FRAMEWORK (-> reserved-execution); inside an OBJECT_DESCR they are a lot's, elsewhere the
notice's. Only some forms have a place for them at all (`RESERVATION_FORMS`).

Parsed with defusedxml (no DTD, no entities): see `eforms.parse_xml`.
"""

from __future__ import annotations

from typing import Any

from ..model import Tender
from ..numbers import MAX_NUMBER
from .base import Warn, error, language_or_none
from .notice import NoticeFacts, country_code, ordered

FLAGS = {
    "RESTRICTED_SHELTERED_WORKSHOP": "res-ws",
    "RESTRICTED_SHELTERED_PROGRAM": "reserved-execution",
    "RESERVED_ORGANISATIONS_SERVICE_MISSION": "res-pub-ser",
    # The defence forms 16 and 17 (R2.0.8 layout), under RESERVED_CONTRACTS.
    "RESTRICTED_TO_SHELTERED_WORKSHOPS": "res-ws",
    "RESTRICTED_TO_FRAMEWORK": "reserved-execution",
}
# The forms (their FORM attribute) with a section for reserved contracts: prior information, contract
# notices, qualification systems, the social-services forms and concession notices, and defence prior
# information and contract notices. Award notices (F03, F06, F25, 18), buyer profiles (F08), design
# contests (F12, F13), corrigenda (F14), ex-ante transparency (F15), modifications (F20) and the transport
# forms (T01, T02) have none: such a notice cannot say whether its contract was reserved.
RESERVATION_FORMS = frozenset({"F01", "F02", "F04", "F05", "F07", "F21", "F22", "F23", "F24", "16", "17"})
# CODIF_DATA/TD_DOCUMENT_TYPE codes -> notice kinds (vocab.NOTICE_KINDS).
KINDS = {
    "0": "prior-information",
    "A": "prior-information",
    "M": "prior-information",
    "P": "prior-information",
    "3": "contract-notice",
    "C": "contract-notice",
    "H": "contract-notice",
    "Y": "contract-notice",
    "7": "award",
    "J": "award",
    "V": "voluntary-ex-ante",
    "K": "modification",
    "1": "corrigendum",
    "2": "corrigendum",
    "D": "design-contest",
    "R": "design-contest",
    "O": "qualification-system",
    "Q": "qualification-system",
}
# CODIF_DATA/NC_CONTRACT_NATURE codes, for forms without OBJECT_CONTRACT/TYPE_CONTRACT.
NATURES = {"1": "works", "2": "supplies", "4": "services"}
VALUE_TYPES = {"PROCUREMENT_TOTAL": "awarded", "ESTIMATED_TOTAL": "estimated"}


def is_ted(root: Any) -> bool:
    return str(root.tag).rsplit("}", 1)[-1] == "TED_EXPORT"


def _text(element: Any) -> str:
    """All text inside an element (its P paragraphs), on one line."""
    if element is None:
        return ""
    return " ".join(" ".join(element.itertext()).split())


def _cpv(code: str | None) -> str | None:
    digits = (code or "").strip()[:8]
    return digits if len(digits) == 8 and digits.isdigit() else None


def _date(value: str | None) -> str:
    value = (value or "").strip()
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}" if len(value) >= 8 and value[:8].isdigit() else ""


def _number(value: str | None) -> float | None:
    try:
        number = float((value or "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None
    return number if 0 <= number <= MAX_NUMBER else None  # also no NaN or infinity ('1e400')


def read_ted_notice(root: Any, where: str, warn: Warn) -> NoticeFacts:
    """The facts of a parsed TED_EXPORT notice."""
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""

    def find(parent: Any, path: str) -> Any:
        return None if parent is None else parent.find("/".join(ns + part for part in path.split("/")))

    coded = find(root, "CODED_DATA_SECTION")
    if coded is None:
        raise error(where, "is a TED export without CODED_DATA_SECTION", "give a complete TED XML notice")
    data = find(coded, "NOTICE_DATA")
    codif = find(coded, "CODIF_DATA")
    forms = [f for f in (find(root, "FORM_SECTION") or []) if f.get("FORM") or f.get("CATEGORY")]
    if not forms:
        forms = [f for f in (find(root, "FORM_SECTION") or []) if not str(f.tag).endswith("NOTICE_UUID")]
    lang = (data.findtext(ns + "LG_ORIG") if data is not None else "") or ""
    # A notice written in two languages at once ("FR NL", one original form each) is read in the first.
    lang = next(iter(lang.split()), "")
    form = next((f for f in forms if f.get("CATEGORY") == "ORIGINAL"), None)
    form = form if form is not None else next((f for f in forms if f.get("LG") == lang), None)
    form = form if form is not None else (forms[0] if forms else None)

    notice_codes: set[str] = set()
    lot_codes: dict[str, set[str]] = {}
    for each in forms:  # the flags of every language version: a buyer's tick shows in all of them
        in_lots: set[int] = set()
        for number, lot in enumerate(each.iter(ns + "OBJECT_DESCR"), start=1):
            lot_id = (lot.findtext(ns + "LOT_NO") or "").strip() or str(lot.get("ITEM") or number)
            for tag, code in FLAGS.items():
                for found in lot.iter(ns + tag):
                    in_lots.add(id(found))
                    lot_codes.setdefault(lot_id, set()).add(code)
        for tag, code in FLAGS.items():
            if any(id(found) not in in_lots for found in each.iter(ns + tag)):
                notice_codes.add(code)

    nature = ""
    if form is not None:
        type_contract = find(form, "OBJECT_CONTRACT/TYPE_CONTRACT")
        nature = {"WORKS": "works", "SUPPLIES": "supplies", "SERVICES": "services"}.get(
            (type_contract.get("CTYPE") if type_contract is not None else "") or "", ""
        )
    if not nature and codif is not None:
        code = find(codif, "NC_CONTRACT_NATURE")
        nature = NATURES.get(code.get("CODE", "") if code is not None else "", "")

    main, other = _cpv_codes(form, data, ns)
    value, value_type, currency = _value(data, ns)
    kind_code = find(codif, "TD_DOCUMENT_TYPE")
    country = find(data, "ISO_COUNTRY")
    nuts = find(data, "CA_CE_NUTS")
    if nuts is None and form is not None:
        nuts = next(form.iter(ns + "NUTS"), None)
    lots = list(form.iter(ns + "OBJECT_DESCR")) if form is not None else []
    title = _text(find(form, "OBJECT_CONTRACT/TITLE")) if form is not None else ""
    if not title:
        title = _translated_title(root, ns, lang)
    buyer = next((e.text.strip() for e in form.iter(ns + "OFFICIALNAME") if e.text), "") if form is not None else ""
    lang2 = lang.strip().lower()
    matchable = language_or_none(lang2)
    tender = Tender.model_validate(
        {
            "id": root.get("DOC_ID"),
            "title": title if matchable else "",
            "description": _text(find(form, "OBJECT_CONTRACT/SHORT_DESCR")) if matchable and form is not None else "",
            "cpv": [c for c in (main, *other) if c],
            "type": nature or None,
            "lang": matchable or "nl",
            "lots": [
                {
                    "id": (lot.findtext(ns + "LOT_NO") or "").strip() or None,
                    "title": _text(find(lot, "TITLE")) if matchable else "",
                    "description": _text(find(lot, "SHORT_DESCR")) if matchable else "",
                    "cpv": [c for c in (_cpv(e.get("CODE")) for e in lot.iter(ns + "CPV_CODE")) if c],
                }
                for lot in lots
                if len(lots) > 1
            ],
        }
    )
    return NoticeFacts(
        id=str(root.get("DOC_ID") or where),
        source="ted",
        published=_date(coded.findtext(f"{ns}REF_OJS/{ns}DATE_PUB")),
        kind=KINDS.get(kind_code.get("CODE", "") if kind_code is not None else "", "other"),
        buyer=buyer,
        country=country_code(country.get("VALUE") if country is not None else ""),
        nuts=(nuts.get("CODE") or "") if nuts is not None else "",
        nature=nature,
        cpv_main=main,
        cpv_other=other,
        value=value,
        value_type=value_type,
        currency=currency,
        lots=len(lots),
        lang=lang2,
        title=title,
        declared_notice=ordered(notice_codes),
        declared_lots=tuple((lot_id, ordered(codes)) for lot_id, codes in lot_codes.items()),
        can_declare=bool(notice_codes or lot_codes) or any(f.get("FORM") in RESERVATION_FORMS for f in forms),
        tender=tender if tender.full_text().strip() or tender.all_cpv() else None,
    )


def _cpv_codes(form: Any, data: Any, ns: str) -> tuple[str, tuple[str, ...]]:
    main = ""
    other: list[str] = []
    if form is not None:
        element = form.find(f"{ns}OBJECT_CONTRACT/{ns}CPV_MAIN/{ns}CPV_CODE")
        main = (_cpv(element.get("CODE")) if element is not None else None) or ""
        for additional in form.iter(ns + "CPV_ADDITIONAL"):
            for code in additional.iter(ns + "CPV_CODE"):
                found = _cpv(code.get("CODE"))
                if found and found != main and found not in other:
                    other.append(found)
    if not main and data is not None:  # forms without CPV_MAIN (R2.0.8): the coded data's list
        codes = [c for c in (_cpv(e.get("CODE")) for e in data.iter(ns + "ORIGINAL_CPV")) if c]
        main = codes[0] if codes else ""
        other = [c for c in codes[1:] if c != main]
    return main or "", tuple(other)


def _value(data: Any, ns: str) -> tuple[float | None, str, str]:
    if data is None:
        return None, "", ""
    for wanted in VALUE_TYPES:
        for element in data.iter(ns + "VALUE"):
            if element.get("TYPE") == wanted:
                number = _number(element.text)
                if number is not None:
                    return number, VALUE_TYPES[wanted], element.get("CURRENCY") or ""
    return None, "", ""


def _translated_title(root: Any, ns: str, lang: str) -> str:
    for title in root.iter(ns + "ML_TI_DOC"):
        if title.get("LG") == lang:
            return _text(title.find(ns + "TI_TEXT"))
    return ""
