"""Finding the class on the local network: multicast DNS service discovery (DNS-SD).

When the optional ``zeroconf`` package is installed (``pip install parley[lan]``), the
class server announces itself as a ``_parley._tcp`` service, and the window's join screen
lists the classes it hears of, so that students need not type an address. Without it,
nothing is announced or listed, and the address is typed as before.

Only the address, the port and the scenario's title are announced: never the class code,
which the teacher still gives out loud.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import socket
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.safetext import plain

if TYPE_CHECKING:
    from zeroconf import ServiceInfo, Zeroconf

log = logging.getLogger(__name__)

#: The DNS-SD service type of a Parley class server.
SERVICE = "_parley._tcp.local."
#: What a student's window is told to install when it finds nothing for want of it.
INSTALL = "pip install zeroconf"


def available() -> bool:
    """Whether the optional ``zeroconf`` package is installed."""
    return importlib.util.find_spec("zeroconf") is not None


@dataclass(frozen=True)
class FoundClass:
    """A class server heard of on the local network."""

    name: str
    """Its instance name, as announced (``Parley on HOST``)."""
    address: str
    """``HOST:PORT``, as typed on the join screen."""
    scenario: str


def _interfaces(bind: str) -> list[str] | None:
    """The interfaces to announce on: those of the address the server listens on (None:
    every interface)."""
    return None if bind in ("", "0.0.0.0", "::") else [bind]


def _addresses(bind: str) -> list[str]:
    """The IPv4 addresses the server can be reached at: its bound one, or every one this
    computer has but the loopback (the loopback alone when it has no other)."""
    if bind not in ("", "0.0.0.0", "::"):
        return [bind]
    import ifaddr
    found = [str(ip.ip) for adapter in ifaddr.get_adapters() for ip in adapter.ips
             if isinstance(ip.ip, str)]
    outside = [ip for ip in found if not ip.startswith("127.")]
    return outside or ["127.0.0.1"]


def _label(text: str, limit: int = 60) -> str:
    """*text* as part of a DNS label: at most *limit* bytes, no dots or control
    characters."""
    cleaned = re.sub(r"[\x00-\x1f\x7f.]+", " ", text).strip() or "Parley"
    while len(cleaned.encode("utf-8")) > limit:
        cleaned = cleaned[:-1]
    return cleaned


class Announcement:
    """The class server announced on the local network, until :meth:`stop`."""

    def __init__(self, bind: str, port: int, scenario: str) -> None:
        self.bind, self.port, self.scenario = bind, port, scenario
        self.name = ""
        self._zeroconf: Zeroconf | None = None
        self._info: ServiceInfo | None = None

    def start(self) -> bool:
        """Announce the server (this takes a second or two: run it off the event loop);
        False, with the reason logged, when ``zeroconf`` is missing or the network refuses
        multicast."""
        if not available():
            return False
        from zeroconf import IPVersion, ServiceInfo, Zeroconf
        host = _label(socket.gethostname().split(".")[0], 40)
        instance = _label(f"Parley on {host} port {self.port}")
        try:
            addresses = [socket.inet_aton(ip) for ip in _addresses(self.bind)]
            info = ServiceInfo(SERVICE, f"{instance}.{SERVICE}", port=self.port,
                               addresses=addresses,
                               properties={"scenario": self.scenario[:200]},
                               server=f"{_label(host, 40).replace(' ', '-')}.local.")
            zeroconf = Zeroconf(interfaces=_interfaces(self.bind) or _all(),
                                ip_version=IPVersion.V4Only)
        except (OSError, ValueError) as exc:
            log.warning("not announced on the local network: %s", exc)
            return False
        try:
            zeroconf.register_service(info, allow_name_change=True)
        except Exception as exc:  # noqa: BLE001 - zeroconf's own errors: the class goes on
            log.warning("not announced on the local network: %s", exc)
            zeroconf.close()
            return False
        self._zeroconf, self._info = zeroconf, info
        self.name = info.name.removesuffix("." + SERVICE)
        return True

    def stop(self) -> None:
        zeroconf, info = self._zeroconf, self._info
        self._zeroconf = self._info = None
        if zeroconf is None or info is None:
            return
        try:
            zeroconf.unregister_service(info)
        except Exception as exc:  # noqa: BLE001 - stopping anyway
            log.warning("the announcement was not withdrawn: %s", exc)
        zeroconf.close()


def _all() -> Any:
    from zeroconf import InterfaceChoice
    return InterfaceChoice.All


class Finder:
    """Listens for class servers on the local network in threads of ``zeroconf``'s own;
    :meth:`found` is what has been heard so far. Does nothing without ``zeroconf``."""

    def __init__(self, interfaces: list[str] | None = None) -> None:
        self._found: dict[str, FoundClass] = {}
        self._lock = threading.Lock()
        self._zeroconf: Zeroconf | None = None
        self._browser: Any = None
        self.problem = "" if available() else f"Install zeroconf ({INSTALL}) to find " \
                                              "classes on this network."
        if self.problem:
            return
        from zeroconf import IPVersion, ServiceBrowser, Zeroconf
        try:
            self._zeroconf = Zeroconf(interfaces=interfaces or _all(),
                                      ip_version=IPVersion.V4Only)
            self._browser = ServiceBrowser(self._zeroconf, SERVICE, handlers=[self._changed])
        except (OSError, ValueError) as exc:
            self.problem = f"This computer cannot listen for classes on the network ({exc})."
            self.close()

    def _changed(self, zeroconf: Zeroconf, service_type: str, name: str,
                 state_change: Any) -> None:
        from zeroconf import IPVersion, ServiceStateChange
        if state_change is ServiceStateChange.Removed:
            with self._lock:
                self._found.pop(name, None)
            return
        info = zeroconf.get_service_info(service_type, name, timeout=3000)
        if info is None or info.port is None:
            return
        addresses = info.parsed_addresses(IPVersion.V4Only)
        if not addresses:
            return
        raw = info.properties.get(b"scenario") or b""
        scenario = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""
        # What comes from the network is shown as plain text, and not much of it.
        found = FoundClass(" ".join(plain(name.removesuffix("." + SERVICE)).split())[:80],
                           f"{addresses[0]}:{info.port}", " ".join(plain(scenario).split())[:120])
        with self._lock:
            self._found[name] = found

    def found(self) -> list[FoundClass]:
        """The classes heard of, by name."""
        with self._lock:
            return sorted(self._found.values(), key=lambda f: (f.name, f.address))

    def close(self) -> None:
        browser, zeroconf = self._browser, self._zeroconf
        self._browser = self._zeroconf = None
        if browser is not None:
            browser.cancel()
        if zeroconf is not None:
            zeroconf.close()
