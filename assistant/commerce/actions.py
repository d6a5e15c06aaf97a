"""Consequential actions: preview → server-issued confirmation → execute → read back.

* ``preview`` checks the rules and stores a confirmation bound to the customer, the action and
  its canonical arguments, with an expiry; the token is ``<id>.<HMAC of all of those>``, so a
  changed argument, another customer or a forged id is rejected.
* ``confirm`` runs in one write transaction: the confirmation is consumed by a conditional
  ``UPDATE … WHERE used_at IS NULL`` (exactly one concurrent caller wins), the rules are checked
  again on the current records, the change, its audit record and its idempotency record are
  written, and the transaction commits. A retry with the same ``idempotency_key`` returns the
  stored result instead of acting twice. The answer is a read-back of the changed record.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import UTC, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assistant.commerce.errors import (
    CommerceError,
    ConfirmationExpired,
    ConfirmationInvalid,
    ConfirmationUsed,
    InvalidInput,
)
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.mapping import order_public, registration_public, subscription_public
from assistant.commerce.plan_dispatch import plan_action
from assistant.commerce.plans import ActionContext, RecordRef
from assistant.commerce.reads import customer_orders, load_subscription
from assistant.commerce.requests import (
    ActionRequest,
    canonical_args,
    parse_action_request,
)
from assistant.commerce.returns_reads import load_return, return_public
from assistant.commerce.schemas import ActionResult, Preview, Record
from assistant.commerce.shop import Shop
from assistant.returns.links import LabelLinks
from assistant.returns.provider import ReturnsProvider
from assistant.settings import Settings
from assistant.store.clock import today
from assistant.store.models import (
    ActionConfirmation,
    AuditRecord,
    IdempotencyRecord,
    Order,
    WarrantyRegistration,
)
from assistant.store.store import Store


def _canonical(args: dict[str, Any]) -> str:
    return json.dumps(args, sort_keys=True, separators=(",", ":"))


class ActionService:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        shop: Shop,
        returns: ReturnsProvider | None = None,
    ) -> None:
        self._store = store
        self._shop = shop
        self._returns = returns
        self._links = LabelLinks(settings)
        self._secret = settings.confirmation_secret.get_secret_value().encode()
        self._ttl = timedelta(seconds=settings.confirmation_ttl_seconds)

    def _ctx(self, session: Session, customer: VerifiedCustomer) -> ActionContext:
        clock = self._store.clock
        return ActionContext(
            session, customer, clock.now(), today(clock), clock.tz, self._shop, self._returns
        )

    def _mac(self, row: ActionConfirmation) -> str:
        message = "|".join(
            [
                row.id,
                str(row.customer_id),
                row.action,
                _canonical(row.args),
                row.expires_at.astimezone(UTC).isoformat(),
            ]
        )
        digest = hmac.new(self._secret, message.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def _audit(
        self,
        session: Session,
        customer: VerifiedCustomer,
        action: str,
        outcome: str,
        confirmation_id: str | None,
        details: dict[str, Any],
    ) -> None:
        session.add(
            AuditRecord(
                at=self._store.clock.now(),
                customer_id=customer.customer_id,
                conversation_id=customer.conversation_id,
                action=action,
                outcome=outcome,
                confirmation_id=confirmation_id,
                details=details,
            )
        )

    def _audit_refusal(
        self,
        customer: VerifiedCustomer,
        action: str,
        stage: str,
        confirmation_id: str | None,
        error: CommerceError,
    ) -> None:
        with self._store.write_sessions.begin() as session:
            self._audit(
                session,
                customer,
                action,
                f"refused_{stage}",
                confirmation_id,
                {"code": error.code, "message": error.message},
            )

    # --- preview --------------------------------------------------------------------------
    def preview(self, customer: VerifiedCustomer, request: ActionRequest) -> Preview:
        """Check the rules and describe the effect; nothing changes until ``confirm``."""
        request = parse_action_request(request.model_dump())
        try:
            with self._store.write_sessions.begin() as session:
                ctx = self._ctx(session, customer)
                plan = plan_action(ctx, request)
                row = ActionConfirmation(
                    id=secrets.token_hex(16),
                    customer_id=customer.customer_id,
                    conversation_id=customer.conversation_id,
                    action=request.action,
                    args=canonical_args(request),
                    summary=plan.summary,
                    created_at=ctx.now,
                    expires_at=ctx.now + self._ttl,
                    used_at=None,
                    declined_at=None,
                )
                session.add(row)
                self._audit(
                    session, customer, request.action, "previewed", row.id, {"args": row.args}
                )
        except CommerceError as error:
            self._audit_refusal(customer, request.action, "preview", None, error)
            raise
        return Preview(
            confirmation_token=f"{row.id}.{self._mac(row)}",
            action=request.action,
            request=request,
            summary=plan.summary,
            changes=plan.changes,
            amount_change=plan.amount_change,
            expires_at=row.expires_at,
        )

    # --- confirm / decline --------------------------------------------------------------------
    def _row(
        self,
        session: Session,
        customer: VerifiedCustomer,
        token: str,
        expected: ActionRequest | None,
    ) -> ActionConfirmation:
        cid, _, mac = token.partition(".") if isinstance(token, str) else ("", "", "")
        # FOR UPDATE (ignored by SQLite, whose write transactions are serial anyway): a second
        # confirm of the same confirmation waits for the first to commit, then sees its
        # idempotency record and replays it instead of failing on the consumed confirmation.
        row = (
            session.get(ActionConfirmation, cid, with_for_update=True, populate_existing=True)
            if cid and len(cid) <= 32
            else None
        )
        if row is None or row.customer_id != customer.customer_id:
            raise ConfirmationInvalid()
        if not hmac.compare_digest(self._mac(row).encode(), mac.encode()):
            raise ConfirmationInvalid()
        if expected is not None and _canonical(canonical_args(expected)) != _canonical(row.args):
            raise ConfirmationInvalid()
        return row

    def confirm(
        self,
        customer: VerifiedCustomer,
        token: str,
        *,
        idempotency_key: str,
        expected: ActionRequest | None = None,
    ) -> ActionResult:
        """Execute a previewed action once. ``expected`` (optional) must equal the previewed
        request. The same ``idempotency_key`` replays the stored result."""
        if not idempotency_key or len(idempotency_key) > 128:
            raise InvalidInput(
                "An idempotency key (1–128 characters) is required.", field="idempotency_key"
            )
        action = "unknown"
        try:
            with self._store.write_sessions.begin() as session:
                row = self._row(session, customer, token, expected)
                action = row.action
                replay = self._replay(session, customer, idempotency_key, row.id)
                if replay is not None:
                    return replay
                self._consume(session, row)
                ctx = self._ctx(session, customer)
                plan = plan_action(ctx, parse_action_request(row.args))
                ref = plan.apply()
                session.flush()
                result = ActionResult(
                    action=row.action,
                    summary=row.summary,
                    confirmation_id=row.id,
                    executed_at=ctx.now,
                    record=self._read_back(session, customer, ref),
                )
                session.add(
                    IdempotencyRecord(
                        customer_id=customer.customer_id,
                        key=idempotency_key,
                        confirmation_id=row.id,
                        result=result.model_dump(mode="json"),
                        created_at=ctx.now,
                    )
                )
                self._audit(
                    session,
                    customer,
                    row.action,
                    "executed",
                    row.id,
                    {"args": row.args, "record": f"{ref.kind}:{ref.key}"},
                )
        except (ConfirmationInvalid, ConfirmationUsed, ConfirmationExpired):
            raise
        except CommerceError as error:
            self._audit_refusal(customer, action, "confirm", None, error)
            raise
        except IntegrityError as error:
            # another confirmation committed this key first (unique per customer): nothing of
            # this one was written
            raise InvalidInput(
                "This idempotency key was already used for another action.",
                field="idempotency_key",
                code="idempotency_conflict",
            ) from error
        with self._store.sessions() as session:  # read back what was committed
            return result.model_copy(update={"record": self._read_back(session, customer, ref)})

    def decline(self, customer: VerifiedCustomer, token: str) -> None:
        """The customer said no: the confirmation can no longer be used."""
        with self._store.write_sessions.begin() as session:
            row = self._row(session, customer, token, None)
            done = cast(
                CursorResult[Any],
                session.execute(
                    update(ActionConfirmation)
                    .where(
                        ActionConfirmation.id == row.id,
                        ActionConfirmation.used_at.is_(None),
                        ActionConfirmation.declined_at.is_(None),
                    )
                    .values(declined_at=self._store.clock.now())
                    .execution_options(synchronize_session=False)
                ),
            )
            if done.rowcount != 1:
                raise ConfirmationUsed()
            self._audit(session, customer, row.action, "declined", row.id, {"args": row.args})

    def _replay(
        self, session: Session, customer: VerifiedCustomer, key: str, confirmation_id: str
    ) -> ActionResult | None:
        record = session.scalars(
            select(IdempotencyRecord).where(
                IdempotencyRecord.customer_id == customer.customer_id, IdempotencyRecord.key == key
            )
        ).first()
        if record is None:
            return None
        if record.confirmation_id != confirmation_id:
            raise InvalidInput(
                "This idempotency key was already used for another action.",
                field="idempotency_key",
                code="idempotency_conflict",
            )
        return ActionResult.model_validate({**record.result, "replayed": True})

    def _consume(self, session: Session, row: ActionConfirmation) -> None:
        now = self._store.clock.now()
        if row.used_at is not None or row.declined_at is not None:
            raise ConfirmationUsed()
        if row.expires_at <= now:
            raise ConfirmationExpired()
        done = cast(
            CursorResult[Any],
            session.execute(
                update(ActionConfirmation)
                .where(
                    ActionConfirmation.id == row.id,
                    ActionConfirmation.used_at.is_(None),
                    ActionConfirmation.declined_at.is_(None),
                    ActionConfirmation.expires_at > now,
                )
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            ),
        )
        if done.rowcount != 1:
            raise ConfirmationUsed()

    def _read_back(self, session: Session, customer: VerifiedCustomer, ref: RecordRef) -> Record:
        clock = self._store.clock
        if ref.kind == "order":
            order = session.scalars(customer_orders(customer).where(Order.number == ref.key)).one()
            return order_public(order, clock.tz, self._shop)
        if ref.kind == "subscription":
            sub = load_subscription(session, customer, int(ref.key))
            return subscription_public(sub, today(clock), self._shop)
        if ref.kind == "return":
            record = load_return(session, customer, ref.key)
            if record is None:
                raise LookupError(ref.key)  # written in this transaction: a bug if missing
            order = session.get_one(Order, record.order_id)
            return return_public(record, order, self._shop, self._links, clock.now())
        reg = session.scalars(
            select(WarrantyRegistration).where(
                WarrantyRegistration.registration_id == ref.key,
                WarrantyRegistration.customer_id == customer.customer_id,
            )
        ).one()
        order = session.get_one(Order, reg.order_id)
        return registration_public(reg, order, today(clock), clock.tz, self._shop)
