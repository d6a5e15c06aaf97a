"""The words that name each action a customer can confirm, in English and the other languages
shoppers write, and what each action is called in the server's own sentences."""

from __future__ import annotations

# The same verbs as shoppers write them in Spanish, German, French, Italian, Portuguese and
# Dutch (whole words: infinitive, imperative, with a pronoun attached).
_SKIP = tuple(
    """saltar sáltala saltala sáltalo saltalo salta salte überspringen überspringe uberspringen
    sauter sautez saute saltare saltala saltatela pular pula pule overslaan""".split()
)
_PAUSE = tuple(
    w.replace("&", " ")
    for w in """pausar pausa pausala pausieren pausiere mettre&en&pause mets&en&pause metti&in&pausa
    pauzeren pauzeer""".split()
)
_CANCEL = tuple(
    """cancelar cancela cancélala cancelala kündigen kündige kundigen annuler annulez annule
    annullare annulla disdici disdire opzeggen annuleren annuleer stopzetten""".split()
)
_REGISTER = tuple(
    """registrar registrarla regístrala registrieren registriere enregistrer enregistrez
    enregistre registrare registra registrala registreren registreer""".split()
)
# Words that name each action (stems, matched at word starts). Generic verbs, no store data.
ACTION_WORDS: dict[str, tuple[str, ...]] = {
    "skip_next_delivery": ("skip", *_SKIP),
    "pause_subscription": ("pause", "hold off", "put on hold", *_PAUSE),
    "cancel_subscription": (
        "cancel",
        "unsubscribe",
        "end the subscription",
        "stop the sub",
        *_CANCEL,
    ),
    "change_frequency": ("frequency", "often", "every ", "weekly", "monthly", "less often"),
    "change_next_date": (
        "reschedule",
        "postpone",
        "push it",
        "push back",
        "sooner",
        "earlier",
        "change the date",
        "another day",
        "another date",
        "different day",
        "different date",
    ),
    "swap_product": ("swap", "switch", "change to", "change it to", "instead of"),
    "resend_confirmation": ("resend", "send", "email it", "re-send"),
    "cancel_order": ("cancel", *_CANCEL),  # "annulez-la": a cancellation, whichever waits
    "change_shipping_address": ("address", "ship it to", "deliver it to", "send it to"),
    "register_warranty": ("register", *_REGISTER),
    "add_items": ("add",),
    "return_items": ("return", "send the label", "send me the label", "send the return label"),
    "exchange_item": ("exchange", "swap", "switch", "trade", "send the label", "send me the label"),
    "change_order_item": ("different size", "different colour", "different color"),
    "remove_order_item": ("remove", "take off", "take out"),
    "change_payment_method": ("payment method", "pay with", "another card", "other card"),
}
# What each action is called when the customer is told it was left undone.
ACTION_LABELS: dict[str, str] = {
    "skip_next_delivery": "skip the next delivery",
    "pause_subscription": "pause the subscription",
    "cancel_subscription": "cancel the subscription",
    "change_frequency": "change the delivery frequency",
    "change_next_date": "move the next delivery",
    "swap_product": "swap the product",
    "resend_confirmation": "resend the confirmation",
    "cancel_order": "cancel the order",
    "change_shipping_address": "change the shipping address",
    "register_warranty": "register the warranty",
    "add_items": "add the items",
    "return_items": "start this return",
    "exchange_item": "start this exchange",
    "change_order_item": "change the item",
    "remove_order_item": "remove the item",
    "change_payment_method": "change the payment method",
}
