"""RB304 on a Django service module and a SQLAlchemy repository: exactly the N+1 lines."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from tests.rules.marked import REGISTRY, flagged_lines, marked_lines

DJANGO_SERVICES = """\
from django.db import transaction
from django.db.models import Count

from shop.models import Customer, Invoice, Order, OrderLine, Product


def ship_orders(lines):
    for line in lines:
        order = Order.objects.get(pk=line.order_id)  # <- RB304
        order.status = "shipped"
        order.save()  # `lines` is a parameter: `order` is not from a known queryset


def ship_orders_batched(lines):
    ids = {line.order_id for line in lines}
    Order.objects.filter(pk__in=ids).update(status="shipped")
    orders = Order.objects.in_bulk(ids)
    for line in lines:
        print(orders[line.order_id].status)


def expire_unpaid():
    stale = Order.objects.filter(paid=False)
    for order in stale:
        order.expired = True
        order.save(update_fields=["expired"])  # <- RB304


def invoice_report():
    rows = []
    for invoice in Invoice.objects.filter(sent=True):
        rows.append(
            (
                invoice.customer.email,  # <- RB304
                invoice.customer.name,  # the same relation, already loaded
                invoice.created_at.year,  # a date field, not a relation
                invoice.lines.count(),  # <- RB304
            )
        )
    return rows


def invoice_report_prefetched():
    rows = []
    invoices = Invoice.objects.select_related("customer").prefetch_related("lines")
    for invoice in invoices.filter(sent=True):
        rows.append((invoice.customer.email, invoice.lines.count()))
    return rows


def stock_levels(skus):
    levels = {}
    for sku in skus:
        levels[sku] = Product.objects.filter(sku=sku).values_list("stock", flat=True).first()  # <- RB304
    return levels


def status_counts():
    counts = {}
    for status in ("new", "paid", "shipped"):
        counts[status] = Order.objects.filter(status=status).count()
    return counts


def grouped_counts():
    return Order.objects.values("status").annotate(n=Count("pk"))


def create_lines(order, items):
    for item in items:
        OrderLine.objects.create(order=order, sku=item["sku"], qty=item["qty"])  # <- RB304


def create_lines_bulk(order, items):
    OrderLine.objects.bulk_create(
        [OrderLine(order=order, sku=item["sku"], qty=item["qty"]) for item in items]
    )


def first_free_slug(base):
    for n in range(1, 100):
        slug = f"{base}-{n}"
        if not Product.objects.filter(slug=slug).exists():
            return slug
    return None


def archive_in_batches(total):
    for start in range(0, total, 500):
        batch = Order.objects.filter(archived=False).order_by("pk")[start : start + 500]
        Order.objects.filter(pk__in=[o.pk for o in batch]).update(archived=True)


def customer_totals(customers):
    totals = {}
    for customer in customers:
        paid = [o.total for o in Order.objects.filter(customer=customer, paid=True)]  # <- RB304
        totals[customer.pk] = sum(paid)
    return totals


def tag_orders(orders):
    default = Customer.objects.get(pk=1)
    for order in orders:
        order.tag = default.tag


@transaction.atomic
def delete_cancelled():
    for order in Order.objects.filter(cancelled=True):
        order.delete()  # <- RB304


def welcome(users):
    for user in users:
        user.avatar.save("avatar.png", b"")  # a file field's save(name, content)
        user.save(update_fields=["welcomed"])  # <- RB304


def active_emails():
    return [c.user.email for c in Customer.objects.filter(active=True)]  # <- RB304


def export_rows():
    return [row["total"] for row in Order.objects.values("total")]


def poll(job_ids):
    while job_ids:
        job = Order.objects.filter(pk__in=job_ids).first()
        job_ids = [j for j in job_ids if j != job.pk]
"""

SQLALCHEMY_REPOSITORY = """\
from sqlalchemy import create_engine, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, sessionmaker

from app.models import Order, User

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine)


def users_by_id(ids):
    session = SessionLocal()
    found = []
    for user_id in ids:
        found.append(session.get(User, user_id))  # <- RB304
    return found


def users_by_id_batched(ids):
    with Session(engine) as session:
        return session.scalars(select(User).where(User.id.in_(ids))).all()


def names(ids):
    with Session(engine) as session:
        return [session.scalars(select(User.name).where(User.id == i)).one() for i in ids]  # <- RB304


def order_counts(db: Session, customer_ids):
    totals = {}
    for cid in customer_ids:
        totals[cid] = db.query(Order).filter(Order.customer_id == cid).count()  # <- RB304
    return totals


def legacy_names(db, ids):
    return [db.query(User).filter(User.id == i).first().name for i in ids]  # <- RB304


def build_queries(db, ids):
    return [db.query(User).filter(User.id == i) for i in ids]


def insert_rows(session: Session, rows):
    for row in rows:
        session.execute(insert(Order).values(**row))  # <- RB304


def insert_rows_at_once(session: Session, rows):
    session.execute(insert(Order), rows)


def stage(session: Session, users):
    for user in users:
        session.add(user)
    session.commit()


