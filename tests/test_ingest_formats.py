"""The structured listing formats: generic records, the HF API, arXiv Atom feeds and snapshots."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import PARSERS, read_papers
from kg.ingest.context import read_head
from kg.ingest.source import display_path
from kg.model import Paper

DATA = Path(__file__).parent / "data" / "formats"


def _read(path: Path, format: str | None = None, **kwargs: object) -> list[Paper]:
    return list(read_papers(path, format, **kwargs))  # type: ignore[arg-type]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _lines(papers: list[Paper]) -> list[int]:
    return [int(paper.sources[0].rsplit(":", 1)[1]) for paper in papers]


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("arxiv_query.atom", "arxiv-atom"),
        ("arxiv_snapshot.jsonl", "arxiv-snapshot"),
        ("hf_daily_papers.json", "hf-daily-json"),
        ("records.json", "jsonl"),
        ("records_wrapped.json", "jsonl"),
        ("records.jsonl", "jsonl"),
        ("records.csv", "jsonl"),
        ("records.tsv", "jsonl"),
    ],
)
def test_each_fixture_is_sniffed_as_its_format(name: str, format: str) -> None:
    path = DATA / name
    sniffed = next(module for module in PARSERS if module.sniff(path, read_head(path)))
    assert format == sniffed.FORMAT


# arXiv Atom feed


def test_atom_feed_fields() -> None:
    path = DATA / "arxiv_query.atom"
    dpo, mamba, maldacena = _read(path)
    assert dpo.arxiv_id == "2305.18290"
    assert dpo.title == "Direct Preference Optimization: Your Language Model is Secretly a Reward Model"
    assert dpo.abstract.startswith(
        "While large-scale unsupervised language models (LMs) learn broad world knowledge"
    )
    assert dpo.abstract.endswith("with only a simple classification loss.")
    assert dpo.authors == ("Rafael Rafailov", "Archit Sharma", "Eric Mitchell")
    assert dpo.author_count == 3
    assert dpo.published == "2023-05-29"
    assert dpo.categories == ("cs.LG", "cs.AI", "cs.CL")
    assert dpo.url == "http://arxiv.org/abs/2305.18290v2"
    assert dpo.sources == (f"{display_path(path)}:10",)  # relative to the working directory
    assert (mamba.arxiv_id, mamba.authors, mamba.categories) == (
        "2312.00752",
        ("Albert Gu", "Tri Dao"),
        ("cs.LG", "cs.AI"),
    )
    assert (maldacena.arxiv_id, maldacena.published) == ("hep-th/9711200", "1997-11-27")
    assert _lines([dpo, mamba, maldacena]) == [10, 38, 60]


def test_malformed_atom_names_the_line(tmp_path: Path) -> None:
    text = (
        (DATA / "arxiv_query.atom")
        .read_text(encoding="utf-8")
        .replace("(Mamba).\n</summary>", "(Mamba).\n</summry>")
    )
    path = _write(tmp_path, "broken.atom", text)
    with pytest.raises(IngestError, match=r"broken\.atom:\d+: malformed XML: mismatched tag") as info:
        _read(path)
    assert info.value.line == 47


def test_malformed_atom_with_skip_bad_keeps_the_entries_before_the_error(tmp_path: Path) -> None:
    text = (DATA / "arxiv_query.atom").read_text(encoding="utf-8").replace("</feed>", "</fed>")
    path = _write(tmp_path, "truncated.atom", text)
    skipped: list[IngestError] = []
    papers = _read(path, skip_bad=True, skipped=skipped)
    assert len(papers) == 3
    assert [error.line for error in skipped] == [text.count("\n")]


def test_atom_api_error_entry_is_a_bad_record(tmp_path: Path) -> None:
    feed = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>ArXiv Query: id_list=1234</title>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
    <title>Error</title>
    <summary>incorrect id format for 1234</summary>
  </entry>
</feed>
"""
    path = _write(tmp_path, "error.xml", feed)
    with pytest.raises(IngestError, match=r"error\.xml:4: arXiv API error: incorrect id format for 1234"):
        _read(path)


# Kaggle arXiv snapshot


