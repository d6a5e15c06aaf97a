"""``GET /demo``: a Northfield Market product page (the Ridgeline Coffee Club) with the chat
widget embedded by its one script tag, as a storefront would embed it.

``?customer=<email>`` plays a signed-in shopper: the page embeds a signed storefront token for
that demo customer, so the conversation starts verified. Only the demo's ``@example.com``
customers qualify, and never in production. Every value put into the page is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from assistant.api.errors import ApiError
from assistant.commerce import validation
from assistant.commerce.backend import CommerceBackend
from assistant.commerce.identity import IdentityService
from assistant.runtime import Assistant

router = APIRouter(tags=["demo"])

DEMO_DOMAIN = "@example.com"
DEMO_SHOPPERS = (
    ("Alex Kim", "alex.kim@example.com"),
    ("Jordan Rivera", "jordan.rivera@example.com"),
    ("Sam Patel", "sam.patel@example.com"),
    ("Taylor Brooks", "taylor.brooks@example.com"),
)
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)


@router.get("/demo", response_class=HTMLResponse, include_in_schema=False)
def demo_page(request: Request, customer: str | None = None) -> HTMLResponse:
    assistant = getattr(request.app.state, "assistant", None)
    if not isinstance(assistant, Assistant):
        raise ApiError(503, "not_ready", "The assistant is starting. Try again in a moment.")
    email, token = None, ""
    if customer:
        if assistant.settings.environment == "production":
            raise ApiError(403, "demo_only", "Demo sign-in is disabled in production.")
        email = validation.email(customer)  # InvalidInput -> 400 in the one error mapping
        identity = getattr(assistant.backend, "identity", None)
        if not email.endswith(DEMO_DOMAIN) or not isinstance(identity, IdentityService):
            raise ApiError(403, "demo_only", "Demo sign-in is only for the demo store's customers.")
        token = identity.issue_storefront_token(email)
    headers = {
        "Cache-Control": "no-store",
        "Content-Security-Policy": _CSP,
        "Referrer-Policy": "same-origin",
        "X-Content-Type-Options": "nosniff",
    }
    return HTMLResponse(render_page(email, token, assistant.backend), headers=headers)


def render_page(email: str | None, token: str, backend: CommerceBackend) -> str:
    """The subscription product page, from the store's catalogue, plans and policy."""
    products = [p for p in backend.catalog() if p.subscription_eligible]
    subscriptions = backend.policy().subscriptions
    plans_list = backend.subscription_plans()
    middle = plans_list[len(plans_list) // 2].quantity if plans_list else None
    plans = "".join(
        f'<label class="opt"><input type="radio" name="plan" value="{plan.quantity}"'
        f"{' checked' if plan.quantity == middle else ''}> {escape(plan.name)}"
        f" <b>${escape(str(plan.price))}</b></label>"
        for plan in plans_list
    )
    choices = list(subscriptions.frequencies.items()) if subscriptions else []
    frequencies = "".join(
        f'<option value="{escape(key)}"{" selected" if i == min(1, len(choices) - 1) else ""}>'
        f"{escape(f.label.capitalize())}</option>"
        for i, (key, f) in enumerate(choices)
    )
    blends = "".join(
        f'<option value="{escape(p.skus[0])}">{escape(p.model or p.title)}</option>'
        for p in products
    )
    options = next(iter(products[0].options.values()), []) if products else []
    grinds = "".join(f"<option>{escape(g.capitalize())}</option>" for g in options)
    if email:
        account = f'Signed in as <b>{escape(email)}</b> · <a href="/demo">Sign out</a>'
    else:
        links = " · ".join(
            f'<a href="/demo?customer={escape(addr)}">{escape(name)}</a>'
            for name, addr in DEMO_SHOPPERS
        )
        account = f"Demo sign-in: {links}"
    return _PAGE.format(
        account=account,
        plans=plans,
        frequencies=frequencies,
        blends=blends,
        grinds=grinds,
        token=escape(token, quote=True),
    )


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Ridgeline Coffee Club · Northfield Market</title>
<style>
body {{ margin: 0; font: 16px/1.5 Georgia, "Times New Roman", serif; color: #26231f;
  background: #fbfaf7; }}
a {{ color: #1f5f4a; }}
.top {{ background: #26231f; color: #eee; font: 13px system-ui, sans-serif; padding: 6px 24px;
  text-align: right; }}
.top a {{ color: #f3d58c; }}
header {{ display: flex; align-items: center; gap: 32px; padding: 16px 24px;
  border-bottom: 1px solid #e3ded3; background: #fff; }}
.logo {{ font-size: 24px; font-weight: bold; letter-spacing: .5px; color: #1f5f4a;
  text-decoration: none; }}
nav a {{ margin-right: 18px; color: #26231f; text-decoration: none;
  font: 15px system-ui, sans-serif; }}
main {{ max-width: 1040px; margin: 0 auto; padding: 20px 24px 80px; }}
.crumbs {{ font: 13px system-ui, sans-serif; color: #6b655b; }}
.product {{ display: grid; grid-template-columns: 1fr 1fr; gap: 40px; margin-top: 16px; }}
.photo {{ background: #efe9dd; border-radius: 12px; display: flex; align-items: center;
  justify-content: center; min-height: 380px; }}
h1 {{ margin: 0 0 4px; font-size: 32px; }}
.brand {{ color: #6b655b; margin: 0 0 12px; font-family: system-ui, sans-serif; }}
.price {{ font-size: 22px; margin: 8px 0 16px; }}
.opt {{ display: inline-block; border: 1px solid #cfc9bc; border-radius: 8px;
  padding: 8px 12px; margin: 0 8px 8px 0; font-family: system-ui, sans-serif; }}
.field {{ display: block; margin: 10px 0; font: 14px system-ui, sans-serif; }}
.field select {{ display: block; margin-top: 4px; padding: 6px; min-width: 260px; }}
.buy {{ margin-top: 16px; background: #1f5f4a; color: #fff; border: 0; border-radius: 999px;
  padding: 12px 28px; font: 600 16px system-ui, sans-serif; }}
.perks {{ font: 14px system-ui, sans-serif; color: #4a453d; padding-left: 18px; }}
section.more {{ margin-top: 40px; border-top: 1px solid #e3ded3; padding-top: 16px; }}
footer {{ text-align: center; font: 13px system-ui, sans-serif; color: #6b655b;
  padding: 24px; }}
</style>
</head>
<body>
<div class="top">{account}</div>
<header>
  <a class="logo" href="/demo">Northfield Market</a>
  <nav aria-label="Departments"><a href="/demo">Coffee</a><a href="/demo">Kitchen</a>
  <a href="/demo">Audio</a><a href="/demo">Cameras</a><a href="/demo">Smart Home</a>
  <a href="/demo">Footwear</a></nav>
</header>
<main>
  <p class="crumbs"><a href="/demo">Home</a> › <a href="/demo">Coffee</a> ›
    Ridgeline Coffee Club</p>
  <div class="product">
    <div class="photo" role="img" aria-label="A Ridgeline Coffee Club bag">
      <svg width="220" height="300" viewBox="0 0 220 300" aria-hidden="true">
        <path d="M40 40 L180 40 L200 290 L20 290 Z" fill="#3b2a1e"/>
        <rect x="40" y="20" width="140" height="26" rx="4" fill="#2a1d14"/>
        <rect x="50" y="120" width="120" height="90" rx="6" fill="#f3d58c"/>
        <text x="110" y="158" font-size="16" text-anchor="middle" fill="#3b2a1e"
          font-family="Georgia">RIDGELINE</text>
        <text x="110" y="182" font-size="9" text-anchor="middle" fill="#3b2a1e"
          font-family="system-ui">COFFEE CLUB · 12 OZ</text>
      </svg>
    </div>
    <div>
      <h1>Ridgeline Coffee Club</h1>
      <p class="brand">by Ridgeline Coffee Co. · roasted on your delivery date</p>
      <p class="price">From <b>$18.99</b> per delivery · free shipping</p>
      <div role="radiogroup" aria-label="Bags per delivery">{plans}</div>
      <label class="field">Delivery frequency<select>{frequencies}</select></label>
      <label class="field">Blend<select>{blends}</select></label>
      <label class="field">Grind<select>{grinds}</select></label>
      <button class="buy" type="button">Subscribe</button>
      <ul class="perks">
        <li>Skip, pause, swap or cancel any time, until 2 days before each delivery</li>
        <li>Reminder email 3 days before every delivery</li>
        <li>Any blend, any grind, mixed within one delivery</li>
      </ul>
    </div>
  </div>
  <section class="more">
    <h2>How the Club works</h2>
    <p>Each delivery has one date: we charge your card that morning, Ridgeline roasts your
    bags, and we ship them the same day. Bags arrive 3–5 business days later.</p>
    <p>Questions about an order or your subscription? Use the chat button: our assistant
    answers from the <a href="/documents/coffee/coffee-club-guide.md">Coffee Club guide</a>
    and your account, and can skip a delivery for you.</p>
  </section>
</main>
<footer>Northfield Market · demo storefront</footer>
<script src="/widget/widget.js" data-api="" data-token="{token}"></script>
</body>
</html>
"""
