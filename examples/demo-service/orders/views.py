"""Django views of the back office (analysed by reviewbot, not imported by the tests)."""

from django.http import JsonResponse

from shop.models import Invoice, Order


def invoice_orders(request, order_ids):
    created = []
    for order_id in order_ids:
        order = Order.objects.get(pk=order_id)
        invoice = Invoice(order=order, total=order.total)
        invoice.save()
        created.append(invoice.pk)
    return JsonResponse({"created": created})


def customer_names(request):
    names = []
    for order in Order.objects.filter(status="open"):
        names.append(order.customer.name)
    return JsonResponse({"names": names})


def cancel_order(request, order_id):
    order = Order.objects.get(pk=order_id)
    if order.status == "shipped":
        ValueError(f"order {order_id} has already shipped")
    order.status = "cancelled"
    order.save()
    return JsonResponse({"status": order.status})
