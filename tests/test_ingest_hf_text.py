"""The Hugging Face Daily Papers page parser, on the five real pages and on generated ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.build import merge_duplicates
from kg.errors import IngestError
from kg.ingest import read_papers
from kg.ingest.context import ParseContext
from kg.ingest.hf_daily_text import MONTHS, parse_lines
from kg.ingest.source import display_path


def test_the_five_pages_hold_278_entries_and_250_papers(sample: list[Path]) -> None:
    per_file = [list(read_papers(path)) for path in sample]
    assert [len(papers) for papers in per_file] == [33, 56, 64, 61, 64]
    entries = [paper for papers in per_file for paper in papers]
    assert len(entries) == 278
    assert len(merge_duplicates(entries)) == 250
    assert all(paper.title and len(paper.abstract) > 500 for paper in entries)


def test_fields_of_named_papers(sample: list[Path]) -> None:
    papers = {p.title: p for path in sample for p in read_papers(path)}
    fas = papers[
        "Interpretable Face Anti-Spoofing: Enhancing Generalization with Multimodal Large Language Models"
    ]
    assert fas.author_count == 8
    assert fas.published == "2025-01-03"
    assert fas.upvotes is None
    assert fas.abstract.startswith("Face Anti-Spoofing (FAS) is essential")
    assert fas.sources == (f"{display_path(sample[0])}:13",)
    tree = papers["TreeSynth: Synthesizing Diverse Data from Scratch via Tree-Guided Subspace Partitioning"]
    assert (tree.author_count, tree.published, tree.upvotes) == (10, "2025-03-21", 1)
    # "Jan 7" has no year: the listing's year, which follows the newest explicit year (2025).
    audit = next(p for t, p in papers.items() if t.startswith("Political Alignment in Large Language Models"))
    assert audit.published == "2026-01-07"
    assert audit.listed == "2026-04-13"
    # Pages without author/date lines still give title and abstract.
    mask = papers["MaskLLM: Learnable Semi-Structured Sparsity for Large Language Models"]
    assert mask.author_count is None and mask.published is None
    assert "https://github.com/NVlabs/MaskLLM." in mask.abstract


def _ctx(**kwargs: object) -> ParseContext:
    return ParseContext(Path("page.txt"), **kwargs)  # type: ignore[arg-type]


def test_listing_year_can_be_given() -> None:
    page = [
        "Daily Papers",
        "",
        "Apr 13",
        "",
        "A Title",
        "",
        "An abstract.",
        "",
        "• 3 authors",
        "·",
        "Jan 7 4",
    ]
    (paper,) = parse_lines(page, _ctx(listing_year=2024))
    assert (paper.published, paper.upvotes, paper.listed, paper.author_count) == (
        "2024-01-07",
        4,
        "2024-04-13",
        3,
    )


def test_a_stray_metadata_line_names_the_line() -> None:
    page = ["Daily Papers", "Apr 13", "• 3 authors", "A Title", "An abstract."]
    with pytest.raises(IngestError, match=r"page\.txt:3: expected a paper title"):
        list(parse_lines(page, _ctx()))
    ctx = _ctx(skip_bad=True)
    assert [p.title for p in parse_lines(page, ctx)] == ["A Title"]
    assert [e.line for e in ctx.skipped] == [3]


def test_an_impossible_date_is_refused() -> None:
    page = ["Daily Papers", "Apr 13", "A Title", "An abstract.", "Feb 31, 2024"]
    with pytest.raises(IngestError, match=r"page\.txt:5: not a calendar date"):
        list(parse_lines(page, _ctx()))


# -- generated pages ------------------------------------------------------------------------

_words = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=12)
_line = st.lists(_words, min_size=3, max_size=30).map(" ".join)


@st.composite
def entries(draw: st.DrawFn) -> dict[str, object]:
    day = draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2025, 12, 31)))
    return {
        "title": draw(_line),
        "abstract": draw(_line) + ".",
        "authors": draw(st.none() | st.integers(1, 500)),
        "date": draw(st.none() | st.just(day)),
        "upvotes": draw(st.none() | st.integers(0, 9999)),
    }


def render(listing: dt.date, papers: list[dict[str, object]]) -> str:
    lines = ["new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers"]
    lines += ["byAK and the research community", f"{MONTHS[listing.month - 1]} {listing.day}"]
    for paper in papers:
        lines += [str(paper["title"]), str(paper["abstract"])]
        if paper["authors"] is not None:
            lines += [f"  • {paper['authors']} authors", "·"]
        day = paper["date"]
        if isinstance(day, dt.date):
            text = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
            lines.append(text if paper["upvotes"] is None else f"{text} {paper['upvotes']}")
    return "\n\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 12, 31)), st.lists(entries(), max_size=8)
)
def test_generated_pages_round_trip(listing: dt.date, papers: list[dict[str, object]]) -> None:
    parsed = list(parse_lines(render(listing, papers).splitlines(), _ctx(listing_year=listing.year)))
    assert [(p.title, p.abstract, p.author_count) for p in parsed] == [
        (e["title"], e["abstract"], e["authors"]) for e in papers
    ]
    for paper, entry in zip(parsed, papers, strict=True):
        day = entry["date"]
        assert paper.published == (day.isoformat() if isinstance(day, dt.date) else None)
        assert paper.upvotes == (entry["upvotes"] if isinstance(day, dt.date) else None)
        assert paper.listed == listing.isoformat()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=30))
def test_the_parser_never_crashes_on_arbitrary_text(lines: list[str]) -> None:
    try:
        papers = list(parse_lines(["Daily Papers", "Apr 13", *lines], _ctx()))
    except IngestError:
        return
    assert all(p.title.strip() for p in papers)
