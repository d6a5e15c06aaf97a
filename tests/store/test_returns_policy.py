"""The returns section of the store policy: both stores' files validate, and a reason that names
a fee the file does not define, or an unknown default reason, is refused with the field named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.store.policy import PolicyError, load_policy, parse_policy

ROOT = Path(__file__).resolve().parents[2]
FILES = [ROOT / "corpus/_store/store.yaml", ROOT / "corpus/_packs/ridgeline/_store/store.yaml"]


def test_both_stores_define_their_return_rules() -> None:
    demo, pack = (load_policy(path).returns for path in FILES)
    assert demo.window_days == 30 and not demo.store_credit
    assert demo.shipping_refund == "our_error" and demo.late_returns == "person_decides"
    assert pack.window_days == 60 and pack.store_credit
    assert pack.shipping_refund == "our_error_whole_order"
    for rules in (demo, pack):
        assert rules.ship_to is not None and rules.default_reason == "changed_mind"
        assert rules.reason("changed_mind") is not None and rules.conditions
        damaged = rules.reason("damaged_on_arrival")
        assert damaged is not None and damaged.person_decides


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"default_reason": "nope"}, "'nope' is not one of the return reasons"),
        ({"reasons": [{"code": "x", "label": "x", "fee": "missing"}]}, "fee 'missing'"),
        ({"shipping_refund": "sometimes"}, "returns.shipping_refund"),
    ],
)
def test_bad_return_rules_are_refused(change: dict[str, object], message: str) -> None:
    data = yaml.safe_load(FILES[0].read_text())
    data["returns"].update(change)
    with pytest.raises(PolicyError) as error:
        parse_policy(data)
    assert message in str(error.value)
