"""One day of the Hugging Face daily-papers API: ``GET $KG_HF_API/daily_papers?date=YYYY-MM-DD``.

The body is saved as sent under ``raw/hf/YYYY-MM-DD.json`` and checked to be the API's JSON (a
list of objects each holding a ``paper`` object) before anything is ingested; a response that is
not is an error naming the kept file. An empty list is a day with nothing listed.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kg.fetch.client import PoliteClient
from kg.fetch.errors import FetchError
from kg.fetch.raw import RAW, DayResult, save_raw

SOURCE = "hf"
FORMAT = "hf-daily-json"


def raw_path(data_dir: Path, day: dt.date) -> Path:
    return data_dir / RAW / SOURCE / f"{day.isoformat()}.json"


def fetch_day(client: PoliteClient, api: str, day: dt.date, data_dir: Path) -> DayResult:
    """Fetch, save and check one day's listing; the saved file is what gets ingested."""
    body = client.get(f"{api.rstrip('/')}/daily_papers", {"date": day.isoformat()})
    path = save_raw(raw_path(data_dir, day), body)
    count = _check(body, path)
    return DayResult(SOURCE, day, raw=[path], listing=path if count else None, records=count)


def _check(body: bytes, path: Path) -> int:
    """The number of items, once the body is the daily-papers JSON."""
    try:
        items = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError(
            f"{path}: the Hugging Face response is not JSON ({_short(exc)}); kept for inspection"
        ) from None
    if not isinstance(items, list):
        raise FetchError(
            f"{path}: the Hugging Face response is not a list of daily papers "
            f"(a JSON {type(items).__name__}); kept for inspection"
        )
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("paper"), dict):
            raise FetchError(
                f'{path}: item {number} of the Hugging Face response has no "paper" object; '
                "kept for inspection"
            )
    return len(items)


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120]
