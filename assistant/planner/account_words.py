"""Words that ask about the customer's own records (an order, the subscription) rather than
about how something works: "what's my next delivery", "what was in that order"."""

from __future__ import annotations

import re

from assistant.agent.action_naming import BELIEF
from assistant.planner.asks_change import ADDRESS_CHANGE
from assistant.planner.shopview import ShopView
from assistant.planner.slots import extract_slots

SHOW_MINE = re.compile(
    r"\b(show|see|check|look up|pull up|tell) me\b|\b(when'?s|when is|what'?s) my\b", re.I
)
# "remind me what I'm signed up for in the club": the account's plan, whatever else it asks
MY_PLAN = re.compile(
    r"\b(what|which)\b.{0,20}\b(i'?m|i am|we'?re|i was|am i) (signed up|subscribed|getting)\b|"
    r"\bwhat (i|we) (picked|chose|selected|signed up for)\b|\bremind me what\b|"
    # "am i still in the club?", "is my subscription still active?"
    r"\b(am i|are we) still (in|on|part of|a member|subscribed|signed up|getting)\b|"
    r"\b(is|are) (my|our) \w+( \w+)? (still )?(active|on|going|running)\b",
    re.I,
)
OWN_SUBSCRIPTION = re.compile(
    r"\bsubscription\b|\bnext\b.{0,20}\b(delivery|shipment|charge)\b|\bdelivery date\b", re.I
)
WHEN_NEXT = re.compile(
    r"\bwhen('?s| is| will| does| do)\b.{0,25}\bnext\b.{0,25}\b(com\w*|arriv\w*|due|ship\w*|"
    r"deliver\w*|charg\w*|get|hits?|bill\w*|taken|go(es)? out|sen[dt]\w*|leav\w*)\b|"
    r"\bwhen('?s| is) (my|the) next\b|"
    # "and the next delivery, when is it?", "when does my coffee come next?"
    r"\b(the|my) next (delivery|shipment|box|bag|one|charge)\W{0,3}when\b|"
    r"\bwhen (does|do|will) (my|our|the) \w+ (come|arrive|ship)s? next\b|"
    # "when are you going to charge the next delivery and how much?"
    r"\bwhen ((will|do|does|are|is) (you|they|it)|(you|they) (will|are going to|gonna))\b"
    r".{0,20}\b(charg\w*|bill\w*)\b.{0,12}\bnext\b|"
    # "my decaf club is paused, when does it start again?": its own resume date
    r"\b(paused|on hold)\b.{0,60}\bwhen (does|do|will|is) (it|they|my \w+|the \w+) "
    r"(start|resume|restart|begin|come back|pick up|(going|gonna) to (start|resume))",
    re.I,
)
# "trying cold brew, keeping my blend", "i thought it came every month": no change asked
KEEPS_PLAN = re.compile(
    r"\b(keep|keeping|stay|staying|leave|leaving) (my|the|it|them)\b|"
    r"^\W*" + BELIEF,
    re.I,
)
# a change to the subscription ("skip", "every 6 weeks")
PLAN_VERBS = re.compile(
    r"\b(skip\w*|pause\w*|cancel\w*|change|switch|swap|move|push|hold|stop|resume|send|"
    r"deliver\w*|make it|every (week|month|\d))\b",
    re.I,
)
# "where's my kettle", "can you tell me where my new velo 3s are": the parcel, not a return
WHERE_IS_MINE = re.compile(
    r"\bwhere(('?s| is| are|re) (my|the|our)|( my| our)) (new )?(?!return)\w+", re.I
)
# "was I actually charged for it?": the order's own record says
WAS_I_CHARGED = re.compile(
    r"\b(was|were) (i|we) (actually |really |even |ever )?charged\b|"
    r"\bdid (you|i|we) (actually |really |ever )?(charge me|get charged)\b",
    re.I,
)
# "what exactly was in order 46856 and what was the total?", "which card did I pay with?"
# "did my coffee order go thru?": whether the order was placed, which its own record says
WENT_THROUGH = re.compile(
    r"\b(did|has|have|is) (my|the|our|it|this|that)\b.{0,30}\b(go|gone|went|gotten) through\b",
    re.I,
)
ORDER_DETAILS = re.compile(
    r"\bwhat (exactly )?(was|is|were|came) in (it|my|the|that|this|our|order)\b|"
    r"\bwhat'?s in (it|my order|the order|that order)\b|"
    r"\bwhat (did )?(i|we) (ordered|order|bought|buy|got|get) in\b|\bwhat did (i|we) (order|buy)\b|"
    r"\b(which|what) (card|payment( method)?)\b.{0,40}\b(pay|paid|use|used|charged)\b|"
    r"\bwhat (was|is) the (order )?total\b|\btotal (i|we) paid\b|\btotal with tax\b|"
    r"\b(how much|what) (it|that|the order) (came|comes|come) to\b|\bhow much did (i|we) pay\b|"
    # "…last time?" ("what size do i get him?" asks for advice, not the record)
    r"\bwhat (size|colou?r|grind) (did (i|we) (get|order|buy|have)|do (i|we) have)\b",
    re.I,
)