def test_snapshot_fields() -> None:
    path = DATA / "arxiv_snapshot.jsonl"
    diphoton, dpo, maldacena = _read(path)
    assert diphoton.arxiv_id == "0704.0001"
    assert (
        diphoton.title
        == "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
    )
    assert diphoton.abstract.startswith(
        "A fully differential calculation in perturbative quantum chromodynamics is presented"
    )
    assert "\n" not in diphoton.abstract
    assert diphoton.authors[0] == "C. Balázs"  # from authors_parsed, LaTeX resolved
    assert diphoton.author_count == 4
    assert diphoton.published == "2007-04-02"  # v1 created, not update_date
    assert diphoton.categories == ("hep-ph",)
    assert diphoton.url == "https://arxiv.org/abs/0704.0001"
    assert dpo.categories == ("cs.LG", "cs.AI", "cs.CL")
    assert dpo.authors[-2:] == ("Christopher D. Manning", "Chelsea Finn")
    # No versions and no authors_parsed: update_date and the authors string.
    assert (maldacena.arxiv_id, maldacena.published, maldacena.authors) == (
        "hep-th/9711200",
        "2009-10-31",
        ("Juan M. Maldacena",),
    )
    assert [p.sources for p in (diphoton, dpo, maldacena)] == [
        (f"{display_path(path)}:{n}",) for n in (1, 2, 3)
    ]


def test_gzipped_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "arxiv-metadata-oai-snapshot.json.gz"
    with (DATA / "arxiv_snapshot.jsonl").open("rb") as source, gzip.open(path, "wb") as target:
        shutil.copyfileobj(source, target)
    papers = _read(path)
    assert [p.arxiv_id for p in papers] == ["0704.0001", "2305.18290", "hep-th/9711200"]
    assert papers == _read(path, "arxiv-snapshot")


def test_snapshot_bad_lines(tmp_path: Path) -> None:
    lines = (DATA / "arxiv_snapshot.jsonl").read_text(encoding="utf-8").splitlines()
    bad_id = json.dumps({**json.loads(lines[1]), "id": "not-an-id"})
    path = _write(tmp_path, "snap.jsonl", "\n".join([lines[0], lines[2][:40], bad_id, lines[2]]) + "\n")
    with pytest.raises(IngestError, match=r"snap\.jsonl:2: invalid JSON"):
        _read(path)
    skipped: list[IngestError] = []
    papers = _read(path, skip_bad=True, skipped=skipped)
    assert _lines(papers) == [1, 4]
    assert [(e.line, e.message) for e in skipped][1] == (3, "id is not an arXiv id: 'not-an-id'")
    assert [e.line for e in skipped] == [2, 3]


# Hugging Face daily-papers API


def test_hf_api_fields() -> None:
    path = DATA / "hf_daily_papers.json"
    deepseek, mixtral = _read(path)
    assert deepseek.arxiv_id == "2401.02954"
    assert deepseek.title == "DeepSeek LLM: Scaling Open-Source Language Models with Longtermism"
    assert deepseek.abstract.endswith(
        "We delve into the study of scaling laws and present our distinctive findings."
    )
    assert deepseek.authors == ("DeepSeek-AI", "Xiao Bi", "Deli Chen")
    assert deepseek.author_count == 3
    assert (deepseek.published, deepseek.listed, deepseek.upvotes) == ("2024-01-05", "2024-01-08", 41)
    assert deepseek.url == "https://huggingface.co/papers/2401.02954"
    assert deepseek.code_url == "https://github.com/deepseek-ai/DeepSeek-LLM"
    assert (mixtral.upvotes, mixtral.code_url) == (152, None)
    assert _lines([deepseek, mixtral]) == [2, 24]


def test_hf_api_as_jsonl(tmp_path: Path) -> None:
    items = json.loads((DATA / "hf_daily_papers.json").read_text(encoding="utf-8"))
    lines = [json.dumps(item) for item in items]
    path = _write(tmp_path, "daily.jsonl", "\n".join([lines[0], "", lines[1]]) + "\n")
    papers = _read(path)
    assert [p.arxiv_id for p in papers] == ["2401.02954", "2401.04088"]
    assert _lines(papers) == [1, 3]


def test_hf_api_item_without_paper_is_bad(tmp_path: Path) -> None:
    items = json.loads((DATA / "hf_daily_papers.json").read_text(encoding="utf-8"))
    items.insert(1, {"title": "no paper object here"})
    path = _write(tmp_path, "daily.json", json.dumps(items, indent=1))
    with pytest.raises(IngestError, match=r'daily\.json:\d+: record has no "paper" object') as info:
        _read(path)
    text = path.read_text(encoding="utf-8")
    assert info.value.line == text[: text.index('"title": "no paper')].count("\n")


# Generic records


