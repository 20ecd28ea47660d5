from decimal import Decimal

from orders.models import Customer, Line, Order
from orders.pricing import discount, vat_rate
from orders.reports import monthly_report, vip_names


def make_order(tier: str, amount: str, coupon: str | None = None) -> Order:
    customer = Customer(id=1, name="Ada", tier=tier)
    return Order(id=7, customer=customer, lines=[Line("SKU-1", 1, Decimal(amount))], coupon=coupon)


def test_gold_discount() -> None:
    assert discount(make_order("gold", "600")) == Decimal("90.00")


def test_silver_with_coupon() -> None:
    assert discount(make_order("silver", "600", "X")) == Decimal("72.00")


def test_unknown_country_has_no_vat() -> None:
    assert vat_rate("XX") == Decimal("0")


def test_report_lists_orders() -> None:
    assert "Ada" in monthly_report([make_order("gold", "10")])


def test_vip_names() -> None:
    assert vip_names([make_order("gold", "10")], [1]) == ["Ada"]
