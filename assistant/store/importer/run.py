"""The import loop: files in order, records in chunks, a report of counts and problems."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assistant.store import exports
from assistant.store.importer.customers import CustomerBuilder
from assistant.store.importer.orders import OrderBuilder
from assistant.store.importer.products import load_plans, upsert_product
from assistant.store.importer.records import (
    Invalid,
    Lookups,
    PendingRefs,
    RecordError,
    order_number,
)
from assistant.store.importer.subscriptions import SubscriptionBuilder
from assistant.store.models import StoreMeta
from assistant.store.policy import StorePolicy, format_errors, load_policy

if TYPE_CHECKING:
    from assistant.store.store import Store

POLICY_FILE = "store.yaml"
IMPORT_META_KEY = "store_import"  # store_meta row: this database holds an imported store
PROGRESS_EVERY = 1000
CHUNK = 500

R = TypeVar("R", bound=BaseModel)


@dataclass(slots=True)
class FileCounts:
    created: int = 0
    updated: int = 0
    skipped: int = 0

    @property
    def loaded(self) -> int:
        return self.created + self.updated


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    index: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.index is None else f"{self.file}[{self.index}]"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ImportReport:
    counts: dict[str, FileCounts] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(c.skipped for c in self.counts.values()) + sum(
            p.index is None for p in self.problems
        )

    def summary(self) -> str:
        lines = [
            f"{name}: {c.created} created, {c.updated} updated, {c.skipped} skipped"
            for name, c in self.counts.items()
        ]
        return "\n".join(lines)


Progress = Callable[[str, int, int], None]


class ImportFailed(RuntimeError):
    """The directory cannot be imported at all (no policy file, unreadable JSON)."""


def _records(path: Path, kind: str) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportFailed(f"{path.name}: cannot read JSON ({exc})") from None
    if isinstance(data, dict) and isinstance(data.get(kind), list):
        return list(data[kind])
    if isinstance(data, list):
        return data
    raise ImportFailed(f'{path.name}: expected {{"{kind}": [...]}} or a list')


def _validated(model: type[R], raw: Any, file: str, index: int) -> R:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        prefix = f"{file}[{index}]"
        text = format_errors(prefix, exc).replace(f"{prefix}: ", "")
        raise Invalid(text) from None


class Importer:
    """One import run into one store; ``run()`` returns the report."""

    def __init__(self, directory: Path, store: Store, *, progress: Progress | None = None) -> None:
        self.directory = directory
        self.store = store
        self.report = ImportReport()
        self.progress = progress

    def run(self) -> ImportReport:
        policy_path = self.directory / POLICY_FILE
        policy = load_policy(policy_path)
        with self.store.write_sessions.begin() as session:
            session.merge(StoreMeta(key=IMPORT_META_KEY, value=policy.name[:255]))
            self._plans(session, policy)
        for name, kind, step in (
            ("products.json", "products", self._product),
            ("customers.json", "customers", self._customer),
            ("orders.json", "orders", self._order),
            ("subscriptions.json", "subscriptions", self._subscription),
        ):
            path = self.directory / name
            if not path.exists():
                if name != "subscriptions.json":
                    self.report.problems.append(Problem(name, None, "file not found"))
                continue
            self._load(name, _records(path, kind), policy, step)
        return self.report

    # --- the loop shared by every file ------------------------------------------------------
    def _load(
        self,
        name: str,
        records: list[Any],
        policy: StorePolicy,
        step: Callable[[Session, StorePolicy, Any, int, str], bool],
    ) -> None:
        """Records go in chunks, flushed together; a record that fails validation is skipped
        before it touches the session. If the database refuses a chunk, the chunk is rolled
        back and replayed one record at a time, each in its own savepoint."""
        counts = self.report.counts.setdefault(name, FileCounts())
        self._seen: set[str] = set()
        total = len(records)
        size = 1 if name == "products.json" else CHUNK
        with self.store.write_sessions.begin() as session:
            self._prepare(session, name)
            for start in range(0, total, size):
                chunk = list(enumerate(records[start : start + size], start))
                seen = set(self._seen)
                try:
                    with session.begin_nested():
                        outcomes = [self._one(session, policy, step, name, i, r) for i, r in chunk]
                        self._flush(session, name)
                    session.expunge_all()  # written: keep the session (and each flush) small
                except (IntegrityError, RecordError):
                    self._seen = seen
                    self._prepare(session, name)
                    outcomes = [self._alone(session, policy, step, name, i, r) for i, r in chunk]
                for outcome in outcomes:
                    if isinstance(outcome, Problem):
                        counts.skipped += 1
                        self.report.problems.append(outcome)
                    elif outcome:
                        counts.created += 1
                    else:
                        counts.updated += 1
                done = start + len(chunk)
                if self.progress is not None and done % PROGRESS_EVERY < size and done < total:
                    self.progress(name, done, total)
        if self.progress is not None:
            self.progress(name, total, total)

    def _one(
        self,
        session: Session,
        policy: StorePolicy,
        step: Callable[[Session, StorePolicy, Any, int, str], bool],
        name: str,
        index: int,
        raw: Any,
    ) -> bool | Problem:
        try:
            return step(session, policy, raw, index, name)
        except Invalid as exc:
            return Problem(name, index, str(exc))

    def _alone(
        self,
        session: Session,
        policy: StorePolicy,
        step: Callable[[Session, StorePolicy, Any, int, str], bool],
        name: str,
        index: int,
        raw: Any,
    ) -> bool | Problem:
        try:
            with session.begin_nested():
                outcome = self._one(session, policy, step, name, index, raw)
                self._flush(session, name)
        except RecordError as exc:
            self._prepare(session, name)
            return Problem(name, index, str(exc))
        except IntegrityError as exc:
            self._prepare(session, name)
            reason = str(exc.orig).splitlines()[0] if exc.orig else "refused"
            return Problem(name, index, f"refused by the database: {reason}")
        return outcome

    def _prepare(self, session: Session, name: str) -> None:
        """(Re)load what the builders look up, from the database as it is now."""
        session.expire_all()
        self._pending = PendingRefs()
        lookups = Lookups.load(session)
        if name == "customers.json":
            self._customers = CustomerBuilder(lookups, self._pending)
        if name == "orders.json":
            self._orders = OrderBuilder.for_session(session, lookups)
        if name == "subscriptions.json":
            self._subscriptions = SubscriptionBuilder.for_session(session, lookups, self._pending)

    def _flush(self, session: Session, name: str) -> None:
        if name == "orders.json":
            self._orders.flush(session)
        self._pending.flush(session)

    def _once(self, kind: str, value: str) -> None:
        key = f"{kind}:{value}"
        if key in self._seen:
            raise Invalid(f"duplicate {kind} {value!r} in this file")
        self._seen.add(key)

    # --- policy: subscription plans ---------------------------------------------------------
    def _plans(self, session: Session, policy: StorePolicy) -> None:
        created, updated = load_plans(session, policy)
        self.report.counts[POLICY_FILE] = FileCounts(created=created, updated=updated)

    # --- one record of each file ------------------------------------------------------------
    def _product(
        self, session: Session, policy: StorePolicy, raw: Any, index: int, file: str
    ) -> bool:
        item = _validated(exports.Product, raw, file, index)
        self._once("id", item.id)
        return upsert_product(session, item, policy)

    def _customer(
        self, session: Session, policy: StorePolicy, raw: Any, index: int, file: str
    ) -> bool:
        item = _validated(exports.Customer, raw, file, index)
        self._once("id", item.id)
        self._once("email", item.email)
        return self._customers.upsert(session, item)

    def _order(
        self, session: Session, policy: StorePolicy, raw: Any, index: int, file: str
    ) -> bool:
        item = _validated(exports.Order, raw, file, index)
        self._once("id", item.id)
        self._once("order number", order_number(item.name))
        return self._orders.upsert(session, item, policy)

    def _subscription(
        self, session: Session, policy: StorePolicy, raw: Any, index: int, file: str
    ) -> bool:
        item = _validated(exports.Subscription, raw, file, index)
        self._once("id", item.id)
        return self._subscriptions.upsert(session, item, policy)


def import_store(
    directory: Path, store: Store, *, progress: Progress | None = None
) -> ImportReport:
    """Import every export in ``directory`` into ``store``."""
    return Importer(directory, store, progress=progress).run()