def test_records_json_array() -> None:
    path = DATA / "records.json"
    attention, lora, note = _read(path)
    assert attention.arxiv_id == "1706.03762"
    assert attention.authors == ("Ashish Vaswani", "Noam Shazeer", "Niki Parmar")
    assert attention.published == "2017-06-12"
    assert attention.url == "https://arxiv.org/abs/1706.03762v7"
    assert lora.arxiv_id == "2106.09685"  # "internal-0042" is not an arXiv id; the URL is
    assert lora.abstract.startswith("We propose Low-Rank Adaptation")  # from "summary"
    assert lora.authors == ("Edward J. Hu", "Yelong Shen")
    assert note.arxiv_id is None
    assert note.authors == ("Ada Lovelace", "Charles Babbage", "Mary Somerville")
    assert _lines([attention, lora, note]) == [2, 10, 18]


def test_records_json_wrapper_object() -> None:
    lora, qlora = _read(DATA / "records_wrapped.json")
    assert lora.arxiv_id == "2106.09685"
    assert qlora.arxiv_id == "2305.14314"  # from a Hugging Face paper URL
    assert _lines([lora, qlora]) == [5, 6]


def test_records_jsonl() -> None:
    mamba, rag, notes = _read(DATA / "records.jsonl")
    assert (mamba.arxiv_id, mamba.authors, mamba.published) == (
        "2312.00752",
        ("Albert Gu", "Tri Dao"),
        "2023-12-01",
    )
    assert (rag.arxiv_id, rag.categories, rag.upvotes) == ("2005.11401", ("cs.CL", "cs.LG"), 12)
    assert rag.title.startswith("Retrieval-Augmented Generation")  # keys are case-insensitive
    assert (notes.arxiv_id, notes.code_url) == (None, "https://github.com/example/scaling-notes")
    assert _lines([mamba, rag, notes]) == [1, 3, 4]


def test_records_csv_with_a_multi_line_quoted_abstract() -> None:
    attention, lora, notes = _read(DATA / "records.csv")
    assert attention.abstract == (
        "The dominant sequence transduction models are based on complex recurrent or convolutional "
        "neural networks. We propose a new simple network architecture, the Transformer."
    )
    assert attention.authors == ("Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit")
    assert (lora.arxiv_id, lora.published) == ("2106.09685", "2021-06-17")
    assert lora.authors == ("Edward J. Hu", "Yelong Shen", "Phillip Wallis")
    assert (notes.title, notes.arxiv_id, notes.authors, notes.published) == (
        "Reading Group Notes, Week 3",
        None,
        (),
        None,
    )
    assert _lines([attention, lora, notes]) == [2, 4, 5]


def test_records_tsv() -> None:
    mamba, mixtral = _read(DATA / "records.tsv")
    assert (mamba.arxiv_id, mamba.authors) == ("2312.00752", ("Albert Gu", "Tri Dao"))
    assert (mixtral.arxiv_id, mixtral.authors) == (
        "2401.04088",
        ("Albert Q. Jiang", "Alexandre Sablayrolles"),
    )


def test_records_bad_jsonl_lines_name_file_and_line(tmp_path: Path) -> None:
    text = '{"title": "Good One", "abstract": "x"}\n\n{"title": "Broken",\n{"abstract": "no title"}\n[1, 2]\n'
    path = _write(tmp_path, "mixed.jsonl", text)
    with pytest.raises(IngestError, match=r"mixed\.jsonl:3: invalid JSON: "):
        _read(path)
    skipped: list[IngestError] = []
    (good,) = _read(path, skip_bad=True, skipped=skipped)
    assert good.title == "Good One"
    assert [(e.line, e.message.split(":")[0]) for e in skipped] == [
        (3, "invalid JSON"),
        (4, "record has no title"),
        (5, "expected a JSON object, found array"),
    ]
    assert all(str(e).startswith(f"{path}:{e.line}: ") for e in skipped)


def test_records_bad_values(tmp_path: Path) -> None:
    records = [
        {"title": "Fine", "published": "2024-02-30"},
        {"title": "Fine", "arxiv_id": "n/a"},
        {"title": "  ", "abstract": "blank title"},
        {"title": "Fine", "upvotes": "many"},
    ]
    path = _write(tmp_path, "bad.jsonl", "\n".join(json.dumps(r) for r in records))
    skipped: list[IngestError] = []
    with pytest.raises(IngestError, match=r"bad\.jsonl: no papers found \(4 bad records skipped\)"):
        _read(path, skip_bad=True, skipped=skipped)
    assert [e.message for e in skipped] == [
        "published is not an ISO date: '2024-02-30'",
        "arxiv_id is not an arXiv id string: 'n/a'",
        "record has no title",
        "upvotes must be an integer from 0 to 2^63-1, not 'many'",
    ]


