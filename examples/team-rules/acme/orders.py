"""Order endpoints."""

from acme.web import router
from acme.models import Order


@router.post("/orders")
def create_order(request, session):
    order = Order(**request.json)
    session.add(order)
    session.commit()
    return {"id": order.id}


@router.get("/orders/<int:order_id>")
def show_order(request, session, order_id):
    return session.get(Order, order_id).as_dict()
