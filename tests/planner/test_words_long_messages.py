"""The words of long messages: the steps of a long procedure that each answer part of the
question; "can i wash them hot" asks a temperature; "theyre still not here??" and "when is it
gonna show up" are a parcel's; "like mid february" is the 15th; "go down to 2 bags" prices the
plan asked for; a word of the customer's own language in English ("the garantie"); limescale
words in six languages; of two products named, the one a clause calls faulty."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.agent.language import loanwords, understand
from assistant.agent.spelling import Speller, document_words
from assistant.agent.tools import PassageOut
from assistant.planner import spans
from assistant.planner.account_words import NOT_COME
from assistant.planner.asked_kinds import HOW_HOT
from assistant.planner.move_date import named_day
from assistant.planner.persists import fault_persists
from assistant.planner.plan_price import plan_price_line
from assistant.planner.refunds import CARD_CHANGED, REFUND_ELSEWHERE
from assistant.planner.resolve import _the_faulty_one
from assistant.planner.return_fee import asks_cost
from assistant.planner.return_words import REFUND_STATUS
from assistant.planner.unmentioned import asked_properties, unmentioned
from assistant.retrieval.query import known_words
from tests.support import pack_view

TODAY = date(2026, 1, 20)
WASHING = [
    ("Socks are machine washable.", False),
    ("1. Turn the socks inside out so that sweat is washed out of the loops.", True),
    ("2. Put them in a mesh laundry bag if you wash them with clothes that have zippers.", True),
    ("3. Machine wash cold or warm, at no more than 40 °C (104 °F).", True),
    ("4. Do not use chlorine bleach.", True),
    ("5. Do not use fabric softener or dryer sheets.", True),
    ("6. Tumble dry on low heat, or line dry.", True),
    ("7. Do not iron the socks.", True),
]


def test_the_steps_that_each_answer_part_of_the_question_join() -> None:
    picked = ["Socks are machine washable.", WASHING[4][0], WASHING[5][0]]
    lines = spans.facet_steps(picked, WASHING, ["warm", "fabric", "softener", "dryer"])
    assert lines == ["Socks are machine washable.", *(u for u, _ in WASHING[3:7])]


def test_a_word_many_steps_name_picks_no_step() -> None:
    picked = [WASHING[3][0], WASHING[4][0]]
    lines = spans.facet_steps(picked, WASHING, ["wash", "hot", "bleach"])
    assert lines == picked  # "wash" is in three steps: not one of them is asked for it


def test_a_short_procedure_is_left_to_its_own_rule() -> None:
    short = WASHING[:6]
    assert spans.facet_steps([short[3][0], short[4][0]], short, ["warm", "bleach"]) == [
        short[3][0],
        short[4][0],
    ]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Can I wash them hot with bleach?", True),
        ("can the socks go in the wash on warm", True),
        ("can i rinse it with cold water", True),
        ("can I wash them with bleach?", False),
        ("is it hot outside", False),
    ],
)
def test_a_washing_temperature_is_asked(text: str, asked: bool) -> None:
    assert bool(HOW_HOT.search(text)) is asked


@pytest.mark.parametrize(
    ("text", "late"),
    [
        ("ordered 4 bags of coffee last monday and theyre still not here??", True),
        ("my order hasn't arrived yet", True),
        ("the headphones never came", True),
        ("so when is the coffee actually gonna show up, im out of beans", True),
        ("when will it arrive", True),
        ("is it here yet or not? it's not here", True),
        ("the coffee is here, thanks", False),
        ("when does the kettle get hot", False),
        ("where is the serial number", False),
    ],
)
def test_a_parcel_that_has_not_come(text: str, late: bool) -> None:
    assert bool(NOT_COME.search(text)) is late


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("can i restart it sooner, like mid february?", date(2026, 2, 15)),
        ("move it to mid-march please", date(2026, 3, 15)),
        ("the middle of april works", date(2026, 4, 15)),
        ("can i restart it sooner?", None),
    ],
)
def test_the_middle_of_a_month_is_its_15th(text: str, day: date | None) -> None:
    assert named_day(text, TODAY, None) == day


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("want to go down to 2 bags", "2 bags per delivery: $34.99"),
        ("3 bags a month is too much. want to go down to 2 bags", "2 bags per delivery: $34.99"),
        ("can i change my plan to 2 bags instead of 3?", "2 bags per delivery: $34.99"),
        ("how much is 1 bag?", "1 bag per delivery: $18.99"),
        ("i have 2 bags of decaf at home", ""),  # no change, no price asked
    ],
)
def test_the_plan_asked_for_is_priced(text: str, line: str) -> None:
    found = plan_price_line(text, pack_view().policy.subscriptions, 3)
    assert found.startswith(line) if line else found == ""


def test_a_word_of_the_customers_language_in_english_is_glossed() -> None:
    words = loanwords()
    assert words["garantie"] == "warranty" and words["semelle"] == "sole"
    assert "red" not in words and "was" not in words  # short words are English words too
    speller = Speller(
        known_words(), lambda: document_words(["The warranty covers the sole."]), words
    )
    assert speller.correct("you can change them with the garantie?") == (
        "you can change them with the warranty?"
    )
    assert speller.correct("the warranty is fine") == "the warranty is fine"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("¿Cómo lo limpio? ¿se puede con vinagre? tiene manchitas blancas en el fondo", "vinegar"),
        ("Kann ich den Wasserkocher mit Essig entkalken? Es schwimmen weiße Flocken", "vinegar"),
        ("Est-ce que je peux détartrer avec du vinaigre ? il y a des flocons", "vinegar"),
        ("Posso usare l'aceto? ci sono fiocchi bianchi nel fondo", "vinegar"),
        ("Posso limpar com vinagre? tem flocos brancos boiando", "vinegar"),
        ("Kan ik de waterkoker met azijn ontkalken? er drijven witte vlokken", "vinegar"),
        ("Posso farlo da solo? o perdo la garanzia?", "do it myself"),
    ],
)
def test_limescale_words_in_six_languages(text: str, words: str) -> None:
    understood = understand(text)
    assert not understood.english and words in understood.text


@pytest.mark.parametrize(
    ("text", "faulty"),
    [
        (
            "since then the homely camera is offline, the light is red and blinking slow. I "
            "buy it last march with the smart plug, if it is broken it is still in warranty?",
            "HMY-CAM-2K",
        ),
        ("the smart plug keeps clicking off. my homely camera is fine", "HMY-PLUG-2P"),
        ("the homely camera and the smart plug are both offline", None),  # both: not told
        ("I bought the homely camera with the smart plug", None),  # no fault told
    ],
)
def test_of_two_products_named_the_faulty_one(text: str, faulty: str | None) -> None:
    found = _the_faulty_one(pack_view(), text, ["HMY-CAM-2K", "HMY-PLUG-2P"])
    assert found == faulty


@pytest.mark.parametrize(
    ("text", "persists"),
    [
        (
            "i dried everything, filled it again and it's dripping from the bottom edge. can "
            "someone just replace it?",
            True,
        ),
        (
            "I turned on Eco Mode and Airplane Mode like the guide says, no difference. I want a "
            "new one.",
            True,
        ),
        ("it's dripping from the bottom edge, what do i do", False),  # nothing tried yet
        ("i dried it and it works again, thanks", False),  # fixed, no remedy asked
    ],
)
def test_a_fault_still_there_after_the_customers_own_checks(text: str, persists: bool) -> None:
    assert fault_persists(text) is persists


@pytest.mark.parametrize(
    ("text", "changed"),
    [
        ("my amex got replaced in december after my wallet was stolen, new number", True),
        ("My Mastercard expired at the end of December", True),
        ("the refund went to my old card?", True),
        ("i paid with my visa", False),
    ],
)
def test_a_card_replaced_since_the_refund(text: str, changed: bool) -> None:
    assert bool(CARD_CHANGED.search(text)) is changed


@pytest.mark.parametrize(
    ("text", "elsewhere"),
    [
        ("can't you just send it to my paypal instead then?", True),
        ("and not me it can give as store credit?", True),
        ("can you refund it to a different card", True),
        ("can you send it to my mom's address instead", False),
        ("send it to 12 Oak St", False),
    ],
)
def test_a_refund_asked_to_go_elsewhere(text: str, elsewhere: bool) -> None:
    assert bool(REFUND_ELSEWHERE.search(text)) is elsewhere


def _page(text: str) -> PassageOut:
    return PassageOut(
        chunk_id="c",
        title="Blend Profiles",
        section="Morning Light > Origin and roast",
        text=text,
        skus=["RCC-MLB-12"],
        doc_type="guide",
        page=None,
        source="blends.md",
    )


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "its sooo good. is it organic? or fair trade? my sister only buys organic",
            ["organic", "fair trade"],
        ),
        ("are the velo 3s vegan?", ["vegan"]),
        ("is it normal?", ["normal"]),
        ("how do i clean it?", []),
    ],
)
def test_the_properties_a_yes_no_question_asks(question: str, asked: list[str]) -> None:
    assert asked_properties(question) == asked


def test_a_property_no_document_mentions() -> None:
    origin = _page("Morning Light is 50% washed Colombia from Huila. It is roasted medium-light.")
    question = "is it organic? or fair trade?"
    assert unmentioned(question, [origin]) == ["organic", "fair trade"]
    certified = _page("Morning Light is certified organic by the USDA.")
    assert unmentioned(question, [origin, certified]) == []  # one page says it
    assert unmentioned("is it normal?", [origin]) == []  # a judgement, not a property
    assert unmentioned("are they wool?", [origin]) == []  # a material: its lines answer


def test_paying_the_return_shipping_is_asking_the_fee() -> None:
    assert asks_cost("if i swap them for the white ones do i have to pay the return shipping?")
    assert not asks_cost("if i swap them for the white ones, when do they ship?")


@pytest.mark.parametrize(
    "text",
    [
        "my card got stolen, will my refund for the shoes still reach me?",
        "where does the money go to now that my card is closed?",
    ],
)
def test_where_a_refund_ends_up_is_its_status(text: str) -> None:
    assert REFUND_STATUS.search(text)
