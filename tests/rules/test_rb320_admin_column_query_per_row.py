"""RB320 and RB322 on a shop's admin module: columns that query per row, beside their near
misses. Its models are imported, so no fact confirms them outside git: their reads are RB322's
guesses by name; the local ``Parcel``'s are RB320's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry
from tests.gitrepo import make_repo
from tests.rules.marked import flagged_lines, marked_lines

SOURCE = """\
from django.contrib import admin
from django.db import models
from django.db.models import Count, Prefetch

from shop.admin_base import BaseShopAdmin, ExportMixin
from shop.models import Customer, Invoice, Refund, Return, Shipment, Ticket


class Parcel(models.Model):
    code = models.CharField(max_length=20)
    courier = models.ForeignKey("Courier", null=True, on_delete=models.SET_NULL)
    depot = models.ForeignKey("Depot", on_delete=models.PROTECT)
    label_doc = models.JSONField(default=dict)


def customer_city(order):
    return order.customer.city  # <- RB322


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "customer_email", "line_count", "tag_names", "placed", customer_city)
    list_per_page = 50

    def customer_email(self, obj):
        return obj.customer.email  # <- RB322

    @admin.display(description="Lines")
    def line_count(self, obj):
        return obj.lines.count()  # <- RB322

    def tag_names(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())  # <- RB322

    def placed(self, obj):
        return obj.created_at.date() if obj.customer_id else obj.number

    def mark_paid(self, request, queryset):
        for invoice in queryset:
            invoice.payer.notify()


@admin.register(Parcel)
class ParcelAdmin(admin.ModelAdmin):
    list_display = ("code", "depot", "depot_city", "label_version", "courier_name")

    def depot_city(self, obj):
        return obj.depot.city

    def label_version(self, obj):
        return obj.label_doc.version

    def courier_name(self, obj): return obj.courier.name  # <- RB320


class ShipmentAdmin(admin.ModelAdmin):
    list_display = ("tracking", "carrier_name", "open_items")
    list_select_related = ("warehouse",)

    def get_queryset(self, request):
        items = Prefetch("items", queryset=Ticket.objects.all())
        return super().get_queryset(request).prefetch_related(items)

    def carrier_name(self, obj):
        return obj.carrier.name  # <- RB322

    def open_items(self, obj):
        return obj.items.filter(open=True).count()  # <- RB322


class ReturnAdmin(admin.ModelAdmin):
    list_display = ("number", "customer_email", "item_count", "region_name")
    list_select_related = ("customer",)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("items")
        return queryset.annotate(region_name=models.F("customer__region__name"))

    def customer_email(self, obj):
        return obj.customer.email

    def item_count(self, obj):
        return obj.items.count()

    def region_name(self, obj):
        return obj.region_name


class RefundAdmin(admin.ModelAdmin):
    list_display = ("number", "customer_email", "order_total")
    list_select_related = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total_lines=Count("order__lines"))

    def customer_email(self, obj):
        return obj.customer.email

    @admin.display(ordering="total_lines")
    def order_total(self, obj):
        return obj.total_lines


class CustomerAdmin(admin.ModelAdmin):
    list_display = ("name", "account", "account_owner")

    def account_owner(self, obj):
        return obj.account.owner


class TicketAdmin(admin.ModelAdmin):
    list_display = ("subject", "assignee_name")

    def get_queryset(self, request):
        return super().get_queryset(request).with_people()

    def assignee_name(self, obj):
        return obj.assignee.name


class TicketReport:
    list_display = ("subject", "assignee_name")

    def assignee_name(self, obj):
        return obj.assignee.name


class WarehouseAdmin(admin.ModelAdmin):
    list_display = ("name", "manager_email")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("manager__team")

    def manager_email(self, obj):
        return obj.manager.email


@admin.register(Ticket)
class TicketQueueAdmin(ExportMixin, BaseShopAdmin):
    list_display = ("subject", "reply_count")

    def reply_count(self, obj):
        return obj.replies.exists()  # <- RB322


admin.site.register(Shipment, ShipmentAdmin)
admin.site.register(Return, ReturnAdmin)
admin.site.register(Refund, RefundAdmin)
admin.site.register(Customer, CustomerAdmin)
admin.site.register(Ticket, TicketAdmin)
"""


def test_reports_exactly_the_marked_columns() -> None:
    assert flagged_lines(SOURCE, "RB320") == marked_lines(SOURCE, "RB320") == [53]
    assert flagged_lines(SOURCE, "RB322") == marked_lines(SOURCE, "RB322")


def _messages(source: str) -> dict[int, str]:
    """Both rules' messages by line (one rule per column)."""
    registry = builtin_registry()
    found = [f for code in ("RB320", "RB322") for f in findings_for(code, source, registry, {})]
    return {f.line: f.message for f in sorted(found, key=lambda f: f.line)}


