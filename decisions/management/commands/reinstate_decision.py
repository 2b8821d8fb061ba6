from decisions.corrections import reinstate
from decisions.management.correcting import CorrectionCommand


class Command(CorrectionCommand):
    help = "Reinstate a withdrawn decision, as it was when it was withdrawn."

    def change(self, reference, reason, editor, **options):
        decision = reinstate(reference, reason, editor)
        return f"reinstated {decision.reference} ({decision.organisation_names}): {reason}"
