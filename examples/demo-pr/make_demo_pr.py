"""Build a demo pull request for ``reviewbot review``: a small order service and a feature branch.

    python examples/demo-pr/make_demo_pr.py /tmp/demo-pr
    cd /tmp/demo-pr && reviewbot review --base main --dry-run

``main`` holds the service as it is; ``feature/refunds`` adds refunds the way a hurried pull
request does: a mutable default argument (correctness), a list membership test and a query per
item inside a loop (performance), a pricing function that grows well past its complexity limit
(complexity increase), a stray ``print`` and an unused import (convention), a TODO without an
issue link, a migration, and a new dependency in pyproject.toml without the uv.lock update. It
also fixes a bare ``except`` and moves the reports module, which must not count as new.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

_ENV = {
    "GIT_AUTHOR_NAME": "Ada Demo",
    "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_COMMITTER_NAME": "Ada Demo",
    "GIT_COMMITTER_EMAIL": "ada@example.com",
    "GIT_AUTHOR_DATE": "2026-01-05T10:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-05T10:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": os.devnull,
}

PYPROJECT = """\
[project]
name = "orders-service"
version = "1.4.0"
requires-python = ">=3.10"
dependencies = [
    "django>=5.0",
    "requests>=2.31",
{extra}]

[tool.ruff]
line-length = 100
target-version = "py310"

[tool.reviewbot]
preset = "recommended"
# Review-only rules (RB206, RB5xx) and the advisory performance checks this team wants.
extend-select = ["RB206", "RB5", "RB301", "RB302", "RB304"]

[tool.reviewbot.thresholds]
cognitive = 15
cognitive-min-lines = 1  # at any length (the preset reports only functions of 90 statements)
"""

UV_LOCK = """\
version = 1
requires-python = ">=3.10"

[[package]]
name = "django"
version = "5.0.6"

[[package]]
name = "requests"
version = "2.32.3"
"""

MODELS = '''\
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

    @property
    def subtotal(self) -> Decimal:
        return sum((line.unit_price * line.quantity for line in self.lines), Decimal("0"))
'''

PRICING_BASE = '''\
"""Discounts and VAT for orders."""

from __future__ import annotations

from decimal import Decimal

from orders.models import Order

TIER_RATES = {"gold": Decimal("0.10"), "silver": Decimal("0.05")}


def discount(order: Order) -> Decimal:
    """The discount for an order: the customer's tier rate, more for large gold orders."""
    total = order.subtotal
    rate = TIER_RATES.get(order.customer.tier, Decimal("0"))
    if order.customer.tier == "gold" and total > 500:
        rate = Decimal("0.15")
    if order.coupon and order.coupon.startswith("STAFF"):
        rate = Decimal("0.30")
    return (total * rate).quantize(Decimal("0.01"))


