"""``kg export``: the graph as GraphML, GEXF, JSON or CSV for ``neo4j-admin database import``."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.atomic import atomic_write
from kg.model import Label, RelType

if TYPE_CHECKING:
    import networkx as nx

    from kg.store.base import GraphStore
    from kg.store.nx_store import NetworkXStore


class ExportFormat(StrEnum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    JSON = "json"
    CSV = "csv"


def _flat(value: Any) -> Any:
    """GraphML/GEXF hold scalars only: lists become JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


RENAMED_EDGE_PROPS = {"start": "char_start", "end": "char_end"}
"""Edge properties renamed in GraphML and GEXF: GEXF reserves ``start``/``end`` for time."""


def _flat_graph(store: NetworkXStore) -> nx.MultiDiGraph:
    """The graph as other tools read it: each node's ``label`` is its display name (a paper's
    title, an entity's name) and ``type`` its node label; each edge's ``label`` and ``relation``
    are its relationship type; character offsets are ``char_start``/``char_end``; lists are JSON.
    """
    import networkx as nx

    flat: nx.MultiDiGraph = nx.MultiDiGraph()
    for node, attrs in store.graph.nodes(data=True):
        props = {k: _flat(v) for k, v in attrs.items() if v is not None and k != "label"}
        name = attrs.get("title") or attrs.get("name") or node
        flat.add_node(node, **props, label=str(name), type=attrs["label"])
    for source, target, key, attrs in store.graph.edges(keys=True, data=True):
        props = {
            RENAMED_EDGE_PROPS.get(k, k): _flat(v) for k, v in attrs.items() if v is not None and k != "type"
        }
        flat.add_edge(source, target, key=key, **props, label=key, relation=key)
    return flat


def _csv_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, list) for v in present):
        return "string[]"
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "double"
    return "string"


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v).replace(";", ",") for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else value


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with atomic_write(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def export_csv(store: NetworkXStore, directory: Path) -> list[Path]:
    """One nodes file per label and one relationships file per type, in neo4j-admin's layout."""
    graph = store.graph
    written: list[Path] = []
    for label in Label:
        ids = sorted(n for n, a in graph.nodes(data=True) if a["label"] == label.value)
        if not ids:
            continue
        props = sorted({k for n in ids for k in graph.nodes[n] if k != "label"})
        types = {p: _csv_type([graph.nodes[n].get(p) for n in ids]) for p in props}
        header = ["id:ID", *(f"{p}:{types[p]}" for p in props), ":LABEL"]
        rows = [[n, *(_csv_value(graph.nodes[n].get(p)) for p in props), label.value] for n in ids]
        written.append(directory / f"nodes_{label.value}.csv")
        _write_csv(written[-1], header, rows)
    for rel in RelType:
        edges = sorted((s, t, a) for s, t, k, a in graph.edges(keys=True, data=True) if k == rel.value)
        if not edges:
            continue
        props = sorted({k for _, _, a in edges for k in a if k != "type"})
        types = {p: _csv_type([a.get(p) for _, _, a in edges]) for p in props}
        header = [":START_ID", ":END_ID", *(f"{p}:{types[p]}" for p in props), ":TYPE"]
        rows = [[s, t, *(_csv_value(a.get(p)) for p in props), rel.value] for s, t, a in edges]
        written.append(directory / f"relationships_{rel.value}.csv")
        _write_csv(written[-1], header, rows)
    command = ["neo4j-admin database import full neo4j --array-delimiter=';'"]
    command += [f"  --nodes={p.name}" for p in written if p.name.startswith("nodes_")]
    command += [f"  --relationships={p.name}" for p in written if p.name.startswith("relationships_")]
    written.append(directory / "import.sh")
    with atomic_write(written[-1]) as handle:
        handle.write("#!/bin/sh\n# Load these files into an empty Neo4j database.\n")
        handle.write(" \\\n".join(command) + "\n")
    return written


def as_networkx(store: GraphStore) -> NetworkXStore:
    """The embedded store itself, or any other store's graph copied into memory."""
    from kg.store.copy import copy_graph
    from kg.store.nx_store import NetworkXStore

    if isinstance(store, NetworkXStore):
        return store
    copy = NetworkXStore(None)
    copy_graph(store, copy)
    return copy


def export_graph(store: GraphStore, fmt: ExportFormat, directory: Path) -> list[Path]:
    """Write the graph of any store into ``directory`` in ``fmt``; returns the files written."""
    store = as_networkx(store)
    directory.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.CSV:
        return export_csv(store, directory)
    target = directory / f"graph.{fmt.value}"
    if fmt is ExportFormat.JSON:
        with atomic_write(target) as handle:
            json.dump(store.to_json(), handle, ensure_ascii=False, indent=1)
        return [target]
    import networkx as nx

    writers: dict[ExportFormat, Callable[..., None]] = {
        ExportFormat.GRAPHML: nx.write_graphml,
        ExportFormat.GEXF: nx.write_gexf,
    }
    with atomic_write(target, "wb") as handle:
        writers[fmt](_flat_graph(store), handle)
    return [target]
