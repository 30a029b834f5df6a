"""Two ``kg ingest`` processes on one graph at once: a lock keeps both's papers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import Label
from kg.store import open_store, write_lock
from kg.store.lock import exclusive, holder, lock_path

ROOT = Path(__file__).resolve().parents[1]


def _records(tmp_path: Path, name: str, count: int) -> Path:
    path = tmp_path / f"{name}.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(count):
            record = {
                "title": f"Paper {name} {i}: Sparse Attention for Long Documents",
                "abstract": f"We propose {name.upper()}Net{i}, a method evaluated on ImageNet with LoRA.",
                "published": "2025-01-0" + str(1 + i % 9),
            }
            handle.write(json.dumps(record) + "\n")
    return path


def _kg(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("attempt", range(3))
def test_two_ingests_at_once_keep_every_paper(tmp_path: Path, attempt: int) -> None:
    graph = tmp_path / "kg-data" / "graph.json"
    inputs = [_records(tmp_path, name, 12) for name in ("alpha", "beta")]
    runs = [_kg("ingest", str(path), "--graph", str(graph), "--format", "json") for path in inputs]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
    titles = {node.props["title"] for node in open_store(graph).iter_nodes(Label.PAPER)}
    assert titles == {
        f"Paper {n} {i}: Sparse Attention for Long Documents" for n in ("alpha", "beta") for i in range(12)
    }
    for _, err in outputs:  # whoever waited said so, naming the holder and the lock file
        for line in err.splitlines():
            if "waiting" in line:
                assert line.startswith("kg: waiting for process ") and str(lock_path(graph)) in line


def test_a_waiting_writer_says_whom_it_waits_for(tmp_path: Path, sample: list[Path]) -> None:
    graph = tmp_path / "graph.json"
    with exclusive(lock_path(graph), what="kg ingest"):
        run = _kg("ingest", str(sample[0]), "--graph", str(graph))
        line = run.stderr.readline() if run.stderr else ""
        assert line.startswith(f"kg: waiting for process {os.getpid()} (kg ingest) to finish")
        assert run.poll() is None  # still waiting
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    assert open_store(graph).stats().nodes["Paper"] > 0


def test_a_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    graph = tmp_path / "graph.json"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    lock_path(graph).write_text(f"{dead.stdout.strip()}@00000000 kg ingest\n")  # left behind, not held
    told: list[str] = []
    with write_lock(graph, on_wait=told.append):
        assert holder(lock_path(graph)).startswith(f"process {os.getpid()}")
    assert told == []


def test_a_commit_over_a_file_changed_underneath_is_refused(tmp_path: Path) -> None:
    from kg.errors import StoreError

    graph = tmp_path / "graph.json"
    first, second = open_store(graph), open_store(graph)
    first.upsert_nodes(Label.PAPER, [{"id": "a", "title": "A"}])
    first.commit()
    second.upsert_nodes(Label.PAPER, [{"id": "b", "title": "B"}])
    with pytest.raises(StoreError, match="changed since it was read"):
        second.commit()
    assert [n.id for n in open_store(graph).iter_nodes(Label.PAPER)] == ["a"]
