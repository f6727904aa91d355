"""Fetching a web page for core.loading: within a deadline and a size, and never
redirected to this machine or its local network unless the user's own address was there.

Apart from core.loading so that the web modules (http.client, urllib.request, ssl, the
email package they read headers with: ~0.03 s) are imported only when a URL is opened.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from .files import LoadError
from .files import one_line as _one_line


def address_network(address: str) -> str:
    """The kind of network an IP address is on: "loopback" (this machine), "link-local"
    (this network segment, e.g. cloud metadata at 169.254.169.254), "private" (a local or
    reserved network) or "public".

    >>> [address_network(a) for a in ("127.0.0.1", "169.254.169.254", "10.1.2.3", "8.8.8.8")]
    ['loopback', 'link-local', 'private', 'public']
    """
    ip = ipaddress.ip_address(address.split("%")[0])  # an IPv6 zone ("fe80::1%eth0") aside
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if ip.is_loopback or ip.is_unspecified:  # 0.0.0.0 and :: reach this machine too
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if not ip.is_global or ip.is_multicast:
        return "private"
    return "public"


def redirect_refusal(origin: frozenset[str], target: str) -> str | None:
    """Why a redirect to the IP address ``target`` is refused, or None if it may be followed.

    ``origin`` is the set of networks (:func:`address_network`) of the address the user
    asked for.  A redirect may always lead to a public address; to a loopback, link-local
    or private address only if the user's own address was on that kind of network, so that
    a web page cannot make this app fetch from the user's machine or local network.
    """
    try:
        network = address_network(target)
    except ValueError:
        return f"redirected to an invalid address ({target})"
    if network == "public" or network in origin:
        return None
    return f"refused a redirect to a {network} address ({target})"


def _literal_network(host: str) -> str | None:
    """The network of a host given as an IP address (or "localhost"), None for a name."""
    if host.lower().rstrip(".") == "localhost" or host.lower().endswith(".localhost"):
        return "loopback"
    try:
        return address_network(host)
    except ValueError:
        return None


class _Refused(OSError):
    """A connection this app will not make (its message is for a person)."""


class _Guard:
    """One download's rules: the whole of it within a deadline, and redirects only to
    addresses the user's own address allows (checked on each connection's real peer)."""

    def __init__(self, url_host: str, seconds: float) -> None:
        literal = _literal_network(url_host)
        self.origin: frozenset[str] | None = frozenset({literal}) if literal else None
        self.connections = 0
        self.sockets: list[socket.socket] = []
        self.expired = threading.Event()
        self.lock = threading.Lock()
        self.timer = threading.Timer(max(seconds, 0.0), self.expire)
        self.timer.daemon = True

    def expire(self) -> None:
        """The deadline passed: cut every connection, waking any read that waits."""
        with self.lock:
            self.expired.set()
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def connected(self, sock: socket.socket, host: str, *, direct: bool) -> None:
        """Check a new connection (``host``: where its request goes) before it is used."""
        with self.lock:
            if self.expired.is_set():
                raise TimeoutError("the time for the download ran out")
            self.sockets.append(sock)
            self.connections += 1
            first = self.connections == 1
        if direct:
            peer = str(sock.getpeername()[0])
            if first:
                self.origin = self.origin or frozenset({address_network(peer)})
                return
            refusal = redirect_refusal(self.origin or frozenset({"public"}), peer)
        else:  # through a proxy, which resolves names itself: literal addresses only
            literal = _literal_network(host)
            if first or literal is None:
                self.origin = self.origin or frozenset({"public"})
                return
            refusal = (
                None
                if literal == "public" or literal in (self.origin or ())
                else (f"refused a redirect to a {literal} address ({host})")
            )
        if refusal:
            raise _Refused(refusal)


def _guarded_connection(
    base: type[http.client.HTTPConnection], guard: _Guard, host: str, direct: bool
) -> Callable[..., http.client.HTTPConnection]:
    class Connection(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            super().connect()
            guard.connected(self.sock, host, direct=direct)

    return Connection


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        host = urllib.parse.urlsplit(req.full_url).hostname or ""
        direct = not req.has_proxy()
        connection = _guarded_connection(http.client.HTTPConnection, self.guard, host, direct)
        return self.do_open(connection, req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        host = urllib.parse.urlsplit(req.full_url).hostname or ""
        direct = not req.has_proxy() and getattr(req, "_tunnel_host", None) is None
        connection = _guarded_connection(http.client.HTTPSConnection, self.guard, host, direct)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


class _OnlyWebRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http/https only (never to ftp:// or file://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        try:
            scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        except ValueError:
            scheme = ""
        if scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-web address", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(url: str, guard: _Guard) -> Callable[..., object]:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    # A proxy cannot reach this machine's own servers: talk to loopback addresses directly.
    proxies: dict[str, str] | None = {} if _literal_network(host) == "loopback" else None
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.ProxyHandler(proxies),
        _OnlyWebRedirects(),
        _GuardedHTTP(guard),
        _GuardedHTTPS(guard),
    ]
    return urllib.request.build_opener(*handlers).open


_CHUNK = 64 * 1024


def fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """The body and content type of ``url``; the whole request (connecting, headers, body,
    redirects) must finish within ``timeout`` seconds and ``max_bytes``."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port out of range
        request = urllib.request.Request(url, headers={"User-Agent": "factcompare/0.1"})
    except ValueError as error:
        raise LoadError(f"{url}: is not a valid web address ({_one_line(error)})") from error
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise LoadError(f"{url}: only web addresses (http:// or https://) can be opened")
    guard = _Guard(host, timeout)
    no_answer = f"{url}: no answer within {timeout:g} seconds"
    too_slow = no_answer  # until the headers have come
    guard.timer.start()
    try:
        with _opener(url, guard)(request, timeout=timeout) as response:  # type: ignore[attr-defined]
            too_slow = f"{url}: the server did not send the page within {timeout:g} seconds"
            declared = response.headers.get("Content-Length")
            declared = declared.strip() if declared else None
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise LoadError(
                    f"{url}: the page is too large ({int(declared) / 2**20:.1f} "
                    f"MB; the limit is {max_bytes / 2**20:.1f} MB)"
                )
            chunks: list[bytes] = []
            received = 0
            while True:
                if guard.expired.is_set():
                    raise LoadError(too_slow)
                # read1: whatever has arrived (up to a chunk), so that a server dripping
                # bytes slowly meets the deadline instead of blocking a whole chunk.
                chunk = response.read1(min(_CHUNK, max_bytes + 1 - received))
                if not chunk:
                    break
                chunks.append(chunk)
                received += len(chunk)
                if received > max_bytes:
                    raise LoadError(
                        f"{url}: the page is too large (over {max_bytes / 2**20:.1f} MB)"
                    )
            if guard.expired.is_set():
                raise LoadError(too_slow)
            if declared and declared.isdigit() and received < int(declared):
                raise LoadError(
                    f"{url}: the download was cut short ({received:,} of {int(declared):,} "
                    "bytes arrived); try again"
                )
            content_type = response.headers.get("Content-Type", "") or ""
    except LoadError:
        raise
    except urllib.error.HTTPError as error:
        error.close()  # it holds the server's answer open
        raise LoadError(f"{url}: the server answered {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, _Refused):
            raise LoadError(f"{url}: {reason}") from error
        if guard.expired.is_set() or isinstance(reason, (socket.timeout, TimeoutError)):
            raise LoadError(no_answer) from error
        raise LoadError(f"{url}: could not connect ({_one_line(str(reason))})") from error
    except TimeoutError as error:
        raise LoadError(too_slow) from error
    except (OSError, ValueError, AttributeError, http_client_errors()) as error:
        if guard.expired.is_set():
            raise LoadError(too_slow) from error
        raise LoadError(f"{url}: the download failed ({_one_line(error)})") from error
    finally:
        guard.timer.cancel()
    return b"".join(chunks), content_type


def http_client_errors() -> type[Exception]:
    """http.client's base exception (a bad status line, a connection cut mid-answer)."""
    import http.client

    return http.client.HTTPException
