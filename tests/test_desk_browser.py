"""The review desk in a real browser: Debian's Chromium, headless, driven by Playwright.

Two ``textcode review --serve`` processes (anna and bert) share one ledger over the IFV sample
coded with the shipped codebook; at the end bert's is killed and restarted. Everything a
reviewer does here is done with the keyboard or the page's own controls, and checked in the
ledger file.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_run import run_cli
from desk_browser import Server, launch, need_browser

from textcode.review.ledger import Ledger, unit_decisions

sync_api = need_browser()

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ifv2020" / "responses.csv"
TIMEOUT_MS = 8_000
# Selects the first two words of 3+ letters in the shown answer; returns them, or null.
SELECT_TWO_WORDS = """() => {
const box = document.getElementById('answer');
const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
let node;
while ((node = walker.nextNode())) {
  const m = /[A-Za-zÀ-ÿ]{3,} [A-Za-zÀ-ÿ]{3,}/.exec(node.textContent);
  if (m) {
    const range = document.createRange();
    range.setStart(node, m.index + 1);   // inside the first word: widened to it
    range.setEnd(node, m.index + m[0].length);
    const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    return m[0];
  }
}
return null;
}"""


class Desks:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.suggestions = folder / "suggestions.jsonl"
        self.ledger = folder / "ledger.jsonl"
        self.servers: dict[str, Server] = {}

    def args(self, reviewer: str, ledger: Path | None = None) -> list[str]:
        return [
            str(self.suggestions),
            "--ledger",
            str(ledger or self.ledger),
            "--reviewer",
            reviewer,
            "--answers",
            str(SAMPLE),
        ]

    def mine(self, reviewer: str, ledger: Path | None = None) -> dict[Any, Any]:
        return unit_decisions(Ledger(ledger or self.ledger).entries()).get(reviewer, {})


@pytest.fixture(scope="module")
def desks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desks]:
    folder = tmp_path_factory.mktemp("browser")
    here = Desks(folder)
    assert run_cli("code", str(SAMPLE), "--out", str(here.suggestions), "--quiet").returncode == 0
    here.servers = {name: Server(*here.args(name)) for name in ("anna", "bert")}
    try:
        for server in here.servers.values():
            server.wait()
        yield here
    finally:
        for server in here.servers.values():
            server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def open_desk(browser: Any, server: Server, width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(server.url)
    # The first item of a fresh server may wait for a busy machine; later steps are quick.
    page.wait_for_selector("#answer mark.current, #answer em", timeout=4 * TIMEOUT_MS)
    return page


def until(page: Any, predicate: str, arg: Any = None, timeout: float = TIMEOUT_MS / 1000) -> None:
    """Wait until the JavaScript function ``predicate(arg)`` is true on the page (polled from
    here: the page's Content-Security-Policy forbids the string evaluation that Playwright's
    own wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s: {predicate}")
        time.sleep(0.02)


def decided(page: Any) -> int:
    return int(page.eval_on_selector("#progress", "p => p.value"))


def wait_decided(page: Any, n: int) -> None:
    until(page, "(n) => document.getElementById('progress').value == n", n)


def current_id(page: Any) -> str:
    meta: str = page.inner_text("#meta")
    code: str = page.inner_text("#code-id")
    return f"{meta}|{code}"


def test_ten_suggestions_reviewed_with_the_keyboard_alone(desks: Desks, browser: Any) -> None:
    page = open_desk(browser, desks.servers["anna"])
    assert "token" not in page.url  # moved into a cookie of this port
    explanation = page.inner_text("#explanation")  # Dutch codebook: Dutch sentence
    assert explanation.startswith("Regel ") and " matched " not in explanation
    assert " as " not in explanation and "rule " not in explanation
    start = decided(page)
    keys = ["a", "r", "a", "a", "r", "a", "a", "a", "r", "a"]
    seen = []
    for n, key in enumerate(keys, start=1):
        seen.append(current_id(page))
        page.keyboard.press(key)
        wait_decided(page, start + n)
        until(
            page,
            "(before) => document.getElementById('meta').innerText + '|' + "
            "document.getElementById('code-id').innerText !== before",
            seen[-1],
        )
    assert len(set(seen)) == 10  # ten different items, one after the other
    mine = desks.mine("anna")
    assert sorted(e.decision for e in mine.values()).count("reject") == keys.count("r")
    assert len(mine) == 10
    # Arrow left goes back to the last decided item and shows its verdict.
    page.keyboard.press("ArrowLeft")
    until(page, "() => document.getElementById('verdict').className.includes('accept')")
    page.keyboard.press("ArrowRight")
    until(page, "() => document.getElementById('verdict').className.includes('open')")
    page.context.close()


def test_undo_takes_back_the_last_decision(desks: Desks, browser: Any) -> None:
    page = open_desk(browser, desks.servers["anna"])
    before = decided(page)
    item = current_id(page)
    page.keyboard.press("r")
    wait_decided(page, before + 1)
    page.keyboard.press("u")
    wait_decided(page, before)
    until(
        page,
        "(item) => document.getElementById('meta').innerText + '|' + "
        "document.getElementById('code-id').innerText === item",
        item,
    )
    last = Ledger(desks.ledger).entries()[-1]
    assert (last.reviewer, last.decision) == ("anna", "retract")
    page.context.close()


def select_two_words(page: Any) -> str:
    """Select two whole words of the shown answer, as a reviewer drags over them; a one-word
    answer ("Doorzettingsvermogen") has none, so the reviewer skips to the next answer first."""
    for _ in range(10):
        words = page.evaluate(SELECT_TWO_WORDS)
        if words:
            return str(words)
        item = current_id(page)
        page.keyboard.press("s")
        until(
            page,
            "(item) => document.getElementById('meta').innerText + '|' + "
            "document.getElementById('code-id').innerText !== item",
            item,
        )
    raise AssertionError("no two words to select")


def test_a_code_added_on_selected_words(desks: Desks, browser: Any) -> None:
    page = open_desk(browser, desks.servers["anna"])
    words = select_two_words(page)
    page.wait_for_selector("#selection-bar:not([hidden])")
    assert page.inner_text("#selection-words") == f"“{words}”"
    page.keyboard.press("c")
    page.wait_for_selector("#add-dialog[open] #add-list li")
    options = page.locator("#add-list li")
    second = options.nth(1).inner_text().splitlines()[0]
    page.keyboard.type(second[:6])
    page.keyboard.press("Enter")
    page.wait_for_selector("#answer mark.added")
    entry = Ledger(desks.ledger).entries()[-1]
    assert entry.reviewer == "anna" and entry.decision in ("add", "accept")
    assert entry.span is not None and entry.span.evidence == words
    assert page.inner_text("#answer mark.added") == words
    page.context.close()


def test_words_selected_while_the_answer_loads_stay_selected(desks: Desks, browser: Any) -> None:
    # The desk draws the answer at once and again when the codes added by hand arrive
    # (read_answer). A reviewer who selects words in between keeps them: here read_answer is
    # held back until the words are selected, as on a slow connection or a busy server.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    held: list[Any] = []
    page.route("**/api/read_answer", lambda route: held.append(route))
    page.goto(desks.servers["anna"].url)
    page.wait_for_selector("#answer mark.current")
    words = select_two_words(page)
    page.wait_for_selector("#selection-bar:not([hidden])")
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert held, "the desk never asked for the answer's added codes"
    page.evaluate("() => { document.getElementById('answer').firstChild.drawnBefore = true; }")
    for route in held:
        route.continue_()
    until(page, "() => !document.getElementById('answer').firstChild.drawnBefore")
    assert page.evaluate("() => window.getSelection().toString()") == words
    assert page.inner_text("#selection-words") == f"“{words}”"
    context.close()


def test_two_reviewers_see_each_others_decisions_on_refresh(desks: Desks, browser: Any) -> None:
    anna = open_desk(browser, desks.servers["anna"])
    bert = open_desk(browser, desks.servers["bert"], width=760)
    assert anna.inner_text("#reviewer").endswith("anna")
    assert bert.inner_text("#reviewer").endswith("bert")
    # bert decides three items; anna's verdicts on them show once bert has given his.
    start = decided(bert)
    for n in range(1, 4):
        bert.keyboard.press("a")
        wait_decided(bert, start + n)
    bert.keyboard.press("ArrowLeft")
    bert.wait_for_selector("#team-box:not([hidden]) li")
    assert "anna" in bert.inner_text("#team")
    anna.reload()
    anna.wait_for_selector("#answer mark.current")
    options = anna.eval_on_selector_all("#agree-with option", "os => os.map(o => o.value)")
    assert "bert" in options
    anna.select_option("#agree-with", "bert")
    until(anna, "() => / 3 /.test(document.getElementById('agreement').innerText)")
    assert set(desks.mine("bert")) <= set(desks.mine("anna"))
    anna.context.close()
    bert.context.close()


def test_pages_fit_760_pixels_and_load_nothing_from_elsewhere(desks: Desks, browser: Any) -> None:
    server = desks.servers["anna"]
    for width in (1280, 760):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request, seen=requested: seen.append(request.url))
        page.goto(server.url)
        page.wait_for_selector("#answer mark.current")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for button in ("#b-accept", "#b-reject", "#b-skip", "#b-undo", "#b-note", "#b-add"):
            box = page.locator(button).bounding_box()
            assert box is not None and box["x"] + box["width"] <= width
        page.click("#health-link")
        page.wait_for_selector("#rules tbody tr")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert requested and all(url.startswith(server.origin + "/") for url in requested)
        context.close()
    token = {"X-Textcode-Token": server.token}
    for path in ("/", "/health", "/static/desk.css", "/static/desk.js", "/static/health.js"):
        request = urllib.request.Request(server.origin + path, headers=token)
        with urllib.request.urlopen(request) as r:
            body = r.read().decode("utf-8")
            assert "default-src 'none'" in r.headers["Content-Security-Policy"]
        assert "https://" not in body and "http://" not in body and "//cdn" not in body, path


