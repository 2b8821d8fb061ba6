"""Classify what the files publish as free text: kinds of body, outcome groups, joint names.

Pure Python with no Django import. The values returned match the model choices
(OrganisationKind, OutcomeGroup) by value.
"""

import re

# Bodies that are neither councils nor care providers; checked first because some of their
# names also contain "Council" or "Care".
OTHER_BODY = re.compile(
    r"\b(police|crime commissioner|fire|rescue|national park|appeals? panel|transport for"
    r"|passenger transport|combined authority|waste authority|parish|town council"
    r"|ombudsman|nhs|clinical commissioning|integrated care board|hospital)\b",
    re.IGNORECASE,
)
CARE_PROVIDER_FORM = re.compile(r"\b(ltd|limited|plc|llp|cic|lp)\b\.?", re.IGNORECASE)
COUNCIL = re.compile(
    r"\b(council|borough of|city of london corporation|corporation of (?:the city of )?london"
    r"|isles of scilly)\b|^city of london$",
    re.IGNORECASE,
)
CARE_WORDS = re.compile(r"\b(care|carers|homecare|nursing|home|homes|healthcare)\b", re.IGNORECASE)


# A council's own service named after it: "Northmere County Council (Fire and Rescue Service)".
COUNCIL_SERVICE = re.compile(r"(?<!town )(?<!parish )\bcouncil\s*\([^()]*\)$", re.IGNORECASE)


def organisation_kind(name: str) -> str:
    """Return "council", "care_provider" or "other" for an organisation's published name."""
    if COUNCIL_SERVICE.search(name):
        return "council"
    if OTHER_BODY.search(name):
        return "other"
    if CARE_PROVIDER_FORM.search(name):
        return "care_provider"
    if COUNCIL.search(name):
        return "council"
    if CARE_WORDS.search(name):
        return "care_provider"
    return "other"


# A joint name is split only after a word that ends a body's name, so "Brighton and Hove City
# Council" or "Royal Borough of Kensington and Chelsea" stay whole.
BODY_END = r"(?:Council|Ltd|Limited|plc|LLP|Authority|Trust|Board|Commissioner|Panel|CCG|ICB)"


# A borough named "Royal Borough of X" or "London Borough of X" ends in no such word: a joint
# name is split after it where what follows names a body, except inside the boroughs whose
# own names hold "and" (or "&").
BOROUGH_OF = re.compile(r"^(?:the\s+)?(?:royal|london)\s+borough\s+of\s+", re.IGNORECASE)
BOROUGHS_WITH_AND = re.compile(
    "(?:"
    + "|".join(
        rf"{first}\s+(?:and|&)\s+{second}"
        for first, second in (
            ("kensington", "chelsea"),
            ("windsor", "maidenhead"),
            ("barking", "dagenham"),
            ("hammersmith", "fulham"),
        )
    )
    + r")\b",
    re.IGNORECASE,
)
JOINED = re.compile(r"\s*(?:,|\band\b|&)\s+")
TRADING_AS = re.compile(r"(?:trading as|t/a)\b", re.IGNORECASE)


def split_organisations(name: str) -> tuple[str, ...]:
    """Split "X Council and Y NHS Trust" into the bodies it names, first one first."""
    parts = []
    start = 0
    for match in re.finditer(rf"\b{BODY_END}(?:\s*\([^()]*\))?(\s*(?:,|\band\b|&)\s+)", name):
        parts.append(name[start : match.start(1)].strip())
        start = match.end(1)
    parts.append(name[start:].strip())
    bodies: list[str] = []
    for body in (body for part in parts for body in _after_borough(part) if body):
        if bodies and TRADING_AS.match(body):  # "X Ltd, trading as Y" is one body
            bodies[-1] = f"{bodies[-1]}, {body}"
        else:
            bodies.append(body)
    return tuple(bodies) or (name,)


def _after_borough(name: str) -> list[str]:
    """ "Royal Borough of Wrenmoor and Wrenmoor NHS Trust" as its two bodies."""
    borough = BOROUGH_OF.match(name)
    if not borough:
        return [name]
    place = BOROUGHS_WITH_AND.match(name, borough.end())
    joined = JOINED.search(name, place.end() if place else borough.end())
    if joined and _names_a_body(name[joined.end() :]):
        return [name[: joined.start()].strip(), *split_organisations(name[joined.end() :])]
    return [name]


def _names_a_body(name: str) -> bool:
    return bool(
        OTHER_BODY.search(name)
        or COUNCIL.search(name)
        or CARE_PROVIDER_FORM.search(name)
        or re.search(rf"\b(?:{BODY_END}|Group)\s*(?:\([^()]*\))?$", name)
    )


def outcome_group(label: str) -> str:
    """Map an outcome as published to "upheld", "not_upheld", "closed" or "other".

    Old wordings that meant the Ombudsman would not investigate ("Premature",
    "Not in jurisdiction", "Outside jurisdiction") group with "Closed after initial enquiries".
    Anything unrecognised is "other" until someone maps it in the admin.
    """
    text = " ".join(label.lower().split())
    if text.startswith("not upheld"):
        return "not_upheld"
    if text.startswith("upheld"):
        return "upheld"
    if text.startswith(
        (
            "closed after initial enquiries",
            "premature",
            "not in jurisdiction",
            "outside jurisdiction",
            "out of jurisdiction",
        )
    ):
        return "closed"
    return "other"
