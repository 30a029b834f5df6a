"""The polite HTTP client against a real local server: User-Agent, spacing between requests,
bounded retries with backoff on 429/503/connection errors/truncated bodies, Retry-After."""

from __future__ import annotations

import itertools
import socket

import pytest
from fetch_replay import ReplayServer, Reply

from kg import __version__
from kg.fetch.client import PoliteClient
from kg.fetch.errors import FetchArgumentError, FetchError
from kg.fetch.settings import FetchSettings


class FakeClock:
    """A clock that only moves when the client sleeps: the waits it asks for, exactly."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server() -> ReplayServer:
    with ReplayServer() as running:
        yield running


def _client(settings: FetchSettings, interval: float, clock: FakeClock | None = None) -> PoliteClient:
    if clock is None:
        return PoliteClient(settings, interval)
    return PoliteClient(settings, interval, sleep=clock.sleep, clock=clock)


def test_user_agent_names_paper_kg_and_its_version(server: ReplayServer) -> None:
    server.add("/x", {"a": "1"}, Reply(b"ok"))
    with _client(FetchSettings(), 0) as client:
        assert client.get(f"{server.url}/x", {"a": "1"}) == b"ok"
    assert server.log[0].headers["User-Agent"].startswith(f"paper-kg/{__version__} ")


def test_requests_are_spaced_by_the_interval(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(b"ok"))
    clock = FakeClock()
    with _client(FetchSettings(), 3.0, clock) as client:
        for _ in range(3):
            client.get(f"{server.url}/x", {})
    # the first request goes at once, each next one waits out the 3 s since the previous start
    assert clock.sleeps == [3.0, 3.0]
    assert len(server.log) == 3


def test_spacing_holds_on_the_server_side(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(b"ok"))
    with _client(FetchSettings(), 0.3) as client:
        for _ in range(3):
            client.get(f"{server.url}/x", {})
    arrivals = [r.at for r in server.log]
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert len(gaps) == 2 and all(gap >= 0.25 for gap in gaps), gaps


def test_503_with_retry_after_is_honoured(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(b"busy", 503, {"Retry-After": "7"}), Reply(b"ok"))
    clock = FakeClock()
    with _client(FetchSettings(backoff=1.0), 0.0, clock) as client:
        assert client.get(f"{server.url}/x", {}) == b"ok"
    assert clock.sleeps == [7.0]
    assert len(server.log) == 2


def test_429_without_retry_after_backs_off_exponentially(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(b"slow down", 429), Reply(b"slow down", 429), Reply(b"ok"))
    clock = FakeClock()
    with _client(FetchSettings(backoff=2.0), 0.0, clock) as client:
        assert client.get(f"{server.url}/x", {}) == b"ok"
    assert clock.sleeps == [2.0, 4.0]


def test_retries_are_bounded(server: ReplayServer) -> None:
    server.add("/x", {"q": "v"}, Reply(b"down", 503, {"Retry-After": "1"}))
    clock = FakeClock()
    with _client(FetchSettings(retries=3), 0.0, clock) as client, pytest.raises(FetchError) as caught:
        client.get(f"{server.url}/x", {"q": "v"})
    assert len(server.log) == 4
    assert "gave up after 4 attempts (HTTP 503)" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_retry_after_beyond_the_limit_is_an_error_at_once(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(b"down", 503, {"Retry-After": "86400"}))
    clock = FakeClock()
    with (
        _client(FetchSettings(max_wait=600), 0.0, clock) as client,
        pytest.raises(FetchError, match="86400 s"),
    ):
        client.get(f"{server.url}/x", {})
    assert len(server.log) == 1 and clock.sleeps == []


def test_a_truncated_body_is_retried(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(b'[{"paper": {"id": "1"}}]', truncate=True), Reply(b"[]"))
    clock = FakeClock()
    with _client(FetchSettings(backoff=1.0), 0.0, clock) as client:
        assert client.get(f"{server.url}/x", {}) == b"[]"
    assert len(server.log) == 2 and clock.sleeps == [1.0]


def test_a_truncated_body_every_time_is_an_error(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(b"0123456789", truncate=True))
    with (
        _client(FetchSettings(retries=1), 0.0, FakeClock()) as client,
        pytest.raises(FetchError, match="gave up after 2 attempts \\(RemoteProtocolError"),
    ):
        client.get(f"{server.url}/x", {})


def test_connection_refused_is_retried_then_an_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    clock = FakeClock()
    with (
        _client(FetchSettings(retries=2, backoff=0.5), 0.0, clock) as client,
        pytest.raises(FetchError, match="gave up after 3 attempts \\(ConnectError"),
    ):
        client.get(f"http://127.0.0.1:{port}/x", {})
    assert clock.sleeps == [0.5, 1.0]


def test_a_timeout_is_retried(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(hold=True), Reply(b"ok"))
    clock = FakeClock()
    with _client(FetchSettings(timeout=0.5, backoff=0.1), 0.0, clock) as client:
        assert client.get(f"{server.url}/x", {}) == b"ok"
    server.release.set()
    assert len(server.log) == 2


def test_other_statuses_fail_without_retry(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(b"Not Found", 404))
    with (
        _client(FetchSettings(), 0.0, FakeClock()) as client,
        pytest.raises(FetchError, match="HTTP 404: Not Found"),
    ):
        client.get(f"{server.url}/x", {})
    assert len(server.log) == 1


def test_settings_come_from_the_environment() -> None:
    settings = FetchSettings.from_env(
        {"KG_HF_API": "http://h/api/", "KG_ARXIV_OAI": "http://a/oai", "KG_ARXIV_INTERVAL": "0.5"}
    )
    assert (settings.hf_api, settings.arxiv_oai, settings.arxiv_interval) == (
        "http://h/api",
        "http://a/oai",
        0.5,
    )
    assert FetchSettings.from_env({}).arxiv_interval == 3.0
    assert FetchSettings.from_env({}).arxiv_oai == "https://oaipmh.arxiv.org/oai"
    with pytest.raises(FetchArgumentError, match="KG_FETCH_RETRIES='two'"):
        FetchSettings.from_env({"KG_FETCH_RETRIES": "two"})
    with pytest.raises(FetchArgumentError, match="KG_ARXIV_INTERVAL='-1'"):
        FetchSettings.from_env({"KG_ARXIV_INTERVAL": "-1"})


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "http://[::1/x", "not a url"])
def test_a_url_that_cannot_be_fetched_is_one_line_without_retries(url: str) -> None:
    clock = FakeClock()
    with (
        _client(FetchSettings(), 0.0, clock) as client,
        pytest.raises(FetchError, match="not a URL") as caught,
    ):
        client.get(url, {})
    assert clock.sleeps == [] and "\n" not in str(caught.value)


def test_a_body_that_cannot_be_decoded_is_an_error(server: ReplayServer) -> None:
    server.add("/x", {}, Reply(b"not gzip at all", headers={"Content-Encoding": "gzip"}))
    with (
        _client(FetchSettings(), 0.0, FakeClock()) as client,
        pytest.raises(FetchError, match="DecodingError"),
    ):
        client.get(f"{server.url}/x", {})
