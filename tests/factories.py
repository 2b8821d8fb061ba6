"""Small builders of decision files for tests, in the published compact layout."""


def decision_text(
    reference: str = "21 004 517",
    organisation: str = "Wrenmoor District Council",
    category: str | None = "Housing > Homelessness",
    outcome: str | None = "Upheld",
    decision_date: str | None = "5 Mar 2021",
    extra: dict[str, str] | None = None,
    summary: str = "The Council delayed reviewing Mr X’s homelessness application.",
    sections: dict[str, list[str]] | None = None,
    signature: str = "Investigator's decision on behalf of the Ombudsman",
) -> str:
    lines = [f"{organisation} ({reference})"]
    if category is not None:
        lines.append(f"Category : {category}")
    if outcome is not None:
        lines.append(f"Decision : {outcome}")
    if decision_date is not None:
        lines.append(f"Decision date : {decision_date}")
    lines += [f"{name} : {value}" for name, value in (extra or {}).items()]
    lines += ["The Ombudsman's final decision:", f"Summary: {summary}"]
    if sections is None:
        sections = {
            "The complaint": ["Mr X complains the Council took too long to review his case."],
            "What I found": ["The Council took eleven weeks, not the eight the law allows."],
            "Final decision": ["I have completed my investigation."],
        }
    for heading, paragraphs in sections.items():
        lines.append(heading)
        lines += [f"- {paragraph}" for paragraph in paragraphs]
    lines.append(signature)
    return "\n".join(lines) + "\n"
