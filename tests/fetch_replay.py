"""A local HTTP server on 127.0.0.1 that replays recorded responses, for the fetch tests.

Routes map a path and its exact query to a queue of replies (the last one repeats); every
request is logged with its arrival time, query and headers. A reply can cut its body short
(``truncate``: a Content-Length larger than what is sent, then the connection closes) or
``hold`` the request until the test releases it (to kill a client mid-harvest).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

REPLAY = Path(__file__).resolve().parent / "data" / "replay"
DAYS = ("2026-05-04", "2026-05-05", "2026-05-06", "2026-05-07")
_TOKEN = re.compile(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>")


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    truncate: bool = False
    hold: bool = False


@dataclass
class Request:
    at: float
    path: str
    query: dict[str, str]
    headers: dict[str, str]


class ReplayServer:
    """Start with :meth:`start` (or as a context manager); ``url`` is its root."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, frozenset[tuple[str, str]]], list[Reply]] = {}
        self.log: list[Request] = []
        self.held = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def add(self, path: str, query: dict[str, str], *replies: Reply) -> None:
        self.routes.setdefault((path, frozenset(query.items())), []).extend(replies)

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ReplayServer:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = dict(parse_qsl(parts.query, keep_blank_values=True))
                with replay._lock:
                    replay.log.append(
                        Request(time.monotonic(), parts.path, query, dict(self.headers.items()))
                    )
                    queue = replay.routes.get((parts.path, frozenset(query.items())))
                    reply = (queue.pop(0) if len(queue) > 1 else queue[0]) if queue else None
                if reply is None:
                    reply = Reply(b"no such route", 404)
                if reply.hold:
                    replay.held.set()
                    replay.release.wait(60)
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                length = len(reply.body) + (1000 if reply.truncate else 0)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                body = reply.body[: len(reply.body) // 2] if reply.truncate else reply.body
                try:
                    self.wfile.write(body)
                    self.wfile.flush()
                except OSError:
                    pass
                self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def requests(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]


def hf_body(day: str) -> bytes:
    return (REPLAY / "hf" / f"{day}.json").read_bytes()


def oai_pages(day: str) -> list[Path]:
    return sorted((REPLAY / "oai").glob(f"{day}-p*.xml"))


def oai_first_query(day: str, set_spec: str = "cs") -> dict[str, str]:
    return {"verb": "ListRecords", "metadataPrefix": "arXiv", "set": set_spec, "from": day, "until": day}


def oai_queries(day: str) -> list[dict[str, str]]:
    """The queries a harvest of ``day`` makes, in order: the first, then one per token."""
    queries = [oai_first_query(day)]
    for page in oai_pages(day)[:-1]:
        token = _TOKEN.search(page.read_bytes())
        assert token is not None, page
        queries.append({"verb": "ListRecords", "resumptionToken": token.group(1).decode()})
    return queries


def serve_recorded(server: ReplayServer, days: tuple[str, ...] = DAYS) -> None:
    """Every recorded day of both sources: /api/daily_papers and /oai."""
    for day in days:
        server.add(
            "/api/daily_papers",
            {"date": day},
            Reply(hf_body(day), headers={"Content-Type": "application/json"}),
        )
        for query, page in zip(oai_queries(day), oai_pages(day), strict=True):
            server.add("/oai", query, Reply(page.read_bytes(), headers={"Content-Type": "text/xml"}))


def fetch_env(server: ReplayServer) -> dict[str, str]:
    """The environment pointing the fetchers at ``server``, with short waits."""
    return {
        "KG_HF_API": f"{server.url}/api",
        "KG_ARXIV_OAI": f"{server.url}/oai",
        "KG_ARXIV_INTERVAL": "0.05",
        "KG_HF_INTERVAL": "0",
        "KG_FETCH_BACKOFF": "0.05",
        "KG_FETCH_TIMEOUT": "20",
    }
