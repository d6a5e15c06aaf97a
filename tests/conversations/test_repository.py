"""The conversation repository: a turn loads once and saves once, a stale turn is refused, and
the writes of many threads queue instead of failing (SQLite; PostgreSQL with ``--engines``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from assistant.conversations.errors import ConversationBusy, ConversationNotFound
from assistant.conversations.repository import (
    ConversationReply,
    ConversationRepository,
    MessageRecord,
    TurnOutcome,
)
from assistant.store.store import Store, open_store
from tests.databases import Databases
from tests.support import NOW, make_settings


@pytest.fixture
def store(tmp_path: Path, databases: Databases) -> Iterator[Store]:
    url = databases.fresh()
    settings = make_settings(tmp_path / "unused.db", database_url=url, seed_demo_data=False)
    opened = open_store(settings)
    yield opened
    opened.close()
    databases.drop(url)


def _create(repository: ConversationRepository, conversation_id: str) -> None:
    token = f"hash-{conversation_id}"
    repository.create(conversation_id, token_hash=token, customer_id=None, state={}, greeting="Hi!")


def test_a_turn_saves_its_state_and_messages(store: Store) -> None:
    repository = ConversationRepository(store)
    _create(repository, "c1")
    assert repository.token_hash("c1") == "hash-c1"
    assert repository.token_hash("nope") is None
    reply = ConversationReply(text="Hello again", intent="general", confidence=0.9)
    with repository.turn("c1") as turn:
        assert (turn.record.version, turn.record.state) == (0, {})
        assert [(m.role, m.text) for m in turn.history] == [("assistant", "Hi!")]
        assert turn.history[0].reply is None  # a turn does not read the stored replies
        later = NOW + timedelta(minutes=1)
        turn.save(
            TurnOutcome(
                state={"turns": 1},
                customer_id=None,
                status="open",
                messages=[
                    MessageRecord("customer", "hello", later),
                    MessageRecord("assistant", "Hello again", later, reply),
                ],
            )
        )
    record = repository.get("c1")
    assert record is not None and (record.version, record.state) == (1, {"turns": 1})
    messages = repository.messages("c1")
    assert [(m.role, m.text) for m in messages] == [
        ("assistant", "Hi!"),
        ("customer", "hello"),
        ("assistant", "Hello again"),
    ]
    assert messages[-1].reply == reply and messages[-1].at == later


def test_a_turn_that_raced_another_is_refused(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL: the second turn waits for the row lock (tests/scale)")
    repository = ConversationRepository(store)
    _create(repository, "c1")
    outcome = TurnOutcome(state={"turns": 1}, customer_id=None, status="open")
    with repository.turn("c1") as first, repository.turn("c1") as second:
        first.save(outcome)
        with pytest.raises(ConversationBusy):
            second.save(outcome)
    with pytest.raises(ConversationNotFound), repository.turn("missing"):
        pass


def test_many_threads_write_without_locking_errors(store: Store) -> None:
    repository = ConversationRepository(store)
    failures: list[Exception] = []

    def work(n: int) -> None:
        try:
            _create(repository, f"c{n}")
            for i in range(5):
                with repository.turn(f"c{n}") as turn:
                    turn.save(
                        TurnOutcome(
                            state={"turns": i + 1},
                            customer_id=None,
                            status="open",
                            messages=[MessageRecord("customer", f"message {i}", NOW)],
                        )
                    )
        except (ConversationBusy, OperationalError) as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for n in range(12):
        record = repository.get(f"c{n}")
        assert record is not None and record.version == 5
        assert len(repository.messages(f"c{n}")) == 6
