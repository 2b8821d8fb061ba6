"""Wording of fictional decisions: sentence templates, phrase tables and word lists."""

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

# --- what the statements say ------------------------------------------------------------------
# Templates use str.format fields filled per decision: {p} the complainant ("Mr X"), {he} {He}
# {his} {His} {him}, {body}/{Body} ("the Council"), {rel} {relname} (a relative), {child}
# {childname}, {school}, {home}, {street}, {place}, {tribunal}, amounts {tt} {dist} {loss},
# {weeks}, {late_month}, {subject} and {rare}. Event templates are clauses that follow a date.

TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "Adult care services": {
        "subjects": (
            "the way {body} assessed {his} {rel}’s care needs",
            "the care provided to {his} {rel}, {relname}",
            "{body}’s decision to reduce {relname}’s care package",
            "delays in arranging support for {his} {rel} at home",
        ),
        "complaint": (
            "{He} says {body} did not properly consider {relname}’s needs before changing the "
            "care plan.",
            "{He} says the carers often arrived late or missed visits altogether.",
            "{He} says {he} was not told that {relname} would have to pay a contribution towards "
            "the cost of care.",
            "{He} says this caused {him} and {relname} significant distress and uncertainty.",
            "{He} wants {body} to apologise, reconsider its decision and refund the charges.",
        ),
        "law": (
            "The Care Act 2014 requires councils to carry out an assessment of any adult who "
            "seems to need care and support. The assessment must consider the person’s wellbeing "
            "and the outcomes they want to achieve. (Care Act 2014, section 9)",
            "Where a council decides a person has eligible needs, it must prepare a care and "
            "support plan which sets out the needs identified, the personal budget and how the "
            "needs will be met. (Care Act 2014, sections 24 and 25)",
            "The Care and Support Statutory Guidance says councils should give people clear "
            "information about charges before care begins, so they can make informed decisions.",
            "A council must make enquiries, or cause others to do so, if it reasonably suspects an "
            "adult with care and support needs is experiencing, or is at risk of, abuse or "
            "neglect. (Care Act 2014, section 42)",
            "The fundamental standards say care providers must provide person-centred care which "
            "meets people’s needs and reflects their preferences. (Health and Social Care Act 2008 "
            "(Regulated Activities) Regulations 2014, regulation 9)",
        ),
        "events": (
            "{body} carried out a needs assessment and decided {relname} was eligible for support "
            "with personal care",
            "a social worker visited {relname} at home to review the care plan",
            "{body} wrote to {p} explaining the financial assessment and the weekly contribution",
            "the care agency told {body} it could no longer cover the evening calls",
            "{p} raised concerns that {relname} had lost weight and was not being helped to eat",
            "{body} opened a safeguarding enquiry and spoke to the manager of {home}",
            "{relname} moved into a residential placement at {home}",
            "{body} sent an invoice for arrears of care charges",
            "the hospital discharge team referred {relname} for reablement support",
            "{p} asked for direct payments so {he} could employ a personal assistant",
            "a carer’s assessment was completed for {p}",
        ),
        "fault": (
            "{Body} did not complete the financial assessment until several months after care "
            "began. That was fault.",
            "The case records do not show that {body} considered {relname}’s wishes before "
            "changing the care plan. That was fault.",
            "{Body} did not tell {p} the outcome of the safeguarding enquiry, which left {him} "
            "uncertain about what had happened.",
            "The care records show several missed and late calls which were not reported to "
            "anyone. This was service failure.",
            "There is no evidence that the care plan was reviewed within the timescale set, which "
            "was fault.",
        ),
        "no_fault": (
            "The records show {relname}’s needs were properly assessed and the decision was "
            "explained in writing.",
            "{Body} followed the statutory guidance when it carried out the financial assessment.",
            "I have seen no evidence that the care provided fell below the standard we would "
            "expect.",
            "The safeguarding concern was considered promptly and proportionate action was taken.",
        ),
        "improvements": (
            "remind staff that people must be told in writing about charges before a care "
            "package starts",
            "review its procedures for monitoring missed calls by commissioned care providers",
            "ensure the outcome of safeguarding enquiries is shared with the person who raised "
            "the concern",
            "provide training to staff on recording people’s wishes during assessments",
        ),
        "tribunals": (),
        "things": (
            "the care plan",
            "the care charges",
            "the financial assessment",
            "the safeguarding concern",
            "the missed care visits",
            "{relname}’s personal budget",
        ),
    },
    "Benefits and tax": {
        "subjects": (
            "the way {body} dealt with {his} council tax account",
            "{body}’s decision to take recovery action for council tax arrears",
            "the handling of {his} claim for housing benefit and council tax reduction",
            "an overpayment of housing benefit {body} says {he} must repay",
        ),
        "complaint": (
            "{He} says {body} sent enforcement agents to {his} home without warning.",
            "{He} says {he} told {body} about {his} change in circumstances but it did not update "
            "{his} account.",
            "{He} says the enforcement fees added to the debt are unfair.",
            "{He} says {body} took too long to decide {his} claim, so {he} fell into arrears with "
            "{his} rent.",
            "{He} wants {body} to write off the arrears and remove the enforcement fees.",
        ),
        "law": (
            "Council tax is a tax on domestic property. The amount a person pays depends on the "
            "valuation band of the property and any discounts, exemptions or reductions that "
            "apply. (Local Government Finance Act 1992)",
            "If a person does not pay their council tax, a council may apply to the magistrates’ "
            "court for a liability order. Once it has a liability order it may use enforcement "
            "agents to recover the debt. (Council Tax (Administration and Enforcement) "
            "Regulations 1992, regulation 34)",
            "A person who disagrees with a council’s decision about liability for council tax, or "
            "a discount or exemption, may appeal to the Valuation Tribunal.",
            "A person who disagrees with a housing benefit decision can ask the council to "
            "reconsider it and then appeal to the First-tier Tribunal (Social Entitlement "
            "Chamber).",
            "Councils must have a council tax reduction scheme which sets out how they help people "
            "on low incomes to pay their council tax. (Local Government Finance Act 1992, section "
            "13A)",
        ),
        "events": (
            "{body} issued a council tax bill for the year",
            "{p} contacted {body} to say {he} had moved out of the property",
            "{body} sent a reminder notice and then a final notice",
            "{body} obtained a liability order from the magistrates’ court",
            "the case was passed to enforcement agents who visited {p}’s home",
            "{p} applied for a single person discount",
            "{body} decided {p} had been overpaid housing benefit and sent an invoice",
            "{p} agreed to pay the arrears in monthly instalments",
            "{body} cancelled the discount after a review of the electoral register",
            "{p} asked {body} to reconsider its decision and provided bank statements",
        ),
        "fault": (
            "{Body} did not act on {p}’s notification that {he} had left the property. This was "
            "fault.",
            "{Body} took more than six months to decide the claim, which is far longer than it "
            "should have taken.",
            "{Body} did not respond to {p}’s offer of a payment arrangement before passing the "
            "debt to enforcement agents. That was fault.",
            "The bills {body} sent did not show the correct liability period, which caused "
            "confusion.",
        ),
        "no_fault": (
            "{Body} followed the correct procedure before applying for a liability order.",
            "{Body} was entitled to pass the debt to enforcement agents once the arrangement to "
            "pay had broken down.",
            "The bills and notices were sent to the correct address and explained what {p} "
            "needed to do.",
            "{Body} properly considered the evidence {p} provided and explained why it could not "
            "award the discount.",
        ),
        "improvements": (
            "review how it records notifications of changes in circumstances received by telephone",
            "remind staff to consider offers of payment arrangements before referring debts to "
            "enforcement agents",
            "review its procedures for processing new claims within its target timescales",
        ),
        "tribunals": ("the Valuation Tribunal", "the First-tier Tribunal"),
        "things": (
            "the council tax arrears",
            "the liability order",
            "the housing benefit overpayment",
            "the single person discount",
            "the payment arrangement",
            "the enforcement fees",
        ),
    },
    "Children's care services": {
        "subjects": (
            "the way {body} carried out a child protection investigation",
            "{body}’s involvement with {his} family",
            "the content of a social work assessment about {his} children",
            "the way {body} dealt with {his} complaint under the statutory children’s complaints "
            "procedure",
        ),
        "complaint": (
            "{He} says the social worker’s report contained inaccurate information and was biased "
            "against {him}.",
            "{He} says {body} did not share its concerns with {him} before holding a strategy "
            "meeting.",
            "{He} says {body} should have paid {him} a fostering allowance while {he} cared for "
            "{his} grandchildren.",
            "{He} says {body} has not properly completed the stage two investigation.",
            "{He} wants {body} to correct its records and apologise.",
        ),
        "law": (
            "Councils must investigate if they have reasonable cause to suspect a child in their "
            "area is suffering, or is likely to suffer, significant harm. (Children Act 1989, "
            "section 47)",
            "Councils have a general duty to safeguard and promote the welfare of children in "
            "need in their area by providing a range of services. (Children Act 1989, section 17)",
            "The law sets out a three-stage procedure for complaints about children’s social care "
            "services. Statutory guidance, ‘Getting the Best from Complaints’, explains councils’ "
            "responsibilities.",
            "Statutory guidance, ‘Working Together to Safeguard Children’, sets out how agencies "
            "should work together to protect children.",
            "Where a council places a looked after child with a relative or friend, that person "
            "should be assessed as a foster carer and paid an allowance.",
        ),
        "events": (
            "{body} received a referral from the school about an injury to {childname}",
            "a social worker completed a child and family assessment",
            "{body} held a strategy discussion with the police and health professionals",
            "an initial child protection conference decided the children should be subject to "
            "child protection plans",
            "{p} made a complaint at stage one of the statutory procedure",
            "an independent investigating officer was appointed to carry out a stage two "
            "investigation",
            "a review panel met to consider the stage two findings",
            "{body} arranged for the children to live with {p}",
            "{body} closed the case after deciding no further action was needed",
            "the social worker visited the family home unannounced",
        ),
        "fault": (
            "{Body} did not share the assessment with {p} before the conference, which was fault.",
            "{Body} took more than a year to complete the statutory complaints procedure. This is "
            "much longer than the timescales in the regulations.",
            "The records show {body} arranged the placement, so it should have treated the "
            "children as looked after and paid {p} a fostering allowance.",
            "{Body} did not record the reasons for its decision to close the case, which was "
            "fault.",
        ),
        "no_fault": (
            "{Body} had a duty to act on the concerns raised and it followed the statutory "
            "guidance when it did so.",
            "The conference was entitled to reach the decision it did, based on the information "
            "before it.",
            "I have seen no evidence that the social worker was biased against {p}.",
            "{Body} properly considered {p}’s comments and recorded them alongside the assessment.",
        ),
        "improvements": (
            "review how it shares assessments with parents before child protection conferences",
            "ensure stage two investigations are completed within the timescales in the "
            "regulations",
            "review its family and friends care policy to ensure it reflects the statutory "
            "guidance",
        ),
        "tribunals": (),
        "things": (
            "the child and family assessment",
            "the child protection plan",
            "the stage two report",
            "the contact arrangements",
            "the fostering allowance",
        ),
    },
    "Education": {
        "subjects": (
            "delays in the education, health and care needs assessment for {his} {child}",
            "{body}’s decision to refuse {his} {child} free school transport",
            "the admission appeal for {his} {child}’s place at {school}",
            "{body}’s failure to arrange education while {his} {child} was out of school",
        ),
        "complaint": (
            "{He} says {body} failed to issue the final education, health and care plan within "
            "20 weeks.",
            "{He} says {body} did not secure the special educational provision in {childname}’s "
            "plan.",
            "{He} says the nearest suitable school is more than three miles away, so {childname} "
            "should get free transport.",
            "{He} says the appeal panel did not properly consider {his} reasons for wanting a "
            "place at {school}.",
            "{He} says {childname} missed a full term of education.",
        ),
        "law": (
            "An education, health and care (EHC) plan describes a child’s special educational "
            "needs and the provision to meet them. The council must issue the final plan within "
            "20 weeks of the request for an assessment. (Special Educational Needs and Disability "
            "Regulations 2014, regulation 13)",
            "The council has a duty to secure the special educational provision in an EHC plan. "
            "(Children and Families Act 2014, section 42)",
            "Councils must arrange suitable education for children of compulsory school age who, "
            "because of illness, exclusion or otherwise, may not receive suitable education unless "
            "arrangements are made. (Education Act 1996, section 19)",
            "Councils must make travel arrangements for eligible children to attend school. A "
            "child is eligible if they attend their nearest suitable school and it is beyond the "
            "statutory walking distance. (Education Act 1996, section 508B and Schedule 35B)",
            "School admission appeal panels must follow the School Admission Appeals Code. We "
            "cannot question the merits of a panel’s decision unless there was fault in the way "
            "it was reached.",
        ),
        "events": (
            "{p} asked {body} to carry out an EHC needs assessment",
            "{body} agreed to assess and asked for advice from an educational psychologist",
            "{body} issued a draft EHC plan which named a mainstream school",
            "{school} said it could not meet {childname}’s needs",
            "an annual review meeting was held at {school}",
            "{p} applied for school transport",
            "{body} refused the transport application because {school} was not the nearest "
            "suitable school",
            "a stage two transport appeal panel upheld the decision",
            "the admission appeal hearing took place by video call",
            "{body} offered tuition for five hours a week",
            "{childname} stopped attending school because of anxiety",
        ),
        "fault": (
            "{Body} took 34 weeks to issue the final plan, which was 14 weeks longer than the law "
            "allows. This was fault.",
            "{Body} did not secure the speech and language therapy in the plan for two terms. "
            "That was fault.",
            "{Body} did not consider whether {childname} could attend school full time, so it "
            "did not consider its duty under section 19.",
            "The decision letter did not explain why the panel decided the school’s case "
            "outweighed {p}’s case. That was fault.",
        ),
        "no_fault": (
            "{Body} properly applied its home to school transport policy, which reflects the "
            "statutory guidance.",
            "The clerk’s notes show the panel considered all the points {p} raised at the hearing.",
            "{Body} arranged suitable alternative provision within a reasonable time.",
            "The delay was caused by late advice from health professionals, which was outside "
            "{body}’s control.",
        ),
        "improvements": (
            "review its EHC plan process to ensure it meets the statutory timescales",
            "ensure officers consider the section 19 duty whenever a child is missing education",
            "remind its transport appeal panel to give clear reasons for its decisions",
        ),
        "tribunals": ("the SEND Tribunal",),
        "things": (
            "the EHC plan",
            "the annual review",
            "the transport application",
            "the tuition arrangements",
            "{childname}’s attendance",
            "the admission appeal",
        ),
    },
    "Environment and regulation": {
        "subjects": (
            "{body}’s handling of {his} reports of noise nuisance from a neighbour",
            "missed bin collections at {his} home on {street}",
            "{body}’s response to antisocial behaviour on {street}",
            "{body}’s response to reports of fly-tipping near {his} home",
        ),
        "complaint": (
            "{He} says the noise from the neighbouring property has continued for more than a "
            "year.",
            "{He} says {his} recycling bin has been missed repeatedly despite {his} complaints.",
            "{He} says {body} has not taken action against the people responsible for the "
            "antisocial behaviour.",
            "{He} says {body} did not consider the impact on local residents.",
            "{He} says {he} has lost sleep and {his} health has suffered.",
        ),
        "law": (
            "Councils must take reasonably practicable steps to investigate complaints of noise "
            "that could amount to a statutory nuisance. If a council is satisfied a statutory "
            "nuisance exists, it must serve an abatement notice. (Environmental Protection Act "
            "1990, sections 79 and 80)",
            "Councils have a duty to collect household waste. (Environmental Protection Act 1990, "
            "section 45)",
            "Victims of antisocial behaviour can ask for a review of their case if they have "
            "reported three or more incidents in six months. This is known as the ASB case review, "
            "previously the community trigger. (Anti-social Behaviour, Crime and Policing Act "
            "2014, section 104)",
            "When deciding licence applications, councils must promote the licensing objectives, "
            "which include the prevention of public nuisance. (Licensing Act 2003, section 4)",
        ),
        "events": (
            "{p} reported loud music late at night",
            "an environmental health officer wrote to the neighbour",
            "{body} asked {p} to complete diary sheets for four weeks",
            "noise monitoring equipment was installed in {p}’s home",
            "{body} decided the noise did not amount to a statutory nuisance",
            "{p} reported another missed collection through {body}’s website",
            "the waste contractor placed the property on the assisted collection list",
            "a multi-agency meeting was held about antisocial behaviour on {street}",
            "the licensing sub-committee held a hearing",
            "{p} asked for an ASB case review",
        ),
        "fault": (
            "{Body} did not respond to {p}’s reports for several weeks, which was fault.",
            "The property was missed many times after {body} said the problem had been resolved. "
            "This was service failure.",
            "{Body} did not tell {p} the outcome of the case review, which was fault.",
            "There is no record that {body} considered the evidence from the monitoring equipment.",
        ),
        "no_fault": (
            "{Body} investigated the reports and reached a decision it was entitled to make.",
            "Officers visited at the times {p} said the noise was worst and did not witness a "
            "statutory nuisance.",
            "The licensing sub-committee considered the representations and gave reasons for its "
            "decision.",
            "{Body} has worked with the police and the housing provider to address the behaviour.",
        ),
        "improvements": (
            "review its procedures for responding to noise complaints within its published "
            "timescales",
            "ensure missed collections are monitored and repeated failures escalated to the "
            "contractor",
            "remind officers to record the outcome of ASB case reviews and share it with the "
            "applicant",
        ),
        "tribunals": (),
        "things": (
            "the noise diary sheets",
            "the missed collections",
            "the antisocial behaviour",
            "the monitoring equipment",
            "the abatement notice",
            "the licence conditions",
        ),
    },
    "Housing": {
        "subjects": (
            "the way {body} dealt with {his} homelessness application",
            "the suitability of the temporary accommodation {body} provided",
            "{body}’s decision about {his} priority on the housing register",
            "the time {body} took to carry out repairs to {his} home",
        ),
        "complaint": (
            "{He} says {body} placed {him} and {his} children in bed and breakfast accommodation "
            "for longer than six weeks.",
            "{He} says the property has damp and mould which affects {his} children’s health.",
            "{He} says {body} did not properly consider the medical evidence {he} provided.",
            "{He} says {body} did not accept a homelessness duty when {his} landlord served a "
            "section 21 notice.",
            "{He} wants {body} to award {him} a higher banding and complete the repairs.",
        ),
        "law": (
            "If a council has reason to believe someone may be homeless or threatened with "
            "homelessness, it must make inquiries to decide what duty it owes them. (Housing Act "
            "1996, section 184)",
            "Councils must take reasonable steps to help eligible applicants who are homeless to "
            "secure accommodation. This is called the relief duty. (Housing Act 1996, section "
            "189B)",
            "Bed and breakfast accommodation is unsuitable for families with children and should "
            "be used only in an emergency and for no longer than six weeks. (Homelessness "
            "(Suitability of Accommodation) (England) Order 2003)",
            "Every council must have a housing allocations scheme for deciding who gets priority "
            "for social housing. It must give reasonable preference to certain groups, including "
            "people who need to move on medical grounds. (Housing Act 1996, section 166A)",
            "Councils must approve a disabled facilities grant for works which are necessary and "
            "appropriate, and reasonable and practicable. (Housing Grants, Construction and "
            "Regeneration Act 1996, section 24)",
        ),
        "events": (
            "{p} asked {body} for help because {his} landlord had served a notice",
            "{body} accepted the relief duty and placed the family in temporary accommodation",
            "{body} wrote to {p} with a personalised housing plan",
            "an officer inspected the property and found damp in two bedrooms",
            "{body} decided {p} was intentionally homeless",
            "{p} asked for a review of the suitability of the accommodation",
            "{body} assessed {p}’s medical evidence and placed {him} in band C",
            "a contractor attended to repair the roof but could not complete the work",
            "an occupational therapist recommended a level access shower",
            "{body} approved the disabled facilities grant",
        ),
        "fault": (
            "{Body} kept the family in bed and breakfast accommodation for 14 weeks, which is "
            "longer than the law allows. This was fault.",
            "{Body} did not make a decision on the review within the statutory timescale, which "
            "was fault.",
            "{Body} failed to carry out the repairs within the timescales in its repairs policy. "
            "That was fault.",
            "{Body} did not properly consider the medical evidence when it assessed {p}’s "
            "priority.",
        ),
        "no_fault": (
            "{Body} properly considered {p}’s application under its allocations scheme and gave "
            "reasons for its decision.",
            "The accommodation offered was suitable for the household’s needs.",
            "{Body} made the inquiries the law requires and explained its decision in writing.",
            "{Body} carried out the repairs within a reasonable time once it had access to the "
            "property.",
        ),
        "improvements": (
            "review its use of bed and breakfast accommodation for families to ensure it complies "
            "with the law",
            "ensure homelessness review decisions are issued within the statutory timescales",
            "review how it monitors outstanding repairs in its housing stock",
        ),
        "tribunals": ("the county court",),
        "things": (
            "the homelessness application",
            "the temporary accommodation",
            "the outstanding repairs",
            "the damp and mould",
            "the housing register banding",
            "the medical evidence",
        ),
    },
    "Planning": {
        "subjects": (
            "the way {body} dealt with a planning application for development next to {his} home",
            "{body}’s failure to take enforcement action against a breach of planning control",
            "{body}’s decision to approve {his} neighbour’s extension",
            "the way {body} handled {his} own planning application",
        ),
        "complaint": (
            "{He} says the extension causes overlooking and a loss of light to {his} garden.",
            "{He} says {body} did not consider {his} objections before granting planning "
            "permission.",
            "{He} says the developer has not complied with the planning conditions and {body} has "
            "done nothing about it.",
            "{He} says the officer’s report did not mention the impact on {his} privacy.",
            "{He} says the value of {his} home has fallen as a result.",
        ),
        "law": (
            "Planning considerations include issues such as overlooking, loss of light, the "
            "design and appearance of the development and highway safety. They do not include "
            "private matters such as property values or boundary disputes.",
            "Enforcement action is discretionary. Councils should act proportionately in "
            "responding to suspected breaches of planning control. (National Planning Policy "
            "Framework)",
            "Councils must publicise planning applications and consider any representations "
            "received before deciding them. (Town and Country Planning (Development Management "
            "Procedure) (England) Order 2015, article 15)",
            "The Ombudsman is not an appeal body. Our role is to review the process by which "
            "planning decisions are made. We look for evidence of fault causing significant "
            "injustice.",
        ),
        "events": (
            "the applicant submitted a planning application for a two-storey rear extension",
            "{body} sent neighbour notification letters and put up a site notice",
            "{p} objected to the application",
            "the planning officer visited the site",
            "{body} granted planning permission under delegated powers",
            "{p} reported that the building work did not match the approved plans",
            "a planning enforcement officer visited the site",
            "{body} decided it was not expedient to take enforcement action",
            "the developer submitted a retrospective planning application",
            "the planning committee considered the application",
        ),
        "fault": (
            "The officer’s report did not address the impact of the extension on {p}’s kitchen "
            "window. That was fault.",
            "{Body} did not tell {p} the outcome of its enforcement investigation for several "
            "months, which was fault.",
            "{Body} failed to consult {p} on the amended plans, which was fault.",
            "{Body} did not check whether the pre-commencement conditions had been discharged.",
        ),
        "no_fault": (
            "The officer’s report shows {body} considered the impact on neighbouring properties, "
            "including {p}’s home.",
            "{Body} was entitled to decide that enforcement action was not expedient.",
            "The decision was one {body} was entitled to make and I cannot question its merits.",
            "{Body} consulted neighbours in line with its statement of community involvement.",
        ),
        "improvements": (
            "remind planning officers to record their assessment of the impact on neighbouring "
            "properties in their reports",
            "review how it keeps complainants informed during enforcement investigations",
        ),
        "tribunals": ("the Planning Inspectorate",),
        "things": (
            "the planning application",
            "the enforcement investigation",
            "the planning conditions",
            "the amended plans",
            "the site visit",
            "the officer’s report",
        ),
    },
    "Transport and highways": {
        "subjects": (
            "a parking penalty charge notice {body} issued to {him}",
            "{body}’s failure to repair a pothole on {street} which damaged {his} car",
            "{body}’s decision to introduce a traffic regulation order on {street}",
            "{body}’s refusal to issue {him} a Blue Badge",
        ),
        "complaint": (
            "{He} says the parking restrictions were not clearly signed.",
            "{He} says {body} should have repaired the road before the accident.",
            "{He} says {body} did not properly consult residents before introducing the scheme.",
            "{He} says the bus lane camera evidence was unclear.",
            "{He} wants {body} to cancel the penalty and refund the charge.",
        ),
        "law": (
            "Councils must maintain highways maintainable at public expense. (Highways Act 1980, "
            "section 41)",
            "Councils can issue penalty charge notices for parking contraventions. A person who "
            "receives one can make representations to the council and, if these are rejected, "
            "appeal to an independent adjudicator. (Traffic Management Act 2004)",
            "Before making a traffic regulation order, councils must publish a notice of the "
            "proposals and consider any objections. (Local Authorities’ Traffic Orders (Procedure) "
            "(England and Wales) Regulations 1996)",
            "Courts decide whether councils are liable for damage caused by the condition of a "
            "road. We cannot decide whether a council is liable for damage.",
        ),
        "events": (
            "a civil enforcement officer issued a penalty charge notice",
            "{p} made informal representations",
            "{body} rejected the representations and sent a notice to owner",
            "{p} reported a pothole on {street} through {body}’s website",
            "a highway inspector assessed the defect as not needing urgent repair",
            "{p} submitted a claim for damage to {his} tyre",
            "{body} advertised the traffic regulation order",
            "{body} refused the application for a Blue Badge",
            "the charge certificate was registered at the Traffic Enforcement Centre",
            "{body} completed the resurfacing works",
        ),
        "fault": (
            "{Body} did not consider {p}’s representations before issuing the charge certificate. "
            "That was fault.",
            "{Body} did not inspect the road within the timescale in its highway inspection "
            "policy, which was fault.",
            "{Body} did not respond to the objections before making the order.",
        ),
        "no_fault": (
            "The signs and lines were compliant and the penalty charge notice was properly issued.",
            "{Body} inspected the road in line with its highway inspection policy.",
            "{Body} followed the correct statutory procedure before making the traffic order.",
            "{Body} properly applied the Blue Badge eligibility criteria.",
        ),
        "improvements": (
            "review its procedure for considering representations received after a notice to owner",
            "remind highway inspectors to record their assessment of reported defects",
        ),
        "tribunals": ("the Traffic Penalty Tribunal", "London Tribunals"),
        "things": (
            "the penalty charge notice",
            "the pothole",
            "the damage claim",
            "the traffic regulation order",
            "the Blue Badge application",
            "the representations",
        ),
    },
    "Other Categories": {
        "subjects": (
            "the way {body} dealt with {his} complaint about a councillor’s conduct",
            "{body}’s decision to sell a piece of land next to {his} home",
            "the way {body} dealt with {his} complaint",
            "{body}’s decision to restrict {his} contact with its staff",
        ),
        "complaint": (
            "{He} says the councillor made offensive comments about {him} on social media.",
            "{He} says {body} did not properly consider {his} complaint.",
            "{He} says {body} did not tell {him} about its plans to dispose of the land.",
            "{He} says {body} has treated {him} unfairly because {he} has complained before.",
        ),
        "law": (
            "Councils must have arrangements for dealing with complaints that a councillor has "
            "failed to follow the code of conduct. (Localism Act 2011, section 28)",
            "We cannot investigate a complaint about something that affects all or most of the "
            "people in a council’s area. (Local Government Act 1974, section 26(7), as amended)",
            "Councils may dispose of land in any manner they wish, but must not do so for less "
            "than the best consideration reasonably obtainable without consent. (Local Government "
            "Act 1972, section 123)",
        ),
        "events": (
            "{p} made a complaint to the monitoring officer",
            "the monitoring officer consulted the independent person",
            "{body} decided no further action was needed on the councillor complaint",
            "{body}’s cabinet decided to declare the land surplus",
            "{p} asked for a copy of the committee report",
            "{body} restricted {p}’s contact under its unreasonable behaviour policy",
            "{body} responded to {p}’s complaint at stage two of its complaints procedure",
        ),
        "fault": (
            "{Body} did not respond to {p}’s complaint within the timescales in its complaints "
            "policy. That was fault.",
            "{Body} did not tell {p} why it had restricted {his} contact or when the restriction "
            "would be reviewed, which was fault.",
        ),
        "no_fault": (
            "The monitoring officer considered the complaint in line with {body}’s arrangements "
            "and consulted the independent person.",
            "{Body} was entitled to make the decision it did.",
            "{Body}’s decision to restrict contact was in line with its policy and was "
            "proportionate.",
        ),
        "improvements": (
            "review its complaints procedure to ensure complaints are answered within the "
            "published timescales",
            "ensure letters restricting contact explain the reasons and when they will be reviewed",
        ),
        "tribunals": (),
        "things": (
            "the councillor complaint",
            "the land sale",
            "the contact restrictions",
            "the complaint response",
            "the committee report",
        ),
    },
}

