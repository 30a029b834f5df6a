"""Where the sources are and how politely they are asked: base URLs, spacing, retries, timeout.

Everything has a default and an environment variable, so tests point the fetchers at a local
server: ``KG_HF_API`` (the API root: requests go to ``$KG_HF_API/daily_papers?date=...``) and
``KG_ARXIV_OAI`` (the OAI-PMH endpoint: requests go to ``$KG_ARXIV_OAI?verb=ListRecords&...``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from kg import __version__
from kg.fetch.errors import FetchArgumentError

HF_API = "https://huggingface.co/api"
ARXIV_OAI = "https://oaipmh.arxiv.org/oai"
"""arXiv's OAI-PMH base URL since 2025 (https://info.arxiv.org/help/oa/index.html)."""
USER_AGENT = f"paper-kg/{__version__} (+https://pypi.org/project/paper-kg/)"


@dataclass(frozen=True)
class FetchSettings:
    """How the clients talk to the sources. Intervals, timeouts and waits are in seconds."""

    hf_api: str = HF_API
    arxiv_oai: str = ARXIV_OAI
    arxiv_interval: float = 3.0
    """At least this long between two requests to arXiv (its terms ask for 3 s)."""
    hf_interval: float = 1.0
    timeout: float = 60.0
    """Connect, read and write timeout of every request."""
    retries: int = 4
    """Retries after the first attempt, on connection errors, timeouts, 429 and 5xx."""
    backoff: float = 5.0
    """The first retry waits this long, each next one twice as long (unless ``Retry-After`` says)."""
    max_wait: float = 600.0
    """The longest ``Retry-After`` honoured; a longer one is an error."""
    max_body: int = 256 * 2**20
    """The largest response body read (bytes)."""
    user_agent: str = USER_AGENT

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> FetchSettings:
        """The defaults, overridden by ``KG_HF_API``, ``KG_ARXIV_OAI``, ``KG_ARXIV_INTERVAL``,
        ``KG_HF_INTERVAL``, ``KG_FETCH_TIMEOUT``, ``KG_FETCH_RETRIES``, ``KG_FETCH_BACKOFF`` and
        ``KG_FETCH_MAX_WAIT``."""
        env = os.environ if environ is None else environ
        base = cls()
        return cls(
            hf_api=(env.get("KG_HF_API") or base.hf_api).rstrip("/"),
            arxiv_oai=env.get("KG_ARXIV_OAI") or base.arxiv_oai,
            arxiv_interval=_number(env, "KG_ARXIV_INTERVAL", base.arxiv_interval),
            hf_interval=_number(env, "KG_HF_INTERVAL", base.hf_interval),
            timeout=_number(env, "KG_FETCH_TIMEOUT", base.timeout, positive=True),
            retries=int(_number(env, "KG_FETCH_RETRIES", base.retries, integer=True)),
            backoff=_number(env, "KG_FETCH_BACKOFF", base.backoff),
            max_wait=_number(env, "KG_FETCH_MAX_WAIT", base.max_wait),
        )


def _number(
    env: os._Environ[str] | dict[str, str],
    name: str,
    default: float,
    *,
    positive: bool = False,
    integer: bool = False,
) -> float:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        value = -1
    if value < 0 or (positive and value == 0) or value != value or value == float("inf"):
        kind = "a whole number" if integer else "a number of seconds"
        raise FetchArgumentError(f"{name}={raw!r}: expected {kind} >= 0{' and > 0' if positive else ''}")
    return value
