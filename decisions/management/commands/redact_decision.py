from decisions.corrections import REDACTED, redact
from decisions.management.correcting import CorrectionCommand


class Command(CorrectionCommand):
    help = (
        f"Redact an exact passage (a word, a sentence or a paragraph) of a decision: it reads "
        f"{REDACTED} wherever it occurred, on the page, in the API, feeds and exports, and its "
        "words no longer find the decision. The passage is kept for staff only."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--text",
            required=True,
            help="the exact passage, as published (capitals and punctuation included)",
        )

    def change(self, reference, reason, editor, *, text, **options):
        redaction = redact(reference, text, reason, editor)
        return (
            f"redacted {len(redaction.passage):,} characters of {redaction.reference} "
            f"(now {REDACTED}): {redaction.reason}"
        )
