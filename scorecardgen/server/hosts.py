"""Which names the dev server answers to: its own, so a DNS-rebinding page cannot read it.

A page on attacker.example can point that name at 127.0.0.1 and then read the preview as if it
were its own origin, but the browser still sends ``Host: attacker.example``; refusing every
name but the server's own closes that hole. An IP address in Host cannot be rebound, which
is why a server listening on every address (0.0.0.0, ::) accepts any address literal, plus
the machine's own name. The port in Host is not checked: a tunnel or a container's port
mapping shows the preview under another port, and the name is what an attacker controls.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})

_NAME = re.compile(r"[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?\.?")
_PORT = re.compile(r"(?::[0-9]{1,5})?")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_name(value: str) -> str | None:
    """The name in a Host header (lowercase, IPv6 without brackets), or None if malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, port = value[1:].partition("]")
        if not bracket or ":" not in name or not _is_ip(name):
            return None
    else:
        name, colon, digits = value.partition(":")
        port = colon + digits
        if not _NAME.fullmatch(name):
            return None
    if not _PORT.fullmatch(port) or (port and not 0 < int(port[1:]) < 65536):
        return None
    return name.removesuffix(".")  # "localhost." is the same name, fully qualified


def _display(name: str) -> str:
    return f"[{name}]" if ":" in name else name


@dataclass(frozen=True)
class HostPolicy:
    """The Host names a server accepts; ``any_address`` admits every IP address literal."""

    names: frozenset[str]
    any_address: bool = False

    def allows(self, host: str) -> bool:
        """Whether a Host header value names this server (any port)."""
        name = host_name(host)
        if name is None:
            return False
        return name in self.names or (self.any_address and _is_ip(name))

    def describe(self) -> str:
        """The accepted names, for the refusal message."""
        names = ", ".join(_display(n) for n in sorted(self.names))
        return f"any IP address, {names}" if self.any_address else names


def same_origin(origin: str, host: str) -> bool:
    """Whether an Origin header names the site the request was sent to (its Host)."""
    scheme, sep, authority = origin.strip().lower().partition("://")
    return bool(sep) and scheme in ("http", "https") and authority == host.strip().lower()


def policy_for(host: str, bound: str, extra: Iterable[str] = ()) -> HostPolicy:
    """The policy of a server started with ``--host host``, bound to the address ``bound``.

    Loopback names are always accepted, with the host given and the address bound; on a
    wildcard address, also any IP address and this machine's name (``name``, ``name.local``).
    """
    names = set(LOOPBACK_NAMES) | {n.strip("[]").lower() for n in extra}
    wildcard = host.strip("[]") in WILDCARDS
    if wildcard:
        full = socket.gethostname().lower()  # the local name only: no DNS lookup
        short = full.split(".", 1)[0]
        names |= {full, short, f"{short}.local"} - {""}
    else:
        names |= {host.strip("[]").lower(), bound.lower()}
    return HostPolicy(frozenset(n.removesuffix(".") for n in names if n), any_address=wildcard)