def _post(server: Server, tool: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        f"{server.origin}/api/{tool}", data=body, headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_requests_without_the_token_are_refused(desks: Desks) -> None:
    server = desks.servers["anna"]
    for path in ("/", "/health", "/static/desk.js"):
        try:
            urllib.request.urlopen(server.origin + path)
            raise AssertionError(f"{path} answered without a token")
        except urllib.error.HTTPError as error:
            assert error.code == 403
    before = desks.ledger.read_bytes()
    body = json.dumps({"count": 1}).encode()
    json_type = {"Content-Type": "application/json"}
    assert _post(server, "next_item", body, json_type) == 403
    assert _post(server, "undo", b"{}", {**json_type, "X-Textcode-Token": "wrong"}) == 403
    assert _post(server, "next_item", body, {**json_type, "X-Textcode-Token": server.token}) == 200
    assert desks.ledger.read_bytes() == before


def test_cross_site_posts_are_refused(desks: Desks, browser: Any) -> None:
    server = desks.servers["anna"]
    before = desks.ledger.read_bytes()
    token = {"X-Textcode-Token": server.token, "Content-Type": "application/json"}
    assert _post(server, "undo", b"{}", {**token, "Origin": "http://evil.example"}) == 403
    assert _post(server, "undo", b"{}", {**token, "Sec-Fetch-Site": "cross-site"}) == 403
    assert _post(server, "undo", b"{}", {**token, "Content-Type": "text/plain"}) == 403
    # A page of another site, in a browser that has the desk's cookie, posts a form to it.
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(server.url)  # the cookie is set
    page.wait_for_selector("#answer mark.current")
    form = (
        f'<form method="post" action="{server.origin}/api/undo" enctype="text/plain">'
        '<input name="{}" value=""></form><script>document.forms[0].submit()</script>'
    )
    page.route(
        "http://evil.example/",
        lambda route: route.fulfill(body=form, content_type="text/html"),
    )
    with page.expect_response(f"{server.origin}/api/undo") as answer:
        page.goto("http://evil.example/")
    assert answer.value.status == 403
    # And a script of that site: its fetch with the token header needs a preflight, refused.
    page.route(
        "http://evil.example/fetch",
        lambda route: route.fulfill(body="<p>x</p>", content_type="text/html"),
    )
    page.goto("http://evil.example/fetch")
    outcome = page.evaluate(
        """async ([url, token]) => {
          try {
            const r = await fetch(url, {method: 'POST', credentials: 'include',
              headers: {'Content-Type': 'application/json', 'X-Textcode-Token': token},
              body: '{}'});
            return r.status;
          } catch (e) { return 'blocked'; }
        }""",
        [f"{server.origin}/api/undo", server.token],
    )
    assert outcome == "blocked"
    assert desks.ledger.read_bytes() == before
    context.close()


def test_a_killed_server_restarted_loses_nothing(desks: Desks, browser: Any) -> None:
    # bert's server, the module's last use of it: killed with a decision in flight.
    server = desks.servers["bert"]
    page = open_desk(browser, server)
    start = decided(page)
    for n in range(1, 4):
        page.keyboard.press("a" if n != 2 else "r")
        wait_decided(page, start + n)
    acknowledged = dict(desks.mine("bert"))
    page.keyboard.press("a")  # a decision in flight when the server dies
    server.kill()
    page.context.close()
    entries = Ledger(desks.ledger).entries()  # whole lines only: nothing torn
    mine = desks.mine("bert")
    assert len(mine) - len(acknowledged) in (0, 1)
    for key, entry in acknowledged.items():
        assert mine[key].entry_id == entry.entry_id
    restarted = desks.servers["bert"] = Server(*desks.args("bert")).wait()
    page = open_desk(browser, restarted)
    assert decided(page) == len(mine)
    page.keyboard.press("r")
    wait_decided(page, len(mine) + 1)
    assert len(Ledger(desks.ledger).entries()) == len(entries) + 1
    page.context.close()
