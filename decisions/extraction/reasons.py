"""Why a complaint was not investigated, for decisions closed after initial enquiries.

The reason is read from what the decision says about itself: the summary first (its "This is
because …"), then the closing sections. The "role and powers" and legal sections are left
out: they list every reason the Ombudsman may use, not the one used. Where a decision gives
several, the first it states is kept. Pure Python with no Django import.
"""

from __future__ import annotations

import re

from decisions.classification import outcome_group
from decisions.extraction.prefilter import Prefiltered

PREMATURE = "premature"
OUT_OF_TIME = "out_of_time"
BETTER_PLACED = "better_placed_elsewhere"
NOT_ENOUGH_INJUSTICE = "not_enough_injustice"
UNLIKELY_TO_ACHIEVE = "unlikely_to_achieve_more"
OUT_OF_JURISDICTION = "out_of_jurisdiction"
OTHER = "other"

REASONS = {
    PREMATURE: "Premature: the body had not had a chance to respond",
    OUT_OF_TIME: "Out of time: the complaint was late",
    BETTER_PLACED: "Better placed elsewhere: a court, tribunal or another body",
    NOT_ENOUGH_INJUSTICE: "Not enough injustice",
    UNLIKELY_TO_ACHIEVE: "Unlikely to achieve more",
    OUT_OF_JURISDICTION: "Out of jurisdiction",
    OTHER: "Other reason",
}

