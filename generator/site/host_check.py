"""The preview server answers only to its own address (issue #23: DNS rebinding).

A web page on any site can make the browser send requests to a name its attacker controls,
then point that name at 127.0.0.1: the preview would answer it, and that page could read
the preview (the whole playbook, and the livereload channel). A browser always sends the
name it used in ``Host``, so requests are served only when ``Host`` names the listening
address, ``localhost``, ``127.0.0.1`` or ``[::1]``, with the port. On a wildcard address
(``0.0.0.0``), any IP literal is allowed too, since a rebinding needs a name.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable

_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` values the server at ``host``:``port`` answers to."""
    listening = f"[{host}]" if ":" in host else host
    names = {listening.lower(), *_LOOPBACK_NAMES}
    allowed = {f"{name}:{port}" for name in names}
    if port == 80:
        allowed |= names  # a browser leaves the default port out
    return frozenset(allowed)


def is_allowed(value: str, host: str, port: int) -> bool:
    value = value.strip().lower()
    if value in allowed_hosts(host, port):
        return True
    if host not in ("0.0.0.0", "::", ""):
        return False
    name, _, given_port = value.rpartition(":")
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return given_port == str(port)


def host_guard(app: Callable, host: str, port: int) -> Callable:
    """A WSGI app that passes requests to ``app`` only when their Host is allowed."""

    def guarded(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if is_allowed(environ.get("HTTP_HOST", ""), host, port):
            return app(environ, start_response)
        body = (
            f"This preview answers only at http://127.0.0.1:{port}/ or "
            f"http://localhost:{port}/ (the Host header named another address).\n"
        ).encode()
        start_response(
            "421 Misdirected Request",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    return guarded
