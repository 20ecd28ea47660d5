"""Billing run over the ledger database (SQLAlchemy 2.x session code)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from billing.models import Account, Charge, Plan, TaxRate

DEFAULT_INVOICE = {"lines": [], "currency": "EUR", "notes": {"footer": "", "terms": 30}}


def bill_accounts(session: Session, period: date) -> list[dict[str, object]]:
    """One draft invoice per active account for ``period``."""
    invoices = []
    accounts = session.execute(select(Account).where(Account.active.is_(True))).scalars()
    for account in accounts:
        plan = session.get(Plan, account.plan_id)  # seeded: query-per-row-session-get
        charges = session.execute(  # seeded: query-per-row-execute
            select(Charge).where(Charge.account_id == account.id, Charge.period == period)
        ).scalars().all()
        invoice = copy.deepcopy(DEFAULT_INVOICE)  # seeded: deepcopy-per-iteration
        invoice["lines"] = [(charge.label, charge.amount) for charge in charges]
        invoice["plan"] = plan.name
        invoices.append(invoice)
    return invoices


def bill_accounts_fast(session: Session, period: date) -> list[dict[str, object]]:
    """The same with the plans and charges loaded up front."""
    plans = {plan.id: plan for plan in session.execute(select(Plan)).scalars()}  # near-miss: query-hoisted
    statement = (
        select(Account)
        .where(Account.active.is_(True))
        .options(selectinload(Account.charges))
    )
    invoices = []
    for account in session.execute(statement).scalars():
        lines = [(c.label, c.amount) for c in account.charges if c.period == period]
        invoice = {"lines": lines, "currency": "EUR", "notes": dict(DEFAULT_INVOICE["notes"])}  # near-miss: shallow-copy-literal
        invoice["plan"] = plans[account.plan_id].name
        invoices.append(invoice)
    return invoices


def template_once(session: Session) -> dict[str, object]:
    """The invoice template, deep-copied once for the preview page."""
    preview = copy.deepcopy(DEFAULT_INVOICE)  # near-miss: deepcopy-once
    preview["lines"] = [("Example", 0)]
    return preview


def apply_tax(session: Session, charge_ids: Iterable[int], country: str) -> None:
    """Set the tax of the given charges from the country's current rate."""
    for charge_id in charge_ids:
        rate = session.scalars(select(TaxRate).where(TaxRate.country == country)).one()  # seeded: loop-invariant-query
        charge = session.get(Charge, charge_id)  # seeded: query-per-row-session-get
        charge.tax = charge.amount * rate.value
    session.commit()


def apply_tax_fast(session: Session, charge_ids: list[int], country: str) -> None:
    """The same with the rate read once and the charges in one SELECT ... IN."""
    rate = session.scalars(select(TaxRate).where(TaxRate.country == country)).one()  # near-miss: invariant-hoisted
    charges = session.scalars(select(Charge).where(Charge.id.in_(charge_ids)))
    for charge in charges:
        charge.tax = charge.amount * rate.value
    session.commit()


def settle_in_batches(session: Session, account_ids: list[int], batch: int = 1000) -> None:
    """Settle accounts in batches; one query per batch of ``batch`` ids, on purpose."""
    for start in range(0, len(account_ids), batch):
        chunk = account_ids[start : start + batch]
        session.execute(  # near-miss: chunked-batch-query
            Account.__table__.update().where(Account.id.in_(chunk)).values(settled=True)
        )
        session.commit()


def match_payments(charges: list[Charge], payments: list[dict[str, object]]) -> list[tuple[int, int]]:
    """Pair each payment with the charge it settles, by reference."""
    matched = []
    for payment in payments:
        for charge in charges:  # seeded: nested-loop-join
            if charge.reference == payment["reference"]:
                matched.append((charge.id, payment["id"]))
    return matched


def match_payments_fast(charges: list[Charge], payments: list[dict[str, object]]) -> list[tuple[int, int]]:
    """The same through a dict from reference to charge."""
    by_reference = {charge.reference: charge for charge in charges}
    matched = []
    for payment in payments:
        charge = by_reference.get(payment["reference"])  # near-miss: dict-join
        if charge is not None:
            matched.append((charge.id, payment["id"]))
    return matched
