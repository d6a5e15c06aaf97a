from __future__ import annotations

import threading
import time

from assistant.conversations.locks import KeyedLocks


def test_one_holder_per_key_and_no_leftovers() -> None:
    locks = KeyedLocks()
    inside: list[str] = []
    overlaps: list[bool] = []

    def work(key: str) -> None:
        with locks.hold(key, timeout=5) as acquired:
            assert acquired
            overlaps.append(key in inside)
            inside.append(key)
            time.sleep(0.01)
            inside.remove(key)

    threads = [threading.Thread(target=work, args=(k,)) for k in "aaabbb"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps == [False] * 6
    assert len(locks) == 0


def test_a_timeout_yields_false() -> None:
    locks = KeyedLocks()
    with locks.hold("a", timeout=1) as first:
        assert first
        result: list[bool] = []
        waiter = threading.Thread(
            target=lambda: result.append(locks.hold("a", timeout=0.05).__enter__())
        )
        waiter.start()
        waiter.join()
        assert result == [False]
