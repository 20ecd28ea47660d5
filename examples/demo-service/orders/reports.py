"""Plain-text reports for the finance team."""

from __future__ import annotations

from orders.models import Order


def monthly_report(orders: list[Order]) -> str:
    report = ""
    for order in orders:
        report += f"{order.id:>6}  {order.customer.name:<20}  {order.subtotal:>10}\n"
    return report


def vip_names(orders: list[Order], vip_ids: list[int]) -> list[str]:
    names = []
    for order in orders:
        if order.customer.id in vip_ids:
            names.append(order.customer.name)
    return names


def print_summary(orders: list[Order]) -> None:
    print(f"{len(orders)} orders")
