from __future__ import annotations

import pytest

from assistant.agent.language import detect, english_note, understand


@pytest.mark.parametrize(
    ("text", "language", "contains"),
    [
        ("¿Dónde está mi pedido 47234?", "es", "where is my order 47234"),
        ("Mis auriculares no se conectan al móvil", "es", "headphones do not connect"),
        ("Wo ist meine Bestellung? Ich habe keine Bestätigung bekommen", "de", "my order"),
        ("Mein Kopfhörer funktioniert nicht", "de", "headphones is not working"),
        ("Bonjour, où est ma commande ?", "fr", "where is my order"),
        ("Je veux annuler mon abonnement", "fr", "cancel my subscription"),
        ("Hola, ¿hacen envíos a Canadá?", "es", "ship to canada"),
    ],
)
def test_other_languages_are_glossed(text: str, language: str, contains: str) -> None:
    understood = understand(text)
    assert understood.language == language
    assert contains in understood.text.lower()
    assert english_note(language)


@pytest.mark.parametrize(
    "text", ["where is my order", "no", "sí", "Is it waterproof? I'm going to la playa", ""]
)
def test_english_and_short_replies_pass_unchanged(text: str) -> None:
    assert detect(text) == "en"
    assert understand(text).text == text


def test_emails_and_order_numbers_are_kept_as_typed() -> None:
    out = understand("Mi pedido es 47234 y mi correo es Ana.Lopez@example.com")
    assert "47234" in out.text and "Ana.Lopez@example.com" in out.text