_PERSON = r"(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.? [A-Z]"
# Each reason's wordings: those that state it, and those that only suggest it (a court, a
# date, a payment) and are read only where the decision gives its own reason. Checked in this
# order at one position, so a more specific wording ("court proceedings have begun": the law
# bars us) wins over a general one ("court").
WORDINGS: tuple[tuple[str, str, str], ...] = (
    (
        OUT_OF_JURISDICTION,
        r"outside (?:of )?(?:our|the Ombudsman[’']s|my) (?:jurisdiction|remit|powers)"
        r"|not (?:within|in) (?:our|the Ombudsman[’']s) jurisdiction|out of jurisdiction"
        r"|(?:the law|legislation) (?:says|means|prevents|does not allow|bars|stops)"
        r"|(?:we|the Ombudsman) (?:have|has) no (?:power|legal power|jurisdiction)"
        r"|(?:court|legal|possession|care) (?:action|proceedings|case) (?:\w+ ){0,4}?(?:has|have"
        r"|had|is|are|was|were) (?:already |now |still )?(?:begun|started|commenced|ongoing"
        r"|under ?way|in progress|been (?:issued|started|taken|brought|commenced))"
        r"|(?<!could )(?<!would )(?<!should )(?<!might )(?:has|have|had) (?:already |now )?"
        r"(?:started|issued|begun|brought|commenced) (?:court |legal |possession |care )?proceedings"
        r"|(?:is|are|was|were|now) (?:already |currently |now )?before (?:the|a) (?:\w+ )?court"
        r"|(?:has|have) (?:already )?(?:been )?(?:taken|gone|went) to"
        r" court|internal (?:management|running) of (?:a|the) school|personnel (?:matter|issue)"
        r"|employment (?:matter|issue)|commercial (?:matter|transaction|dispute)|all or most (?:of the"
        r" )?(?:people|residents|council tax)|cannot investigate (?:matters|complaints) (?:about"
        r"|concerning|which|that)|not able to investigate (?:matters|complaints) (?:about|which)"
        r"|legal bar|legally (?:prevented|barred|unable)|(?:the )?actions? of (?:a|the) school"
        r"|part of (?:\w+ ){0,2}?(?:court|legal|care|possession) proceedings|(?:ongoing|current"
        r"|existing) (?:court |legal |care |possession )?proceedings|proceedings (?:are|is) (?:still )?"
        r"(?:ongoing|continuing|under ?way)"
        r"|what happens (?:in|at) (?:a |the )?schools?"
        r"|(?:is|are|was|were) (?:now |currently |already )?being (?:considered|dealt with|heard"
        r"|decided) (?:by|in) (?:the|a) (?:\w+ )?court"
        # A court case under way in other words: "care proceedings, which are ongoing", "the
        # family court is considering the matter", "the case has not yet concluded".
        r"|(?:live|pending) (?:court |legal |care |possession )?proceedings|proceedings,? (?:which"
        r"|that) (?:are|is) (?:still )?(?:ongoing|continuing|under ?way|going on)"
        r"|(?:the|a) (?:\w+ )?courts? (?:is|are) (?:now |currently |still |already )?(?:considering"
        r"|dealing with|deciding|hearing|looking at)|\bcourt\b[^.]{0,80}?\b(?:case|proceedings"
        r"|matter) (?:has|have|is|are) not (?:yet )?(?:concluded|finished|ended|been decided)",
        "",
    ),
    (
        PREMATURE,
        r"premature|(?:has|had|have) not (?:yet )?(?:had|been given) (?:a|the|an)"
        r" (?:chance|opportunity)|(?:before|until) (?:it|the (?:Council|care provider|provider))"
        r" has had (?:a|the) chance|not (?:yet )?(?:completed|finished|exhausted|been through|gone"
        r" through|used)(?: all)? (?:the|its|their) (?:council[’']s )?complaints? (?:procedure|process)"
        r"|(?:has|had) not (?:yet )?complained to|should (?:first )?complete the"
        r"|not (?:yet )?given the (?:Council|care provider|provider) (?:a|the|an) (?:chance|opportunity)"
        r"|still (?:considering|looking at|dealing with) (?:the|her|his|their) complaint"
        r"|not (?:yet )?(?:sent|issued|given) (?:its|a|the) final (?:response|reply)"
        r"|should (?:first )?(?:put|take|make) (?:his|her|their|the|this) complaint to"
        r"|(?:first )?be given (?:a|the|an) (?:chance|opportunity)|too (?:early|soon) for"
        r" (?:us|me|the Ombudsman)|expect (?:\w+ ){1,2}?to (?:complain|go) to (?:the|a) (?:\w+ )?"
        r"(?:council|body|provider|school|organisation) first|(?:let|allow) the (?:Council"
        r"|care provider|provider|body|school|organisation) (?:to )?(?:consider|respond|deal"
        r"|look at|answer|put)",
        "",
    ),
    (
        OUT_OF_TIME,
        r"out of time|too long ago|no good reasons? (?:for|why) (?:the delay|(?:he|she|they|"
        + _PERSON
        + r"[a-z]*) (?:did not|could not have))"
        # "could not have complained to us sooner"
        r"|(?:complained(?: to (?:us|the Ombudsman))?|come to (?:us|the Ombudsman))"
        r" (?:sooner|earlier)"
        r"|12[- ]month (?:time )?limit"
        r"|complain(?:ed|t) (?:too )?late|late complaint|left it too long"
        r"|(?:did not|didn[’']t) (?:complain|come) to us within"
        r"|more than (?:a|one|twelve|12) (?:years?|months) after (?:he|she|they|"
        + _PERSON
        + r"\w*)"
        r" (?:knew|became aware|found out|first)",
        r"\blate\b|more than (?:12|twelve) months|over (?:12|twelve) months",
    ),
    (
        BETTER_PLACED,
        r"better placed|(?:right|option|ability) (?:of|to) (?:appeal|go to|take|ask|apply|complain"
        r" to)|reasonable (?:for|to expect) (?:him|her|them|" + _PERSON + r"[a-z]*)"
        r" to (?:appeal|go to|use|take|ask|apply|complain to|seek|pursue|make a claim|start|issue"
        r"|bring)|(?:appeal|apply|complain) to (?:the|a) (?:tribunal|court|Information Commissioner"
        r"|Secretary of State|Housing Ombudsman|Parliamentary|Valuation|Planning Inspectorate)"
        r"|police (?:are|is|would be) (?:better|the (?:appropriate|right|proper) (?:body|organisation))",
        r"tribunal|\bcourts?\b|Information Commissioner|Housing Ombudsman"
        r"|Parliamentary and Health Service|Secretary of State|legal (?:remedy|action|claim)"
        r"|insurer|another body",
    ),
    (
        NOT_ENOUGH_INJUSTICE,
        r"(?:no|not (?:enough|sufficient|a|any|significant)|insufficient)(?: evidence of)?"
        r"(?: significant| sufficient| serious| enough)?(?: personal| outstanding| remaining"
        r"| further| ongoing)? injustice"
        r"|(?:injustice|harm|loss|disadvantage|detriment) (?:\w+ ){0,6}?(?:is|was|would be|has"
        r" been) (?:not (?:significant|serious|sufficient|great|substantial)|only (?:minor|limited"
        r"|small|slight)|minor|limited|small|slight)"
        r"|not (?:caused|suffered|cause) (?:him |her |them |" + _PERSON + r"[a-z]* )?(?:a |any )?"
        r"(?:significant|sufficient|serious)|(?:impact|effect) on (?:him|her|them|"
        + _PERSON
        + r"[a-z]*)(?: \w+){0,4}? (?:is|was|has been|would be) (?:not (?:significant|serious"
        r"|enough|great)|only (?:minor|limited|small|slight)|minor|limited|small|slight)"
        r"|not significantly affected|not (?:been )?(?:personally|significantly) affected"
        r"|not lost out (?:in any (?:significant|real) way|significantly)"
        r"|(?:did|does) not affect (?:him|her|them|"
        + _PERSON
        + r"[a-z]*) (?:enough|significantly)",
        "",
    ),
    (
        UNLIKELY_TO_ACHIEVE,
        r"unlikely (?:we|an investigation|investigation|further investigation|that we|to)"
        r"|(?:would|could|will|can)(?: not|n[’']t) (?:achieve|add|lead to|find|make|result)"
        r"|achieve anything|(?:no|any) (?:worthwhile|meaningful|different) (?:outcome|result)"
        r"|(?:not enough|insufficient|no) evidence of fault|suitable remedy"
        r"|cannot achieve the outcome|nothing (?:more|further) (?:to gain|we could)"
        r"|not (?:be )?proportionate (?:for (?:us|the Ombudsman) )?to (?:investigate|pursue)"
        # what investigating would cost for what it could achieve: "not a good use of public money"
        r"|not (?:be )?(?:a|an) (?:good|proper|appropriate|effective|proportionate) use of"
        r" (?:public (?:money|funds|resources)|(?:our|the Ombudsman[’']s) resources)",
        r"already (?:provided|offered|agreed|taken|put|done|given|paid|apologised|remedied"
        r"|upheld)",
    ),
    (
        OTHER,
        r"capacity to (?:make|bring|pursue) (?:her|his|their) own complaint|(?:does|did) not"
        r" want (?:\w+ ){1,3}?to (?:complain|act)|not (?:a )?suitable (?:person|representative)"
        r"|no (?:consent|authority|permission) to (?:complain|act)|not the (?:person|one) affected"
        r"|asked (?:us )?to withdraw|did not (?:send|give|provide) us"
        r"|(?:cannot|could not|can't) take the complaint (?:forward|further)"
        r"|not (?:given|provided) (?:\w+ )?(?:written )?consent|not consented|without (?:\w+[’']s"
        r" |her |his |their )?(?:written )?consent|not (?:provided|sent|given|supplied|returned)"
        r"(?: us)?(?: with)? (?:the |any |this |that |enough |further |all )?(?:of )?(?:the )?"
        r"(?:information|details|documents)|not (?:replied|responded) to (?:our|my|the"
        r" Ombudsman[’']s) (?:requests?|letters?|enquiries|emails?|questions)"
        r"|not heard (?:back )?from",
        r"has (?:withdrawn|died)",
    ),
)
# Each searched through whole passages, and most find nothing there: their RE2 forms rule
# that out first.
CUES: tuple[tuple[str, Prefiltered], ...] = tuple(
    (
        reason,
        Prefiltered(re.compile(f"{stated}|{suggested}" if suggested else stated, re.IGNORECASE)),
    )
    for reason, stated, suggested in WORDINGS
)
# In the body's other sections only the wordings that state a reason count: there a court, a
# date or a payment is usually a fact of the case, and guessing from it gives a wrong reason.
STATED_CUES: tuple[tuple[str, Prefiltered], ...] = tuple(
    (reason, Prefiltered(re.compile(stated, re.IGNORECASE))) for reason, stated, _ in WORDINGS
)