# Subjects for subcategories whose own vocabulary matters for search.
SUB_SUBJECTS = {
    "Assessment and care plan": (
        "the way {body} assessed {his} {rel}’s care and support needs",
        "{body}’s decision to reduce the hours in {relname}’s care plan",
    ),
    "Charging": (
        "the charges {body} made for {relname}’s care",
        "the financial assessment of {his} {rel}’s contribution towards care costs",
    ),
    "Direct payments": (
        "{body}’s decision to stop {his} direct payments",
        "the way {body} calculated {his} direct payments",
    ),
    "Residential care": (
        "the care provided to {his} {rel}, {relname}, at {home}",
        "the decision to give notice to end {relname}’s placement at {home}",
    ),
    "Safeguarding": (
        "the way a safeguarding concern about {his} {rel} was dealt with",
        "the outcome of a safeguarding enquiry involving {relname}",
    ),
    "Domiciliary care": (
        "missed and late care visits to {his} {rel}, {relname}",
        "the quality of the home care provided to {relname}",
    ),
    "Council tax": (
        "the way {body} dealt with {his} council tax account",
        "{body}’s decision to take recovery action for council tax arrears",
    ),
    "Housing benefit and council tax reduction": (
        "the way {body} dealt with {his} claim for housing benefit and council tax reduction",
        "{body}’s decision that {he} was overpaid housing benefit",
    ),
    "Business rates": ("{body}’s decision to refuse {him} small business rate relief",),
    "Child protection": (
        "the way {body} carried out a child protection investigation",
        "{body}’s decision to make {his} children subject to child protection plans",
    ),
    "Looked after children": ("the support {body} gave {his} {child} while in care",),
    "Friends and family carers": (
        "{body}’s refusal to pay {him} an allowance for caring for {his} grandchildren",
    ),
    "Special educational needs": (
        "delays in issuing an education, health and care plan for {his} {child}",
        "{body}’s failure to provide the special educational provision in {childname}’s plan",
    ),
    "School admissions": (
        "the way the appeal panel considered {his} appeal for a place at {school}",
    ),
    "School transport": ("{body}’s decision to refuse free school transport for {his} {child}",),
    "Alternative provision": (
        "{body}’s failure to arrange suitable education for {his} {child} while out of school",
    ),
    "Refuse and recycling": ("repeated missed bin collections at {his} home on {street}",),
    "Noise": ("{body}’s handling of {his} reports of noise nuisance from a neighbouring property",),
    "Antisocial behaviour": ("{body}’s response to antisocial behaviour on {street}",),
    "Licensing": ("{body}’s decision to grant a premises licence to a bar near {his} home",),
    "Cemeteries and crematoria": ("the way {body} managed a burial at {place} cemetery",),
    "Trees": ("{body}’s refusal to prune a council-owned tree next to {his} garden",),
    "Allocations": ("the priority {body} awarded {him} on the housing register",),
    "Homelessness": (
        "the way {body} dealt with {his} homelessness application",
        "the suitability of the temporary accommodation {body} provided while {he} was homeless",
    ),
    "Council houses": ("the time {body} took to repair damp and mould in {his} council home",),
    "Disabled facilities grants": (
        "delays in {body}’s handling of {his} disabled facilities grant application",
    ),
    "Private housing": (
        "{body}’s response to {his} reports of disrepair in {his} privately rented home",
    ),
    "Planning applications": (
        "the way {body} dealt with a planning application for development next to {his} home",
        "{body}’s decision to grant planning permission for {his} neighbour’s extension",
    ),
    "Enforcement": ("{body}’s failure to take planning enforcement action against a neighbour",),
    "Building control": ("the way {body} inspected building work at a neighbouring property",),
    "Parking and other penalties": (
        "a parking penalty charge notice {body} issued to {him}",
        "{body}’s refusal to cancel a bus lane penalty",
    ),
    "Highway repair and maintenance": ("{body}’s failure to repair a pothole on {street}",),
    "Traffic management": (
        "{body}’s decision to introduce a traffic regulation order on {street}",
    ),
    "Land": ("{body}’s decision to sell land next to {his} home",),
    "Councillor conduct and standards": (
        "the way {body} dealt with {his} complaint about a councillor’s conduct",
    ),
    "COVID-19": (
        "the way {body} dealt with {his} request for support during the COVID-19 pandemic",
        "{body}’s decision about a COVID-19 grant",
    ),
}

