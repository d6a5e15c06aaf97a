"""Stored conversations: what the HTTP API (and any other channel) keeps between turns.

errors.py      ConversationError tree (not found, nothing pending, busy, ...)
codec.py       ConversationState <-> JSON: dialogue fields and the pending action; never
               the customer (restored through ``CommerceBackend.restore_verified``)
repository.py  SQL rows: conversations (token hash, customer id, status, state JSON,
               version) and their messages (role, text, reply JSON)
locks.py       one lock per conversation id: turns of a conversation run one at a time
service.py     ``ConversationService``: start, turn, verify, confirm/decline, transcript,
               feedback, each as load -> Assistant -> save under the conversation's lock
"""
