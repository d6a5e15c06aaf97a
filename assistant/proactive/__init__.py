"""Proactive messages: store and carrier events become outbox notices, a dispatcher sends them.

events.py     the event schema (``POST /v1/events``) and its HMAC signature check
facts.py      what a notice is about, read from the store (customer, order, subscription)
templates.py  one message template per event type (pure functions of the facts)
tips.py       "three tips to get started" from setup-guide passages or catalogue facts
schedule.py   quiet hours in store-local time: when a notice may go out
service.py    ``handle_event``: dedupe per event id, consent, template, outbox row
sender.py     the ``Sender`` protocol and ``WebhookSender`` (HMAC-signed, httpx)
dispatch.py   ``dispatch_due(now)``: send what is due, mark sent/failed, count attempts
link.py       ``link_conversation``: a reply to a notice continues in a conversation
"""
