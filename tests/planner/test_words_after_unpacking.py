"""Words of owners who just unpacked something and ask what they see next (shoppers_dev68 and
dev70 situations): a light told by its colour and pattern whose line sits past the end of the
chunk shown, a brand's product named in the plural, a question asked in a statement's order in
French, a size said as "the 7s" when saying yes, a subscription's last minute for changes."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from assistant.agent.confirm import PendingReply, read_reply
from assistant.agent.language import understand
from assistant.agent.tools import PassageOut
from assistant.commerce.schemas import Change
from assistant.planner import fmt
from assistant.planner.common import shown_text
from assistant.planner.sections import naming_the_feature
from assistant.planner.told_lines import light_line
from assistant.planner.told_what_if import _bigrams
from tests.support import pack_view, preview_of


def _passage(chunk: str, text: str) -> PassageOut:
    return PassageOut.model_validate(
        {
            "chunk_id": chunk,
            "text": text,
            "source": "guide.pdf",
            "title": "Guide",
            "section": "3.1 Charging the battery",
            "page": 3,
            "doc_type": "manual",
            "skus": ["CAM"],
            "unit_scores": {},
        }
    )


SHOWN = _passage(
    "a",
    "1. Connect the cable with the camera off.\n"
    "2. Check the charge lamp: steady orange while charging.\n\nCharge lamp meanings:",
)
REST = _passage(
    "b",
    "- Steady orange: charging.\n"
    "- Blinking orange (about twice per second): charging error. Move the camera to room "
    "temperature and try again after 30 minutes.",
)


def test_a_told_light_is_found_in_the_next_chunk_of_the_section_shown() -> None:
    told = "the little light by the port is blinking orange really fast, like twice a second"
    found = light_line([SHOWN, REST], SHOWN.text, "CAM", told)
    assert found is not None
    assert found.text.startswith("- Blinking orange (about twice per second)")


def test_a_line_already_shown_is_not_found_again() -> None:
    told = "the lamp is steady orange"
    shown = SHOWN.text + "\n" + REST.text
    assert light_line([SHOWN, REST], shown, "CAM", told) is None


def test_a_chunk_that_ends_on_a_lead_in_is_quoted_without_it() -> None:
    assert shown_text(SHOWN.text).endswith("steady orange while charging.")
    assert shown_text("Only line:") == "Only line:"


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("My daughter gave me one of the Cuisina kettles for Christmas", "CUI-KTL-17"),
        ("my cuisina kettles", "CUI-KTL-17"),
        ("my cuisina kettle", "CUI-KTL-17"),
        ("the cuisina grinders", "CUI-GRD-40"),
    ],
)
def test_a_brands_noun_in_the_plural_names_that_product(text: str, sku: str) -> None:
    assert pack_view().vocabulary.mentions(text) == [sku]


@pytest.mark.parametrize(
    ("message", "english"),
    [
        ("la nuit l'image est toute blanche. Elle est cassée ? Je peux", "is it broken?"),
        ("Le voyant est rouge. C'est normal ? Merci", "is this normal?"),
    ],
)
def test_a_question_asked_in_a_statements_order_reads_as_a_question(
    message: str, english: str
) -> None:
    assert english in understand(message).text


def test_a_statement_keeps_its_order() -> None:
    assert "it is broken." in understand("Elle est cassée. Je veux un remboursement.").text


def test_the_size_said_as_a_plural_number_is_the_one_shown() -> None:
    preview = preview_of(
        "exchange_item",
        "Exchange 1 × Velo 3 (size 6.5, navy blue) for size 7, navy blue.",
        Change(field="size", before="6.5", after="7"),
    )
    assert read_reply("perfect, go ahead with the 7s", "exchange_item", preview) is (
        PendingReply.CONFIRM
    )
    assert read_reply("perfect, go ahead with the 8s", "exchange_item", preview) is not (
        PendingReply.CONFIRM
    )


def test_the_last_minute_for_changes_is_the_end_of_the_stores_day() -> None:
    with fmt.store_zone(ZoneInfo("America/New_York"), date(2026, 1, 20)):
        assert fmt.day_end(date(2026, 2, 18)) == "11:59 PM ET on Wednesday, February 18"


def _section(chunk: str, section: str, text: str) -> PassageOut:
    return _passage(chunk, text).model_copy(update={"section": section})


def test_a_feature_named_by_its_acronym_picks_the_section_that_names_it() -> None:
    power = _section("p", "Turn on and pair", "1. To turn on: hold Power for 2 seconds.")
    codec = _section(
        "c",
        "Android phone",
        "Supports SBC, AAC and LDAC; LDAC is chosen with Sound Quality "
        "Priority in the app and turns multipoint off.",
    )
    asked = "my friend say there is LDAC for better sound quality. how I turn it on?"
    assert naming_the_feature(power, [power, codec], "CAM", asked, "Pro") is codec
    plain = "how do I turn it on?"
    assert naming_the_feature(power, [power, codec], "CAM", plain, "Pro") is power
    named = "how do i turn on the Z8?"  # the model's own name is no feature
    assert naming_the_feature(power, [power, codec], "CAM", named, "Z8") is power


def test_a_word_between_the_words_of_a_case_still_says_it() -> None:
    assert ("still", "there") in _bigrams("and if it's still sitting there next week?", True)
    assert ("still", "there") not in _bigrams("and if it's still sitting there next week?")


@pytest.mark.parametrize(
    "text", ["would it be ok in my car dash cam", "my action camera", "a webcam"]
)
def test_another_kind_of_device_is_not_the_stores(text: str) -> None:
    assert pack_view().vocabulary.mentions(text) == []


def test_the_stores_own_camera_is_still_named_beside_a_dash_cam() -> None:
    text = "ok in my dash cam? and could i move the card into a homely indoor cam later"
    assert "HMY-CAM-2K" in pack_view().vocabulary.mentions(text)


def test_an_amount_asked_about_before_the_yes_is_answered_from_thepreview() -> None:
    from assistant.agent.preview_questions import scope_answer

    preview = preview_of(
        "skip_next_delivery",
        "Skip the delivery on Tuesday, January 27: no charge and no shipment that day.",
        Change(field="next delivery date", before="January 27", after="February 27"),
    )
    asked = "yes but quick q first, the 34.99 won't come out of my account on the 27th right?"
    answer = scope_answer(asked, "skip the next delivery", preview)
    assert answer is not None and "no charge and no shipment that day" in answer


def test_a_word_shouted_in_capitals_is_no_feature() -> None:
    power = _section("p", "Turn on and pair", "1. To turn on: hold Power for 2 seconds.")
    other = _section("o", "Sensor cleaning", "Each time you turn it OFF the sensor is cleaned.")
    asked = "if i shake it while its turned OFF i hear something clicking. is something loose??"
    assert naming_the_feature(power, [power, other], "CAM", asked, "Z8") is power
