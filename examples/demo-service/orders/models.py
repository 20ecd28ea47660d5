"""Plain records the service passes around."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Customer:
    id: int
    name: str
    tier: str = "standard"
    country: str = "DE"


@dataclass
class Line:
    sku: str
    quantity: int
    unit_price: Decimal


@dataclass
class Order:
    id: int
    customer: Customer
    lines: list[Line] = field(default_factory=list)
    coupon: str | None = None
    status: str = "open"

    @property
    def subtotal(self) -> Decimal:
        return sum((line.unit_price * line.quantity for line in self.lines), Decimal("0"))