def vat_rate(country: str) -> Decimal:
    """The VAT rate for a country; unknown countries pay none."""
    try:
        return {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21")}[country]
    except:
        return Decimal("0")
'''

PRICING_HEAD = '''\
"""Discounts and VAT for orders."""

from __future__ import annotations

from decimal import Decimal

from orders.models import Order

TIER_RATES = {"gold": Decimal("0.10"), "silver": Decimal("0.05")}
VAT_RATES = {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21")}


def discount(order: Order, campaigns: list[dict]) -> Decimal:
    """The discount for an order: the customer's tier rate, more for large gold orders."""
    total = order.subtotal
    rate = TIER_RATES.get(order.customer.tier, Decimal("0"))
    if order.customer.tier == "gold" and total > 500:
        rate = Decimal("0.15")
    for campaign in campaigns:
        if campaign["code"] != order.coupon:
            continue
        if campaign.get("min_total") and total < campaign["min_total"]:
            continue
        if campaign.get("countries"):
            if order.customer.country not in campaign["countries"]:
                continue
            elif campaign.get("exclude_gold") and order.customer.tier == "gold":
                continue
        rate = max(rate, Decimal(str(campaign["rate"])))
    if order.coupon and order.coupon.startswith("STAFF"):
        rate = Decimal("0.30")
    return (total * rate).quantize(Decimal("0.01"))


def vat_rate(country: str) -> Decimal:
    """The VAT rate for a country; unknown countries pay none."""
    return VAT_RATES.get(country, Decimal("0"))
'''

REPORTS = '''\
"""Plain-text reports for the finance team."""

from __future__ import annotations

from orders.models import Order


def monthly_report(orders: list[Order]) -> str:
    report = ""
    for order in orders:
        report += f"{order.id:>6}  {order.customer.name:<20}  {order.subtotal:>10}\\n"
    return report
'''

REFUNDS = '''\
"""Refunds for returned order lines."""

from __future__ import annotations

import logging
from decimal import Decimal

from orders.models import Order
from shop.models import Refund


def issue_refunds(order: Order, returns: list, notes=[]) -> Decimal:
    """Refund every returned line of ``order`` and record one Refund row per line."""
    returned = [item.sku for item in returns]
    refunded = Decimal("0")
    for line in order.lines:
        if line.sku in returned:
            amount = line.unit_price * line.quantity
            Refund.objects.create(order_id=order.id, sku=line.sku, amount=amount)
            refunded += amount
            notes.append(f"{line.sku}: {amount}")
    # TODO: handle store credit
    print(f"refunded {refunded} on order {order.id}")
    return refunded


def can_refund(order: Order, refunded_ids: set[int]) -> bool:
    """Whether ``order`` has not been refunded yet."""
    return not order.id in refunded_ids
'''

SHOP_MODELS_BASE = '''\
"""Database models of the shop."""

from django.db import models


class Invoice(models.Model):
    order_id = models.IntegerField()
    total = models.DecimalField(max_digits=10, decimal_places=2)
'''

SHOP_MODELS_HEAD = (
    SHOP_MODELS_BASE
    + """

class Refund(models.Model):
    order_id = models.IntegerField()
    sku = models.CharField(max_length=40)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
"""
)

MIGRATION_INITIAL = """\
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Invoice",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("order_id", models.IntegerField()),
                ("total", models.DecimalField(max_digits=10, decimal_places=2)),
            ],
        ),
    ]
"""

MIGRATION_REFUND = """\
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.CreateModel(
            name="Refund",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("order_id", models.IntegerField()),
                ("sku", models.CharField(max_length=40)),
                ("amount", models.DecimalField(max_digits=10, decimal_places=2)),
            ],
        ),
    ]
"""

TESTS = """\
from decimal import Decimal

from orders.models import Customer, Line, Order
from orders.pricing import discount, vat_rate


def make_order(tier: str, amount: str, coupon: str | None = None) -> Order:
    customer = Customer(id=1, name="Ada", tier=tier)
    return Order(id=7, customer=customer, lines=[Line("SKU-1", 1, Decimal(amount))], coupon=coupon)


def test_gold_discount() -> None:
    assert discount(make_order("gold", "600")) == Decimal("90.00")


def test_unknown_country_has_no_vat() -> None:
    assert vat_rate("XX") == Decimal("0")
"""

BASE_FILES = {
    "pyproject.toml": PYPROJECT.format(extra=""),
    "uv.lock": UV_LOCK,
    "orders/__init__.py": '"""Orders: pricing, refunds and reports."""\n',
    "orders/models.py": MODELS,
    "orders/pricing.py": PRICING_BASE,
    "orders/reports.py": REPORTS,
    "shop/__init__.py": "",
    "shop/models.py": SHOP_MODELS_BASE,
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": MIGRATION_INITIAL,
    "tests/test_pricing.py": TESTS,
}

HEAD_FILES = {
    "pyproject.toml": PYPROJECT.format(extra='    "stripe>=9.0",\n'),
    "orders/pricing.py": PRICING_HEAD,
    "orders/refunds.py": REFUNDS,
    "shop/models.py": SHOP_MODELS_HEAD,
    "shop/migrations/0002_refund.py": MIGRATION_REFUND,
}

#: Moved without a change: its findings are still open, not new.
MOVED = {"orders/reports.py": "orders/reporting.py"}

DESCRIPTION = "Refunds.\n"


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity and dates, so the commits are reproducible."""
    env = {**os.environ, **_ENV}
    done = subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return done.stdout


def write(root: Path, files: dict[str, str]) -> None:
    """Write ``files`` under ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def make_demo_pr(root: Path) -> Path:
    """Create the demo repository at ``root`` (which must not exist or be empty)."""
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise SystemExit(f"{root} is not empty; pick a new folder")
    git(root, "init", "-q")
    write(root, BASE_FILES)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Order service 1.4")
    git(root, "checkout", "-q", "-b", "feature/refunds")
    for old, new in MOVED.items():
        git(root, "mv", old, new)
    write(root, HEAD_FILES)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Refunds for returned lines; campaign discounts")
    return root


def main(argv: list[str]) -> int:
    """``make_demo_pr.py TARGET``."""
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: make_demo_pr.py TARGET", file=sys.stderr)
        return 2
    root = make_demo_pr(Path(argv[0]))
    print(f"demo pull request ready in {root} (branch feature/refunds, base main); try:")
    print(f"  cd {root} && reviewbot review --base main --dry-run")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
