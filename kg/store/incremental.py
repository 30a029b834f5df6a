"""The embedded store opened for writing on an existing graph: a commit costs what it changes.

Opening it parses nothing: reads are answered by the graph's on-disk Cypher engine
(:class:`~kg.store.engine_store.EngineStore`) with this session's writes laid over them, and the
writes are kept as property updates by node and edge. :meth:`IncrementalStore.commit` then

1. applies the updates to a copy of the engine (:mod:`kg.store.engine_update`),
2. writes the graph file again by a streaming merge of the old file with the updates
   (:func:`kg.store.graph_file.merge`: untouched lines are copied, never parsed), replaced
   atomically as before, and
3. renames the updated engine into place as the new file's engine (under the engine build
   lock, so no reader starts building it meanwhile).

A crash leaves the old file or the new one (and an engine is built for the new one by its first
reader if the crash came between 2 and 3). A commit with nothing written writes nothing: the file
stays byte-identical. Renaming or clearing nodes (rare: a paper re-keyed when its arXiv id
arrives) loads the whole graph into a :class:`~kg.store.nx_store.NetworkXStore`, replays the
writes so far and carries on there, committing as it does.

The answers are the :class:`~kg.store.nx_store.NetworkXStore`'s (the contract suite runs over
this store too) and so is the file: the same graph gives the same bytes whichever way it was
written.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.model import SCHEMA, Edge, Label, Node, RelType
from kg.store.base import Row, Stats, Subgraph, present

if TYPE_CHECKING:
    import networkx as nx

    from kg.store.engine_store import EngineStore
    from kg.store.engine_update import Changes
    from kg.store.nx_store import NetworkXStore

_CHUNK = 10_000
"""Ids asked of the engine in one statement at most."""

EdgeKey = tuple[str, str, str]  # (type, source, target)


class IncrementalStore:
    """A writable :class:`~kg.store.base.GraphStore` over an existing graph file in the line
    layout of :mod:`kg.store.graph_file` (see the module docstring)."""

    cypher_dialect = "embedded"

    def __init__(self, path: Path) -> None:
        from kg.store.embedded_cypher import FileState
        from kg.store.engine_store import EngineStore

        self.path = path
        self._base = FileState.of(path)
        """The graph file as this store read it: a commit refuses to replace a file another
        writer committed in the meantime."""
        self._reader: EngineStore = EngineStore(path, self._base)
        self._full: NetworkXStore | None = None
        self._reset()

    def _reset(self) -> None:
        self._nodes: dict[tuple[str, str], dict[str, Any]] = {}  # (label, id) -> properties set
        self._labels: dict[str, Label | None] = {}  # id -> label (None: no such node), cached
        self._stored: dict[str, Label | None] = {}  # id -> label in the engine (None: not there)
        self._edges: dict[EdgeKey, dict[str, Any]] = {}
        self._touching: dict[str, set[EdgeKey]] = defaultdict(set)

    def __str__(self) -> str:
        return str(self.path)

    @property
    def pending(self) -> bool:
        """Whether anything was written since the last commit."""
        return bool(self._nodes or self._edges)

    # -- the whole graph, when needed -----------------------------------------------------------

    def _materialize(self) -> NetworkXStore:
        """From now on, a NetworkX store of the whole file with this session's writes replayed."""
        if self._full is not None:
            return self._full
        from kg.store.nx_store import NetworkXStore

        full = NetworkXStore(self.path)
        if full._base != self._base:
            raise StoreError(
                f"{self.path}: the graph file changed since it was read (another writer committed); "
                "nothing was written: run again"
            )
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for (label, node_id), props in self._nodes.items():
            by_label[label].append({"id": node_id, **props})
        for label, rows in by_label.items():
            full.upsert_nodes(Label(label), rows)
        by_rel: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        for (rel, source, target), props in self._edges.items():
            by_rel[rel].append((source, target, props))
        for rel, edge_rows in by_rel.items():
            full.upsert_edges(RelType(rel), edge_rows)
        self._reader.close()
        self._reset()
        self._full = full
        return full

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The whole graph with the writes so far, as NetworkX (loads the file)."""
        return self._materialize().graph

    # -- writes ---------------------------------------------------------------------------------

    def upsert_nodes(self, label: Label, rows: Iterable[Row]) -> None:
        if self._full is not None:
            return self._full.upsert_nodes(label, rows)
        rows = list(rows)
        known = self._label_of([row["id"] for row in rows])
        for row in rows:
            node_id = row["id"]
            existing = known.get(node_id)
            if existing is not None and existing is not label:
                raise StoreError(f"node {node_id!r} is a {existing.value}, not a {label.value}")
            self._nodes.setdefault((label.value, node_id), {}).update(present(row, "id"))
            self._labels[node_id] = known[node_id] = label
        return None

    def upsert_edges(self, rel: RelType, rows: Iterable[tuple[str, str, Row]]) -> None:
        if self._full is not None:
            return self._full.upsert_edges(rel, rows)
        rows = list(rows)
        known = self._label_of([end for source, target, _ in rows for end in (source, target)])
        ends = SCHEMA[rel]
        for source, target, _ in rows:  # all or nothing, like a Neo4j write batch
            for end in (source, target):
                if known.get(end) is None:
                    raise StoreError(f"{rel.value} edge to a missing node {end!r}")
            found = (known[source], known[target])
            if found != ends:
                raise StoreError(
                    f"{rel.value} edge {source!r} -> {target!r} joins a {found[0].value} to a "  # type: ignore[union-attr]
                    f"{found[1].value}; the schema says {ends[0].value} -> {ends[1].value}"  # type: ignore[union-attr]
                )
        for source, target, row in rows:
            key = (rel.value, source, target)
            self._edges.setdefault(key, {}).update(present(row))
            self._touching[source].add(key)
            self._touching[target].add(key)
        return None

    def rename_node(self, label: Label, old_id: str, new_id: str) -> None:
        self._materialize().rename_node(label, old_id, new_id)

    def clear(self) -> None:
        self._materialize().clear()

    def _label_of(self, ids: Iterable[str]) -> dict[str, Label | None]:
        """The label of each id (this session's writes, else the engine's; None: no such node)."""
        out: dict[str, Label | None] = {}
        unknown = []
        for node_id in dict.fromkeys(ids):
            if node_id in self._labels:
                out[node_id] = self._labels[node_id]
            else:
                unknown.append(node_id)
        for found_id, label in self._stored_labels(unknown).items():
            self._labels[found_id] = out[found_id] = label
        return out

    def _stored_labels(self, ids: Sequence[str]) -> dict[str, Label | None]:
        """The engine's label of each id (None: not stored), cached. Each id is looked up by
        primary key under the label its prefix names, then, if not there, under the others."""
        from kg.store.engine_store import label_of

        out = {i: self._stored[i] for i in ids if i in self._stored}
        wanted = [i for i in dict.fromkeys(ids) if i not in self._stored and isinstance(i, str)]
        if not wanted:
            return out
        guesses = {i: label_of(i) for i in wanted}
        found: dict[str, Label] = {}
        for label in Label:
            asked = [i for i in wanted if guesses[i] is label]
            found.update({i: label for i in self._ids_of(label, asked)})
        missing = [i for i in wanted if i not in found]
        for label in Label if missing else ():
            asked = [i for i in missing if guesses[i] is not label]
            found.update({i: label for i in self._ids_of(label, asked)})
        for node_id in wanted:
            self._stored[node_id] = out[node_id] = found.get(node_id)
        return out

    def _ids_of(self, label: Label, ids: list[str]) -> set[str]:
        """Which of ``ids`` are nodes of ``label`` in the engine."""
        found: set[str] = set()
        for start in range(0, len(ids), _CHUNK):
            part = ids[start : start + _CHUNK]
            rows = self._reader.run_named("read-labels-of", {"ids": part}, label=label.value)
            found.update(row["id"] for row in rows)
        return found

    # -- reads: the engine's answers with the writes laid over them ----------------------------

    def get_nodes(self, label: Label, ids: Iterable[str]) -> dict[str, Node]:
        if self._full is not None:
            return self._full.get_nodes(label, ids)
        wanted = {i for i in ids if isinstance(i, str)}
        found = self._reader.get_nodes(label, wanted)
        for node_id in wanted:
            update = self._nodes.get((label.value, node_id))
            if update is not None:
                base = found[node_id].props if node_id in found else {}
                found[node_id] = Node(node_id, label, {**base, **update})
        return found

    def find_nodes(self, label: Label, prop: str, values: Iterable[Any]) -> dict[Any, str]:
        if self._full is not None:
            return self._full.find_nodes(label, prop, values)
        wanted = set(values)
        found = self._reader.find_nodes(label, prop, wanted)
        for value, node_id in list(found.items()):  # a stored match this session changed
            update = self._nodes.get((label.value, node_id))
            if update is not None and prop in update and update[prop] != value:
                del found[value]
        for (node_label, node_id), update in self._nodes.items():
            value = update.get(prop)
            if node_label != label.value or value is None:
                continue
            try:
                hit = value in wanted
            except TypeError:  # a list value
                hit = False
            if hit and (value not in found or node_id < found[value]):
                found[value] = node_id
        return found

    def iter_nodes(self, label: Label) -> Iterator[Node]:
        if self._full is not None:
            yield from self._full.iter_nodes(label)
            return
        nodes = {node.id: node for node in self._reader.iter_nodes(label)}
        for (node_label, node_id), update in self._nodes.items():
            if node_label == label.value:
                base = nodes[node_id].props if node_id in nodes else {}
                nodes[node_id] = Node(node_id, label, {**base, **update})
        for node_id in sorted(nodes):
            yield nodes[node_id]

    def iter_node_props(self, label: Label, props: Sequence[str]) -> Iterator[Node]:
        if self._full is not None:
            yield from self._full.iter_node_props(label, props)
            return
        nodes = {node.id: node for node in self._reader.iter_node_props(label, props)}
        for (node_label, node_id), update in self._nodes.items():
            if node_label == label.value:
                base = nodes[node_id].props if node_id in nodes else {}
                merged = {**base, **{k: v for k, v in update.items() if k in props}}
                nodes[node_id] = Node(node_id, label, merged)
        for node_id in sorted(nodes):
            yield nodes[node_id]

    def iter_edges(self, rel: RelType) -> Iterator[Edge]:
        if self._full is not None:
            yield from self._full.iter_edges(rel)
            return
        edges = {(e.source, e.target): e.props for e in self._reader.iter_edges(rel)}
        for (edge_rel, source, target), update in self._edges.items():
            if edge_rel == rel.value:
                edges[(source, target)] = {**edges.get((source, target), {}), **update}
        for source, target in sorted(edges):
            yield Edge(source, target, rel, edges[(source, target)])

    def edges_of(self, node_id: str) -> list[Edge]:
        if self._full is not None:
            return self._full.edges_of(node_id)
        stored_label = self._stored_labels([node_id]).get(node_id)
        found: dict[EdgeKey, dict[str, Any]] = {}
        if stored_label is not None:
            for edge in self._reader.edges_of(node_id, stored_label):
                found[(edge.type.value, edge.source, edge.target)] = edge.props
        for key in self._touching.get(node_id, ()):
            found[key] = {**found.get(key, {}), **self._edges[key]}
        return [Edge(s, t, RelType(k), found[(k, s, t)]) for k, s, t in sorted(found)]

    def dated_sources(self, rels: Sequence[RelType], targets: Iterable[str]) -> list[tuple[str, str, str]]:
        from kg.store.base import paper_date

        if self._full is not None:
            return self._full.dated_sources(rels, targets)
        wanted = {i for i in targets if isinstance(i, str)}
        names = {rel.value for rel in rels}
        found = dict(self._reader.source_dates(rels, wanted))
        for target in wanted:  # edges written this session
            for rel, source, edge_target in self._touching.get(target, ()):
                if rel in names and edge_target == target:
                    found.setdefault((target, source), {})
        sources = {source for _, source in found}
        updated = {source for source in sources if (Label.PAPER.value, source) in self._nodes}
        missing = {source for (target, source), props in found.items() if not props}
        papers = self.get_nodes(Label.PAPER, updated | missing) if updated | missing else {}
        dated = set()
        for (target, source), props in found.items():
            merged = papers[source].props if source in papers else props
            if date := paper_date(merged):
                dated.add((target, source, date))
        return sorted(dated)

    def neighbourhood(self, node_id: str, hops: int = 1) -> Subgraph:
        if self._full is not None:
            return self._full.neighbourhood(node_id, hops)
        if not self.pending:
            return self._reader.neighbourhood(node_id, hops)
        return self._materialize().neighbourhood(node_id, hops)

    def stats(self) -> Stats:
        if self._full is not None:
            return self._full.stats()
        base = self._reader.stats()
        if not self.pending:
            return base
        nodes, edges = dict(base.nodes), dict(base.edges)
        ends = [n for _, source, target in self._edges for n in (source, target)]
        stored = self._stored_labels([n for _, n in self._nodes] + ends)
        for label, node_id in self._nodes:
            if stored.get(node_id) is None:
                nodes[label] += 1
        existing = self._stored_edges(k for k in self._edges if stored.get(k[1]) and stored.get(k[2]))
        for rel, _, _ in self._edges:
            edges[rel] += 1
        for rel, _, _ in existing:
            edges[rel] -= 1
        return Stats.of(nodes, edges)

    def run_cypher(
        self,
        query: str,
        params: Mapping[str, Any],
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> list[dict[str, Any]]:
        """Read-only Cypher (see :meth:`NetworkXStore.run_cypher`): the engine's, or, with writes
        not committed yet, an engine of the whole graph with them."""
        if self._full is None and not self.pending:
            return self._reader.run_cypher(query, params, write=write, timeout=timeout)
        return self._materialize().run_cypher(query, params, write=write, timeout=timeout)

    # -- commit ---------------------------------------------------------------------------------

    def commit(self) -> None:
        """Write the changes: the engine copy updated, the file merged, both in place (see the
        module docstring). Nothing written, nothing done."""
        from kg.atomic import atomic_write, fsync_dir
        from kg.store import graph_file
        from kg.store.embedded_cypher import FileState, _clean, build_lock, engine_path
        from kg.store.engine_store import EngineStore
        from kg.store.engine_update import RebuildNeededError, updated_copy
        from kg.store.lock import exclusive

        if self._full is not None:
            self._full.commit()
            self._full.build_engine()
            return
        if not self.pending:
            return
        if FileState.of(self.path) != self._base:
            raise StoreError(
                f"{self.path}: the graph file changed since it was read (another writer committed); "
                "nothing was written: run again (kg ingest takes a lock so that this cannot happen)"
            )
        assert self._base is not None
        changes, nodes, edges = self._changes()
        if not (nodes or edges):  # every write gave what the graph already holds
            self._reset()
            return
        old_engine = engine_path(self.path, self._base)
        # The engine copy is updated by a child process (waited for in a second thread) while
        # this one merges the file; the file is renamed into place once both are ready.
        with ThreadPoolExecutor(1, thread_name_prefix="kg-engine-update") as pool:
            future = pool.submit(updated_copy, old_engine, changes)
            engine: Path | None = None
            try:
                with exclusive(build_lock(self.path), what="updating the query engine"):
                    with atomic_write(self.path, "wb", durable=True) as handle:
                        graph_file.merge(self.path, handle, nodes, edges)
                        try:
                            engine = future.result()
                        except (RebuildNeededError, OSError):  # built from the new file below
                            engine = None
                    state = FileState.of(self.path)
                    assert state is not None
                    if engine is not None:
                        target = engine_path(self.path, state)
                        os.replace(engine, target)
                        engine = None
                        fsync_dir(target.parent)
                        _clean(target.parent, keep=target)
            finally:
                if engine is None and not future.done():
                    wait([future])
                    if future.exception() is None:
                        engine = future.result()
                if engine is not None:
                    engine.unlink(missing_ok=True)
        self._reader.close()
        self._base = state
        self._reset()
        self._reader = EngineStore(self.path, state)  # built here if the update could not be applied

    def _changes(
        self,
    ) -> tuple[Changes, dict[tuple[str, str], dict[str, Any]], dict[EdgeKey, dict[str, Any]]]:
        """The writes that change the graph: as engine changes (created or set), and as the
        updates of the file's lines. A write of what is already stored changes nothing."""
        from kg.store.engine_update import Changes

        changes = Changes()
        nodes: dict[tuple[str, str], dict[str, Any]] = {}
        stored_ids: dict[str, list[str]] = defaultdict(list)
        for (label, node_id), update in self._nodes.items():
            if self._stored.get(node_id) is None:
                changes.new_nodes[label].append({"id": node_id, **update})
                nodes[(label, node_id)] = update
            else:
                stored_ids[label].append(node_id)
        for label, ids in stored_ids.items():
            stored = self._reader.get_nodes(Label(label), ids)
            for node_id in ids:
                update = self._nodes[(label, node_id)]
                props = stored[node_id].props
                if any(props.get(k) != v for k, v in update.items()):
                    changes.set_nodes[label].append({"id": node_id, **update})
                    nodes[(label, node_id)] = update
        edges: dict[EdgeKey, dict[str, Any]] = {}
        candidates: dict[str, list[dict[str, str]]] = defaultdict(list)
        for (rel, source, target), update in self._edges.items():
            if self._stored.get(source) is None or self._stored.get(target) is None:
                changes.new_edges[rel].append({"source": source, "target": target, **update})
                edges[(rel, source, target)] = update
            else:
                candidates[rel].append({"source": source, "target": target})
        stored_edges = self._stored_edges(
            (rel, pair["source"], pair["target"]) for rel, pairs in candidates.items() for pair in pairs
        )
        for rel, pairs in candidates.items():
            for pair in pairs:
                key = (rel, pair["source"], pair["target"])
                update = self._edges[key]
                before = stored_edges.get(key)
                if before is None:
                    changes.new_edges[rel].append({**pair, **update})
                elif any(before.get(k) != v for k, v in update.items()):
                    changes.set_edges[rel].append({**pair, **update})
                else:
                    continue
                edges[key] = update
        return changes, nodes, edges

    def _stored_edges(self, keys: Iterable[EdgeKey]) -> dict[EdgeKey, dict[str, Any]]:
        """The stored relationships among ``keys`` (type, source, target), with their properties.

        Asked a node at a time (the engine answers a primary-key lookup and its adjacency list
        far faster than one statement over many pairs): every edge out of, or into, the end
        that is a paper (else the source), once for all the types asked of it.
        """
        anchors: dict[tuple[str, str, Label], set[EdgeKey]] = defaultdict(set)
        for key in keys:
            rel, source, target = key
            src, dst = SCHEMA[RelType(rel)]
            if dst is Label.PAPER and src is not Label.PAPER:
                anchors[(target, "read-edges-in", dst)].add(key)
            else:
                anchors[(source, "read-edges-out", src)].add(key)
        found: dict[EdgeKey, dict[str, Any]] = {}
        for (node_id, name, label), wanted in anchors.items():
            for row in self._reader.run_named(name, {"id": node_id}, label=label.value):
                key = (row["type"], row["source"], row["target"])
                if key in wanted:
                    found[key] = row["r"]
        return found

    def build_engine(self) -> None:
        """Nothing to do once committed: :meth:`commit` keeps the engine current."""
        if self._full is not None:
            self._full.build_engine()

    def close(self) -> None:
        """Release the engine (uncommitted changes are dropped)."""
        if self._full is not None:
            self._full.close()
        else:
            self._reader.close()
