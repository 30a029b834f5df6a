"""One polite HTTP client: a User-Agent naming paper-kg, one request at a time with a minimum
interval between requests, a timeout on each, and bounded retries with exponential backoff on
connection errors, timeouts, truncated bodies, 429 and 5xx, honouring ``Retry-After``."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from kg.fetch.errors import FetchError
from kg.fetch.settings import FetchSettings

if TYPE_CHECKING:
    pass

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class PoliteClient:
    """Sequential GETs to one service, at least ``interval`` seconds apart (start to start).

    ``sleep`` and ``clock`` are injectable so tests can watch the waits; the defaults are
    :func:`time.sleep` and :func:`time.monotonic`.
    """

    def __init__(
        self,
        settings: FetchSettings,
        interval: float,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        import httpx

        self.settings = settings
        self.interval = interval
        self._sleep = sleep
        self._clock = clock
        self._last: float | None = None
        self.requests = 0
        self._http = httpx.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, params: Mapping[str, str]) -> bytes:
        """The body of a 200 response to ``GET url?params``, retried as the settings allow;
        any other outcome is a :class:`FetchError` naming the URL."""
        import httpx

        attempts = self.settings.retries + 1
        where = f"{url}?{httpx.QueryParams(dict(params))}"
        for attempt in range(1, attempts + 1):
            self._wait_turn()
            try:
                status, headers, body = self._once(url, params)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                raise FetchError(f"GET {where}: not a URL this client can fetch ({exc})") from None
            except httpx.TransportError as exc:  # connection, timeout, truncated body
                problem, delay = f"{type(exc).__name__}: {exc or 'no detail'}", None
            except httpx.HTTPError as exc:  # a body that cannot be decoded, too many redirects
                raise FetchError(f"GET {where}: {type(exc).__name__}: {exc}") from None
            else:
                if status == 200:
                    return body
                if status not in RETRY_STATUS:
                    raise FetchError(f"GET {where}: HTTP {status}{_reason(body)}")
                problem, delay = f"HTTP {status}", _retry_after(headers.get("retry-after"))
                if delay is not None and delay > self.settings.max_wait:
                    raise FetchError(
                        f"GET {where}: HTTP {status} asks to retry after {delay:.0f} s, more than the "
                        f"{self.settings.max_wait:.0f} s this client waits (KG_FETCH_MAX_WAIT)"
                    )
            if attempt == attempts:
                raise FetchError(f"GET {where}: gave up after {attempts} attempts ({problem})")
            self._sleep(delay if delay is not None else self.settings.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")

    def _wait_turn(self) -> None:
        if self._last is not None:
            wait = self._last + self.interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last = self._clock()
        self.requests += 1

    def _once(self, url: str, params: Mapping[str, str]) -> tuple[int, Mapping[str, str], bytes]:
        """One request, its body read whole (at most ``max_body`` bytes)."""
        with self._http.stream("GET", url, params=dict(params)) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.settings.max_body:
                    raise FetchError(
                        f"GET {response.request.url}: response larger than {self.settings.max_body:,} bytes"
                    )
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number of seconds or an HTTP date)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _reason(body: bytes) -> str:
    """The start of an error body, on one line."""
    text = " ".join(body[:200].decode("utf-8", "replace").split())
    return f": {text}" if text else ""
