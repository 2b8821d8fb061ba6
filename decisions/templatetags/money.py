"""{{ amount|pounds }}: an amount of money as the decisions write it, "£1,250" or "£1,250.50"."""

from decimal import Decimal

from django import template

from decisions.extraction import remedies

register = template.Library()


@register.filter
def pounds(amount) -> str:
    if amount is None or amount == "":
        return ""
    return remedies.pounds(Decimal(amount))
