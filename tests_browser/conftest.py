"""Browser fixtures: one headless Chromium per test session, a fresh context (cookies, storage) per test.

Every page a test opens is watched: a console error, an uncaught exception or a content-security-policy
violation fails the test (that is how an inline script blocked by our strict CSP shows up).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright
from pytest_django.plugin import blocking_manager_key

from renshe import testing
from renshe.core.models import Region
from renshe.core.reference import reference_load
from tests_browser.support import DESKTOP

CHROMIUM = os.environ.get("RENSHE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Reports every CSP violation to the console, where the watcher below picks it up. Chromium logs
# most violations itself; the event also catches the ones it reports only to the page.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
                " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@dataclass
class PageWatcher:
    """Console errors and page exceptions of every page of one test."""

    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Expect an error matching ``pattern``."""
        self.allowed.append(re.compile(pattern))

    def allow_status(self, status: int, path: str) -> None:
        """Expect ``path`` to answer ``status`` (a form's 400, a scoping test's 404): Chromium logs
        every 4xx response as a console error, the page's own included."""
        self.allow(rf"status of {status} .*\[https?://[^/]+{re.escape(path)}\]$")

    def watch(self, page: Page) -> None:
        page.on("console", lambda msg: self._console(page, msg))
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: uncaught {exc}"))

    def _console(self, page: Page, msg: ConsoleMessage) -> None:
        if msg.type != "error":
            return
        source = msg.location.get("url", "")
        # The platform has no favicon yet, so Chromium's automatic request for one is a 404.
        if source.endswith("/favicon.ico"):
            return
        self.errors.append(f"{page.url}: {msg.text} [{source}]")

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


_WATCHER = pytest.StashKey[PageWatcher]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    # Failing here, after the test body, makes a console error a failure of the test itself
    # rather than an error in a fixture's teardown.
    result = yield
    watcher = item.stash.get(_WATCHER, None)
    if watcher is not None and watcher.unexpected():
        raise AssertionError("console errors in the browser:\n" + "\n".join(watcher.unexpected()))
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem):
    # A live_server test runs on a transactional database, which Django empties after the test,
    # migrated reference data (regions, industries, …) included. Put it back once the flush is
    # done, so whatever runs next in this process (a browser test or any other) finds it.
    # pytest-django runs transactional tests last, so this is a second line of defence.
    result = yield
    if "live_server" in getattr(item, "fixturenames", ()):
        with item.config.stash[blocking_manager_key].unblock():
            reference_load()
    return result


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API drives an asyncio loop on this thread through greenlets, so Django
    # believes it is being called from async code and refuses ORM calls in the test (the
    # async-unsafe check). Nothing here is async: turn the check off while the browser lives.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server) -> str:
    """The live server's address, with reference data present (see pytest_runtest_teardown)."""
    if not Region.objects.filter(pk=testing.MAONAN_TOWN).exists():
        reference_load()
    return live_server.url


@pytest.fixture
def watcher(request) -> PageWatcher:
    w = PageWatcher()
    request.node.stash[_WATCHER] = w
    return w


@pytest.fixture
def new_page(browser: Browser, site: str, watcher: PageWatcher) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh context (its own cookies): ``new_page()`` or ``new_page(viewport=PHONE)``."""
    contexts: list[BrowserContext] = []

    def open_page(viewport: dict | None = None) -> Page:
        context = browser.new_context(
            base_url=site, viewport=viewport or DESKTOP, locale="zh-CN", timezone_id="Asia/Shanghai"
        )
        context.set_default_timeout(10_000)
        context.add_init_script(_CSP_LISTENER)
        contexts.append(context)
        page = context.new_page()
        watcher.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()
