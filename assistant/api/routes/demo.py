"""``GET /demo``: the store's subscription product page with the chat widget embedded by its one
script tag, as a storefront would embed it. The page template is the store pack's data
(``storefront.html`` beside the policy file, e.g. ``corpus/_store/``); a pack without one gets a
plain page.

``?customer=<email>`` plays a signed-in shopper: the page embeds a signed storefront token for
that demo customer, so the conversation starts verified. Only in demo mode
(``settings.demo_mode``, which ``make run`` turns on and production refuses) and only for
``@example.com`` customers; otherwise the page has no sign-in links and ``?customer=`` is 404.
The sign-in links are the pack's reference customers (its ``demo.yaml``). Every value put into
the page is HTML-escaped.
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from assistant.api.errors import ApiError
from assistant.commerce import validation
from assistant.commerce.backend import CommerceBackend
from assistant.commerce.identity import IdentityService
from assistant.runtime import Assistant
from assistant.store.demo_spec import SPEC_FILE, demo_spec

router = APIRouter(tags=["demo"])

DEMO_DOMAIN = "@example.com"
PAGE_FILE = "storefront.html"
PLAIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{store}</title></head>
<body><p>{account}</p><h1>{store}</h1>
<label>Plan<span>{plans}</span></label><select>{frequencies}</select>
<select>{blends}</select><select>{grinds}</select>
<script src="/widget/widget.js" data-api="" data-store="{store}" data-token="{token}"></script>
</body></html>
"""
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
    demo_mode = assistant.settings.demo_mode
    if customer is not None and not demo_mode:
        raise ApiError(404, "not_found", "Not found.")
    if customer:
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
    pack = assistant.settings.store_policy_path.parent
    page = render_page(email, token, assistant.backend, pack, sign_in_links=demo_mode)
    return HTMLResponse(page, headers=headers)


def render_page(
    email: str | None,
    token: str,
    backend: CommerceBackend,
    pack: Path,
    *,
    sign_in_links: bool = True,
) -> str:
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
    elif not sign_in_links:
        account = escape(backend.policy().name)
    else:
        links = " · ".join(
            f'<a href="/demo?customer={escape(addr)}">{escape(name)}</a>'
            for name, addr in demo_shoppers(pack)
        )
        account = f"Demo sign-in: {links}"
    return _page(pack).format(
        account=account,
        store=escape(backend.policy().name, quote=True),
        plans=plans,
        frequencies=frequencies,
        blends=blends,
        grinds=grinds,
        token=escape(token, quote=True),
    )


@cache
def _page(pack: Path) -> str:
    """The pack's storefront page template, or a plain one."""
    path = pack / PAGE_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else PLAIN_PAGE


def demo_shoppers(pack: Path) -> list[tuple[str, str]]:
    """(name, email) of the pack's reference customers: the demo sign-in links."""
    path = pack / SPEC_FILE
    if not path.is_file():
        return []
    return sorted((c.name, c.email) for c in demo_spec(path).reference.customers)
