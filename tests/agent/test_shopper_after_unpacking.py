"""Owners who just unpacked something, on the real parts (MiniLM, Chroma, trained router, demo
store; shoppers_dev68, dev69 and dev70 situations): "can i charge the battery" of the Z8 they
own answered from the camera's guide, the charge lamp's blink found past the chunk shown, the
plan's transit time and last minute for changes after its status, both products' warranties
when "each" is asked, two posted charges handed to a billing specialist, a French "is it
broken?" answered as a question, "go ahead with the 7s" executing the exchange, an exchange
asked of an order still on its way, a reset the answer's own line sends to, "how often do i have
to do this whole thing" after a kettle's descaling, a pending charge "still sitting there next
week", and a plan made smaller beside a charge for a billing specialist."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_the_battery_of_the_camera_they_own_is_charged_as_its_guide_says(real: Assistant) -> None:
    state = verified(real, "44631", "nora.okafor228@example.com")
    reply = real.reply(
        state,
        "bought my z8 back in october for a trip that got cancelled so its literally been "
        "sitting in the box, finally opening it. can i charge the battery with my iphone "
        "charger? how long until its full",
    )
    assert "18 W" in reply.text and "2.5 hours" in reply.text
    later = real.reply(
        state,
        "no idea what watt my iphone one is so i plugged it into my laptop usb-c instead, "
        "camera switched off. the little light by the port is blinking orange really fast, "
        "like twice a second. fwiw the box has been in my freezing garage all week",
    )
    assert "Blinking orange (about twice per second)" in later.text
    assert "try again after 30 minutes" in later.text
    assert "Charge lamp meanings:\n\n" not in later.text  # no lead-in left hanging


def test_the_plans_transit_and_last_minute_after_its_status(real: Assistant) -> None:
    state = verified(real, "48802", "mason.sanchez157@example.com")
    first = real.reply(state, "hey whens my next coffee coming")
    assert "Friday, February 20" in first.text
    assert "until 11:59 PM ET on Wednesday, February 18" in first.text
    transit = real.reply(state, "and how long does it take to actually get to me after that")
    assert "3–5 business days" in transit.text
    assert "tracking number" not in transit.text  # not the last order's parcel
    cutoff = real.reply(
        state,
        "ok cool. might get an espresso machine for my birthday, until when can i still switch "
        "the grind for that delivery?",
    )
    assert "11:59 PM ET on Wednesday, February 18" in cutoff.text
    assert "tracking number" not in cutoff.text


def test_each_products_warranty_when_each_is_asked(real: Assistant) -> None:
    state = verified(real, "41333", "carlos.white57@example.com")
    reply = real.reply(
        state,
        "Hello. Two questions about the Lumora camera and the Kestrel memory card I bought "
        "together last February. How long is each of them under warranty, and where exactly is "
        "the serial number on the camera?",
    )
    assert "24-month (2-year) warranty" in reply.text and "February 20, 2027" in reply.text
    assert "60-month (5-year) warranty" in reply.text and "February 20, 2030" in reply.text
    assert "bottom plate" in reply.text
    typed = verified(real, "41333", "carlos.white57@example.com")  # routed as a question
    asked = real.reply(
        typed, "got the z8 n that kestrel card together, both still under warrenty??"
    )
    assert "February 20, 2027" in asked.text and "February 20, 2030" in asked.text


def test_two_posted_charges_go_to_a_billing_specialist(real: Assistant) -> None:
    state = verified(real, "46252", "omar.lee193@example.com")
    reply = real.reply(
        state,
        "I was charged twice for my SoundWave Pro order 46252. Both charges of $281.23 are "
        "posted on my Visa ending 9415, both dated December 15, neither is pending. Please fix "
        "this.",
    )
    assert reply.escalation is not None and reply.escalation.reason == "billing_dispute"
    later = real.reply(state, "Should I just open a dispute with my bank instead?")
    assert "60 days or more" in later.text
    assert later.escalation is None or later.escalation.reason != "warranty_claim"


def test_a_french_is_it_broken_is_a_question(real: Assistant) -> None:
    state = verified(real, "43304", "mateo.fischer150@example.com")
    reply = real.reply(
        state,
        "Bonjour, j'ai posé ma caméra Homely sur le rebord de la fenêtre pour surveiller le "
        "jardin. Le jour ça va, mais la nuit l'image est toute blanche, on ne voit rien. Elle "
        "est cassée ? Je peux la mettre dehors sous l'auvent à la place ?",
    )
    assert reply.escalation is None
    assert "reflects off the glass" in reply.text


def test_go_ahead_with_the_size_shown_executes_the_exchange(real: Assistant) -> None:
    state = verified(real, "46854", "mia.miller20@example.com")
    asked = real.reply(
        state,
        "hi, my velo 3s came last wednesday (6.5 navy). ive only worn them around the apartment "
        "but my big toe hits the front when i go down the stairs. can i swap them for a 7 in the "
        "same navy?",
    )
    assert asked.pending_action is not None and asked.pending_action.action == "exchange_item"
    done = real.reply(state, "perfect, go ahead with the 7s")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_an_exchange_asked_before_the_order_arrives(real: Assistant) -> None:
    state = verified(real, "46894", "noah.murphy40@example.com")
    reply = real.reply(
        state,
        "hi! couple things about my order from last tuesday: where is it, the tracking confuses "
        "me. also i just realized i grabbed the small socks but my shoes are a 10. if theyre "
        "wrong can i swap them once they come, i wont open them",
    )
    assert "523260548328" in reply.text
    assert "hasn't been delivered yet" in reply.text and "30 days from delivery" in reply.text
    assert "Could you send me the order number" not in reply.text


def test_the_reset_a_line_of_the_answer_sends_to_follows_it(real: Assistant) -> None:
    state = verified(real, "43842", "james.martin48@example.com")
    reply = real.reply(
        state,
        "Oi, troquei de roteador (o novo é mesh, um nome só pra casa toda) e mudei a senha do "
        "Wi-Fi. Agora a luzinha do plugue Homely fica piscando laranja devagar e o app diz que "
        "está offline. Como faço pra ele voltar a funcionar?",
    )
    assert "If you changed the Wi-Fi name or password, reset the plug" in reply.text
    assert "How to reset it" in reply.text and "6 seconds" in reply.text


def test_how_often_after_a_kettles_descaling_is_about_the_kettle(real: Assistant) -> None:
    state = verified(real, "41709", "noah.rodriguez189@example.com")
    real.reply(
        state,
        "theres little white flakes floating in my tea lately, how do i clean the "
        "inside of my cuisina kettle",
    )
    real.reply(state, "did it. now the water tastes like vinegar lol")
    reply = real.reply(state, "how often do i have to do this whole thing")
    assert "subscription" not in reply.text.lower()
    assert "descale every" in reply.text.lower()


def test_a_pending_charge_still_there_next_week(real: Assistant) -> None:
    state = verified(real, "47058", "ravi.gonzalez263@example.com")
    real.reply(
        state,
        "my mastercard shows TWO charges of $122.85 from you since sunday. i only ordered one "
        "pair of shoes (the coral 11s). one of them says pending i think. did you charge me "
        "twice??",
    )
    reply = real.reply(state, "ok. and if it's still sitting there next week?")
    assert "still there after 5 business days" in reply.text
    assert "billing specialist" in reply.text and "tracking number" not in reply.text


def test_a_smaller_plan_priced_beside_a_charge_handed_over(real: Assistant) -> None:
    state = verified(real, "48805", "mateo.chen166@example.com")
    reply = real.reply(
        state,
        "we're drowning in coffee, 3 bags a month is too much. want to go down to 2 bags. ALSO "
        "my visa shows northfield $54.43 on jan 10 (fine, that's the coffee) and then ANOTHER "
        "$54.43 on jan 13 that i don't recognise at all, and we only got one box. what is that??",
    )
    assert "2 bags per delivery: $34.99" in reply.text
    assert reply.escalation is not None and reply.escalation.reason == "billing_dispute"


def test_an_order_asked_about_after_the_plans_status_is_that_order(real: Assistant) -> None:
    state = verified(real, "48778", "ava.wilson293@example.com")
    real.reply(state, "hey whens my next coffee coming")
    reply = real.reply(state, "ok and the last order i placed, where is it now?")
    assert "tracking number" in reply.text  # the order's parcel, not the plan's guide