async def load_async(session: AsyncSession, ids):
    users = []
    for uid in ids:
        users.append(await session.get(User, uid))  # <- RB304
    return users


def fetch_pages(session, urls):
    return [session.get(url) for url in urls]


def scan(session: Session, pages):
    for page in range(0, pages, 100):
        session.execute(select(User).offset(page).limit(100))
"""


def test_django_service_module_flags_exactly_the_n_plus_one_lines() -> None:
    assert flagged_lines(DJANGO_SERVICES, "RB304") == marked_lines(DJANGO_SERVICES, "RB304")


def test_sqlalchemy_repository_flags_exactly_the_per_iteration_queries() -> None:
    assert flagged_lines(SQLALCHEMY_REPOSITORY, "RB304") == marked_lines(
        SQLALCHEMY_REPOSITORY, "RB304"
    )


def test_messages_name_the_query_the_loop_and_the_batch_api() -> None:
    messages = [f.message for f in findings_for("RB304", DJANGO_SERVICES, REGISTRY, {})]
    assert messages[0] == (
        "`Order.objects.get(pk=line.order_id)` inside `for line in lines:` runs one query per "
        "iteration; load them all before the loop with one `Order.objects.in_bulk(ids)` or "
        "`filter(<field>__in=...)` and look them up in a dict (the loop walks `lines`, records the "
        "caller passes in)"
    )
    assert "`invoice.customer.email`" in messages[2] and "likely" in messages[2]
    assert "select_related('customer')" in messages[2]
    assert "bulk_create" in messages[5]


def test_sqlalchemy_writes_get_executemany_advice() -> None:
    found = findings_for("RB304", SQLALCHEMY_REPOSITORY, REGISTRY, {})
    insert_finding = next(f for f in found if "insert(Order)" in f.message)
    assert "one `session.execute(stmt, rows)`" in insert_finding.message


# Shapes that the precision benchmark (tests/benchmarks/PRECISION.md) found reported wrongly.
PRECISION_NEAR_MISSES = """\
from django.db import transaction


def expire(orders):
    for order in orders:
        with transaction.atomic():
            locked = Order.objects.select_for_update(nowait=True).get(pk=order.pk)
            locked.expire()


def refresh_rates():
    sources = {"ecb": fetch_ecb, "cnb": fetch_cnb, "nbp": fetch_nbp}
    for name, fetch in sources.items():
        if not Rate.objects.filter(source=name).exists():
            fetch()


def refresh_some(sources):
    for name, fetch in sources.items():
        if not Rate.objects.filter(source=name).exists():  # <- RB304
            fetch()


def copy_bundles(items):
    for bundle in Bundle.objects.filter(template=True):
        bundle.pk = None
        bundle.item = items[bundle.item_id]
        bundle.save(force_insert=True)  # <- RB304


def copy_event_bundles(other, items):
    # the bundles of one event, as `other.bundles.all()` would walk them: one object's rows
    for bundle in Bundle.objects.filter(event=other):
        bundle.pk = None
        bundle.item = items[bundle.item_id]
        bundle.save(force_insert=True)
"""


def test_row_locks_and_written_out_dicts_are_not_n_plus_one() -> None:
    assert flagged_lines(PRECISION_NEAR_MISSES, "RB304") == marked_lines(
        PRECISION_NEAR_MISSES, "RB304"
    )


def test_forced_inserts_get_bulk_create_advice() -> None:
    found = findings_for("RB304", PRECISION_NEAR_MISSES, REGISTRY, {})
    insert = next(f for f in found if "force_insert" in f.message)
    assert "one INSERT per row" in insert.message
    assert "`Bundle.objects.bulk_create(objects)`" in insert.message
    assert "bulk_update" not in insert.message


# What each row is written with decides the batch: one `.update()`, `bulk_update`, or none.
WRITES = """\
def reprice(items):
    for item in items:
        Product.objects.filter(sku=item.sku).update(price=item.price)  # <- RB304


def close_all(tickets):
    for ticket in tickets:
        Ticket.objects.filter(pk=ticket.pk).update(status="closed")  # <- RB304


def double():
    for order in Order.objects.filter(paid=False):
        order.total = order.subtotal * 2
        order.save(update_fields=["total"])  # <- RB304


def expire():
    for order in Order.objects.filter(paid=False):
        order.expired = True
        order.save(update_fields=["expired"])  # <- RB304


def nest(labels):
    parent = None
    for label in labels:
        parent = Folder.objects.create(label=label, parent=parent)  # <- RB304
    return parent


def chain(labels):
    made = []
    for label in labels:
        node = Folder.objects.create(label=label, parent=made[-1] if made else None)  # <- RB304
        made.append(node)
    return made


def add_lines(order, items):
    for item in items:
        line = OrderLine.objects.create(order=order, sku=item.sku)  # <- RB304
        line.notify()
