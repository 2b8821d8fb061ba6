"""{{ amount|pounds }}: an amount of money as the decisions write it, "£1,250" or "£1,250.50"."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(amount) -> str:
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"