def names_what_it_delivers(text: str, shop: ShopView) -> bool:
    """The message names the kind of product the store's subscription delivers ("coffee",
    "bag")."""
    low = text.lower()
    return any(re.search(rf"\b{re.escape(n)}s?\b", low) for n in plan_kinds(shop))


def plan_kinds(shop: ShopView) -> list[str]:
    """The words for what the store's subscription delivers: its product types and its unit
    ("coffee", "bag"), lower case; none without a subscription."""
    subs = shop.policy.subscriptions
    if subs is None:
        return []
    return [k.lower() for k in [*subs.eligible_product_types, subs.unit] if k]


def names_plan_count(text: str, shop: ShopView) -> bool:
    """ "go down to 2 bags instead of 3", "can i add a decaf bag to that one": a number of the
    subscription's unit, or one more of it, a plan's size."""
    subs = shop.policy.subscriptions
    if subs is None or not subs.unit:
        return False
    number = r"\d{1,2}|one|two|three|four|five|six"
    unit = rf"{re.escape(subs.unit.lower())}s?\b"
    more = rf"\b(add|adding|another|one more|1 more|extra)\s+(an? )?(\w+\s+)?{unit}"
    return bool(re.search(rf"\b({number})\s+{unit}|{more}", text.lower()))


# "when is it going to charge me again?": the plan's next charge, not a disputed one
NEXT_CHARGE = re.compile(
    r"\bwhen\b[^.?!]{0,30}\b(charg|bill)\w*( me| us)? (again|next)\b|\bnext (charge|bill)\b", re.I
)
_SUBSCRIPTION_WORDS = re.compile(
    r"\bnext\b.{0,20}\b(delivery|shipment|bag|box|charge)\b|\bsubscription\b", re.I
)


def about_subscription(text: str, shop: ShopView) -> bool:
    """The message is about the subscription: its words, the store's name for it, or "next"
    with the kind of product it delivers ("my next coffee")."""
    if _SUBSCRIPTION_WORDS.search(text) or NEXT_CHARGE.search(text):
        return True
    subs = shop.policy.subscriptions
    if subs is None:
        return False
    low = text.lower()
    if subs.program_name and subs.program_name.lower() in low:
        return True
    return bool(re.search(r"\bnext\b", low)) and names_what_it_delivers(text, shop)


def asks_own_next(text: str) -> bool:
    """ "when's my next coffee delivery?", "when is the next bag coming?": the customer's own
    account, never a document's example dates."""
    return bool(WHEN_NEXT.search(text)) or bool(
        SHOW_MINE.search(text) and OWN_SUBSCRIPTION.search(text)
    )


# a clause about an order or a parcel names one (or what happens to one)
ORDER_WORDS = re.compile(
    r"\b(orders?|ordered|deliver\w*|ship\w*|track\w*|package|parcel|arriv\w*|came|comes?|"
    r"coming|status|refund\w*|charg\w*|paid|receipt|invoice|courier|carrier|ups|fedex|usps|"
    r"box|sent|send|dispatch\w*|where|when|here|yet|eta|today|tomorrow|out for)\b|#?\d{4,}",
    re.I,
)
# what happens to a parcel that names no order word: "it never showed up", "still not received"
_PARCEL_NEWS = re.compile(
    r"\b(receiv\w*|shown? up|showed up|turn(ed)? up|missing|lost|stolen|never got|"
    r"did ?n[o']?t get|have ?n[o']?t got(ten)?|still (no|not)|move[ds]? to|new address|"
    r"(has|have|did) ?n[o']?t (moved|budged|changed)|not moved|stuck|updat\w*|scan\w*)\b",
    re.I,
)


def about_a_parcel(text: str) -> bool:
    """The message says something about an order or a parcel, not only about a product."""
    return bool(ORDER_WORDS.search(text) or _PARCEL_NEWS.search(text))


# "throw a pack of socks onto my order", "chuck a pair in large on it": items to add to an order
ADD_TO_ORDER = re.compile(
    r"\b(add|throw|chuck|toss|pop|put|stick|include|tack)\b.{0,60}\b(on|onto|in|into|to|with)\b"
    r".{0,20}\border\b|"
    # "…into it": the order, unless the customer puts it there ("can i put the bag in it")
    r"\b(add|include|tack|(?<!\bi )(?<!\bwe )(throw|chuck|toss|pop|put|stick))\b.{0,60}"
    r"\b(on|onto|in|into|to|with)\s+(it|that|this)\b",
    re.I,
)


