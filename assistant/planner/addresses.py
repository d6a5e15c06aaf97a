"""Delivery addresses as customers type them: with or without commas, a unit on the street line
or on its own, a lead-in ("sure, the new address is") dropped from the name."""

from __future__ import annotations

import re

_US_TAIL = re.compile(
    r"^(?P<city>[A-Za-z .'-]+?),?\s+(?P<region>[A-Z]{2})\s+(?P<zip>\d{5})"
    r"(?:-\d{4})?$"
)


_REQUEST_WORDS = re.compile(
    r"\b(ship|send|deliver|address|change|update|move|moved|instead|pls|please|can|could|my|"
    r"to|it|the|i|we)\b",
    re.IGNORECASE,
)


def _strip_lead(name: str) -> str:
    """ "sure, the new address is" and the like are not part of a name; what is left of a
    request ("pls ship my battery to") is no name either."""
    left = re.sub(
        r"^(sure|ok(ay)?|yes|yeah|here( it is)?|it'?s|(please )?(change|update) (it|the address)"
        r"( to)?|(the )?new address( is)?|ship (it )?to|send (it )?to)\b[:,]?\s*",
        "",
        name.strip(),
        flags=re.IGNORECASE,
    ).strip()
    return "" if _REQUEST_WORDS.search(left) else left


_AFTER_ZIP = re.compile(r"(\b\d{5}(?:-\d{4})?)\s*[A-Za-z][A-Za-z .,!?']{0,40}$")


def looks_like_address(text: str) -> bool:
    return parse_address(text) is not None


_NO_COMMAS = re.compile(
    r"^(?P<name>.*?)(?P<street>\b\d+[a-z]?\s+(?:[\w.'-]+\s+){0,4}?(?:st|street|ave|avenue|rd|"
    r"road|blvd|boulevard|ln|lane|dr|drive|way|ct|court|pl|place|pkwy|parkway|ter|terrace|hwy|"
    r"highway|sq|square)\b\.?)(?:\s+(?P<unit>(?:apt|apartment|unit|suite|ste|fl|floor|#)\.?\s*"
    r"\w+))?\s+(?P<city>[A-Za-z .'-]+?)\s+(?P<region>[A-Z]{2})\s+(?P<zip>\d{5})(?:-\d{4})?\W*$",
    re.I,
)


def _flat_address(text: str) -> dict[str, str] | None:
    flat = _NO_COMMAS.match(" ".join(text.replace(",", " ").split()))
    if flat is None or not flat.group("region").isupper():
        return None
    return {
        "name": _strip_lead(flat.group("name")),
        "line1": flat.group("street").strip(),
        "line2": (flat.group("unit") or "").strip(),
        "city": flat.group("city").strip(),
        "region": flat.group("region"),
        "postal_code": flat.group("zip"),
    }


def parse_address(text: str) -> dict[str, str] | None:
    """ "Name, 77 Atlantic Ave, Apt 2, Brooklyn, NY 11217" -> AddressInput fields, or None.
    Commas are optional: "77 Atlantic Ave Apt 2 Brooklyn NY 11217" parses too, and words after
    the ZIP code ("... CA 90057 instead") are not part of it; nor are the sentences around it
    ("can you ship it to my mom's instead? 12 Oak St, Springfield IL 62704. i'm staying…")."""
    found = _parse(text)
    if found is None:
        sentences = _SENTENCE.split(text.strip())
        if len(sentences) > 1:
            found = next((a for s in sentences if _ZIP.search(s) and (a := _parse(s))), None)
    return found


_SENTENCE = re.compile(r"(?<=[?!.:])\s+(?=\S)")
_ZIP = re.compile(r"\b\d{5}(?:-\d{4})?\b")


def _parse(text: str) -> dict[str, str] | None:
    text = _AFTER_ZIP.sub(r"\1", text.strip())
    parts = [p.strip() for p in re.split(r"[,\n]", text) if p.strip()]
    if len(parts) < 3:
        return _flat_address(text)
    tail = _US_TAIL.match(parts[-1])
    if tail:
        city, rest = tail.group("city").strip(), parts[:-1]
    else:  # "..., Brooklyn, NY 11217"
        state_zip = re.fullmatch(r"([A-Z]{2})\s+(\d{5})(?:-\d{4})?", parts[-1])
        if not state_zip or len(parts) < 3:
            return _flat_address(text)
        tail, city, rest = state_zip, parts[-2], parts[:-2]
    region = tail.group("region") if "region" in tail.groupdict() else tail.group(1)
    postal = tail.group("zip") if "zip" in tail.groupdict() else tail.group(2)
    street_index = next((i for i, p in enumerate(rest) if re.match(r"^\d+\s+\S", p)), None)
    if street_index is None:
        return _flat_address(text)
    name = _strip_lead(" ".join(rest[:street_index]))
    line1 = rest[street_index]
    line2 = " ".join(rest[street_index + 1 :]).strip()
    unit = re.search(r"\s+((?:apt|apartment|unit|suite|ste|fl|floor|#)\.?\s*\w+)$", line1, re.I)
    if unit and not line2:  # "77 Atlantic Ave Apt 2" -> line 1 and line 2
        line1, line2 = line1[: unit.start()].strip(), unit.group(1)
    return {
        "name": name,
        "line1": line1,
        "line2": line2,
        "city": city,
        "region": region,
        "postal_code": postal,
    }


# Postal codes and country names of other countries (language and formats, not store data).
_FOREIGN_POSTAL = re.compile(
    r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"  # Canada: M5K 1A1
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"  # UK: SW1A 1AA
)
_COUNTRY = {
    "CA": r"canada",
    "MX": r"mexico|méxico",
    "GB": r"uk|u\.k\.|united kingdom|england|scotland|wales",
    "DE": r"germany|deutschland",
    "FR": r"france",
    "AU": r"australia",
}
COUNTRY_NAMES = {"US": "the United States", "CA": "Canada", "MX": "Mexico", "GB": "the UK"}
_STREET_LINE = re.compile(r"\b\d+[a-z]?\s+[A-Za-z][\w.'-]*", re.I)


def foreign_address(text: str, countries: list[str]) -> str | None:
    """The country of an address outside ``countries`` ("55 King St W, Toronto, ON M5K 1A1"
    is in Canada), or None: a street line with another country's postal code or name."""
    if not _STREET_LINE.search(text):
        return None
    for code, names in _COUNTRY.items():
        if code not in countries and re.search(rf"\b({names})\b", text, re.I):
            return code
    match = _FOREIGN_POSTAL.search(text)
    if match is None:
        return None
    code = "CA" if re.match(r"[A-Z]\d[A-Z]", match.group(0)) else "GB"
    return None if code in countries else code


def countries_text(countries: list[str]) -> str:
    names = [COUNTRY_NAMES.get(c, c) for c in countries]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
