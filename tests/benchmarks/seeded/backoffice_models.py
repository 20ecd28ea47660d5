"""Back-office models: customers, their accounts, orders, invoices and support tickets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property


@dataclass(frozen=True)
class Plan:
    """A subscription plan from the pricing catalogue (not stored in the database)."""

    code: str
    label: str
    monthly_fee: Decimal
    seats: int


PLANS = {
    "free": Plan("free", "Free", Decimal("0.00"), 1),
    "team": Plan("team", "Team", Decimal("49.00"), 10),
    "business": Plan("business", "Business", Decimal("199.00"), 50),
    "enterprise": Plan("enterprise", "Enterprise", Decimal("0.00"), 0),
}


class Ageing(NamedTuple):
    """Where an invoice sits in the receivables ageing report."""

    bucket: str
    days_overdue: int


class TimeStampedModel(models.Model):
    """Creation and last-modification timestamps."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditedModel(TimeStampedModel):
    """A record created by a member of staff, who stays on file for the audit trail."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="created_%(class)ss",
    )

    class Meta:
        abstract = True


class Tag(models.Model):
    """A label staff put on customers and tickets."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    colour = models.CharField(max_length=7, default="#6c757d")
    is_risk = models.BooleanField(
        default=False,
        help_text="Customers carrying this tag are held for manual review.",
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Customer(AuditedModel):
    """A company or person we sell to."""

    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    company = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2)
    plan_code = models.CharField(max_length=20, choices=[(code, plan.label) for code, plan in PLANS.items()])
    is_active = models.BooleanField(default=True)
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_customers",
    )
    referred_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="customers")

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @cached_property
    def plan(self) -> Plan:
        """The catalogue entry for ``plan_code``."""
        return PLANS[self.plan_code]

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name


class Account(TimeStampedModel):
    """The customer's billing account: one per customer."""

    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="account")
    iban = models.CharField(max_length=34, unique=True)
    currency = models.CharField(max_length=3, default="EUR")
    balance = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    credit_limit = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    frozen = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.iban} ({self.currency})"

    @property
    def available_credit(self) -> Decimal:
        return self.credit_limit + self.balance


class Coupon(models.Model):
    """A discount code customers enter at checkout."""

    code = models.CharField(max_length=32, unique=True)
    percent_off = models.PositiveSmallIntegerField()
    valid_until = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.code


class Order(AuditedModel):
    """An order placed by a customer, by phone or through the shop."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        PAID = "paid", "Paid"
        SHIPPED = "shipped", "Shipped"
        CANCELLED = "cancelled", "Cancelled"

    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="orders")
    coupon = models.ForeignKey(
        Coupon,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    placed_at = models.DateTimeField(null=True, blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))

    class Meta:
        ordering = ("-placed_at",)

    def __str__(self) -> str:
        return self.number


class OrderLine(models.Model):
    """One product line of an order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(max_length=40)
    description = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.quantity} × {self.sku}"

    @property
    def subtotal(self) -> Decimal:
        return self.unit_price * self.quantity


class Invoice(AuditedModel):
    """An invoice issued for an order."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"
        PAID = "paid", "Paid"
        VOID = "void", "Void"

    number = models.CharField(max_length=20, unique=True)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="invoices")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="invoices")
    issued_on = models.DateField(default=date.today)
    due_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    paid_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ("-issued_on", "-number")

    def __str__(self) -> str:
        return self.number

    @property
    def ageing(self) -> Ageing:
        """The ageing bucket, from ``due_on`` and ``paid_at`` alone."""
        if self.paid_at is not None or self.status == self.Status.VOID:
            return Ageing("settled", 0)
        days = (timezone.localdate() - self.due_on).days
        if days <= 0:
            return Ageing("current", 0)
        if days <= 30:
            return Ageing("1-30", days)
        if days <= 60:
            return Ageing("31-60", days)
        return Ageing("60+", days)


class SupportTicket(AuditedModel):
    """A customer's support request."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        WAITING = "waiting", "Waiting on customer"
        CLOSED = "closed", "Closed"

    class Priority(models.IntegerChoices):
        LOW = 1, "Low"
        NORMAL = 2, "Normal"
        HIGH = 3, "High"
        URGENT = 4, "Urgent"

    subject = models.CharField(max_length=200)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="tickets")
    order = models.ForeignKey(
        Order,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="tickets")

    class Meta:
        ordering = ("-priority", "created_at")

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"


class TicketComment(AuditedModel):
    """A staff reply or internal note on a ticket."""

    ticket = models.ForeignKey(SupportTicket, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField()
    is_internal = models.BooleanField(default=False)

    class Meta:
        ordering = ("created_at",)

    def __str__(self) -> str:
        return f"Comment {self.pk} on ticket {self.ticket_id}"
