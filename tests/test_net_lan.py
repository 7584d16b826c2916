"""Finding the class on the local network (game.net.lan), over the loopback interface: the
server announces itself when zeroconf is installed, a finder hears it and hears it go; and
without zeroconf nothing is announced and nothing breaks."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from game.net import lan
from game.net.classroom import Classroom
from game.net.server import serve
from game.settings import Settings
from tests.net_helpers import scenario

needs_zeroconf = pytest.mark.skipif(not lan.available(),
                                    reason="zeroconf is not installed (pip install zeroconf)")


@contextmanager
def hosting(folder: Path) -> Iterator[dict[str, object]]:
    """``serve`` on 127.0.0.1 (any free port) in a thread, as ``python main.py host`` runs
    it; yields what it told: the port and the name it was announced under."""
    told: dict[str, object] = {}
    ready = threading.Event()
    loop = asyncio.new_event_loop()

    def announce(address: str, port: int) -> None:
        told["port"] = port

    def on_network(name: str | None) -> None:
        told["name"] = name
        ready.set()

    task = loop.create_task(serve(Classroom(scenario(), Settings(), folder), "127.0.0.1", 0,
                                  announce, on_network))

    def run() -> None:
        try:
            loop.run_until_complete(task)
        except asyncio.CancelledError:
            pass
        finally:
            loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        assert ready.wait(30), "the server was not announced in time"
        yield told
    finally:
        loop.call_soon_threadsafe(task.cancel)
        thread.join(30)


def _until(check: object, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(check) and check():
            return True
        time.sleep(0.1)
    return False


@needs_zeroconf
def test_the_server_is_found_on_the_network_and_heard_to_go(tmp_path: Path) -> None:
    finder = lan.Finder(["127.0.0.1"])
    try:
        assert not finder.problem
        with hosting(tmp_path) as told:
            name, port = told["name"], told["port"]
            assert isinstance(name, str) and name.startswith("Parley on ")
            assert _until(lambda: any(f.address == f"127.0.0.1:{port}"
                                      for f in finder.found()))
            found = next(f for f in finder.found() if f.address == f"127.0.0.1:{port}")
            assert found.name == name and found.scenario == scenario().title
        # The server stopped: its announcement is withdrawn.
        assert _until(lambda: all(f.address != f"127.0.0.1:{port}" for f in finder.found()))
    finally:
        finder.close()


@needs_zeroconf
def test_the_class_code_is_never_announced(tmp_path: Path) -> None:
    from zeroconf import Zeroconf
    with hosting(tmp_path) as told:
        zeroconf = Zeroconf(interfaces=["127.0.0.1"])
        try:
            info = zeroconf.get_service_info(lan.SERVICE, f"{told['name']}.{lan.SERVICE}",
                                             timeout=5000)
        finally:
            zeroconf.close()
        code = Classroom(scenario(), Settings(), tmp_path).code
    assert info is not None and set(info.properties) == {b"scenario"}
    assert code.encode() not in b"".join(v or b"" for v in info.properties.values())


def test_without_zeroconf_nothing_is_announced_or_found(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lan, "available", lambda: False)
    assert lan.Announcement("127.0.0.1", 8765, "A class").start() is False
    finder = lan.Finder()
    assert finder.found() == [] and "pip install zeroconf" in finder.problem
    finder.close()
    with hosting(tmp_path) as told:  # the server runs all the same
        assert told["name"] is None and isinstance(told["port"], int)
