"""What a decision asks the body to do to put things right: apologise, pay (how much and
what for), improve its service, reassess, or something else; and whether the body had
already put things right itself.

A remedy is read where decisions state them: the "Agreed action" or "Recommendations"
sections first, then the summary, then the other sections that weigh the case. Sections that
set out the complaint, the law or the background are left out (what Mr X asked for, or what
a care home charged, is not a remedy). A `Remedy :` header field, where the file has one, is
the record of which kinds of remedy there were. Pure Python with no Django import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

APOLOGY = "apology"
PAYMENT = "payment"
SERVICE_IMPROVEMENT = "service_improvement"
REASSESSMENT = "reassessment"
OTHER = "other"
KINDS = {
    APOLOGY: "Apology",
    PAYMENT: "Financial payment",
    SERVICE_IMPROVEMENT: "Service improvement",
    REASSESSMENT: "Reassessment",
    OTHER: "Other action",
}

DISTRESS = "distress"
TIME_AND_TROUBLE = "time and trouble"
DISTRESS_TIME_AND_TROUBLE = "distress and time and trouble"
LOSS_OF_SERVICE = "loss of service"
REFUND = "refund"
PURPOSES = (DISTRESS, TIME_AND_TROUBLE, DISTRESS_TIME_AND_TROUBLE, LOSS_OF_SERVICE, REFUND)


class Gated:
    """A pattern each of whose matches holds one of `words` (in lower case). Text with none of
    them is passed over by a substring test, many times faster than the expression: most
    sentences of a decision never reach it. tests/test_extraction.py checks every gate against
    every sentence of the gold sets."""

    def __init__(self, pattern: re.Pattern, words: tuple[str, ...]):
        self.pattern, self.words = pattern, words

    def opens_for(self, text: str) -> bool:
        low = text.lower()
        return any(word in low for word in self.words)

    def search(self, text: str, *bounds: int) -> re.Match | None:
        return self.pattern.search(text, *bounds) if self.opens_for(text) else None

    def finditer(self, text: str, *bounds: int) -> Iterator[re.Match]:
        return self.pattern.finditer(text, *bounds) if self.opens_for(text) else iter(())


@dataclass(frozen=True)
class Remedy:
    kind: str
    amount: Decimal | None = None  # in pounds, for a payment that states one
    purpose: str = ""  # for a payment: one of PURPOSES, or "" when the text does not say


@dataclass(frozen=True)
class Remedies:
    remedies: tuple[Remedy, ...] = ()
    already_remedied: bool = False


# Sections that hold the remedies themselves; then sections that weigh the case; the rest
# (the complaint, the law, the background) never.
REMEDY_SECTION = re.compile(
    r"agreed action|recommendation|^actions?\b|remed|what should happen|put(?:ting)? (?:things|it)"
    r" right|what (?:the Council|it) (?:has agreed|will|should) do",
    re.IGNORECASE,
)
GENERAL_SECTION = re.compile(
    r"role and powers|\blaw\b|legal|background|guidance|the complaint$|how I considered"
    r"|what I have (?:and have not )?investigated|key to names|parts of the complaint",
    re.IGNORECASE,
)

# An amount: "£1,250.50", but not one in thousands or millions ("£2k", "£1.5m"): `_amounts`
# checks what follows the digits once. As a lookahead here, that check re-read the rest of a
# long run of digits after each digit the match gave back (quadratic in the run).
AMOUNT = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?")
AMOUNT_WITHOUT_PENCE = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))??")
SCALED = re.compile(r"[\d,]*\s?(?:k|m|bn)\b")
PAY = re.compile(
    r"\b(?:pay|pays|paid|paying|payment|payments|refund\w*|reimburs\w*|repay\w*|award\w*"
    r"|compensat\w*|offer\w*|financial (?:remedy|redress)|goodwill|recompense|sum of|credit\w*)\b",
    re.IGNORECASE,
)
# Words just before an amount that make it something other than a payment to the person.
NOT_PAID = re.compile(
    r"\b(?:charg\w*|bill\w*|invoice\w*|arrears|fees?|costs? of|quot\w*|grants?|penalt\w*"
    r"|fines?|debts?|owe[sd]?|owing|valued|worth|claim\w*|asked|ask|asks|wants?|wanted"
    r"|request\w*|seek\w*|sought|refus\w*|declin\w*|would like|rent|price|budget|spent"
    r"|balance|contribution|estimate\w*|income|savings|capital|tax"
    # a state benefit, not "for his educational benefit"
    r"|(?<!educational )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bown )benefits?"
    r"|instalments?|loan|PCN|notice|ticket|issued|replac\w*|whether)\b[^£]*$",
    re.IGNORECASE,
)
# The complainant paying is not a remedy: "Mr U paid £55".
PAID_BY_COMPLAINANT = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Mx) [A-Z]\w*|he|she|they) (?:had |has |then |also )?"
    r"(?:paid|pays|spent)\b"
)
# Words just after an amount that make it a charge rather than a payment ("the £10 fee"),
# unless it is being refunded.
CHARGE_AFTER = re.compile(
    r"^\s*(?:\w+\s)?(?:fees?|charges?|bills?|invoices?|penalt\w*|fines?|debts?|arrears|grants?"
    r"|difference)\b",
    re.IGNORECASE,
)
REFUNDING = re.compile(r"\b(?:refund\w*|reimburs\w*|repay\w*|return\w*|credit\w*)\b", re.IGNORECASE)
# A charge that is itself to be given back: "refund … the overpaid fees of £4,571.40".
OVERPAID = re.compile(
    r"\b(?:overpaid|overcharged|over-?payments?|wrongly (?:charged|taken)|duplicate)\b", re.I
)
# An offer turned down or replaced is no payment: "offered £250, which he refused".
REFUSED_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:which|but) (?:he|she|they|(?:Mr|Mrs|Ms|Miss|Dr|Mx) [A-Z]\w*) "
    r"(?:refused|declined|rejected|turned (?:it )?down|did not accept|considers? (?:\w+ )?(?:too "
    r"low|inadequate|insufficient))",
    re.IGNORECASE,
)
# A total stated after the sum it totals: "£400 a month for six months (£2,400 in total)".
TOTAL_AFTER = re.compile(r"^\s*(?:in total|in all|altogether)\b", re.IGNORECASE)
WAIVED = re.compile(
    r"\b(?:waiv\w*|writ\w* off|written off|cancel\w*|reduc\w*|remov\w*|withdraw\w*)\b",
    re.IGNORECASE,
)
# A verb of paying or giving back, which starts a new clause of its own after a charge
# cancelled or a sum the complainant paid: "cancel the charge, refund the £65 Mr X paid and
# pay him £100".
GIVING = re.compile(
    r"\b(?:pay|pays|paying|paid|refund(?:s|ing|ed)?|reimburs(?:e|es|ing|ed)|repa(?:y|ys|ying|id)"
    r"|return(?:s|ing|ed)?|give|gives|giving|gave|compensat(?:e|ing))\b",
    re.IGNORECASE,
)
# The body has paid: "has since refunded", "had already paid".
ALREADY_PAID = re.compile(
    r"\b(?:(?:has|have) (?:now |since |already |also )?|had (?:now |since |already ))"
    r"(?:[\w’',]+ ){0,8}?(?:refunded|repaid|reimbursed|paid|returned)\b",
    re.IGNORECASE,
)
# The body's own remedy in the facts: "Its stage one response apologised … and refunded £120".
BODY_PUT_RIGHT = re.compile(
    r"\b(?:it|the (?:\w+ )?Council|its (?:[\w-]+ ){0,3}?(?:response|reply|letter))\s+"
    r"(?:[\w’',-]+\s+){0,12}?(?:apologised|refunded|repaid|reimbursed|paid|(?:asked|instructed"
    r"|told) (?:the|its) \w+ to (?:refund|repay|reimburse|pay))\b",
    re.IGNORECASE,
)
# An amount named in passing, beside the one paid: "a further £250, on top of the £150 it has
# already paid, to acknowledge the distress".
ASIDE = re.compile(r"\b(?:on top of|in addition to|as well as|besides)\s+(?:the\s+)?$", re.I)
# The purpose given in the next sentence: "pay her £250. This is to acknowledge the time and
# effort she spent …".
PURPOSE_FOLLOWS = re.compile(
    r"(?:This|That|The|It)(?: payment| sum| amount)?\s+(?:is|will be|would be|was)?\s*(?:to|for"
    r"|in recognition of|intended to)\b|(?:This|That|The payment|It) (?:recognises|acknowledges"
    r"|reflects)\b",
    re.IGNORECASE,
)
# The purpose put first: "To recognise that upset, the Council will pay him £150."
PURPOSE_FIRST = re.compile(
    r"(?:To (?:recognise|acknowledge|reflect|remedy|make up for|compensate)|In recognition of)"
    r"\b[^,.;£]{0,120},",
    re.IGNORECASE,
)
# Amounts for two people, one purpose: "pay £300 to Mr A and £300 to Mrs A for their distress",
# "pay Mr X £500, and Mr and Mrs L £3,000 to recognise the distress".
_PAYEE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+(?:and\s+(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+)?[A-Z]\w*)"
PAYEE = re.compile(_PAYEE)
SHARED_PURPOSE = re.compile(
    rf"\s*(?:to\s+)?(?:{_PAYEE}\s*)?,?\s*and\s+(?:to\s+)?(?:{_PAYEE}\s+)?", re.IGNORECASE
)
# Refunds to other people ("check other residents' PCNs and refund them") are not this
# complainant's payment.
TO_OTHERS = re.compile(
    r"\b(?:any other|other (?:\w+ )?(?:residents|people|customers|owners|applicants|families"
    r"|tenants|parents|motorists|drivers|service users)|others|they were charged)\b"
    r"|\b(?:write to|contact) (?:[\w-]+ ){0,2}?(?:owners|residents|customers|people|tenants|families"
    r"|parents|applicants)\b",
    re.IGNORECASE,
)
# A rate: "£20 for each missed visit", "£75 a week". Paid as stated unless the sentence goes on
# to give the total, which is then the payment.
RATE_AFTER = re.compile(
    r"\s*(?:\w+\s)?(?:a (?:week|month|year|night|visit|session|day)|per \w+|each (?:week|month)"
    r"|for each)\b",
    re.IGNORECASE,
)
TOTAL_OF = re.compile(r"\b(?:a total of|in total|totalling|altogether|which comes to)\s*$", re.I)
STILL_TO_PAY = re.compile(
    r"(?:\b(?:will|to|should|must)\s+(?:\w+\s+){0,2}?|^[-•\s]*)pay\b[^.;]{0,40}?£", re.I
)
# A sentence that goes on with what the body did: "It also reminded staff …".
GOES_ON = re.compile(r"(?:It|The (?:\w+ )?Council|They) (?:has |had |have )?also\b")
# A total followed by its breakdown: "£450, made up of £300 … and £150 …", in the same
# sentence or the next ("This is made up of …").
BREAKDOWN = re.compile(
    r"\b(?:made up of|compris(?:es|ing|ed of)|consist(?:s|ing) of|of which|split (?:as|into|between)"
    r"|broken down (?:as|into))\b|\bbeing (?=£)",
    re.IGNORECASE,
)
PAYMENT_WITHOUT_AMOUNT = re.compile(
    r"\b(?:pay|make a payment|payment)\b[^.£]{0,60}\b(?:suitable|appropriate|reasonable|"
    r"financial|proportionate)\s+(?:sum|amount|payment|remedy)"
    # "making a symbolic payment", "issue a refund", "offer Ms X a partial refund"
    r"|\b(?:mak\w*|made|offer\w*|agree\w* to make) (?:[\w’']+ ){0,3}?(?:a|an) (?:[\w-]+ ){0,2}?"
    r"payment\b(?! (?:of|plan|system|arrangement))|\b(?:issu\w*|give|gave|giving|offer\w*|mak\w*"
    r"|made) (?:[\w’']+ ){0,3}?(?:a|an) (?:partial |full |part )?refund\b",
    re.IGNORECASE,
)
UNPRICED_PAYMENT = re.compile(
    r"^[-•\s]*(?:(?:[\w,’']+ ){0,23}?(?:will|to|should|must|shall|would|and|also|then|Council"
    r"|it|agreed|agrees|[\w’']+,) )?(?:pay|reimburse|refund|repay|compensate)\b(?! for\b)"
    r"|^[-•\s]*(?:[\w,’']+ ){0,10}?make (?:\w+ ){0,3}?an? (?:\w+ ){0,2}?payment\b",
    re.IGNORECASE,
)
WANTED = re.compile(
    r"\b(?:wants?|wanted|asks?|asked|would like|seeks?|sought)\b"
    r"|\b(?:says?|said|feels?|felt|believes?|believed|thinks?|thought) (?:that )?(?:the \w+|it|they)"
    r" should\b",
    re.I,
)
# "It has asked its supplier to …" is the body acting, not someone wanting something; nor is
# "We asked the Council to …" (the Ombudsman proposing a remedy).
BODY_ASKS = re.compile(r" (?:its|their) ")
BODY_WILL_ASK = re.compile(
    r"\b(?:to|will|should|must|would|shall|not|it|the (?:\w+ )?Council)\s+$", re.IGNORECASE
)
OMBUDSMAN_ASKS = re.compile(r"\b(?:we|I|the Ombudsman)\s+(?:[\w’']+\s+)?$", re.IGNORECASE)

KIND_WORDINGS = (
    (APOLOGY, re.compile(r"\bapologi[sz]\w*|\bapology|\bapologies", re.IGNORECASE)),
    (
        SERVICE_IMPROVEMENT,
        re.compile(
            r"\b(?:review|revis|chang|amend|updat|improv)\w* (?:to |of )?(?:its|their|the (?:Council|"
            r"provider|care home)[’']s|how it|the way it|its own)\s?(?:[\w-]+ ){0,4}?(?:procedures?"
            r"|polic(?:y|ies)|process(?:es)?|practices?|guidance|systems?|arrangements|leaflets?"
            r"|letters?|templates?|website|web ?pages?|forms?|information|lists?|contracts?|terms"
            r"|checklists?|criteria|manuals?|handbooks?|schemes?)|\btrain\w*|\bremind\w* (?:\w+ ){0,2}?"
            r"(?:staff|officers|workers|employees|social workers|caseworkers|managers|its)"
            r"|\b(?:share|circulate)\w* (?:this|the|my) (?:decision|learning|findings)|\bmonitor (?:any|its|the way|how|whether|future)\b"
            r"|action plan|guidance (?:to|for) (?:its )?(?:staff|officers)|lessons? learn"
            r"|check (?:whether|if) (?:any )?other|identify (?:any )?other"
            r"|\b(?:review|revis|chang|improv|updat|amend)\w* (?:how|the way) (?:it|they|the Council"
            r"|its \w+)\b"
            r"|\bremind\w* (?:\w+ ){0,3}?(?:officers?|teams?|contractors?|crews?|drivers?|colleagues"
            r"|assessors?|advisers?|employees?|workers?)\b|\b(?:share|circulat)\w* (?:the |any |this "
            r"|its )?(?:learning|lessons?)\b|\b(?:review|revis|chang|amend|updat|improv)\w* the "
            r"(?:\w+ ){0,2}?(?:information on its|procedures?|polic(?:y|ies)|process(?:es)?|guidance"
            r"|website|templates?|template letters?|standard letters?|leaflets?|checklists?|forms?)\b"
            r"|\b(?:issu|draft|prepar)\w* (?:\w+ ){0,2}?(?:guidance|instructions|procedures?"
            r"|polic(?:y|ies)|checklists?|protocols?)\b|\b(?:put\w* in place|introduc\w*|set\w* up|added)"
            r" (?:\w+ ){0,3}?(?:checklists?|systems?|process(?:es)?|procedures?|protocols?|checks?"
            r"|polic(?:y|ies)|trackers?|monitoring)\b|\b(?:hold|give|deliver|arrang|provid|run)\w* "
            r"(?:\w+ ){0,2}?(?:briefings?|refresher|workshops?)\b|\bcheck (?:that|whether|if) "
            r"(?:its|all|their|future|staff|officers|contractors)\b"
            # General commitments: "make sure its staff …", "remind its team that …", "ensure
            # that all …", "look at how it …".
            r"|\b(?:make sure|ensur\w*) (?:that )?(?:its|all|their|staff|officers|future|in future)\b"
            r"|\bremind\w* (?!(?:him|her|them|Mr|Mrs|Ms|Miss|Dr|Mx)\b)(?:\w+ ){1,3}?(?:of|that|to|about)\b"
            r"|\bensur\w* (?:that )?(?:\w+ ){0,2}?(?:staff|officers|teams?|employees|contractors"
            r"|in future|always)\b"
            r"|\blook\w* (?:at|into) (?:how|the way|whether) (?:it|its|they|the Council)\b"
            # A manager speaking to the officer; the body's suppliers told what to do; a check
            # made for everyone from now on ("whenever a motorist says …").
            r"|\b(?:manager|supervisor|team leader|head of service)s?\b[^.]{0,40}?\b(?:spoken|spoke"
            r"|speak|speaks|talk\w*) (?:to|with)\b|\b(?:ask|asked|instruct\w*|requir\w*|told) "
            r"(?:its|their) (?:\w+ ){0,2}?(?:suppliers?|contractors?|providers?|agents?|partners?)"
            r" to\b|\b(?:whenever|every time|each time|from now on|in future|in the future)\b"
            # Improvements named in general words: "implement improvements to its service",
            # "address the faults with its service provision", "has spoken to staff".
            r"|\b(?:implement|make|introduc|deliver)\w* (?:[\w-]+ ){0,2}?improvements? (?:to|in) "
            r"(?:its|the|their)\b|\b(?:address|rectif|remed|tackl)\w* (?:the |any )?(?:[\w-]+ ){0,3}?"
            r"(?:faults?|failings?|problems?|weaknesses|issues) (?:with|in) (?:its|their)\b"
            r"|\brectif\w* (?:its|their) (?:service|services|service delivery|processes)\b"
            r"|\b(?:spoken|spoke|speak|talk\w*) (?:to|with) (?:its |the |all |relevant |the relevant )?"
            r"(?:staff|officers|team|employees|caseworkers|social workers)\b|\breview\w* (?:the )?"
            r"(?:accessibility|quality|provision|delivery|adequacy) of (?:its|their)\b|\binform (?:all"
            r"|other) (?:[\w-]+ ){0,4}?(?:tenants|residents|parents|applicants|customers|people"
            r"|service users)\b|\b(?:issu|send|sent|circulat)\w* (?:a |an )?(?:written )?reminders? to "
            r"(?:its |the |all )?(?:\w+ ){0,2}?(?:staff|officers|members|clerks|teams?|workers"
            r"|employees|managers|panels?)\b"
            r"|\b(?:set out|tell|report|explain)\w* (?:to us |us )?(?:what|the) (?:action|actions|steps"
            r"|changes?)\b|\b(?:tell|report to|send) us what (?:it has changed|changes it has made)\b"
            r"|\breview\w* how (?:many|often|long|much)\b|\bguidance (?:to|for) (?:its |the |all )?"
            r"(?:[\w-]+ ){0,2}?(?:staff|officers|teams?|workers|assessors|caseworkers)\b"
            r"|\b(?:review|revis|chang|improv|updat|amend)\w*,[^,.;]{0,40}, (?:how|the way)\b",
            re.IGNORECASE,
        ),
    ),
    (
        REASSESSMENT,
        re.compile(
            r"\bre-?assess\w*|\bre-?consider\w*|\bnew (?:assessment|review|appeal|hearing|decision)"
            r"|\bfresh (?:assessment|review|decision|appeal)|\bre-?do\b|\bre-?review"
            r"|\b(?:carry out|complete|arrange|undertake) (?:a |an )?(?:new |fresh |further )?"
            r"(?:(?:\w+ ){0,3}?assessment|review|carer[’']s assessment)\b|\bre-?determin\w*"
            r"|\boffer (?:him|her|them|(?:Mr|Mrs|Ms|Miss) [A-Z]\w*) an? (?:\w+[’']s |\w+ )?"
            r"assessment"
            r"|\breview (?:\w+[’']s |his |her |their |the )(?:\w+ )?(?:needs|care|support"
            r"|assessment|plan"
            r"|eligibility|application|decision|banding|case|priority)"
            r"|\b(?:carr(?:y|ies|ied|ying) out|complet\w*|arrang\w*|undert\w*) (?:a |an )?(?:new "
            r"|fresh |further )(?:[\w’']+ ){0,3}?(?:assessment|review)\b|\b(?:new|fresh) "
            r"(?:[\w’']+ ){0,2}?(?:assessment|review|appeal|hearing|decision)\b"
            r"|\breview(?:s|ed|ing)? (?:its |the Council[’']s )(?:\w+ ){0,2}?(?:decision|assessment"
            r"|banding)\b(?!-)|\blook(?:s|ed|ing)? again at\b"
            r"|\bre-?(?:examin|evaluat|decid|open|investigat)\w*"
            r"|\bafresh\b|\ban? (?:new|fresh|independent) (?:[\w’']+ ){0,2}?(?:investigation|panel"
            r"|enquiry|inquiry)\b"
            r"|\blook(?:s|ed|ing)? at (?:[\w’']+ ){1,8}?again\b|\brecalculat\w* (?:[\w’']+ ){1,5}?from\b"
            r"|\brecalculat\w* (?:[\w’']+ ){0,3}?(?:entitlement|contribution|award|benefits?|reduction"
            r"|assessment|liability|banding|eligibility|allowance)\b"
            r"|\b(?:arrang|hold|convene|set up|organis)\w* (?:for )?(?:a |an |the )?(?:[\w’']+ ){0,3}?"
            r"(?:review|appeal|complaints?) panel\b|\b(?:escalat|progress|pass)\w* (?:[\w’']+ ){0,4}?to "
            r"stage (?:two|three|2|3)\b|\b(?:will|to|should|must|and|,) (?:then |now |promptly |properly"
            r" )?decide\b[^.]{0,60}?\bwhether\b"
            r"|\b(?:carr(?:y|ies|ied|ying) out|complet\w*|undert\w*|conduct\w*) (?:a |an )?(?:\w+ )?"
            r"review of\b|\b(?:hold|held|holding|carr(?:y|ies|ied|ying) out|complet\w*|arrang\w*"
            r"|undert\w*|conduct\w*) (?:a |an |the |his |her |their |[A-Z]\w*[’']s )?"
            r"(?:(?!and\b)[\w’'-]+ ){0,3}?review\b(?! of (?:its|how|the way|their))"
            # "tell Mr N in writing whether it considers there is a nuisance": a fresh decision
            r"|\b(?:tell|inform|let) (?:him|her|them|(?:Mr|Mrs|Ms|Miss|Dr|Mx)\b[\w ]{0,20}?) "
            r"(?:\w+ ){0,3}?whether (?:it|the Council) (?:considers|decides|thinks|finds)\b",
            re.IGNORECASE,
        ),
    ),
    (
        OTHER,
        re.compile(
            r"\bwaiv\w*|\bwrit\w* off|\bwritten off|\bcancel\w*"
            r"|\bwithdraw\w* (?:the |its |a )?(?:\S+ ){0,2}?(?:charges?|penalt\w*|notices?|PCN"
            r"|invoices?|bills?|demands?|debts?|fines?)\b|\b(?:update|correct|amend)\w* "
            r"(?:its |the |his |her |their )?(?:\w+ )?(?:records?|file|account|register)"
            r"|\b(?:complete|finish|carry out|make) (?:the |a |any )?(?:\w+ )?(?:repairs?|works?"
            r"|adaptations)|\bamend \S+ (?:assessment|plan|record) to (?:remove|correct)"
            r"|\bput (?:\w+ ){1,3}?back on (?:the|its|their) (?:\w+ ){0,3}?(?:list|register|round)"
            r"|\breinstat\w*"
            r"|\barrange (?:a|an) (?:meeting|visit)|\bmeet (?:with )?(?:Mr|Mrs|Ms|Miss)\b"
            r"|\bremove\w* (?:the |any )?(?:\w+ ){0,2}?(?:charge|debt|penalty|marker|entry|note)"
            r"|\bprovide (?:him|her|them|Mr|Mrs|Ms|Miss)\b(?! (?:\w+ )?with (?:\w+ ){0,2}apolog)"
            r"|\b(?:place|put) (?:him|her|them|Mr|Mrs|Ms|Miss)\b.{0,20} (?:band|list|register)"
            r"|\bbackdat(?:e|es|ing)\b|\b(?:has|have|had|was|were|be|been) backdated\b"
            r"|\bbackdated (?:the|his|her|their|its|it)\b"
            r"|\boffer (?:\w+ ){1,3}?(?:another|a new|an alternative|the choice)\b(?! (?:\w+ ){0,3}?"
            r"(?:appeal|review|assessment|hearing|decision|panel))"
            r"|\b(?:send|give) (?:him|her|them|Mr|Mrs|Ms|Miss|Dr|Mx|the complainant)\b (?:\w+ ){0,3}?"
            r"(?:a )?(?:written|copy|summary|the outcome|details|information|explanation)"
            r"|\barrang\w* (?:for )?(?:\w+ ){0,3}?(?:works?|repairs?|meeting|visit|inspection"
            r"|collections?|transport|installation|accommodation|placement|respite|tuition|therapy"
            r"|short breaks|care|support)\b(?! assessment)|\b(?:complet|finish|carr(?:y|ies|ied|ying) out"
            r"|undert)\w* (?:\w+ ){0,3}?(?:repairs?|works?|adaptations?|installation)\b"
            r"|\b(?:update|correct|amend|rectif)\w* (?:(?!how\b|the way\b)[\w’']+ ){0,3}?(?:records?"
            r"|files?|account"
            r"|register|database|reports?)\b|\b(?:add|put|restor|return)\w* (?:[\w’']+ ){1,3}?back "
            r"(?:on|onto|to) (?:the|its|their) (?:\w+ ){0,3}?(?:list|register|round|scheme|rota|route)"
            r"|\binstall(?:s|ed|ing)?\b|\b(?:add|restor)\w* (?:[\w’']+ ){1,3}?(?:to|on|onto) "
            r"(?:the|its|their) (?:\w+ ){0,3}?(?:list|register|round|scheme|band)\b"
            r"|\barrang\w* for (?:the |its |a |an )?(?:\w+ ){1,3}?to\b(?! (?:apologi|review|reconsider"
            r"|reassess|investigat|consider|be (?:reviewed|reconsidered|investigated)))"
            r"|\b(?:collect|fix|repair|mend)\w* (?:the|his|her|their|its|any)\b"
            r"|\bconfirm (?:in writing )?(?:to (?:him|her|them) )?(?:that|whether)\b"
            r"|\bnot (?:seek|try|attempt) to (?:recover|reclaim|collect|pursue)\b|\bapproach\w* (?:the|a) "
            r"(?:\w+ ){0,3}?(?:owner|landlord|neighbour|developer|provider)\b|\b(?:approv|issu)\w* (?:the "
            r"|its )?(?:\w+ ){0,2}?grant(?: approval)?\b|\binstruct\w* (?:the|a) (?:contractor|builder"
            r"|surveyor)\b|\bcorrect\w* (?:[\w’']+ ){0,3}?(?:date|details|address|entry|band|banding)\b"
            r"|\bwrite (?:back )?to (?:him|her|them|Mr|Mrs|Ms|Miss|Dr|Mx)\b[^.]{0,40}?\bto "
            r"(?:explain|confirm|set out|tell|let)\b"
            r"|\b(?:monitor|check)\w* (?:and record )?(?:each of |all of |every one of )?(?:his|her"
            r"|their|(?:Mr|Mrs|Ms|Miss|Dr|Mx) [A-Z]\w*[’']s)\b|\badd\w* (?:a |an )?(?:\w+ )?(?:note"
            r"|flag|marker|alert|warning) (?:to|on)\b|\b(?:sen[dt]s?|sending|deliver\w*|issued) (?:him|her"
            r"|them|(?:Mr|Mrs|Ms|Miss|Dr|Mx) [A-Z]\w*) (?:a |an |the |his |her |their )?(?:new "
            r"|replacement |missing )?"
            r"(?:\w+ )?(?:box|bin|bag|sacks?|badge|permit|card|pass|equipment|caddy|container)(?:e?s)?\b",
            re.IGNORECASE,
        ),
    ),
)
AS_A_REMEDY = Gated(
    re.compile(
        r"\bremed\w*|put (?:things|this|it|matters) right|\b(?:suitable|appropriate|proportionate"
        r"|sufficient)\s+(?:[\w-]+\s+){0,2}?(?:remedy|remedies|response|action|actions|steps?"
        r"|payment|apology|way|outcome|resolution)\b|\b(?:is|was|are|were|be) (?:\w+ )?(?:suitable"
        r"|appropriate|proportionate|sufficient|enough)(?=[.,;]|\s*$|\s+and\b)",
        re.IGNORECASE,
    ),
    ("remed", "right", "suitable", "appropriate", "proportionate", "sufficient", "enough"),
)
# What might be done, not what was: "better placed to put things right if it finds …".
HYPOTHETICAL = re.compile(
    r"\bif (?:it|the \w+|they) (?:finds?|decides?|agrees?|accepts?)\b|\bfor example\b"
    r"|\bbetter placed\b|\bwould be able\b|\bcould (?:put|consider|look|decide|offer)\b",
    re.IGNORECASE,
)
# Words before what the body "has done" that mean it has not yet: "before it has completed".
NOT_YET = re.compile(
    r"\b(?:before|until|unless|once|when|if)\s+(?:the \w+\s+|it\s+|they\s+)?$", re.I
)
# The remedy agreed adds to what the body had done, which was not enough on its own.
ON_TOP = re.compile(
    r"\b(?:a further|an additional|an extra)\s+(?:[\w-]+\s+){0,2}?(?:£|payment|sum)"
    r"|\bto complete the remedy\b|\bdoes not (?:go far enough|reflect the (?:whole|full))",
    re.IGNORECASE,
)
# A sentence that proposes or records a remedy, outside the remedy sections.
REMEDY_VERB = Gated(
    re.compile(
        r"\b(?:agreed?|agrees|will|should|recommend(?:s|ing|ations?)?|already|has now|have now"
        r"|offered|to remedy|(?:we|I|Ombudsman|has|have|had) (?:\w+ )?recommended"
        r"|suitable remedy|appropriate remedy|to put (?:this|things) right|(?:has|have|had) since)\b"
        r"|\b(?:is|are) to (?:apologi|pay|refund|re|review|remind|train|updat|look again)"
        # The body has done it (present perfect): "has apologised", "has reminded its staff".
        r"|\b(?:has|have) (?:also )?(?:apologi|reconsider|reassess|refund|repaid|reimburs|paid|remind"
        r"|chang|updat|complet|install|added|put|arrang|train|cancel|waiv|written|provid|issu"
        r"|introduc|shar|correct|amend|restor|reinstat|look|fix|collect|repair|recalculat|review"
        r"|ensur|made sure|written|wrote|spoken|sent)"
        r"|\b(?:has|have|had) (?:since |now |also )?(?:asked|instructed|told) (?:its|their)\b",
        re.IGNORECASE,
    ),
    (
        "agree",
        "will",
        "should",
        "recommend",
        "already",
        "now",
        "offer",
        "remed",
        "right",
        "since",
        " is to ",
        " are to ",
        "has ",
        "have ",
        "had ",
    ),  # fmt: skip
)
# Words just before a remedy's wording that refuse it ("will not reconsider", "has refused to
# apologise", "nothing to be gained by reinvestigating"), or make it the Ombudsman's own act
# ("we may reconsider"), which is never the body's remedy.
NEGATED = re.compile(
    r"(?:\bnot|n[’']t|\bnever|\brefus\w*(?: to)?|\bdeclin\w*(?: to)?|\bunwilling to"
    r"|\bnothing (?:[\w’']+\s+){0,3}?by|\bno (?:point|purpose|need|benefit|value) (?:in|to)"
    r"|\b(?:we|the Ombudsman))\s+(?:[\w’']+\s+){0,2}$",
    re.IGNORECASE,
)
# The body has already done something, before or during the investigation: "has since
# apologised", "had already written to …", "has put Ms E back on the list".
DONE = re.compile(
    r"\b(?:has|have|had) (?:now |since |already |also ){0,2}(?:apologi"
    r"|remind|chang|updat|complet|install|added|put|arrang|train|cancel|waiv|written|provid"
    r"|issu|introduc|correct|amend|restor|reinstat|fix|collect|repair|spoken|sent)"
    r"|\b(?:has|have|had) (?:since|already)\b"
    r"|\b(?:has|have|had) (?:since |now |also )?(?:asked|instructed|told) (?:its|their)\b",
    re.IGNORECASE,
)
ALREADY = Gated(
    re.compile(
        r"\balready\b[^.]{0,80}\b(?:apologi\w*|paid|pay|offer\w*|refund\w*|remed\w*|put (?:things|"
        r"this|matters) right|provided|taken|waiv\w*|reassess\w*|reviewed|changed|done enough"
        r"|corrected|amended|updated|cancelled|removed|reinstated|restored|fixed|repaired)"
        r"|(?P<judged>\b(?:offer\w*|provided|paid|apologi\w*)\b[^.]{0,120}\b(?:is|was|are|were|represents?|"
        r"amounts to) (?:a |an )?(?:suitable|appropriate|sufficient|proportionate|reasonable|"
        r"adequate|fair) (?:remedy|response|payment|amount|sum))"
        r"|\b(?:has|had) (?:now )?(?:already )?remedied",
        re.IGNORECASE,
    ),
    ("already", "offer", "provided", "paid", "apologi", "remedied"),  # "already" heads the rest
)
# In a decision that found no fault to remedy (closed, not upheld), what the body has since
# done: "the Council has since apologised", "has now agreed to offer a partial refund".
ALREADY_SINCE = re.compile(
    r"\b(?:has|had) (?:since|now|already) (?:\w+ )?(?:apologi\w*|refunded|repaid|paid|offered"
    r"|agreed to (?:offer|pay|refund|apologi\w*|reconsider|review|make))",
    re.IGNORECASE,
)
# What makes those words not the body's own remedy: the complainant "has already paid"; the
# investigator judging the remedy recommended ("an apology and the action below are a
# proportionate remedy").
PAID_BEFORE_BY_COMPLAINANT = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Mx) [A-Z]\w*|he|she|they|the complainant) (?:has|have|had)\s+$"
)
RECOMMENDING = re.compile(r"\brecommend\w*|\bbelow\b", re.IGNORECASE)
# "These are proportionate steps to put right what went wrong", after what the body has done.
JUDGED_SUITABLE = re.compile(
    r"^(?:(?:we|I) (?:\w+ ){0,2}?(?:consider|think|find|are satisfied|am satisfied) (?:that )?)?"
    r"(?:these|this|that|those|such) (?:[\w’']+ ){0,3}?(?:(?:is|are|was|were|to be) )?(?:a |an )?"
    r"(?:suitable|appropriate|proportionate|sufficient|reasonable|adequate|fair)\b"
    r"(?! (?:for|to)\b)",  # not "it is reasonable for Ms W to appeal"
    re.IGNORECASE,
)

HEADER_KINDS = (
    (re.compile(r"financial|redress|payment|refund|compensat", re.IGNORECASE), PAYMENT),
    (re.compile(r"apolog", re.IGNORECASE), APOLOGY),
    (
        re.compile(r"procedure|policy|training|guidance|service improvement", re.I),
        SERVICE_IMPROVEMENT,
    ),
    (re.compile(r"appeal|review|reconsider|assess|re-?decide", re.IGNORECASE), REASSESSMENT),
)
HEADER_PURPOSES = (
    (
        re.compile(r"distress.*time and trouble|time and trouble.*distress", re.I),
        DISTRESS_TIME_AND_TROUBLE,
    ),
    (re.compile(r"time and trouble", re.IGNORECASE), TIME_AND_TROUBLE),
    (re.compile(r"distress", re.IGNORECASE), DISTRESS),
    (re.compile(r"loss of service|missed|provision", re.IGNORECASE), LOSS_OF_SERVICE),
    (re.compile(r"quantifiable loss|refund|reimburse|costs?", re.IGNORECASE), REFUND),
)
TEXT_PURPOSES = (
    (re.compile(r"\brefund|\breimburs|\brepay", re.IGNORECASE), REFUND),
    (
        re.compile(
            r"\b(?:loss|lost|missed|missing) (?:of )?(?:\w+ ){0,4}?(?:services?|education|provision"
            r"|care|respite|support|tuition|therapy|sessions|visits|breaks|placement|schooling)"
            r"|\b(?:breaks|visits|sessions|care|provision|support|therapy|tuition|education|respite"
            r"|hours|lessons)"
            r" (?:\w+ ){0,2}?(?:missed|lost|did not (?:get|receive|have))"
            r"|\bmiss(?:ed|ing) (?:\w+ ){0,3}?(?:education|provision|care|respite|support|school"
            r"|tuition|visits|service|therapy|sessions)|\blost (?:\w+ ){0,2}?(?:education|provision"
            r"|care|respite|support|tuition|learning|schooling)|did not (?:receive|get|have)"
            r"|(?:was|were|went) without|not (?:provided|received|delivered)|provision (?:he|she|"
            r"they) (?:missed|did not)|out of (?:education|school)"
            r"|\bfailures? to (?:meet|provide|deliver|arrange) (?:[\w’']+ ){0,3}?(?:care|support"
            r"|needs|provision|education|services?)\b"
            # "to reflect the care he should have received"
            r"|\b(?:care|support|provision|education|services?|help|tuition|therapy|respite|visits)"
            r" (?:that )?(?:he|she|they|\w+) (?:should|would|ought to) have (?:received|had|got)\b",
            re.IGNORECASE,
        ),
        LOSS_OF_SERVICE,
    ),
    (
        re.compile(
            r"costs? (?:\w+ ){0,3}?(?:incurred|paid)|underpa\w*|\bcharges?\b|\bfees?\b|overpa\w*|out of "
            r"pocket|expenses|money (?:he|she|they) (?:lost|paid|spent)|financial loss"
            r"|\bloss(?:es)? (?:he|she|they) (?:incurred|suffered)|\bpaid (?:for|towards)"
            r"|\bowe[sd]\b|\b(?:funded|paid for|met the cost of) (?:[\w’']+ ){0,4}?(?:himself|herself"
            r"|themselves)\b|\bown (?:money|savings|pocket|funds)\b|\b(?:earnings|income|wages|pay)"
            r" (?:he|she|they) (?:lost|missed)\b|\blost (?:earnings|income|wages)\b"
            r"|\b(?:allowance|benefits?|payments?|money|income|grant|award|wages|salary) (?:that )?"
            r"(?:he|she|they|\w+) (?:should|would|ought to) have (?:received|had|got|been paid)\b",
            re.IGNORECASE,
        ),
        REFUND,
    ),
)
DISTRESS_WORDS = re.compile(
    r"distress|upset|frustrat|anxiety|anxious|uncertainty|worr|stress|inconvenience|"
    r"disappointment|injustice caused|impact|harm|strain|exhaust|embarrass|humiliat|anguish"
    r"|hurt|fear|disrupt",
    re.IGNORECASE,
)
TIME_AND_TROUBLE_WORDS = re.compile(r"time and trouble|time and effort", re.IGNORECASE)

SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(“\"‘'-•])|\n+")


def pounds(amount: Decimal) -> str:
    """An amount as the decisions write it: "£1,250", or "£1,250.50" with pence."""
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def extract_remedies(
    extra: dict[str, str], summary: str, sections: list[tuple[str, str]], *, fault_found: bool
) -> Remedies:
    """The remedies of one decision. `sections` are (heading, text) pairs of the body.
    Without `fault_found` (not upheld, closed), an apology or a review the text mentions is
    only a remedy where it is put as one ("a suitable remedy")."""
    remedy_sections = [t for h, t in sections if h and REMEDY_SECTION.search(h)]
    weighing = [
        t
        for h, t in sections
        if not (h and REMEDY_SECTION.search(h)) and not GENERAL_SECTION.search(h or "")
    ]
    tiers = [_sentences(remedy_sections), _sentences([summary]), _sentences(weighing)]
    payments, later = [], []
    for index, tier in enumerate(tiers):
        if payments := _payments(tier):
            later = tiers[index + 1 :]
            break
    put_right_before = any(_already_remedied(tier) for tier in tiers) or (
        not fault_found and any(ALREADY_SINCE.search(s) for tier in tiers for s in tier)
    )
    # A remedy that adds to the body's own is not one the body had already given, though what
    # the body did is still part of the remedy.
    already = put_right_before and not any(ON_TOP.search(s) for tier in tiers for s in tier)
    # Nor is it where the agreed action still pays money the body had not: what it did was
    # only part of the remedy.
    already = already and not (fault_found and any(STILL_TO_PAY.search(s) for s in tiers[0]))
    # Where the body had already put things right, the facts say how: "In its stage two
    # response it apologised, put her back on the list and paid her £100. It also reminded
    # staff …".
    put_right = (
        [
            s
            for tier in tiers[1:]
            for previous, s in zip(["", *tier], tier, strict=False)
            if BODY_PUT_RIGHT.search(s) or (BODY_PUT_RIGHT.search(previous) and GOES_ON.match(s))
        ]
        if put_right_before
        else []
    )
    done = [s for tier in later for s in tier if ALREADY_PAID.search(s)]
    payments += _payments_already_made(payments, done + [s for s in put_right if s not in done])
    payments = _with_purposes_stated_elsewhere(payments, tiers)
    proposing = tiers[0] + [s for tier in tiers[1:] for s in tier if REMEDY_VERB.search(s)]
    put_as_remedy = _put_as_remedy(tiers[1:])
    if fault_found:
        proposing += [s for tier in tiers[1:] for s in tier if s in put_as_remedy]
    else:
        # What the body had already done itself is a remedy even where no fault is found.
        proposing = tiers[0] + [
            s for tier in tiers[1:] for s in tier if s in put_as_remedy or _done(s)
        ]
    kinds = _kinds(proposing + put_right)
    proposing = [s for s in proposing if not _wish(s)]
    # A payment the remedy sections name without an amount ("reimburse Mrs H the cost of
    # taking him to school"), or a "suitable sum" anywhere.
    unpriced = [
        s
        for s in tiers[0]
        if UNPRICED_PAYMENT.search(s) and "£" not in s and not TO_OTHERS.search(s)
    ]
    unpriced = [s for s in unpriced if not _wish(s)][:1]
    if unpriced:
        payments = [*payments, Remedy(PAYMENT, None, _purpose(unpriced[0], unpriced[0]))]
    elif not payments:
        payments = _payments_without_amounts([s for s in proposing if "£" not in s])
    header = _header_remedies(extra)
    if header is not None:
        kinds, header_purpose = header
        if PAYMENT in kinds:
            kinds.discard(PAYMENT)
            payments = payments or [Remedy(PAYMENT)]
            payments = [
                p if p.purpose else Remedy(PAYMENT, p.amount, header_purpose) for p in payments
            ]
        else:
            payments = []
    others = [Remedy(kind) for kind in KINDS if kind in kinds and kind != PAYMENT]
    ordered = [r for r in others if r.kind == APOLOGY] + payments
    ordered += [r for r in others if r.kind != APOLOGY]
    return Remedies(tuple(ordered), already)


# A remedy that waits on the complainant is not agreed: "will reopen the case if she sends new
# evidence".
IF_THE_PERSON = re.compile(
    r"[^.;]{0,40}?\b(?:if|when|once|should) (?:he|she|they|(?:Mr|Mrs|Ms|Miss|Dr|Mx) [A-Z]\w*) "
    r"(?:sends?|provides?|gives?|supplies|asks?|applies|makes?|produces?|brings?)\b",
    re.IGNORECASE,
)
# "has already removed the costs, but it had not refunded the fees": not put right.
# Matched at a position (so no "^": it would mean the string's start).
BUT_NOT = re.compile(r"[^.;]{0,100}?\bbut\b[^.;]{0,30}?\b(?:not|no|never)\b", re.IGNORECASE)


def _kinds(sentences: list[str]) -> set[str]:
    """The kinds of remedy these sentences state: a wording counts unless the words just
    before it refuse it ("will not reconsider"), or it comes after what someone asked for or
    wanted ("Ms X asked the Council to apologise"; not "will reconsider … and ask him for …")."""
    kinds: set[str] = set()
    for sentence in sentences:
        wanted = _wish(sentence)
        limit = wanted.start() if wanted else len(sentence)
        for kind, wording in KIND_WORDINGS:
            if kind in kinds:
                continue
            for match in wording.finditer(sentence, 0, limit):
                start = match.start()
                if not NEGATED.search(sentence, max(0, start - 40), start) and not (
                    IF_THE_PERSON.match(sentence, match.end())
                ):
                    kinds.add(kind)
                    break
    return kinds


def _already_remedied(sentences: list[str]) -> bool:
    """Whether these sentences say the body had already put things right itself."""
    before = ["", "", *sentences]
    for earlier, previous, sentence in zip(before, before[1:], sentences, strict=False):
        for match in ALREADY.finditer(sentence):
            if match.group("judged") and RECOMMENDING.search(sentence):
                continue
            if BUT_NOT.match(sentence, match.start()):
                continue
            start = match.start()
            if not PAID_BEFORE_BY_COMPLAINANT.search(sentence, max(0, start - 40), start):
                return True
        if JUDGED_SUITABLE.search(sentence) and any(
            _done(s) or BODY_PUT_RIGHT.search(s) for s in (previous, earlier)
        ):
            return True
    return False


def _put_as_remedy(tiers: list[list[str]]) -> set[str]:
    """The sentences that, or whose next sentence, put what they say as a remedy ("The Council
    had apologised. That is a suitable remedy."), unless only as what might be done."""
    found = set()
    for tier in tiers:
        judged = [AS_A_REMEDY.search(sentence) is not None for sentence in tier]
        for index, sentence in enumerate(tier):
            if (judged[index] or judged[index + 1 : index + 2] == [True]) and not (
                HYPOTHETICAL.search(sentence)
            ):
                found.add(sentence)
    return found


def _done(sentence: str) -> bool:
    """Whether the sentence says the body has done something, not that it has yet to."""
    return any(
        not NOT_YET.search(sentence, max(0, m.start() - 25), m.start())
        for m in DONE.finditer(sentence)
    )


def _wish(sentence: str, end: int | None = None) -> re.Match | None:
    """Where the sentence turns to what someone wanted or asked for ("Ms X asked the Council to
    apologise"), before `end`; None if it does not. The body asking its own staff or suppliers,
    or the Ombudsman asking the body ("We asked the Council to pay £500"), is no wish."""
    for match in WANTED.finditer(sentence, 0, len(sentence) if end is None else end):
        start = match.start()
        if BODY_ASKS.match(sentence, match.end()):
            continue
        if OMBUDSMAN_ASKS.search(sentence, max(0, start - 30), start):
            continue
        if BODY_WILL_ASK.search(sentence, max(0, start - 30), start):
            continue
        return match
    return None


def _payments_without_amounts(sentences: list[str]) -> list[Remedy]:
    """Payments stated without a figure ("make a symbolic payment", "issue a refund", "a
    suitable sum"): one for each purpose they are given."""
    found: dict[str, Remedy] = {}
    for sentence in sentences:
        if _wish(sentence):
            continue
        for match in PAYMENT_WITHOUT_AMOUNT.finditer(sentence):
            if REFUNDING.search(match.group()):
                purpose = REFUND
            else:
                purpose = _purpose(sentence[: match.start()][-40:], sentence[match.end() :])
            found.setdefault(purpose, Remedy(PAYMENT, None, purpose))
    return list(found.values())


def _sentences(texts: list[str]) -> list[str]:
    return [s.strip() for text in texts for s in SENTENCE_END.split(text) if s.strip()]


def _payments(sentences: list[str]) -> list[Remedy]:
    """The payments these sentences state, each amount once, totals of a breakdown left out."""
    found: list[tuple[Decimal, str]] = []
    times: dict[Decimal, int] = {}  # the most times an amount is paid in one sentence
    broken_down: set[Decimal] = set()  # totals whose parts are kept instead
    previous: list[tuple[int, Decimal, str]] = []  # the payments of the sentence before
    for sentence in sentences:
        amounts = _amounts(sentence)
        if not amounts and previous and PURPOSE_FOLLOWS.match(sentence):
            purpose = _purpose("", sentence)
            for index in range(len(found) - len(previous), len(found)):
                amount, stated = found[index]
                found[index] = (amount, stated or purpose)
        if not amounts or _wish(sentence, amounts[0].start()):
            previous = []
            continue
        breakdown = BREAKDOWN.search(sentence)
        paying = PAY.search(sentence) is not None
        # A line of a breakdown under "pay Mr X £450 made up of:" has no verb of its own,
        # nor has "This is made up of £300 … and £150 …" after "pay Ms X £450".
        listed = not paying and re.match(r"^[-•\s]*(?:a )?£", sentence) is not None
        if not (paying or listed or (breakdown and previous)):
            previous = []
            continue
        here = [
            (match.start(), *paid)
            for index, match in enumerate(amounts)
            if (paid := _paid(sentence, amounts, index))
        ]
        if breakdown:
            here = _breakdown(here, breakdown.start(), previous, broken_down)
        here, twice = _shared_purposes(sentence, amounts, here)
        for amount in twice:
            times[amount] = max(times.get(amount, 1), twice[amount] + 1)
        found += [(amount, purpose) for _, amount, purpose in here]
        previous = here
    # The same payment is often stated twice (in the summary and the agreed action): once each,
    # unless one sentence pays it twice ("£300 to Mr A and £300 to Mrs A").
    first: dict[Decimal, str] = {}
    for amount, purpose in found:
        if amount not in broken_down and not first.get(amount):
            first[amount] = purpose
    parts = _without_totals(list(first))
    return [
        Remedy(PAYMENT, amount, purpose)
        for amount, purpose in first.items()
        if amount in parts
        for _ in range(times.get(amount, 1))
    ]


def _shared_purposes(
    sentence: str, amounts: list[re.Match], here: list[tuple[int, Decimal, str]]
) -> tuple[list[tuple[int, Decimal, str]], Counter]:
    """An amount with no purpose of its own takes the purpose of the next one when only a
    payee and "and" stand between them: "£300 to Mr A and £300 to Mrs A for their distress".
    Also counts the amounts paid again to a second payee that way (two payments, not one)."""
    ends = {match.start(): match.end() for match in amounts}
    shared = list(here)
    twice: Counter = Counter()
    for index in range(len(shared) - 2, -1, -1):
        start, amount, purpose = shared[index]
        following = shared[index + 1]
        between = sentence[ends[start] : following[0]]
        if not SHARED_PURPOSE.fullmatch(between):
            continue
        if not purpose and following[2]:
            shared[index] = (start, amount, following[2])
        if amount == following[1] and PAYEE.search(between):
            twice[amount] += 1
    return shared, twice


def _payments_already_made(payments: list[Remedy], done: list[str]) -> list[Remedy]:
    """Money the body had already paid or refunded, stated outside the sections the agreed
    payments came from ("It has since refunded the £45"): amounts not already counted, nor
    a total of those."""
    if not done:
        return []
    counted = {p.amount for p in payments}
    total = sum(counted, Decimal(0))
    return [p for p in _payments(done) if p.amount not in counted and p.amount != total]


def _paid(sentence: str, amounts: list[re.Match], index: int) -> tuple[Decimal, str] | None:
    """The amount at `index` and its purpose, if the sentence pays it to the person; None for
    a charge, a sum the complainant paid, or one waived, cancelled or reduced in its clause."""
    match = amounts[index]
    before = sentence[amounts[index - 1].end() if index else 0 : match.start()][-50:]
    charge = NOT_PAID.search(before)
    if (
        charge
        and not PAY.search(before[-25:])
        and not GIVING.search(before, charge.start())
        and not OVERPAID.search(before)
    ):
        return None
    if _governs(PAID_BY_COMPLAINANT, before) or _governs(WAIVED, before):
        return None
    if ASIDE.search(before):
        return _amount(match), ""  # what the sentence goes on to say is for the other amount
    following = index + 1
    while following < len(amounts) and ASIDE.search(
        sentence, amounts[following - 1].end(), amounts[following].start()
    ):
        following += 1
    end = amounts[following].start() if following < len(amounts) else None
    after = sentence[match.end() : end]
    if CHARGE_AFTER.match(after) and not REFUNDING.search(before):
        return None
    if RATE_AFTER.match(after) and index + 1 < len(amounts):
        return None  # the total given later is the payment
    if REFUSED_AFTER.match(after):
        return None
    purpose = _purpose(before[-40:], after)
    if not purpose and (lead := PURPOSE_FIRST.match(sentence)) and lead.end() <= match.start():
        purpose = _purpose("", lead.group())
    if not purpose and (TOTAL_OF.search(before) or TOTAL_AFTER.match(after)):
        # "£300 a month for the five months of therapy he missed, a total of £1,500": what it
        # totals says what it is for.
        start = amounts[index - 1].end() if index else 0
        purpose = _purpose("", sentence[max(start, match.start() - 200) : match.start()])
    return _amount(match), purpose


def _governs(pattern: re.Pattern, before: str) -> bool:
    """Whether the last words `pattern` finds before an amount still apply to it: no verb of
    paying or giving back comes between them ("cancel the charge and pay him £100": no)."""
    matches = list(pattern.finditer(before))
    return bool(matches) and not GIVING.search(before, matches[-1].end())


def _breakdown(
    here: list[tuple[int, Decimal, str]],
    at: int,
    previous: list[tuple[int, Decimal, str]],
    broken_down: set[Decimal],
) -> list[tuple[int, Decimal, str]]:
    """A sentence's payments where it breaks a total down at `at`: the total is the amount
    just before, in this sentence or the one before. Parts that add up to it replace it
    (added to `broken_down`); parts that do not are dropped and the total kept."""
    ahead = [p for p in here if p[0] < at]
    parts = [p for p in here if p[0] > at]
    total = (ahead or previous or [None])[-1]
    if total is None or not parts:
        return here
    if sum(amount for _, amount, _ in parts) == total[1]:
        if len(parts) > 1:
            broken_down.add(total[1])
        return here
    return ahead


def _with_purposes_stated_elsewhere(payments: list[Remedy], tiers: list[list[str]]) -> list[Remedy]:
    """A payment stated without its purpose ("paid Mr H £300") takes the purpose another
    part of the decision gives the same amount ("paid Mr H £300 for the distress caused")."""
    if all(p.purpose for p in payments):
        return payments
    stated = {}
    for tier in tiers:
        for found in _payments(tier):
            if found.purpose:
                stated.setdefault(found.amount, found.purpose)
    return [
        p if p.purpose or p.amount not in stated else Remedy(PAYMENT, p.amount, stated[p.amount])
        for p in payments
    ]


def _amounts(sentence: str) -> list[re.Match]:
    """The amounts of `sentence` that are not in thousands or millions. What follows a match
    decides for every shorter match of the same digits too, so one look is enough; "£1.50k"
    gives "£1", as the pounds alone are followed by "." rather than a multiplier."""
    found = []
    for match in AMOUNT.finditer(sentence):
        if not SCALED.match(sentence, match.end()):
            found.append(match)
        elif match.group(2):
            found.append(AMOUNT_WITHOUT_PENCE.match(sentence, match.start()))
    return found


def _amount(match: re.Match) -> Decimal:
    pounds = match.group(1).replace(",", "")
    return Decimal(f"{pounds}.{match.group(2)}") if match.group(2) else Decimal(pounds)


def _without_totals(amounts: list[Decimal]) -> set[Decimal]:
    """The amounts, less any that is the sum of two or more amounts next to it (a total
    stated before or after its breakdown)."""
    totals = set()
    for i, amount in enumerate(amounts):
        # Indices, not slices: a slice per amount copies the list each time (quadratic).
        for run in (range(i + 1, len(amounts)), range(i - 1, -1, -1)):
            running = Decimal(0)
            for count, j in enumerate(run, start=1):
                running += amounts[j]
                if count >= 2 and running == amount:
                    totals.add(i)
                if running >= amount:
                    break
    return {amount for i, amount in enumerate(amounts) if i not in totals}


def _purpose(before: str, after: str) -> str:
    """What a payment is for: "refund" if its own clause refunds it, else the first purpose
    the words after its amount name (both distress and time and trouble, if both)."""
    clause = re.split(r"\band\s+(?=(?:to |will |should |also |review|apologi|remind))|;", after)[0]
    lead = re.split(r"\band\b|[,;:]", before)[-1]
    if REFUNDING.search(lead) or OVERPAID.search(lead):
        return REFUND
    distress = DISTRESS_WORDS.search(clause) is not None
    trouble = TIME_AND_TROUBLE_WORDS.search(clause) is not None
    if distress and trouble:
        return DISTRESS_TIME_AND_TROUBLE
    if trouble:
        return TIME_AND_TROUBLE
    cues = [
        (match.start(), purpose)
        for pattern, purpose in ((DISTRESS_WORDS, DISTRESS), *TEXT_PURPOSES)
        if (match := pattern.search(clause))
    ]
    return min(cues)[1] if cues else ""


def _header_remedies(extra: dict[str, str]) -> tuple[set[str], str] | None:
    """The kinds a `Remedy :` header field lists, and what a payment it lists is for."""
    value = next((v for name, v in extra.items() if name.lower() == "remedy"), None)
    if value is None:
        return None
    kinds, purpose = set(), ""
    for entry in re.split(r"[;\n]", value):
        if not entry.strip():
            continue
        kind = next((k for pattern, k in HEADER_KINDS if pattern.search(entry)), OTHER)
        kinds.add(kind)
        if kind == PAYMENT and not purpose:
            purpose = next((p for pattern, p in HEADER_PURPOSES if pattern.search(entry)), "")
    return kinds, purpose
