"""Changes of mind at a preview and several changes in one message, on the real parts (MiniLM,
Chroma, trained router, demo store): the order whose line the customer describes ("the navy
ones, 8.5") is the one exchanged; "for navy" asks for the catalogue's "navy blue"; a colour
asked again after one is out of stock is previewed; a fault told with a return asked is one
defective return; "ok but only if i don't pay for shipping" is answered from the preview; a
correction in French or Spanish previews again; "3 things: skip… one bag whole bean… the
deadline?" proposes the skip, lists the swap back and answers the deadline."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_the_order_with_the_told_size_and_colour_is_exchanged(real: Assistant) -> None:
    # the customer has the shoes twice: 8.5 navy blue (#46285) and 11.5 black (#46467)
    state = verified(real, "46285", "emily.martin3@example.com")
    reply = real.reply(
        state,
        "my daughter's new velo 3s (the navy ones, 8.5) are too short, her toes hit the end. she "
        "only wore them around the house. can we swap them for a 9.5 in the same navy?",
    )
    assert reply.pending_action is not None and reply.pending_action.action == "exchange_item"
    assert "#46285" in reply.text and "9.5, navy blue" in reply.text
    fixed = real.reply(
        state,
        "ugh sorry wait. she just measured her foot properly on a piece of paper, 25.2 cm, and "
        "your chart says thats a 9. so 9 not 9.5",
    )
    assert "size 9, navy blue" in fixed.text and not fixed.executed_actions
    done = real.reply(state, "yes, 9 navy, go")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_a_colour_asked_again_after_one_is_out_of_stock_is_previewed(real: Assistant) -> None:
    state = verified(real, "46574", "mia.moore201@example.com")  # Velo 3 10.5 black
    first = real.reply(
        state,
        "hey! can i exchange my velo 3s for navy? same size 10.5. the black ones get so hot "
        "running in the sun down here lol",
    )
    assert "navy blue is out of stock" in first.text and first.pending_action is None
    again = real.reply(
        state, "noooo. ok what about coral in 10.5 then, if that doesn't cost anything extra"
    )
    assert again.pending_action is not None and "size 10.5, coral" in again.text
    assert not again.executed_actions
    done = real.reply(state, "perfect, do it")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_a_fault_told_before_asking_to_send_it_back_is_a_defective_return(
    real: Assistant,
) -> None:
    state = verified(real, "46788", "priya.miller1@example.com")
    reply = real.reply(
        state,
        "the cuisina grinder came yesterday and it's dead. hopper turned till it clicked at 40, "
        "there's no HOP on the screen, the display lights up but START/PAUSE does absolutely "
        "nothing. tried a different outlet too. it's defective, i'd like to send it back for a "
        "refund",
    )
    assert reply.pending_action is not None and reply.pending_action.action == "return_items"
    assert "reason: defective" in reply.text and "return shipping free" in reply.text
    asked = real.reply(
        state,
        "ok but only if i don't have to pay for shipping it back. and the money goes back on my "
        "amex, right?",
    )
    assert asked.pending_action is not None and not asked.executed_actions
    assert "return shipping free" in asked.text and "American Express" in asked.text
    done = real.reply(state, "ok yes go ahead")
    assert [a.action for a in done.executed_actions] == ["return_items"]


def test_a_leak_that_comes_back_is_a_defect_when_sending_it_back(real: Assistant) -> None:
    state = verified(real, "46702", "ethan.martin134@example.com")
    reply = real.reply(
        state,
        "my cuisina kettle (came on the 6th) drips water out of the bottom seam onto the counter "
        "every time i boil. i fill it to the 1.5 line, never above max. dried the kettle and the "
        "base completely and it still does it. can i just send it back for a refund?",
    )
    assert reply.pending_action is not None and "reason: defective" in reply.text
    assert "unused" not in reply.text  # no change-of-mind question for a fault


def test_what_the_customer_pays_asked_at_the_preview_is_answered_from_it(
    real: Assistant,
) -> None:
    state = verified(real, "46411", "priya.thompson256@example.com")
    real.reply(
        state,
        "Hi, the Velo 3s I ordered in size 12 coral are too long. I've only worn them around the "
        "apartment. Can I exchange them for an 11.5 in the same coral?",
    )
    asked = real.reply(
        state,
        "And since it's the same shoe I don't pay anything extra, right? Not even for shipping?",
    )
    assert asked.pending_action is not None and not asked.executed_actions
    assert "nothing is charged" in asked.text


@pytest.mark.parametrize(
    ("order", "email", "first", "correction", "yes", "until"),
    [
        (
            "48747",
            "evelyn.shah173@example.com",
            "Bonjour, je pars au Portugal pour plusieurs mois en février. Est-ce que vous pouvez "
            "mettre mon abonnement café en pause pour 2 livraisons, s'il vous plaît ?",
            "Ah non, attendez : finalement mon mari reste à la maison et lui aussi boit du café. "
            "Une seule livraison alors, juste celle de février.",
            "Oui, c'est parfait, merci !",
            "April 23",
        ),
        (
            "48708",
            "priya.murphy113@example.com",
            "Hola, quiero cancelar mi suscripción del café.",
            "Mmm, pensándolo mejor no la canceles. ¿Puedo pausarla tres envíos? Vuelvo a estar "
            "en casa en primavera.",
            "Sí, perfecto, así.",
            "May 29",
        ),
    ],
)
def test_a_change_of_mind_in_another_language_previews_again(
    real: Assistant, order: str, email: str, first: str, correction: str, yes: str, until: str
) -> None:
    state = verified(real, order, email)
    assert real.reply(state, first).pending_action is not None
    again = real.reply(state, correction)
    assert again.pending_action is not None and again.pending_action.action == "pause_subscription"
    assert until in again.text and not again.executed_actions
    done = real.reply(state, yes)
    assert [a.action for a in done.executed_actions] == ["pause_subscription"]
    assert until in done.text  # the corrected pause, not the first one


def test_three_things_about_the_plan_each_get_their_turn(real: Assistant) -> None:
    state = verified(real, "48806", "isabella.sanchez185@example.com")
    reply = real.reply(
        state,
        "ok 3 things about my coffee club: can you skip saturday's box, we're drowning in coffee. "
        "and after that i want one of the 2 bags to be whole bean instead of french press (got a "
        "grinder for xmas!!) - is whole bean more expensive? also how late can i change stuff "
        "for a delivery, like whats the deadline for saturday's",
    )
    assert reply.pending_action is not None
    assert reply.pending_action.action == "skip_next_delivery"
    assert "whole bean instead of french press" in reply.text  # listed back, not dropped
    assert "Thursday, January 22" in reply.text  # the deadline, answered


def test_a_size_corrected_later_in_a_german_message_is_the_one_exchanged(
    real: Assistant,
) -> None:
    state = verified(real, "46520", "leo.sanchez31@example.com")  # Velo 3 11 navy blue
    reply = real.reply(
        state,
        "Hallo! Meine Velo 3 in Größe 11 (navy) sind vorne zu eng, ich habe sie nur in der "
        "Wohnung anprobiert. Kann ich sie gegen Größe 12 tauschen? Nein warte, 12 ist sicher zu "
        "groß – lieber 11,5, gleiche Farbe.",
    )
    assert reply.pending_action is not None and "size 11.5, navy blue" in reply.text
    done = real.reply(state, "Ja, bitte so machen.")
    assert [a.action for a in done.executed_actions] == ["exchange_item"]


def test_a_dutch_question_about_the_preview_is_answered_and_a_dutch_yes_confirms(
    real: Assistant,
) -> None:
    state = verified(real, "48810", "elijah.miller7@example.com")
    real.reply(
        state,
        "Hoi! Kunnen jullie mijn volgende koffielevering overslaan? We hebben nog twee volle "
        "zakken bonen staan.",
    )
    asked = real.reply(
        state,
        "En dan betaal ik op 26 januari dus niks, toch? En de keer daarna zijn het gewoon weer "
        "3 zakken voor hetzelfde bedrag?",
    )
    assert asked.pending_action is not None and "$49.99" in asked.text
    done = real.reply(state, "Top, ja, doe maar.")
    assert [a.action for a in done.executed_actions] == ["skip_next_delivery"]


def test_a_parcel_its_carrier_cannot_redirect_is_not_handed_over(real: Assistant) -> None:
    state = verified(real, "47182", "samuel.jones177@example.com")  # shipped with USPS
    reply = real.reply(
        state,
        "where's my homely camera? ordered it early monday. and if nobody's home when it comes "
        "could you send it to my neighbor's place instead?",
    )
    assert reply.escalation is None
    assert "USPS packages can't be redirected" in reply.text


def test_a_supposed_skip_or_frequency_is_answered_by_its_preview(real: Assistant) -> None:
    state = verified(real, "48700", "zoe.gonzalez237@example.com")  # every 2 months, Feb 9
    real.reply(state, "when's my next coffee coming and how much will it be?")
    skip = real.reply(state, "and if i skip that one, when would the one after be?")
    assert "Thursday, April 9" in skip.text and not skip.executed_actions
    assert skip.pending_action is not None
    assert skip.pending_action.action == "skip_next_delivery"  # a yes makes it
    monthly = real.reply(
        state,
        "hmm actually we drink more than i thought. what if instead of skipping i just switch "
        "to every month, would feb 9 still come?",
    )
    assert "stays on Monday, February 9" in monthly.text and "Monday, March 9" in monthly.text
    assert not monthly.executed_actions and monthly.pending_action is not None
    assert monthly.pending_action.action == "change_frequency"  # the skip is dropped