GENERIC_EVENTS = (
    "{p} complained to {body}",
    "{body} replied to the complaint at stage one of its procedure",
    "{p} asked for the complaint to be escalated",
    "{body} issued its final response to the complaint",
    "{p} brought the complaint to us",
    "{body} apologised for the delay in replying",
    "the officer dealing with the case left {body}",
    "{p} chased {body} for a response by email",
    "{p} wrote to {his} MP about the matter",
)
TAILS = (
    "{p} told us this was very upsetting.",
    "The records show this was discussed with {p} at the time.",
    "{Body} did not reply.",
    "The notes of the meeting are brief.",
    "{p} says {he} was not told about this.",
    "{p} told the officer “this cannot go on”.",
    "{He} said {he} felt “completely ignored”.",
    "{Body} says it sent a letter, but there is no copy on file.",
    "There is no record of any response.",
    "{He} said it was ‘the last straw’.",
)
DATE_PREFIXES = ("In {}, ", "In early {}, ", "In late {}, ", "By {}, ", "During {}, ")
STAFF = (
    "{body}", "the officer", "a senior officer", "the team manager", "the complaints team",
    "the caseworker", "an officer from {body}",
)  # fmt: skip
PEOPLE = ("{p}", "{p}", "{p}’s advocate", "{p}’s representative")
CONTACTS = (
    "wrote to {target} about {thing}",
    "telephoned {target} about {thing}",
    "emailed {target} to ask about {thing}",
    "met {target} to discuss {thing}",
    "asked {target} for an update on {thing}",
    "sent {target} a letter explaining {thing}",
    "chased {target} about {thing}",
    "raised concerns with {target} about {thing}",
    "left a voicemail for {target} about {thing}",
    "agreed with {target} to review {thing}",
)
INJUSTICE = (
    "This caused {p} avoidable distress and uncertainty.",
    "{p} was put to unnecessary time and trouble in pursuing the complaint.",
    "I cannot say the outcome would have been different without the fault, but {p} has been "
    "left with uncertainty about this.",
    "This meant {p} went without a service {he} should have had for {weeks}.",
    "The fault caused {p} frustration and meant {he} had to chase {body} repeatedly.",
)
CONNECTORS = (
    "I have considered the records carefully.",
    "{Body} accepts this.",
    "This is not what should have happened.",
    "I have no reason to doubt {p}’s account of events.",
    "It is not for me to decide whether {body}’s decision was right.",
    "The Ombudsman is not an appeal body.",
)
CONCLUSIONS = {
    "upheld": "There was fault in the way {body} dealt with {subject}, and this caused {p} an "
    "injustice which {body} has agreed to remedy.",
    "not_upheld": "I have found no fault in the way {body} dealt with {subject}, so I have "
    "completed my investigation.",
}
CONSIDERED = (
    "I considered the information provided by {p}, including {body}’s response to {his} complaint.",
    "I discussed the complaint with {p} and considered the information {he} provided.",
    "I made enquiries of {body} and considered its response.",
    "I considered the relevant law and guidance, which I refer to below.",
    "I considered our Guidance on Remedies.",
)
COMMENTED = (
    "{p} and {body} had an opportunity to comment on my draft decision. I considered any comments "
    "received before making a final decision.",
    "I gave {p} the opportunity to comment on a draft of my decision.",
)
ROLE_INVESTIGATION = (
    "We investigate complaints about ‘maladministration’ and ‘service failure’. In this "
    "statement, I have used the word ‘fault’ to refer to these. We must also consider whether any "
    "fault has had an adverse impact on the person making the complaint. I refer to this as "
    "‘injustice’. If there has been fault which has caused an injustice, we may suggest a remedy.",
    "When considering complaints, if there is a conflict of evidence, we make findings based on "
    "the balance of probabilities. This means that we will weigh up the available relevant "
    "evidence and base our findings on what we think was more likely to have happened.",
    "We cannot question whether a council’s decision is right or wrong simply because the "
    "complainant disagrees with it. We must consider whether there was fault in the way the "
    "decision was reached. (Local Government Act 1974, section 34(3), as amended)",
    "If we are satisfied with an organisation’s actions or proposed actions, we can complete our "
    "investigation and issue a decision statement.",
)
ROLE_INVESTIGATION_CITATIONS = (
    "(Local Government Act 1974, sections 26(1) and 26A(1), as amended)",
    "(Local Government Act 1974, section 30(1B) and 34H(i), as amended)",
    "(Local Government Act 1974, section 30(1B) and 34H(1), as amended)",
)
ROLE_CARE = (
    "We investigate complaints about councils and certain other bodies. Where an individual, "
    "organisation or private company is providing services on behalf of a council, we can "
    "investigate complaints about the actions of these providers. (Local Government Act 1974, "
    "section 25(7), as amended)",
    "We can investigate complaints about adult social care providers, including people who pay "
    "for their own care. (Local Government Act 1974, sections 34B and 34C, as amended)",
    "Under our information sharing agreement with the Care Quality Commission (CQC), we will "
    "share this decision with CQC.",
)
ROLE_CLOSED_LEAD = (
    "We investigate complaints about ‘maladministration’ and ‘service failure’. In this "
    "statement, I have used the word ‘fault’ to refer to these. We must also consider whether any "
    "fault has had an adverse impact on the person making the complaint. I refer to this as "
    "‘injustice’. We provide a free service, but must use public money carefully. We may decide "
    "not to start or continue with an investigation if we believe:"
)
ROLE_CLOSED_ITEMS = (
    "it is unlikely we would find fault, or",
    "it is unlikely we could add to any previous investigation by {body}, or",
    "it is unlikely further investigation will lead to a different outcome, or",
    "the fault has not caused injustice to the person who complained, or",
    "the injustice is not significant enough to justify our involvement, or",
    "we cannot achieve the outcome someone wants, or",
    "there is another body better placed to consider this complaint.",
)
ROLE_CLOSED_CITATIONS = (
    "(Local Government Act 1974, section 24A(6), as amended)",
    "(Local Government Act 1974, section 24A(6), as amended)",
    "(Local Government Act 1974, section 24A (6), as amended)",
    "(Local Government Act 1974, sections 24A(6) and 34B(8), as amended)",
)
# Reasons for not investigating: the rule (with its citation), our view, and the short reason.
REASONS = {
    "late": (
        "We cannot investigate late complaints unless we decide there are good reasons. Late "
        "complaints are when someone takes more than 12 months to complain to us about something "
        "a council has done. (Local Government Act 1974, sections 26B and 34D, as amended)",
        "{p} knew about the matters {he} complains about in {late_month}, but did not complain to "
        "us until much later. I have seen nothing to suggest {he} could not have come to us "
        "sooner, so there are no good reasons to investigate now.",
        "{he} complained to us too late and there are no good reasons to investigate now",
    ),
    "appeal": (
        "The law says we cannot normally investigate a complaint when someone can appeal to a "
        "tribunal. However, we may decide to investigate if we consider it would be unreasonable "
        "to expect the person to appeal. (Local Government Act 1974, section 26(6)(a), as amended)",
        "{p} has a right of appeal to {tribunal}. It is reasonable to expect {him} to use it, as "
        "{tribunal} can decide the very issue {he} disputes. I have seen no reason why {he} could "
        "not appeal.",
        "{he} has a right of appeal to {tribunal} and it is reasonable to expect {him} to use it",
    ),
    "court": (
        "The law says we cannot normally investigate a complaint when someone could take the "
        "matter to court. However, we may decide to investigate if we consider it would be "
        "unreasonable to expect the person to go to court. (Local Government Act 1974, section "
        "26(6)(c), as amended)",
        "The substance of {p}’s complaint is a claim that {body} is liable for loss and damage. "
        "That is a matter for the courts, and it is reasonable to expect {him} to make a claim in "
        "the county court if {he} wishes.",
        "the courts are better placed to decide the matter",
    ),
    "premature": (
        "The law says an organisation must be given the opportunity to consider a complaint "
        "before we investigate it. (Local Government Act 1974, section 26(5), as amended)",
        "{p} has not yet given {body} the chance to respond through its complaints procedure, so "
        "it is premature for us to investigate. {He} can come back to us if {he} remains unhappy "
        "once the procedure is complete.",
        "it is premature: {body} has not had the chance to respond to it",
    ),
    "no_gain": (
        "",
        "{Body} has already accepted it should have dealt with the matter sooner and has "
        "apologised. That is a suitable remedy, and further investigation would not achieve "
        "anything more for {p}.",
        "it is unlikely we would achieve anything significant by investigating",
    ),
    "no_fault": (
        "",
        "The information {p} provided shows {body} considered the matter and explained its "
        "decision. There is not enough evidence of fault to justify our involvement.",
        "there is not enough evidence of fault in the way {body} reached its decision",
    ),
    "data": (
        "We normally expect someone to refer the matter to the Information Commissioner if they "
        "have a complaint about data protection. However, we may decide to investigate if we "
        "think there are good reasons. (Local Government Act 1974, section 24A(6), as amended)",
        "The Information Commissioner is better placed than the Ombudsman to consider {p}’s "
        "concerns about the way {his} personal information was shared.",
        "the Information Commissioner is better placed to consider it",
    ),
    "school": (
        "We cannot investigate complaints about what happens in schools. (Local Government Act "
        "1974, Schedule 5, paragraph 5(b), as amended)",
        "{p}’s concerns are about the way {school} managed {childname}’s behaviour. These are "
        "matters of internal school management, which are outside our jurisdiction.",
        "it is about the internal management of a school, which we cannot investigate",
    ),
    "withdrawn": (
        "",
        "{p} told us {he} no longer wished to pursue the complaint because the matter had since "
        "been resolved. I have therefore ended my enquiries.",
        "{he} has withdrawn it",
    ),
    "discontinued": (
        "",
        "After considering {body}’s response to my enquiries, I have decided to discontinue the "
        "investigation. {Body} has now done what {p} wanted, and further investigation is unlikely "
        "to achieve a different outcome.",
        "further investigation would not achieve anything more for {p}",
    ),
}
GENERAL_REASONS = ("late", "no_gain", "no_gain", "no_fault", "no_fault", "premature", "court")
# Remedies: what the statement says, how the summary puts it, and the Remedy header label.
AGREED_NOW = (
    (
        "apologise to {p} for the distress and uncertainty caused by the faults identified in "
        "this statement",
        "apologise",
        "apology",
    ),
    (
        "pay {p} {dist} to acknowledge the avoidable distress and uncertainty caused",
        "pay {p} {dist}",
        "distress",
    ),
    (
        "pay {p} {tt} for the time and trouble {he} was put to in pursuing {his} complaint",
        "pay {p} {tt} for {his} time and trouble",
        "distress",
    ),
    ("refund {loss} to {p}", "refund {loss}", "loss"),
)
APOLOGY_GUIDANCE = (
    "We publish guidance on remedies which sets out our expectations for how organisations should "
    "apologise effectively to remedy injustice. {Body} should consider this guidance in making "
    "the apology I have recommended in my findings."
)
REPORT_RECOMMENDATION = (
    "{Body} must consider the report and confirm within three months the action it has taken or "
    "proposes to take. {Body} should consider the report at its full Council, Cabinet or other "
    "appropriately delegated committee of elected members and we will require evidence of this. "
    "(Local Government Act 1974, section 31(2), as amended)"
)
NOT_INVESTIGATED = (
    "{p} also complained about events more than 12 months before {he} came to us. I have not "
    "investigated this part of the complaint because I have seen no good reason why {he} did not "
    "complain sooner.",
    "{p} also wants compensation for damage to {his} property. I have not investigated this "
    "because it is a claim the courts are better placed to decide.",
    "I have not investigated {p}’s complaint about the conduct of a police officer. This is "
    "because it is not a matter about {body}, so it is outside our jurisdiction.",
)
SIGNATURES = (
    "Investigator's decision on behalf of the Ombudsman",
    "Investigator’s decision on behalf of the Ombudsman",
    "Assistant Ombudsman's decision on behalf of the Ombudsman",
)
FURNITURE = (
    "Skip to main content", "Privacy settings", "We use cookies to make this site work",
    "Required cookies", "Analytics cookies", "Accept all cookies", "Reject analytics cookies",
    "Decisions search",
)  # fmt: skip
REMEDY_LABELS = {
    "apology": "Apology",
    "distress": "Financial redress: Avoidable distress/time and trouble",
    "loss": "Financial redress: Quantifiable loss",
    "service": "Financial redress: Loss of service",
    "procedure": "Procedure or policy change/review",
    "training": "Training and guidance",
}
# Rare words (a few real, most invented) so that searches for a term found in only a handful of
# decisions have something to find.
RARE_WORDS = (
    "gallimaufry", "kerfuffle", "brouhaha", "hullabaloo", "bumbershoot", "snollygoster",
    "quockerwodger", "flibbertigibbet", "gobbledygook", "lollapalooza", "skullduggery",
    "rigmarole", "codswallop", "balderdash", "tatterdemalion", "mumpsimus", "donnybrook",
    "zumblewick", "frangipoddle", "quibblethwaite", "snorkelgrue", "wobbleswain", "pludderwick",
    "crinklemoss", "thrumbleton", "gazebolt", "mizzlecote", "brumbleyard", "fettlewhin",
    "sprocketmoor",
)  # fmt: skip
RARE_SENTENCES = (
    "{p} described the officer’s letter as “{rare}”.",
    "{He} said the whole process had been a {rare}.",
    "The file also refers to a {rare} at the property, which I have not considered further.",
    "{He} called it a ‘{rare}’ in {his} complaint.",
)
TITLES = (("Mr", "he"), ("Mr", "he"), ("Mr", "he"), ("Mrs", "she"), ("Mrs", "she"),
          ("Miss", "she"), ("Ms", "she"))  # fmt: skip
PRONOUNS = {
    "he": {"he": "he", "He": "He", "his": "his", "His": "His", "him": "him"},
    "she": {"he": "she", "He": "She", "his": "her", "His": "Her", "him": "her"},
}
LETTERS = "ABCDEFGHJKLMNPRSTWXXXXXXXXXXXXX"
RELATIVES = (("mother", "Mrs"), ("father", "Mr"), ("husband", "Mr"), ("wife", "Mrs"),
             ("brother", "Mr"), ("sister", "Ms"), ("aunt", "Miss"))  # fmt: skip
STREETS = ("Road", "Street", "Lane", "Avenue", "Close", "Way", "Crescent")
SCHOOLS = ("Primary School", "Academy", "High School", "Community School", "Church of England "
           "Primary School")  # fmt: skip
STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
