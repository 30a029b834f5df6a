"""Dates you can trust: the listing year of a Hugging Face page comes from the page (or
``--listing-year``), never from the day it is read; ``kg papers`` sorts and filters by date."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest import read_papers
from kg.ingest.hf_daily_text import ListingYearWarning

runner = CliRunner()
PAGE = "Daily Papers\n\nApr 13\n\nA Study of Sparse Transformers\n\nWe prune Transformers.\n\n• 3 authors\n·\nJan 7 4\n"


def kg(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _page(tmp_path: Path, text: str, modified_year: int = 2021) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    stamp = __import__("datetime").datetime(modified_year, 6, 1).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_the_year_follows_the_newest_explicit_year_on_the_page(tmp_path: Path) -> None:
    text = PAGE + "\nAn Older Paper\n\nOld abstract.\n\n·\nDec 16, 2018 2\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no guess, no warning
        papers = list(read_papers(_page(tmp_path, text)))
    assert [(p.listed, p.published) for p in papers] == [
        ("2019-04-13", "2019-01-07"),
        ("2019-04-13", "2018-12-16"),
    ]


def test_a_page_without_any_year_takes_the_files_year_and_warns(tmp_path: Path) -> None:
    path = _page(tmp_path, PAGE, modified_year=2021)
    with pytest.warns(
        ListingYearWarning, match=r"page\.txt: the page gives no year; took 2021 .*--listing-year"
    ):
        (paper,) = read_papers(path)
    assert (paper.listed, paper.published) == ("2021-04-13", "2021-01-07")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (given,) = read_papers(path, listing_year=2017)
    assert (given.listed, given.published) == ("2017-04-13", "2017-01-07")


def test_kg_ingest_takes_listing_year_and_warns_in_one_line(tmp_path: Path) -> None:
    path = _page(tmp_path, PAGE, modified_year=2021)
    store = ["--store", f"nx:{tmp_path / 'g.json'}"]
    code, _, err = kg("ingest", path, *store)
    assert code == 0 and err.splitlines() == [
        f"kg: warning: {path}: the page gives no year; took 2021 from the file's modification time "
        "(give --listing-year to set it)"
    ]
    code, _, err = kg("ingest", path, "--listing-year", "2017", "--store", f"nx:{tmp_path / 'h.json'}")
    assert code == 0 and err == ""
    code, out, _ = kg("papers", "--format", "json", "--store", f"nx:{tmp_path / 'h.json'}")
    (row,) = json.loads(out)
    assert (row["date"], row["published"], row["listed"]) == ("2017-01-07", "2017-01-07", "2017-04-13")


def test_papers_sort_by_published_else_listed_date(ingested: Path) -> None:
    _, out, _ = kg("papers", "--format", "json", "--graph", ingested)
    rows = json.loads(out)
    assert len(rows) == 250 and all(r["date"] == (r["published"] or r["listed"]) for r in rows)
    assert all(r["date"] for r in rows)  # every sample paper has a listing date
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    within = [r["id"] for r in rows if r["date"].startswith("2026-03")]
    _, out, _ = kg(
        "papers", "--since", "2026-03", "--until", "2026-03", "--format", "json", "--graph", ingested
    )
    assert [r["id"] for r in json.loads(out)] == within and within


def test_papers_search_every_word_in_title_or_abstract(ingested: Path) -> None:
    code, out, _ = kg("papers", "--search", "Knowledge DISTILLATION", "--format", "json", "--graph", ingested)
    rows = json.loads(out)
    assert code == 0 and any(r["title"].startswith("MiniPLM") for r in rows)
    code, out, _ = kg("papers", "-s", "distillation zebra-crossing", "--format", "json", "--graph", ingested)
    assert json.loads(out) == []
    code, _, err = kg("papers", "--since", "March", "--graph", ingested)
    assert code == 2 and "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got 'March'" in err


def test_a_page_with_no_year_and_no_file_leaves_its_dates_out() -> None:
    from kg.ingest.context import ParseContext
    from kg.ingest.hf_daily_text import parse_lines

    with pytest.warns(ListingYearWarning, match=r"no file to date it by: dates without a year are left out"):
        (paper,) = parse_lines(PAGE.splitlines(), ParseContext(Path("no-such-dir/page.txt")))
    assert (paper.title, paper.listed, paper.published, paper.upvotes) == (
        "A Study of Sparse Transformers",
        None,
        None,
        4,
    )
