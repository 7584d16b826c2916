"""The teacher's page in a real browser: headless Chromium (Debian's package) driven by
Playwright. Skipped, saying why, where either is missing; `.ci/run` installs Chromium."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.net_helpers import running, scripted_team

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

CHROMIUM = os.environ.get("PARLEY_CHROMIUM") or shutil.which("chromium") or \
    shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this computer "
                                                         "(Debian: apt-get install chromium)")


def _teams(url: str, code: str, results: list[Any]) -> threading.Thread:
    async def play() -> None:
        results.extend(await asyncio.wait_for(asyncio.gather(
            scripted_team(url, code, "Alpha <b>x</b>", seed=3),
            scripted_team(url, code, "Beta", seed=4),
            scripted_team(url, code, "Solo", seed=5, computer=True)), 180))
    thread = threading.Thread(target=lambda: asyncio.run(play()), daemon=True)
    thread.start()
    return thread


def test_the_teacher_runs_a_class_from_the_page(tmp_path: Path) -> None:
    with running(tmp_path / "class") as server:
        room = server.classroom
        results: list[Any] = []
        with playwright.sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox"])
            try:
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.goto(f"{server.url}/teacher")
                page.fill("#password", "not the password")
                page.click("#login")
                page.wait_for_selector("#wrong", state="visible")
                page.fill("#password", room.password)
                page.click("#login")
                page.wait_for_selector("#start")
                assert room.code in page.inner_text("#join")
                assert "rounds" in page.inner_text("#rules")

                thread = _teams(server.url, room.code, results)
                page.wait_for_selector("#table-2", timeout=20_000)
                assert "waiting" in page.inner_text("#status")
                cards = page.inner_text("#tables")
                assert "Alpha" in cards and "Beta" in cards and "against the computer" in cards

                page.fill("#message", "Ten minutes left")
                page.click("#send")
                # (The page's content security policy allows no eval: selectors only.)
                page.wait_for_selector("#sent:has-text('Sent')")
                page.click("#start")
                page.wait_for_selector("#status:text-is('playing')")
                thread.join(180)
                assert len(results) == 3
                playwright.expect(page.locator(".outcome")).to_have_count(2, timeout=10_000)
                assert "Last move" in page.inner_text("#table-1")
                if os.environ.get("PARLEY_SCREENSHOT"):
                    page.screenshot(path=os.environ["PARLEY_SCREENSHOT"], full_page=True)

                with page.expect_download() as download:
                    page.click("#csv")
                csv = Path(download.value.path()).read_text(encoding="utf-8")
                assert "Alpha" in csv and "Solo" in csv
                with page.expect_download() as download:
                    page.click("#zip")
                assert Path(download.value.path()).stat().st_size > 1000

                # A team's name is shown as text, never run as HTML.
                assert page.locator("#tables b").count() == 0
            finally:
                browser.close()
        for messages in results:
            assert any(m["type"] == "notice" and "Ten minutes left" in m["text"]
                       for m in messages)
