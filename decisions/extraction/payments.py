"""Payments a decision states: each amount paid or refunded to the person, and what it is for
(distress, time and trouble, both, loss of service, a refund), or no purpose where the text
gives none. Amounts that are charges, facts, offers refused, sums waived or the parts'
total are not payments. Pure Python with no Django import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from decisions.extraction.wording import wish

DISTRESS = "distress"
TIME_AND_TROUBLE = "time and trouble"
DISTRESS_TIME_AND_TROUBLE = "distress and time and trouble"
LOSS_OF_SERVICE = "loss of service"
REFUND = "refund"
PURPOSES = (DISTRESS, TIME_AND_TROUBLE, DISTRESS_TIME_AND_TROUBLE, LOSS_OF_SERVICE, REFUND)


@dataclass(frozen=True)
class Payment:
    amount: Decimal | None = None  # in pounds, where the text states one
    purpose: str = ""  # one of PURPOSES, or "" when the text does not say


# An amount: "£1,250.50", but not one in thousands or millions ("£2k", "£1.5m"): `_amounts`
# checks what follows the digits once. As a lookahead here, that check re-read the rest of a
# long run of digits after each digit the match gave back (quadratic in the run).
# Thousands may be parted by a no-break or thin space too ("£1 000", "£12 500"), in groups of
# three that no digit or comma goes on from. Not by an ordinary space: "refund £150 100 days
# after" is £150.
AMOUNT = re.compile(
    r"£\s?(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?![\d,])|\d+)"
    r"(?:\.(\d{1,2})(?!\d))?"
)
# An amount written with the word or the currency code rather than "£": "250 pounds", "£ 300
# pounds", "GBP 1,000.00", "150 GBP". Written as "£250" before anything is read, so that every
# rule about amounts reads it. Not a weight ("lost 10 pounds in weight", "2 stone 4 pounds").
_POUNDS = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2}(?!\d))?"
SPELLED_AMOUNT = re.compile(
    rf"(?:£\s?)?(?<![\w.,£])(?<!stone )(?<!stones ){_POUNDS}\s?(?:pounds|GBP)\b"
    r"(?!\s+(?:in\s+|of\s+)?weight)"
    rf"|\bGBP\s?£?{_POUNDS}",
    re.IGNORECASE,
)
# What follows the pounds of an amount in thousands, millions or billions: "k", ".5m",
# " million", ",000bn". Read after the pounds alone, so that "£1.2 million" is never £1.
SCALED = re.compile(r"[\d,]*(?:\.\d+)?\s?(?:k|m|bn|thousand|million|billion)\b", re.IGNORECASE)
# No decision asks a body to pay a person this much: a figure this large is a budget, a
# contract or digits run together ("£12,345,678,901"), and the database holds amounts below
# £10,000,000,000 only.
LARGEST_PAYMENT = Decimal(100_000_000)
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
    # a state benefit, not "for his educational benefit" nor "for the benefit of Y"
    r"|(?<!educational )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bown )(?<!\bthe )benefits?"
    r"|instalments?|loan|PCN|notice|ticket|issued|replac\w*|whether)\b[^£]*$",
    re.IGNORECASE,
)
# The next amount of a list, after the words about the one before: "£650 towards the cost of
# replacing the belongings he lost and £150 for his distress". The paying verb governs both.
LISTED = re.compile(
    r"\b(?:and|plus)\s+(?:to\s+)?(?:(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+[A-Z]\w*\s+|(?:his|her|their)"
    r" \w+\s+)?(?:(?:a further|another|then|also|a)\s+)?$"
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
    r"\b(?:waiv\w*|remit(?:s|ted|ting)?|writ\w* off|written off|cancel\w*|reduc\w*|remov\w*"
    r"|withdraw\w*)\b",
    re.IGNORECASE,
)
# A verb of paying or giving back, which starts a new clause of its own after a charge
# cancelled or a sum the complainant paid: "cancel the charge, refund the £65 Mr X paid and
# pay him £100".
GIVING = re.compile(
    r"\b(?:pay|pays|paying|paid|refund(?:s|ing|ed)?|reimburs(?:e|es|ing|ed)|repa(?:y|ys|ying|id)"
    r"|return(?:s|ing|ed)?|give|gives|giving|gave|compensat(?:e|ing)|credit(?:s|ing)?)\b",
    re.IGNORECASE,
)
# The verbs that can only be of money ("give" and "return" also take information and forms).
MONEY_VERB = re.compile(
    r"\b(?:pay|pays|paying|refund(?:s|ing)?|reimburs(?:e|es|ing)|repay(?:s|ing)?|credit(?:s|ing)?)\b",
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
# "pay Mr X £500, and Mr and Mrs L £3,000 to recognise the distress", "pay Mrs X £250 and her
# son £100 for the distress caused".
_PAYEE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+(?:and\s+(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+)?[A-Z]\w*)"
PAYEE = re.compile(_PAYEE)
# A relative of the person named: "her son", "Mr X's wife".
_RELATIVE = (
    r"(?:(?:[Hh]is|[Hh]er|[Tt]heir|(?:Mr|Mrs|Ms|Miss|Dr|Mx) [A-Z]\w*[’']s) (?:wife|husband|partner"
    r"|son|daughter|mother|father|brother|sister|grandson|granddaughter|children|child|carer))"
)
SHARED_PURPOSE = re.compile(
    rf"\s*(?:to\s+)?(?:{_PAYEE}\s*)?,?\s*and\s+(?:to\s+)?(?:(?:{_PAYEE}|{_RELATIVE})\s+)?",
    re.IGNORECASE,
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
# Money paid to a care home, an agency or a landlord pays for a service: it is never a
# payment to the person ("The Council paid the care home £600 a week", "£2,400 to the home").
_PROVIDER = (
    r"(?:(?:the|its|a|an|his|her|their|[A-Z]\w*[’']s)\s+(?:[\w’'-]+\s+){0,2}?(?:home|provider"
    r"|agency|landlord|contractor|supplier|school|college|nursery|hospital|hotel|trust)s?\b)"
)
TO_PROVIDER_BEFORE = re.compile(
    rf"\b(?:pay|pays|paid|paying|refund\w*|repa(?:y|id))\s+(?:to\s+)?{_PROVIDER}\s*$", re.I
)
TO_PROVIDER_AFTER = re.compile(rf"^[^.;£]{{0,40}}?\bto\s+{_PROVIDER}", re.IGNORECASE)
# Straight after a verb of paying: "had already paid the care home".
PROVIDER_PAID = re.compile(rf"\s+(?:to\s+)?{_PROVIDER}", re.IGNORECASE)
# A rate: "£20 for each missed visit", "£75 a week". Paid as stated unless the sentence goes on
# to give the total, which is then the payment.
RATE_AFTER = re.compile(
    r"\s*(?:\w+\s)?(?:a (?:week|month|year|night|visit|session|day)|per \w+|each (?:week|month)"
    r"|for each)\b",
    re.IGNORECASE,
)
# A rate and how many times it is paid: "a week for 12 weeks", "per month for the six months".
NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen", "twenty"),
        start=1,
    )
}  # fmt: skip
RATE_FOR = re.compile(
    r"\s*(?:a|per|each) (?:week|month|night|day|visit|session|fortnight),? (?:for|over) "
    r"(?:the |a period of |each of the )?(?P<count>\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
    r"(?: \w+)? (?:weeks|months|nights|days|visits|sessions|fortnights)\b",
    re.IGNORECASE,
)
# An amount still to be decided on is no payment: "will consider whether to reimburse any of
# the £9,600", "decide Ms U's application for a discretionary housing payment of £1,500".
UNDECIDED = re.compile(
    r"\b(?:consider|decide|assess|look at|review) (?:again )?whether\b[^.;£]*$"
    r"|\b(?:application|apply) for\b[^.;£]*$",
    re.IGNORECASE,
)
# A sum taken off the payment before it: "pay Mr X £1,500, less the £250 it has already paid".
DEDUCTED = re.compile(
    r"\b(?:less|minus|net of|after deducting|deducting|after taking off)\s+(?:the\s+|any\s+)?$",
    re.IGNORECASE,
)
# A running total after a further payment: "a further £100, making £250 in total".
RUNNING_TOTAL = re.compile(
    r"\b(?:making|bringing (?:the|this|its) (?:total|sum|amount|payment) to|which makes)"
    r"(?: (?:it|this|a total of|the total))?\s*$",
    re.IGNORECASE,
)
TOTAL_OF = re.compile(r"\b(?:a total of|in total|totalling|altogether|which comes to)\s*$", re.I)
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


def with_pound_signs(text: str) -> str:
    """`text` with each amount written in words or as GBP written with "£" ("250 pounds" ->
    "£250"). Most texts have neither word: a substring test passes them over (a text whose
    only such word is "Pounds", capitalised, among them)."""
    if "pounds" not in text and "GBP" not in text:
        return text
    return SPELLED_AMOUNT.sub(_with_pound_sign, text)


def _with_pound_sign(match: re.Match) -> str:
    pounds, pence = match.group(1, 2) if match.group(1) else match.group(3, 4)
    return f"£{pounds}{pence or ''}"


def pounds(amount: Decimal) -> str:
    """An amount as the decisions write it: "£1,250", or "£1,250.50" with pence."""
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def read_payments(sentences: list[str], facts: Collection[str] = ()) -> list[Payment]:
    """The payments these sentences state, each amount once, totals of a breakdown left out.
    In the `facts` sentences (what the body did, not a remedy), a rate is no payment."""
    found: list[tuple[Decimal, str, str]] = []  # amount, purpose, payee
    times: dict[Decimal, int] = {}  # the most times an amount is paid in one sentence
    broken_down: set[Decimal] = set()  # totals whose parts are kept instead
    previous: list[tuple[int, Decimal, str]] = []  # the payments of the sentence before
    for sentence in sentences:
        amounts = _amounts(sentence)
        if not amounts and previous and PURPOSE_FOLLOWS.match(sentence):
            purpose = purpose_of("", sentence)
            for index in range(len(found) - len(previous), len(found)):
                amount, stated, payee = found[index]
                found[index] = (amount, stated or purpose, payee)
        if not amounts or wish(sentence, amounts[0].start()):
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
            if (paid := _paid(sentence, amounts, index, sentence not in facts))
        ]
        if breakdown:
            here = _breakdown(here, breakdown.start(), previous, broken_down)
        here, twice = _shared_purposes(sentence, amounts, here)
        twice.update(_paid_to_each(sentence, amounts, here))
        for amount in twice:
            times[amount] = max(times.get(amount, 1), twice[amount] + 1)
        index_at = {match.start(): index for index, match in enumerate(amounts)}
        found += [
            (amount, purpose, _payee(sentence, amounts, index_at[start]))
            for start, amount, purpose in here
        ]
        previous = here
    return _each_payment_once(found, times, broken_down)


# Who an amount is paid to, where the text names them: "pay Mr X £250", "pay his daughter,
# Ms Y, £200", "a further £150 to his wife". A couple paid together is no one person.
_NAMED = r"(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.? [A-Z]\w*\b(?![’']s)"
NAMED_PAYEE = re.compile(rf"{_RELATIVE}|\b{_NAMED}")
COUPLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.? and\s*$")
PAYEE_AFTER = re.compile(rf"\s*to (?:{_RELATIVE}|{_NAMED})")


def _payee(sentence: str, amounts: list[re.Match], index: int) -> str:
    """The person the amount at `index` is paid to, named between it and the amount before
    ("pay Mr X £250") or just after it ("£150 to his wife"); "" where no one is named."""
    if after := PAYEE_AFTER.match(sentence, amounts[index].end()):
        return after.group().strip()[3:].lower()
    start = amounts[index].start()
    named = list(NAMED_PAYEE.finditer(sentence, amounts[index - 1].end() if index else 0, start))
    if not named or COUPLE_BEFORE.search(sentence, 0, named[-1].start()):
        return ""
    return named[-1].group().lower()


# An amount paid to each of several people: "pay Mr and Mrs H £300 each", "£100 to each of
# her three children".
EACH_AFTER = re.compile(
    r"\s*(?:each\b|to each of (?:the |his |her |their |Mrs? \w+[’']s )?(?P<count>\d{1,2}|"
    + "|".join(NUMBER_WORDS)
    + r")\b)",
    re.IGNORECASE,
)
COUPLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx) and (?:Mr|Mrs|Ms|Miss|Dr|Mx)\b")


def _paid_to_each(
    sentence: str, amounts: list[re.Match], here: list[tuple[int, Decimal, str]]
) -> Counter:
    """For each amount paid to each of several people, how many more times it is paid."""
    ends = {match.start(): match.end() for match in amounts}
    more: Counter = Counter()
    for start, amount, _ in here:
        each = EACH_AFTER.match(sentence, ends[start])
        if each and (count := each["count"]):
            more[amount] += _number(count) - 1
        elif each and COUPLE.search(sentence, 0, start):
            more[amount] += 1
    return more


def _each_payment_once(
    found: list[tuple[Decimal, str, str]], times: dict[Decimal, int], broken_down: set[Decimal]
) -> list[Payment]:
    """The same payment is often stated twice (in the summary and the agreed action): once
    each, unless one sentence pays it twice ("£300 to Mr A and £300 to Mrs A", `times`), two
    pay it for different things ("£200 for her distress", "£200 for her time and trouble"),
    or to different people named ("pay Mr X £250 …; pay Mrs X £250 …")."""
    purposes: dict[Decimal, list[str]] = {}
    payees: dict[Decimal, set[str]] = {}
    for amount, purpose, payee in found:
        if amount not in broken_down:
            stated = purposes.setdefault(amount, [])
            if purpose and not any(_same_purpose(purpose, other) for other in stated):
                stated.append(purpose)
            if payee:
                payees.setdefault(amount, set()).add(payee)
    parts = _without_totals(list(purposes), purposes)
    return [
        Payment(amount, stated[min(index, len(stated) - 1)] if stated else "")
        for amount, stated in purposes.items()
        if amount in parts
        for index in range(max(times.get(amount, 1), len(stated), len(payees.get(amount, ()))))
    ]


def _same_purpose(one: str, other: str) -> bool:
    """Whether two purposes can be one payment's, stated twice: the same, or one of them
    both distress and time and trouble and the other either."""
    both = {one, other}
    return one == other or (DISTRESS_TIME_AND_TROUBLE in both and both <= set(PURPOSES[:3]))


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
        # A sum named as what it is ("the housing benefit of £1,240 and £150 for her
        # distress") is not for the next one's purpose.
        named = NOT_PAID.search(sentence, max(0, start - 30), start)
        if not purpose and following[2] and not named:
            shared[index] = (start, amount, following[2])
        if amount == following[1] and PAYEE.search(between):
            twice[amount] += 1
    return shared, twice


def payments_already_made(
    payments: list[Payment], done: list[str], facts: Collection[str] = ()
) -> list[Payment]:
    """Money the body had already paid or refunded, stated outside the sections the agreed
    payments came from ("It has since refunded the £45"), or told among what the body did
    (`facts`, where a rate is the facts' money, not a remedy): amounts not already counted,
    nor a total of those."""
    if not done and not facts:
        return []
    counted = {p.amount for p in payments}
    total = sum(counted, Decimal(0))
    read = read_payments([*done, *facts], facts=set(facts))
    return [p for p in read if p.amount not in counted and p.amount != total]


def payments_without_amounts(sentences: list[str]) -> list[Payment]:
    """Payments stated without a figure ("make a symbolic payment", "issue a refund", "a
    suitable sum") in sentences that propose a remedy (what someone only wanted is already
    left out): one for each purpose they are given."""
    found: dict[str, Payment] = {}
    for sentence in sentences:
        for match in PAYMENT_WITHOUT_AMOUNT.finditer(sentence):
            if REFUNDING.search(match.group()):
                purpose = REFUND
            else:
                purpose = purpose_of(sentence[: match.start()][-40:], sentence[match.end() :])
            found.setdefault(purpose, Payment(None, purpose))
    # "make a symbolic payment" in the summary and "make a symbolic payment to recognise her
    # frustration" below are one payment: one stated without a purpose is another's.
    if len(found) > 1:
        found.pop("", None)
    return list(found.values())


def with_purposes_stated_elsewhere(
    payments: list[Payment], tiers: list[list[str]]
) -> list[Payment]:
    """A payment stated without its purpose ("paid Mr H £300") takes the purpose another
    part of the decision gives the same amount ("paid Mr H £300 for the distress caused")."""
    if all(p.purpose for p in payments):
        return payments
    stated = {}
    for tier in tiers:
        for found in read_payments(tier):
            if found.purpose:
                stated.setdefault(found.amount, found.purpose)
    return [
        p if p.purpose or p.amount not in stated else Payment(p.amount, stated[p.amount])
        for p in payments
    ]


def _paid(
    sentence: str, amounts: list[re.Match], index: int, rates: bool = True
) -> tuple[Decimal, str] | None:
    """The amount at `index` and its purpose, if the sentence pays it to the person; None for
    a charge, a sum the complainant paid, one paid to a provider, or one waived, cancelled or
    reduced in its clause. Without `rates`, an amount at a rate ("£50 a week") is none either."""
    match = amounts[index]
    since = sentence[amounts[index - 1].end() if index else 0 : match.start()]
    before = since[-50:]
    # Only a list the paying verb governs: "Mr U paid £300 for the rent and £200" is no list
    # of payments.
    listed = (
        index > 0
        and LISTED.search(since) is not None
        and _paid(sentence, amounts, index - 1, rates) is not None
    )
    if _not_to_the_person(since, listed):
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
    if (
        (CHARGE_AFTER.match(after) and not REFUNDING.search(before))
        or _rate_of_another(amounts, index, after)
        or REFUSED_AFTER.match(after)
        or TO_PROVIDER_BEFORE.search(before)
        or TO_PROVIDER_AFTER.match(after)
    ):
        return None
    if not rates and RATE_AFTER.match(after):
        return None  # the facts' rates ("paid her £95 a week instead of £128") are no remedy
    if counted := RATE_FOR.match(after):
        # "£50 a week for 12 weeks": the payment is the sum, its purpose the words after it.
        return _amount(match) * _number(counted["count"]), purpose_of(
            before[-40:], after[counted.end() :]
        )
    if not listed and _governs(PAID_BY_COMPLAINANT, before):
        return _amount(match), REFUND  # what they paid, given back (_not_to_the_person)
    purpose = purpose_of(before[-40:], after)
    if not purpose and (lead := PURPOSE_FIRST.match(sentence)) and lead.end() <= match.start():
        purpose = purpose_of("", lead.group())
    if not purpose and (TOTAL_OF.search(before) or TOTAL_AFTER.match(after)):
        # "£300 a month for the five months of therapy he missed, a total of £1,500": what it
        # totals says what it is for.
        start = amounts[index - 1].end() if index else 0
        purpose = purpose_of("", sentence[max(start, match.start() - 200) : match.start()])
    return _amount(match), purpose


def _not_to_the_person(since: str, listed: bool = False) -> bool:
    """Whether the words before an amount (`since` the amount before it) make it a charge, a
    sum the complainant paid, one waived, one deducted, one still to be decided or a running
    total. A `listed` amount follows the one before with "and" alone: the words between are
    that one's purpose ("… the period she spent in unsuitable accommodation and £150"), none
    of its own."""
    if listed:
        return False
    # The charge words of the last 50 characters; searched from there rather than in a slice
    # of them, so that a word's lookbehinds and its start see the words before the cut.
    charge = NOT_PAID.search(since, max(0, len(since) - 50))
    if (
        charge
        and not PAY.search(since[-25:])
        and not GIVING.search(since, charge.start())
        and not _pays_what_it_charges(since, charge.start())
        and not OVERPAID.search(since[-50:])
    ):
        return True
    before = since[-50:]
    return (
        DEDUCTED.search(before) is not None
        or (_governs(PAID_BY_COMPLAINANT, before) and not _refunds_what_they_paid(before))
        or _governs(WAIVED, before)
        or UNDECIDED.search(since) is not None
        or RUNNING_TOTAL.search(before) is not None
    )


def _refunds_what_they_paid(before: str) -> bool:
    """Whether what the complainant paid is being given back: a verb of refunding comes before
    "Mr R paid" in its clause ("reimburse the cost of the journeys Mr R paid for, £312")."""
    paid = list(PAID_BY_COMPLAINANT.finditer(before))[-1]
    return REFUNDING.search(re.split(r"[.;]", before[: paid.start()])[-1]) is not None


def _rate_of_another(amounts: list[re.Match], index: int, after: str) -> bool:
    """Whether the amount at `index` is a rate ("£50 a week") whose total the sentence gives
    too: after it ("… a total of £600"), or before it ("£1,050 for the 21 nights (£50 a
    night)")."""
    if not RATE_AFTER.match(after):
        return False
    if index + 1 < len(amounts):
        return True
    return index > 0 and _amount(amounts[index - 1]) % _amount(amounts[index]) == 0


def _pays_what_it_charges(since: str, charge: int) -> bool:
    """Whether a verb of paying (not of paying in the past: "Mr X paid the fees of £300")
    governs the charge word at `charge`: it stands before it in the same stretch without a
    comma ("pay Mr X the housing benefit he should have had and £150", "refund Mr X the
    council tax of £420"), so the charge is what is paid."""
    stretch = re.split(r"[,;:]", since[:charge])[-1]
    return MONEY_VERB.search(stretch) is not None


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


def _amounts(sentence: str) -> list[re.Match]:
    """The amounts of `sentence` that are not in thousands, millions or billions ("£2k",
    "£1.50k", "£1.2 million"), nor too large to be a payment to a person. What follows the
    pounds decides for every shorter match of the same digits too, so one look is enough."""
    return [
        match
        for match in AMOUNT.finditer(sentence)
        if not SCALED.match(sentence, match.end(1)) and _amount(match) < LARGEST_PAYMENT
    ]


def _number(written: str) -> int:
    """A count as written in figures or words: "12", "twelve"."""
    return int(written) if written.isdigit() else NUMBER_WORDS[written.lower()]


def _amount(match: re.Match) -> Decimal:
    pounds = "".join(match.group(1).replace(",", "").split())
    return Decimal(f"{pounds}.{match.group(2)}") if match.group(2) else Decimal(pounds)


def _without_totals(amounts: list[Decimal], purposes: dict[Decimal, list[str]]) -> set[Decimal]:
    """The amounts, less any that is the sum of two or more amounts next to it (a total
    stated before or after its breakdown), unless it is paid for something none of them is:
    "refund the £300 she was overcharged" beside £200 for distress and £100 for time and
    trouble is a third payment, not their total."""
    totals = set()
    for i, amount in enumerate(amounts):
        # Indices, not slices: a slice per amount copies the list each time (quadratic).
        for run in (range(i + 1, len(amounts)), range(i - 1, -1, -1)):
            running = Decimal(0)
            for count, j in enumerate(run, start=1):
                running += amounts[j]
                if (
                    count >= 2
                    and running == amount
                    and not _paid_for_another_thing(amount, run[:count], amounts, purposes)
                ):
                    totals.add(i)
                if running >= amount:
                    break
    return {amount for i, amount in enumerate(amounts) if i not in totals}


def _paid_for_another_thing(
    total: Decimal, parts: range, amounts: list[Decimal], purposes: dict[Decimal, list[str]]
) -> bool:
    """Whether the amount that adds up to the `parts` is paid for a purpose none of them has,
    where each of them has one: then it is a payment of its own, not their total."""
    own = purposes[total]
    theirs = [purposes[amounts[j]] for j in parts]
    if not own or not all(theirs):
        return False
    stated = {purpose for part in theirs for purpose in part}
    return not any(_same_purpose(mine, other) for mine in own for other in stated)


# Where the words about one amount end: at "and" that starts another action ("… to the
# estate and refund the estate the £2,046"), or at a semicolon.
NEXT_CLAUSE = re.compile(
    r"\band\s+(?=(?:to |will |should |also |review|apologi|remind|refund|reimburs|repay|pay\b"
    r"|credit))|;"
)


def purpose_of(before: str, after: str) -> str:
    """What a payment is for: "refund" if its own clause refunds it, else the first purpose
    the words after its amount name (both distress and time and trouble, if both)."""
    clause = NEXT_CLAUSE.split(after)[0]
    lead = re.split(r"\band\b|[,;:]", before)[-1]
    distress = DISTRESS_WORDS.search(clause) is not None
    trouble = TIME_AND_TROUBLE_WORDS.search(clause) is not None
    refunding = REFUNDING.search(lead)
    # An account credited "for his distress" is paid for it; credited alone, given back.
    credited = refunding and refunding.group().lower().startswith("credit")
    if (refunding and not (credited and (distress or trouble))) or OVERPAID.search(lead):
        return REFUND
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