"""


def _advice(source: str) -> dict[int, str]:
    return {f.line: f.message for f in findings_for("RB304", source, REGISTRY, {})}


def test_update_advice_follows_whether_the_value_depends_on_the_row() -> None:
    assert flagged_lines(WRITES, "RB304") == marked_lines(WRITES, "RB304")
    advice = _advice(WRITES)
    assert "each row gets its own value (`price=item.price` changes with the loop)" in advice[3]
    assert "`Product.objects.bulk_update(objs, fields)`" in advice[3]
    assert "filter(<field>__in=...).update" not in advice[3]
    assert "`Ticket.objects.filter(<field>__in=...).update(...)`" in advice[8]
    assert "bulk_update" not in advice[8]
    assert "`order.total` differs per row" in advice[14]
    assert "`.update(" not in advice[14]
    assert "one `.update(expired=True)` on the queryset" in advice[20]
    assert "bulk_update" not in advice[20]


def test_a_create_a_later_iteration_reads_is_not_told_to_bulk_create() -> None:
    advice = _advice(WRITES)
    assert advice[26].startswith(
        "`Folder.objects.create(label=label, parent=parent)` inside `for label in labels:` runs "
        "one query per iteration; `bulk_create` cannot batch it, because each iteration uses "
        "the row the previous one created (`parent`): expect one round trip per item"
    )
    assert "(`made[...]`)" in advice[33] and "cannot batch" in advice[33]
    assert "one `OrderLine.objects.bulk_create(objs)`" in advice[40]


CHUNKED = """\
from itertools import batched


def purge(ids):
    for chunk in batched(ids, 900):
        stale = Order.objects.filter(pk__in=chunk)
        stale.delete()


def purge_slices(ids, size):
    for n in range(len(ids) // size + 1):
        part = ids[n * size : (n + 1) * size]
        Order.objects.filter(pk__in=part).delete()


def purge_windows(windows):
    for batch in windows:
        Order.objects.filter(pk__gte=batch[0], pk__lte=batch[-1]).delete()


def mark(id_batches):
    for ids in id_batches:
        Order.objects.filter(pk__range=(min(ids), max(ids))).update(expired=True)


def split(ids, size):
    for part in [ids[i : i + size] for i in range(0, len(ids), size)]:
        Order.objects.filter(id__range=(part[0], part[-1])).delete()


def per_row(batches):
    for batch in batches:
        for order_id in batch:
            Order.objects.filter(pk=order_id).delete()  # <- RB304


def by_code(rows):
    for row in rows:
        Product.objects.filter(sku=row.code[:8]).delete()  # <- RB304
"""


def test_deletes_and_updates_chunked_on_purpose_are_not_an_n_plus_one() -> None:
    assert flagged_lines(CHUNKED, "RB304") == marked_lines(CHUNKED, "RB304")


def test_first_and_latest_keep_one_row_per_key_since_keys_can_repeat() -> None:
    source = (
        "def newest(customers):\n"
        "    for customer in customers:\n"
        "        print(Order.objects.filter(customer=customer).latest('created'))\n"
        "\n\n"
        "def cheapest(skus):\n"
        "    for sku in skus:\n"
        "        print(Offer.objects.filter(sku=sku).order_by('price').first())\n"
        "\n\n"
        "def owners(ids):\n"
        "    for pk in ids:\n"
        "        print(User.objects.get(pk=pk))\n"
    )
    advice = _advice(source)
    assert "keep the last row per key (`by_key[key] = row`)" in advice[3]
    assert "keep the first row per key (`by_key.setdefault(key, row)`)" in advice[8]
    assert "one `User.objects.in_bulk(ids)`" in advice[13]
    assert "row per key" not in advice[13]


INVARIANT_READS = '''\
from sqlalchemy import select, update


def price_lines(lines, currency):
    for line in lines:
        rate = Rate.objects.get(currency=currency)  # <- RB304
        line.total = line.amount * rate.value


def tax_charges(session, charges, country):
    for charge in charges:
        rate = session.scalars(select(TaxRate).where(TaxRate.country == country)).one()  # <- RB304
        charge.tax = charge.amount * rate.value


def price_lines_once(lines, currency):
    rate = Rate.objects.get(currency=currency)
    for line in lines:
        line.total = line.amount * rate.value


def number_orders(orders):
    for order in orders:
        last = Counter.objects.get(name="orders")  # the loop writes: the next read differs
        order.number = last.value + 1
        last.value += 1
        last.save()


def wait_for(job_id):
    while True:
        if Job.objects.get(pk=job_id).done:  # polling until the row changes is the point
            return


def close_all(session, ids):
    for job_id in ids:
        session.execute(update(Job).where(Job.id == job_id).values(open=False))  # <- RB304
'''


def test_a_read_nothing_in_the_loop_changes_is_one_query_too_many() -> None:
    assert flagged_lines(INVARIANT_READS, "RB304") == marked_lines(INVARIANT_READS, "RB304")
    first, second, _ = findings_for("RB304", INVARIANT_READS, REGISTRY, {})
    assert first.message.startswith(
        "`Rate.objects.get(currency=currency)` inside `for line in lines:` runs the same query "
        "on every iteration: nothing it reads changes in the loop; run it once before the loop"
    )
    assert "runs the same database round trip on every iteration" in second.message
