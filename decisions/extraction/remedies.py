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
from dataclasses import dataclass
from decimal import Decimal

from decisions.extraction.payments import (
    DISTRESS,
    DISTRESS_TIME_AND_TROUBLE,
    LOSS_OF_SERVICE,
    PROVIDER_PAID,
    PURPOSES,
    REFUND,
    TIME_AND_TROUBLE,
    TO_OTHERS,
    UNPRICED_PAYMENT,
    Payment,
    payments_already_made,
    payments_without_amounts,
    pounds,
    purpose_of,
    read_payments,
    with_pound_signs,
    with_purposes_stated_elsewhere,
)
from decisions.extraction.prefilter import Prefiltered
from decisions.extraction.wording import Gated, sentences, wish

__all__ = ["KINDS", "PURPOSES", "REFUND", "Remedies", "Remedy", "extract_remedies", "pounds"]

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
    r"agreed action|recommend(?:ation|ed action)|^actions?\b|remed|what should happen"
    r"|steps? (?:the \w+ )?(?:has |have )?agreed|put(?:ting)? (?:things|it)"
    r" right|what (?:the Council|it) (?:has agreed|will|should) do",
    re.IGNORECASE,
)
GENERAL_SECTION = re.compile(
    r"role and powers|\blaw\b|legal|background|guidance|the complaint$|how I considered"
    r"|what I have (?:and have not )?investigated|key to names|parts of the complaint",
    re.IGNORECASE,
)
# The body has paid: "has since refunded", "had already paid". Seldom found: its RE2 form is
# asked of a decision's sentences at once (search_each), as is that of ALREADY_SINCE.
ALREADY_PAID = Prefiltered(
    re.compile(
        r"\b(?:(?:has|have) (?:now |since |already |also )?|had (?:now |since |already ))"
        r"(?:[\w’',]+ ){0,8}?(?:refunded|repaid|reimbursed|paid|returned)\b",
        re.IGNORECASE,
    )
)
# The body's reply to the complaint, and the words before what it did.
_REPLY = r"(?:its|the (?:\w+ )?Council[’']s) (?:[\w-]+ ){0,3}?(?:response|reply|letter)"
_THEN = r"\s+(?:[\w’',-]+\s+){0,12}?"
# The body's own remedy in the facts: "Its stage one response apologised … and refunded £120".
BODY_PUT_RIGHT = re.compile(
    rf"\b(?:it|the (?:\w+ )?Council|{_REPLY}){_THEN}(?:apologised|refunded|repaid|reimbursed"
    r"|paid|(?:asked|instructed|told) (?:the|its) \w+ to (?:refund|repay|reimburse|pay))\b",
    re.IGNORECASE,
)
# The same in the body's reply to the complaint, the one place the facts tell of a payment
# made to put things right: "The Council's response in March accepted the error and paid …".
RESPONSE_PUT_RIGHT = re.compile(
    rf"\b{_REPLY}{_THEN}(?:apologised|refunded|repaid|reimbursed|paid)\b", re.IGNORECASE
)
STILL_TO_PAY = re.compile(
    r"(?:\b(?:will|to|should|must)\s+(?:\w+\s+){0,2}?|^[-•\s]*)pay\b[^.;]{0,40}?£", re.I
)
# A sentence that goes on with what the body did: "It also reminded staff …".
GOES_ON = re.compile(r"(?:It|The (?:\w+ )?Council|They) (?:has |had |have )?also\b")
KIND_PATTERNS = (
    (
        APOLOGY,
        re.compile(
            r"\bapologi[sz]\w*|\bapology|\bapologies|\bsay(?:s|ing)? sorry"
            r"|\bexpress\w* (?:its |their |our )?(?:sincere |deep )?regret"
            r"|\btell (?:him|her|them|(?:Mr|Mrs|Ms|Miss|Dr|Mx) [A-Z]\w*) (?:that )?it is sorry",
            re.IGNORECASE,
        ),
    ),
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
            r"|check (?:whether|if) (?:it|they|the Council) (?:has|have) (?:\w+ ){1,3}?(?:any )?other"
            r" (?:people|residents|families"
            r"|service users|tenants|customers|applicants|children|pupils)"
            r"|\bbriefing (?:notes?|sessions?|papers?)\b"
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
            r"\bwaiv\w*|\bremit(?:s|ted|ting)?\b|\bwrit\w* off|\bwritten off|\bcancel\w*"
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
            r"(?:a )?(?:written|copy|summary|the outcome|details|information|explanation)\b"
            r"(?!(?: [\w’']+){0,3}? apolog)"  # "send Mr V a written apology" is the apology
            r"|\barrang\w* (?:for )?(?:\w+ ){0,3}?(?:works?|repairs?|meeting|visit|inspection"
            r"|collections?|transport|installation|accommodation|placement|respite|tuition|therapy"
            r"|short breaks|care|support)\b(?! assessment| staff| workers?| team)|\b(?:complet|finish|carr(?:y|ies|ied|ying) out"
            r"|undert)\w* (?:\w+ ){0,3}?(?:repairs?|works?|adaptations?|installation)\b"
            r"|\b(?:update|correct|amend|rectif)\w* (?:(?!how\b|the way\b)[\w’']+ ){0,3}?(?:records?"
            r"|files?|account"
            r"|register|database|reports?)\b|\b(?:add|put|restor|return)\w* (?:[\w’']+ ){1,3}?back "
            r"(?:on|onto|to) (?:the|its|their) (?:\w+ ){0,3}?(?:list|register|round|scheme|rota|route)"
            r"|\binstall(?:s|ed|ing)?\b|\b(?:add|restor)\w* (?:[\w’']+ ){1,3}?(?:to|on|onto) "
            r"(?:the|its|their) (?:\w+ ){0,3}?(?:list|register|round|scheme|band)\b"
            r"|\barrang\w* for (?:the |its |a |an )?(?:\w+ ){1,3}?to\b(?! (?:apologi|review|reconsider"
            r"|reassess|investigat|consider|be (?:reviewed|reconsidered|investigated)"
            # staff arranged to be trained or reminded: the training is the service improvement
            r"|(?:receive|attend|undergo|complete|have|do|take|be given) (?:[\w-]+ ){0,3}?"
            r"(?:training|briefings?|guidance)\b|be (?:re)?trained|be reminded))"
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
# Most sentences state no remedy, and Python's `re` tries each of these patterns' many
# branches at every position to find that out; their RE2 form rules them out first.
KIND_WORDINGS = tuple((kind, Prefiltered(pattern)) for kind, pattern in KIND_PATTERNS)
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
    r"|\bto complete the remedy\b|\bdoes not (?:go far enough|reflect the (?:whole|full))"
    r"|\b(?:in addition to|as well as|on top of) (?:the |its )?(?:\w+ ){0,2}?(?:action|steps|remedy"
    r"|apology|payment)s? (?:it|the Council) (?:has|had) already",
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
# apologised", "had already written to …", "has put Ms E back on the list". Every match
# starts "has ", "have " or "had " in some case: "haſ " is "has " with the long s, which
# IGNORECASE lets stand for "s" and whose lower case is itself.
DONE = Gated(
    re.compile(
        r"\b(?:has|have|had) (?:now |since |already |also ){0,2}(?:apologi"
        r"|remind|chang|updat|complet|install|added|put|arrang|train|cancel|waiv|written|provid"
        r"|issu|introduc|correct|amend|restor|reinstat|fix|collect|repair|spoken|sent)"
        r"|\b(?:has|have|had) (?:since|already)\b"
        r"|\b(?:has|have|had) (?:since |now |also )?(?:asked|instructed|told) (?:its|their)\b",
        re.IGNORECASE,
    ),
    ("has ", "haſ ", "have ", "had "),
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
ALREADY_SINCE = Prefiltered(
    re.compile(
        r"\b(?:has|had) (?:since|now|already) (?:[\w,]+ ){0,3}?(?:apologi\w*|refunded|repaid|paid"
        r"|offered|cancelled|withdrawn|waived|credited"
        r"|agreed to (?:offer|pay|refund|apologi\w*|reconsider|review|make))",
        re.IGNORECASE,
    )
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
    tiers = [_sentences(texts) for texts in (remedy_sections, [summary], weighing)]
    payments: list[Payment] = []
    later: list[list[str]] = []
    # With no fault found, the facts' money ("The Council paid £450 a week to the care home")
    # is no remedy: only what the body has done to put things right, or what is put as one.
    # Judged once, tier by tier: the weighing tier's for the payments here, both for the kinds.
    weighing_as_remedy = _put_as_remedy([tiers[2]])
    put_as_remedy = _put_as_remedy([tiers[1]]) | weighing_as_remedy
    for index, tier in enumerate(tiers):
        if payments := read_payments(_payable(index, tier, fault_found, put_as_remedy)):
            later = tiers[index + 1 :]
            if index == 1 and not remedy_sections:
                # No section of remedies: the summary may name only part of what the body
                # agreed ("refund £310"), the sections weighing the case the rest ("refund
                # the £310 and pay her £100"). Read together, each amount is counted once and
                # a total with its parts is left out.
                weighing_payable = _payable(2, tiers[2], fault_found, put_as_remedy)
                payments = read_payments(tier + weighing_payable) or payments
                later = []
            break
    put_right_before = any(_already_remedied(tier) for tier in tiers) or (
        not fault_found and any(ALREADY_SINCE.search_each([s for tier in tiers for s in tier]))
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
    later_sentences = [s for tier in later for s in tier]
    done = [
        s
        for s, paid in zip(later_sentences, ALREADY_PAID.search_each(later_sentences), strict=True)
        if paid
    ]
    facts = [s for s in put_right if s not in done]
    payments += payments_already_made(payments, done, facts)
    payments = with_purposes_stated_elsewhere(payments, tiers)
    proposing = tiers[0] + [
        s
        for tier in tiers[1:]
        for s, verb in zip(tier, REMEDY_VERB.search_each(tier), strict=True)
        if verb
    ]
    if fault_found:
        proposing += [s for tier in tiers[1:] for s in tier if s in put_as_remedy]
    else:
        # What the body had already done itself is a remedy even where no fault is found.
        weighed = [s for tier in tiers[1:] for s in tier]
        gated = DONE.could_match_each(weighed)
        proposing = tiers[0] + [
            s
            for s, may in zip(weighed, gated, strict=True)
            if s in put_as_remedy or (may and _done(s))
        ]
    kinds = _kinds(proposing + put_right)
    proposing = [s for s in proposing if not wish(s)]
    # A payment the remedy sections name without an amount ("reimburse Mrs H the cost of
    # taking him to school"), or a "suitable sum" anywhere.
    unpriced = [
        s
        for s in tiers[0]
        if UNPRICED_PAYMENT.search(s) and "£" not in s and not TO_OTHERS.search(s)
    ]
    unpriced = [s for s in unpriced if not wish(s)][:1]
    if unpriced:
        payments = [*payments, Payment(None, purpose_of(unpriced[0], unpriced[0]))]
    elif not payments:
        payments = payments_without_amounts([s for s in proposing if "£" not in s])
    header = _header_remedies(extra)
    if header is not None:
        kinds, header_purpose = header
        if PAYMENT in kinds:
            kinds.discard(PAYMENT)
            payments = payments or [Payment()]
            payments = [p if p.purpose else Payment(p.amount, header_purpose) for p in payments]
        else:
            payments = []
    if _header_service_improvement(extra):
        kinds.add(SERVICE_IMPROVEMENT)
    others = [Remedy(kind) for kind in KINDS if kind in kinds and kind != PAYMENT]
    paid = [Remedy(PAYMENT, p.amount, p.purpose) for p in payments]
    ordered = [r for r in others if r.kind == APOLOGY] + paid
    ordered += [r for r in others if r.kind != APOLOGY]
    return Remedies(tuple(ordered), already)


def _sentences(texts: list[str]) -> list[str]:
    """The sentences remedies are read from in these texts: amounts written "250 pounds" or
    "GBP 250" written with "£", and the items of a list parted by semicolons kept together.
    Only the texts read here are rewritten, and only those with a semicolon rejoined."""
    found: list[str] = []
    for text in texts:
        split = sentences([with_pound_signs(text)])
        found += _list_items_joined(split) if ";" in text else split
    return found


def _list_items_joined(split: list[str]) -> list[str]:
    """The sentences, with the items of a list parted by semicolons put back after the words
    that propose them: in "It has agreed to apologise to Mrs Y; pay her £250 for her
    distress; and review its procedures." the payment and the review are agreed too, though
    the sentences split at each semicolon. An item starts in lower case."""
    groups: list[list[str]] = []
    proposing = False
    for sentence in split:
        if proposing and groups[-1][-1].endswith(";") and sentence[:1].islower():
            groups[-1].append(sentence)
            continue
        groups.append([sentence])
        proposing = sentence.endswith(";") and REMEDY_VERB.search(sentence) is not None
    return [" ".join(group) for group in groups]


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
    # Each wording's RE2 form is asked first of the sentences joined, then of each sentence:
    # most find nothing in any, and a sentence none can match needs no look for a wish.
    joined = "\n".join(sentences)
    wordings = [(kind, wording) for kind, wording in KIND_WORDINGS if wording.could_match(joined)]
    several = len(sentences) > 1  # one sentence is what was joined: not asked twice
    for sentence in sentences:
        left = [
            (kind, wording)
            for kind, wording in wordings
            if kind not in kinds and (not several or wording.could_match(sentence))
        ]
        if not left:
            continue
        wanted = wish(sentence)
        limit = wanted.start() if wanted else len(sentence)
        for kind, wording in left:
            # Its RE2 form found something in the sentence: asked again only of a part of it.
            screened = wording if limit < len(sentence) else wording.pattern
            for match in screened.finditer(sentence, 0, limit):
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
    gated = ALREADY.could_match_each(sentences)
    for earlier, previous, sentence, may in zip(before, before[1:], sentences, gated, strict=False):
        for match in ALREADY.pattern.finditer(sentence) if may else ():
            if match.group("judged") and RECOMMENDING.search(sentence):
                continue
            if BUT_NOT.match(sentence, match.start()):
                continue
            if PROVIDER_PAID.match(sentence, match.end()):
                continue  # "had already paid the care home £2,400": for the care, no remedy
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
        judged = [match is not None for match in AS_A_REMEDY.search_each(tier)]
        for index, sentence in enumerate(tier):
            if (judged[index] or judged[index + 1 : index + 2] == [True]) and not (
                HYPOTHETICAL.search(sentence)
            ):
                found.add(sentence)
    return found


def _payable(index: int, tier: list[str], fault_found: bool, put_as_remedy: set[str]) -> list[str]:
    """The sentences of a tier (remedy sections, summary, the sections that weigh the case)
    whose money can be a payment. In the remedy sections, all. Elsewhere, with no fault found,
    only what the body has done or what is put as a remedy: not the facts' money ("The Council
    paid £450 a week to the care home"). With fault found, also what a sentence proposes
    ("will pay") or the body's reply paid. Sentences without an amount are kept as they are:
    one may give the purpose of the payment before it."""
    if index == 0 or (index == 1 and not fault_found):
        return tier

    def payable(sentence: str) -> bool:
        if "£" not in sentence or sentence in put_as_remedy or _done(sentence):
            return True
        return fault_found and bool(
            REMEDY_VERB.search(sentence) or RESPONSE_PUT_RIGHT.search(sentence)
        )

    return [sentence for sentence in tier if payable(sentence)]


def _done(sentence: str) -> bool:
    """Whether the sentence says the body has done something, not that it has yet to."""
    return any(
        not NOT_YET.search(sentence, max(0, m.start() - 25), m.start())
        for m in DONE.finditer(sentence)
    )


REMEDY_FIELDS = ("remedy", "remedies")


def _header_remedies(extra: dict[str, str]) -> tuple[set[str], str] | None:
    """The kinds a `Remedy :` header field lists, and what a payment it lists is for."""
    value = next((v for name, v in extra.items() if name.lower() in REMEDY_FIELDS), None)
    if value is None:
        return None
    kinds, purpose = set(), ""
    # One entry a line, or several on one line parted by ";" or ",".
    for entry in re.split(r"[;,\n]", value):
        if not entry.strip():
            continue
        kind = next((k for pattern, k in HEADER_KINDS if pattern.search(entry)), OTHER)
        kinds.add(kind)
        if kind == PAYMENT and not purpose:
            purpose = next((p for pattern, p in HEADER_PURPOSES if pattern.search(entry)), "")
    return kinds, purpose


# The header's own field for service improvements: "Service improvement : Training".
SERVICE_IMPROVEMENT_FIELDS = ("service improvement", "service improvements")
NONE_STATED = re.compile(r"^\W*(?:none|no|n/?a|nil|not applicable)?\W*$", re.IGNORECASE)


def _header_service_improvement(extra: dict[str, str]) -> bool:
    """Whether a `Service improvement :` header field names one (not "None")."""
    return any(
        name.lower() in SERVICE_IMPROVEMENT_FIELDS and not NONE_STATED.match(value)
        for name, value in extra.items()
    )
