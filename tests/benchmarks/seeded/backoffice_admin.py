"""Django admin for the back-office: customers, accounts, orders, invoices and support."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import Truncator

from backoffice_models import (
    Account,
    Coupon,
    Customer,
    Invoice,
    Order,
    OrderLine,
    SupportTicket,
    Tag,
    TicketComment,
)


class CreatedByAdminMixin:
    """Stamp new records with the member of staff who created them."""

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags, with how many customers carry each."""

    list_display = ("name", "slug", "colour", "is_risk", "customer_count")
    list_filter = ("is_risk",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tag]:
        return super().get_queryset(request).annotate(_customer_count=Count("customers", distinct=True))

    @admin.display(description="Customers", ordering="_customer_count")
    def customer_count(self, obj: Tag) -> int:
        return obj._customer_count  # near-miss: annotated-count


@admin.register(Customer)
class CustomerAdmin(CreatedByAdminMixin, admin.ModelAdmin):
    """The customer list the account managers work from."""

    list_display = (
        "name",
        "email",
        "country",
        "plan_label",
        "account_manager",  # seeded: nullable-fk-in-list-display
        "tag_list",
        "on_risk_list",
        "open_ticket_count",
        "is_active",
    )
    list_filter = ("is_active", "plan_code", "country", "tags")
    search_fields = ("name", "email", "company")
    raw_id_fields = ("account_manager", "referred_by")
    filter_horizontal = ("tags",)
    readonly_fields = ("created_by", "created_at", "updated_at")
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Customer]:
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="Plan", ordering="plan_code")
    def plan_label(self, obj: Customer) -> str:
        return obj.plan.label  # near-miss: property-not-relation

    @admin.display(description="Tags")
    def tag_list(self, obj: Customer) -> str:
        return ", ".join(tag.name for tag in obj.tags.all())  # near-miss: prefetched-all

    @admin.display(description="Risk", boolean=True)
    def on_risk_list(self, obj: Customer) -> bool:
        return obj.tags.filter(is_risk=True).exists()  # seeded: filter-bypasses-prefetch

    @admin.display(description="Open tickets")
    def open_ticket_count(self, obj: Customer) -> int:
        return obj.tickets.filter(status=SupportTicket.Status.OPEN).count()  # seeded: reverse-manager-per-row


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    """Billing accounts, for the finance team."""

    list_display = (
        "iban",
        "customer",  # near-miss: non-null-fk-auto-joined
        "customer_email",
        "relationship_manager",
        "currency",
        "balance",
        "credit_limit",
        "frozen",
    )
    list_filter = ("currency", "frozen")
    search_fields = ("iban", "customer__name", "customer__email")
    raw_id_fields = ("customer",)
    readonly_fields = ("balance", "created_at", "updated_at")

    @admin.display(description="Email", ordering="customer__email")
    def customer_email(self, obj: Account) -> str:
        return obj.customer.email  # near-miss: auto-joined-attribute

    @admin.display(description="Account manager")
    def relationship_manager(self, obj: Account) -> str:
        manager = obj.customer.account_manager  # seeded: nullable-fk-past-auto-join
        return manager.get_full_name() if manager else "—"


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    fields = ("sku", "description", "quantity", "unit_price")


@admin.register(Coupon)
class CouponAdmin(admin.ModelAdmin):
    list_display = ("code", "percent_off", "valid_until")
    search_fields = ("code",)
    date_hierarchy = "valid_until"


@admin.register(Order)
class OrderAdmin(CreatedByAdminMixin, admin.ModelAdmin):
    """Orders, newest first."""

    list_display = (
        "number",
        "customer",
        "coupon",  # near-miss: nullable-fk-list-select-related
        "status",
        "placed_at",
        "total",
        "units",
        "line_count",
    )
    list_select_related = ("customer", "coupon")
    list_filter = ("status", "currency")
    search_fields = ("number", "customer__name", "customer__email")
    date_hierarchy = "placed_at"
    raw_id_fields = ("customer", "coupon")
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = (OrderLineInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Order]:
        return super().get_queryset(request).annotate(_units=Sum("lines__quantity"))

    @admin.display(description="Units", ordering="_units")
    def units(self, obj: Order) -> int:
        return obj._units or 0  # near-miss: annotated-sum

    @admin.display(description="Lines")
    def line_count(self, obj: Order) -> int:
        return obj.lines.count()  # seeded: reverse-count-per-row


