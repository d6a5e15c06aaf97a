"""The chat widget in a real headless Chromium (Debian's package, driven by Selenium through
Debian's chromedriver) against the real app served by uvicorn on 127.0.0.1.

One conversation on the demo storefront: a policy question answered with a citation link, an
HTML-injection attempt that must stay text, "skip my next coffee delivery", the verification
form (Alex Kim's first coffee order #46890), the skip preview card, Confirm, End chat and a
5-star rating. The store is then checked directly, and a screenshot is saved to
``reports/widget-conversation.png``.
"""

from __future__ import annotations

import re
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from assistant.api.app import create_app
from tests.api.conftest import NOW, ApiTemplate, api_settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOT = ROOT / "reports" / "widget-conversation.png"
FAILURE_SCREENSHOT = ROOT / "reports" / "widget-failure.png"
INJECTION = '<img src=x onerror="window.__injected = true">'
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1100",
)


@pytest.fixture(scope="module")
def live_app(
    api_template: ApiTemplate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The real app served by uvicorn on a free loopback port: a fresh copy of the demo store,
    the clock pinned to 2026-01-20 10:00 New York, the session's hashing-embedder index; yields
    the base URL and the store's SQLite file."""
    db = tmp_path_factory.mktemp("widget-app") / "store.db"
    shutil.copyfile(api_template.database_file, db)
    settings = api_settings(db, api_template.index_dir, demo_mode=True)  # demo sign-in links
    assert settings.store_now == NOW
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("the app did not become ready on " + base)
            time.sleep(0.25)
        yield base, db
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    profile = tempfile.mkdtemp(prefix="widget-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


# --- the demo page and the widget's files, over plain HTTP ----------------------------------
def test_demo_page_embeds_the_widget_and_signs_in_only_demo_customers(
    live_app: tuple[str, Path],
) -> None:
    base, _ = live_app
    page = httpx.get(f"{base}/demo")
    assert page.status_code == 200
    assert page.text.count("<script") == 1
    store = 'data-store="Northfield Market"'  # the store's name, from its policy file
    tag = f'<script src="/widget/widget.js" data-api="" {store} data-token=""></script>'
    assert tag in page.text
    for asset, kind in (("widget.js", "javascript"), ("widget.css", "text/css")):
        served = httpx.get(f"{base}/widget/{asset}")
        assert served.status_code == 200 and kind in served.headers["content-type"]

    signed = httpx.get(f"{base}/demo", params={"customer": "Alex.Kim@example.com"})
    assert "Signed in as <b>alex.kim@example.com</b>" in signed.text
    match = re.search(r'data-token="([^"]+)"', signed.text)
    assert match is not None
    started = httpx.post(
        f"{base}/v1/conversations",
        json={"storefront_token": match.group(1), "proactive_message_id": None},
    )
    assert started.status_code == 201
    assert started.json()["verified"] is True
    assert started.json()["customer_name"] == "Alex Kim"

    outsider = httpx.get(f"{base}/demo", params={"customer": "someone@gmail.com"})
    assert outsider.status_code == 403
    assert outsider.json()["error"]["code"] == "demo_only"
    hostile = httpx.get(f"{base}/demo", params={"customer": '"><script>x()</script>@example.com'})
    assert hostile.status_code == 400
    assert "<script>" not in hostile.text


# --- helpers ----------------------------------------------------------------------------------
def css(driver: WebDriver, selector: str) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, selector)


def wait_for(driver: WebDriver, selector: str, timeout: float = 30) -> WebElement:
    WebDriverWait(driver, timeout).until(lambda d: css(d, selector))
    return css(driver, selector)[-1]


def assistant_replies(driver: WebDriver) -> list[str]:
    """Texts of the finished assistant bubbles (not the one still streaming)."""
    return [
        b.get_attribute("textContent") or ""
        for b in css(driver, ".nfa-assistant:not(.nfa-pending) .nfa-body")
    ]


def wait_reply(driver: WebDriver, count_before: int, timeout: float = 30) -> str:
    WebDriverWait(driver, timeout).until(
        lambda d: len(assistant_replies(d)) > count_before and not css(d, ".nfa-pending")
    )
    return assistant_replies(driver)[-1]


def say(driver: WebDriver, text: str) -> str:
    before = len(assistant_replies(driver))
    box = css(driver, ".nfa-composer input")[0]
    box.send_keys(text)
    css(driver, ".nfa-send")[0].click()
    return wait_reply(driver, before)


# --- the conversation -----------------------------------------------------------------------
@pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them: "
    "apt-get install chromium chromium-driver)",
)
def test_full_conversation_in_a_real_browser(
    live_app: tuple[str, Path], browser: WebDriver
) -> None:
    base, db = live_app
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    try:
        converse(browser, base)
    except Exception:
        browser.save_screenshot(str(FAILURE_SCREENSHOT))
        logs = "\n".join(str(entry) for entry in browser.get_log("browser"))
        print(f"browser console:\n{logs}\nscreenshot: {FAILURE_SCREENSHOT}")
        raise
    assert SCREENSHOT.stat().st_size > 10_000

    # the store really changed, and the rating was recorded
    with sqlite3.connect(db) as con:
        (next_delivery,) = con.execute(
            "SELECT s.next_delivery_date FROM subscriptions s JOIN customers c "
            "ON c.id = s.customer_id WHERE c.email = 'alex.kim@example.com'"
        ).fetchone()
        feedback = con.execute(
            "SELECT f.csat, f.comment, c.email FROM feedback f "
            "LEFT JOIN customers c ON c.id = f.customer_id ORDER BY f.id DESC LIMIT 1"
        ).fetchone()
    assert str(next_delivery).startswith("2026-03-15")
    assert feedback == (5, "Quick and easy, thanks!", "alex.kim@example.com")


