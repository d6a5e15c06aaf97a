"""What kind of thing a question asks, and the kind of line that answers it: "can I…?" is
answered by a line that allows or forbids, "how long…" by a duration, "how hot…" by a
temperature, "where is…" by a place, "what are your hours" by times of day, "which kinds…" by a
list. :func:`assistant.planner.answers.best_answer` scores lines with them."""

from __future__ import annotations

import re

# "can I put tea in the kettle?": a line that allows or forbids it answers the question
MAY_I = re.compile(
    r"^\W*((and|also|so|but|ok|okay)\W+)?(can|could|may|is it (ok|okay|safe|fine)|should) "
    r"(i|we|you|it|they|he|she)\b",
    re.I,
)
# "how long does it take…": a line that gives a duration answers it; "how hot…" a temperature
HOW_LONG = re.compile(r"\b(how (long|many (minutes|hours|days))|how much time)\b", re.I)
DURATION = re.compile(
    r"\b\d+([.,–-]\d+)?\s*(seconds?|minutes?|min|hours?|hrs?|days?|weeks?|months?|years?)\b", re.I
)
SHIPPED = re.compile(r"\b(package|parcel|order|shipment|delivery)\b", re.I)
HOW_HOT = re.compile(r"\b(temp\w*|how (hot|warm|cold))\b", re.I)
TEMPERATURE = re.compile(r"\d\s*°\s*[CF]\b")
# "where is the roast date?": a line that says where something is printed or found
WHERE = re.compile(r"\bwhere\b(?! (can|do) i (buy|get|order))", re.I)
PLACE = re.compile(
    r"\b(printed|located|found|stamped|under|underneath|inside|behind|next to|above|below|"
    r"beside|on the (back|front|bottom|top|side|underside|inside|left|right|base|label))\b",
    re.I,
)
# "what are your hours?": a line with times of day; "so it doesn't turn on" is a purpose
WHEN = re.compile(r"\b(hours|opening|open|what time|when (are|is|do) (you|your|the))\b", re.I)
CLOCK = re.compile(r"\b\d{1,2}(:\d\d)?\s*(am|pm)\b|\b\d{1,2}:\d\d\b", re.I)
PURPOSE = re.compile(
    r"\bso (that )?(it|they|the \w+) (does ?n'?t|wo ?n'?t|do ?n'?t|never|can'?t|cannot)\b.*",
    re.I,
)
VERDICT = re.compile(
    r"\b(never|do not|don't|must not|only|not suitable|safe to|can be|is fine)\b", re.I
)
LIST_CUE = re.compile(
    r"\b(which|what (kinds?|types?|options?|methods?|ways?|colou?rs?|sizes?)|list|options|"
    r"methods|ways|colou?rs|sizes|accept)\b",
    re.I,
)
