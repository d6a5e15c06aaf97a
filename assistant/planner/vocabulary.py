"""Product mentions resolved from the store's catalogue data, not from a hand-written alias
table: SKUs, model names, brand names, the words and word pairs of product names, and a few
everyday synonyms of generic product nouns (language, not store data: "sneakers" are shoes).

Keys are matched longest first, so "camera bag" names the bag and not the camera. A key shared
by several products goes to the one whose name ends in it ("camera" → the camera, not the
camera bag), then to the highest-priced one (a brand name alone means its main product).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from assistant.planner.phrase_match import code_spellings, phrase_pattern, sentence_around, squashed
from assistant.planner.product_words import GENERIC_WORDS, SYNONYMS

# words that put two products side by side ("my headphones and the cushions")
_SEPARATES = frozenset("and or & with for plus vs versus to in on into from than not".split())
# a word right after a subject pronoun is a verb ("can i plug them in"), not a product
_DOER = re.compile(r"\b(i|we|you|they)\s+$")
_OTHER_KIND = re.compile(r"\b(dash|action|web|trail|doorbell|helmet)\s*-?$")  # "dash cam"
# "pay the club with my new card instead of paypal": a payment card, not a product called a card
_PAYING = re.compile(
    r"\b(pay|paying|paid|payment|paypal|credit|debit|visa|amex|mastercard|billing|bank|"
    r"charged?|expired|wallet)\b"
)
# a product right after these is set aside, not asked about ("forget the grinder")
_DISMISSED = re.compile(
    r"\b(forget( about)?|not|never ?mind|nvm|instead of|rather than|other than|except)"
    r"( the| my| that| this| about the)?\s+$"
)


_TOKEN = re.compile(r"[a-z0-9][a-z0-9'.-]*[a-z0-9]|[a-z0-9]")


def _type_of(product: object) -> str:
    """The product's type in the catalogue ("camera-accessories"), "" when it has none."""
    return str(getattr(product, "product_type", "") or "").lower()


