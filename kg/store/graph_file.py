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
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from kg.errors import GraphFileError

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


class NotLineFormatError(GraphFileError):
    """The file is not in this layout (an older paper-kg wrote it whole on one line, or it was
    damaged)."""


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
    handle: IO[bytes],
    nodes: Mapping[NodeKey, Mapping[str, Any]],
    edges: Mapping[EdgeKey, Mapping[str, Any]],
) -> None:
    """Write to ``handle`` (binary) the file at ``source`` with property updates applied: a node
    or edge the file holds gets the given properties over its own, one it lacks is added.

    The file is sorted, so each update's place is found by bisection (a few lines parsed per
    update) and the bytes between two places are copied as they are: the cost is a copy of
    the file plus what changes. :class:`NotLineFormatError` if the file is not in this layout.
    """
    import mmap

    head = (HEAD + "\n").encode()
    middle = ("\n" + MIDDLE + "\n").encode()
    tail = ("\n" + TAIL + "\n").encode()
    with open(source, "rb") as raw:
        if raw.read(len(head)) != head:
            raise NotLineFormatError(f"{source}: not a graph file this paper-kg writes a line at a time")
        with mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ) as data:
            split = data.find(middle, len(head) - 1)
            if split < 0 or not data[-len(tail) :] == tail:
                raise NotLineFormatError(f"{source}: not a readable graph file (no edges, or cut short)")
            end = len(data) - len(tail) + 1
            handle.write(head)
            _merge_section(data, len(head), split + 1, handle, nodes, _node_key, _node_item)
            handle.write(middle[1:])
            _merge_section(data, split + len(middle), end, handle, edges, _edge_key, _edge_item)
            handle.write(tail[1:])


def _node_key(line: str) -> NodeKey:
    match = _NODE_KEY.match(line)
    if match is None:
        raise NotLineFormatError(f"the graph file holds a line that is no node: {line[:80]!r}")
    return match.group(2), _text(match.group(1))


def _edge_key(line: str) -> EdgeKey:
    match = _EDGE_KEY.match(line)
    if match is None:
        raise NotLineFormatError(f"the graph file holds a line that is no edge: {line[:80]!r}")
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
    data: Any,
    start: int,
    end: int,
    handle: IO[bytes],
    updates: Mapping[Any, Mapping[str, Any]],
    key_of: Any,
    item: Any,
) -> None:
    """One section (lines ``data[start:end]``, each ending in ``,\\n`` but the last) with
    ``updates`` merged in."""
    with memoryview(data) as view:  # untouched bytes go from the map to the file uncopied
        _merge_lines(data, view, start, end, handle, updates, key_of, item)


def _merge_lines(
    data: Any,
    view: memoryview,
    start: int,
    end: int,
    handle: IO[bytes],
    updates: Mapping[Any, Mapping[str, Any]],
    key_of: Any,
    item: Any,
) -> None:
    last_piece_is_item = False
    at = start  # where the bytes not yet written start
    for key in sorted(updates):
        place = _bisect(data, at, end, key, key_of)
        if place > at:
            if place == end and data[place - 2 : place] != b",\n":
                handle.write(view[at : place - 1])  # the section's last line, now followed by more
                handle.write(b",\n")
            else:
                handle.write(view[at:place])
        line_end = data.find(b"\n", place, end) + 1 if place < end else end
        old = data[place:line_end].decode("utf-8").rstrip("\n").removesuffix(",") if place < end else None
        if old is not None and key_of(old) == key:
            handle.write(item(key, old, updates[key]).encode() + b",\n")
            at = line_end
        else:
            handle.write(item(key, None, updates[key]).encode() + b",\n")
            at = place
        last_piece_is_item = True
    if at < end:
        handle.write(view[at:end])
    elif last_piece_is_item:
        handle.seek(-2, 1)  # the last item written: no comma after it
        handle.write(b"\n")
        handle.truncate()


def _bisect(data: Any, lo: int, hi: int, key: Any, key_of: Any) -> int:
    """The start of the first line in ``data[lo:hi]`` (line starts) whose key is not below ``key``."""
    while lo < hi:
        mid = (lo + hi) // 2
        line_start = data.rfind(b"\n", lo, mid) + 1 or lo
        line_start = max(line_start, lo)
        line_end = data.find(b"\n", line_start, hi) + 1
        text = data[line_start:line_end].decode("utf-8").rstrip("\n").removesuffix(",")
        if key_of(text) < key:
            lo = line_end
        else:
            hi = line_start
    return lo
