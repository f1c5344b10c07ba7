"""The report in a real browser: headless Chromium from the system's packages loads the overview,
a story page and the stories index of the embedded network's report with no console error, no
script error, no failed load and no request leaving the files; screenshots are saved as test
artefacts (the test's tmp folder, and test-artifacts/ in the checkout).

Chromium is driven over its DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON
messages ended by a NUL byte on file descriptors 3 and 4), so no driver package is needed.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, SEEDS_NETWORK, EmbeddedCrawls, read_lines

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
ARTIFACTS = REPO / "test-artifacts"
#: What a loaded page must not log: script exceptions, console errors, failed loads.
PROBLEMS = ("Runtime.exceptionThrown", "Runtime.consoleAPICalled", "Log.entryAdded")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"no headless browser on PATH (looked for {', '.join(BROWSERS)}); .ci/run installs Debian's chromium when it runs as root")


class Browser:
    """A headless Chromium on a DevTools pipe: one tab; load a page, collect what it logged, screenshot it."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_chrome, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome = os.pipe()
        # above the descriptors 3 and 4 the child gets them as, so moving one cannot clobber the other
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome, from_chrome)]

        def onto_3_and_4() -> None:
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "--window-size=1280,1000", "about:blank"],
            preexec_fn=onto_3_and_4, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for fd in (to_chrome, from_chrome, *high):
            os.close(fd)
        self._buffer, self._id, self.events = b"", 0, []
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.send(f"{domain}.enable", session=self.session)

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}} | ({"sessionId": session} if session else {})
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._next(deadline)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
            self.events.append(answer)

    def load(self, url: str) -> list[dict]:
        """Load `url`; the events it caused (the page's console, exceptions, log entries, requests)."""
        self.events = []
        self.send("Page.navigate", {"url": url}, session=self.session)
        deadline = time.monotonic() + 60
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._next(deadline))
        self.evaluate("1")  # a round trip: what the load logged has arrived
        return self.events

    def evaluate(self, expression: str) -> object:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=self.session)
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        """The whole page as PNG."""
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=self.session)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError):
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)

    def _next(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_chrome], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed its DevTools pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)


def problems(events: list[dict]) -> list[str]:
    """Console calls, exceptions and error log entries, and requests for anything but local files."""
    found = [json.dumps(e["params"])[:300] for e in events if e.get("method") in PROBLEMS]
    found += [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"
              and not e["params"]["request"]["url"].startswith(("file:", "data:", "about:"))]
    return found


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    chromium = Browser(_browser(), tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def report_dir(embedded_crawls: EmbeddedCrawls) -> Path:
    if not (SEEDS_NETWORK / "network.json").is_file():
        pytest.skip("seeds/network not generated yet (wiredup generate --out seeds/network)")
    return embedded_crawls.of(SEEDS_NETWORK).out_dir


def _artefact(tmp_path: Path, name: str, browser: Browser) -> Path:
    shot = tmp_path / name
    browser.screenshot(shot)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / name)
    return shot


def test_the_browser_check_sees_errors(browser: Browser, tmp_path: Path) -> None:
    """The check itself: a page with a script error, a console error and a missing image is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><p>x</p><img src="missing.png"><script>console.error("bad"); undefinedFunction();</script>', encoding="utf-8")
    found = problems(browser.load(bad.as_uri()))
    assert len(found) == 3, found


def test_overview_and_a_story_page_load_without_errors(browser: Browser, report_dir: Path, tmp_path: Path) -> None:
    overview = report_dir / "report.html"
    assert problems(browser.load(overview.as_uri())) == []
    assert browser.evaluate("document.querySelectorAll('figure svg').length") == 4
    assert browser.evaluate("document.querySelectorAll('table.matrix tbody tr').length") > 0
    assert _artefact(tmp_path, "report-overview.png", browser).stat().st_size > 10_000

    top = read_lines(report_dir / "stories.jsonl")[0]
    story = report_dir / "report" / "stories" / f"{top['id']}.html"
    assert problems(browser.load(story.as_uri())) == []
    assert browser.evaluate("document.querySelectorAll('details[id^=v]').length") == len(top["versions"])
    assert browser.evaluate("document.querySelectorAll('p.r s').length") > 0
    assert _artefact(tmp_path, "report-story.png", browser).stat().st_size > 10_000


def test_the_index_filter_runs(browser: Browser, report_dir: Path) -> None:
    """The stories index: its script shows the filter box and hides the rows that do not match."""
    index = report_dir / "report" / "stories.html"
    assert problems(browser.load(index.as_uri())) == []
    rows = browser.evaluate("document.querySelectorAll('tbody tr').length")
    title = read_lines(report_dir / "stories.jsonl")[0]["title"]
    shown = browser.evaluate(
        f"(function(){{var q=document.getElementById('q');q.value={json.dumps(title)};q.dispatchEvent(new Event('input'));"
        "return document.querySelectorAll('tbody tr:not([hidden])').length;})()"
    )
    assert browser.evaluate("document.getElementById('q').hidden") is False
    assert isinstance(rows, int) and 1 <= shown < rows