def test_each_message_says_what_is_read_per_row_and_what_to_write() -> None:
    messages = _messages(SOURCE)
    assert messages[26] == (
        "`obj.customer.email` in column `customer_email` of `InvoiceAdmin` runs one query per "
        "row of every changelist page (50 rows) if `customer` is a relation (reviewbot cannot "
        "see `Invoice`'s fields); set `list_select_related = ('customer',)` on `InvoiceAdmin`"
    )
    assert "`super().get_queryset(request).annotate(lines_count=Count('lines'))`" in messages[30]
    assert "`super().get_queryset(request).prefetch_related('tags')`" in messages[33]
    assert "(100 rows by default); `select_related()` skips the nullable `courier`" in messages[53]
    assert messages[65].endswith("add `'carrier'` to `list_select_related`")
    assert "a prefetch does not serve `.filter()`" in messages[68]


def test_a_listed_nullable_foreign_key_is_reported_on_its_string() -> None:
    source = SOURCE.replace('"label_version", "courier_name")', '"label_version", "courier")')
    messages = _messages(source)
    assert list(messages) == [17, 26, 30, 33, 45, 65, 68, 143]
    assert messages[45].startswith(
        "column `courier` of `ParcelAdmin` shows `str(obj.courier)`: it runs one query per row"
    )


def test_a_get_queryset_select_related_replaces_list_select_related() -> None:
    source = SOURCE.replace(
        '.prefetch_related("items")', '.prefetch_related("items").select_related("store")'
    )
    messages = _messages(source)
    assert messages[80].endswith(
        "add `'customer'` to the `select_related(...)` in `ReturnAdmin.get_queryset`"
    )


def test_columns_of_a_model_defined_elsewhere_are_judged_by_their_reads_only() -> None:
    """``"account"`` may be a foreign key of Customer: listing one makes Django join them all,
    so the column reading ``obj.account.owner`` is not reported; without it, it is."""
    assert 108 not in _messages(SOURCE)
    alone = SOURCE.replace('("name", "account", "account_owner")', '("name", "account_owner")')
    assert 108 in _messages(alone)


EDGES = """\
from typing import ClassVar

from django.contrib import admin

from shop.admin_base import BaseShopAdmin
from shop.models import Team

RELATED = ("owner",)


@admin.register(Team)
class TeamAdmin(BaseShopAdmin):
    list_display: ClassVar = BaseShopAdmin.list_display + ("owner_name", "lead_name")

    def owner_name(self, obj):
        return obj.owner.name  # <- RB322

    @staticmethod
    def lead_name(team):
        return team.lead.name  # <- RB322


class SquadAdmin(admin.ModelAdmin):
    list_display = ("name", "owner_name")
    list_select_related = RELATED

    def owner_name(self, obj):
        return obj.owner.name


class CrewAdmin(admin.ModelAdmin):
    list_display = ("name", "owner_name")

    def get_queryset(self, request):
        return self.model.objects.visible()

    def owner_name(self, obj):
        return obj.owner.name
"""


def test_declarations_it_cannot_read_count_as_loading_everything() -> None:
    """An annotated, concatenated ``list_display`` and a static method are read; a
    ``list_select_related`` that is not a literal, or a custom manager method in
    ``get_queryset``, may join anything and silence the admin."""
    assert flagged_lines(EDGES, "RB322") == marked_lines(EDGES, "RB322")
    assert flagged_lines(EDGES, "RB320") == []


def _check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, int]]:
    arguments = ["check", str(root), "--format", "json", "--quiet", "--isolated", "--no-cache"]
    assert main([*arguments, *args]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    found = report["findings"]
    return [(item["rule"], item["line"]) for item in found if item["rule"] in ("RB320", "RB322")]


def test_the_default_preset_reports_confirmed_relations_and_strict_adds_the_guesses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"shop/admin.py": SOURCE})
    confirmed = [("RB320", line) for line in marked_lines(SOURCE, "RB320")]
    guessed = [("RB322", line) for line in marked_lines(SOURCE, "RB322")]
    assert sorted(_check(root, capsys, "--preset", "strict")) == sorted(confirmed + guessed)
    assert _check(root, capsys) == confirmed