def converse(driver: WebDriver, base: str) -> None:
    driver.get(f"{base}/demo")
    assert "Ridgeline Coffee Club" in driver.title
    scripts = driver.execute_script(
        "return Array.from(document.scripts).map(s => s.getAttribute('src'))"
    )
    assert scripts == ["/widget/widget.js"]  # the one tag a storefront adds

    # open the widget from the keyboard-reachable launcher: a greeting arrives
    launcher = wait_for(driver, ".nfa-launcher")
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    assert launcher.get_attribute("aria-expanded") == "true"
    assert css(driver, ".nfa-log")[0].get_attribute("aria-live") == "polite"
    wait_reply(driver, 0)
    assert driver.switch_to.active_element == css(driver, ".nfa-composer input")[0]

    # a policy question: the answer cites a document, linked under /documents/
    answer = say(driver, "how many days do i have to return something")
    assert "return" in answer.lower()
    links = css(driver, ".nfa-assistant a.nfa-cite")
    assert links, "the answer shows no citation links"
    for link in links:
        assert (link.get_attribute("href") or "").startswith(f"{base}/documents/")
    doc_status = driver.execute_script(
        "return fetch(arguments[0]).then(r => r.status)", links[0].get_attribute("href")
    )
    assert doc_status == 200

    # an injection attempt typed by the customer is shown as text and never runs
    say(driver, INJECTION)
    customer_texts = [
        b.get_attribute("textContent") for b in css(driver, ".nfa-customer .nfa-body")
    ]
    assert INJECTION in customer_texts
    assert css(driver, ".nfa-log img") == []
    assert driver.execute_script("return window.__injected === undefined")

    # the skip needs verification: the form appears; Alex verifies with order #46890
    say(driver, "skip my next coffee delivery")
    form = wait_for(driver, "form.nfa-verify")
    form.find_element(By.NAME, "order_number").send_keys("46890")
    form.find_element(By.NAME, "email").send_keys("alex.kim@example.com")
    before = len(assistant_replies(driver))
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, ".nfa-notice")
    notices = [n.text for n in css(driver, ".nfa-notice")]
    assert any("Verified" in n and "Alex Kim" in n for n in notices), notices
    assert css(driver, "form.nfa-verify") == []

    # the skip preview card: summary, the date change, Confirm and Cancel
    wait_reply(driver, before)
    card = wait_for(driver, ".nfa-action")
    assert "February 15" in card.text and "March 15" in card.text
    assert "Next delivery date" in card.find_element(By.CSS_SELECTOR, ".nfa-changes").text
    confirm = card.find_element(By.CSS_SELECTOR, "button.nfa-confirm")
    assert card.find_element(By.CSS_SELECTOR, "button.nfa-cancel").text == "Cancel"

    before = len(assistant_replies(driver))
    confirm.click()
    done = wait_reply(driver, before)
    assert "skipped" in done.lower(), done
    assert confirm.get_attribute("disabled") is not None  # a second click cannot re-send

    # a confirmed action asks for a rating; End chat closes the composer; 5 stars + comment
    wait_for(driver, "form.nfa-rating")
    css(driver, ".nfa-end")[0].click()
    assert css(driver, ".nfa-composer input")[0].get_attribute("disabled") is not None
    stars = css(driver, "form.nfa-rating .nfa-star")
    radios = css(driver, "form.nfa-rating input[type=radio]")
    assert [r.get_attribute("value") for r in radios] == ["1", "2", "3", "4", "5"]
    stars[4].click()
    assert len(css(driver, ".nfa-star.nfa-on")) == 5
    css(driver, "form.nfa-rating textarea")[0].send_keys("Quick and easy, thanks!")
    driver.save_screenshot(str(SCREENSHOT))  # the verified skip, confirmed, and the rating
    css(driver, "form.nfa-rating button[type=submit]")[0].click()
    wait_for(driver, ".nfa-thanks")
    assert css(driver, "form.nfa-rating") == []
    assert wait_for(driver, ".nfa-restart").text == "Start a new chat"

    # replies came over the SSE endpoint, never the JSON fallback
    used = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
    )
    assert any(p.endswith("/messages/stream") for p in used)
    assert not any(p.endswith("/messages") for p in used)