def test_records_bad_json_document_names_the_line(tmp_path: Path) -> None:
    text = (
        (DATA / "records.json")
        .read_text(encoding="utf-8")
        .replace('"published": "2021-06-17",', '"published": 2021-06-17,')
    )
    path = _write(tmp_path, "records.json", text)
    with pytest.raises(IngestError, match=r"records\.json:15: invalid JSON: Expecting ',' delimiter"):
        _read(path)


def test_records_json_document_with_a_titleless_record(tmp_path: Path) -> None:
    records = json.loads((DATA / "records.json").read_text(encoding="utf-8"))
    del records[1]["title"]
    path = _write(tmp_path, "records.json", json.dumps(records, indent=2))
    text = path.read_text(encoding="utf-8")
    line = text[: text.index('"id": "internal-0042"')].count("\n")  # the line of its "{"
    with pytest.raises(IngestError, match=rf"records\.json:{line}: record has no title"):
        _read(path)
    skipped: list[IngestError] = []
    assert len(_read(path, skip_bad=True, skipped=skipped)) == 2
    assert [e.line for e in skipped] == [line]


def test_records_csv_bad_rows(tmp_path: Path) -> None:
    text = 'title,abstract\nGood,"An abstract\nover two lines"\n,no title\nToo,many,fields\n"Unclosed,quote\nLast,row\n'
    path = _write(tmp_path, "bad.csv", text)
    with pytest.raises(IngestError, match=r"bad\.csv:4: record has no title"):
        _read(path)
    skipped: list[IngestError] = []
    (good,) = _read(path, skip_bad=True, skipped=skipped)
    assert (good.abstract, good.sources) == (
        "An abstract over two lines",
        ("bad.csv:2",),
    )  # outside the working directory: its name
    assert [(e.line, e.message) for e in skipped][:2] == [
        (4, "record has no title"),
        (5, "row has 3 fields but the header has 2"),
    ]
    assert skipped[2].line == 6 and skipped[2].message.startswith("invalid CSV")


@pytest.mark.parametrize("text", ["[]", '{"papers": []}', '\n{"source": "x", "items": []}\n'])
def test_a_file_with_no_papers_raises(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, "empty.json", text)
    with pytest.raises(IngestError, match=r"empty\.json: no papers found$"):
        _read(path)


def test_an_empty_file_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.jsonl", "\n\n")
    with pytest.raises(IngestError, match=r"empty\.jsonl:1: empty file"):
        _read(path)
    with pytest.raises(IngestError, match=r"empty\.jsonl: no papers found"):
        _read(path, "jsonl")


# Explicit formats


def test_explicit_formats(tmp_path: Path) -> None:
    listing = _write(tmp_path, "listing.txt", (DATA / "records.jsonl").read_text(encoding="utf-8"))
    assert len(_read(listing, "jsonl")) == 3
    feed = _write(tmp_path, "feed.txt", (DATA / "arxiv_query.atom").read_text(encoding="utf-8"))
    assert len(_read(feed, "arxiv-atom")) == 3
    table = _write(tmp_path, "table.txt", (DATA / "records.tsv").read_text(encoding="utf-8"))
    assert len(_read(table, "tsv")) == 2
    # The HF API file read as plain records: top-level titles only, no ids or upvotes.
    as_records = _read(DATA / "hf_daily_papers.json", "json")
    assert [(p.title, p.arxiv_id, p.upvotes) for p in as_records] == [
        ("DeepSeek LLM: Scaling Open-Source Language Models with Longtermism", None, None),
        ("Mixtral of Experts", None, None),
    ]
    # Named JSON Lines, a JSON array is a bad first line.
    with pytest.raises(IngestError, match=r"records\.json:1: invalid JSON"):
        _read(DATA / "records.json", "jsonl")


def test_unknown_format_raises() -> None:
    with pytest.raises(IngestError, match="unknown format 'yaml'"):
        _read(DATA / "records.json", "yaml")


# Robustness

_RECORD_KEYS = [
    "id",
    "arxiv_id",
    "title",
    "abstract",
    "summary",
    "authors",
    "published",
    "url",
    "upvotes",
    "categories",
]
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
_RECORD_LINES = st.dictionaries(st.sampled_from(_RECORD_KEYS), _JSON, max_size=6).map(json.dumps)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.one_of(st.text(max_size=60), _RECORD_LINES), max_size=6),
    skip_bad=st.booleans(),
)
def test_records_jsonl_yields_papers_or_raises_ingest_error(
    tmp_path: Path, lines: list[str], skip_bad: bool
) -> None:
    path = tmp_path / "arbitrary.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        papers = _read(path, "jsonl", skip_bad=skip_bad)
    except IngestError as exc:
        assert str(exc).startswith(str(path))
    else:
        assert papers and all(isinstance(p, Paper) and p.id and p.sources for p in papers)
