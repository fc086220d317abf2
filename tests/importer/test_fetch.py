"""digest/importer/fetch.py: saved files and URLs, against a local HTTP server (127.0.0.1 only)."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
import time
from pathlib import Path

import pytest

from digest.importer.fetch import MAX_REDIRECTS, USER_AGENT, fetch_url, read_saved_page
from digest.model import DigestError

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "news_article.html").read_bytes()


class Handler(http.server.BaseHTTPRequestHandler):
    """/article, /moved (→ /article), /hop/N (N redirects to go), /missing, /slow, /pdf, /big."""

    seen_agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self.answer(200, "text/html; charset=utf-8", ARTICLE)
        elif self.path == "/moved":
            self.redirect("/article")
        elif self.path.startswith("/hop/"):
            left = int(self.path.rsplit("/", 1)[1])
            self.redirect(f"/hop/{left - 1}" if left > 1 else "/article")
        elif self.path == "/slow":
            time.sleep(1.5)
            self.answer(200, "text/html", ARTICLE)
        elif self.path == "/pdf":
            self.answer(200, "application/pdf", b"%PDF-1.4")
        elif self.path == "/big":
            self.answer(200, "text/html", b"<html><body>" + b"x" * 5000 + b"</body></html>")
        elif self.path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"x" * 5000)
            self.close_connection = True
        else:
            self.answer(404, "text/html", b"<html><body>not here</body></html>")

    def answer(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_html_answer_is_read_with_a_clear_user_agent(server):
    page = fetch_url(f"{server}/article")
    assert page.data == ARTICLE
    assert page.url == f"{server}/article"
    assert Handler.seen_agents[-1] == USER_AGENT and "digest" in USER_AGENT


def test_redirects_are_followed_up_to_the_limit(server):
    assert fetch_url(f"{server}/moved").url == f"{server}/article"
    assert fetch_url(f"{server}/hop/{MAX_REDIRECTS}").url == f"{server}/article"
    with pytest.raises(DigestError, match=f"more than {MAX_REDIRECTS} redirects"):
        fetch_url(f"{server}/hop/{MAX_REDIRECTS + 1}")


def test_a_404_is_refused_naming_the_url(server):
    with pytest.raises(DigestError, match="404") as raised:
        fetch_url(f"{server}/missing")
    assert str(raised.value).startswith(f"{server}/missing: ")


def test_a_slow_answer_times_out(server):
    with pytest.raises(DigestError, match="timed out"):
        fetch_url(f"{server}/slow", timeout=0.3)


def test_a_non_html_answer_is_refused(server):
    with pytest.raises(DigestError, match="not an HTML page.*application/pdf"):
        fetch_url(f"{server}/pdf")


def test_an_oversized_page_is_refused_announced_or_not(server):
    with pytest.raises(DigestError, match="over the limit"):
        fetch_url(f"{server}/big", limit=1000)
    with pytest.raises(DigestError, match="over the limit"):
        fetch_url(f"{server}/big-unannounced", limit=1000)


def test_an_unreachable_host_is_one_line():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DigestError) as raised:
        fetch_url(f"http://127.0.0.1:{port}/x", timeout=2)
    message = str(raised.value)
    assert "connection refused" in message and "\n" not in message


def test_a_saved_page_records_where_it_came_from():
    page = read_saved_page(FIXTURES / "saved_page.html")
    assert page.url == "https://dala-habary.example.kz/kk/society/ekibastuzda-kitaphana-ashyldy"
    assert page.saved_path == FIXTURES / "saved_page.html"


def test_files_that_are_not_html_are_refused(tmp_path):
    with pytest.raises(DigestError, match="no <html>"):
        read_saved_page(FIXTURES / "not_html.html")
    text = tmp_path / "article.txt"
    text.write_text("Павлодарда жаңа көпір ашылды.", "utf-8")
    with pytest.raises(DigestError, match="not an HTML page"):
        read_saved_page(text)


def test_an_oversized_saved_page_is_refused():
    with pytest.raises(DigestError, match="over the limit"):
        read_saved_page(FIXTURES / "news_article.html", limit=1000)


def test_without_a_network_the_error_says_so_in_one_line(monkeypatch):
    def no_network(*args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)  # what a machine offline answers
    with pytest.raises(DigestError) as raised:
        fetch_url("https://ertis-tany.example.kz/kk/news/1")
    assert str(raised.value) == ("https://ertis-tany.example.kz/kk/news/1: "
                                 "cannot find the host: no network, or the address is wrong")


def test_a_url_is_imported_once(server, tmp_path, config):
    from digest.importer import import_sources

    content = tmp_path / "content"
    (first,) = import_sources([f"{server}/moved"], content, config)
    assert first.error is None and first.path.endswith("2024-03-15-pavlodarda-jana-kopir-ashyldy.md")
    text = Path(first.path).read_text("utf-8")
    assert "url: https://ertis-tany.example.kz/kk/news/2024/03/15/pavlodarda-zhana-kopir-ashyldy\n" in text
    asked = len(Handler.seen_agents)
    # another address of the same page: known by its canonical address once fetched
    (again,) = import_sources([f"{server}/hop/2"], content, config)
    assert again.error == ("already imported: https://ertis-tany.example.kz/kk/news/2024/03/15/"
                           "pavlodarda-zhana-kopir-ashyldy is in content/2024-03-15-pavlodarda-jana-kopir-ashyldy.md")
    assert len(Handler.seen_agents) > asked
    # the canonical address itself: refused before asking any server
    asked = len(Handler.seen_agents)
    (known,) = import_sources(["https://ertis-tany.example.kz/kk/news/2024/03/15/pavlodarda-zhana-kopir-ashyldy"],
                              content, config)
    assert known.error.startswith("already imported") and len(Handler.seen_agents) == asked
    assert sorted(p.name for p in content.iterdir()) == ["2024-03-15-pavlodarda-jana-kopir-ashyldy.md"]


def test_other_schemes_are_refused():
    from digest.importer.fetch import get_page

    for address in ("ftp://ertis-tany.example.kz/a.html", "file:///etc/hostname"):
        with pytest.raises(DigestError, match="only http:// and https://"):
            get_page(address)
