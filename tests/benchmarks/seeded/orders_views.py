"""Order desk views and services (Django)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404

from shop.models import Customer, Invoice, LineItem, Order, Product, Shipment

BATCH = 500
STATUSES = ("open", "paid", "shipped")


def order_summaries(request: HttpRequest) -> JsonResponse:
    """The order desk's table: one row per open order with its customer and item count."""
    rows = []
    for order in Order.objects.filter(status="open"):
        customer = Customer.objects.get(pk=order.customer_id)  # seeded: query-per-row-get
        items = LineItem.objects.filter(order=order).count()  # seeded: query-per-row-count
        rows.append({"id": order.pk, "customer": customer.name, "items": items})
    return JsonResponse({"rows": rows})


def order_summaries_fast(request: HttpRequest) -> JsonResponse:
    """The same table in two queries."""
    orders = Order.objects.filter(status="open").select_related("customer")
    orders = orders.annotate(item_count=Count("items"))
    rows = []
    for order in orders:
        name = order.customer.name  # near-miss: select-related-present
        rows.append({"id": order.pk, "customer": name, "items": order.item_count})
    return JsonResponse({"rows": rows})


def shipping_labels(request: HttpRequest) -> JsonResponse:
    """Address labels for every order paid today."""
    labels = []
    for order in Order.objects.filter(status="paid", paid_at__date=request.GET["day"]):
        city = order.customer.address.city  # seeded: related-attribute-per-row
        labels.append(f"{order.pk} {city}")
    return JsonResponse({"labels": labels})


def status_counts(request: HttpRequest) -> JsonResponse:
    """How many orders are in each status, for the dashboard's three tiles."""
    counts = {}
    for status in STATUSES:
        counts[status] = Order.objects.filter(status=status).count()  # near-miss: query-per-constant
    return JsonResponse(counts)


def flag_risky_orders(order_ids: list[int]) -> list[int]:
    """Orders whose customer has a chargeback on file."""
    risky = []
    for order_id in order_ids:
        order = Order.objects.filter(pk=order_id).first()  # seeded: query-per-row-first
        if order and Invoice.objects.filter(  # seeded: query-per-row-exists
            customer_id=order.customer_id, chargeback=True
        ).exists():
            risky.append(order_id)
    return risky


def flag_risky_orders_fast(order_ids: list[int]) -> list[int]:
    """The same with the chargebacks read once, before the loop."""
    flagged = set(
        Invoice.objects.filter(chargeback=True).values_list("customer_id", flat=True)
    )  # near-miss: query-hoisted
    orders = Order.objects.filter(pk__in=order_ids).only("pk", "customer_id")
    return [order.pk for order in orders if order.customer_id in flagged]  # near-miss: set-membership


def reprice_catalogue(rate: Decimal) -> None:
    """Apply a price change to every active product."""
    for product in Product.objects.filter(active=True):
        product.price = product.base_price * rate
        product.save()  # seeded: save-per-row


def reprice_catalogue_bulk(rate: Decimal) -> None:
    """The same in batches of BATCH with one UPDATE each."""
    products = list(Product.objects.filter(active=True))
    for product in products:
        product.price = product.base_price * rate  # near-miss: attribute-set-no-query
    Product.objects.bulk_update(products, ["price"], batch_size=BATCH)


def purge_old_shipments(cutoff: str) -> int:
    """Delete shipments before ``cutoff`` in chunks, so no single transaction locks the table."""
    deleted = 0
    while True:
        ids = list(Shipment.objects.filter(created__lt=cutoff).values_list("pk", flat=True)[:BATCH])
        if not ids:
            break
        with transaction.atomic():
            Shipment.objects.filter(pk__in=ids).delete()  # near-miss: chunked-delete
        deleted += len(ids)
    return deleted


def export_order_fields(order_pk: int) -> dict[str, str]:
    """Every concrete field of one order, for the support tool's raw view."""
    order = get_object_or_404(Order, pk=order_pk)
    values = {}
    for field in Order._meta.get_fields():  # near-miss: meta-fields-loop
        if field.concrete:
            values[field.name] = str(getattr(field, "attname", field.name) and field.value_from_object(order))
    return values


def invoice_totals(request: HttpRequest) -> JsonResponse:
    """Each customer's invoiced total (one aggregate query)."""
    totals = Invoice.objects.values("customer_id").annotate(total=Sum("amount"))
    return JsonResponse({"totals": {row["customer_id"]: str(row["total"]) for row in totals}})


def first_overdue_invoice(customer_ids: list[int]) -> Invoice | None:
    """The first overdue invoice among the customers, in the order given."""
    for customer_id in customer_ids:
        invoice = Invoice.objects.filter(customer_id=customer_id, overdue=True).first()  # seeded: query-per-row-first
        if invoice is not None:
            return invoice
    return None


def lookup_once(customer_ids: list[int]) -> Customer | None:
    """The first customer of the list; the loop only finds where to start."""
    for customer_id in customer_ids:
        if customer_id <= 0:
            continue
        customer = Customer.objects.get(pk=customer_id)  # near-miss: runs-once-then-break
        break
    else:
        return None
    return customer
