"""Ledger import and reconciliation (plain Python)."""

from __future__ import annotations

import copy
import csv
import json
import re
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from ledger.config import load_settings

BLOCKED_ACCOUNTS = ["ACC-0001", "ACC-0666", "ACC-1312"]
BLOCKED_SET = frozenset(BLOCKED_ACCOUNTS)
IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
FIELDS = ("date", "account", "amount")


def render_statement(rows: list[dict[str, str]]) -> str:
    """The statement as text, one line per ledger row."""
    text = ""
    for row in rows:
        text += f"{row['date']} {row['account']:>12} {row['amount']:>10}\n"  # seeded: string-concat-in-loop
    return text


def render_statement_fast(rows: list[dict[str, str]]) -> str:
    """The same with the lines joined once."""
    lines = []
    for row in rows:
        lines.append(f"{row['date']} {row['account']:>12} {row['amount']:>10}")  # near-miss: list-then-join
    return "\n".join(lines) + "\n"


def header() -> str:
    """The statement's header, three fixed columns."""
    title = ""
    for name in FIELDS:
        title += name.upper().ljust(12)  # near-miss: concat-over-constant
    return title


def encode_records(rows: list[bytes]) -> bytes:
    """The rows as one payload for the legacy bank gateway."""
    payload = bytearray()
    for row in rows:
        payload += row + b"\r\n"  # near-miss: bytearray-append
    return bytes(payload)


def blocked_rows(path: Path) -> list[dict[str, str]]:
    """The rows of an import file that touch a blocked account."""
    found = []
    with path.open() as handle:
        for row in csv.DictReader(handle):
            if row["account"] in BLOCKED_ACCOUNTS:  # seeded: membership-in-list
                found.append(row)
    return found


def blocked_rows_fast(path: Path) -> list[dict[str, str]]:
    """The same against a frozenset."""
    with path.open() as handle:
        return [row for row in csv.DictReader(handle) if row["account"] in BLOCKED_SET]  # near-miss: set-membership


def new_accounts(rows: list[dict[str, str]], known_accounts: list[str]) -> list[str]:
    """Accounts of the import that the ledger does not know yet."""
    fresh = []
    for row in rows:
        if row["account"] not in known_accounts and row["account"] not in fresh:  # seeded: membership-in-list
            fresh.append(row["account"])
    return fresh


