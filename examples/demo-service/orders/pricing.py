"""Discount and tax rules. Grew one special case per sales campaign."""

from __future__ import annotations

from decimal import Decimal

from orders.models import Order

EU = ["AT", "BE", "DE", "DK", "ES", "FI", "FR", "IE", "IT", "NL", "PL", "PT", "SE"]


def discount(order: Order, campaigns=[]) -> Decimal:
    """Return the discount for an order."""
    total = order.subtotal
    rate = Decimal("0")
    if order.customer.tier == "gold":
        if total > 500:
            rate = Decimal("0.15")
        elif total > 100:
            rate = Decimal("0.10")
        else:
            rate = Decimal("0.05")
    elif order.customer.tier == "silver":
        if total > 500 and order.coupon:
            rate = Decimal("0.12")
        elif total > 500 or order.coupon == "SILVER":
            rate = Decimal("0.08")
    else:
        for campaign in campaigns:
            if campaign["code"] == order.coupon:
                if campaign.get("min_total") and total < campaign["min_total"]:
                    continue
                if campaign.get("countries") and order.customer.country not in campaign["countries"]:
                    continue
                rate = max(rate, Decimal(str(campaign["rate"])))
    if order.coupon and order.coupon.startswith("STAFF"):
        rate = Decimal("0.30") if order.customer.country in EU else Decimal("0.20")
    return (total * rate).quantize(Decimal("0.01"))


def vat_rate(country: str) -> Decimal:
    try:
        return {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21")}[country]
    except:
        return Decimal("0")
