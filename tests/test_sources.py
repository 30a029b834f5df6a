"""Sources recorded once: a listing is one source by its content, whatever path it was read from,
shown relative to the working directory at ingest (else by its file name), on both stores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from store_helpers import dump
from typer.testing import CliRunner

from kg.build import ingest
from kg.cli import app
from kg.ingest import read_papers
from kg.ingest.source import display_path, file_digest
from kg.model import Label, Paper, union_sources
from kg.sample import SAMPLE_LISTING_YEAR
from kg.store import load_graph
from kg.store.base import GraphStore

MASKLLM = "ad43a79fb4c8fc61"
runner = CliRunner()


def kg(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _copies(sample: list[Path], root: Path) -> tuple[Path, Path]:
    """The sample page with MaskLLM as an installed package holds it and as a clone holds it."""
    page = sample[4]
    installed = root / "venv" / "lib" / "python3.12" / "site-packages" / "kg" / "data" / "sample" / page.name
    clone = root / "repo" / "kg" / "data" / "sample" / page.name
    for copy in (installed, clone):
        copy.parent.mkdir(parents=True)
        shutil.copyfile(page, copy)
    return installed, clone


def _sources(store: GraphStore) -> dict[str, tuple[list[str], list[str]]]:
    return {
        node.id: (node.props["sources"], node.props["source_keys"]) for node in store.iter_nodes(Label.PAPER)
    }


def test_the_same_file_from_two_paths_is_one_source(
    store: GraphStore, sample: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed, clone = _copies(sample, tmp_path)
    monkeypatch.chdir(clone.parents[3])  # the clone's root, as a user runs kg there
    digest = file_digest(clone)

    ingest(store, [installed], listing_year=SAMPLE_LISTING_YEAR)
    first = dump(store)
    sources = _sources(store)
    assert len(sources) == 64
    assert sources[MASKLLM] == ([f"{clone.name}:11"], [f"{digest}:11"])  # outside the cwd: its name
    for where, keys in sources.values():
        assert len(where) == len(keys) == 1
        assert "/" not in where[0] and "site-packages" not in where[0]
    ingest(store, [clone], listing_year=SAMPLE_LISTING_YEAR)
    assert dump(store) == first  # the same content from another path adds nothing

    store.clear()  # the other way round: the clone first, shown relative to the cwd
    ingest(store, [clone], listing_year=SAMPLE_LISTING_YEAR)
    again = dump(store)
    assert _sources(store)[MASKLLM] == ([f"kg/data/sample/{clone.name}:11"], [f"{digest}:11"])
    ingest(store, [installed, clone], listing_year=SAMPLE_LISTING_YEAR)
    assert dump(store) == again


def test_a_changed_file_adds_only_its_new_lines(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    listing = tmp_path / "papers.jsonl"
    record = {"arxiv_id": "2401.00001", "title": "Deep Nets", "abstract": "We study nets."}
    listing.write_text(json.dumps(record) + "\n")
    ingest(store, [listing])
    listing.write_text(json.dumps(record) + "\n" + json.dumps({**record, "upvotes": 3}) + "\n")
    ingest(store, [listing])
    (paper,) = store.iter_nodes(Label.PAPER)
    assert paper.props["sources"] == ["papers.jsonl:1", "papers.jsonl:2"]
    assert len(set(paper.props["source_keys"])) == 2


def test_kg_show_names_one_relative_source(
    sample: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed, clone = _copies(sample, tmp_path)
    monkeypatch.chdir(clone.parents[3])
    for page in (installed, clone, installed):
        code, _, err = kg("ingest", page, "--listing-year", "2026", "--graph", "kg-data/graph.json")
        assert code == 0, err
    code, out, err = kg("show", MASKLLM, "--graph", "kg-data/graph.json")
    assert code == 0, err
    assert f"sources       {clone.name}:11\n" in out
    assert str(tmp_path) not in out and "site-packages" not in out
    graph = load_graph("kg-data/graph.json")
    papers = [props for _, props in graph.nodes(data=True) if props["label"] == "Paper"]
    assert len(papers) == 64 and all(len(p["sources"]) == len(p["source_keys"]) == 1 for p in papers)
    assert all(p["sources"][0].startswith(clone.name) for p in papers)


def test_extracted_records_keep_the_listing_as_their_source(
    sample: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kg extract`` output loads with the listing's sources, so the listing itself adds none."""
    installed, clone = _copies(sample, tmp_path)
    monkeypatch.chdir(clone.parents[3])
    code, out, err = kg("extract", installed, "--format", "jsonl")
    assert code == 0, err
    extracted = tmp_path / "extracted.jsonl"
    extracted.write_text(out)
    for path in (extracted, clone):
        code, _, err = kg("ingest", path, "--listing-year", "2026", "--graph", "kg-data/graph.json")
        assert code == 0, err
    code, out, _ = kg("show", MASKLLM, "--format", "json", "--graph", "kg-data/graph.json")
    paper = json.loads(out)["paper"]
    assert paper["sources"] == [f"{clone.name}:11"] and paper["source_keys"] == [f"{file_digest(clone)}:11"]


def test_display_path(tmp_path: Path) -> None:
    inside = tmp_path / "data" / "page.txt"
    assert display_path(inside, tmp_path) == "data/page.txt"
    assert display_path(tmp_path.parent / "elsewhere" / "page.txt", tmp_path) == "page.txt"
    assert display_path(tmp_path, tmp_path) == tmp_path.name
    cwd, real = tmp_path / "cwd", tmp_path / "real"
    cwd.mkdir()
    real.mkdir()
    (cwd / "data").symlink_to(real)  # a linked folder keeps the name it has under the cwd
    assert display_path(cwd / "data" / "page.txt", cwd) == "data/page.txt"
    assert display_path(cwd / "data" / ".." / "page.txt", cwd) == "page.txt"


def test_records_read_from_no_file_are_keyed_by_where_they_say() -> None:
    from kg.ingest.context import ParseContext

    source = ParseContext(Path("no-such-dir/page.txt")).source(5)
    assert source.where == source.key == "no-such-dir/page.txt:5"


def test_sources_without_keys_are_keyed_by_themselves() -> None:
    """A graph written before source keys: its sources keep their place, new ones add once."""
    old = Paper("Deep Nets", sources=("/old/path/page.txt:5",))
    new = Paper("Deep Nets", sources=("page.txt:5",), source_keys=("abc:5",))
    assert union_sources(old, new, new) == (
        ("/old/path/page.txt:5", "page.txt:5"),
        ("/old/path/page.txt:5", "abc:5"),
    )
    assert old.merge(new).merge(new).sources == ("/old/path/page.txt:5", "page.txt:5")


def test_a_record_is_keyed_by_its_file_content_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    listing = tmp_path / "a.jsonl"
    listing.write_text(json.dumps({"title": "Deep Nets", "abstract": "We study nets."}) + "\n")
    (paper,) = read_papers(listing)
    assert paper.sources == ("a.jsonl:1",) and paper.source_keys == (f"{file_digest(listing)}:1",)
