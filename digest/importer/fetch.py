"""Getting a page's bytes: a saved ``.html`` file, or an http(s) URL.

The URL path is urllib with every limit explicit: a timeout, a size limit, a
User-Agent that says who is asking, at most ``MAX_REDIRECTS`` redirects
followed by hand (so each hop is checked: http(s) only), and HTML answers only.
Every failure is a ``DigestError`` with a one-line message naming the source.
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from digest import __version__
from digest.model import DigestError

USER_AGENT = f"digest/{__version__} (Kazakh news digest importer; one page at an editor's request)"
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 15.0
MAX_PAGE_BYTES = 5_000_000
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# What the start of an HTML document looks like, whatever the suffix says.
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]", re.I)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)
# Browsers' "Save page as" marks where a page came from: <!-- saved from url=(0071)https://... -->
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


@dataclass(frozen=True)
class Page:
    """The bytes of one page and where they came from."""

    data: bytes
    source: str  # as the editor gave it (a path or a URL)
    url: str | None  # the address the page was read from (after redirects), or that a saved page records
    saved_path: Path | None = None  # the saved file, for its ``_files`` folder


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as answers: ``fetch_url`` follows them itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102 (urllib's hook)
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def get_page(source: str, timeout: float = TIMEOUT_SECONDS) -> Page:
    """A URL fetched, or a saved page read; another scheme (ftp://, file://) is refused."""
    if is_url(source):
        return fetch_url(source, timeout=timeout)
    if _SCHEME.match(source):
        raise DigestError("only http:// and https:// addresses are fetched", path=source)
    return read_saved_page(Path(source))


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.search(data[:4096].lstrip(b"\xef\xbb\xbf")))


def read_saved_page(path: Path, limit: int = MAX_PAGE_BYTES) -> Page:
    """A page saved by a browser (Ctrl+S); refused when it is not HTML or too big."""
    shown = str(path)
    if path.suffix.lower() not in HTML_SUFFIXES:
        raise DigestError(f"not an HTML page (a saved page ends in {', '.join(HTML_SUFFIXES)})", path=shown)
    try:
        size = path.stat().st_size
        if size > limit:
            raise DigestError(_too_big(size, limit), path=shown)
        data = path.read_bytes()
    except OSError as exc:
        raise DigestError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    if not looks_like_html(data):
        raise DigestError("not an HTML page (no <html>, <head> or <body> at its start)", path=shown)
    saved = _SAVED_FROM.search(data[:4096])
    return Page(data, shown, saved.group(1).decode("ascii", "replace") if saved else None, path)


def fetch_url(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_PAGE_BYTES) -> Page:
    """GET ``url``, following at most ``MAX_REDIRECTS`` redirects; HTML only."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(current, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9"})
        try:
            response = _OPENER.open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            target = exc.headers.get("Location") if 300 <= exc.code < 400 else None
            exc.close()
            if not target:
                raise DigestError(f"the server answered {exc.code} {exc.reason}", path=url) from None
            current = urllib.parse.urljoin(current, target)
            if not is_url(current):
                raise DigestError(f"redirected to {current!r}, not an http(s) address", path=url) from None
            continue
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise DigestError(_unreachable(exc), path=url) from None
        with response:
            return Page(_read_html(response, url, limit, timeout), url, response.geturl())
    raise DigestError(f"more than {MAX_REDIRECTS} redirects", path=url)


def _read_html(response, url: str, limit: int, timeout: float) -> bytes:
    kind = response.headers.get_content_type()
    if kind not in HTML_TYPES:
        raise DigestError(f"not an HTML page (the server sent {kind})", path=url)
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise DigestError(_too_big(int(length), limit), path=url)
    try:
        data = response.read(limit + 1)
    except (OSError, ValueError) as exc:  # a timeout while reading is an OSError
        raise DigestError(_unreachable(exc), path=url) from None
    if len(data) > limit:
        raise DigestError(_too_big(len(data), limit, more=True), path=url)
    return data


def _too_big(size: int, limit: int, more: bool = False) -> str:
    return (f"page is {'over ' if more else ''}{size / 1e6:.1f} MB, over the limit of "
            f"{limit / 1e6:.1f} MB: not a news article")


def _unreachable(exc: BaseException) -> str:
    """One line that says why, without a traceback."""
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return "no answer in time (timed out): is the site up?"
    if isinstance(reason, socket.gaierror):
        return "cannot find the host: no network, or the address is wrong"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused: the site is down or the address is wrong"
    if isinstance(reason, OSError) and reason.errno in (101, 113):  # network / host unreachable
        return "no network: the host cannot be reached"
    return f"cannot fetch the page: {reason}"
