"""One day of arXiv's OAI-PMH interface: ``ListRecords`` with ``metadataPrefix=arXiv``, the
archive's set (``set=cs``) and ``from``/``until`` that day, following ``resumptionToken`` to the
end.

Every page is saved as sent under ``raw/arxiv/YYYY-MM-DD/`` and checked (well-formed XML, an
OAI-PMH document, no OAI-PMH error but ``noRecordsMatch``) before anything is ingested. The
records in the requested categories are then written, unchanged, into one OAI-PMH document,
``listings/arxiv/YYYY-MM-DD.xml``: the file that gets ingested (``kg ingest`` reads it the same way).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from kg.atomic import atomic_write
from kg.fetch.categories import matches, oai_set
from kg.fetch.client import PoliteClient
from kg.fetch.errors import FetchError
from kg.fetch.raw import LISTINGS, RAW, DayResult, fresh_dir, save_raw
from kg.ingest.arxiv_oai import ARXIV, ARXIV_NS, NO_RECORDS, OAI, OAI_NS

SOURCE = "arxiv"
FORMAT = "arxiv-oai"
MAX_PAGES = 10_000
"""A harvest of one day longer than this many pages is a server that loops."""

ET.register_namespace("arXiv", ARXIV_NS)


def raw_dir(data_dir: Path, day: dt.date) -> Path:
    return data_dir / RAW / SOURCE / day.isoformat()


def listing_path(data_dir: Path, day: dt.date) -> Path:
    return data_dir / LISTINGS / SOURCE / f"{day.isoformat()}.xml"


def fetch_day(
    client: PoliteClient, endpoint: str, categories: tuple[str, ...], day: dt.date, data_dir: Path
) -> DayResult:
    """Harvest one day of the sets holding ``categories``, keep every page, and write the
    records of those categories as the day's listing (none: no listing)."""
    pages = fresh_dir(raw_dir(data_dir, day))
    result = DayResult(SOURCE, day)
    selected: dict[str, str] = {}
    for set_spec in dict.fromkeys(oai_set(category) for category in categories):
        params = {
            "verb": "ListRecords",
            "metadataPrefix": "arXiv",
            "set": set_spec,
            "from": day.isoformat(),
            "until": day.isoformat(),
        }
        tokens: set[str] = set()
        for number in range(1, MAX_PAGES + 1):
            body = client.get(endpoint, params)
            path = save_raw(pages / f"{set_spec.replace(':', '_')}-{number:03d}.xml", body)
            result.raw.append(path)
            records, token = _read_page(body, path)
            for identifier, record_categories, text in records:
                if matches(record_categories, categories):
                    selected.setdefault(identifier, text)
            if not token:
                break
            if token in tokens:
                raise FetchError(
                    f"{path}: the server repeated resumptionToken {token!r}; kept for inspection"
                )
            tokens.add(token)
            params = {"verb": "ListRecords", "resumptionToken": token}
        else:
            raise FetchError(f"{pages}: more than {MAX_PAGES:,} pages for one day; stopped")
    listing = listing_path(data_dir, day)
    if selected:
        _write_listing(listing, day, categories, [selected[key] for key in sorted(selected)])
        result.listing = listing
    else:
        listing.unlink(missing_ok=True)
    result.records = len(selected)
    return result


def _read_page(body: bytes, path: Path) -> tuple[list[tuple[str, tuple[str, ...], str]], str | None]:
    """``([(identifier, categories, record XML)], resumptionToken)`` of one response page."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise FetchError(
            f"{path}: the arXiv response is not well-formed XML ({exc}); kept for inspection"
        ) from None
    if root.tag != f"{OAI}OAI-PMH":
        raise FetchError(
            f"{path}: the arXiv response is not an OAI-PMH document (<{root.tag}>); kept for inspection"
        )
    for error in root.iterfind(f"{OAI}error"):
        code = error.get("code") or "unknown"
        if code == NO_RECORDS:
            return [], None
        text = " ".join((error.text or "").split())
        raise FetchError(f"{path}: OAI-PMH error {code}: {text}; kept for inspection")
    listing = root.find(f"{OAI}ListRecords")
    if listing is None:
        raise FetchError(f"{path}: the arXiv response has no ListRecords; kept for inspection")
    records: list[tuple[str, tuple[str, ...], str]] = []
    for record in listing.iterfind(f"{OAI}record"):
        header = record.find(f"{OAI}header")
        identifier = " ".join((record.findtext(f"{OAI}header/{OAI}identifier") or "").split())
        if header is not None and header.get("status") == "deleted":
            continue
        categories = tuple((record.findtext(f"{OAI}metadata/{ARXIV}arXiv/{ARXIV}categories") or "").split())
        if not identifier or not categories:
            raise FetchError(
                f"{path}: a record without identifier or arXiv categories "
                f"(was metadataPrefix=arXiv honoured?); kept for inspection"
            )
        try:
            text = ET.tostring(record, encoding="unicode", default_namespace=OAI_NS)
        except ValueError as exc:
            raise FetchError(f"{path}: record {identifier}: {exc}; kept for inspection") from None
        records.append((identifier, categories, text))
    token = (listing.findtext(f"{OAI}resumptionToken") or "").strip()
    return records, token or None


def _write_listing(path: Path, day: dt.date, categories: tuple[str, ...], records: list[str]) -> None:
    with atomic_write(path) as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        handle.write(f'<OAI-PMH xmlns="{OAI_NS}">\n')
        handle.write(f"<!-- paper-kg: the records of {day} in {' '.join(categories)} -->\n")
        handle.write("<ListRecords>\n")
        for record in records:
            handle.write(record + "\n")
        handle.write("</ListRecords>\n</OAI-PMH>\n")
