"""Copy a whole graph from one store into another (``kg sync``, exports from any store)."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Label, RelType
from kg.store.base import GraphStore, Stats, batched

COPY_BATCH = 10_000


def copy_graph(
    source: GraphStore,
    target: GraphStore,
    *,
    clear: bool = False,
    batch_size: int = COPY_BATCH,
    on_progress: Callable[[int, int], None] | None = None,
) -> Stats:
    """Upsert every node, then every edge of ``source`` into ``target`` and commit.

    Streams: at most ``batch_size`` rows are in flight. Upserts, so copying again (after an
    interruption, say) ends with the same graph. ``clear`` empties ``target`` first. Returns
    the source's counts; ``on_progress(done, total)`` follows nodes and edges written.
    """
    stats = source.stats()
    total = sum(stats.nodes.values()) + sum(stats.edges.values())
    done = 0
    if clear:
        target.clear()
    for label in Label:
        for nodes in batched(source.iter_nodes(label), batch_size):
            target.upsert_nodes(label, [{**node.props, "id": node.id} for node in nodes])
            done += len(nodes)
            if on_progress is not None:
                on_progress(done, total)
    for rel in RelType:
        for edges in batched(source.iter_edges(rel), batch_size):
            target.upsert_edges(rel, [(edge.source, edge.target, edge.props) for edge in edges])
            done += len(edges)
            if on_progress is not None:
                on_progress(done, total)
    target.commit()
    return stats