@admin.register(Invoice)
class InvoiceAdmin(CreatedByAdminMixin, admin.ModelAdmin):
    """Receivables: issued invoices with their ageing."""

    list_display = (
        "number",
        "order_number",
        "discount_code",
        "customer_ref",
        "customer_name",
        "issued_on",
        "due_on",
        "amount",
        "ageing_bucket",
        "status",
    )
    list_select_related = ("order", "customer")
    list_filter = ("status", "issued_on")
    search_fields = ("number", "order__number", "customer__name")
    date_hierarchy = "issued_on"
    raw_id_fields = ("order", "customer")
    readonly_fields = ("created_by", "created_at", "updated_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Invoice]:
        return super().get_queryset(request).select_related("order__coupon")

    @admin.display(description="Order", ordering="order__number")
    def order_number(self, obj: Invoice) -> str:
        return obj.order.number  # near-miss: get-queryset-select-related

    @admin.display(description="Coupon")
    def discount_code(self, obj: Invoice) -> str:
        coupon = obj.order.coupon  # near-miss: get-queryset-select-related
        return coupon.code if coupon else ""

    @admin.display(description="Customer no.", ordering="customer_id")
    def customer_ref(self, obj: Invoice) -> str:
        return f"C-{obj.customer_id:06d}"  # near-miss: fk-id-column

    @admin.display(description="Customer", ordering="customer__name")
    def customer_name(self, obj: Invoice) -> str:
        return obj.customer.name  # seeded: list-select-related-ignored

    @admin.display(description="Ageing")
    def ageing_bucket(self, obj: Invoice) -> str:
        return obj.ageing.bucket  # near-miss: property-not-relation


@admin.register(SupportTicket)
class SupportTicketAdmin(CreatedByAdminMixin, admin.ModelAdmin):
    """The support queue."""

    list_display = (
        "subject",
        "customer",
        "assignee",  # near-miss: nullable-fk-list-select-related
        "priority",
        "status",
        "opened_by",
        "comment_count",
        "tag_list",
        "created_at",
    )
    list_select_related = ("customer", "assignee")
    list_filter = ("status", "priority", "tags")
    search_fields = ("subject", "customer__name", "customer__email")
    raw_id_fields = ("customer", "order", "assignee")
    filter_horizontal = ("tags",)
    readonly_fields = ("created_by", "created_at", "updated_at", "closed_at")
    actions = ("close_tickets",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[SupportTicket]:
        return super().get_queryset(request).prefetch_related("comments")

    @admin.display(description="Opened by")
    def opened_by(self, obj: SupportTicket) -> str:
        return obj.created_by.email  # seeded: inherited-fk-not-joined

    @admin.display(description="Comments")
    def comment_count(self, obj: SupportTicket) -> int:
        return obj.comments.count()  # near-miss: prefetched-count

    @admin.display(description="Tags")
    def tag_list(self, obj: SupportTicket) -> str:
        return ", ".join(tag.name for tag in obj.tags.all())  # seeded: m2m-all-per-row

    @admin.action(description="Close selected tickets")
    def close_tickets(self, request: HttpRequest, queryset: QuerySet[SupportTicket]) -> None:
        updated = queryset.exclude(status=SupportTicket.Status.CLOSED).update(
            status=SupportTicket.Status.CLOSED, closed_at=timezone.now()
        )
        self.message_user(request, f"Closed {updated} ticket(s).")


@admin.register(TicketComment)
class TicketCommentAdmin(CreatedByAdminMixin, admin.ModelAdmin):
    """Staff replies and internal notes, for moderation."""

    list_display = (
        "ticket",
        "created_by",  # near-miss: inherited-fk-auto-joined
        "excerpt",
        "is_internal",
        "created_at",
    )
    list_filter = ("is_internal",)
    search_fields = ("body", "ticket__subject")
    raw_id_fields = ("ticket",)
    readonly_fields = ("created_by", "created_at", "updated_at")

    @admin.display(description="Comment")
    def excerpt(self, obj: TicketComment) -> str:
        return Truncator(obj.body).chars(80)  # near-miss: own-field
