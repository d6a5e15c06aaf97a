from __future__ import annotations

import pytest

from assistant.planner.slots import extract_slots


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "order #47234 and jordan.rivera@example.com",
            {"order_number": "47234", "email": "jordan.rivera@example.com"},
        ),
        ("my order number is 47102", {"order_number": "47102"}),
        ("Got my wireless headphones, cant pair them", {"skus": ["AUR-SWP-100"]}),
        ("I love my new camera", {"skus": ["LUM-Z8-BODY"]}),
        (
            "add the socks in size medium, black",
            {"skus": ["STR-SOCK-3P"], "size": "medium", "colour": "black"},
        ),
        (
            "women's running shoes size 8 navy blue",
            {"skus": ["STR-VELO3-W"], "size": "8", "colour": "navy blue"},
        ),
        ("pause it for two deliveries", {"cycles": 2}),
        ("send it every 2 weeks instead", {"frequency": "every-2-weeks"}),
        ("every other month is enough", {"frequency": "every-2-months"}),
        ("switch me to the decaf, espresso grind", {"skus": ["RCC-DEC-12"], "grind": "espresso"}),
        (
            "my serial is SW2601184471",
            {"serial": "SW2601184471", "skus": ["AUR-SWP-100"], "order_number": None},
        ),
        ("I'd rate it 4 out of 5", {"csat": 4}),
        ("no confirmation email yet", {"mentions_email": True}),
    ],
)
def test_slots(text: str, expected: dict[str, object]) -> None:
    slots = extract_slots(text)
    for key, value in expected.items():
        assert getattr(slots, key) == value, key


def test_no_slots_in_small_talk() -> None:
    slots = extract_slots("hello there")
    assert slots.order_number is None and slots.email is None and slots.skus == []