def valid_ibans(rows: list[dict[str, str]]) -> list[str]:
    """The IBANs of the import that are well formed."""
    good = []
    for row in rows:
        if re.match(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$", row["iban"]):  # seeded: regex-in-loop
            good.append(row["iban"])
    return good


def clean_references(rows: list[dict[str, str]]) -> list[str]:
    """References without the bank's noise."""
    cleaned = []
    for row in rows:
        noise = re.compile(r"\s*(SEPA|REF|/)\s*")  # seeded: regex-compile-in-loop
        cleaned.append(noise.sub(" ", row["reference"]).strip())
    return cleaned


def valid_ibans_fast(rows: list[dict[str, str]]) -> list[str]:
    """The same with the module-level compiled pattern."""
    return [row["iban"] for row in rows if IBAN.match(row["iban"])]  # near-miss: precompiled-regex


def per_field_patterns(spec: dict[str, str], rows: list[dict[str, str]]) -> int:
    """Rows failing any of the spec's patterns; a pattern per field, compiled per field."""
    patterns = {field: re.compile(pattern) for field, pattern in spec.items()}  # near-miss: compile-per-field
    return sum(1 for row in rows if any(not p.match(row[f]) for f, p in patterns.items()))


def newest_first(entries: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """The journal entries, newest first."""
    ordered: list[dict[str, str]] = []
    for entry in entries:
        ordered.insert(0, entry)  # seeded: list-insert-front
    return ordered


def drain(queue: list[dict[str, str]]) -> int:
    """Post every queued entry, oldest first."""
    posted = 0
    while queue:
        entry = queue.pop(0)  # seeded: list-pop-front
        posted += int(entry["amount"])
    return posted


def drain_fast(entries: Iterable[dict[str, str]]) -> int:
    """The same with a deque."""
    queue = deque(entries)
    posted = 0
    while queue:
        posted += int(queue.popleft()["amount"])  # near-miss: deque-popleft
    return posted


def last_three(stack: list[str]) -> list[str]:
    """The three most recent entries, taken from the end."""
    taken = []
    for _ in range(3):
        taken.append(stack.pop())  # near-miss: pop-from-end
    return taken


def drop_settled(entries: list[dict[str, str]], settled: list[dict[str, str]]) -> list[dict[str, str]]:
    """The entries that are not settled yet."""
    open_entries = list(entries)
    for entry in settled:
        open_entries.remove(entry)  # seeded: list-remove-in-loop
    return open_entries


def drop_settled_fast(entries: list[dict[str, str]], settled_ids: set[str]) -> list[dict[str, str]]:
    """The same by id, in one pass."""
    return [entry for entry in entries if entry["id"] not in settled_ids]  # near-miss: filter-comprehension


def drop_placeholder(columns: list[str]) -> list[str]:
    """The header without its one placeholder column."""
    columns = list(columns)
    columns.remove("_")  # near-miss: remove-once
    return columns


def snapshot_balances(days: list[str], balances: dict[str, dict[str, int]]) -> list[dict[str, object]]:
    """A copy of the running balances at the end of each day."""
    snapshots = []
    for day in days:
        balances["_day"] = {"value": len(day)}
        snapshots.append(copy.deepcopy(balances))  # seeded: deepcopy-per-iteration
    return snapshots


def reconcile(bank_rows: list[dict[str, str]], ledger_rows: list[dict[str, str]]) -> list[str]:
    """Bank rows with no ledger row of the same reference."""
    missing = []
    for bank in bank_rows:
        found = False
        for entry in ledger_rows:  # seeded: nested-loop-join
            if entry["reference"] == bank["reference"]:
                found = True
                break
        if not found:
            missing.append(bank["reference"])
    return missing


def reconcile_fast(bank_rows: list[dict[str, str]], ledger_rows: list[dict[str, str]]) -> list[str]:
    """The same through a set of the ledger's references."""
    references = {entry["reference"] for entry in ledger_rows}
    return [bank["reference"] for bank in bank_rows if bank["reference"] not in references]  # near-miss: set-join


def grid(rows: list[dict[str, str]]) -> list[list[str]]:
    """Each row's cells in the three fixed columns (a nested loop over a constant)."""
    cells = []
    for row in rows:
        cells.append([row[name] for name in FIELDS])  # near-miss: nested-over-constant
    return cells


def rank_accounts(rows: list[dict[str, str]], accounts: list[str]) -> dict[str, int]:
    """Each row's account's rank by name."""
    ranks = {}
    for row in rows:
        ordered = sorted(accounts)  # seeded: sort-in-loop
        ranks[row["id"]] = ordered.index(row["account"])
    return ranks


def rank_accounts_fast(rows: list[dict[str, str]], accounts: list[str]) -> dict[str, int]:
    """The same with the ranks computed once."""
    position = {account: i for i, account in enumerate(sorted(accounts))}  # near-miss: sort-hoisted
    return {row["id"]: position[row["account"]] for row in rows}


def convert_amounts(rows: list[dict[str, str]], settings_path: Path) -> list[float]:
    """Each amount in the reporting currency."""
    converted = []
    for row in rows:
        rates = json.loads(settings_path.read_text())["rates"]  # seeded: loop-invariant-file-read
        converted.append(float(row["amount"]) * rates[row["currency"]])
    return converted


def fee_schedule(rows: list[dict[str, str]]) -> list[float]:
    """Each row's fee from the fee schedule."""
    fees = []
    for row in rows:
        schedule = load_settings()["fees"]  # seeded: loop-invariant-call
        fees.append(schedule.get(row["kind"], 0.0))
    return fees


def fee_schedule_fast(rows: list[dict[str, str]]) -> list[float]:
    """The same with the schedule loaded once."""
    schedule = load_settings()["fees"]  # near-miss: invariant-hoisted
    return [schedule.get(row["kind"], 0.0) for row in rows]
