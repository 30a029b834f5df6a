"""``kg ingest`` of ``kg extract --format jsonl`` output: the same graph, no extraction again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import kg

from kg.build import ingest, load_extracted
from kg.extracted import is_extracted, read_extracted
from kg.store import open_store


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory, sample: list[Path]) -> Path:
    """The sample pages through ``kg extract --format jsonl``."""
    from kg.cli.extract_cmd import _papers
    from kg.extraction import extract_entities

    path = tmp_path_factory.mktemp("extracted") / "sample.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for record in extract_entities(_papers(sample)):  # type: ignore[arg-type]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_extracted_records_load_into_the_same_graph(extracted: Path, ingested: Path, tmp_path: Path) -> None:
    assert is_extracted(extracted) and not is_extracted(Path(__file__))
    graph = tmp_path / "graph.json"
    code, out, err = kg("ingest", str(extracted), "--graph", str(graph), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["new_papers"] == 250
    assert graph.read_bytes() == ingested.read_bytes()
    code, out, err = kg("ingest", str(extracted), "--graph", str(graph), "--format", "json")
    assert code == 0 and json.loads(out)["new_papers"] == 0  # re-ingest changes nothing
    assert graph.read_bytes() == ingested.read_bytes()


def test_small_batches_and_a_split_stream_make_the_same_graph(
    extracted: Path, ingested: Path, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "graph.json")
    loaded = load_extracted(store, read_extracted(extracted), batch_size=7)
    assert (loaded.records, loaded.papers, loaded.existing) == (250, 250, 0)
    store.commit()
    assert (tmp_path / "graph.json").read_bytes() == ingested.read_bytes()
    lines = extracted.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    first.write_text("".join(lines[:200]), encoding="utf-8")
    second.write_text("".join(lines[150:]), encoding="utf-8")  # 50 papers again
    path = tmp_path / "incremental.json"
    ingest(open_store(path), [first])
    report = ingest(open_store(path), [second])
    assert (report.records, report.new_papers, report.merged_papers) == (100, 50, 50)
    assert path.read_bytes() == ingested.read_bytes()


def test_a_bad_extracted_record_names_its_line_and_changes_nothing(extracted: Path, tmp_path: Path) -> None:
    lines = extracted.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[3])
    record["methods"] = [{"name": "x"}]  # no key, no evidence
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join([*lines[:3], json.dumps(record) + "\n", *lines[4:10]]), encoding="utf-8")
    graph = tmp_path / "graph.json"
    code, _, err = kg("ingest", str(bad), "--graph", str(graph))
    assert code == 2
    assert err.startswith(f"kg: error: {bad}:4: not a kg extract record: a malformed entity")
    assert not graph.exists()
    code, out, err = kg("ingest", str(bad), "--graph", str(graph), "--skip-bad", "--format", "json")
    assert code == 0 and json.loads(out)["new_papers"] == 9
    assert f"{bad}:4" in err
