"""Concurrent write batches never share a node, and together they are the input, in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.store.partition import edge_rounds, node_parts

ids = st.sampled_from([f"n{i}" for i in range(30)])


@given(st.lists(ids, max_size=200), st.integers(1, 4))
def test_node_parts_are_disjoint_and_keep_order(keys: list[str], parts: int) -> None:
    rows = [{"id": key, "seq": i} for i, key in enumerate(keys)]
    split = node_parts(rows, parts)
    assert len(split) <= parts and all(split)
    assert sorted(r["seq"] for part in split for r in part) == list(range(len(rows)))
    owners = [{r["id"] for r in part} for part in split]
    assert all(a.isdisjoint(b) for i, a in enumerate(owners) for b in owners[i + 1 :])
    assert all([r["seq"] for r in part] == sorted(r["seq"] for r in part) for part in split)


@given(st.lists(st.tuples(ids, ids), max_size=300), st.integers(1, 4))
def test_edge_rounds_run_node_disjoint_blocks(pairs: list[tuple[str, str]], parts: int) -> None:
    rows = [{"source": s, "target": f"t{t}", "seq": i} for i, (s, t) in enumerate(pairs)]
    rounds = edge_rounds(rows, parts)
    assert len(rounds) <= parts
    assert sorted(r["seq"] for blocks in rounds for block in blocks for r in block) == list(range(len(rows)))
    for blocks in rounds:
        assert len(blocks) <= parts
        nodes = [{r["source"] for r in b} | {r["target"] for r in b} for b in blocks]
        assert all(a.isdisjoint(b) for i, a in enumerate(nodes) for b in nodes[i + 1 :])
        assert all([r["seq"] for r in block] == sorted(r["seq"] for r in block) for block in blocks)
