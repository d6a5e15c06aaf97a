"""Payment methods on file in the demo store (brand and last four digits only).

A reference customer keeps the cards the spec lists (the first is the default), or else the
cards their orders were paid with. A generated customer keeps the card their orders were paid
with, and ``cards.second_card_share`` of them a second one, drawn from a random generator of its
own (``cards.seed``) so that the rest of the demo data does not change with it. PayPal and other
wallets without card digits are not kept on file.
"""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from assistant.store.demo_build import Payment
from assistant.store.demo_data import PAYMENT_BRANDS
from assistant.store.demo_spec import Cards, RefPayment
from assistant.store.models import Customer
from assistant.store.models_returns import PaymentMethod


def keep_cards(session: Session, customer: Customer, cards: list[RefPayment]) -> None:
    """The reference customer's cards on file, the first the default."""
    for i, card in enumerate(cards):
        session.add(
            PaymentMethod(
                customer_id=customer.id, brand=card.brand, last4=card.last4, is_default=i == 0
            )
        )


def add_generated_cards(
    session: Session, customers: list[tuple[Customer, Payment]], spec: Cards | None
) -> None:
    if spec is None:
        return
    rng = random.Random(spec.seed)
    brands = [(b, w) for b, w in PAYMENT_BRANDS if b != "PayPal"]
    for customer, payment in customers:
        held = [(payment.brand, payment.last4)] if payment.last4 else []
        if rng.random() < spec.second_card_share:
            brand = rng.choices([b for b, _ in brands], [w for _, w in brands])[0]
            last4 = f"{rng.randint(0, 9999):04d}"
            if (brand, last4) not in held:
                held.append((brand, last4))
        for i, (brand, last4) in enumerate(held):
            session.add(
                PaymentMethod(customer_id=customer.id, brand=brand, last4=last4, is_default=i == 0)
            )
    session.flush()
