"""The graph file's layout: one JSON document, one node or edge a line, so that a commit can
rewrite it by a streaming merge instead of parsing and re-encoding the whole graph.

::

    {"format":"paper-kg/graph","version":1,"nodes":[
    {"id":"2401.00001","label":"Paper","abstract":"…","title":"…"},
    {"id":"method:lora","label":"Method","aliases":[],"name":"LoRA"}
    ],"edges":[
    {"source":"2401.00001","target":"method:lora","type":"USES","confidence":0.8,…}
    ]}

Nodes are ordered by (label, id), edges by (type, source, target); a node's line is its id and
label, then its properties ordered by name (an edge's: source, target, type, then its
properties), so the bytes depend only on the graph, never on the order it was written in. The
document is plain JSON (``json.load`` reads it whole); :func:`merge` reads it a line at a time,
parsing only the lines a commit changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

FILE_FORMAT = "paper-kg/graph"
FILE_VERSION = 1
HEAD = '{"format":"paper-kg/graph","version":1,"nodes":['
MIDDLE = '],"edges":['
TAIL = "]}"

NodeKey = tuple[str, str]  # (label, id)
EdgeKey = tuple[str, str, str]  # (type, source, target)

_STRING = r'"((?:[^"\\]|\\.)*)"'
_NODE_KEY = re.compile(r'\{"id":' + _STRING + r',"label":"([A-Za-z_]+)"')
_EDGE_KEY = re.compile(r'\{"source":' + _STRING + r',"target":' + _STRING + r',"type":"([A-Z_]+)"')
_BATCH = 4096
"""Lines joined into one write."""

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class NotLineFormatError(Exception):
    """The file is not in this layout (an older paper-kg wrote it whole on one line)."""


def node_line(node_id: str, label: str, props: Mapping[str, Any]) -> str:
    """A node's line (without the separating comma)."""
    return _encode({"id": node_id, "label": label, **{k: props[k] for k in sorted(props)}})


def edge_line(source: str, target: str, rel: str, props: Mapping[str, Any]) -> str:
    """An edge's line (without the separating comma); ``props`` holds no ``type``."""
    ordered = {k: props[k] for k in sorted(props) if k != "type"}
    return _encode({"source": source, "target": target, "type": rel, **ordered})


def write(handle: IO[str], nodes: Iterable[str], edges: Iterable[str]) -> None:
    """The whole document from node and edge lines, each group already in file order."""
    handle.write(HEAD + "\n")
    _write_lines(handle, nodes)
    handle.write(MIDDLE + "\n")
    _write_lines(handle, edges)
    handle.write(TAIL + "\n")


def _write_lines(handle: IO[str], lines: Iterable[str]) -> None:
    """Items one a line, comma-separated, a few thousand a write."""
    batch: list[str] = []
    wrote = False
    for line in lines:
        batch.append(line)
        if len(batch) >= _BATCH:
            handle.write((",\n" if wrote else "") + ",\n".join(batch))
            wrote, batch = True, []
    if batch:
        handle.write((",\n" if wrote else "") + ",\n".join(batch))
        wrote = True
    if wrote:
        handle.write("\n")


def is_line_format(path: Path) -> bool:
    """Whether the file at ``path`` is in this layout (judged from its first line)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.readline(len(HEAD) + 2) == HEAD + "\n"
    except (OSError, UnicodeDecodeError):
        return False


def _text(raw: str) -> str:
    """A JSON string's content as the string it stands for."""
    return json.loads(f'"{raw}"') if "\\" in raw else raw


def merge(
    source: Path,
    handle: IO[str],
    nodes: Mapping[NodeKey, Mapping[str, Any]],
    edges: Mapping[EdgeKey, Mapping[str, Any]],
) -> tuple[int, int]:
    """Write to ``handle`` the file at ``source`` with property updates applied: a node or edge
    the file holds gets the given properties over its own, one it lacks is added with them.

    Returns how many nodes and edges were added. Reads a line at a time (memory: the updates);
    only the changed lines are parsed. :class:`NotLineFormatError` if the file is not in this
    layout.
    """
    with open(source, encoding="utf-8") as lines:
        if lines.readline() != HEAD + "\n":
            raise NotLineFormatError(str(source))
        handle.write(HEAD + "\n")
        added_nodes = _merge_section(lines, handle, nodes, MIDDLE, _node_key, _node_item)
        handle.write(MIDDLE + "\n")
        added_edges = _merge_section(lines, handle, edges, TAIL, _edge_key, _edge_item)
        handle.write(TAIL + "\n")
    return added_nodes, added_edges


def _node_key(line: str) -> NodeKey:
    match = _NODE_KEY.match(line)
    if match is None:
        raise NotLineFormatError(line[:80])
    return match.group(2), _text(match.group(1))


def _edge_key(line: str) -> EdgeKey:
    match = _EDGE_KEY.match(line)
    if match is None:
        raise NotLineFormatError(line[:80])
    return match.group(3), _text(match.group(1)), _text(match.group(2))


def _node_item(key: NodeKey, old: str | None, update: Mapping[str, Any]) -> str:
    props: dict[str, Any] = {}
    if old is not None:
        props = json.loads(old)
        del props["id"], props["label"]
    props.update(update)
    return node_line(key[1], key[0], props)


def _edge_item(key: EdgeKey, old: str | None, update: Mapping[str, Any]) -> str:
    props: dict[str, Any] = {}
    if old is not None:
        props = json.loads(old)
        del props["source"], props["target"], props["type"]
    props.update(update)
    return edge_line(key[1], key[2], key[0], props)


def _merge_section(
    lines: IO[str],
    handle: IO[str],
    updates: Mapping[Any, Mapping[str, Any]],
    end: str,
    key_of: Any,
    item: Any,
) -> int:
    """Copy one section's lines up to ``end`` with ``updates`` merged in; returns how many
    items were added."""
    pending = sorted(updates)
    at = 0
    added = 0

    def items() -> Iterator[str]:
        nonlocal at, added
        for raw in lines:
            if raw.startswith(end):
                break
            text = raw.rstrip("\n").removesuffix(",")
            if at < len(pending):
                key = key_of(text)
                while at < len(pending) and pending[at] < key:
                    yield item(pending[at], None, updates[pending[at]])
                    added += 1
                    at += 1
                if at < len(pending) and pending[at] == key:
                    yield item(key, text, updates[key])
                    at += 1
                    continue
            yield text
        else:
            raise NotLineFormatError(f"the file ends before {end!r}")
        for key in pending[at:]:
            yield item(key, None, updates[key])
            added += 1
        at = len(pending)

    _write_lines(handle, items())
    return added
