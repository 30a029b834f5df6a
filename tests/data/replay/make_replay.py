"""Writes the replay fixtures from real abstracts of the shared arXiv daily corpus.

The shapes follow public examples of the two services (see docs/DATA_SOURCES.md): the Hugging
Face daily-papers API (``/api/daily_papers?date=``) and arXiv's OAI-PMH ``ListRecords`` with
``metadataPrefix=arXiv``, paged by ``resumptionToken`` (pages of 3 records here, 1,000 at arXiv).
Run once: ``python tests/data/replay/make_replay.py /work/shared/corpus/arxiv-daily/2026-05.jsonl.gz``.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
DAYS = ("2026-05-04", "2026-05-05", "2026-05-06", "2026-05-07")
OAI_COUNTS = {"2026-05-04": 5, "2026-05-05": 4, "2026-05-06": 0, "2026-05-07": 7}
HF_DAYS = {"2026-05-04": 3, "2026-05-05": 2, "2026-05-06": 0, "2026-05-07": 3}
PAGE = 3
ENDPOINT = "https://oaipmh.arxiv.org/oai"


def _papers(corpus: Path) -> dict[str, list[dict]]:
    by_day: dict[str, list[dict]] = {day: [] for day in DAYS}
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["listing_date"] in by_day and record["id"].startswith("2605."):
                by_day[record["listing_date"]].append(record)
    for day, records in by_day.items():
        records.sort(key=lambda r: r["id"])
        # a mix of categories: some match the tests' cs.CL / cs.CV, some do not
        matching = [r for r in records if {"cs.CL", "cs.CV"} & set(r["categories"])]
        other = [r for r in records if not {"cs.CL", "cs.CV"} & set(r["categories"])]
        count = OAI_COUNTS[day]
        keep = other[: count // 3] + matching[: count - count // 3]
        by_day[day] = sorted(keep, key=lambda r: r["id"])
    return by_day


def _author(name: str) -> str:
    parts = name.split()
    keyname, forenames = parts[-1], " ".join(parts[:-1])
    inner = f"<keyname>{escape(keyname)}</keyname>"
    if forenames:
        inner += f"<forenames>{escape(forenames)}</forenames>"
    return f"<author>{inner}</author>"


def _record(paper: dict, day: str) -> str:
    created = f"2026-05-{int(day[-2:]) - 1:02d}"
    authors = "".join(_author(a) for a in paper["authors"])
    comments = f"<comments>{escape(paper['comment'])}</comments>" if paper.get("comment") else ""
    return (
        f"<record>\n<header>\n<identifier>oai:arXiv.org:{paper['id']}</identifier>\n"
        f"<datestamp>{day}</datestamp>\n<setSpec>cs</setSpec>\n</header>\n<metadata>\n"
        '<arXiv xmlns="http://arxiv.org/OAI/arXiv/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://arxiv.org/OAI/arXiv/ http://arxiv.org/OAI/arXiv.xsd">\n'
        f"<id>{paper['id']}</id><created>{created}</created><authors>{authors}</authors>"
        f"<title>{escape(paper['title'])}</title><categories>{' '.join(paper['categories'])}</categories>"
        f"{comments}<license>http://creativecommons.org/licenses/by/4.0/</license>"
        f"<abstract>  {escape(paper['summary'])}\n</abstract></arXiv>\n</metadata>\n</record>\n"
    )


def _envelope(request_attrs: dict[str, str], body: str) -> str:
    attrs = " ".join(f"{k}={quoteattr(v)}" for k, v in request_attrs.items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n'
        f"<responseDate>{request_attrs.get('until', '2026-05-07')}T20:30:00Z</responseDate>\n"
        f"<request {attrs}>{ENDPOINT}</request>\n{body}</OAI-PMH>\n"
    )


def _oai(day: str, papers: list[dict]) -> None:
    first = {"verb": "ListRecords", "from": day, "until": day, "metadataPrefix": "arXiv", "set": "cs"}
    if not papers:
        text = _envelope(first, '<error code="noRecordsMatch">No records match the request</error>\n')
        (HERE / "oai" / f"{day}-p1.xml").write_text(text, encoding="utf-8")
        return
    pages = [papers[i : i + PAGE] for i in range(0, len(papers), PAGE)]
    request = first
    for number, page in enumerate(pages, start=1):
        cursor = (number - 1) * PAGE
        if number < len(pages):
            token = f"{day.replace('-', '')}7{number}|{cursor + PAGE + 1}"
            resumption = f'<resumptionToken cursor="{cursor}" completeListSize="{len(papers)}">{token}</resumptionToken>\n'
        else:
            token = ""
            resumption = f'<resumptionToken cursor="{cursor}" completeListSize="{len(papers)}"/>\n'
        body = "<ListRecords>\n" + "".join(_record(p, day) for p in page) + resumption + "</ListRecords>\n"
        (HERE / "oai" / f"{day}-p{number}.xml").write_text(_envelope(request, body), encoding="utf-8")
        request = {"verb": "ListRecords", "resumptionToken": token}


def _hf(day: str, papers: list[dict]) -> None:
    items = []
    for rank, paper in enumerate(papers[: HF_DAYS[day]]):
        authors = [
            {"_id": f"6a{day.replace('-', '')}{rank:02d}{i:04x}", "name": name, "hidden": False}
            for i, name in enumerate(paper["authors"])
        ]
        item_paper = {
            "id": paper["id"],
            "authors": authors,
            "publishedAt": f"2026-05-{int(day[-2:]) - 1:02d}T17:59:{rank:02d}.000Z",
            "submittedOnDailyAt": f"{day}T01:{rank:02d}:00.000Z",
            "title": paper["title"],
            "summary": paper["summary"],
            "upvotes": 40 - 7 * rank,
            "discussionId": f"6a{day.replace('-', '')}{rank:02d}ffff",
            "ai_keywords": [],
        }
        if rank == 0:
            item_paper["githubRepo"] = f"https://github.com/example-lab/{paper['id'].replace('.', '-')}"
        items.append(
            {
                "paper": item_paper,
                "publishedAt": f"{day}T01:{rank:02d}:00.000Z",
                "title": paper["title"],
                "thumbnail": f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{paper['id']}.png",
                "numComments": rank,
                "submittedBy": {"_id": "60f1abe7544c2adfd699860c", "user": "akhaliq", "fullname": "AK"},
                "isAuthorParticipating": False,
            }
        )
    (HERE / "hf" / f"{day}.json").write_text(
        json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def main(corpus: str) -> None:
    (HERE / "oai").mkdir(exist_ok=True)
    (HERE / "hf").mkdir(exist_ok=True)
    for day, papers in _papers(Path(corpus)).items():
        _oai(day, papers)
        _hf(day, papers)


if __name__ == "__main__":
    main(sys.argv[1])
