"""The fixed words of the annex, per language. Stage names come from vocab.INSTRUMENTS."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "annex.title": "Bijlage sociale clausules",
        "annex.for": "Opdracht",
        "annex.intro": (
            "Deze bijlage bundelt de sociale bepalingen van de opdracht, per fase van de procedure. "
            "Bij elke bepaling staan de rechtsgrond, de manier waarop de aanbesteder ze controleert en "
            "wat de opdrachtnemer rapporteert."
        ),
        "legal": "Rechtsgrond",
        "verification": "Controle door de aanbesteder",
        "monitoring": "Rapportering door de opdrachtnemer",
        "frequency": "frequentie",
        "unit": "eenheid",
        "weighting": "Voorgestelde weging",
        "eforms.title": "Velden in de eForms-aankondiging",
        "eforms.intro": "Vul bij de publicatie van de aankondiging deze velden in; ze volgen uit de gekozen clausules.",
        "eforms.field": "Veld",
        "eforms.code": "Code",
        "eforms.label": "Betekenis",
        "eforms.clauses": "Volgt uit",
        "eforms.none": "geen voorbehouden clausule gekozen",
        "generated": "Opgesteld met sociaalaankopen",
    },
    "fr": {
        "annex.title": "Annexe clauses sociales",
        "annex.for": "Marché",
        "annex.intro": (
            "Cette annexe rassemble les dispositions sociales du marché, par phase de la procédure. "
            "Chaque disposition indique sa base juridique, la manière dont le pouvoir adjudicateur la contrôle "
            "et ce que l'adjudicataire rapporte."
        ),
        "legal": "Base juridique",
        "verification": "Contrôle par le pouvoir adjudicateur",
        "monitoring": "Rapportage par l'adjudicataire",
        "frequency": "fréquence",
        "unit": "unité",
        "weighting": "Pondération proposée",
        "eforms.title": "Champs de l'avis eForms",
        "eforms.intro": "Complétez ces champs lors de la publication de l'avis ; ils découlent des clauses choisies.",
        "eforms.field": "Champ",
        "eforms.code": "Code",
        "eforms.label": "Signification",
        "eforms.clauses": "Découle de",
        "eforms.none": "aucune clause de réservation choisie",
        "generated": "Établi avec sociaalaankopen",
    },
    "en": {
        "annex.title": "Social clauses annex",
        "annex.for": "Contract",
        "annex.intro": (
            "This annex gathers the social provisions of the contract, by stage of the procedure. "
            "Each provision states its legal basis, how the contracting authority verifies it and what "
            "the contractor reports."
        ),
        "legal": "Legal basis",
        "verification": "Verification by the contracting authority",
        "monitoring": "Reporting by the contractor",
        "frequency": "frequency",
        "unit": "unit",
        "weighting": "Suggested weighting",
        "eforms.title": "Fields in the eForms notice",
        "eforms.intro": "Fill in these fields when publishing the notice; they follow from the chosen clauses.",
        "eforms.field": "Field",
        "eforms.code": "Code",
        "eforms.label": "Meaning",
        "eforms.clauses": "Follows from",
        "eforms.none": "no reservation clause chosen",
        "generated": "Drafted with sociaalaankopen",
    },
}