# What the complaint is about, up to the end of its clause: "complaint about the care her
# late husband received", "complaint that the Council gave a statement to the county court".
# Also without a word between: "Mr D complains the Council refused his request as late".
COMPLAINT_ABOUT = re.compile(
    r"\bcomplain(?:t|ts|ed|s)? (?:about|that|regarding|concerning|over|of)\b[^.,;:()]*"
    r"|\bcomplain(?:s|ed) (?=(?:the|a|an|his|her|their)\b)[^.,;:()]*",
    re.I,
)


def _blank(match: re.Match) -> str:
    """Spaces for the matched text, so what follows keeps its place."""
    return " " * len(match.group())


# The part of the summary that gives the reason, when it says "because".
BECAUSE = re.compile(r"\b(?:because|as|since|due to)\b", re.IGNORECASE)
# The "because" of the sentence that says the decision, before any other: "We will not
# investigate because …", not the "as" or "due to" of the complaint told before it.
DECISION_BECAUSE = re.compile(
    r"\b(?:not|n[’']t|cannot) (?:investigate|look at|consider|deal with|pursue)\b[^.]*?"
    r"\b(?P<why>because|as|since|due to)\b",
    re.IGNORECASE,
)
# Sections that describe every possible reason rather than the decision's own.
GENERAL_SECTION = re.compile(
    r"role and powers|law|legal|background|guidance|what I have (?:and have not )?investigated"
    r"|how I considered|the complaint$",
    re.IGNORECASE,
)
OUTCOME_REASONS = (
    (re.compile(r"jurisdiction", re.IGNORECASE), OUT_OF_JURISDICTION),
    (re.compile(r"^premature", re.IGNORECASE), PREMATURE),
    (re.compile(r"out of time|\blate\b", re.IGNORECASE), OUT_OF_TIME),
)


