"""Fuzzing the readers: small generated listings in every input format (sniffed or named, plain or
gzipped, whole, cut short or corrupted) never raise anything but paper-kg's own one-line errors,
from :func:`kg.ingest.read_papers` or from ``kg ingest``."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import IngestError, KGError
from kg.ids import normalise_title
from kg.ingest import FORMATS, read_papers
from kg.ingest.fields import BIDI_CONTROLS, MAX_INT, MAX_TEXT_CHARS

KEYS = (
    "title", "abstract", "summary", "authors", "author_count", "upvotes", "published", "date", "listed",
    "arxiv_id", "id", "url", "link", "categories", "code_url", "github", "paper", "versions",
    "update_date", "authors_parsed", "publishedAt", "githubRepo", "papers", "Title",
)  # fmt: skip
WEIRD = "\u202e\u2066\u200f\u061c²٣\ufeff\x00\r\n\t,\"'<>&;:{}[]•·… "
short_text = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(WEIRD), max_size=12)
words = st.lists(
    st.sampled_from(["Deep", "nets", "BERT", "on", "ImageNet", "2401.00001", "?", "Apr 13"]), max_size=4
)
titles = st.lists(
    st.sampled_from(["Deep", "nets", "BERT", "on", "ImageNet", "\u202eGPT-4"]), min_size=1, max_size=4
).map(" ".join)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([10**400, -(10**30), 2**63, 2**63 - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    short_text,
    words.map(" ".join),
    st.sampled_from(
        ["2024-02-30", "2025-01-03", "Mon, 2 Apr 2007 19:18:42 GMT", "arXiv:2401.00001v2", "9" * 40]
    ),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS) | short_text, inner, max_size=4)
    ),
    max_leaves=8,
)
counts = st.one_of(
    st.integers(-3, 2**64),
    st.integers(0, 10**30).map(str),
    st.floats(),
    st.sampled_from(["²", "٣", " 7 ", "1e20"]),
)
records = st.builds(
    lambda extra, base: {**extra, **base},
    st.just({}) | st.dictionaries(st.sampled_from(KEYS), json_values, max_size=2),
    st.fixed_dictionaries(
        {"title": titles | titles | short_text},
        optional={
            "abstract": words.map(" ".join) | short_text,
            "upvotes": counts,
            "author_count": counts,
            "authors": st.lists(short_text | words.map(" ".join), max_size=3) | short_text,
            "arxiv_id": st.sampled_from(["2401.00001", "hep-th/9901001v2", "n/a", "²"]),
            "published": st.sampled_from(["2025-01-03", "2024-02-30", "", "2025-01-03T10:00:00Z"]) | scalars,
        },
    ),
)


def _json_doc(items: list[object], shape: str) -> str:
    if shape == "jsonl":
        return "".join(json.dumps(item) + "\n" for item in items)
    if shape == "wrapped":
        return json.dumps({"papers": items}, indent=1)
    return json.dumps(items, indent=1)


@st.composite
def json_listing(draw: st.DrawFn) -> tuple[str, str]:
    items: list[object] = draw(st.lists(records | records | json_values, max_size=4))
    if draw(st.booleans()):  # the HF daily-papers API
        listed = st.sampled_from(["2025-01-03T00:00:00.000Z", "2025-13-01"]) | scalars
        items = [{"paper": item, "publishedAt": draw(listed)} for item in items]
    shape = draw(st.sampled_from(["jsonl", "array", "wrapped"]))
    text = _json_doc(items, shape)
    if draw(st.booleans()):
        text = text.replace("Infinity", "1e999")
    return (".jsonl" if shape == "jsonl" else ".json"), text


@st.composite
def csv_listing(draw: st.DrawFn) -> tuple[str, str]:
    delimiter = draw(st.sampled_from([",", "\t"]))
    columns = ["title", "abstract", *draw(st.lists(st.sampled_from(KEYS) | short_text, max_size=3))]
    cell = st.one_of(short_text, words.map(" ".join), scalars.map(str))
    rows = draw(st.lists(st.lists(cell, min_size=len(columns) - 1, max_size=len(columns) + 1), max_size=4))
    quote = draw(st.booleans())

    def line(cells: list[str]) -> str:
        return delimiter.join(f'"{c}"' if quote else c for c in cells) + "\n"

    return (".csv" if delimiter == "," else ".tsv"), line(columns) + "".join(line(r) for r in rows)


@st.composite
def atom_listing(draw: st.DrawFn) -> tuple[str, str]:
    def field(tag: str) -> str:
        value = draw(st.one_of(short_text, words.map(" ".join), scalars.map(str)))
        return f"<{tag}>{escape(value) if draw(st.booleans()) else value}</{tag}>"

    entries = "".join(
        f"<entry>{field('id')}{field('title')}{field('summary')}{field('published')}"
        f"<author>{field('name')}</author><category term='cs.CL'/></entry>\n"
        for _ in range(draw(st.integers(0, 3)))
    )
    return ".atom", f'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n{entries}</feed>\n'


@st.composite
def page_listing(draw: st.DrawFn) -> tuple[str, str]:
    meta = st.one_of(
        st.just("·"),
        st.integers(-5, 10**30).map(lambda n: f"• {n} authors"),
        st.tuples(
            st.sampled_from(["Jan", "Feb", "Apr", "Dec"]), st.integers(0, 40), st.integers(0, 10**25)
        ).map(lambda t: f"{t[0]} {t[1]}, 2025 {t[2]}"),
        st.sampled_from(["Apr 13", "Feb 30", "Feb 29, 2023", "???", "...", "\u202e"]),
    )
    body = draw(st.lists(st.one_of(meta, short_text, words.map(" ".join)), max_size=10))
    header = draw(st.sampled_from(["Daily Papers\n\nApr 13\n", "Apr 13\n", "Daily Papers\n"]))
    return ".txt", header + "\n".join(body) + "\n"


listings = st.one_of(json_listing(), csv_listing(), atom_listing(), page_listing())


@st.composite
def listing_files(draw: st.DrawFn) -> tuple[str, bytes, str | None]:
    """(file name, bytes, format or ``None`` to sniff): a listing, cut or corrupted, maybe gzipped."""
    if draw(st.integers(0, 9)) == 0:
        suffix, data = draw(st.sampled_from([".json", ".txt", ".csv", ".atom"])), draw(st.binary(max_size=64))
    else:
        suffix, text = draw(listings)
        data = text.encode("utf-8")
        damage = draw(st.sampled_from(["none", "none", "cut", "byte"]))
        if damage == "cut" and data:
            data = data[: draw(st.integers(0, len(data) - 1))]
        elif damage == "byte" and data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + draw(st.binary(min_size=1, max_size=2)) + data[at + 1 :]
    if draw(st.integers(0, 4)) == 0:
        suffix += ".gz"
        data = gzip.compress(data)
        mode = draw(st.sampled_from(["whole", "cut", "raw"]))
        if mode == "cut":
            data = data[: draw(st.integers(0, len(data) - 1))]
        elif mode == "raw":
            data = data[10:]
    fmt = draw(st.none() | st.none() | st.sampled_from([*FORMATS, "nonsense"]))
    return f"listing{suffix}", data, fmt


def _one_line(error: KGError) -> None:
    assert "\n" not in str(error) and "\r" not in str(error), str(error)
    if isinstance(error, IngestError):
        assert len(error.message) < 400, error.message


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(listing_files(), st.booleans())
def test_readers_raise_only_one_line_ingest_errors(
    file: tuple[str, bytes, str | None], skip_bad: bool
) -> None:
    name, data, fmt = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        skipped: list[IngestError] = []
        try:
            papers = list(read_papers(path, fmt, skip_bad=skip_bad, skipped=skipped))
        except IngestError as exc:
            _one_line(exc)
            assert exc.path == str(path)
            return
    for error in skipped:
        _one_line(error)
    for paper in papers:
        assert normalise_title(paper.title) and paper.id
        assert not BIDI_CONTROLS.search(paper.text + "".join(paper.authors))
        assert len(paper.text) <= MAX_TEXT_CHARS
        for count in (paper.upvotes, paper.author_count):
            assert count is None or (type(count) is int and 0 <= count <= MAX_INT)


runner = CliRunner()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(listing_files(), st.booleans())
def test_kg_ingest_exits_0_or_2_with_one_line(file: tuple[str, bytes, str | None], skip_bad: bool) -> None:
    name, data, fmt = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        graph = Path(folder) / "graph.json"
        args = ["ingest", str(path), "--graph", str(graph), *(["--skip-bad"] if skip_bad else [])]
        result = runner.invoke(app, [*args, *(["--input-format", fmt] if fmt else [])])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code in (0, 2), result.stderr
        if result.exit_code == 2:
            assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1, result.stderr
            assert not graph.exists()
