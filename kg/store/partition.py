"""Split write batches so that concurrent transactions never touch the same node.

Neo4j's ``MERGE`` locks the nodes it matches or creates until commit; two transactions that share
nodes wait for each other and often deadlock. Transactions over disjoint nodes run side by side
(they can still meet on the relationship records they link new edges to, which makes a deadlock
rare, not impossible: the driver retries it):

* nodes: part ``k`` of a chunk holds the rows whose id hashes to ``k`` (one id, one part);
* edges between two labels: block ``(i, j)`` holds the rows whose source hashes to ``i`` and
  target to ``j``; round ``r`` runs blocks ``(w, (w + r) % n)`` for every ``w``, which share no
  source and no target, and the ``n`` rounds cover every block once.

Rows keep their input order inside a part or block, and a repeated id (or source and target)
always lands in the same one, so the result equals a sequential load.
"""

from __future__ import annotations

import zlib
from typing import Any

Record = dict[str, Any]


def _part(key: str, parts: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % parts


def node_parts(rows: list[Record], parts: int) -> list[list[Record]]:
    """``rows`` (each with an ``id``) in ``parts`` node-disjoint lists, empty ones dropped."""
    split: list[list[Record]] = [[] for _ in range(parts)]
    for row in rows:
        split[_part(row["id"], parts)].append(row)
    return [part for part in split if part]


def edge_rounds(rows: list[Record], parts: int) -> list[list[list[Record]]]:
    """``rows`` (each with ``source`` and ``target``) as rounds of node-disjoint blocks."""
    blocks: list[list[list[Record]]] = [[[] for _ in range(parts)] for _ in range(parts)]
    for row in rows:
        blocks[_part(row["source"], parts)][_part(row["target"], parts)].append(row)
    rounds = [[blocks[w][(w + r) % parts] for w in range(parts)] for r in range(parts)]
    return [[block for block in round_ if block] for round_ in rounds if any(round_)]
