"""Network guard for the test suite: sockets may only reach loopback (127.0.0.0/8, ::1, localhost) or AF_UNIX.

Why: the course must work offline, and a test that quietly downloads something would pass on a laptop and fail
in a classroom. The guard makes any attempt to leave the machine fail at once, with an error naming the address.

How it reaches every process: ``tests/conftest.py`` installs it in the pytest process and prepends this folder to
``PYTHONPATH``, so every child Python (Jupyter kernels, nbgrader, JupyterLab, ``python -c``) imports this file as
``sitecustomize`` at start-up. Limits: processes started with ``python -I``/``-E`` skip it, and native code that
opens its own sockets (libzmq, libcurl) is not seen; ``.ci/run`` also cuts the network with a namespace where it can.

What is guarded: ``socket.socket.connect``/``connect_ex``/``sendto`` for AF_INET/AF_INET6 sockets, and name
lookups (``getaddrinfo``, ``gethostbyname``, ``gethostbyname_ex``), since a DNS query already leaves the machine.
Unspecified addresses (0.0.0.0, ::) are allowed because they mean "this host" (servers resolve them to bind).
The error is an ``OSError`` (``PermissionError``; ``socket.gaierror`` for lookups) so that libraries which
handle a missing network (e.g. fall back to a cache) keep doing so, with the guard's message in their error.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_ALLOWED = "tests may only reach loopback (127.0.0.0/8, ::1, localhost) and AF_UNIX sockets"
_INSTALLED_FLAG = "_dcai_netguard_installed"


class NetworkGuardError(PermissionError):
    """A socket operation the test network guard refused: it would have left the machine."""


class NetworkGuardResolveError(NetworkGuardError, socket.gaierror):
    """A name lookup the guard refused (also a ``socket.gaierror``, which is what resolvers expect)."""


def is_loopback_host(host: Any) -> bool:
    """True for loopback or unspecified IP literals, localhost names, and None/"" (the local host)."""
    if host is None:
        return True
    if isinstance(host, (bytes, bytearray)):
        host = bytes(host).decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip().rstrip(".").lower()
    if name == "<broadcast>":
        return False
    if name == "" or name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(name.split("%", 1)[0])  # drop an IPv6 zone id ("fe80::1%eth0")
    except ValueError:
        return False  # a host name other than localhost: resolving it would query DNS
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return ip.is_loopback or ip.is_unspecified


def _refuse(action: str, host: Any, port: Any, error: type[NetworkGuardError] = NetworkGuardError) -> None:
    raise error(f"blocked by the test network guard (tests/netguard): {action} {host!r} port {port!r}; {_ALLOWED}")


def _check_address(sock: socket.socket, address: Any, action: str) -> None:
    """Refuse ``address`` unless the socket is not an IP socket or the host is loopback."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or not isinstance(address, tuple) or not address:
        return  # AF_UNIX, netlink, ...; malformed addresses are left to the real call to reject
    if not is_loopback_host(address[0]):
        _refuse(action, address[0], address[1] if len(address) > 1 else None)


def _check_lookup(host: Any, port: Any = None) -> None:
    if not is_loopback_host(host):
        _refuse("name lookup of", host, port, NetworkGuardResolveError)


def install() -> bool:
    """Patch the socket module in this process; returns False if it was already guarded (idempotent)."""
    if getattr(socket, _INSTALLED_FLAG, False):
        return False
    real_connect, real_connect_ex, real_sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
    real_getaddrinfo, real_gethostbyname, real_gethostbyname_ex = (
        socket.getaddrinfo,
        socket.gethostbyname,
        socket.gethostbyname_ex,
    )

    def connect(self: socket.socket, address: Any) -> None:
        _check_address(self, address, "connect to")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        _check_address(self, address, "connect to")
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> int:
        if args:
            _check_address(self, args[-1], "send to")
        return real_sendto(self, data, *args)

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list:
        _check_lookup(host, port)
        return real_getaddrinfo(host, port, *args, **kwargs)

    def gethostbyname(host: Any) -> str:
        _check_lookup(host)
        return real_gethostbyname(host)

    def gethostbyname_ex(host: Any) -> tuple:
        _check_lookup(host)
        return real_gethostbyname_ex(host)

    socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
    socket.getaddrinfo, socket.gethostbyname, socket.gethostbyname_ex = getaddrinfo, gethostbyname, gethostbyname_ex
    setattr(socket, _INSTALLED_FLAG, True)
    return True


install()