# "can u resend me the order email": the resend asked for by its own verb
RESEND = re.compile(r"\bre-?send\b", re.I)

_AN_ADDRESS = re.compile(
    r"\b(address|adress|ship (it|them) to|send (it|them) to|moving|moved)\b", re.I
)


# "…the january bags already shipped to my old apartment", "…box is on its way": a parcel sent
_SENT_ALREADY = re.compile(
    r"\b(already (shipped|sent|went out)|shipped (out )?to|(is|are) (already )?on (its|their) "
    r"way|in transit|out for delivery)\b",
    re.I,
)


def asks_plan_address(text: str, shop: ShopView, whole: str = "") -> bool:
    """ "change the address on my subscription to …": the subscription's address, not an order's
    (not the delivery already on its way: that parcel is the order's, to redirect). ``whole``:
    the message ``text`` is a clause of ("skip my next coffee… also I'm moving, how do I make
    sure the ones after that go to the new place?": the plan's deliveries)."""
    return (
        bool(_AN_ADDRESS.search(text) or (whole and ADDRESS_CHANGE.search(text)))
        and (
            about_subscription(text, shop)
            or bool(whole and about_subscription(whole, shop))
            or bool(_FROM_THEN_ON.search(text) and names_what_it_delivers(text, shop))
        )
        and not _SENT_ALREADY.search(text)
    )


# "…how do i make sure the coffee after that goes to the new place": the deliveries to come
_FROM_THEN_ON = re.compile(
    r"\b(after that|from (then|now) on|going forward|future|upcoming|(the )?ones after)\b", re.I
)


_AROUND_IDENTITY = frozenset(
    "its it's here is my the order number no email e-mail and ok sure hi hey sorry oops".split()
)


def only_identity(text: str, shop: ShopView) -> bool:
    """The message is an order number and an e-mail address, and nothing else to act on."""
    slots = extract_slots(text, shop)
    if not (slots.order_number and slots.email):
        return False
    rest = text.lower().replace(slots.email.lower(), " ").replace(slots.order_number.lower(), " ")
    return all(w in _AROUND_IDENTITY for w in re.findall(r"[a-z'-]+", rest))


# "it's been sitting in newark since sunday?? should i be worried": when a quiet tracking page
# is a concern, as the store's shipping policy says
_TAKEN_WORDS = r"(gone|stolen|missing|taken)"
TAKEN = re.compile(rf"\b{_TAKEN_WORDS}\b", re.I)  # a parcel feared gone, not only late
WORRIED = re.compile(
    r"\b(should (i|we) (be )?(worried|worry|concerned|panic)|(is|it'?s|its) (it )?(stuck|lost)|"
    r"(been )?(sitting|stuck|sat) (in|at)\b|hasn'?t (moved|changed)|not (moving|moved)|"
    # "and if they leave it on my porch and its gone by the time i get back??"
    rf"(it'?s|its|it is|they'?re|it'?ll be|gets?|got|goes|went) {_TAKEN_WORDS}\b|"
    r"no (updates?|movement|new scans?)\b|(hasn'?t|not|didn'?t|isn'?t) (been )?updat\w*|"
    # "if it still is not here by friday, should i write to you again?"
    r"(should|shall|do|must) (i|we) (write|contact|message|email|call|reach out|get in touch|"
    r"get back)\b|"
    # "and now what happens, i must do something or i just wait?"
    r"(what happens|what do (i|we) do) now|now what( happens)?\b|(must|should|do) (i|we) "
    r"(do (something|anything)|(just )?wait)\b|(i|we) (just )?wait\s*\?)",
    re.I,
)

# "ordered 4 bags last monday and theyre still not here??", "when is it gonna show up": a
# parcel that has not come
NOT_COME = re.compile(
    r"\b((is|are|it'?s|its|they'?re|theyre|still) (still )?not here|(isn'?t|aren'?t) here|"
    r"(hasn'?t|haven'?t|has not|have not|didn'?t|did not|never) (yet )?(arrived|come|came|"
    r"shown up|showed up|turned up|gotten here|got here)|not (arrived|shown up|come) yet|"
    # "so when is the coffee actually gonna show up"
    r"when (is|are|will|does|do)\b[^?.!]{0,40}\b(show up|arrive|get here|be here))\b",
    re.I,
)

# "…sits on connecting to wifi, password is def right": the network's password, not the account's
NETWORK = re.compile(r"\b(wi-?fi|router|modem|internet|provider|network name|ssid|hotspot)\b", re.I)
# "can I add a third bag so the shipping goes away?": more of something, to this order
ADDS_ONE = re.compile(
    r"\badd (an?|one|two|three|another|more|some|\d+|an? (second|third|fourth|extra))\b", re.I
)