def reason_not_investigated(
    outcome: str | None, summary: str, sections: list[tuple[str, str]]
) -> str | None:
    """The reason slug for a decision closed without investigation; None for other decisions
    and for a closed one whose reason no wording recognises. `sections` are (heading, text)
    pairs of the body."""
    if outcome is None or outcome_group(outcome) != "closed":
        return None
    for pattern, reason in OUTCOME_REASONS:
        if pattern.search(outcome):
            return reason
    own = [summary]
    own += [text for heading, text in sections if heading and "final decision" in heading.lower()]
    body = [text for heading, text in sections if not GENERAL_SECTION.search(heading or "")]
    passages = [(text, CUES) for text in own] + [(text, STATED_CUES) for text in body]
    for passage, cues in passages:
        if cues is CUES:
            # What the complaint is about names no reason: "her late husband", "late payment",
            # "the county court" there are only words of the case; the reason stated after
            # them wins, and a stating wording there counts only where nothing else does. Its
            # "as" or "due to" is no "because" either.
            read = COMPLAINT_ABOUT.sub(_blank, passage)
            decided = DECISION_BECAUSE.search(read)
            at = decided.start("why") if decided else None
            if at is None and (because := BECAUSE.search(read)):
                at = because.start()
            parts = [(read[at:], CUES)] if at is not None else []
            parts.append((read, CUES))
        else:
            because = BECAUSE.search(passage)
            parts = [(passage[because.start() :], cues)] if because else []
        parts.append((passage, STATED_CUES))
        for part, part_cues in parts:
            reason = first_reason(part, part_cues)
            if reason:
                return reason
    # A reason no wording recognises is not read, rather than guessed: the page says so.
    return None


def first_reason(text: str, cues: tuple[tuple[str, Prefiltered], ...] = CUES) -> str | None:
    """The reason whose wording in `cues` comes first in `text`, or None."""
    best: tuple[int, int] | None = None
    for order, (_, pattern) in enumerate(cues):
        match = pattern.search(text)
        if match and (best is None or (match.start(), order) < best):
            best = (match.start(), order)
    return cues[best[1]][0] if best else None