class ProductLike(Protocol):
    """What the vocabulary reads of a catalogue product."""

    @property
    def sku(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def brand(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def price(self) -> Decimal: ...


@dataclass(frozen=True, slots=True)
class _Key:
    phrase: str
    sku: str
    rank: tuple[int, int, Decimal]  # (model/head noun, brand word, price): higher wins
    brand: str = ""  # set when the key is only the brand's name


def words(text: str) -> list[str]:
    text = re.sub(r"\(.*?\)|,.*$", " ", text.lower())
    return _TOKEN.findall(text)


def head_noun(tokens: Sequence[str]) -> str | None:
    for word in reversed(tokens):
        if word.isalpha() and len(word) > 2 and word not in GENERIC_WORDS:
            return word
    return None


_MEASURE = re.compile(r"\d+(\.\d+)?(gb|tb|mb|mm|cm|l|ml|oz|w|mah)")  # "a 128gb one": a size


def _kind_words(head: str | None) -> set[str]:
    """The words that say what a product is: its noun, its plural, and their everyday words."""
    if head is None:
        return set()
    said = {head, f"{head}s", *SYNONYMS.get(head, ())}
    return {w for phrase in said for w in phrase.split()}


_WEAK = (0, 0, Decimal(-1))  # the rank of a key of descriptive words only


def _own_generic_pairs(products: Sequence[ProductLike]) -> list[_Key]:
    """Word pairs of a product's name made of descriptive words only that no other product's
    name has: "tempered glass" of a screen protector, "morning light" of a coffee blend."""
    owners: dict[str, set[str]] = {}
    for p in products:
        tokens = words(p.name)
        for i in range(len(tokens) - 1):
            if tokens[i] in GENERIC_WORDS and tokens[i + 1] in GENERIC_WORDS:
                owners.setdefault(f"{tokens[i]} {tokens[i + 1]}", set()).add(p.sku)
    return [
        _Key(phrase, sku, _WEAK)
        for phrase, skus in owners.items()
        if len(skus) == 1
        for sku in skus
    ]


class ProductVocabulary:
    def __init__(self, products: Iterable[ProductLike]) -> None:
        keys: dict[str, _Key] = {}
        products_list = list(products)
        for p in products_list:
            name_words = words(p.name)
            model_words = words(p.model)
            head = head_noun(name_words)
            phrases: set[str] = {p.sku.lower(), " ".join(model_words), " ".join(name_words)}
            for tokens in (name_words, model_words):
                for n in (2, 3):
                    for i in range(len(tokens) - n + 1):
                        gram = tokens[i : i + n]
                        if not all(w in GENERIC_WORDS for w in gram):
                            phrases.add(" ".join(gram))
                for w in tokens:
                    mixed = any(c.isdigit() for c in w) and any(c.isalpha() for c in w)
                    if mixed or (w.isalpha() and len(w) > 2 and w not in GENERIC_WORDS):
                        phrases.add(w)
                    if mixed:
                        phrases.update(code_spellings(w))
                        if head is not None and w != head and head in tokens:
                            phrases.add(f"{w} {head}")  # "merino socks": a word + the noun
            brand_words = {w for w in words(p.brand) if w not in GENERIC_WORDS and len(w) > 2}
            phrases |= brand_words
            for word in list(phrases):
                phrases.update(SYNONYMS.get(word, ()))
                if word.isalpha() and len(word) > 3 and not word.endswith("s"):
                    phrases.add(word + "s")  # "boots", "tents": the plural names it too
            for phrase in phrases:
                phrase = phrase.strip()
                if not phrase:
                    continue
                nouns = (head, *SYNONYMS.get(head, ())) if head is not None else ()
                last = phrase.split()[-1]  # "kettles" ends on the noun as "kettle" does
                ends = int(last in nouns or (last.endswith("s") and last[:-1] in nouns))
                exact = int(phrase in (" ".join(model_words), p.sku.lower()))
                brand = p.brand if phrase in brand_words else ""
                key = _Key(phrase, p.sku, (exact * 2 + ends, int(bool(brand)), p.price), brand)
                old = keys.get(phrase)
                if old is None or key.rank > old.rank:
                    keys[phrase] = key
        self._keys = sorted(keys.values(), key=lambda k: -len(k.phrase))
        self._weak = [  # matched after every other key, only where none of them matched
            (phrase_pattern(k.phrase), k)
            for k in _own_generic_pairs(products_list)
            if k.phrase not in keys
        ]
        self._patterns = [(phrase_pattern(k.phrase), k) for k in self._keys]
        self._brand_of = {p.sku: p.brand for p in products_list}
        self._type_words = {  # "cameras", "camera-accessories": both "camera"
            p.sku: {w.rstrip("s") for w in re.split(r"[^a-z]+", _type_of(p)) if w}
            for p in products_list
        }
        self._words_of = {p.sku: set(words(f"{p.name} {p.model}")) for p in products_list}
        self._model_words = {p.sku: set(words(p.model)) for p in products_list}
        self._kind_words = {p.sku: _kind_words(head_noun(words(p.name))) for p in products_list}
        self._phrases = set(keys)

    def _other_model(self, low: str, start: int, end: int, phrase: str) -> bool:
        """ "my old RS-1 remote", "the Velo 2": a model code next to the name that is not one the
        store sells names another (older) model, not this product."""
        before = re.search(r"([a-z0-9][a-z0-9-]*)\s*$", low[:start])
        if before is not None:
            code = before.group(1)
            mixed = any(c.isdigit() for c in code) and any(c.isalpha() for c in code)
            if mixed and code not in self._phrases:
                return True
        after = re.match(r"\s*(\d{1,2})(?![\d.,])", low[end:])
        if after is not None and f"{phrase} {after.group(1)}" not in self._phrases:
            return any(
                k.startswith(f"{phrase} ") and k[len(phrase) + 1 :][:1].isdigit()
                for k in self._phrases
            )
        return False

    def mentions(self, text: str) -> list[str]:
        """SKUs named in ``text``, in order of appearance, each once."""
        return self._mentions(text)[0]

    def by_brand_only(self, text: str) -> set[str]:
        """SKUs ``text`` names only by their brand's name ("my coffee" of a coffee brand)."""
        found, _ = self._found(text)
        return {k.sku for _, _, k in found if k.brand} - {k.sku for _, _, k in found if not k.brand}

    def by_a_part_word(self, text: str) -> set[str]:
        """SKUs ``text`` names only by one word of their name that is not what the product is
        ("the little screen says E2": the screen protector's "screen", the kettle's display)."""
        found, _ = self._found(text)

        def part(k: _Key) -> bool:  # not the model's own word ("soundwave pros"), nor a brand
            model = self._model_words.get(k.sku, set())
            return k.rank[0] == 0 and " " not in k.phrase and not k.brand and k.phrase not in model

        return {k.sku for _, _, k in found if part(k)} - {k.sku for _, _, k in found if not part(k)}

    def _goes_with(self, sku: str, other: str) -> bool:
        """Whether ``other`` can be sold for ``sku``: the same brand, or kinds the store's types
        relate ("cameras" and "camera-accessories"), not a battery for headphones."""
        types = self._type_words.get(sku, set()) & self._type_words.get(other, set())
        return self._brand_of.get(sku) == self._brand_of.get(other) or bool(types)

    def by_kind_only(self, text: str) -> set[str]:
        """SKUs ``text`` names only by what they are ("the sd card", "the battery"): by their
        noun or its everyday words, never by a brand, a model or another word of their name."""
        found, _ = self._found(text)

        def kind(k: _Key) -> bool:
            return self._said_as_kind(k.phrase, k.sku)

        said = set(words(text))

        def branded(sku: str) -> bool:  # "the cuisina kettle": named with its brand
            return bool(said & (set(words(self._brand_of.get(sku, ""))) - GENERIC_WORDS))

        kinds = {k.sku for _, _, k in found if kind(k) and not branded(k.sku)}
        return kinds - {k.sku for _, _, k in found if not kind(k)}

    def _said_as_kind(self, phrase: str, sku: str) -> bool:
        what = self._kind_words.get(sku, set())
        return all(w in GENERIC_WORDS or w in what or _MEASURE.fullmatch(w) for w in phrase.split())

    def could_be(self, sku: str, text: str) -> bool:
        """Whether a product ``text`` names only by what it is could be ``sku`` too ("the
        camera" of the Homely indoor cam named a sentence before)."""
        kinds = [
            k.phrase for _, _, k in self._found(text)[0] if self._said_as_kind(k.phrase, k.sku)
        ]
        return bool(kinds) and all(self._said_as_kind(phrase, sku) for phrase in kinds)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Where ``text`` names a product: (start, end, SKU) of each mention, in order."""
        found, _ = self._found(text)
        return [(start - 1, end - 1, key.sku) for start, end, key in found]  # " " + text

    def dismissed(self, text: str) -> list[str]:
        """SKUs that ``text`` sets aside ("nvm, forget the grinder", "not the case")."""
        return self._mentions(text)[1]

    def _mentions(self, text: str) -> tuple[list[str], list[str]]:
        found, dismissed = self._found(text)
        specific = {self._brand_of.get(k.sku) for _, _, k in found if not k.brand}
        padded = f" {text}"
        ordered: list[str] = []
        parts: set[int] = set()  # "my <headphones> battery": theirs, no other kind's battery
        for i, (_, end, key) in enumerate(found):
            if (key.brand and key.brand in specific) or i in parts:
                continue  # "the Cuisina kettle": the kettle, not the brand's main product
            after = found[i + 1] if i + 1 < len(found) else None
            if (
                after is not None
                and after[2].sku != key.sku
                and after[2].rank[0] > 0  # what the next product is, not a part ("screen")
                and not padded[end : after[0]].strip()
            ):
                if self._goes_with(key.sku, after[2].sku):
                    continue  # "my spare camera battery": the battery; "camera" only says which
                parts.add(i + 1)
            if key.sku not in ordered:
                ordered.append(key.sku)
        return ordered, [sku for sku in dict.fromkeys(dismissed) if sku not in ordered]

    def _found(self, text: str) -> tuple[list[tuple[int, int, _Key]], list[str]]:
        """The mentions in ``text`` (positions in " " + its lowercase); the SKUs it sets aside."""
        low = " " + text.lower().replace("’", "'") + " "
        low = re.sub(r"\bin case\b", "       ", low)  # the idiom, not a product
        joined = squashed(low)
        dismissed: list[str] = []
        found: list[tuple[int, int, _Key]] = []
        taken = [False] * len(low)
        for pattern, key in [*self._patterns, *self._weak]:
            if squashed(key.phrase) not in joined:  # the pattern cannot match
                continue
            for m in pattern.finditer(low):
                if any(taken[m.start() : m.end()]):
                    continue
                if key.rank == _WEAK and any(taken[m.end() : m.end() + 2]):
                    continue  # "women's running socks": the words qualify the socks
                if self._other_model(low, m.start(), m.end(), key.phrase):
                    continue
                before = low[: m.start()]  # "can i plug the…": a verb; "my dash cam": no cam
                if " " not in key.phrase and (_DOER.search(before) or _OTHER_KIND.search(before)):
                    continue
                if key.phrase in ("card", "cards") and _PAYING.search(
                    sentence_around(low, m.start())
                ):
                    continue  # "…with my new card instead of paypal": how they pay
                if _DISMISSED.search(low[: m.start()]):
                    dismissed.append(key.sku)  # "forget the grinder": not asked about
                    continue
                for i in range(m.start(), m.end()):
                    taken[i] = True
                found.append((m.start(), m.end(), key))
        found = self._brand_qualified(low, sorted(found, key=lambda t: t[0]))
        return self._name_qualified(low, found), dismissed

    def _name_qualified(
        self, low: str, found: list[tuple[int, int, _Key]]
    ) -> list[tuple[int, int, _Key]]:
        """ "the soundwave replacment ear cushions": a mention whose words all belong to the name
        of the product named right after it (a word or two apart) qualifies that product; it
        does not name another one. A word of that name that is not its noun is then a part of
        the first ("my <model> right ear")."""
        out: list[tuple[int, int, _Key]] = []
        part = -1
        for n, (start, end, key) in enumerate(found):
            if n == part:
                continue
            if n + 1 < len(found):
                nxt_start, _, nxt = found[n + 1]
                between = low[end:nxt_start].split()
                own = set(key.phrase.split())
                if (
                    nxt.sku != key.sku
                    and len(between) <= 2
                    and not _SEPARATES.intersection(between)
                    and "," not in low[end:nxt_start]
                    and own <= self._words_of.get(nxt.sku, set())
                ):
                    if nxt.rank[0] > 0 or " " in nxt.phrase:
                        continue
                    part = n + 1  # "…pro right ear": its part, not the other's noun
            if out and self._same_noun(low, out[-1], (start, end, key)):
                continue  # "the Homely indoor camera": the cam's own noun, not another camera
            out.append((start, end, key))
        return out

    def _same_noun(
        self, low: str, before: tuple[int, int, _Key], mention: tuple[int, int, _Key]
    ) -> bool:
        """A one-word mention right after another product's, sharing a stem with that product's
        name ("indoor" "camera" after "Homely indoor cam"), names that product again."""
        _, end, key = before
        start, _, this = mention
        if this.sku == key.sku or " " in this.phrase or len(low[end:start].split()) > 1:
            return False
        noun = this.phrase
        return any(
            len(w) >= 3 and w.isalpha() and (noun.startswith(w) or w.startswith(noun[:4]))
            for w in self._words_of.get(key.sku, set())
        )

    def _brand_qualified(
        self, low: str, found: list[tuple[int, int, _Key]]
    ) -> list[tuple[int, int, _Key]]:
        """ "the Homely camera": a brand's name right before another brand's product noun
        names the brand's own product of that kind (a word sharing the noun's stem, "cam"), not
        the other brand's; when the brand sells nothing of the kind, both stay."""
        out: list[tuple[int, int, _Key]] = []
        skip = -1
        for n, (start, end, key) in enumerate(found):
            if n == skip:
                continue
            out.append((start, end, key))
            if not key.brand or n + 1 >= len(found):
                continue
            nxt_start, _, nxt = found[n + 1]
            if low[end:nxt_start].strip() or nxt.brand or self._brand_of.get(nxt.sku) == key.brand:
                continue
            noun = nxt.phrase.split()[-1]
            own = [
                sku
                for sku, brand in self._brand_of.items()
                if brand == key.brand
                and any(
                    len(w) >= 3 and (noun.startswith(w) or w.startswith(noun[:3]))
                    for w in self._words_of[sku]
                    if w.isalpha()
                )
            ]
            if own:  # the noun is the brand's product, not the other brand's
                out[-1] = (start, end, _Key(key.phrase, own[0], key.rank))
                skip = n + 1
        return out
