from django.utils import timezone

from decisions.corrections import withdraw
from decisions.management.correcting import CorrectionCommand


class Command(CorrectionCommand):
    help = (
        "Withdraw a decision: its page answers 410 Gone with the reason, and it leaves search, "
        "counts, profiles, feeds, exports, the API and the sitemap. Its record is kept for "
        "staff; reinstate_decision brings it back."
    )

    def change(self, reference, reason, editor, **options):
        withdrawal = withdraw(reference, reason, editor)
        return (
            f"withdrew {withdrawal.reference} ({withdrawal.organisation_names}) "
            f"on {timezone.localtime(withdrawal.withdrawn_at):%Y-%m-%d %H:%M}: {withdrawal.reason}"
        )
